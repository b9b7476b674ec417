"""What a typeset page prints: :class:`PageSpec`, made from a :class:`~convert_core.model.Document` or a gold dict.

A gold dict is a page's expected structure in any of the project's three shapes: the seed's
(``paragraphs``, one ``credit``), the fixture pages' (``body`` blocks, ``credits``) and the
document JSON form (the same, with ``attribution`` and ``metadata``). Gold records what a
story *is* (dateline ``本报讯``, bylines ``reporter 王孟鹤``); the spec records what the page
*prints* (``本报讯 (记者王孟鹤)`` run into the first paragraph, ``本报记者 王孟鹤`` under the
headline, ``高鸿勋 摄`` after a caption), following each script's conventions. The choices
between equally common conventions are drawn from ``seed``.
"""

from __future__ import annotations

import datetime as _dt
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..exportkit import CREDIT_FORMATS, ROLE_LABELS, label_set
from ..model import Article, Contributor, Document, Figure, Paragraph, Photo, Quote, Subhead, Unclassified
from ..reader.decoding import chinese_script
from ..reader.text import cjk_count

Language = Literal["zh-Hans", "zh-Hant", "en", "fr", "de"]
LATIN: tuple[str, ...] = ("en", "fr", "de")


@dataclass
class Block:
    """One block of a story's body: ``paragraph`` (``lead``: a bold run-in first sentence),
    ``subhead``, ``quote``, ``lines`` (text whose every line is printed as is: a table) or
    ``figure`` (a picture inside the story: ``caption``, ``credit``)."""

    kind: Literal["paragraph", "subhead", "quote", "figure", "lines"]
    text: str = ""
    lead: str | None = None
    caption: list[str] = field(default_factory=list)
    credit: str | None = None


@dataclass
class StorySpec:
    """An article as printed. ``lead_in`` is run into the first paragraph (``本报讯 (记者王孟鹤)``,
    ``WASHINGTON —``); ``byline`` is a line of its own under the headline stack; ``preface``
    lines come before the body (``编者按：…``), ``trailer`` lines after it (``（据新华社）``)."""

    headline: str
    kicker: str | None = None
    subheadline: str | None = None
    column: str | None = None
    byline: str | None = None
    lead_in: str | None = None
    preface: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    kind: Literal["article"] = "article"

    @property
    def length(self) -> int:
        """Characters of body text (blocks, preface, trailer)."""
        text = sum(len(b.text) + sum(map(len, b.caption)) for b in self.blocks)
        return text + sum(map(len, self.preface)) + sum(map(len, self.trailer))


@dataclass
class PhotoSpec:
    """A stand-alone picture: its caption paragraphs, the printed credit, an optional title (``图片新闻``)."""

    caption: list[str] = field(default_factory=list)
    credit: str | None = None
    title: str | None = None
    credit_on_own_line: bool = False
    kind: Literal["photo"] = "photo"


ItemSpec = StorySpec | PhotoSpec


@dataclass
class PageSpec:
    """A page to typeset: its header (publication, date, page, section), staff line and items in reading order."""

    language: Language = "zh-Hans"
    publication: str = ""
    date: _dt.date | None = None
    page: str = ""
    section: str = ""
    staff: str = ""
    items: list[ItemSpec] = field(default_factory=list)

    @property
    def latin(self) -> bool:
        """True for English, French and German pages."""
        return self.language in LATIN


# --------------------------------------------------------------------------- conventions

_AGENCIES = ("新华社", "中新社", "新華社", "中新社", "人民视觉", "视觉中国", "东方IC")
_LATIN_BY = {"en": "By", "fr": "Par", "de": "Von"}
_LATIN_AND = {"en": "and", "fr": "et", "de": "und"}
_PUBLICATIONS = {
    "zh-Hans": ["东州日报", "南塘日报", "青川日报", "临江晚报", "云州都市报", "西江日报", "河阳报"],
    "zh-Hant": ["維港日報", "東華時報", "南海晨報"],
    "en": ["The Morning Ledger", "Riverside Herald", "The Daily Courier"],
    "fr": ["Le Courrier du Matin", "La Gazette de l'Est"],
    "de": ["Neue Abendzeitung", "Der Landbote"],
}
_SECTIONS = {
    "zh-Hans": ["要闻", "综合新闻", "区县新闻", "城事", "经济", "民生", "国内·国际", "文化"],
    "zh-Hant": ["港聞", "要聞", "經濟", "國際"],
    "en": ["NATION", "METRO", "BUSINESS", "WORLD"],
    "fr": ["FRANCE", "RÉGION", "ÉCONOMIE", "MONDE"],
    "de": ["POLITIK", "WIRTSCHAFT", "LOKALES", "WELT"],
}
_STAFF = {
    "zh-Hans": "责任编辑：{a}　美编：{b}　校对：{c}",
    "zh-Hant": "責任編輯：{a}　美術：{b}",
    "en": "Editor: {a} · Design: {b}",
    "fr": "Rédaction : {a} · Mise en page : {b}",
    "de": "Redaktion: {a} · Gestaltung: {b}",
}
_NAMES = {
    "zh-Hans": ["李明", "王芳", "赵刚", "陈静", "刘洋", "周婷", "孙浩", "杨帆"],
    "zh-Hant": ["陳嘉欣", "黃志偉", "李詠琪", "張家豪"],
    "en": ["Anna Reed", "Mark Ellis", "Joan Price", "Paul Hart"],
    "fr": ["Claire Martin", "Luc Bernard", "Sophie Petit"],
    "de": ["Anna Weber", "Jonas Koch", "Lena Vogel"],
}


