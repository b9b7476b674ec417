"""The plain-text page reader: a newspaper page as text in, a :class:`Document` out.

Stages (each its own module):

* :mod:`.decoding` bytes to text (BOMs, UTF-8, GB18030, Big5; binary refused)
* :mod:`.lines` line ends, control characters, blank-line rhythm
* :mod:`.punctuation` half-width marks in Chinese text made full width
* :mod:`.segmenter` furniture, photos, headline stacks, articles
* :mod:`.features`, :mod:`.roles` each line's role, weighed by the role model;
  :mod:`.print_patterns` print's own patterns read into those roles
* :mod:`.body` datelines, bylines, column-break joins, subheads, closing lines
* :mod:`.edition` publication, date and page
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError, UsageError
from ..ids import assign_ids
from ..model import Diagnostic, Document, Metadata, Source
from ..regex_cache import regex
from . import edition
from .association import link_photos
from .datelines import CUT_CLOSING_MAX, CUT_DATELINE_MAX, joins_cut_closing, joins_cut_dateline
from .decoding import chinese_script, decode
from .lines import Line, baseline_gap, clean_text, reflow, single_spaced, split_lines
from .punctuation import normalize_lines
from .roles import LineRole, explain
from .segmenter import Segmenter
from .spacing import collapse_ocr_spacing
from .text import cjk_count, line_list, new_page
from .title_wraps import join_wrapped_titles

#: Largest input the reader accepts, in bytes (``--max-bytes`` changes it).
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: Most items (articles and photos) a page may have (``--max-items`` changes it).
MAX_ITEMS = 100_000


@dataclass
class ReaderOptions:
    """Options of the text reader.

    :param punctuation: ``"auto"`` (full width for Chinese pages), ``"full"`` or ``"keep"``
    :param encoding: force the input encoding (default: detect)
    :param max_bytes: refuse larger inputs
    :param max_items: refuse pages with more items
    :param model: the role model file (default: the one shipped with the reader;
        ``"none"``: the hand-written rules alone)
    """

    punctuation: str = "auto"
    encoding: str | None = None
    max_bytes: int = MAX_INPUT_BYTES
    max_items: int = MAX_ITEMS
    model: str | None = None

    def __post_init__(self) -> None:
        if self.punctuation not in ("auto", "full", "keep"):
            raise UsageError(f"punctuation option must be auto, full or keep, not {self.punctuation!r}")


def check_size(size: int, max_bytes: int) -> None:
    """Refuse an input of ``size`` bytes over ``max_bytes`` (``--max-bytes``)."""
    if size > max_bytes:
        raise InputError(f"input is {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")


_LETTER_RE = regex(r"[^\W\d_]")
_LATIN_RE = regex(r"[A-Za-z]")


def _language(text: str) -> str:
    """``zh-CN`` or ``zh-Hant`` for Chinese pages, ``en`` for English ones, else ``und``."""
    # plainly Chinese, no need to count the letters: a quarter of the text ideographs,
    # often already in its first third
    plainly = 0.25 * len(text)
    ideographs = cjk_count(text[:500])
    if ideographs < plainly and len(text) > 500:
        ideographs = cjk_count(text)
    if ideographs >= plainly:
        return "zh-Hant" if chinese_script(text) == "Hant" else "zh-CN"
    letters = len(_LETTER_RE.findall(text))
    if letters and ideographs / letters > 0.3:
        return "zh-Hant" if chinese_script(text) == "Hant" else "zh-CN"
    if letters and len(_LATIN_RE.findall(text)) / letters > 0.6:
        return "en"
    return "zh-CN" if ideographs else "und"


def read_bytes(data: bytes, *, name: str | None = None, options: ReaderOptions | None = None) -> Document:
    """Read a page given as bytes (encoding detected unless ``options.encoding``)."""
    options = options or ReaderOptions()
    check_size(len(data), options.max_bytes)
    text, encoding, diagnostics = decode(data, options.encoding)
    source = Source(name=name, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, bytes=len(data))
    # (text decoded from UTF-8, which refuses surrogates, holds none: not looked for again)
    return _read(text, source, diagnostics, options, surrogates=encoding != "utf-8")


def read_text(text: str, *, name: str | None = None, options: ReaderOptions | None = None) -> Document:
    """Read a page given as text."""
    options = options or ReaderOptions()
    data = text.encode("utf-8", errors="surrogatepass")
    check_size(len(data), options.max_bytes)
    source = Source(name=name, sha256=hashlib.sha256(data).hexdigest(), encoding=None, bytes=len(data))
    return _read(text.removeprefix("\ufeff"), source, [], options)


def _read(
    text: str, source: Source, diagnostics: list[Diagnostic], options: ReaderOptions, *, surrogates: bool = True
) -> Document:
    """The text front end (:func:`text_lines`), then the stages every input shares
    (:func:`read_lines`)."""
    lines, language, hard_wrapped = text_lines(text, source, diagnostics, surrogates=surrogates)
    return read_lines(lines, source, diagnostics, options, language=language, hard_wrapped=hard_wrapped)


def text_lines(
    text: str, source: Source, diagnostics: list[Diagnostic], *, surrogates: bool = True
) -> tuple[list[Line], str, bool]:
    """A page's text as the reader's logical lines: line ends and controls cleaned,
    hard-wrapped text reflowed, OCR spacing collapsed. Returns the lines, the page's
    language and whether it was hard-wrapped. ``surrogates``: whether the text can hold a
    lone surrogate (:func:`.lines.clean_text`)."""
    new_page()
    text, cleaning = clean_text(text, surrogates=surrogates)
    diagnostics.extend(cleaning)
    source.lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    lines = split_lines(text)
    if not lines:
        raise InputError("input is empty (no text on the page)")
    lines, joins, width, cut = reflow(lines, text)
    diagnostics.extend(collapse_ocr_spacing(lines))
    if joins:
        diagnostics.append(
            Diagnostic(
                "hard-wrap-reflowed",
                f"the page is hard-wrapped at a {width}-character column: joined {joins} printed line(s) into paragraphs",
                lines[0].no,
                "info",
            )
        )
    printed_lines = width is not None and cut is None  # (re-joined, a page cut at a number of characters is paragraphs)
    return lines, _language(text[:1_500]), printed_lines


def read_lines(
    lines: list[Line],
    source: Source,
    diagnostics: list[Diagnostic],
    options: ReaderOptions,
    *,
    language: str | None = None,
    hard_wrapped: bool = False,
) -> Document:
    """The reader's shared stages, from logical lines to a :class:`Document`: punctuation,
    segmentation (furniture, photos, headline stacks, the role model, articles), edition
    metadata, ids.

    Both front ends end here: text input (:func:`read_text`, :func:`read_bytes`) and laid-out
    pages (:mod:`convert_core.layout`), whose lines carry a
    :class:`~convert_core.reader.lines.LineLayout`."""
    document, segmenter = prepare_lines(
        lines, source, diagnostics, options, language=language, hard_wrapped=hard_wrapped
    )
    segmenter.find_roles(options.model)
    segmenter.build()
    if len(document.items) > options.max_items:
        count = len(document.items)
        raise InputError(
            f"the page has {count:,} item{'' if count == 1 else 's'}, over the limit of {options.max_items:,} (--max-items)"
        )
    document.furniture.sort(key=lambda f: f.line or 0)
    edition.detect(document, segmenter.date_lines, segmenter.page_text)
    assign_ids(document)
    linked = link_photos(document)
    if linked:
        document.diagnostics.append(
            Diagnostic("photos-linked", f"linked {linked} photo(s) to the story their caption belongs to", None, "info")
        )
    return document


def prepare_lines(
    lines: list[Line],
    source: Source,
    diagnostics: list[Diagnostic],
    options: ReaderOptions,
    *,
    language: str | None = None,
    hard_wrapped: bool = False,
) -> tuple[Document, Segmenter]:
    """Every shared stage before the lines' roles are decided: punctuation, furniture,
    tables, verse, briefs, and the rules' photos and headline stacks (which the role
    model takes as evidence)."""
    if not lines:
        raise InputError("input is empty (no text on the page)")
    if language is None:
        language = _language("\n".join(line.text for line in lines[:80])[:1_500])
    document = Document(metadata=Metadata(language=language, source=source), diagnostics=diagnostics)
    if options.punctuation == "full" or (options.punctuation == "auto" and language.startswith("zh")):
        _normalize(lines, document)
    if not hard_wrapped:
        lines = _join_cut_datelines(lines, document)
        lines = _join_cut_closings(lines, document)
    spacing = baseline_gap(lines)
    base_gap = single_spaced(lines, spacing)
    if base_gap != spacing:
        document.diagnostics.append(
            Diagnostic(
                "spacing-normalized",
                f"read the page's gaps of {spacing} blank lines between lines as single spacing (wider gaps kept wider)",
            )
        )
    if not hard_wrapped:
        lines, merged = join_wrapped_titles(lines, base_gap)
        if merged:
            document.diagnostics.append(
                Diagnostic(
                    "title-lines-joined",
                    f"joined the lines of {len(merged)} title(s) wrapped with no blank line between them: {line_list(merged)}",
                    merged[0],
                    "info",
                )
            )
    segmenter = Segmenter(lines, base_gap, document, hard_wrapped=hard_wrapped)
    segmenter.classify()
    segmenter.find_tables()
    segmenter.find_verse()
    segmenter.split_briefs()
    segmenter.find_photos()
    segmenter.find_starts()
    return document, segmenter


def prepare(
    text: str, source: Source, diagnostics: list[Diagnostic], options: ReaderOptions
) -> tuple[Document, Segmenter]:
    """A page's text read up to the point where the role model decides (for training)."""
    lines, language, hard_wrapped = text_lines(text, source, diagnostics)
    return prepare_lines(lines, source, diagnostics, options, language=language, hard_wrapped=hard_wrapped)


