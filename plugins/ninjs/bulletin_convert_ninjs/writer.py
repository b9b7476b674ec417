"""The ninjs writer: a page as a ``composite`` object and one object per article and photo;
a photo linked to a story is also one of that story's associations.

Objects are built in ninjs 3.1 form (camelCase, arrays) and, for ``--ninjs-version``
2.2 or 1.6, rewritten by :mod:`.versions`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from convert_core import Article, Document, Figure, Photo
from convert_core.exportkit import (
    FALLBACK_TIMESTAMP,
    Rights,
    article_title,
    credit_line,
    dateline_place,
    format_time,
    inferred_date_note,
    language_tag,
    people_line,
    photo_title,
    rights_of,
    slugline,
    stories,
    timestamp,
    utc_timestamp,
)
from convert_core.exportkit import one_line as line
from convert_core.exportkit import page_guids as page_ids
from convert_core.exportkit import xml_text as clean
from convert_core.jsonform import pretty_json

from . import EXTENSION
from .bodies import plain_text, xhtml
from .versions import DEFAULT_VERSION, VERSIONS, convert, standard

PACKAGE_FILE = "package" + EXTENSION


@dataclass(frozen=True)
class Page:
    """What every object of a page shares."""

    document: Document
    language: str
    when: str
    rights: Rights
    note: str


def _common(uri: str, kind: str, page: Page) -> dict[str, Any]:
    obj: dict[str, Any] = {"uri": uri, "standard": standard(DEFAULT_VERSION), "type": kind, "version": "1"}
    if page.when:  # never a made-up time: left out when neither the edition date nor SOURCE_DATE_EPOCH gives one
        obj["firstCreated"] = obj["versionCreated"] = page.when
    obj["pubStatus"] = "usable"
    obj["language"] = page.language
    return _optional(
        obj,
        copyrightHolder=page.rights.holder,
        copyrightNotice=page.rights.notice,
        usageTerms=page.rights.usage_terms,
        edNote=page.note,
    )


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


def _figure(figure: Figure, uri: str, number: int, page: Page) -> dict[str, Any]:
    name = line(figure.label) or line(photo_title(Photo(caption=figure.caption), page.language)) or f"figure {number}"
    obj = {"name": name, "rel": "figure", **_common(uri, "picture", page)}
    return _optional(
        obj,
        by=line(credit_line(figure, page.language)),
        headlines=[{"value": name}],
        descriptions=_caption(figure.caption),
    )


def _picture(photo: dict[str, Any]) -> dict[str, Any]:
    """A photo's object as an association of the story it belongs to (``rel: picture``)."""
    return {"name": photo.get("title") or photo["uri"], "rel": "picture", **photo}


def article_object(
    article: Article, uri: str, local: str, page: Page, pictures: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """The ninjs object (``type: text``) of an article; its associations are its figures
    (``rel: figure``), then the objects of the photos linked to it, ``pictures``, whole
    (``rel: picture``).

    ``headlines[0]`` is the main headline (no role), then the kicker and subheadline with
    their roles; the authors are in ``by`` (``people`` would say the story is about them)."""
    language = page.language
    place = line(dateline_place(line(article.dateline)))
    headlines = [{"value": line(article_title(article, language))}]
    headlines += [
        {"role": role, "value": line(value)}
        for role, value in (("kicker", article.kicker), ("subheadline", article.subheadline))
        if line(value)
    ]
    text = plain_text(article, language)
    bodies = [
        {"role": "main", "contentType": "text/plain", "charCount": len(text), "value": text},
        {"role": "richtext", "contentType": "application/xhtml+xml", "value": xhtml(article, language)},
    ]
    figures = [_figure(figure, f"{uri}-f{number}", number, page) for number, figure in enumerate(article.figures, 1)]
    return _optional(
        _common(uri, "text", page),
        title=line(article_title(article, language)),
        slugline=slugline(line(article.headline) or line(article_title(article)), local),
        by=line(people_line(article.bylines, language)),
        located=place,
        headlines=headlines,
        bodies=bodies,
        subjects=_subjects(article.column, page.document.metadata.section),
        infoSources=[{"name": line(source)} for source in article.sources if line(source)],
        associations=figures + [_picture(picture) for picture in pictures],
    )


def photo_object(photo: Photo, uri: str, local: str, page: Page) -> dict[str, Any]:
    """The ninjs object (``type: picture``) of a stand-alone photo: headline (the printed
    title, else the start of the caption), caption, credit, and its ``original``
    rendition when the page had a picture file (PDF input; ``href`` a ``file:`` URI
    relative to the output folder, ``file:images/3f2a….jpg``) — never an invented one."""
    title = line(photo_title(photo, page.language))
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
        _common(uri, "picture", page),
        title=title,
        slugline=slugline(line(photo.title) or line(" ".join(photo.caption)), local),
        by=line(credit_line(photo, page.language)),
        headlines=[{"value": title}],
        descriptions=_caption(photo.caption),
        subjects=_subjects(None, page.document.metadata.section),
        renditions=renditions,
    )


