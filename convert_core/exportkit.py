"""Helpers shared by exporters (built-in and third-party), kept in one place.

* :func:`timestamp`, :func:`iso_timestamp`, :func:`utc_timestamp` the document's clock:
  ``SOURCE_DATE_EPOCH`` or the edition date in the edition's time zone, never now;
  :func:`date_inferred`, :func:`edition_line` an inferred edition date kept apart or marked;
* :func:`deterministic_zip` a ZIP with fixed entry order and timestamps (DOCX, EPUB);
* :func:`xml_text`, :func:`one_line` text made safe for XML (control characters and
  noncharacters removed), on one line;
* :func:`byline_line`, :func:`credit_line`, :func:`article_title`, :func:`photo_title`
  text exporters print; :func:`dateline_place` the place in a dateline;
* :func:`stories` the reading order with each linked photo beside its story;
* :func:`page_guids` deterministic item identifiers (NewsML-G2 guids, ninjs uris);
  :func:`rights_of` copyright holder, notice and usage terms;
* :func:`slug`, :func:`slugline` ASCII slugs (Chinese through pinyin when pypinyin is installed);
* :func:`language_tag` the page language as a valid tag.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError, reason
from .exporters import DEFAULT_GUID_AUTHORITY
from .model import Article, Contributor, Document, Figure, Item, Photo

#: The clock when neither ``SOURCE_DATE_EPOCH`` nor an edition date is known.
FALLBACK_TIMESTAMP = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

ROLE_LABELS_ZH = {
    "reporter": "记者",
    "correspondent": "通讯员",
    "photographer": "摄影",
    "editor": "编辑",
    "writer": "文",
    "trainee": "实习生",
    "graphics": "制图",
    "translator": "翻译",
    "contributor": "",
}


def date_inferred(document: Document | None) -> bool:
    """Whether the page's edition date is only a guess of the reader (``date_source``
    ``inferred``: month and day from the text, the year guessed). Exporters keep such a
    date out of what states it as fact and mark it where the format can."""
    return document is not None and document.metadata.date_source == "inferred"


def edition_day(document: Document | None) -> dt.date | None:
    """The edition date as a date, when it is valid and not merely inferred."""
    if document is None or not document.metadata.edition_date or date_inferred(document):
        return None
    try:
        return dt.date.fromisoformat(document.metadata.edition_date)
    except ValueError:
        return None


#: UTC offsets of the papers whose language says where they are printed, by primary
#: language subtag (Chinese: Beijing, Taipei, Hong Kong, Macau and Singapore time are all +08:00).
EDITION_OFFSETS = {"zh": 8 * 60, "ja": 9 * 60, "ko": 9 * 60}


def edition_zone(document: Document | str | None) -> dt.timezone:
    """The edition's own time zone, from the page language (``+08:00`` for Chinese; UTC
    for a language that does not name one)."""
    language = document.metadata.language if isinstance(document, Document) else document
    minutes = EDITION_OFFSETS.get((language or "").strip().lower().replace("_", "-").split("-")[0], 0)
    return dt.timezone(dt.timedelta(minutes=minutes)) if minutes else dt.UTC


def timestamp(document: Document | None = None) -> dt.datetime:
    """The time exporters write into files (aware, whole seconds).

    ``SOURCE_DATE_EPOCH`` when set (reproducible builds, UTC; malformed, a
    :class:`UsageError`: :func:`.values.source_date_epoch`), else midnight of the
    edition date in the edition's own time zone (:func:`edition_zone`: ``00:00+08:00``
    for a Chinese paper), else :data:`FALLBACK_TIMESTAMP`. An inferred edition date is
    not used (:func:`date_inferred`). Never the current time."""
    from .values import source_date_epoch

    epoch = source_date_epoch()  # a malformed value is an error (UsageError), never ignored
    if epoch is not None:
        return epoch
    day = edition_day(document)
    if day is not None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=edition_zone(document))
    return FALLBACK_TIMESTAMP


def utc_timestamp(document: Document | None = None) -> dt.datetime:
    """:func:`timestamp` as the same instant in UTC (:data:`FALLBACK_TIMESTAMP` when that
    instant would fall before year 1)."""
    moment = timestamp(document)
    try:
        return moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return FALLBACK_TIMESTAMP


def format_time(moment: dt.datetime) -> str:
    """``2020-04-28T00:00:00+08:00`` (``Z`` for UTC): an ``xs:dateTime`` and RFC 3339
    value whose year always has four digits."""
    offset = moment.utcoffset() or dt.timedelta(0)
    if offset:
        minutes = int(offset.total_seconds()) // 60
        sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
        zone = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    else:
        zone = "Z"
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{zone}"
    )


def iso_timestamp(document: Document | None = None) -> str:
    """:func:`timestamp` formatted by :func:`format_time` (``2020-04-28T00:00:00+08:00``)."""
    return format_time(timestamp(document))


#: The editorial note that says an edition date is inferred, by label set.
INFERRED_NOTES = {
    "zh-Hans": "版面日期 {} 为推断：月、日取自正文，年份为推测。",
    "zh-Hant": "版面日期 {} 為推斷：月、日取自正文，年份為推測。",
    "en": "The edition date {} is inferred: month and day from the text, the year guessed.",
}


def inferred_date_note(document: Document) -> str:
    """An editorial note for formats that carry one (NewsML-G2 ``edNote``, ninjs
    ``edNote``) saying the edition date is a guess; ``""`` when it is not."""
    date = one_line(document.metadata.edition_date)
    if not date or not date_inferred(document):
        return ""
    return INFERRED_NOTES[label_set(document.metadata.language)].format(date)


#: How an inferred edition date is marked where it is printed, by label set.
INFERRED_MARK = {"zh-Hans": "（年份推断）", "zh-Hant": "（年份推斷）", "en": " (year inferred)"}


def page_label(page: str | None, language: str | None = None) -> str:
    """``第3版`` for page ``3`` (``Page 3`` in English); a page like ``A04`` as printed."""
    page = one_line(page)
    if not page:
        return ""
    if not page.isdigit():
        return page
    return f"Page {page}" if label_set(language) == "en" else f"第{page}版"


def edition_line(document: Document) -> str:
    """The edition as printed at the top of a page: ``平顶山日报 2020-04-28 第3版 卫东新闻``
    (the parts that are known; ``""`` when none is). An inferred date is marked
    (``2020-04-28（年份推断）``)."""
    meta = document.metadata
    date = one_line(meta.edition_date)
    if date and date_inferred(document):
        date += INFERRED_MARK[label_set(meta.language)]
    parts = (one_line(meta.publication), date, page_label(meta.page, meta.language), one_line(meta.section))
    return " ".join(part for part in parts if part)


#: Deflate level of :func:`deterministic_zip`. Level 1 (zlib's fast matcher) costs about a
#: third of the CPU time of the default 6 on the per-page parts (XHTML, ``document.xml``,
#: mostly CJK text that compresses little better at any level) for archives some 5-10 %
#: larger; parts that repeat from page to page are compressed once per process anyway.
ZIP_LEVEL = 1
#: Parts up to this size have their compressed form remembered (by content, see :func:`_deflate`).
_CACHED_SIZE = 64 << 10  # the constant parts are under 30 KB; a page's own parts pass through
_ZIP_LIMIT = 0xFFFFFFFF  # without ZIP64, sizes and offsets are 32-bit


def deterministic_zip(entries: Iterable[tuple[str, bytes | str, bool]], when: dt.datetime | None = None) -> bytes:
    """A ZIP archive of ``(name, data, compress)`` entries in the given order, every
    entry with the same timestamp (``when``, at least 1980) and fixed permissions.

    Written here rather than with :mod:`zipfile` (whose archives it matches field for
    field): compressed entries are raw deflate at :data:`ZIP_LEVEL`, and the compressed
    form of parts seen before (styles, themes, stylesheets: the same bytes on every page)
    is reused. No ZIP64: an archive past 4 GiB or 65535 entries is refused (``ValueError``)."""
    from struct import pack
    from zlib import crc32

    dos_time, dos_date = _dos_stamp(when)
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, data, compress in entries:
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)  # text as zipfile took it
        method, crc, payload = (8, *_deflate(data, ZIP_LEVEL)) if compress else (0, crc32(data), data)
        raw = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
        if max(len(data), len(payload), offset) >= _ZIP_LIMIT or len(raw) > 0xFFFF:
            raise ValueError(f"cannot zip {name!r}: the archive would need ZIP64")
        fields = (20, flags, method, dos_time, dos_date, crc, len(payload), len(data), len(raw), 0)
        header = pack(_LOCAL, 0x04034B50, *fields) + raw
        directory.append(pack(_CENTRAL, 0x02014B50, 0x0314, *fields, 0, 0, 0, 0o644 << 16, offset) + raw)
        chunks += (header, payload)
        offset += len(header) + len(payload)
    if len(directory) > 0xFFFF or offset >= _ZIP_LIMIT:
        raise ValueError("cannot zip: the archive would need ZIP64")
    central = b"".join(directory)
    end = pack(_END, 0x06054B50, 0, 0, len(directory), len(directory), len(central), offset, 0)
    return b"".join(chunks) + central + end


# local file header, central directory header and end record (version 2.0, made on Unix)
_LOCAL = "<IHHHHHIIIHH"
_CENTRAL = "<IHHHHHHIIIHHHHHII"
_END = "<IHHHHIIH"


def _dos_stamp(when: dt.datetime | None) -> tuple[int, int]:
    """MS-DOS time and date of ``when``, clamped to what a ZIP entry can hold (1980-2107)."""
    moment = when or FALLBACK_TIMESTAMP
    if moment.year < 1980:
        moment = FALLBACK_TIMESTAMP
    if moment.year > 2107:  # the latest time a ZIP entry can hold
        moment = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)
    dos_time = moment.hour << 11 | moment.minute << 5 | moment.second // 2
    return dos_time, (moment.year - 1980) << 9 | moment.month << 5 | moment.day


def _deflate(data: bytes, level: int) -> tuple[int, bytes]:
    """``(CRC-32, raw deflate)`` of ``data``; remembered for small enough parts."""
    if len(data) > _CACHED_SIZE:
        return _deflate_now(data, level)
    return _deflate_cached(data, level)


def _deflate_now(data: bytes, level: int) -> tuple[int, bytes]:
    import zlib

    # a window just large enough for the data (and hash tables to match) gives the same
    # compression as zlib's 32 KiB default, but small parts need far less memory to set up
    bits = max(9, min(15, (len(data) + 262).bit_length()))
    compressor = zlib.compressobj(level, zlib.DEFLATED, -bits, max(1, min(8, bits - 7)))
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


_deflate_cached = functools.lru_cache(maxsize=64)(_deflate_now)


# XML 1.0 forbids C0 controls (but tab and line ends), surrogates, U+FFFE and U+FFFF;
# C1 controls and the noncharacters are allowed but rejected by HTML and most readers
_XML_INVALID_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
_BREAKS_RE = re.compile(r"[\t\n\r]+")


def xml_text(text: str | None) -> str:
    """``text`` without the characters XML forbids or HTML rejects (C0/C1 controls but
    tab and line ends, lone surrogates, noncharacters); ``None`` gives ``""``."""
    if not text:
        return ""
    if text.isprintable():  # the common case, checked in C: nothing to remove
        return text
    return _XML_INVALID_RE.sub("", text)


def one_line(text: str | None) -> str:
    """:func:`xml_text` of ``text`` on one trimmed line (tabs and line breaks made spaces)."""
    if not text:
        return ""
    if text.isprintable():
        return text.strip()
    return _BREAKS_RE.sub(" ", xml_text(text)).strip()


_LANGUAGE_RE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: Document | str | None) -> str:
    """The page language (of a document, or a tag as given) as a BCP 47 /
    ``xs:language`` value: ``zh_CN`` -> ``zh-CN``, ``und`` if it is not a tag."""
    if isinstance(value, Document):
        value = value.metadata.language
    tag = (value or "").strip().replace("_", "-")
    return tag if _LANGUAGE_RE.fullmatch(tag) else "und"


def dateline_place(dateline: str | None) -> str | None:
    """The place named in a dateline: ``新华社北京4月26日电`` -> ``北京`` (``None`` if none)."""
    if not dateline:
        return None
    from .reader.datelines import match_dateline

    match = match_dateline(dateline)
    place = match.group("place") if match else None
    return place or None


#: Role labels printed before names (``记者 王孟鹤``), by label set (see :func:`label_set`).
ROLE_LABELS: dict[str, dict[str, str]] = {
    "zh-Hans": ROLE_LABELS_ZH,
    "zh-Hant": {
        "reporter": "記者",
        "correspondent": "通訊員",
        "photographer": "攝影",
        "editor": "編輯",
        "writer": "文",
        "trainee": "實習生",
        "graphics": "製圖",
        "translator": "翻譯",
        "contributor": "",
    },
    "en": {
        "reporter": "Reporter",
        "correspondent": "Correspondent",
        "photographer": "Photographer",
        "editor": "Editor",
        "writer": "",
        "trainee": "Trainee",
        "graphics": "Graphics",
        "translator": "Translator",
        "contributor": "",
    },
}

#: Picture credits by label set: the photographer's and the graphic artist's format.
CREDIT_FORMATS: dict[str, tuple[str, str]] = {
    "zh-Hans": ("{} 摄", "制图 {}"),
    "zh-Hant": ("{} 攝", "製圖 {}"),
    "en": ("Photo: {}", "Graphics: {}"),
}


def label_set(language: str | None) -> str:
    """Which words a page's language prints: ``zh-Hans``, ``zh-Hant`` (also ``zh-TW``,
    ``zh-HK``, ``zh-MO``) or ``en`` (any other language)."""
    parts = (language or "zh-CN").lower().replace("_", "-").split("-")
    if parts[0] != "zh":
        return "en"
    if "hant" in parts or any(part in ("tw", "hk", "mo") for part in parts[1:]):
        return "zh-Hant"
    return "zh-Hans"


def _shown_name(name: str) -> str:
    """A name made safe for XML, or ``""`` when nothing of it would show."""
    value = xml_text(name).strip()
    return value if any(unicodedata.category(char)[0] not in "ZC" for char in value) else ""


def people_line(people: Sequence[Contributor], language: str | None = None) -> str:
    """``记者 王孟鹤 通讯员 和佳佳``: contributors grouped by role, in order of appearance,
    with the role labels of the page's language (``記者`` on a traditional page); names
    that would not show are left out."""
    labels = ROLE_LABELS[label_set(language)]
    groups: dict[str, list[str]] = {}
    for person in people:
        if name := _shown_name(person.name):
            groups.setdefault(person.role, []).append(name)
    return " ".join(f"{labels.get(role, '')} {' '.join(names)}".strip() for role, names in groups.items())


def byline_line(article: Article, language: str | None = None) -> str:
    """The dateline and bylines as one printed line: ``本报讯（记者 王孟鹤 通讯员 和佳佳）``."""
    people = people_line(article.bylines, language)
    dateline = article.dateline or ""
    if dateline and people:
        return f"{dateline}（{people}）"
    return dateline or people


def credit_line(photo: Photo | Figure, language: str | None = None) -> str:
    """A picture credit as printed: ``高鸿勋 摄`` (``黃志明 攝`` on a traditional page);
    agencies and others by name; the printed attribution when no one is named."""
    photographer, graphics = CREDIT_FORMATS[label_set(language)]
    parts = []
    for person in photo.credits:
        name = _shown_name(person.name)
        if not name:
            continue
        if person.role == "photographer":
            parts.append(photographer.format(name))
        elif person.role == "graphics":
            parts.append(graphics.format(name))
        else:
            parts.append(name)
    if not parts:
        parts = [shown for text in photo.attribution if (shown := _shown_name(text))]
    return " ".join(parts)


def figcaption_parts(figure: Figure, language: str | None = None) -> list[tuple[str, str, str | None]]:
    """What the XHTML ``<figcaption>`` of a figure in an article's body holds, in order, as
    ``(tag, text, class)``: its label (``span.label``), its caption paragraphs (``p``) and
    its credit line (``p.credit``), each only when it has text."""
    parts: list[tuple[str, str, str | None]] = []
    if label := one_line(figure.label):
        parts.append(("span", label, "label"))
    parts.extend(("p", text, None) for line in figure.caption if (text := xml_text(line).strip()))
    if credit := one_line(credit_line(figure, language)):
        parts.append(("p", credit, "credit"))
    return parts


def article_title(article: Article, language: str | None = None) -> str:
    """The headline, or the start of the body when the article has none, or the page
    language's word for untitled (``（无标题）``, ``（無標題）``, ``(untitled)``)."""
    if article.headline.strip():
        return article.headline.strip()
    for block in article.body:
        text = getattr(block, "text", "")
        if text:
            return text[:24] + ("…" if len(text) > 24 else "")
    return UNTITLED[label_set(language)][0]


#: What a title-less item is called, in each label set (see :func:`label_set`).
UNTITLED = {"zh-Hans": ("（无标题）", "图片"), "zh-Hant": ("（無標題）", "圖片"), "en": ("(untitled)", "Photo")}


def photo_title(photo: Photo, language: str | None = None) -> str:
    """A short title for a stand-alone photo: its heading, or the start of its caption, or
    the page language's word for a picture (``图片``, ``圖片``, ``Photo``)."""
    if photo.title:
        return photo.title
    caption = " ".join(photo.caption).strip()
    if caption:
        return caption[:24] + ("…" if len(caption) > 24 else "")
    return UNTITLED[label_set(language)][1]


@dataclass(frozen=True)
class Story:
    """One place in a page's reading order, as an exporter lays it out: the item at
    ``index`` in ``document.items`` and, when it is an article, the positions of the photos
    linked to it (``Photo.article``) in reading order, which go with it."""

    index: int
    photos: tuple[int, ...] = ()


def stories(document: Document) -> list[Story]:
    """The page's items in reading order, each photo linked to a story on the page moved
    beside that story: every item but the linked photos once, an article followed by its
    photos. A link naming no article of the page (a hand-edited JSON document) is ignored:
    that photo keeps its place; when two articles share an id, the first one is meant."""
    items = document.items
    articles: dict[str, int] = {}
    for index, item in enumerate(items):
        if isinstance(item, Article) and item.id:
            articles.setdefault(item.id, index)
    linked: dict[int, list[int]] = {}
    for index, item in enumerate(items):
        if isinstance(item, Photo) and item.article and item.article in articles:
            linked.setdefault(articles[item.article], []).append(index)
    if not linked:
        return [Story(index) for index in range(len(items))]
    moved = {index for photos in linked.values() for index in photos}
    return [Story(index, tuple(linked.get(index, ()))) for index in range(len(items)) if index not in moved]


