"""``word/document.xml``: the page's items as paragraphs in our named styles.

Built with lxml on the cached :class:`~.base.Base`; every text goes through
:func:`convert_core.exportkit.xml_text` (characters XML forbids removed) and lxml (which
escapes the rest). Tabs and line breaks inside a text become ``w:tab``/``w:br``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from convert_core import exportkit
from convert_core.exportkit import article_title, xml_text
from convert_core.model import Article, Block, Figure, Item, Paragraph, Photo, Quote, Subhead, Unclassified

from . import styles as S
from .base import Base
from .ooxml import R_NS, W_NS, XML_SPACE, serialize, w

_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T = (w(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t"))
_VAL, _RFONTS, _HINT = w("val"), w("rFonts"), w("hint")
_BREAKS = re.compile(r"(\t|\r\n|\r|\n)")
#: Characters of East Asian width "ambiguous" common in Chinese text: Word sets them in
#: the Latin face unless the run says ``w:hint="eastAsia"`` (Chinese Word does the same).
_AMBIGUOUS = re.compile(
    "[\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00f7\u2010-\u2016\u2018-\u2027\u2030-\u2033\u2035\u203b"
    "\u2103\u2116\u2160-\u217f\u2190-\u2199\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2605\u2606]"
)

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


def headline(article: Article) -> str:
    """The text of an article's Heading 1 (never empty)."""
    return clean(article_title(article)) or "（无标题）"


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

    # -- primitives -------------------------------------------------------------------

    def paragraph(self, style: str, text: str | None = None) -> etree._Element:
        p = etree.SubElement(self.body, _P)
        etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE, {_VAL: self.ids[style]})
        if text:
            self.run(p, text)
        return p

    def run(self, parent: etree._Element, text: str, style: str | None = None) -> etree._Element:
        r = etree.SubElement(parent, _R)
        hint = self.chinese and _AMBIGUOUS.search(text) is not None
        if style or hint:
            rpr = etree.SubElement(r, _RPR)
            if style:
                etree.SubElement(rpr, _RSTYLE, {_VAL: self.ids[style]})
            if hint:
                etree.SubElement(rpr, _RFONTS, {_HINT: "eastAsia"})
        for piece in _BREAKS.split(text):
            if piece == "\t":
                etree.SubElement(r, w("tab"))
            elif piece in ("\n", "\r", "\r\n"):
                etree.SubElement(r, w("br"))
            elif piece:
                t = etree.SubElement(r, _T, {XML_SPACE: "preserve"})
                t.text = piece
        return r

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
        self.run(heading, headline(article))
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
            lead = xml_text(block.lead)
            p = self.paragraph(S.BODY)
            if lead and text.startswith(lead) and lead != text:
                self.run(p, lead, S.LEAD)
                self.run(p, text[len(lead) :])
            elif lead and lead == text:
                self.run(p, text, S.LEAD)
            else:
                self.run(p, text)
        elif isinstance(block, Subhead):
            self.optional(S.SUBHEAD, block.text)
        elif isinstance(block, Quote):
            self.optional(S.QUOTE, block.text)
        elif isinstance(block, Unclassified):
            self.optional(S.UNCLASSIFIED, block.text)
        elif isinstance(block, Figure):
            self.photo(Photo(caption=block.caption, credits=block.credits, label=block.label))

    def photo(self, photo: Photo) -> None:
        """A picture without its image: title, a framed 图片 placeholder, caption, credit."""
        self.optional(S.PHOTO_TITLE, photo.title)
        label = clean(photo.label)
        word = "圖片" if self.traditional else "图片"
        self.paragraph(S.PHOTO_FRAME, f"{word}（{label}）" if label else word)
        for line in photo.caption:
            self.optional(S.CAPTION, line)
        self.optional(S.CREDIT, exportkit.credit_line(photo, self.language))

    # -- layout -----------------------------------------------------------------------

    def separate(self, first: etree._Element, separation: str) -> None:
        """Set an item apart: a page break or extra space above its first paragraph."""
        ppr = first.find(_PPR)
        if ppr is None:
            return
        if separation == "page":
            ppr.insert(1, etree.Element(w("pageBreakBefore")))
        else:
            ppr.insert(1, etree.Element(w("spacing"), {w("before"): ITEM_GAP}))

    def finish(self, section: bytes) -> bytes:
        self.body.append(etree.fromstring(section))
        return serialize(self.root)


def document_xml(base: Base, items: Sequence[Item], layout: Layout, edition: str | None) -> bytes:
    """The main part of a document holding ``items``."""
    writer = BodyWriter(base)
    if edition:
        writer.edition_line(edition)
    bookmarks: dict[int, tuple[int, str]] = {}
    if layout.toc:
        entries = []
        for index, item in enumerate(items):
            if isinstance(item, Article):
                name = f"_Toc{len(entries) + 1:09d}"
                bookmarks[index] = (len(entries), name)
                entries.append((name, headline(item)))
        writer.toc(entries)
    for index, item in enumerate(items):
        start = len(writer.body)
        if isinstance(item, Article):
            writer.article(item, bookmarks.get(index))
        else:
            writer.photo(item)
        if (index > 0 or layout.toc) and len(writer.body) > start:
            writer.separate(writer.body[start], layout.separation)
    return writer.finish(base.section)
