"""The DOCX writer: one document per page, or one per article (``--docx-split article``).

A photo linked to a story (``Photo.article``) is printed after the story's text, in the
story's part of the document (and file), never set apart from it."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from convert_core.errors import UsageError
from convert_core.exportkit import (
    FALLBACK_TIMESTAMP,
    UNTITLED,
    deterministic_zip,
    edition_line,
    label_set,
    photo_title,
    stories,
    timestamp,
    utc_timestamp,
    xml_text,
)
from convert_core.model import Article, Document, Item

from .base import CONTENT_TYPES, DOCUMENT_RELS, HEADER_PART, Base, base_for
from .body import Layout, document_xml, headline
from .headers import header_xml
from .props import app_xml, core_fields, core_xml
from .styles import HEADER

SPLITS = ("page", "article")
SEPARATIONS = ("space", "page")
_UNSAFE = re.compile(r"[^\w-]+")


def _choice(options: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = options.get(key) or allowed[0]
    if value not in allowed:
        raise UsageError(f"--{key.replace('_', '-')} must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)


def write(document: Document, options: Mapping[str, Any]) -> bytes | dict[str, bytes]:
    """The page as a ``.docx``, or ``{file name: .docx}`` with one file per article (with
    the photos linked to it) and per stand-alone photo."""
    split = _choice(options, "docx_split", SPLITS)
    layout = Layout(
        separation=_choice(options, "docx_article_break", SEPARATIONS),
        toc=bool(options.get("docx_toc")) and split == "page",
    )
    base = base_for(document.metadata.language, options.get("reference_docx"))
    language = document.metadata.language
    units = [[document.items[index] for index in (story.index, *story.photos)] for story in stories(document)]
    if split == "page" or not document.items:
        headlines = "；".join(headline(item, language) for item in document.articles)
        title = document.title
        return package(document, units, base, layout, title=title, subject=headlines or title)
    files: dict[str, bytes] = {}
    for number, unit in enumerate(units, start=1):
        item = unit[0]
        title = (
            headline(item, language)
            if isinstance(item, Article)
            else xml_text(photo_title(item, language)).strip() or UNTITLED[label_set(language)][1]
        )
        files[item_file_name(number, item, title)] = package(
            document, [unit], base, layout, title=title, subject=edition_line(document) or document.title
        )
    return files


def _clock(document: Document) -> tuple[dt.datetime, dt.datetime]:
    """The document's time for ``core.xml`` (in UTC; W3CDTF needs a four-digit year) and
    for the ZIP entries (the edition's wall-clock time; ``deterministic_zip`` keeps those
    in the range a ZIP can hold)."""
    core = utc_timestamp(document)
    core = core if 1000 <= core.year <= 9999 else FALLBACK_TIMESTAMP
    return core, timestamp(document)


def package(
    document: Document, units: Sequence[Sequence[Item]], base: Base, layout: Layout, *, title: str, subject: str
) -> bytes:
    """The ZIP package of one document holding ``units``: each an item, or an article and
    the photos linked to it."""
    when, zip_time = _clock(document)
    head, tail = base.parts[:2], base.parts[2:]
    edition = edition_line(document)
    # the running header: the edition line when it names the paper, else the page's title
    running_head = edition if document.metadata.publication and edition else document.title
    running = header_xml(base.style_ids[HEADER], running_head, base.script.chinese)
    main, pictures = document_xml(base, units, layout, edition)
    if pictures.media:  # the pictures' content types and relationships join the static parts
        head = [(name, pictures.content_types(data) if name == CONTENT_TYPES else data) for name, data in head]
        tail = [(name, pictures.relationships(data) if name == DOCUMENT_RELS else data) for name, data in tail]
    entries = [
        *((name, data, True) for name, data in head),
        (
            "docProps/core.xml",
            core_xml(core_fields(document, [i for unit in units for i in unit], title, subject, when)),
            True,
        ),
        ("docProps/app.xml", app_xml(), True),
        ("word/document.xml", main, True),
        (HEADER_PART, running, True),
        *((name, data, True) for name, data in tail),
        *((name, data, False) for name, data in pictures.parts()),  # PNG and JPEG are compressed already
    ]
    return deterministic_zip(entries, zip_time)


def item_file_name(number: int, item: Item, title: str) -> str:
    """``01-a-941001ff67-卫东区持续完善提升社区治理体系和.docx``: position, id and the start of
    the headline, reduced to letters, digits, ``_`` and ``-`` (no separators, controls or bidi
    marks), at most 150 bytes of UTF-8; unique by its number."""
    stem = unicodedata.normalize("NFKC", f"{item.id or 'item'}-{title[:16]}")
    stem = re.sub(r"-{2,}", "-", _UNSAFE.sub("-", stem)).strip("-_")
    stem = stem.encode("utf-8")[:150].decode("utf-8", errors="ignore").strip("-_") or "item"
    return f"{number:02d}-{stem}.docx"