def package_object(uri: str, members: list[dict[str, Any]], page: Page) -> dict[str, Any]:
    """The page as a ``composite`` object: its title as headline, and every item, whole,
    as an association in reading order (so one object carries the page)."""
    title = line(page.document.title)
    associations = [{"name": member.get("title") or member["uri"], **member} for member in members]
    return _optional(
        _common(uri, "composite", page),
        title=title,
        headlines=[{"value": title}] if title else [],
        subjects=_subjects(None, page.document.metadata.section),
        associations=associations,
    )


def _page(document: Document, version: str, options: Mapping[str, Any]) -> Page:
    # ninjs 1.x readers (Superdesk's among them) take UTC times only
    moment = utc_timestamp(document) if version.startswith("1.") else timestamp(document)
    return Page(
        document=document,
        language=language_tag(document),
        when="" if moment == FALLBACK_TIMESTAMP else format_time(moment),
        rights=rights_of(document, options),
        note=inferred_date_note(document),
    )


def version_of(options: Mapping[str, Any]) -> str:
    """The ``--ninjs-version`` asked for (a usage error when it is not one of :data:`VERSIONS`)."""
    from convert_core.errors import UsageError

    value = str(options.get("ninjs_version") or DEFAULT_VERSION)
    if value not in VERSIONS:
        raise UsageError(f"--ninjs-version must be one of {', '.join(VERSIONS)}, not {value!r}")
    return value


def page_objects(document: Document, options: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, dict]]]:
    """The page's ``composite`` object and ``(local id, object)`` of each item in reading
    order, in the ninjs version the options ask for."""
    version = version_of(options)
    page = _page(document, version, options)
    ids = page_ids(document, options.get("guid_authority"))
    photos = {
        index: photo_object(item, ids.items[index], ids.locals[index], page)
        for index, item in enumerate(document.items)
        if isinstance(item, Photo)
    }
    linked = {story.index: [photos[index] for index in story.photos] for story in stories(document)}
    items = []
    for index, (item, uri, local) in enumerate(zip(document.items, ids.items, ids.locals, strict=True)):
        if isinstance(item, Article):
            items.append((local, article_object(item, uri, local, page, linked.get(index, ()))))
        else:
            items.append((local, photos[index]))
    package = package_object(ids.package, [obj for _, obj in items], page)
    if version != DEFAULT_VERSION:
        package = convert(package, version)
        items = [(local, convert(obj, version)) for local, obj in items]
    return package, items


def objects(document: Document, options: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(local id, ninjs object)`` of each item, in reading order."""
    return page_objects(document, options)[1]


def _dumps(value: Any) -> bytes:
    return (pretty_json(value) + "\n").encode("utf-8")


def write(document: Document, options: Mapping[str, Any]) -> bytes | dict[str, bytes]:
    """``{"package.ninjs.json": bytes, "01-<id>.ninjs.json": bytes, ...}``: the page's
    composite object, then one file per item in reading order; with ``ninjs_array``, the
    bytes of one JSON array of the items' objects."""
    package, items = page_objects(document, options)
    if options.get("ninjs_array"):
        return _dumps([obj for _, obj in items])
    width = max(2, len(str(len(items))))
    files = {PACKAGE_FILE: _dumps(package)}
    files.update((f"{index:0{width}d}-{local}{EXTENSION}", _dumps(obj)) for index, (local, obj) in enumerate(items, 1))
    return files