def prepare_input(data: bytes | str, *, name: str | None, options: ReaderOptions) -> Segmenter:
    """A page (its bytes, encoding detected, or its text) read up to the point where the role
    model decides (:func:`prepare`): what ``convert inspect --lines`` and training read."""
    if isinstance(data, bytes):
        text, _, diagnostics = decode(data, options.encoding)
    else:
        text, diagnostics = data.removeprefix("\ufeff"), []
    return prepare(text, Source(name=name), diagnostics, options)[1]


def explain_lines(
    data: bytes | str, *, name: str | None = None, options: ReaderOptions | None = None
) -> list[LineRole]:
    """The role of every line of a page that is not furniture, with the role model's
    confidence and strongest features (``convert inspect --lines``)."""
    options = options or ReaderOptions()
    return explain(prepare_input(data, name=name, options=options), options.model)


def _join_cut_datelines(lines: list[Line], document: Document) -> list[Line]:
    """Join a dateline that a column break cut in two (``本报北京8月5日`` / ``电 针对…``)
    back into its paragraph's line, before any line is read: cut, neither half is a
    dateline, and the story would start nowhere. Laid-out lines are whole already."""
    return _join_cut_lines(
        lines,
        document,
        longest=CUT_DATELINE_MAX,
        openers=None,
        joins=joins_cut_dateline,
        code="dateline-joined",
        what="dateline(s)",
    )


