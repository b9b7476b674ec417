"""The NewsML-G2 writer: a page as one ``newsMessage``, or as one file per item."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from convert_core import Article, Document, Photo
from convert_core.exportkit import (
    FALLBACK_TIMESTAMP,
    article_title,
    format_time,
    inferred_date_note,
    language_tag,
    photo_title,
    rights_of,
    stories,
    timestamp,
)
from convert_core.exportkit import one_line as line
from convert_core.exportkit import page_guids as page_ids

from . import EXTENSION
from .items import Context, Ref, add, package_item, picture_item, text_item
from .vocab import NAR

PACKAGE_FILE = "package" + EXTENSION
#: ``header/priority`` of every message (1 highest, 9 lowest): a newspaper page is not
#: urgent news; Superdesk reads 6 as its "Ordinary" priority.
PRIORITY = "6"


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def write(document: Document, options: Mapping[str, Any]) -> bytes | dict[str, bytes]:
    """The page as NewsML-G2 bytes; with ``newsml_per_item``, ``{file name: bytes}`` for the
    packageItem (``package.newsml.xml``) and each newsItem (``01-<id>.newsml.xml``...)."""
    moment = timestamp(document)
    ctx = Context(
        document=document,
        language=language_tag(document),
        when=format_time(moment),
        provider=line(document.metadata.publication),
        rights=rights_of(document, options),
        first_created=moment != FALLBACK_TIMESTAMP,
        note=inferred_date_note(document),
    )
    ids = page_ids(document, options.get("guid_authority"))
    per_item = bool(options.get("newsml_per_item"))
    width = max(2, len(str(len(document.items))))
    names = [f"{index:0{width}d}-{local}{EXTENSION}" for index, local in enumerate(ids.locals, 1)]
    refs = [
        Ref(guid, "ninat:text", line(article_title(item, ctx.language)), name if per_item else "")
        if isinstance(item, Article)
        else Ref(guid, "ninat:picture", line(photo_title(item, ctx.language)), name if per_item else "")
        for item, guid, name in zip(document.items, ids.items, names, strict=True)
    ]
    groups = stories(document)
    story_of = {photo: refs[story.index] for story in groups for photo in story.photos}

    def build(item: Article | Photo, index: int, parent: etree._Element | None) -> etree._Element:
        guid, local = ids.items[index], ids.locals[index]
        if isinstance(item, Article):
            return text_item(parent, item, guid, local, ctx)
        return picture_item(parent, item, guid, local, ctx, story_of.get(index))

    if per_item:
        files = {PACKAGE_FILE: _serialize(package_item(None, ids.package, refs, groups, ctx))}
        for index, (item, name) in enumerate(zip(document.items, names, strict=True)):
            files[name] = _serialize(build(item, index, None))
        return files

    message = etree.Element(f"{{{NAR}}}newsMessage", nsmap={None: NAR})
    header = add(message, "header")
    add(header, "sent", ctx.when)
    add(header, "priority", PRIORITY)
    item_set = add(message, "itemSet")
    package_item(item_set, ids.package, refs, groups, ctx)
    for index, item in enumerate(document.items):
        build(item, index, item_set)
    return _serialize(message)
