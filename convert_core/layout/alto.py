"""ALTO XML (v2 to v4) pages: the OCR of a scanned page as printed lines and blocks.

``TextBlock``/``TextLine``/``String`` give the blocks, lines and words with their
positions (``HPOS``, ``VPOS``, ``WIDTH``, ``HEIGHT``); ``TextStyle`` (``FONTSIZE``,
``FONTSTYLE="bold"``) gives sizes and weights; ``WC`` each word's confidence. Positions
are converted to points from the file's ``MeasurementUnit`` (``pixel`` taken at 300 dpi,
``mm10``, ``inch1200``). Words under :data:`LOW_CONFIDENCE` are kept as read and
reported. Parsing refuses DTDs and entities (no network, no entity expansion).
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import InputError
from .geometry import Block, Font, TextLine, interned

#: Words with a confidence (WC) under this are reported as doubtful (and kept).
LOW_CONFIDENCE = 0.5
#: Marks a word cut at a line end may print itself (``Lohnver-``): a ``HYP`` adds no other.
_HYPHENS = ("-", "\u00ad", "\u2010", "\u00ac", "=")
_UNITS = {"pixel": 72 / 300, "mm10": 72 / 254, "inch1200": 72 / 1200}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _root(data: bytes) -> Any:
    """The ``alto`` root element, parsed without DTDs, entities or network access."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed ALTO XML: {exc}") from None
    if _local(root.tag).lower() != "alto":
        raise InputError(f"not ALTO XML: the root element is {_local(root.tag)!r}")
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError("ALTO XML with a DTD is refused (entities could expand without bound)")
    return root


def alto_root(data: bytes) -> Any:
    """The parsed ALTO file, for :func:`parse_alto` and :func:`alto_words` to share."""
    return _root(data)


def alto_pages(data: bytes | Any) -> list[Any]:
    """The ``Page`` elements of an ALTO file (its bytes or :func:`alto_root`), in order: a
    file may hold several (a whole issue), each a page of its own."""
    root = _root(data) if isinstance(data, bytes) else data
    return [element for element in root.iter() if _local(element.tag) == "Page"]


def alto_words(data: bytes | Any, page: int | None = None) -> list[str]:
    """The words of an ALTO file (its bytes or :func:`alto_root`), ``String/@CONTENT`` in
    document order: of its ``page`` (0-based) only, when given."""
    root = _root(data) if isinstance(data, bytes) else data
    if page is not None:
        pages = alto_pages(root)
        root = pages[page] if page < len(pages) else None
    if root is None:
        return []
    return [
        element.get("CONTENT") or ""
        for element in root.iter()
        if _local(element.tag) == "String" and element.get("CONTENT")
    ]


def parse_alto(data: bytes | Any, page: int = 0) -> tuple[float, float, list[Block]]:
    """The page width, height (points) and text blocks of page ``page`` (0-based) of an
    ALTO file (its bytes or :func:`alto_root`)."""
    root = _root(data) if isinstance(data, bytes) else data
    unit_text = next((e.text for e in root.iter() if _local(e.tag) == "MeasurementUnit"), None) or "pixel"
    scale = _UNITS.get(unit_text.strip(), _UNITS["pixel"])
    styles: dict[str, tuple[float | None, bool, bool, str]] = {}
    for element in root.iter():
        if _local(element.tag) == "TextStyle" and element.get("ID"):
            style = (element.get("FONTSTYLE") or "").lower()
            styles[element.get("ID")] = (
                _number(element.get("FONTSIZE")),
                "bold" in style,
                "italic" in style,
                element.get("FONTFAMILY") or "",
            )
    pages = alto_pages(root)
    if not pages:
        raise InputError("ALTO XML without a Page element")
    if not 0 <= page < len(pages):
        raise InputError(f"page {page + 1} asked for, but the ALTO file has {len(pages)} page(s)")
    width = (_number(pages[page].get("WIDTH")) or 0) * scale
    height = (_number(pages[page].get("HEIGHT")) or 0) * scale
    blocks: list[Block] = []
    for element in pages[page].iter():
        if _local(element.tag) != "TextBlock":
            continue
        block = Block(id=0)
        block_style = _styles(element, styles)
        for line_element in element:
            if _local(line_element.tag) == "TextLine":
                line = _line(line_element, styles, block_style, scale)
                if line is not None:
                    block.lines.append(line)
        if block.lines:
            block.fit()
            blocks.append(block)
    if not width or not height:
        width = max((b.x1 for b in blocks), default=0.0)
        height = max((b.y1 for b in blocks), default=0.0)
    return width, height, blocks


