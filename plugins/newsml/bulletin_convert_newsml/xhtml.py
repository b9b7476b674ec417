"""The XHTML document of an article, carried in ``contentSet/inlineXML``."""

from __future__ import annotations

from lxml import etree

from convert_core import Article, Figure, Paragraph, Quote, Subhead, Unclassified
from convert_core.exportkit import article_title, byline_line, credit_line
from convert_core.exportkit import one_line as line
from convert_core.exportkit import xml_text as clean

from .vocab import XHTML, XML_LANG


def _add(parent: etree._Element, tag: str, text: str = "", css: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, _TAGS.get(tag) or f"{{{XHTML}}}{tag}", {"class": css} if css else None)
    if text:
        node.text = text
    return node


#: Clark names of the elements (made once, not per element).
_TAGS = {
    tag: f"{{{XHTML}}}{tag}"
    for tag in (
        *("head", "title", "body", "article", "header", "footer", "aside", "h1", "h2", "p", "strong"),
        *("blockquote", "figure", "figcaption", "span"),
    )
}


def _paragraph(parent: etree._Element, block: Paragraph) -> None:
    text = clean(block.text).strip()
    lead = clean(block.lead).strip()
    if not text:
        return
    paragraph = _add(parent, "p")
    if lead and text.startswith(lead):
        _add(paragraph, "strong", lead, "lead").tail = text[len(lead) :] or None
    else:
        paragraph.text = text


def _figure(parent: etree._Element, block: Figure, language: str) -> None:
    figure = _add(parent, "figure")
    caption = _add(figure, "figcaption")
    if label := line(block.label):
        _add(caption, "span", label, "label")
    for text in block.caption:
        if text := clean(text).strip():
            _add(caption, "p", text)
    credit = line(credit_line(block, language))
    if credit:
        _add(caption, "p", credit, "credit")


def _header(parent: etree._Element, article: Article, language: str) -> None:
    header = _add(parent, "header")
    if line(article.kicker):
        _add(header, "p", line(article.kicker), "kicker")
    if line(article.headline):
        _add(header, "h1", line(article.headline))
    if line(article.subheadline):
        _add(header, "p", line(article.subheadline), "subheadline")
    byline = line(byline_line(article, language))
    if byline:
        _add(header, "p", byline, "byline")
    if not len(header):
        parent.remove(header)


def article_html(article: Article, language: str) -> etree._Element:
    """``<html>`` of the article: kicker, headline, subheadline and the dateline and
    byline line, then the body blocks in order, the sources and the editor's notes."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    html.set("lang", language)
    html.set(XML_LANG, language)
    head = _add(html, "head")
    _add(head, "title", line(article_title(article, language)))
    body = _add(_add(html, "body"), "article")
    _header(body, article, language)
    for block in article.body:
        if isinstance(block, Paragraph):
            _paragraph(body, block)
        elif isinstance(block, Subhead):
            if line(block.text):
                _add(body, "h2", line(block.text))
        elif isinstance(block, Quote):
            if clean(block.text):
                _add(_add(body, "blockquote"), "p", clean(block.text))
        elif isinstance(block, Figure):
            _figure(body, block, language)
        elif isinstance(block, Unclassified) and clean(block.text):
            _add(body, "p", clean(block.text), "unclassified")
    sources = [line(source) for source in article.sources if line(source)]
    if sources:
        footer = _add(body, "footer")
        for source in sources:
            _add(footer, "p", source, "source")
    notes = [clean(note) for note in article.notes if clean(note)]
    if notes:
        aside = _add(body, "aside", css="note")
        for note in notes:
            _add(aside, "p", note)
    return html
