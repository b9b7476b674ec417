"""Helpers shared by exporters (built-in and third-party), kept in one place.

* :func:`timestamp` the document's clock: ``SOURCE_DATE_EPOCH`` or the edition date, never now;
* :func:`deterministic_zip` a ZIP with fixed entry order and timestamps (DOCX, EPUB);
* :func:`xml_text` text made safe for XML (control characters and noncharacters removed);
* :func:`byline_line`, :func:`credit_line`, :func:`article_title` text exporters print;
* :func:`slug` an ASCII slug for file names and identifiers.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence

from .model import Article, Contributor, Document, Photo

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


def timestamp(document: Document | None = None) -> dt.datetime:
    """The time exporters write into files (UTC, whole seconds).

    ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the edition date at
    midnight UTC, else :data:`FALLBACK_TIMESTAMP`. Never the current time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            pass
    if document is not None and document.metadata.edition_date:
        try:
            day = dt.date.fromisoformat(document.metadata.edition_date)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        except ValueError:
            pass
    return FALLBACK_TIMESTAMP


def iso_timestamp(document: Document | None = None) -> str:
    """:func:`timestamp` as ``2020-04-28T00:00:00Z``."""
    return timestamp(document).strftime("%Y-%m-%dT%H:%M:%SZ")


def deterministic_zip(entries: Iterable[tuple[str, bytes, bool]], when: dt.datetime | None = None) -> bytes:
    """A ZIP archive of ``(name, data, compress)`` entries in the given order, every
    entry with the same timestamp (``when``, at least 1980) and fixed permissions."""
    moment = when or FALLBACK_TIMESTAMP
    if moment.year < 1980:
        moment = FALLBACK_TIMESTAMP
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compress in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=6 if compress else None)
    return buffer.getvalue()


_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str | None) -> str:
    """``text`` with the characters XML 1.0 forbids removed (``None`` gives ``""``)."""
    if not text:
        return ""
    return _XML_INVALID_RE.sub("", text)


def people_line(people: Sequence[Contributor]) -> str:
    """``记者 王孟鹤 通讯员 和佳佳``: contributors grouped by role, in order of appearance."""
    groups: dict[str, list[str]] = {}
    for person in people:
        groups.setdefault(person.role, []).append(person.name)
    parts = []
    for role, names in groups.items():
        label = ROLE_LABELS_ZH.get(role, "")
        parts.append(f"{label} {' '.join(names)}".strip())
    return " ".join(parts)


def byline_line(article: Article) -> str:
    """The dateline and bylines as one printed line: ``本报讯（记者 王孟鹤 通讯员 和佳佳）``."""
    people = people_line(article.bylines)
    dateline = article.dateline or ""
    if dateline and people:
        return f"{dateline}（{people}）"
    return dateline or people


def credit_line(photo: Photo) -> str:
    """A picture credit as printed: ``高鸿勋 摄`` (agencies and others listed as they are)."""
    parts = []
    for person in photo.credits:
        if person.role == "photographer":
            parts.append(f"{person.name} 摄")
        elif person.role == "graphics":
            parts.append(f"制图 {person.name}")
        else:
            parts.append(person.name)
    return " ".join(parts)


def article_title(article: Article) -> str:
    """The headline, or the start of the body when the article has none."""
    if article.headline.strip():
        return article.headline.strip()
    for block in article.body:
        text = getattr(block, "text", "")
        if text:
            return text[:24] + ("…" if len(text) > 24 else "")
    return "（无标题）"


def photo_title(photo: Photo) -> str:
    """A short title for a stand-alone photo: its heading, or the start of its caption."""
    if photo.title:
        return photo.title
    caption = " ".join(photo.caption).strip()
    if caption:
        return caption[:24] + ("…" if len(caption) > 24 else "")
    return "图片"


def slug(text: str, *, max_length: int = 60, fallback: str = "item") -> str:
    """An ASCII slug (``a-z0-9-``) of ``text``; Chinese text falls back to ``fallback``
    unless an exporter transliterates it first."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return ascii_text[:max_length].strip("-") or fallback
