"""Deterministic item identifiers: ``urn:newsml:AUTHORITY:DATE:PUBLICATION-pPAGE-ITEM``.

The guid of an item derives from the publication, the edition date, the page and the
item's content-derived ``id``, never from the clock, so the same page always gives the
same guids. The ninjs exporter builds its ``uri`` the same way: a NewsML-G2 item and
its ninjs object share one identifier.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from convert_core import Article, Document, UsageError
from convert_core.model import Item

#: Used when no ``--guid-authority`` is given: a reserved name (RFC 6761) that marks
#: the identifiers as issued by no registered provider.
DEFAULT_AUTHORITY = "bulletin-convert.invalid"

_AUTHORITY_RE = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_UNSAFE_RE = re.compile(r"[^A-Za-z0-9._-]+")


def _token(value: str | None) -> str:
    """An ASCII token for a guid: ``A04`` -> ``a04``; other text -> ``h`` + a short hash."""
    text = (value or "").strip()
    if not text:
        return ""
    if text.isascii():
        found = "".join(_TOKEN_RE.findall(text.lower()))
        if found and len(found) <= 24:
            return found
    return "h" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def authority(value: str | None) -> str:
    """The guid authority option checked (a domain name), or the default."""
    if value is None or not str(value).strip():
        return DEFAULT_AUTHORITY
    text = str(value).strip().lower()
    if not _AUTHORITY_RE.fullmatch(text) or len(text) > 253:
        raise UsageError(f"--guid-authority must be a domain name such as example.com, not {value!r}")
    return text


def local_ids(items: Sequence[Item]) -> list[str]:
    """A safe, unique (ignoring case) local id for each item: its ``id`` where that is
    usable, else one made from its kind and position."""
    seen: set[str] = set()
    result = []
    for index, item in enumerate(items, 1):
        base = _UNSAFE_RE.sub("-", item.id or "").strip("-._")[:64]
        if not base:
            base = f"{'a' if isinstance(item, Article) else 'p'}{index}"
        candidate, counter = base, 1
        while candidate.lower() in seen:
            counter += 1
            candidate = f"{base}-{counter}"
        seen.add(candidate.lower())
        result.append(candidate)
    return result


@dataclass(frozen=True)
class PageIds:
    """The guids of one page: the package's, and one per item (``items[i]``)."""

    package: str
    items: tuple[str, ...]
    locals: tuple[str, ...]


def page_ids(document: Document, authority_option: str | None = None) -> PageIds:
    """Guids of the page and its items."""
    meta = document.metadata
    date = (meta.edition_date or "").replace("-", "")
    date = date if re.fullmatch(r"\d{8}", date) else "00000000"
    base = f"urn:newsml:{authority(authority_option)}:{date}:{_token(meta.publication) or 'unknown'}-p{_token(meta.page) or '0'}"
    locals_ = tuple(local_ids(document.items))
    return PageIds(package=base, items=tuple(f"{base}-{local}" for local in locals_), locals=locals_)
