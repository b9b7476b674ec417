"""The book's package metadata, derived from the documents and nothing else.

* :func:`identifier` a ``urn:uuid`` (UUID 5) over the documents' canonical JSON, minus
  what does not belong to the content (the source file's name and encoding, the
  reader's diagnostics): the same page always gives the same identifier;
* :func:`book_title` the title of one page (``Document.title``) or of a bundle;
* :func:`people` creators (bylines) and contributors (picture credits, page staff),
  each with MARC relator codes for their roles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from convert_core.exportkit import FALLBACK_TIMESTAMP, timestamp
from convert_core.jsonform import to_dict
from convert_core.model import Article, Contributor, Document, Photo

from .text import clean, labels, parse_date, script_of, shown, visible

#: UUID 5 namespace of the identifiers this plugin makes.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:bulletin-convert:epub")

#: Our roles as MARC relator codes (EPUB 3 ``role`` refinements, scheme ``marc:relators``).
RELATORS = {
    "reporter": "aut",
    "correspondent": "aut",
    "writer": "aut",
    "trainee": "aut",
    "photographer": "pht",
    "editor": "edt",
    "graphics": "ill",
    "translator": "trl",
    "contributor": "ctb",
}


def identifier(documents: Sequence[Document]) -> str:
    """``urn:uuid:…`` derived from the content of ``documents``."""
    hasher = hashlib.sha256()
    for document in documents:
        data = to_dict(document)
        data["metadata"].pop("source", None)
        data.pop("diagnostics", None)
        hasher.update(json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii"))
        hasher.update(b"\x1e")
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, hasher.hexdigest())}"


def modified(documents: Sequence[Document]) -> dt.datetime:
    """``dcterms:modified``: ``SOURCE_DATE_EPOCH`` or the latest edition date, never the clock
    (:data:`FALLBACK_TIMESTAMP` for a date a ZIP archive cannot hold: before 1980, after 2107)."""
    moment = max(timestamp(document) for document in documents) if documents else timestamp(None)
    return moment if 1980 <= moment.year <= 2107 else FALLBACK_TIMESTAMP


def _unique(values: Sequence[str | None]) -> list[str]:
    seen: list[str] = []
    for value in values:
        text = shown(value, "")
        if text and text not in seen:
            seen.append(text)
    return seen


def book_title(documents: Sequence[Document], language: str) -> str:
    """One page: ``平顶山日报 2020-04-28 第3版``; several: ``平顶山日报 2020-04-28（3个版面）``."""
    untitled = labels(language)["untitled"]
    if len(documents) == 1:
        return shown(documents[0].title, untitled)
    publications = _unique([document.metadata.publication for document in documents])
    dates = sorted(_unique([document.metadata.edition_date for document in documents]))
    parts = publications[:1] if len(publications) == 1 else []
    if dates:
        parts.append(dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}")
    base = " ".join(parts) or (shown(documents[0].title, untitled) if documents else untitled)
    count = f"{len(documents)}{labels(language)['pages']}"
    return f"{base} ({count})" if script_of(language) == "en" else f"{base}（{count}）"


def edition_date(documents: Sequence[Document]) -> str | None:
    """``dc:date``: the (earliest) edition date, when one is known."""
    days = [day for day in (parse_date(document.metadata.edition_date) for document in documents) if day]
    return min(days).isoformat() if days else None


def publishers(documents: Sequence[Document]) -> list[str]:
    """``dc:publisher``: the publications, in order."""
    return _unique([document.metadata.publication for document in documents])


def subjects(documents: Sequence[Document]) -> list[str]:
    """``dc:subject``: the page names (sections), in order."""
    return _unique([document.metadata.section for document in documents])


@dataclass
class Person:
    """One creator or contributor of the book and their MARC relator roles."""

    name: str
    roles: list[str] = field(default_factory=list)


def _collect(found: dict[str, Person], persons: Sequence[Contributor]) -> None:
    for person in persons:
        name = clean(person.name).strip()
        if not visible(name):
            continue
        entry = found.setdefault(name, Person(name))
        code = RELATORS.get(person.role, "ctb")
        if code not in entry.roles:
            entry.roles.append(code)


def people(documents: Sequence[Document]) -> tuple[list[Person], list[Person]]:
    """``(creators, contributors)``: bylines; picture credits and page staff."""
    creators: dict[str, Person] = {}
    contributors: dict[str, Person] = {}
    for document in documents:
        for item in document.items:
            if isinstance(item, Article):
                _collect(creators, item.bylines)
                for figure in item.figures:
                    _collect(contributors, figure.credits)
            elif isinstance(item, Photo):
                _collect(contributors, item.credits)
        _collect(contributors, document.metadata.staff)
    return list(creators.values()), list(contributors.values())
