"""The book's package metadata, derived from the documents and nothing else.

* :func:`identifier` a ``urn:uuid`` (UUID 5) over the documents' content fingerprints
  (:func:`convert_core.ids.document_fingerprint`: not the source file's name and
  encoding, nor the reader's diagnostics): the same page always gives the same
  identifier, a different one another;
* :func:`book_title` the title of one page (``Document.title``) or of a bundle;
* :func:`people` creators (bylines) and contributors (picture credits, page staff),
  each with MARC relator codes for their roles.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from convert_core.exportkit import FALLBACK_TIMESTAMP, date_inferred, timestamp
from convert_core.ids import document_fingerprint
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
    fingerprints = "\x1e".join(document_fingerprint(document) for document in documents)
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, fingerprints)}"


def modified(documents: Sequence[Document]) -> dt.datetime:
    """The book's time: ``SOURCE_DATE_EPOCH`` or midnight of the latest edition date in its
    own time zone (an inferred date is not used), never the clock; :data:`FALLBACK_TIMESTAMP`
    for a time a ZIP archive or ``dcterms:modified`` cannot hold (before 1980, after 2107)."""
    moments = [timestamp(document) for document in documents] or [timestamp(None)]
    moment = max(moments, key=_instant)
    utc = _instant(moment)
    return moment if 1980 <= moment.year <= 2107 and 1980 <= utc.year <= 2107 else FALLBACK_TIMESTAMP


def _instant(moment: dt.datetime) -> dt.datetime:
    try:
        return moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return FALLBACK_TIMESTAMP


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
    dates = sorted(_unique([doc.metadata.edition_date for doc in documents if not date_inferred(doc)]))
    parts = publications[:1] if len(publications) == 1 else []
    if dates:
        parts.append(dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}")
    base = " ".join(parts) or (shown(documents[0].title, untitled) if documents else untitled)
    count = f"{len(documents)}{labels(language)['pages']}"
    return f"{base} ({count})" if script_of(language) == "en" else f"{base}（{count}）"


def edition_date(documents: Sequence[Document]) -> str | None:
    """``dc:date``: the (earliest) edition date, when one is known (an inferred date is not:
    the package cannot say it is a guess)."""
    known = [document for document in documents if not date_inferred(document)]
    days = [day for day in (parse_date(document.metadata.edition_date) for document in known) if day]
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
