"""The ninjs writer: each article and stand-alone photo of a page as a ninjs 3.1 object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convert_core import Article, Contributor, Document, Figure, Photo
from convert_core.exportkit import (
    article_title,
    credit_line,
    dateline_place,
    language_tag,
    people_line,
    photo_title,
    slugline,
)
from convert_core.exportkit import iso_timestamp as stamp
from convert_core.exportkit import one_line as line
from convert_core.exportkit import page_guids as page_ids
from convert_core.exportkit import xml_text as clean
from convert_core.jsonform import pretty_json

from . import EXTENSION
from .bodies import plain_text, xhtml

STANDARD = {"name": "ninjs", "version": "3.1", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"}


def _common(uri: str, kind: str, language: str, when: str) -> dict[str, Any]:
    return {
        "uri": uri,
        "standard": dict(STANDARD),
        "type": kind,
        "version": "1",
        "firstCreated": when,
        "versionCreated": when,
        "pubStatus": "usable",
        "language": language,
    }


def _people(people: list[Contributor]) -> list[dict[str, str]]:
    return [
        {"name": line(person.name), "rel": line(person.role) or "contributor"} for person in people if line(person.name)
    ]


def _caption(texts: list[str]) -> list[dict[str, str]]:
    value = "\n".join(clean(text).strip() for text in texts if clean(text).strip())
    return [{"role": "caption", "contentType": "text/plain", "value": value}] if value else []


def _subjects(column: str | None, section: str | None) -> list[dict[str, str]]:
    pairs = (("column", column), ("section", section))
    return [{"name": line(value), "rel": rel} for rel, value in pairs if line(value)]


def _optional(obj: dict[str, Any], **values: Any) -> dict[str, Any]:
    """``obj`` with the non-empty ``values`` added, in the order given."""
    obj.update((key, value) for key, value in values.items() if value)
    return obj


def _figure(figure: Figure, uri: str, number: int, language: str, when: str) -> dict[str, Any]:
    name = line(figure.label) or line(photo_title(Photo(caption=figure.caption), language)) or f"figure {number}"
    obj = {"name": name, "rel": "figure", **_common(uri, "picture", language, when)}
    return _optional(
        obj,
        by=line(credit_line(figure, language)),
        descriptions=_caption(figure.caption),
        people=_people(figure.credits),
    )


def article_object(article: Article, uri: str, local: str, document: Document, language: str, when: str) -> dict:
    """The ninjs object (``type: text``) of an article; its figures are its associations."""
    place = line(dateline_place(line(article.dateline)))
    headlines = [
        {"role": role, "value": line(value)}
        for role, value in (
            ("kicker", article.kicker),
            ("main", article.headline),
            ("subheadline", article.subheadline),
        )
        if line(value)
    ]
    text = plain_text(article, language)
    bodies = [
        {"role": "main", "contentType": "text/plain", "charCount": len(text), "value": text},
        {"role": "richtext", "contentType": "application/xhtml+xml", "value": xhtml(article, language)},
    ]
    figures = [
        _figure(figure, f"{uri}-f{number}", number, language, when) for number, figure in enumerate(article.figures, 1)
    ]
    return _optional(
        _common(uri, "text", language, when),
        title=line(article_title(article, language)),
        slugline=slugline(line(article.headline) or line(article_title(article)), local),
        by=line(people_line(article.bylines, language)),
        located=place,
        headlines=headlines,
        bodies=bodies,
        people=_people(article.bylines),
        subjects=_subjects(article.column, document.metadata.section),
        infoSources=[{"name": line(source)} for source in article.sources if line(source)],
        associations=figures,
    )


def photo_object(photo: Photo, uri: str, local: str, document: Document, language: str, when: str) -> dict:
    """The ninjs object (``type: picture``) of a stand-alone photo; its ``original``
    rendition is the picture file when the page had one (PDF input): ``href`` is a
    ``file:`` URI relative to the output folder (``file:images/3f2a….jpg``)."""
    image = photo.image
    renditions = (
        [
            {"name": "original", "href": f"file:{image.href}", "contentType": image.media_type}
            | ({"width": image.width} if image.width else {})
            | ({"height": image.height} if image.height else {})
        ]
        if image is not None
        else []
    )
    return _optional(
        _common(uri, "picture", language, when),
        title=line(photo_title(photo, language)),
        slugline=slugline(line(photo.title) or line(" ".join(photo.caption)), local),
        by=line(credit_line(photo, language)),
        headlines=[{"role": "main", "value": line(photo.title)}] if line(photo.title) else [],
        descriptions=_caption(photo.caption),
        people=_people(photo.credits),
        subjects=_subjects(None, document.metadata.section),
        renditions=renditions,
    )


def objects(document: Document, options: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(local id, ninjs object)`` of each item, in reading order."""
    language = language_tag(document)
    when = stamp(document)
    ids = page_ids(document, options.get("guid_authority"))
    result = []
    for item, uri, local in zip(document.items, ids.items, ids.locals, strict=True):
        if isinstance(item, Article):
            result.append((local, article_object(item, uri, local, document, language, when)))
        else:
            result.append((local, photo_object(item, uri, local, document, language, when)))
    return result


def _dumps(value: Any) -> bytes:
    return (pretty_json(value) + "\n").encode("utf-8")


def write(document: Document, options: Mapping[str, Any]) -> bytes | dict[str, bytes]:
    """``{"01-<id>.ninjs.json": bytes, ...}``, one file per item in reading order; with
    ``ninjs_array``, the bytes of one JSON array of all the objects."""
    items = objects(document, options)
    if options.get("ninjs_array"):
        return _dumps([obj for _, obj in items])
    width = max(2, len(str(len(items))))
    return {f"{index:0{width}d}-{local}{EXTENSION}": _dumps(obj) for index, (local, obj) in enumerate(items, 1)}