def slug(text: str, *, max_length: int = 60, fallback: str = "item") -> str:
    """An ASCII slug (``a-z0-9-``) of ``text``; Chinese text falls back to ``fallback``
    unless an exporter transliterates it first."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return ascii_text[:max_length].strip("-") or fallback


_SLUG_WORD_RE = re.compile(r"[a-z0-9]+")
SLUGLINE_LENGTH = 48


@functools.lru_cache(maxsize=4096)
def slugline(text: str, fallback: str = "item") -> str:
    """A readable lower-case ``a-z0-9-`` slug: Chinese in toneless pinyin
    (``wei-dong-qu-chi-xu``), cut at a syllable boundary after at most
    :data:`SLUGLINE_LENGTH` characters; ``fallback`` when nothing readable is left.

    pypinyin is imported on first use; without it only Latin letters and digits are kept."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        parts = [text[:40]]
    else:
        parts = lazy_pinyin(text[:40])
    words: list[str] = []
    for part in parts:
        ascii_part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode("ascii").lower()
        words.extend(_SLUG_WORD_RE.findall(ascii_part))
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > SLUGLINE_LENGTH:
            break
        result = candidate
    return result or fallback


# ---------------------------------------------------------------------------- guids

# The guid authority when none is given (DEFAULT_GUID_AUTHORITY) is a reserved name
# (RFC 6761) that marks the identifiers as issued by no registered provider.
_AUTHORITY_RE = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_UNSAFE_ID_RE = re.compile(r"[^A-Za-z0-9._-]+")


