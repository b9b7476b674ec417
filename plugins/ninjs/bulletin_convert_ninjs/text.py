"""Text and values made safe for ninjs: no characters XML or UTF-8 cannot carry, RFC 3339 times."""

from __future__ import annotations

import re

from convert_core import Document
from convert_core.exportkit import timestamp, xml_text

_BREAKS_RE = re.compile(r"[\t\n\r]+")


def clean(value: str | None) -> str:
    """``value`` without control characters, lone surrogates and U+FFFE/U+FFFF (the XML
    1.0 set), so the plain and the XHTML body carry the same text and UTF-8 never fails."""
    return xml_text(value)


def line(value: str | None) -> str:
    """``value`` cleaned, as one trimmed line (headlines, names, places)."""
    return _BREAKS_RE.sub(" ", xml_text(value)).strip()


def stamp(document: Document) -> str:
    """The document's clock (``SOURCE_DATE_EPOCH`` or the edition date) in RFC 3339, UTC."""
    moment = timestamp(document)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )
