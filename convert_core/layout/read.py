"""Laid-out pages to documents: the layout front end of the reader.

:func:`read_pdf` reads the chosen pages of a PDF, one :class:`Document` per page;
:func:`read_alto` reads an ALTO XML file the same way. Both hand the reader's shared
stages (:func:`convert_core.reader.read_lines`) the logical lines of :mod:`.flow`.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError
from ..model import Diagnostic, Document, ImageRef, Source
from ..reader import ReaderOptions, read_lines
from ..reader.lines import clean_lines
from ..reader.text import new_page
from . import PageLayout
from .flow import page_lines

if TYPE_CHECKING:
    from .pdf import PdfPage

#: Most pages read from one file unless ``pages`` chooses (``--max-pages``).
MAX_PAGES = 1000


def parse_pages(spec: str | None, count: int, limit: int = MAX_PAGES, what: str = "the file") -> list[int]:
    """0-based page indexes from ``"3-5,8"`` (1-based, inclusive; ``None``: all pages),
    within the file's ``count`` pages and at most ``limit`` of them. Pages past the end are
    left out (:func:`pages_past_end` says which); none of the chosen pages in the file is
    an :class:`InputError` naming the first (``what`` names the file: ``the PDF``)."""
    if spec is None or not str(spec).strip():
        if count > limit:
            raise InputError(
                f"{what} has {_pages(count)}, over the limit of {limit:,} (--max-pages); choose some with --pages"
            )
        return list(range(count))
    chosen: list[int] = []
    seen: set[int] = set()
    asked = _asked(spec, count)
    for first, last in asked:
        for index in range(first - 1, min(last, count)):
            if index not in seen:
                seen.add(index)
                chosen.append(index)
    if not chosen:
        raise InputError(f"page {asked[0][0]} asked for (--pages {spec}), but {what} has {_pages(count)}")
    if len(chosen) > limit:
        raise InputError(f"{_pages(len(chosen))} chosen, over the limit of {limit:,} (--max-pages)")
    return chosen


def _asked(spec: str, count: int) -> list[tuple[int, int]]:
    """The 1-based ranges ``spec`` asks for (an open range ``3-`` ends at ``count``)."""
    from ..values import page_list

    asked = []
    for part in page_list(spec).split(","):  # the syntax checked as --pages is, before any page
        part = part.strip()
        low, _, high = part.partition("-")
        try:
            first = int(low)
            last = int(high) if high.strip() else (max(count, first) if part.endswith("-") else first)
        except ValueError:
            raise UsageError(f"pages must look like 3, 3-5 or 2,4-6, not {spec!r}") from None
        if first < 1 or last < first:
            raise UsageError(f"pages must look like 3, 3-5 or 2,4-6, not {spec!r}")
        asked.append((first, last))
    return asked


def _pages(count: int) -> str:
    return f"{count:,} page" if count == 1 else f"{count:,} pages"


def _spans(ranges: list[tuple[int, int]]) -> str:
    """``[(2, 3), (4, 4), (9, 9)]`` as ``2-4, 9``: the ranges merged, in order."""
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in merged)


def pages_past_end(spec: str | None, count: int, what: str = "the file") -> Diagnostic | None:
    """A warning when ``spec`` (``--pages``) asks for pages past the end of a file of
    ``count`` pages, some of the others read: ``pages 4-9 asked for (--pages 2-9) past the
    end: the PDF has 3 pages; read 2-3`` — they were left out without a word."""
    if spec is None or not str(spec).strip():
        return None
    asked = _asked(spec, count)
    past = [(max(first, count + 1), last) for first, last in asked if last > count]
    if not past:
        return None
    read = [(first, min(last, count)) for first, last in asked if first <= count]

    def pages(ranges: list[tuple[int, int]]) -> str:
        single = len(ranges) == 1 and ranges[0][0] == ranges[0][1]
        return f"{'page' if single else 'pages'} {_spans(ranges)}"

    return Diagnostic(
        "pages-past-end",
        f"{pages(past)} asked for (--pages {spec}) past the end: {what} has {_pages(count)}; read {pages(read)}",
        None,
        "warning",
    )


def page_count(data: bytes) -> int:
    """Pages in a PDF or an ALTO file (its ``Page`` elements)."""
    from .pdf import PdfFile, is_pdf

    if not is_pdf(data):
        from .alto import alto_pages

        return len(alto_pages(data)) or 1
    with PdfFile(data) as pdf:
        return pdf.pages


def read_pdf(
    data: bytes,
    *,
    name: str | None = None,
    options: ReaderOptions | None = None,
    pages: str | None = None,
    max_pages: int = MAX_PAGES,
) -> Iterator[Document]:
    """The documents of a PDF's pages (``pages`` as :func:`parse_pages`), read one at a time."""
    from . import pdf_page_layout
    from .pdf import PdfFile

    options = options or ReaderOptions()
    digest = hashlib.sha256(data).hexdigest()
    with PdfFile(data) as pdf:
        indexes = parse_pages(pages, pdf.pages, max_pages, "the PDF")
        past_end = pages_past_end(pages, pdf.pages, "the PDF")
        for index in indexes:
            page = pdf.page(index)
            if (printed := _printed.get()) is not None:
                printed[index + 1] = _glyph_text(page)
            if not any(glyph.text.strip() for glyph in page.glyphs):
                raise InputError(
                    f"page {index + 1} of the PDF has no text layer (a scanned image): OCR it first, "
                    "for example to ALTO XML, which convert reads"
                )
            layout = pdf_page_layout(page)
            images = _image_files(layout)
            diagnostics = [_layout_note(layout, "PDF", pdf.pages)]
            if past_end is not None and index == indexes[0]:  # said once, with the first page read
                diagnostics.append(past_end)
            if page.rotated:
                diagnostics.append(
                    Diagnostic("page-rotated", f"page {index + 1} is rotated; read as stored", None, "warning")
                )
            source = Source(name=name, sha256=digest, encoding=None, bytes=len(data), page=index + 1)
            yield _document(layout, source, diagnostics, options, images)


def _document(
    layout: PageLayout,
    source: Source,
    diagnostics: list[Diagnostic],
    options: ReaderOptions,
    images: dict[int, ImageRef],
) -> Document:
    # controls, zero-width spaces, lone surrogates: removed as from a page of text, with its diagnostics
    lines, notes = clean_lines(page_lines(layout, images=images))
    diagnostics += notes
    if not lines:
        raise InputError(f"page {layout.index + 1} has no text")
    source.lines = len(lines)
    hyphens = lines[0].meta.get("dehyphenated")
    if hyphens:
        diagnostics.append(
            Diagnostic("dehyphenated", f"made {hyphens} word(s) hyphenated at a line end whole", None, "info")
        )
    low = [(line.no, word) for line in lines for word in line.meta.get("low_confidence", ())]
    if low:
        shown = ", ".join(f"{word!r} (line {no})" for no, word in low[:12])
        diagnostics.append(
            Diagnostic(
                "low-confidence-words",
                f"{len(low)} OCR word(s) of low confidence kept as read: {shown}{'...' if len(low) > 12 else ''}",
                low[0][0],
                "warning",
            )
        )
    new_page()
    return read_lines(lines, source, diagnostics, options)


def _layout_note(layout: PageLayout, kind: str, pages: int) -> Diagnostic:
    pictures = sum(1 for block in layout.blocks if block.image is not None)
    return Diagnostic(
        "layout-read",
        f"{kind} page {layout.index + 1} of {pages}: {len(layout.blocks)} blocks, {len(layout.columns)} column(s), "
        f"body text {layout.body_size:g} pt, {pictures} picture(s)",
        None,
        "info",
    )


def _image_files(layout: PageLayout) -> dict[int, ImageRef]:
    from .images import image_ref

    files: dict[int, ImageRef] = {}
    for block in layout.blocks:
        if block.image is not None and block.image.load:
            data, media_type, width, height = block.image.load
            files[block.id] = image_ref(data, media_type, width, height)
    return files


def read_alto(data: bytes, *, name: str | None = None, options: ReaderOptions | None = None) -> Document:
    """The document of an ALTO XML page (its TextBlocks as the layout's blocks): the
    first page of the file (:func:`read_alto_pages` reads every page)."""
    return next(read_alto_pages(data, name=name, options=options, pages="1"))


def read_alto_pages(
    data: bytes,
    *,
    name: str | None = None,
    options: ReaderOptions | None = None,
    pages: str | None = None,
    max_pages: int = MAX_PAGES,
) -> Iterator[Document]:
    """The documents of an ALTO file's pages (``pages`` as :func:`parse_pages`; a file may
    hold a whole issue, a ``Page`` element each), read one at a time, as a PDF's: only the
    first was read, the others lost without a word. A file of one page is read as before
    (no page number in its source)."""
    from . import build_page
    from .alto import alto_pages, alto_root, alto_words, parse_alto
    from .geometry import body_size_of

    options = options or ReaderOptions()
    root = alto_root(data)
    count = len(alto_pages(root))
    if not count:
        raise InputError("ALTO XML without a Page element")
    digest = hashlib.sha256(data).hexdigest()
    indexes = parse_pages(pages, count, max_pages, "the ALTO file")
    past_end = pages_past_end(pages, count, "the ALTO file")
    for index in indexes:
        width, height, blocks = parse_alto(root, index)
        if (printed := _printed.get()) is not None:
            printed[index + 1] = " ".join(alto_words(root, index))
        lines = [line for block in blocks for line in block.lines]
        if not lines:
            where = f"page {index + 1} of the ALTO file" if count > 1 else "the ALTO file"
            raise InputError(f"{where} has no text (no String elements)")
        layout = build_page(index, width, height, blocks, body_size_of(lines))
        page = index + 1 if count > 1 else None
        source = Source(name=name, sha256=digest, encoding=None, bytes=len(data), page=page)
        diagnostics = [_layout_note(layout, "ALTO", count)]
        if past_end is not None and index == indexes[0]:  # said once, with the first page read
            diagnostics.append(past_end)
        yield _document(layout, source, diagnostics, options, {})


def printed_text(data: bytes, kind: str, page: int = 1) -> str:
    """Every character page ``page`` (1-based) of a PDF or an ALTO file prints, in content
    order: the PDF's glyphs, the ALTO file's words (``String/@CONTENT``; the hyphens that
    ``HYP`` marks are hyphenation, not text). What the reader of that page must keep
    (:mod:`convert_core.lossless`). To have it of a page being read, without opening the
    file again: :func:`collect_printed_text`."""
    if kind == "pdf":
        from .pdf import PdfFile

        with PdfFile(data) as pdf:
            return _glyph_text(pdf.page(page - 1))
    from .alto import alto_words

    return " ".join(alto_words(data, page - 1))


def _glyph_text(page: PdfPage) -> str:
    return "".join(glyph.text for glyph in page.glyphs)


_printed: ContextVar[dict[int, str] | None] = ContextVar("printed", default=None)


@contextlib.contextmanager
def collect_printed_text() -> Iterator[dict[int, str]]:
    """Inside the block, :func:`read_pdf` and :func:`read_alto` record the
    :func:`printed_text` of each page they read, as they read it, in the dict given (by
    page number, 1-based): ``convert evaluate`` counts lost characters without opening
    the file a second time."""
    pages: dict[int, str] = {}
    token = _printed.set(pages)
    try:
        yield pages
    finally:
        _printed.reset(token)
