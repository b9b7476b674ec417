"""``word/document.xml``: the page's items as paragraphs in our named styles.

Built with lxml on the cached :class:`~.base.Base`; every text goes through
:func:`convert_core.exportkit.xml_text` (characters XML forbids removed) and lxml (which
escapes the rest). Tabs and line breaks inside a text become ``w:tab``/``w:br``.
Paragraphs and runs are copies of ready-made ones (one per style and hint), which lxml
makes in a fraction of the time it takes to build them element by element.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from convert_core import exportkit
from convert_core.exportkit import UNTITLED, article_title, label_set, xml_text
from convert_core.model import Article, Block, Figure, ImageRef, Item, Paragraph, Photo, Quote, Subhead, Unclassified

from . import styles as S
from .base import Base
from .ooxml import AMBIGUOUS as _AMBIGUOUS
from .ooxml import R_NS, W_NS, XML_SPACE, serialize, w
from .pictures import NAMESPACES, Pictures

_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T = (w(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t"))
_VAL, _RFONTS, _HINT = w("val"), w("rFonts"), w("hint")
_BREAKS = re.compile(r"(\t|\r\n|\r|\n)")

#: Space above an item that follows another in ``space`` mode, in twips (36 pt).
ITEM_GAP = "720"
TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '


@dataclass(frozen=True)
class Layout:
    """How items are laid out: ``separation`` ``space`` or ``page``; a table of contents."""

    separation: str = "space"
    toc: bool = False


def clean(text: str | None) -> str:
    """Text safe for XML with surrounding white space removed."""
    return xml_text(text).strip()


def headline(article: Article, language: str | None = None) -> str:
    """The text of an article's Heading 1 (never empty)."""
    return clean(article_title(article, language)) or UNTITLED[label_set(language)][0]


def _one_piece(text: str) -> bool:
    """Whether ``text`` has no tab or line break (one ``w:t``)."""
    return text.isprintable() or _BREAKS.search(text) is None


_templates = threading.local()
_TemplateKey = tuple[str | None, str | None, bool | None]


def _template(paragraph_style: str | None, run_style: str | None, hint: bool | None) -> etree._Element:
    """A ready-made element to copy (lxml copies a subtree faster than it builds one): with
    ``paragraph_style`` a ``w:p`` in that style, else a ``w:r``; when ``hint`` is not
    ``None`` it has a run in ``run_style`` (``w:hint="eastAsia"`` if ``hint``) with an
    empty ``w:t`` last. Built once per thread (lxml trees are not shared between threads)."""
    cache: dict[_TemplateKey, etree._Element] = _templates.__dict__.setdefault("cache", {})
    key = (paragraph_style, run_style, hint)
    found = cache.get(key)
    if found is None:
        if len(cache) > 1024:  # reference templates with ever new style ids
            cache.clear()
        # built whole before it is kept: an interruption (a --timeout alarm) never leaves
        # half a template behind for the pages after it
        found = etree.Element(_P if paragraph_style else _R, nsmap={"w": W_NS})
        if paragraph_style:
            etree.SubElement(etree.SubElement(found, _PPR), _PSTYLE, {_VAL: paragraph_style})
        if hint is not None:
            r = etree.SubElement(found, _R) if paragraph_style else found
            if run_style or hint:
                rpr = etree.SubElement(r, _RPR)
                if run_style:
                    etree.SubElement(rpr, _RSTYLE, {_VAL: run_style})
                if hint:
                    etree.SubElement(rpr, _RFONTS, {_HINT: "eastAsia"})
            etree.SubElement(r, _T, {XML_SPACE: "preserve"})
        cache[key] = found
    return found


class BodyWriter:
    """Appends paragraphs in our styles to a ``w:body``."""

    def __init__(self, base: Base) -> None:
        self.ids = base.style_ids
        self.root = etree.Element(w("document"), nsmap={"w": W_NS, "r": R_NS})
        self.body = etree.SubElement(self.root, w("body"))
        self.chinese = base.script.chinese
        self.traditional = base.script.traditional
        # the script of role labels in bylines and credits (記者 and 攝 on a traditional page)
        self.language = "zh-Hant" if self.traditional else "zh-CN" if self.chinese else "en"
        self.pictures = Pictures(base.text_width)

    # -- primitives -------------------------------------------------------------------

    def paragraph(self, style: str, text: str | None = None, run_style: str | None = None) -> etree._Element:
        """A paragraph in ``style``, with one run of ``text`` (in ``run_style``) if any."""
        if text and _one_piece(text):  # the common case: a copy of one ready-made paragraph
            p = _template(self.ids[style], self.ids[run_style] if run_style else None, self._hint(text)).__copy__()
            self.body.append(p)
            p[-1][-1].text = text
            return p
        p = _template(self.ids[style], None, None).__copy__()
        self.body.append(p)
        if text:
            self.run(p, text, run_style)
        return p

    def run(self, parent: etree._Element, text: str, style: str | None = None) -> etree._Element:
        """A run of ``text`` (``w:hint`` when it has ambiguous punctuation on a Chinese page)."""
        r = _template(None, self.ids[style] if style else None, self._hint(text)).__copy__()
        parent.append(r)
        if _one_piece(text):
            r[-1].text = text
            return r
        r.remove(r[-1])
        for piece in _BREAKS.split(text):
            if piece == "\t":
                etree.SubElement(r, w("tab"))
            elif piece in ("\n", "\r", "\r\n"):
                etree.SubElement(r, w("br"))
            elif piece:
                etree.SubElement(r, _T, {XML_SPACE: "preserve"}).text = piece
        return r

    def _hint(self, text: str) -> bool:
        return self.chinese and _AMBIGUOUS.search(text) is not None

    def optional(self, style: str, text: str | None) -> None:
        text = clean(text)
        if text:
            self.paragraph(style, text)

    # -- content ----------------------------------------------------------------------

    def edition_line(self, text: str) -> None:
        self.optional(S.EDITION, text)

    def toc(self, entries: Sequence[tuple[str, str]]) -> None:
        """A Word TOC field over Heading 1, its result pre-filled with linked headlines."""
        self.paragraph(S.TOC_HEADING, ("目錄" if self.traditional else "目录") if self.chinese else "Contents")
        first = self.paragraph(S.TOC1)
        self._field_char(first, "begin")
        instruction = etree.SubElement(etree.SubElement(first, _R), w("instrText"), {XML_SPACE: "preserve"})
        instruction.text = TOC_INSTRUCTION
        self._field_char(first, "separate")
        last = first
        for index, (bookmark, title) in enumerate(entries):
            last = first if index == 0 else self.paragraph(S.TOC1)
            link = etree.SubElement(last, w("hyperlink"), {w("anchor"): bookmark, w("history"): "1"})
            self.run(link, title)
        self._field_char(last, "end")

    def _field_char(self, paragraph: etree._Element, kind: str) -> None:
        etree.SubElement(etree.SubElement(paragraph, _R), w("fldChar"), {w("fldCharType"): kind})

    def article(self, article: Article, bookmark: tuple[int, str] | None = None) -> None:
        self.optional(S.COLUMN, article.column)
        self.optional(S.KICKER, article.kicker)
        heading = self.paragraph(S.HEADLINE)
        if bookmark:
            number, name = bookmark
            etree.SubElement(heading, w("bookmarkStart"), {w("id"): str(number), w("name"): name})
        self.run(heading, headline(article, self.language))
        if bookmark:
            etree.SubElement(heading, w("bookmarkEnd"), {w("id"): str(bookmark[0])})
        self.optional(S.SUBHEADLINE, article.subheadline)
        self.optional(S.BYLINE, exportkit.byline_line(article, self.language))
        for block in article.body:
            self.block(block)
        for source in article.sources:
            self.optional(S.SOURCE, source)
        for note in article.notes:
            self.optional(S.NOTE, note)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            text = xml_text(block.text)
            if not text.strip():
                return
            if block.note:  # an editor's note where it was printed, in the notes' style
                self.optional(S.NOTE, block.text)
                return
            lead = xml_text(block.lead)
            if lead and text.startswith(lead) and lead != text:
                p = self.paragraph(S.BODY)
                self.run(p, lead, S.LEAD)
                self.run(p, text[len(lead) :])
            else:
                self.paragraph(S.BODY, text, S.LEAD if lead == text else None)
        elif isinstance(block, Subhead):
            self.optional(S.SUBHEAD, block.text)
        elif isinstance(block, Quote):
            self.optional(S.QUOTE, block.text)
        elif isinstance(block, Unclassified):
            self.optional(S.UNCLASSIFIED, block.text)
        elif isinstance(block, Figure):
            self.photo(Photo(caption=block.caption, credits=block.credits, label=block.label, image=block.image))

    def photo(self, photo: Photo) -> None:
        """A picture as the page prints it: title, the image itself when the input had it
        (an inline picture, its caption as alternative text), caption (its label, ``图①``,
        first) and credit. Without an image no stand-in text is written where it would be
        (no ``图片`` to turn up in copy, search or a screen reader)."""
        self.optional(S.PHOTO_TITLE, photo.title)
        label = clean(photo.label)
        lines = [text for text in (clean(line) for line in photo.caption) if text]
        if label:
            lines[:1] = [f"{label}\u3000{lines[0]}" if lines else label]
        if self.pictures.embeddable(photo.image):
            self.picture(photo.image, " ".join(lines) or clean(photo.title))  # type: ignore[arg-type]
        for line in lines:
            self.paragraph(S.CAPTION, line)
        self.optional(S.CREDIT, exportkit.credit_line(photo, self.language))

    def picture(self, image: ImageRef, alt: str) -> None:
        """A paragraph in the *Picture* style holding ``image`` inline."""
        self.pictures.run(self.paragraph(S.PICTURE), image, alt)

    # -- layout -----------------------------------------------------------------------

    def separate(self, first: etree._Element, separation: str) -> None:
        """Set an item apart: a page break or extra space above its first paragraph."""
        ppr = first[0] if len(first) else None
        if ppr is None or ppr.tag != _PPR:
            return
        if separation == "page":
            ppr.insert(1, etree.SubElement(ppr, w("pageBreakBefore")))
        else:
            ppr.insert(1, etree.SubElement(ppr, w("spacing"), {w("before"): ITEM_GAP}))

    def finish(self, section: bytes) -> bytes:
        self.body.append(etree.fromstring(section))
        if self.pictures.drawings:  # the drawing namespaces declared once, on the root
            etree.cleanup_namespaces(self.root, top_nsmap={"w": W_NS, **NAMESPACES})
        return serialize(self.root)


