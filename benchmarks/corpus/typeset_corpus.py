"""Make the PDF-extracted pages of the development corpus: typeset every gold page as a
newspaper PDF and extract its text the way users' tools do (see README-pdf.md).

    python benchmarks/corpus/typeset_corpus.py                    # corpus/gold -> corpus/pdf*, every page
    python benchmarks/corpus/typeset_corpus.py --dev              # the seed and the fixture pages instead
    python benchmarks/corpus/typeset_corpus.py --tools pdftotext,pdfminer,pdfminer-blocks -j 2

For ``corpus/gold/PAPER/ID.json`` it writes, with the same stems (so that ``convert evaluate
corpus/pdf/PAPER/*.pdf --gold corpus/pdf/PAPER`` pairs each page with the gold as printed):

    corpus/pdf/PAPER/ID.pdf              the typeset page
    corpus/pdf/PAPER/ID.layout.json      where every item, line and picture went (TypesetResult)
    corpus/pdf/PAPER/ID.gold.json        the gold as the page printed it (printed_gold): score PDFs against it
    corpus/pdf-pdftotext/PAPER/ID.txt    pdftotext (no options)
    corpus/pdf-pdfminer/PAPER/ID.txt     pdfminer.six extract_text, default LAParams
    corpus/pdf-pdfminer-blocks/PAPER/ID.txt   pdfminer's text boxes, one line each (the seed's shape)
    (and corpus/pdf-<tool>/… for any other tool given with --tools, such as pdftotext-layout)

A page's layout seed is drawn from its PAPER/ID, so reruns give the same bytes; pages whose
gold, options and typesetter code are unchanged since the last run are skipped (``--force``
redoes them). Exit status: 0 done, 1 some pages failed (the others were written), 2 usage,
3 no gold pages found.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from convert_core.output import atomic_write  # noqa: E402
from convert_core.testing.extract import TOOLS, ExtractionError, extract_text  # noqa: E402
from convert_core.testing.typeset import printed_gold, typeset_page  # noqa: E402

SEED_GOLD = ROOT / "seeds" / "000_80fb9983b63b8a66.expected.json"
FIXTURES = ROOT / "tests" / "fixtures" / "pages"
DEFAULT_TOOLS = ("pdftotext", "pdfminer", "pdfminer-blocks")
STATE_NAME = ".typeset-state.json"


@dataclass(frozen=True)
class Page:
    """One gold page: its file and its place in the corpus (``PAPER/ID``)."""

    gold: Path
    paper: str
    stem: str

    @property
    def key(self) -> str:
        return f"{self.paper}/{self.stem}"

    @property
    def seed(self) -> int:
        return int.from_bytes(hashlib.sha256(self.key.encode("utf-8")).digest()[:4], "big")


def gold_pages(gold_dir: Path) -> Iterator[Page]:
    """``PAPER/ID.json`` under ``gold_dir`` (a folder of papers), in name order."""
    for path in sorted(gold_dir.glob("*/*.json")):
        yield Page(path, path.parent.name, path.name.removesuffix(".json").removesuffix(".expected"))


def dev_gold(out: Path) -> Path:
    """The seed's and the fixture pages' gold, copied as ``dev/gold/{seed,fixtures}/ID.json``
    (stems without ``.expected``) so that the dev corpus pairs with its gold like the real one."""
    gold_dir = out / "dev" / "gold"
    sources = [("seed", SEED_GOLD), *(("fixtures", p) for p in sorted(FIXTURES.glob("*.expected.json")))]
    for paper, source in sources:
        target = gold_dir / paper / (source.name.removesuffix(".expected.json") + ".json")
        data = source.read_bytes()
        if not target.exists() or target.read_bytes() != data:
            atomic_write(target, data)
    return gold_dir


def code_fingerprint() -> str:
    """A checksum of the typesetter's code: a change re-typesets every page."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "convert_core" / "testing").glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def page_outputs(page: Page, out: Path, tools: tuple[str, ...]) -> dict[str, Path]:
    outputs = {
        "pdf": out / "pdf" / page.paper / f"{page.stem}.pdf",
        "layout": out / "pdf" / page.paper / f"{page.stem}.layout.json",
        "gold": out / "pdf" / page.paper / f"{page.stem}.gold.json",
    }
    for tool in tools:
        outputs[tool] = out / f"pdf-{tool}" / page.paper / f"{page.stem}.txt"
    return outputs


def build_page(page: Page, out: Path, tools: tuple[str, ...]) -> dict[str, object]:
    """Typeset one page and extract its text with each tool; a summary for the run's report."""
    started = time.perf_counter()
    gold = json.loads(page.gold.read_text("utf-8"))
    outputs = page_outputs(page, out, tools)
    result = typeset_page(gold, outputs["pdf"], seed=page.seed)
    layout = json.dumps(result.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    atomic_write(outputs["layout"], layout.encode("utf-8"))
    printed_page = json.dumps(printed_gold(gold, result), ensure_ascii=False, indent=1) + "\n"
    atomic_write(outputs["gold"], printed_page.encode("utf-8"))
    printed = "".join(line.text for item in result.items for line in item.lines)
    printed += "".join(line.text for line in result.furniture)
    wanted = _chars(printed)
    lost: dict[str, int] = {}
    shapes: dict[str, dict[str, float]] = {}
    for tool in tools:
        text = extract_text(outputs["pdf"], tool)
        atomic_write(outputs[tool], text.encode("utf-8"))
        got = _chars(text)
        lost[tool] = sum(max(0, count - got.get(char, 0)) for char, count in wanted.items())
        shapes[tool] = text_shape(text)
    style = result.style
    return {
        "page": page.key,
        "seed": page.seed,
        "format": style.format,
        "columns": style.columns,
        "body_size": result.body_size,
        "items": len(result.items),
        "grown": result.grown,
        "missing": result.missing,
        "lost": lost,
        "shapes": shapes,
        "seconds": round(time.perf_counter() - started, 3),
    }


_SENTENCE_END = re.compile(r"[。！？!?…”’」』）)》.:：；;]$|摄$|攝$")


def text_shape(text: str) -> dict[str, float]:
    """What a page's text looks like: its non-empty lines, its blocks (runs of lines between
    blank lines), characters a line, lines a block, and the share of blocks that stop short
    of a sentence end (a paragraph cut by a column break, a title)."""
    lines = [line for line in text.replace("\f", "").split("\n") if line.strip()]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\f", "")) if b.strip()]
    if not lines or not blocks:
        return {"lines": 0, "blocks": 0, "chars_per_line": 0, "lines_per_block": 0, "open_blocks": 0}
    return {
        "lines": len(lines),
        "blocks": len(blocks),
        "chars_per_line": round(sum(len(line) for line in lines) / len(lines), 1),
        "lines_per_block": round(len(lines) / len(blocks), 2),
        "open_blocks": round(sum(not _SENTENCE_END.search(b) for b in blocks) / len(blocks), 2),
    }


def _chars(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        if not char.isspace() and char != "-":
            counts[char] = counts.get(char, 0) + 1
    return counts


def _page_key(page: Page, tools: tuple[str, ...], fingerprint: str) -> str:
    digest = hashlib.sha256(page.gold.read_bytes()).hexdigest()[:16]
    return f"{digest}:{fingerprint}:{','.join(tools)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--gold", type=Path, default=ROOT / "corpus" / "gold", help="folder of PAPER/ID.json gold pages"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "corpus", help="corpus folder to write pdf*/ into")
    parser.add_argument("--dev", action="store_true", help="the seed and fixture pages as gold (corpus/dev/)")
    parser.add_argument("--tools", default=",".join(DEFAULT_TOOLS), help=f"extraction tools ({', '.join(TOOLS)})")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--force", action="store_true", help="redo pages that are up to date")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args(argv)
    tools = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or not tools:
        parser.error(f"unknown tool {', '.join(unknown) or '(none)'}: choose from {', '.join(TOOLS)}")
    if any(t.startswith("pdftotext") for t in tools) and not shutil.which("pdftotext"):
        print("error: pdftotext is not installed (Debian: apt install poppler-utils poppler-data)", file=sys.stderr)
        return 2
    out = args.out
    if args.dev:
        out = args.out / "dev"
        gold_dir = dev_gold(args.out)
    else:
        gold_dir = args.gold
    pages = list(gold_pages(gold_dir))
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"error: no gold pages (PAPER/ID.json) under {gold_dir}", file=sys.stderr)
        return 3
    fingerprint = code_fingerprint()
    state_path = out / "pdf" / STATE_NAME
    try:
        state = json.loads(state_path.read_text("utf-8"))
    except (OSError, ValueError):
        state = {}
    todo = []
    for page in pages:
        key = _page_key(page, tools, fingerprint)
        done = state.get(page.key) == key and all(p.exists() for p in page_outputs(page, out, tools).values())
        if args.force or not done:
            todo.append((page, key))
    print(f"{len(pages)} gold pages in {gold_dir}; {len(todo)} to typeset, {len(pages) - len(todo)} up to date")
    started = time.perf_counter()
    reports, failures = [], []
    if args.jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(args.jobs) as executor:
            futures = [(page, key, executor.submit(build_page, page, out, tools)) for page, key in todo]
            for page, key, future in futures:
                _collect(page, key, future.result, state, reports, failures)
    else:
        for page, key in todo:
            _collect(page, key, lambda page=page: build_page(page, out, tools), state, reports, failures)
    atomic_write(state_path, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    _summarise(reports, failures, tools, time.perf_counter() - started)
    return 1 if failures else 0


def _collect(page: Page, key: str, run, state: dict, reports: list, failures: list) -> None:  # type: ignore[no-untyped-def]
    try:
        report = run()
    except (ExtractionError, OSError, ValueError, KeyError, TypeError) as exc:
        failures.append((page.key, f"{type(exc).__name__}: {exc}"))
        print(f"  failed {page.key}: {exc}", file=sys.stderr)
        return
    state[page.key] = key
    reports.append(report)


def _summarise(reports: list[dict], failures: list, tools: tuple[str, ...], seconds: float) -> None:
    if not reports and not failures:
        return
    print(f"typeset {len(reports)} pages in {seconds:.1f} s ({len(failures)} failed)")
    if not reports:
        return
    formats: dict[str, int] = {}
    for report in reports:
        name = f"{report['format']} {report['columns']} columns"
        formats[name] = formats.get(name, 0) + 1
    print("  layouts: " + ", ".join(f"{n} {name}" for name, n in sorted(formats.items())))
    grown = [r["page"] for r in reports if r["grown"]]
    if grown:
        print(f"  {len(grown)} pages held more than a page and were set taller: {', '.join(grown[:5])}")
    missing = "".join(sorted({c for r in reports for c in r["missing"]}))
    if missing:
        print(f"  characters no built-in font has, set as 〓: {missing}")
    for tool in tools:
        lost = sum(r["lost"][tool] for r in reports)
        print(f"  {tool}: {lost} printed characters missing from the extracted text")
    print("  text shape (mean a page): lines, blocks, characters a line, lines a block, share of open blocks")
    seed_text = (ROOT / "seeds" / "000_80fb9983b63b8a66.txt").read_text("utf-8")
    rows = [("seed page (reference)", text_shape(seed_text))]
    for tool in tools:
        shapes = [r["shapes"][tool] for r in reports]
        rows.append((tool, {k: round(sum(s[k] for s in shapes) / len(shapes), 2) for k in shapes[0]}))
    for name, shape in rows:
        print(f"    {name:24} " + "  ".join(f"{shape[k]:>7}" for k in shape))


if __name__ == "__main__":
    sys.exit(main())
