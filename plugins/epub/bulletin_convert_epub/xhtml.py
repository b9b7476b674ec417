"""The XHTML content documents of the book, built as lxml trees and serialized by lxml.

No markup is ever made by joining strings: every text of the model goes through
:func:`~bulletin_convert_epub.text.clean` into an element's text, and lxml escapes it.
Each document carries ``lang`` and ``xml:lang`` and links the one stylesheet.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from lxml import etree

from convert_core.exportkit import credit_line, date_inferred, people_line
from convert_core.model import Article, Document, Figure, ImageRef, Paragraph, Photo, Quote, Subhead

from .text import (
    clean,
    first_sentence,
    labels,
    long_date,
    page_label,
    short,
    shown,
    visible,
)

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB}}}type"
STYLESHEET = "style.css"
_NSMAP = {None: XHTML, "epub": EPUB}
_DOCTYPE = "<!DOCTYPE html>"


def _el(parent: etree._Element, tag: str, text: str | None = None, css: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _TAGS.get(tag) or f"{{{XHTML}}}{tag}", {"class": css} if css else None)
    if text:
        element.text = text
    return element


#: Clark names of the elements the documents use (made once, not per element).
_TAGS = {
    tag: f"{{{XHTML}}}{tag}"
    for tag in (
        *("html", "head", "title", "link", "body", "article", "section", "header", "footer"),
        *("h1", "h2", "p", "span", "b", "blockquote", "figure", "figcaption", "ol", "li", "a", "img"),
    )
}
_skeletons = threading.local()


def _page(title: str, language: str) -> tuple[etree._Element, etree._Element]:
    """A document skeleton: the ``html`` root and its ``body`` (a copy of one made once
    per language and thread: lxml copies a tree faster than it builds one)."""
    cache: dict[str, etree._Element] = _skeletons.__dict__.setdefault("by_language", {})
    skeleton = cache.get(language)
    if skeleton is None:
        if len(cache) > 64:
            cache.clear()
        # built whole before it is kept (an interrupted build never leaves half of one)
        skeleton = etree.Element(_TAGS["html"], nsmap=_NSMAP)
        skeleton.set("lang", language)
        skeleton.set(XML_LANG, language)
        head = _el(skeleton, "head")
        _el(head, "title")
        link = _el(head, "link")
        link.set("rel", "stylesheet")
        link.set("type", "text/css")
        link.set("href", STYLESHEET)
        _el(skeleton, "body")
        cache[language] = skeleton
    root = skeleton.__copy__()
    if title:
        root[0][0].text = title
    return root, root[1]


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, doctype=_DOCTYPE)


def _text_block(parent: etree._Element, tag: str, text: str | None, css: str | None = None) -> None:
    """A block with ``text``, left out when nothing of it would show."""
    value = clean(text).strip()
    if visible(value):
        _el(parent, tag, value, css)


def article_label(article: Article, language: str) -> str:
    """The article's headline for the contents, or the start of its text."""
    headline = shown(article.headline, "")
    if headline:
        return headline
    for block in article.body:
        text = shown(getattr(block, "text", None), "")
        if text:
            return short(text, 24)
    return labels(language)["untitled"]


def photo_label(photo: Photo, language: str) -> str:
    """A stand-alone photo for the contents: ``图片：`` (or its title) and its caption's first sentence."""
    kind = shown(photo.title, labels(language)["photo"])
    label = shown(photo.label, "")
    if label:
        kind = f"{kind} {label}"
    caption = shown(" ".join(photo.caption), "")
    if not caption:
        return kind
    return f"{kind}{labels(language)['colon']}{first_sentence(caption)}"


def _figure(
    parent: etree._Element,
    caption: Sequence[str],
    credit: str,
    label: str | None,
    uid: str | None = None,
    image: ImageRef | None = None,
) -> None:
    figure = _el(parent, "figure", css="photo")
    if uid:
        figure.set("id", uid)
    lines = [value for value in (clean(line).strip() for line in caption) if visible(value)]
    if image is not None and image.data is not None:  # the picture file is in the book (manifest item)
        img = _el(figure, "img")
        img.set("src", image.href)
        img.set("alt", first_sentence(lines[0]) if lines else "")
    figcaption = _el(figure, "figcaption")
    head = shown(label, "")
    if head:
        _el(figcaption, "span", head, "label")
    for line in lines:
        _el(figcaption, "p", line)
    if credit:
        _el(figcaption, "p", credit, "credit")
    if len(figcaption) == 0:
        figcaption.text = "\u3000"  # an empty figure still has a caption to show


def _paragraph(parent: etree._Element, block: Paragraph) -> None:
    text = clean(block.text).strip()
    lead = clean(block.lead).strip() if block.lead else ""
    if not visible(text):
        return
    p = _el(parent, "p", css="note" if block.note else None)
    if lead and text.startswith(lead) and visible(lead):
        _el(p, "b", lead, "lead").tail = text[len(lead) :] or None
    else:
        p.text = text


def _body_blocks(section: etree._Element, article: Article, language: str) -> None:
    for block in article.body:
        if isinstance(block, Paragraph):
            _paragraph(section, block)
        elif isinstance(block, Subhead):
            _text_block(section, "h2", block.text, "subhead")
        elif isinstance(block, Quote):
            value = clean(block.text).strip()
            if visible(value):
                _el(_el(section, "blockquote"), "p", value)
        elif isinstance(block, Figure):
            _figure(section, block.caption, credit_line(block, language), block.label, image=block.image)
        else:
            _text_block(section, "p", block.text, "unclassified")


def article_page(article: Article, language: str, photos: Sequence[tuple[Photo, str]] = ()) -> bytes:
    """One article: column tag, kicker, headline, subheadline, dateline and byline, body,
    sources and notes; then the photos linked to it (``(photo, id)``), each its title
    when it has one and a figure with its caption and credit, inside the story."""
    title = article_label(article, language)
    root, body = _page(title, language)
    section = _el(body, "article", css="story")
    header = _el(section, "header")
    _text_block(header, "p", article.column, "column")
    _text_block(header, "p", article.kicker, "kicker")
    _el(header, "h1", title, "headline")
    _text_block(header, "p", article.subheadline, "subheadline")
    dateline = shown(article.dateline, "")
    names = people_line(article.bylines, language)
    if dateline or names:
        byline = _el(header, "p", css="byline")
        if dateline:
            _el(byline, "span", dateline, "dateline")
        if names:
            _el(byline, "span", f"（{names}）" if dateline else names, "names")
    _body_blocks(section, article, language)
    sources = [value for value in (clean(s).strip() for s in article.sources) if visible(value)]
    notes = [value for value in (clean(n).strip() for n in article.notes) if visible(value)]
    if sources or notes:
        footer = _el(section, "footer")
        if sources:
            _el(footer, "p", f"（{labels(language)['source']}{'、'.join(sources)}）", "source")
        for note in notes:
            _el(footer, "p", note, "note")
    for photo, uid in photos:
        _photo(section, photo, uid, "", language)
    return _serialize(root)


def photos_heading(photos: Sequence[Photo], language: str) -> str:
    """The heading of a run of stand-alone photos: their common title, else ``图片``."""
    titles = {shown(photo.title, "") for photo in photos}
    common = titles.pop() if len(titles) == 1 else ""
    return common or labels(language)["photo"]


def photos_page(photos: Sequence[Photo], uids: Sequence[str], language: str) -> bytes:
    """A run of stand-alone photos (one, or a gallery) on one page: a heading, then each
    photo's caption paragraphs and credit as a figure with the id from ``uids``."""
    heading = photos_heading(photos, language)
    title = photo_label(photos[0], language) if len(photos) == 1 else heading
    root, body = _page(title, language)
    section = _el(body, "section", css="picture")
    _el(section, "h1", heading, "photo-title")
    for photo, uid in zip(photos, uids):
        _photo(section, photo, uid, heading, language)
    return _serialize(root)


def _photo(parent: etree._Element, photo: Photo, uid: str, heading: str, language: str) -> None:
    """A stand-alone photo: its own title (unless ``heading`` says it already), then its figure."""
    own = shown(photo.title, "")
    if own and own != heading:
        _el(parent, "h2", own, "photo-title")
    _figure(parent, photo.caption, credit_line(photo, language), photo.label, uid, photo.image)


def _masthead(document: Document, language: str) -> list[tuple[str, str]]:
    """The title page's lines as ``(class, text)``: publication, date, page and section."""
    meta = document.metadata
    page = " ".join(part for part in (page_label(meta.page, language), shown(meta.section, "")) if part)
    lines = [
        ("publication", shown(meta.publication, "")),
        ("edition-date", long_date(meta.edition_date, language, inferred=date_inferred(document))),
        ("page", page),
    ]
    return [(css, text) for css, text in lines if visible(text)]


def title_page(document: Document, language: str) -> bytes:
    """The page's title page: publication (the heading; the lead headline when the
    publication is not known), date (an inferred one marked so), page and section, staff."""
    title = shown(document.title, labels(language)["untitled"])
    root, body = _page(title, language)
    section = _el(body, "section", css="titlepage")
    section.set(EPUB_TYPE, "titlepage")
    lines = _masthead(document, language)
    if not shown(document.metadata.publication, ""):
        lines.insert(0, ("page-title", shown(document.lead_headline(), "") or title))
    _el(section, "h1", lines[0][1], lines[0][0])
    for css, text in lines[1:]:
        _el(section, "p", text, css)
    _text_block(section, "p", people_line(document.metadata.staff, language), "staff")
    return _serialize(root)


def edition_page(title: str, pages: Sequence[tuple[str, str]], language: str) -> bytes:
    """The title page of a bundle: the edition's title and its pages as ``(title, href)`` links."""
    root, body = _page(title, language)
    section = _el(body, "section", css="titlepage edition")
    section.set(EPUB_TYPE, "titlepage")
    _el(section, "h1", title, "edition-title")
    listing = _el(section, "ol", css="pages")
    for label, href in pages:
        _el(_el(listing, "li"), "a", label).set("href", href)
    return _serialize(root)
