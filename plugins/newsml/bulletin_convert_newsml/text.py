"""Text and values made safe for NewsML-G2: XML characters, one-line strings, language, time."""

from __future__ import annotations

import re

from convert_core import Document
from convert_core.exportkit import timestamp, xml_text

_BREAKS_RE = re.compile(r"[\t\n\r]+")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def clean(value: str | None) -> str:
    """``value`` without the characters XML 1.0 forbids (``None`` gives ``""``)."""
    return xml_text(value)


def line(value: str | None) -> str:
    """``value`` as one line: XML-safe, tabs and line breaks made spaces, trimmed.

    NewsML-G2 string properties (names, keywords, sluglines, ``literal``) are
    ``g2normalizedString``: no tab, carriage return or line feed."""
    return _BREAKS_RE.sub(" ", xml_text(value)).strip()


def language_tag(document: Document) -> str:
    """The page language as an ``xs:language`` value (``und`` when it is not one)."""
    tag = (document.metadata.language or "").strip()
    return tag if _LANGUAGE_RE.fullmatch(tag) else "und"


def stamp(document: Document) -> str:
    """The document's clock (``SOURCE_DATE_EPOCH`` or the edition date) as an
    ``xs:dateTime`` in UTC, with a four-digit year even before 1000."""
    moment = timestamp(document)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )
