"""A page's gold: what each record of the source is (article, photo, page furniture) and its fields.

Rules (the README says the same):

* A record whose headline is a staff line (``本版责编：…``) is page furniture: printed at the
  end of the page, never a gold item, and so is a staff line printed as a story record's last
  paragraph. A record with no body text (an advertisement, a picture without words) is left
  out of the page.
* A record headed by a photo label (``图片报道``) with pictures and at most two caption
  paragraphs (plus a credit line) is a photo: caption paragraphs, credit read from the credit
  line. Any other record with text is an article.
* Article fields come from the source's fields: kicker, headline and subheadline from its
  headline stack, paragraphs from its ``<p>`` (indent stripped, empty ones dropped, bold ones
  counted as paragraphs and listed in ``subheads``). A dateline opening the first paragraph
  (``本报北京8月19日电  （记者潘俊强）``) is split off when :mod:`credits` reads it; bylines
  come from the author line and that credit. Whatever cannot be read is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

import credits
from page import Block, Record, SourcePage

STAFF_LINE = re.compile(r"^(?:本版|[一二三四五六七八九十\d]+版)责编")
PHOTO_LABELS = frozenset({"图片报道", "图片新闻", "新闻图片", "图说新闻", "图片故事", "组图", "图片"})
COLUMN_TAG = re.compile(r"[（(][^（）()]*[）)]$")
#: Where a first paragraph shows a dateline may hide: an agency word or 电/讯 near its start.
DATELINE_HINT = re.compile(r"^.{0,16}?\d{1,2}日电|^.{0,10}讯|^据?(?:本报|新华社|中新社)")
#: The end of a last paragraph that may carry a credit (``（本报记者杨迅采访整理）``,
#: ``（作者为…）``, ``…。本报记者  左妍``, a brief's bare names ``（雷国忠  龚涛）``): bylines
#: are then not asserted (the record's author line does not say whose names they are).
CLOSING_CREDIT = re.compile(
    r"^[（(].*(?:记者|作者|通讯员|整理|据|电)[^（）()]*[）)]$|(?:记者|作者|通讯员|整理|编译|据|电|摄)[^。！？]{0,16}[）)]?$"
    r"|^[（(][\u4e00-\u9fff·\s\u00a0\u3000]{2,24}[）)]$"
)

#: A page's staff credit printed as the last paragraph of its last story's record
#: (``版式设计：沈亦伶``): page furniture, as a staff record is, not the story's text.
STAFF_PARAGRAPH = re.compile(r"^(?:版式设计|版面设计|本版责编|责任编辑|美编|本版编辑)\s*[:：]")

Kind = Literal["article", "photo", "furniture", "empty"]


@dataclass
class Item:
    """A record as the page prints it: its kind and, for articles and photos, its gold entry."""

    kind: Kind
    record: Record
    gold: dict[str, Any] = field(default_factory=dict)


def text_blocks(record: Record) -> list[Block]:
    return [block for block in record.blocks if block.text]


def kind_of(record: Record) -> Kind:
    """What a record is on the page (see the module's rules)."""
    if STAFF_LINE.match(record.headline):
        return "furniture"
    texts = text_blocks(record)
    if not texts and not record.summary:
        return "empty"
    label = COLUMN_TAG.sub("", record.headline).strip()
    pictures = any(block.pictures for block in record.blocks)
    captions = texts[:-1] if texts and credits.is_photo_credit(texts[-1].text) else texts
    if label in PHOTO_LABELS and pictures and texts and len(captions) <= 2 and not record.summary:
        return "photo"
    return "article"


def _people(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    unique = list(dict.fromkeys(pairs))
    return [{"role": role, "name": name} for role, name in unique]


def _figure(block: Block, at: int) -> list[dict[str, Any]]:
    figures = []
    for picture in block.pictures:
        caption = list(picture.caption)
        entry: dict[str, Any] = {"at": at, "caption": caption}
        if caption and credits.is_photo_credit(caption[-1]):
            entry["credit_line"] = caption.pop()
            credit = credits.photo_credit(entry["credit_line"])
            if credit:
                entry["credit"] = {"role": credit[0], "name": credit[1]}
        if caption or "credit_line" in entry:
            figures.append(entry)
    return figures


def article(record: Record) -> dict[str, Any]:
    """The gold entry of an article record."""
    paragraphs: list[str] = [record.summary] if record.summary else []
    subheads: list[int] = []
    figures: list[dict[str, Any]] = []
    for block in record.blocks:
        figures += _figure(block, len(paragraphs))
        if block.text:
            if block.subhead:
                subheads.append(len(paragraphs))
            paragraphs.append(block.text)
    staff: list[str] = []
    while len(paragraphs) > 1 and STAFF_PARAGRAPH.match(paragraphs[-1]) and len(paragraphs) - 1 not in subheads:
        staff.insert(0, paragraphs.pop())  # 版式设计：X printed under the last story: the page's
    for figure in figures:
        figure["at"] = min(figure["at"], len(paragraphs))
    entry: dict[str, Any] = {
        "type": "article",
        "kicker": record.kicker,
        "headline": record.headline,
        "subheadline": record.subheadline,
    }
    author = credits.people(credits.unmarked(record.author), default_role="writer") if record.author else []
    closing = credits.people(record.closing, default_role=None) if record.closing else []
    first = 1 if record.summary else 0
    split = credits.split_dateline(paragraphs[first]) if len(paragraphs) > first else None
    lead_in = None
    credited: list[tuple[str, str]] | None = []
    if split:
        dateline, credit, rest = split
        lead_in = credits.lead_in(paragraphs[first], rest)
        paragraphs[first] = rest.strip()
        entry["dateline"] = dateline
        credited = credits.people(credit, default_role=None) if credit else []
    elif len(paragraphs) > first and not DATELINE_HINT.search(paragraphs[first]):
        entry["dateline"] = None
    if "dateline" in entry and author is not None and credited is not None and closing is not None:
        entry["bylines"] = _people(author + credited + closing)
    if "bylines" in entry and (not record.bylines_known or (paragraphs and CLOSING_CREDIT.search(paragraphs[-1]))):
        del entry["bylines"]  # a credit the reader may take as a byline may be there: not scored
    entry["paragraphs"] = paragraphs
    if subheads:
        entry["subheads"] = subheads
    if record.author:
        entry["byline_line"] = record.author
    if record.closing:
        entry["closing_line"] = record.closing
    if lead_in:
        entry["lead_in"] = lead_in
    if staff:
        entry["staff_lines"] = staff  # (moved to the page's furniture by page_gold)
    if figures:
        entry["figures"] = figures
    return entry


def photo(record: Record) -> dict[str, Any]:
    """The gold entry of a photo record: caption paragraphs and the credit its last line gives."""
    texts = [block.text for block in text_blocks(record)]
    entry: dict[str, Any] = {"type": "photo", "caption": texts}
    if credits.is_photo_credit(texts[-1]):
        line = texts.pop()
        entry["caption"] = texts
        credit = credits.photo_credit(line)
        if credit:
            entry["credit"] = {"role": credit[0], "name": credit[1]}
        entry["credit_line"] = line
    else:
        entry["credit"] = None
    entry["title"] = record.headline
    return entry


def items(page: SourcePage) -> list[Item]:
    """The page's records as printed, each with its kind and gold entry, in page order."""
    found = []
    for record in page.records:
        kind = kind_of(record)
        gold = article(record) if kind == "article" else photo(record) if kind == "photo" else {}
        found.append(Item(kind, record, gold))
    return found


def page_gold(page: SourcePage, paper_name: str, language: str, laid: list[Item]) -> dict[str, Any]:
    """The gold file of a page (the seed's format, with the page's metadata and extra fields)."""
    furniture = [
        line for item in laid if item.kind == "furniture" for line in [item.record.headline, *furniture_lines(item)]
    ]
    furniture += [line for item in laid if item.kind == "article" for line in item.gold.pop("staff_lines", [])]
    gold: dict[str, Any] = {
        "source": f"{page.page_id}.txt",
        "paper": paper_name,
        "date": page.date,
        "page": page.page,
        "section": page.section,
        "language": language,
        "items": [item.gold for item in laid if item.kind in ("article", "photo")],
    }
    if furniture:
        gold["furniture"] = furniture
    return gold


def furniture_lines(item: Item) -> list[str]:
    """The lines of a furniture record's body (``版式设计：…``)."""
    return [block.text for block in text_blocks(item.record)]