def _guid_token(value: str | None) -> str:
    """An ASCII token for a guid: ``A04`` -> ``a04``; other text -> ``h`` + a short hash."""
    text = (value or "").strip()
    if not text:
        return ""
    if text.isascii():
        found = "".join(_TOKEN_RE.findall(text.lower()))
        if found and len(found) <= 24:
            return found
    return "h" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def guid_authority(value: str | None) -> str:
    """The ``--guid-authority`` option checked (a domain name), or the default."""
    if value is None or not str(value).strip():
        return DEFAULT_GUID_AUTHORITY
    text = str(value).strip().lower()
    if not _AUTHORITY_RE.fullmatch(text) or len(text) > 253:
        raise UsageError(f"--guid-authority must be a domain name such as example.com, not {value!r}")
    return text


def local_ids(items: Sequence[Item]) -> list[str]:
    """A safe id for each item, unique ignoring case: its ``id`` where usable, else one
    made from its kind and position; an id taken already gets the first free ``-2``,
    ``-3``… Each id remembers the suffix it tried last and counts on from it (the ones
    before stay taken): thousands of items of one id (a JSON page's, or ids cut to 64
    characters) tried every suffix from ``-2`` again — quadratic, 16,000 items 35 s."""
    seen: set[str] = set()
    tried: dict[str, int] = {}  # an id (lowered): the last suffix tried for it
    result = []
    for index, item in enumerate(items, 1):
        base = _UNSAFE_ID_RE.sub("-", item.id or "").strip("-._")[:64]
        if not base:
            base = f"{'a' if isinstance(item, Article) else 'p'}{index}"
        key = base.lower()
        counter = tried.get(key, 1)
        candidate = base if counter == 1 else f"{base}-{counter}"
        while candidate.lower() in seen:
            counter += 1
            candidate = f"{base}-{counter}"
        tried[key] = counter
        seen.add(candidate.lower())
        result.append(candidate)
    return result


