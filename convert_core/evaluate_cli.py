"""``convert evaluate``: read pages, score them against their gold files, print the scores.

Imported only when the subcommand runs (``convert PAGE --to json`` never loads it).
"""

from __future__ import annotations

import argparse
import json
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import stdout, values
from .api import options_not_applied, read_stdin
from .batch import find_inputs
from .cli import (
    PROG,
    Console,
    _checked,
    _counted,
    _final_code,
    _HelpFormatter,
    _pages_and_gold_args,
    _Parser,
    _plugin_args,
    _reader_args,
    _reader_kwargs,
    _registry_from,
)
from .errors import EXIT_OK, EXIT_PARTIAL, ConvertError, UsageError
from .errors import reason as error_reason
from .evaluate import PageScore, TotalScore, aggregate, load_gold, read_page, score
from .output import PAGE_SUFFIXES
from .plugins import PluginRegistry
from .reader import MAX_INPUT_BYTES
from .scorecard import ARTICLE_FIELDS, PHOTO_FIELDS, Detection, Mistake, Tally
from .terminal import printable
from .treeview import shorten

#: Names a gold file may have, for a page ``STEM.txt``; the first wins when several are found.
GOLD_SUFFIXES: tuple[str, ...] = (".gold.json", ".expected.json", ".json")

DESCRIPTION = """\
Measure the reader against gold: read each page as 'convert PAGE' does, then compare
what it found with the page's gold file (what the page truly holds) and print, per page
and in total, headline precision, recall and F1, the accuracy of each field of the
articles it found (structure = kicker, subheadline and paragraph count all right), photo
caption and credit accuracy, and the characters lost (for a PDF or ALTO page, of the
characters it prints).

A page STEM.txt (or STEM.pdf, STEM.xml) is paired with STEM.gold.json, STEM.expected.json
or STEM.json found anywhere under --gold DIR. Gold files are in the seed's format (seeds/*.expected.json) or
in our JSON form, partial if need be: a field left out is not scored, a field given as
null is known to be empty. The README's "Measuring the reader" defines every number.
"""

EPILOG = """\
examples:
  convert evaluate seeds/000_80fb9983b63b8a66.txt --gold seeds/
  convert evaluate archive/ --gold gold/ --details          every mistake, page by page
  convert evaluate archive/ --gold gold/ --json > scores.json
  convert evaluate archive/ --gold gold/ --min-f1 0.9       for CI: exit 1 below 0.9

exit codes:
  0 the pages were scored (whatever the scores) · 1 total headline F1 below --min-f1,
  or failures of several kinds · 2 usage error (also: no page has a gold file)
  3 a page or gold file cannot be read (named; the other pages are still scored)
"""

_FIELD_NAMES = {
    "structure": "structure",
    "kicker": "kicker",
    "subheadline": "subheadline",
    "dateline": "dateline",
    "column": "column",
    "bylines": "bylines",
    "paragraph_count": "paragraph count",
    "paragraphs": "paragraph texts",
    "caption": "caption",
    "credit": "credit",
}


def evaluate_parser() -> argparse.ArgumentParser:
    """The parser of ``convert evaluate``."""
    parser = _Parser(
        prog=f"{PROG} evaluate",
        usage="%(prog)s PAGE... --gold DIR [--json] [--details] [--min-f1 X] [--width N] [reading options]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
    )
    _pages_and_gold_args(
        parser,
        pages="page files (text, PDF, ALTO XML) or directories (every *.txt, *.pdf and ALTO *.xml inside)",
        gold="directory of gold files (searched recursively), or one gold file when one page is given",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object (per page and total) instead")
    parser.add_argument(
        "--details",
        action="store_true",
        help="list each page's mistakes: missed and spurious headlines, wrong fields (predicted vs. gold)",
    )
    parser.add_argument(
        "--min-f1",
        type=_checked(lambda text: values.number(text, minimum=0, what="--min-f1")),
        metavar="X",
        help="exit 1 when the total headline F1 is below X (0 to 1), to gate a CI job",
    )
    parser.add_argument(
        "--width",
        type=_counted(0),
        default=40,
        metavar="N",
        help="cut texts in --details to N characters (0: never; default 40)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    _reader_args(parser)
    _plugin_args(parser)
    return parser


# ---------------------------------------------------------------------------- pairing


def _gold_stem(name: str) -> str | None:
    lower = name.lower()
    for suffix in GOLD_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def _page_stem(path: str) -> str:
    name = Path(path).name
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def gold_index(directory: Path) -> dict[str, list[Path]]:
    """The gold files under ``directory`` by the page stem each is for."""
    index: dict[str, list[Path]] = {}
    for path in sorted(directory.rglob("*")):
        if os.path.isfile(path) and (stem := _gold_stem(path.name)) is not None:
            index.setdefault(stem, []).append(path)
    return index


def _rank(path: Path) -> int:
    lower = path.name.lower()
    return next(i for i, suffix in enumerate(GOLD_SUFFIXES) if lower.endswith(suffix))


def find_gold(page: str, relative_dir: str, index: dict[str, list[Path]], root: Path) -> list[Path]:
    """The gold files of ``page``: one, none, or (ambiguous) several. Among several, those
    in the page's own subdirectory of ``root`` and then those with the earliest suffix of
    :data:`GOLD_SUFFIXES` are preferred."""
    found = [path for path in index.get(_page_stem(page), []) if path.resolve() != Path(page).resolve()]
    if len(found) > 1:
        beside = [path for path in found if path.parent == root / relative_dir]
        found = beside or found
    if len(found) > 1:
        best = min(map(_rank, found))
        found = [path for path in found if _rank(path) == best]
    return found


def _not_regular(folder: Path, stem: str) -> str:
    """Why a gold file's name in ``folder`` was not taken: it is no regular file (a FIFO, a
    device, a dangling link: never opened), else ``""``."""
    for suffix in GOLD_SUFFIXES:
        path = folder / f"{stem}{suffix}"
        if os.path.lexists(path) and not os.path.isfile(path):
            return f" ({path} is not a regular file)"
    return ""


@dataclass
class PagePair:
    """A page and its gold file."""

    page: str
    gold: Path


def pair_pages(
    args: argparse.Namespace, console: Console, own: Sequence[str] = ()
) -> tuple[list[PagePair], list[dict[str, str]]]:
    """The pages of ``args.inputs`` with their gold files under ``args.gold`` (and the
    pages skipped, with why): shared by ``convert evaluate`` and ``convert train``. A file
    the command writes itself (``own``: train's model and its card) found in an input
    folder is no page: a model written as ``pages/model.txt`` made the same command refuse
    itself the next time (``-o pages/model.txt is an input of this run``)."""
    notes: list[str] = []
    pages = find_inputs(args.inputs, notes, follow_links=getattr(args, "follow_links", False))
    for note in notes:
        console.warn(note)
    mine = {os.path.realpath(path) for path in own}
    for page in [page for page in pages if page.path not in args.inputs and os.path.realpath(page.path) in mine]:
        console.warn(f"{page.path} is written by this command (-o): not read as a page")
        pages.remove(page)
    gold = Path(args.gold)
    if os.path.isfile(gold):  # os.path's tests: no where Path's raise (a folder the user may not search)
        if len(pages) != 1:
            raise UsageError(f"--gold {args.gold} is one file; give one page with it, or a directory of gold files")
        return [PagePair(pages[0].path, gold)], []
    if not os.path.isdir(gold):
        try:
            os.lstat(gold)
        except FileNotFoundError:
            raise UsageError(f"--gold {args.gold}: no such file or directory") from None
        except OSError as exc:  # a folder on the way the user may not search
            raise UsageError(f"--gold {args.gold}: cannot read: {error_reason(exc)}") from None
        # a FIFO, a device, a dangling link: never opened
        raise UsageError(f"--gold {args.gold} is neither a regular file nor a directory")
    index = gold_index(gold)
    pairs, skipped = [], []
    for page in pages:
        if page.path == "-":
            raise UsageError("a page on standard input needs --gold FILE (it has no name to pair by)")
        found = find_gold(page.path, page.relative_dir, index, gold)
        if len(found) == 1:
            pairs.append(PagePair(page.path, found[0]))
            continue
        stem = _page_stem(page.path)
        reason = (
            f"several gold files: {', '.join(map(str, found))}"
            if found
            else f"no gold file ({stem}.gold.json, {stem}.expected.json or {stem}.json) under {args.gold}"
            + _not_regular(gold / page.relative_dir, stem)
        )
        console.warn(f"{page.path}: {reason}; skipped")
        skipped.append({"page": page.path, "reason": reason})
    if not pairs:
        raise UsageError(
            f"no page has a gold file under {args.gold} (a page STEM.txt needs STEM.gold.json, "
            "STEM.expected.json or STEM.json)"
        )
    return pairs, skipped


# ---------------------------------------------------------------------------- scoring


def _score_pair(
    pair: PagePair, args: argparse.Namespace, registry: PluginRegistry, console: Console | None = None
) -> PageScore:
    gold = load_gold(pair.gold)
    source = (
        read_stdin(args.max_bytes if args.max_bytes is not None else MAX_INPUT_BYTES)
        if pair.page == "-"
        else Path(pair.page)
    )
    document, text = read_page(source, registry=registry, **_reader_kwargs(args))
    for message in options_not_applied(document):  # --pages past its end, --encoding of a PDF: ignored without a word
        (console or Console()).warn(f"{pair.page}: {message}")
    page = score(document, gold, source_text=text)
    page.page = pair.page
    page.gold = str(pair.gold)
    return page


# ---------------------------------------------------------------------------- printing


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _tally(tally: Tally) -> str:
    return f"{tally.correct}/{tally.total}"


def _counts(found: Detection) -> str:
    return f"{found.gold}/{found.predicted}/{found.matched}"


def table(pages: Sequence[PageScore], total: TotalScore) -> str:
    """One row per page (headline counts gold/predicted/matched, precision, recall, F1,
    structure accuracy, photo F1, characters lost) and a TOTAL row."""
    header = ("PAGE", "ARTICLES g/p/m", "PREC", "RECALL", "F1", "STRUCT", "PHOTOS g/p/m", "PHOTO F1", "LOST")
    rows = [header]
    for page in pages:
        rows.append(
            _row(printable(page.page or "-"), page.articles, page.article_fields, page.photos, page.characters_lost)
        )
    rows.append(_row("TOTAL", total.articles, total.article_fields, total.photos, total.characters_lost))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        if number == len(rows) - 1:
            lines.append("  ".join("-" * width for width in widths))
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _row(
    name: str, articles: Detection, fields: dict[str, Tally], photos: Detection, lost: int | None
) -> tuple[str, ...]:
    return (
        name,
        _counts(articles),
        _number(articles.precision),
        _number(articles.recall),
        _number(articles.f1),
        _number(fields["structure"].accuracy),
        _counts(photos),
        _number(photos.f1) if photos.gold or photos.predicted else "-",
        "-" if lost is None else str(lost),
    )


def _detection_line(found: Detection) -> str:
    return (
        f"gold {found.gold} · predicted {found.predicted} · matched {found.matched} · "
        f"precision {_number(found.precision)} · recall {_number(found.recall)} · F1 {_number(found.f1)}"
    )


def _field_lines(fields: dict[str, Tally], names: Sequence[str]) -> list[str]:
    out = []
    for name in names:
        tally = fields[name]
        if tally.total:
            out.append(f"    {_FIELD_NAMES[name]:<16} {_tally(tally):>9}  {_number(tally.accuracy)}")
    return out


def summary(total: TotalScore, skipped: int, failed: int) -> str:
    """The total, every number with its counts."""
    out = [f"total: {total.pages} page(s) scored, {skipped} skipped, {failed} failed"]
    macro = f" · macro F1 {_number(total.macro_f1)}" if total.macro_f1 is not None else ""
    out.append(f"  articles  {_detection_line(total.articles)}{macro}")
    out.append(f"  on the {total.articles.matched} matched article(s), right / scored:")
    out += _field_lines(total.article_fields, ARTICLE_FIELDS)
    out.append(f"  photos    {_detection_line(total.photos)}")
    out += _field_lines(total.photo_fields, PHOTO_FIELDS)
    out.append(f"  characters lost: {'not measured' if total.characters_lost is None else total.characters_lost}")
    return "\n".join(out) + "\n"


def _shown(value: str | int | None, width: int) -> str:
    if value is None or value == "":
        return "—"
    return printable(shorten(str(value), width)) if isinstance(value, str) else str(value)


def _around_difference(predicted: str | None, gold: str | None, width: int) -> tuple[str, str]:
    """Two paragraphs as compared (NFKC), shown from a little before the first character
    where they differ."""
    if not predicted or not gold or width <= 0:
        return _shown(predicted, width), _shown(gold, width)
    a, b = (" ".join(unicodedata.normalize("NFKC", text).split()) for text in (predicted, gold))
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, common - width // 4)

    def window(text: str) -> str:
        piece = text[start : start + width]
        return printable(("…" if start else "") + piece + ("…" if start + width < len(text) else ""))

    return window(a), window(b)


def details(page: PageScore, width: int) -> str:
    """A page's field tallies and mistakes, for ``--details``."""
    out = [f"== {printable(page.page or '-')}  (gold: {printable(page.gold or '-')}, {page.gold_format} format)"]
    out.append(f"  articles  {_detection_line(page.articles)}")
    tallies = [
        f"{_FIELD_NAMES[n]} {_tally(page.article_fields[n])}" for n in ARTICLE_FIELDS if page.article_fields[n].total
    ]
    if tallies:
        out.append("    " + " · ".join(tallies))
    if page.photos.gold or page.photos.predicted:
        out.append(f"  photos    {_detection_line(page.photos)}")
        tallies = [
            f"{_FIELD_NAMES[n]} {_tally(page.photo_fields[n])}" for n in PHOTO_FIELDS if page.photo_fields[n].total
        ]
        if tallies:
            out.append("    " + " · ".join(tallies))
    heading = None
    for mistake in page.mistakes:
        where = _where(mistake.lines)
        if mistake.kind != "wrong":
            out.append(f"  {mistake.kind:<8} {mistake.item:<7} {_shown(mistake.text, width)}{where}")
            heading = None
            continue
        if heading != (mistake.item, mistake.text, mistake.lines):
            heading = (mistake.item, mistake.text, mistake.lines)
            out.append(f"  {mistake.item} {_shown(mistake.text, width)}{where}")
        out.append(_wrong_line(mistake, width))
    if page.characters_lost:
        lost = ", ".join(f"{char!r}×{count}" for char, count in page.lost.items())
        out.append(f"  {page.characters_lost} character(s) lost: {lost}")
    if not page.mistakes and not page.characters_lost:
        out.append("  no mistakes")
    return "\n".join(out) + "\n"


def _where(lines: tuple[int, int] | None) -> str:
    if not lines:
        return ""
    first, last = lines
    return f"  (line {first})" if first == last else f"  (lines {first}-{last})"


def _wrong_line(mistake: Mistake, width: int) -> str:
    name = _FIELD_NAMES.get(mistake.field or "", mistake.field or "")
    if mistake.field == "paragraphs":
        predicted, gold = _around_difference(
            mistake.predicted if isinstance(mistake.predicted, str) else None,
            mistake.gold if isinstance(mistake.gold, str) else None,
            width,
        )
        return f"      {name} ¶{mistake.paragraph}: predicted {predicted}\n      {'':<{len(name)}} ¶{mistake.paragraph}:      gold {gold}"
    return (
        f"      {name}: predicted {_shown(mistake.predicted, width)}\n"
        f"      {'':<{len(name)}}       gold {_shown(mistake.gold, width)}"
    )


# ---------------------------------------------------------------------------- the command


def run_evaluate(argv: Sequence[str]) -> int:
    """Run ``convert evaluate``; return its exit code."""
    args = evaluate_parser().parse_args(list(argv))
    if args.min_f1 is not None and not 0 <= args.min_f1 <= 1:
        raise UsageError(f"--min-f1 must be between 0 and 1, not {args.min_f1}")
    if args.width < 0:
        raise UsageError(f"--width must be 0 or more, not {args.width}")
    console = Console(debug=args.debug)
    registry = _registry_from(args, console)
    pairs, skipped = pair_pages(args, console)
    if len(pairs) > 1 and (model := _reader_kwargs(args).get("model")) and model != "none":
        from .reader.roles import load_model

        load_model(str(model))  # one usage error before any page, not one line per page
    pages: list[PageScore] = []
    failed: list[dict[str, str]] = []
    codes: list[int] = []
    for pair in pairs:
        try:
            pages.append(_score_pair(pair, args, registry, console))
        except ConvertError as exc:
            console.failure(exc, pair.page)
            failed.append({"page": pair.page, "error": str(exc)})
            codes.append(exc.exit_code)
    total = aggregate(pages)
    if args.json:
        data = {
            "pages": [page.to_dict(details=args.details) for page in pages],
            "total": total.to_dict(),
            "skipped": skipped,
            "failed": failed,
        }
        stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        if args.details:
            for page in pages:
                stdout.write(details(page, args.width) + "\n")
        stdout.write(table(pages, total) + "\n" + summary(total, len(skipped), len(failed)))
    if codes:
        return _final_code(codes)
    if args.min_f1 is not None and total.articles.f1 < args.min_f1:
        console.error(f"total headline F1 {total.articles.f1:.3f} is below --min-f1 {args.min_f1}")
        return EXIT_PARTIAL
    return EXIT_OK
