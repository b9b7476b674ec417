"""An article's ``bodies``: plain text, and XHTML built as elements (never by string pasting)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from convert_core import Article, Figure, Paragraph, Quote, Subhead, Unclassified
from convert_core.exportkit import byline_line, figcaption_parts
from convert_core.exportkit import one_line as line
from convert_core.exportkit import xml_text as clean

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def plain_text(article: Article, language: str) -> str:
    """The printed text in reading order, blocks separated by blank lines: the dateline
    and byline line, paragraphs, subheads, quotes, unclassified text, sources and notes
    (figure captions are left out: they belong to the associated pictures)."""
    parts = [line(byline_line(article, language))]
    for block in article.body:
        if isinstance(block, Paragraph | Subhead | Quote | Unclassified):
            parts.append(clean(block.text).strip())
    parts.extend(line(source) for source in article.sources)
    parts.extend(clean(note).strip() for note in article.notes)
    return "\n\n".join(part for part in parts if part)


def _add(parent: ET.Element, tag: str, text: str = "", css: str | None = None) -> ET.Element:
    node = ET.SubElement(parent, tag, {"class": css} if css else {})
    if text:
        node.text = text
    return node


def _figure(parent: ET.Element, block: Figure, language: str) -> None:
    caption = _add(_add(parent, "figure"), "figcaption")
    for tag, text, css in figcaption_parts(block, language):
        _add(caption, tag, text, css)


def _block(root: ET.Element, block: object, language: str) -> None:
    if isinstance(block, Paragraph):
        text, lead = clean(block.text).strip(), clean(block.lead).strip()
        if not text:
            return
        paragraph = _add(root, "p", css="note" if block.note else None)  # (an editor's note where printed)
        if lead and text.startswith(lead):
            _add(paragraph, "strong", lead, "lead").tail = text[len(lead) :] or None
        else:
            paragraph.text = text
    elif isinstance(block, Subhead) and (text := line(block.text)):
        _add(root, "h2", text)
    elif isinstance(block, Quote) and (text := clean(block.text).strip()):
        _add(_add(root, "blockquote"), "p", text)
    elif isinstance(block, Figure):
        _figure(root, block, language)
    elif isinstance(block, Unclassified) and (text := clean(block.text).strip()):
        _add(root, "p", text, "unclassified")


def xhtml(article: Article, language: str) -> str:
    """The body as one XHTML ``<div>``: the dateline and byline line, the blocks in order
    (figures with their captions), sources and editor's notes."""
    root = ET.Element("div", {"xmlns": XHTML, XML_LANG: language})
    byline = line(byline_line(article, language))
    if byline:
        _add(root, "p", byline, "byline")
    for block in article.body:
        _block(root, block, language)
    sources = [line(source) for source in article.sources if line(source)]
    if sources:
        footer = _add(root, "footer")
        for source in sources:
            _add(footer, "p", source, "source")
    notes = [clean(note).strip() for note in article.notes if clean(note).strip()]
    if notes:
        aside = _add(root, "aside", css="note")
        for note in notes:
            _add(aside, "p", note)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)