def detect_language(texts: Sequence[str]) -> Language:
    """The page's script: Chinese (simplified or traditional, as the reader tells them:
    :func:`~convert_core.reader.decoding.chinese_script`) or Latin (French or German by
    their letters and words, else English)."""
    sample = "".join(texts)[:20000]
    if cjk_count(sample) >= max(1, len(sample) // 10):
        return "zh-Hant" if chinese_script(sample) == "Hant" else "zh-Hans"
    lowered = f" {sample.lower()} "
    german = sum(lowered.count(w) for w in (" der ", " die ", " und ", " nicht ", "ß", " ist "))
    french = sum(lowered.count(w) for w in (" le ", " les ", " des ", " est ", " une ", "é", " et "))
    english = sum(lowered.count(w) for w in (" the ", " and ", " of ", " is ", " to "))
    best = max(english, french, german)
    if best == german and german > english:
        return "de"
    if best == french and french > english:
        return "fr"
    return "en"


def _names(people: Sequence[Contributor]) -> str:
    return " ".join(p.name for p in people)


def _cjk_people(people: Sequence[Contributor], language: Language, rng: random.Random, *, spaced: bool) -> str:
    """``记者 王孟鹤 通讯员 和佳佳`` (labels, grouped by role in order of first appearance)."""
    # the labels the exporters print, but a writer unlabelled (文王孟鹤 would read as one name)
    labels = {**ROLE_LABELS["zh-Hant" if language == "zh-Hant" else "zh-Hans"], "writer": ""}
    groups: dict[str, list[str]] = {}
    for person in people:
        groups.setdefault(person.role, []).append(person.name)
    parts = []
    for role, names in groups.items():
        label = labels.get(role, "")
        joined = ("、" if rng.random() < 0.4 else " ").join(names)
        parts.append(f"{label}{' ' if spaced and label else ''}{joined}")
    return " ".join(parts)


def lead_in_for(
    dateline: str | None, bylines: Sequence[Contributor], language: Language, rng: random.Random
) -> str | None:
    """What a page prints before the first paragraph for a story with a dateline."""
    if not dateline:
        return None
    if language in LATIN:
        dash = {"en": " —", "fr": " –", "de": " –"}[language]
        return dateline.rstrip(" —–-") + dash
    if not bylines:
        return dateline
    people = _cjk_people(bylines, language, rng, spaced=rng.random() < 0.5)
    if rng.random() < 0.5:
        return f"{dateline} （{people}）"
    return f"{dateline}({people})"


def byline_for(bylines: Sequence[Contributor], language: Language, rng: random.Random) -> str | None:
    """A byline line of its own (``本报记者 王孟鹤``, ``By JOHN SMITH``)."""
    if not bylines:
        return None
    if language in LATIN:
        names = [p.name for p in bylines]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {_LATIN_AND[language]} " + names[-1]
        if language == "en" and rng.random() < 0.5:
            joined = joined.upper()
        return f"{_LATIN_BY[language]} {joined}"
    if all(p.role == "writer" for p in bylines):
        return _names(bylines)
    text = _cjk_people(bylines, language, rng, spaced=True)
    prefix = rng.choice(["本报", "本报", "■本报", "□本报"]) if language == "zh-Hans" else "本報"
    if text.startswith(("记者", "記者")):
        return prefix + text
    return text


def credit_for(credits: Sequence[Contributor], language: Language, rng: random.Random) -> str | None:
    """The printed credit of a picture (``高鸿勋 摄``, ``新华社发``, ``受访者供图``, ``Photo: Ann Lee``)."""
    if not credits:
        return None
    if language in LATIN:
        label = {"en": rng.choice(["Photo:", "Photograph by"]), "fr": "Photo", "de": "Foto:"}[language]
        return f"{label} {', '.join(p.name for p in credits)}"
    photographer, graphics = CREDIT_FORMATS[label_set(language)]  # as the exporters print them
    parts = []
    for person in credits:
        if person.role == "contributor":
            parts.append(f"{person.name}发" if person.name in _AGENCIES else f"{person.name}供图")
        elif person.role == "graphics":
            parts.append(graphics.format(person.name))
        else:
            parts.append(photographer.format(person.name))
    return " ".join(parts)


def _source_line(source: str, rng: random.Random) -> str:
    if source.startswith(("（", "(")) or rng.random() < 0.4:
        return source
    return f"（{source}）"


def _note_lines(notes: Sequence[str]) -> tuple[list[str], list[str]]:
    """Editor's notes that introduce a series go before the body (``编者按：…``), others after."""
    preface, trailer = [], []
    for note in notes:
        if any(word in note for word in ("敬请关注", "敬請關注", "推出", "系列")):
            preface.append(note if note.startswith(("编者按", "編者按")) else f"编者按：{note}")
        else:
            trailer.append(note if note.startswith(("（", "(", "——")) else f"（{note}）")
    return preface, trailer


# --------------------------------------------------------------------------- from the model


def _story_from_article(article: Article, language: Language, rng: random.Random) -> StorySpec:
    blocks: list[Block] = []
    for block in article.body:
        if isinstance(block, Paragraph):
            blocks.append(Block("paragraph", block.text, lead=block.lead))
        elif isinstance(block, Subhead):
            blocks.append(Block("subhead", block.text))
        elif isinstance(block, Quote):
            blocks.append(Block("quote", block.text))
        elif isinstance(block, Figure):
            credit = " ".join(block.attribution) or credit_for(block.credits, language, rng)
            blocks.append(Block("figure", caption=list(block.caption), credit=credit))
        elif isinstance(block, Unclassified):
            blocks.append(Block("lines" if "\n" in block.text.strip() else "paragraph", block.text))
    byline = lead_in = None
    if article.attribution:
        printed = " ".join(article.attribution)
        if article.dateline and printed.startswith(article.dateline):
            lead_in = printed
        else:
            byline = printed
    else:
        lead_in = lead_in_for(article.dateline, article.bylines, language, rng)
        if not lead_in or language in LATIN:  # Latin pages print the byline on its own line
            byline = byline_for(article.bylines, language, rng)
    preface, trailer = _note_lines(article.notes)
    trailer = [*(_source_line(s, rng) for s in article.sources), *trailer]
    return StorySpec(
        headline=article.headline,
        kicker=article.kicker,
        subheadline=article.subheadline,
        column=article.column,
        byline=byline,
        lead_in=lead_in,
        preface=preface,
        blocks=blocks,
        trailer=trailer,
    )


def _photo_from_model(photo: Photo, language: Language, rng: random.Random) -> PhotoSpec:
    credit = " ".join(photo.attribution) or credit_for(photo.credits, language, rng)
    return PhotoSpec(
        caption=list(photo.caption),
        credit=credit,
        title=photo.title,
        credit_on_own_line=len(photo.caption) > 1 or rng.random() < 0.3,
    )


def _texts(document: Document) -> list[str]:
    texts: list[str] = []
    for item in document.items:
        if isinstance(item, Article):
            texts.append(item.headline)
            texts.extend(p.text for p in item.paragraphs)
        else:
            texts.extend(item.caption)
    return texts


def _language_of(document: Document) -> Language:
    declared = (document.metadata.language or "").lower()
    detected = detect_language(_texts(document))
    if declared.startswith("zh"):
        if "hant" in declared or declared in ("zh-tw", "zh-hk", "zh-mo"):
            return "zh-Hant"
        return detected if detected.startswith("zh") else "zh-Hans"
    if declared[:2] in LATIN:
        return declared[:2]  # type: ignore[return-value]
    return detected


def spec_from_document(document: Document, seed: int = 0) -> PageSpec:
    """The page a :class:`Document` describes; header fields the document lacks are made up from ``seed``."""
    rng = random.Random(f"spec:{seed}")
    language = _language_of(document)
    items: list[ItemSpec] = []
    for item in document.items:
        if isinstance(item, Article):
            items.append(_story_from_article(item, language, rng))
        else:
            items.append(_photo_from_model(item, language, rng))
    meta = document.metadata
    date = None
    if meta.edition_date:
        try:
            date = _dt.date.fromisoformat(meta.edition_date)
        except ValueError:
            date = None
    if date is None:
        date = _dt.date(2015, 1, 1) + _dt.timedelta(days=rng.randrange(3650))
    names = _NAMES[language]
    staff_names = [p.name for p in meta.staff if p.role == "editor"]
    a, b, c = rng.sample(names, 3)
    staff = _STAFF[language].format(a=staff_names[0] if staff_names else a, b=b, c=c)
    return PageSpec(
        language=language,
        publication=meta.publication or rng.choice(_PUBLICATIONS[language]),
        date=date,
        page=meta.page or str(rng.randint(2, 16)),
        section=meta.section or rng.choice(_SECTIONS[language]),
        staff=staff,
        items=items,
    )


# --------------------------------------------------------------------------- from gold dicts


def _people(value: Any) -> list[Contributor]:
    if not value:
        return []
    if isinstance(value, Mapping):
        value = [value]
    people = []
    for person in value:
        if isinstance(person, Mapping) and person.get("name"):
            people.append(Contributor(str(person.get("role") or "contributor"), str(person["name"])))
        elif isinstance(person, str) and person:
            people.append(Contributor("writer", person))
    return people


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


def _gold_block(data: Any) -> Paragraph | Subhead | Quote | Figure | Unclassified | None:
    if isinstance(data, str):
        return Paragraph(data)
    if not isinstance(data, Mapping):
        return None
    kind = data.get("type", "paragraph")
    if kind == "figure":
        return Figure(
            caption=_strings(data.get("caption")),
            credits=_people(data.get("credits") or data.get("credit")),
            label=data.get("label"),
            attribution=_strings(data.get("attribution")),
        )
    text = str(data.get("text") or "")
    if kind == "subhead":
        return Subhead(text)
    if kind == "quote":
        return Quote(text)
    if kind == "unclassified":
        return Unclassified(text)
    lead = data.get("lead")
    return Paragraph(text, lead=lead if isinstance(lead, str) and text.startswith(lead) else None)


def document_from_gold(gold: Mapping[str, Any]) -> Document:
    """A :class:`Document` from a gold dict in any of the project's shapes (see the module docstring)."""
    from ..model import Metadata

    items: list[Article | Photo] = []
    for data in gold.get("items") or []:
        if not isinstance(data, Mapping):
            continue
        if data.get("type") == "photo":
            items.append(
                Photo(
                    caption=_strings(data.get("caption")),
                    credits=_people(data.get("credits") or data.get("credit")),
                    title=data.get("title"),
                    label=data.get("label"),
                    attribution=_strings(data.get("attribution")),
                )
            )
            continue
        if "body" in data:
            body = [b for b in map(_gold_block, data.get("body") or []) if b is not None]
        else:
            body = [Paragraph(str(p)) for p in data.get("paragraphs") or [] if p]
        items.append(
            Article(
                headline=str(data.get("headline") or ""),
                column=data.get("column"),
                kicker=data.get("kicker"),
                subheadline=data.get("subheadline"),
                dateline=data.get("dateline"),
                bylines=_people(data.get("bylines")),
                body=body,
                sources=_strings(data.get("sources")),
                notes=_strings(data.get("notes")),
                attribution=_strings(data.get("attribution")),
            )
        )
    meta = gold.get("metadata") if isinstance(gold.get("metadata"), Mapping) else {}

    def field(name: str, top: str) -> Any:
        """A metadata field: from ``metadata`` (the JSON form), else the corpus's top-level key."""
        value = meta.get(name)
        return gold.get(top) if value is None else value

    page = field("page", "page")
    metadata = Metadata(
        publication=field("publication", "paper"),
        edition_date=field("edition_date", "date"),
        page=None if page is None else str(page),
        section=field("section", "section"),
        language=str(field("language", "language") or ""),
        staff=_people(meta.get("staff")),
    )
    return Document(metadata=metadata, items=items)


def gold_items(gold: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The items of a gold dict that become items of the page, in order (the spec's items)."""
    return [data for data in gold.get("items") or [] if isinstance(data, Mapping)]


def _apply_printed_forms(spec: PageSpec, gold: Mapping[str, Any]) -> None:
    """Print what the corpus's gold says the page printed: ``lead_in`` (the dateline and
    credit opening the first paragraph), ``byline_line``, ``closing_line``, ``subheads``
    (indices of paragraphs set as subheads), ``figures`` (pictures inside a story: ``at`` a
    paragraph index, ``caption``, ``credit_line``), a photo's ``title`` and ``credit_line``,
    and the page's ``furniture`` (staff lines)."""
    for item, data in zip(spec.items, gold_items(gold)):
        if isinstance(item, PhotoSpec):
            if isinstance(data.get("credit_line"), str) and data["credit_line"]:
                item.credit = data["credit_line"]
            continue
        if isinstance(data.get("lead_in"), str) and data["lead_in"].strip():
            item.lead_in = data["lead_in"].strip()
            item.byline = None
        if isinstance(data.get("byline_line"), str) and data["byline_line"].strip():
            item.byline = data["byline_line"].strip()
        if isinstance(data.get("closing_line"), str) and data["closing_line"].strip():
            item.trailer.append(data["closing_line"].strip())
        subheads = {i for i in data.get("subheads") or [] if isinstance(i, int)}
        paragraphs = [b for b in item.blocks if b.kind == "paragraph"]
        for index, block in enumerate(paragraphs):
            if index in subheads:
                block.kind = "subhead"
        figures = [f for f in data.get("figures") or [] if isinstance(f, Mapping)]
        for figure in sorted(figures, key=lambda f: -int(f.get("at") or 0)):
            at = int(figure.get("at") or 0)
            position = item.blocks.index(paragraphs[at]) if 0 <= at < len(paragraphs) else len(item.blocks)
            credit = figure.get("credit_line") if isinstance(figure.get("credit_line"), str) else None
            item.blocks.insert(position, Block("figure", caption=_strings(figure.get("caption")), credit=credit))
    # the corpus lists the page's furniture lines; the fixtures list kinds (``page-header``)
    staff = [line for line in _strings(gold.get("furniture")) if not re.fullmatch(r"[a-z-]+", line)]
    if staff:
        spec.staff = "　".join(staff)


def page_spec(source: PageSpec | Document | Mapping[str, Any], seed: int = 0) -> PageSpec:
    """A :class:`PageSpec` from a spec (returned as is), a document or a gold dict."""
    if isinstance(source, PageSpec):
        return source
    if isinstance(source, Document):
        return spec_from_document(source, seed)
    if isinstance(source, Mapping):
        spec = spec_from_document(document_from_gold(source), seed)
        _apply_printed_forms(spec, source)
        return spec
    raise TypeError(f"cannot typeset a {type(source).__name__}: give a PageSpec, a Document or a gold dict")


_SPACES_RE = re.compile(r"[^\S\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def printed_text(text: str) -> str:
    """Text as a line of print carries it: invisible characters (zero-width spaces, soft
    hyphens, direction marks) left out, runs of other whitespace than the ideographic space
    (newlines of table rows, no-break spaces) made one space."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()