@dataclass(frozen=True)
class PageGuids:
    """The identifiers of one page: the page's own, and one per item (``items[i]``)."""

    package: str
    items: tuple[str, ...]
    locals: tuple[str, ...]


def page_guids(document: Document, authority: str | None = None) -> PageGuids:
    """Deterministic identifiers of a page and its items, never from the clock:

    * the page: ``urn:newsml:AUTHORITY:DATE:PUBLICATION-pPAGE-DIGEST``, ``DIGEST`` 10 hex
      digits of the page's content fingerprint (:func:`convert_core.ids.document_fingerprint`);
    * an item: ``urn:newsml:AUTHORITY:DATE:PUBLICATION-pPAGE-ITEM-DIGEST``, ``ITEM`` its
      ``id`` (made safe and unique), ``DIGEST`` 8 hex digits of its own content fingerprint.

    So the same content always gives the same identifiers, and different content (another
    page of an unknown paper, a corrected paragraph) different ones, which matters since
    every item is written as version 1. NewsML-G2 guids and ninjs uris share them."""
    from .ids import document_fingerprint, item_fingerprint

    meta = document.metadata
    date = (meta.edition_date or "").replace("-", "")
    date = date if re.fullmatch(r"\d{8}", date) else "00000000"
    publication = _guid_token(meta.publication) or "unknown"
    base = f"urn:newsml:{guid_authority(authority)}:{date}:{publication}-p{_guid_token(meta.page) or '0'}"
    locals_ = tuple(local_ids(document.items))
    items = tuple(
        f"{base}-{local}-{item_fingerprint(item)[:8]}" for item, local in zip(document.items, locals_, strict=True)
    )
    return PageGuids(package=f"{base}-{document_fingerprint(document)[:10]}", items=items, locals=locals_)


# ---------------------------------------------------------------------------- rights


@dataclass(frozen=True)
class Rights:
    """Who holds the rights to a page's content and on what terms (NewsML-G2
    ``rightsInfo``, ninjs ``copyrightHolder``/``copyrightNotice``/``usageTerms``); empty
    strings for what is not known."""

    holder: str = ""
    notice: str = ""
    usage_terms: str = ""

    def __bool__(self) -> bool:
        return bool(self.holder or self.notice or self.usage_terms)


def rights_of(document: Document, options: Mapping[str, Any] | None = None) -> Rights:
    """The rights of a page: ``--copyright-holder`` (default: the publication),
    ``--copyright-notice`` (default: ``© 2020 平顶山日报``, the year when the edition date
    is known and not inferred) and ``--usage-terms`` (no default: terms are the holder's
    to state)."""
    options = options or {}
    holder = one_line(options.get("copyright_holder")) or one_line(document.metadata.publication)
    notice = one_line(options.get("copyright_notice"))
    if not notice and holder:
        day = edition_day(document)
        notice = f"© {day.year} {holder}" if day and 1 <= day.year <= 9999 else f"© {holder}"
    return Rights(holder=holder, notice=notice, usage_terms=one_line(options.get("usage_terms")))


def file_problems_of(paths: Sequence[Path | str], problems: Callable[[Path], list[str]]) -> list[str]:
    """Run a per-file check over written outputs (for a ``validate_output`` hook): each
    problem prefixed with its file's path; a file that cannot be read is one problem."""
    found: list[str] = []
    for path in map(Path, paths):
        try:
            found.extend(f"{path}: {problem}" for problem in problems(path))
        except OSError as exc:
            found.append(f"{path}: cannot read: {reason(exc)}")
    return found
