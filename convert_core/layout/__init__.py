"""The layout pass: pages as printed (PDF, ALTO XML) to the reader's logical lines.

::

    PDF ──pdf.py (PDFium)──▶ glyphs ──┐
                                      ├─ geometry.py: printed lines ▶ blocks ▶ column grid ▶ reading order
    ALTO ──alto.py (lxml)──▶ lines ───┘                               │
                                                                      ▼
                  flow.py: paragraphs joined across line and column breaks, titles joined,
                  each a reader Line with its LineLayout (size ratio, bold, columns, …)
                                                                      │
                                                                      ▼
                  the reader (convert_core.reader.read_lines): the same stages as text input

Pictures found on a PDF page become files (:mod:`.images`) attached to the photo or
figure whose caption follows them. Nothing here is imported for text input.
"""

from __future__ import annotations

from .geometry import (
    Block,
    PageLayout,
    TextLine,
    body_size_of,
    column_grid,
    group_blocks,
    group_lines,
    line_pitch,
    mark_bands,
    place_in_columns,
    reading_order,
)


def build_page(index: int, width: float, height: float, blocks: list[Block], body_size: float) -> PageLayout:
    """Columns, bands and reading order for a page's blocks; block ids follow the order."""
    columns = column_grid(blocks, body_size)
    for block in blocks:
        place_in_columns(block, columns)
    mark_bands(blocks, height, body_size)
    # the page's running header first and its footer last, each region ordered on its
    # own: a header line over a gutter must not hide the gutter from the body's cuts
    ordered = [
        block
        for region in ("header", "body", "footer")
        for block in reading_order([b for b in blocks if b.region == region], body_size)
    ]
    for number, block in enumerate(ordered, start=1):
        block.id = number
    return PageLayout(
        index=index,
        width=width,
        height=height,
        blocks=ordered,
        body_size=body_size,
        line_height=line_pitch(ordered, body_size),
        columns=columns,
    )


def pdf_page_layout(page) -> PageLayout:  # type: ignore[no-untyped-def]
    """The layout of a :class:`~.pdf.PdfPage`: glyphs grouped into lines and blocks,
    pictures as blocks of their own."""
    rough = _rough_body_size(page.glyphs)
    lines: list[TextLine] = group_lines(page.glyphs, rough or 10.0)
    body_size = body_size_of(lines)
    blocks = group_blocks(lines, body_size)
    for image in page.images:
        blocks.append(Block(id=0, image=image, x0=image.x0, y0=image.y0, x1=image.x1, y1=image.y1))
    return build_page(page.index, page.width, page.height, blocks, body_size)


def _rough_body_size(glyphs) -> float:  # type: ignore[no-untyped-def]
    """The size most printed characters have (0 when none is printed)."""
    from collections import Counter

    from .geometry import dominant

    counts = Counter(glyph.size for glyph in glyphs if glyph.text != " " and glyph.text.strip())
    return dominant(list(counts.items()))


__all__ = ["PageLayout", "build_page", "pdf_page_layout"]