#: Largest coordinate or size taken from an ALTO attribute; beyond it (``1e308``, ``inf``,
#: ``nan``) the value is treated as missing: sums and roundings of it overflowed.
MAX_MEASURE = 1e9


def _number(value: str | None) -> float | None:
    """An attribute's number: finite and within :data:`MAX_MEASURE`, else ``None``."""
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) and abs(number) <= MAX_MEASURE else None


def _styles(
    element: Any, styles: dict[str, tuple[float | None, bool, bool, str]]
) -> tuple[float | None, bool, bool, str]:
    refs = (element.get("STYLEREFS") or "").split()
    size, bold, italic, family = None, False, False, ""
    for ref in refs:
        if ref in styles:
            size, bold, italic, family = styles[ref]
    style = (element.get("STYLE") or "").lower()
    return size, bold or "bold" in style, italic or "italic" in style, family


def _line(element: Any, styles: dict, block_style: tuple, scale: float) -> TextLine | None:  # type: ignore[type-arg]
    line_style = _styles(element, styles)
    words: list[str] = []
    confidences: list[float] = []
    low: list[str] = []
    sizes: list[float] = []
    bold_chars = italic_chars = chars = 0
    family = ""
    cut, cut_mark = False, ""
    for child in element:
        tag = _local(child.tag)
        if tag == "String":
            content = child.get("CONTENT") or ""
            if not content:
                continue
            words.append(content)
            cut, cut_mark = False, ""
            size, bold, italic, family_here = _styles(child, styles)
            size = size or line_style[0] or block_style[0]
            bold = bold or line_style[1] or block_style[1]
            italic = italic or line_style[2] or block_style[2]
            family = family or family_here or line_style[3] or block_style[3]
            if size is None:
                height = _number(child.get("HEIGHT"))
                size = height * scale / 0.75 if height else None  # a word's box is about 3/4 of its em
            if size:
                sizes.append(size)
            chars += len(content)
            bold_chars += len(content) if bold else 0
            italic_chars += len(content) if italic else 0
            confidence = _number(child.get("WC"))
            if confidence is not None:
                confidences.append(confidence)
                if confidence < LOW_CONFIDENCE:
                    low.append(content)
        elif tag == "HYP" and words:
            cut = True
            if not words[-1].endswith(_HYPHENS):  # "Lohnver-" prints its hyphen: HYP adds none
                mark = child.get("CONTENT") or "-"
                words[-1] += mark
                cut_mark = mark
    if not words:
        return None
    x = (_number(element.get("HPOS")) or 0) * scale
    y = (_number(element.get("VPOS")) or 0) * scale
    w = (_number(element.get("WIDTH")) or 0) * scale
    h = (_number(element.get("HEIGHT")) or 0) * scale
    size = sorted(sizes)[len(sizes) // 2] if sizes else max(h, 1.0)
    return TextLine(
        text=" ".join(words),
        x0=x,
        y0=y,
        x1=x + w,
        y1=y + h,
        size=round(size, 2),
        font=interned(Font(name=family, bold=bold_chars * 2 > chars, italic=italic_chars * 2 > chars)),
        confidence=sum(confidences) / len(confidences) if confidences else None,
        words=len(words),
        low_words=low,
        bold_chars=bold_chars,
        cut=cut,
        cut_mark=cut_mark,
    )
