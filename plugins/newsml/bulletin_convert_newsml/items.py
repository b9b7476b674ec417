"""NewsML-G2 items: a ``newsItem`` per article and photo, a ``packageItem`` for the page.

Elements are written in the order the 2.35 XML Schema requires: catalogRef, catalog,
rightsInfo, itemMeta (itemClass, provider, versionCreated, firstCreated, pubStatus,
generator, title, edNote), contentMeta (administrative properties, then descriptive
ones), then the content (``contentSet`` or ``groupSet``).

Written so that Superdesk's NewsML-G2 ingest (``newsml_2_0.py``) reads the items right:
the first ``headline`` is the main one, every newsItem has a ``contentSet`` (a picture's
is empty until an image file can be carried), and the body XHTML is a flat run of
text-only elements (see :mod:`.xhtml`).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

import convert_core
from convert_core import Article, Contributor, Document, Photo
from convert_core.exportkit import (
    Rights,
    Story,
    article_title,
    credit_line,
    dateline_place,
    people_line,
    photo_title,
    slugline,
)
from convert_core.exportkit import one_line as line
from convert_core.exportkit import xml_text as clean

from .vocab import (
    CREATOR_ROLES,
    IPTC_CATALOG,
    NAR,
    NEWSITEM_TYPE,
    SCHEMES,
    STANDARD_VERSION,
    STORY_LINK,
    XML_LANG,
    role_qcode,
)
from .xhtml import article_html


@dataclass(frozen=True)
class Ref:
    """What a reference to one newsItem of the page says: its guid, item class
    (``ninat:text``, ``ninat:picture``), title, and file name when it has one of its own
    (``--newsml-per-item``; else ``""``)."""

    guid: str
    item_class: str
    title: str
    href: str = ""


@dataclass(frozen=True)
class Context:
    """What every item of a page shares."""

    document: Document
    language: str
    when: str
    provider: str
    rights: Rights = field(default_factory=Rights)
    first_created: bool = True  # False when the time is not the edition's (no firstCreated then)
    note: str = ""  # edNote: an inferred edition date


def add(parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str) -> etree._Element:
    """A NewsML-G2 child element with ``text`` and ``attributes`` (names as written)."""
    node = etree.SubElement(parent, _TAGS.get(tag) or f"{{{NAR}}}{tag}", attributes)
    if text:
        node.text = text
    return node


#: Clark names of the elements written most (made once, not per element).
_TAGS = {
    tag: f"{{{NAR}}}{tag}"
    for tag in (
        *("itemMeta", "itemClass", "provider", "name", "versionCreated", "firstCreated", "pubStatus", "edNote"),
        *("generator", "title", "contentMeta", "located", "infoSource", "creator", "contributor", "language"),
        *("keyword", "slugline", "headline", "dateline", "by", "contentSet", "inlineXML", "itemRef", "link"),
    )
}
_local = threading.local()


def _catalogs() -> etree._Element:
    """``catalogRef`` and the inline ``catalog``, built once per thread (lxml trees are
    not shared between threads) and copied into each item."""
    holder = getattr(_local, "catalogs", None)
    if holder is None:
        holder = _local.catalogs = etree.Element(f"{{{NAR}}}holder", nsmap={None: NAR})
        add(holder, "catalogRef", href=IPTC_CATALOG)
        catalog = add(holder, "catalog")
        add(catalog, "title", "bulletin-convert vocabularies").set(XML_LANG, "en")
        for alias, (uri, name, definition) in SCHEMES.items():
            scheme = add(catalog, "scheme", alias=alias, uri=uri)
            add(scheme, "name", name).set(XML_LANG, "en")
            add(scheme, "definition", definition).set(XML_LANG, "en")
    return holder


def _item(
    parent: etree._Element | None, tag: str, guid: str, item_class: str, title: str, ctx: Context
) -> etree._Element:
    """A ``newsItem`` or ``packageItem``: its attributes, the catalogs and ``itemMeta``.

    All but the guid and the title is the same for every item of a class on a page: that
    part is built once (per thread, lxml trees are not shared between threads) and copied,
    which lxml does in a fraction of the time building it takes."""
    heads: dict[tuple[str, ...], etree._Element] = _local.__dict__.setdefault("heads", {})
    key = (tag, item_class, ctx.language, ctx.provider, ctx.when, ctx.first_created, ctx.rights)
    head = heads.get(key)
    if head is None:
        if len(heads) > 64:
            heads.clear()
        head = heads[key] = _head(tag, item_class, ctx)
    item = head.__copy__()
    item.set("guid", guid)
    if title:
        add(item[-1], "title", title)
    if ctx.note:
        add(item[-1], "edNote", ctx.note)
    if parent is not None:
        parent.append(item)
    return item


def _head(tag: str, item_class: str, ctx: Context) -> etree._Element:
    """An item without guid and title (see :func:`_item`)."""
    item = etree.Element(f"{{{NAR}}}{tag}", nsmap={None: NAR})
    item.set("guid", "")
    item.set("version", "1")
    item.set("standard", "NewsML-G2")
    item.set("standardversion", STANDARD_VERSION)
    item.set("conformance", "power")
    item.set(XML_LANG, ctx.language)
    for child in _catalogs():
        item.append(copy.deepcopy(child))
    _rights(item, ctx.rights)
    meta = add(item, "itemMeta")
    add(meta, "itemClass", qcode=item_class)
    if ctx.provider:
        add(add(meta, "provider"), "name", ctx.provider)
    else:
        add(meta, "provider", literal="unknown")
    add(meta, "versionCreated", ctx.when)
    if ctx.first_created:
        add(meta, "firstCreated", ctx.when)
    add(meta, "pubStatus", qcode="stat:usable")
    add(meta, "generator", "bulletin-convert", versioninfo=convert_core.__version__)
    return item


def _rights(item: etree._Element, rights: Rights) -> None:
    """``rightsInfo``: copyright holder, notice and usage terms (when any is known)."""
    if not rights:
        return
    info = add(item, "rightsInfo")
    if rights.holder:
        add(add(info, "copyrightHolder"), "name", rights.holder)
    if rights.notice:
        add(info, "copyrightNotice", rights.notice)
    if rights.usage_terms:
        add(info, "usageTerms", rights.usage_terms)


def _party(parent: etree._Element, person: Contributor, *, creator: bool) -> None:
    name = line(person.name)
    if name:
        add(add(parent, "creator" if creator else "contributor", role=role_qcode(person.role)), "name", name)


def _keywords(parent: etree._Element, column: str | None, ctx: Context) -> None:
    for role, value in (("column", column), ("section", ctx.document.metadata.section)):
        if line(value):
            add(parent, "keyword", line(value), role=f"bckwrole:{role}")


def place_of(dateline: str | None) -> str:
    """The place a dateline names (``新华社北京4月26日电`` -> ``北京``), or ``""``."""
    return line(dateline_place(line(dateline)))


def text_item(parent: etree._Element | None, article: Article, guid: str, local: str, ctx: Context) -> etree._Element:
    """The ``newsItem`` (``ninat:text``) of an article."""
    item = _item(parent, "newsItem", guid, "ninat:text", line(article_title(article, ctx.language)), ctx)
    content = add(item, "contentMeta")
    place = place_of(article.dateline)
    if place:
        add(add(content, "located", type="cpnat:geoArea"), "name", place)
    for source in article.sources:
        if line(source):
            add(add(content, "infoSource"), "name", line(source))
    for person in article.bylines:
        _party(content, person, creator=person.role in CREATOR_ROLES)
    for figure in article.figures:
        for person in figure.credits:
            _party(content, person, creator=False)
    add(content, "language", tag=ctx.language)
    _keywords(content, article.column, ctx)
    add(content, "slugline", slugline(line(article.headline) or line(article_title(article, ctx.language)), local))
    # the main headline comes first and plain: readers that take one headline take the first
    add(content, "headline", line(article_title(article, ctx.language)))
    for role, value in (("kicker", article.kicker), ("subheadline", article.subheadline)):
        if line(value):
            add(content, "headline", line(value), role=f"bchlrole:{role}")
    if line(article.dateline):
        add(content, "dateline", line(article.dateline))
    if by := line(people_line(article.bylines, ctx.language)):
        add(content, "by", by)
    inline = add(add(item, "contentSet"), "inlineXML", contenttype="application/xhtml+xml")
    inline.append(article_html(article, ctx.language))
    return item


def picture_item(
    parent: etree._Element | None, photo: Photo, guid: str, local: str, ctx: Context, story: Ref | None = None
) -> etree._Element:
    """The ``newsItem`` (``ninat:picture``) of a stand-alone photo: its metadata and its
    ``contentSet``, holding the picture file as ``remoteContent`` when the page had one
    (PDF input; ``href`` relative to the output folder) — never an invented ``href``;
    empty otherwise (Superdesk refuses a picture item without one). A photo linked to a
    story (``story``, the article's reference) links to it from ``itemMeta``
    (``link rel="irel:seeAlso"``)."""
    title = line(photo_title(photo, ctx.language))
    item = _item(parent, "newsItem", guid, "ninat:picture", title, ctx)
    if story is not None:
        _reference(item[-1], "link", story, rel=STORY_LINK)
    content = add(item, "contentMeta")
    for person in photo.credits:
        _party(content, person, creator=person.role in CREATOR_ROLES)
    add(content, "language", tag=ctx.language)
    _keywords(content, None, ctx)
    add(content, "slugline", slugline(line(photo.title) or line(" ".join(photo.caption)), local))
    add(content, "headline", title)  # the printed title, else the start of the caption
    if credit := line(credit_line(photo, ctx.language)):
        add(content, "by", credit)  # the picture's byline as printed (高鸿勋 摄), what ingest systems show
        add(content, "creditline", credit)
    caption = "\n".join(clean(text) for text in photo.caption if clean(text))
    if caption:
        add(content, "description", caption, role="drol:caption")
    content = add(item, "contentSet")
    if photo.image is not None:
        image = photo.image
        remote = add(content, "remoteContent", href=image.href, contenttype=image.media_type)
        if image.width:
            remote.set("width", str(image.width))
        if image.height:
            remote.set("height", str(image.height))
    return item


def _reference(parent: etree._Element, tag: str, ref: Ref, **rel: str) -> etree._Element:
    """An ``itemRef`` or ``link`` (its ``rel`` first) to the newsItem ``ref`` names: its
    guid, version and content type (and file, when it has one of its own), its item class
    and title."""
    node = add(parent, tag, **rel, residref=ref.guid, version="1", contenttype=NEWSITEM_TYPE)
    if ref.href:
        node.set("href", ref.href)
    add(node, "itemClass", qcode=ref.item_class)
    if ref.title:
        add(node, "title", ref.title)
    return node


def package_item(
    parent: etree._Element | None,
    guid: str,
    refs: Sequence[Ref],
    stories: Sequence[Story],
    ctx: Context,
) -> etree._Element:
    """The page's ``packageItem``: the page staff (责任编辑...) as contributors, and its
    groups. The root group (``bcgroup:page``, ``pgrmod:seq``) lists the page in reading
    order: an ``itemRef`` per item (``refs``, one per item of the page), except that a
    story with linked photos is a ``groupRef`` to a group of its own (``bcgroup:story``,
    ``pgrmod:bag``) holding the article's ``itemRef``, then its photos'."""
    title = line(ctx.document.title)
    item = _item(parent, "packageItem", guid, "ninat:composite", title, ctx)
    content = add(item, "contentMeta")
    for person in ctx.document.metadata.staff:
        _party(content, person, creator=False)
    add(content, "language", tag=ctx.language)
    if title:
        add(content, "headline", title)
    group_set = add(item, "groupSet", root="G1")
    page = add(group_set, "group", id="G1", role="bcgroup:page", mode="pgrmod:seq")
    groups: list[tuple[str, Story]] = []
    for story in stories:
        if story.photos:
            name = f"G{len(groups) + 2}"
            add(page, "groupRef", idref=name)
            groups.append((name, story))
        else:
            _reference(page, "itemRef", refs[story.index])
    for name, story in groups:
        group = add(group_set, "group", id=name, role="bcgroup:story", mode="pgrmod:bag")
        for index in (story.index, *story.photos):
            _reference(group, "itemRef", refs[index])
    return item