def document_xml(
    base: Base, units: Sequence[Sequence[Item]], layout: Layout, edition: str | None
) -> tuple[bytes, Pictures]:
    """The main part of a document holding ``units`` in order (each an item, or an article
    followed by the photos linked to it), and the pictures it shows. Units are set apart
    (``layout.separation``); a linked photo stays with its story."""
    writer = BodyWriter(base)
    if edition:
        writer.edition_line(edition)
    bookmarks: dict[int, tuple[int, str]] = {}
    if layout.toc:
        entries = []
        for index, unit in enumerate(units):
            if isinstance(unit[0], Article):
                name = f"_Toc{len(entries) + 1:09d}"
                bookmarks[index] = (len(entries), name)
                entries.append((name, headline(unit[0], writer.language)))
        writer.toc(entries)
    for index, (head, *photos) in enumerate(units):
        # the unit's first paragraph is the one after the body's last child before it:
        # ``len(body)`` and ``body[i]`` walk lxml's children, so asking them for each unit
        # made a page of thousands of items quadratic (8,000 articles: 7 s)
        last = _last_child(writer.body)
        if isinstance(head, Article):
            writer.article(head, bookmarks.get(index))
        else:
            writer.photo(head)
        for photo in photos:
            if isinstance(photo, Photo):
                writer.photo(photo)
        first = last.getnext() if last is not None else _last_child(writer.body, first=True)
        if (index > 0 or layout.toc) and first is not None:
            writer.separate(first, layout.separation)
    return writer.finish(base.section), writer.pictures


def _last_child(element: etree._Element, *, first: bool = False) -> etree._Element | None:
    """The last (or ``first``) child of ``element``, or ``None``: found without counting
    the children."""
    try:
        return element[0 if first else -1]
    except IndexError:
        return None
