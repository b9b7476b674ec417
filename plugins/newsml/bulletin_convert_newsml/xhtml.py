"""The XHTML document of an article, carried in ``contentSet/inlineXML``.

The ``body`` is a flat run of elements that each hold their text directly (``<p>``,
``<h2>``, ``<blockquote>``), because that is what NewsML-G2 ingest systems read: Superdesk
(``newsml_2_0.py``) keeps each child of ``body`` as ``<tag>text</tag>`` and drops whatever
sits in a wrapper or behind a child element. So there is no ``<article>``/``<header>``
wrapper (the headlines are in ``contentMeta``), a run-in lead is plain paragraph text, and
a ``figure`` (whose caption does need child elements) carries no text of its own, so such
readers skip it whole instead of keeping an empty shell.
"""

from __future__ import annotations

from lxml import etree

from convert_core import Article, Figure, Paragraph, Quote, Subhead, Unclassified
from convert_core.exportkit import article_title, byline_line, figcaption_parts
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
    for tag in (*("head", "title", "body", "h2", "p", "blockquote", "figure", "figcaption", "span"),)
}


def _figure(parent: etree._Element, block: Figure, language: str) -> None:
    figure = _add(parent, "figure")
    figure.text = ""  # no indentation inside: the figure has no text a reader could mistake for body text
    caption = _add(figure, "figcaption")
    for tag, text, css in figcaption_parts(block, language):
        _add(caption, tag, text, css)


def article_html(article: Article, language: str) -> etree._Element:
    """``<html>`` of the article: the headline as its title; in the body the dateline and
    byline line as printed (``本报讯（记者 王孟鹤）``), the body blocks in order, the sources
    and the editor's notes."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    html.set("lang", language)
    html.set(XML_LANG, language)
    head = _add(html, "head")
    _add(head, "title", line(article_title(article, language)))
    body = _add(html, "body")
    if byline := line(byline_line(article, language)):
        _add(body, "p", byline, "byline")
    for block in article.body:
        if isinstance(block, Paragraph):
            if text := clean(block.text).strip():
                _add(body, "p", text, "note" if block.note else None)
        elif isinstance(block, Subhead):
            if line(block.text):
                _add(body, "h2", line(block.text))
        elif isinstance(block, Quote):
            if text := clean(block.text).strip():
                _add(body, "blockquote", text)
        elif isinstance(block, Figure):
            _figure(body, block, language)
        elif isinstance(block, Unclassified) and (text := clean(block.text).strip()):
            _add(body, "p", text, "unclassified")
    for source in article.sources:
        if line(source):
            _add(body, "p", line(source), "source")
    for note in article.notes:
        if text := clean(note).strip():
            _add(body, "p", text, "note")
    return html