def _join_cut_closings(lines: list[Line], document: Document) -> list[Line]:
    """Join a closing note in brackets that a column break cut in two (``(作者为`` /
    ``中国中医科学院…本报记者田先进采访整理)``: :func:`.datelines.joins_cut_closing`) into one
    line, before any line is read: apart, the note's rest was read as the next story's title
    or the title under it as the piece's next paragraph. Laid-out lines are whole already."""
    return _join_cut_lines(
        lines,
        document,
        longest=CUT_CLOSING_MAX,
        openers=("（", "(", "〔"),
        joins=joins_cut_closing,
        code="closing-joined",
        what="closing note(s)",
    )


def _join_cut_lines(
    lines: list[Line],
    document: Document,
    *,
    longest: int,
    openers: tuple[str, ...] | None,
    joins: Callable[[str, str], bool],
    code: str,
    what: str,
) -> list[Line]:
    """Join each line of plain text that ``joins`` says a column break cut from the next, and
    note the joins in a diagnostic ``code`` naming ``what`` was joined. The tests ``joins``
    makes first (a line no longer than ``longest``, opening with one of ``openers``) are asked
    here, so that most lines cost no call."""
    joined: list[Line] = []
    merged: list[int] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 1] if index + 1 < len(lines) else None
        if (
            after is not None
            and line.layout is None
            and after.layout is None
            and (openers is None or line.text.lstrip().startswith(openers))
            and len(line.text.strip()) <= longest
            and joins(line.text, after.text)
        ):
            line.text = line.text.rstrip() + after.text.lstrip()
            merged.append(line.no)
            index += 1
        joined.append(line)
        index += 1
    if merged:
        document.diagnostics.append(
            Diagnostic(
                code,
                f"joined {len(merged)} {what} cut by a column break to the rest of their line: {line_list(merged)}",
                merged[0],
                "info",
            )
        )
    return joined


def _normalize(lines: list[Line], document: Document) -> None:
    texts, total = normalize_lines([line.text for line in lines])
    if not total:
        return
    touched: list[int] = []
    for line, text in zip(lines, texts):
        if text != line.text:  # every change makes a mark full width
            line.text = text
            touched.append(line.no)
    document.diagnostics.append(
        Diagnostic(
            "punctuation-normalized",
            f"made {total} half-width punctuation mark(s) between Chinese text full width on {len(touched)} line(s): {line_list(touched)}",
            touched[0],
            "info",
        )
    )


__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_ITEMS",
    "LineRole",
    "ReaderOptions",
    "check_size",
    "explain_lines",
    "prepare",
    "prepare_input",
    "prepare_lines",
    "read_bytes",
    "read_lines",
    "read_text",
]
