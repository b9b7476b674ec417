"""Document properties: ``docProps/core.xml`` (as python-docx writes it) and ``docProps/app.xml``.

Times come from :func:`convert_core.exportkit.timestamp` (``SOURCE_DATE_EPOCH`` or the
edition date), never the clock; ``lastModifiedBy`` and ``revision`` are fixed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from convert_core.exportkit import date_inferred, xml_text
from convert_core.model import Article, Document, Item

from .ooxml import serialize

APPLICATION = "bulletin-convert"
#: Byline roles that are not authors of the text.
NOT_AUTHORS = {"editor"}


@dataclass(frozen=True)
class CoreFields:
    title: str
    subject: str
    authors: str
    keywords: str
    description: str
    language: str
    when: dt.datetime


def _clip(text: str | None) -> str:
    """Text python-docx accepts in a core property: XML-safe, one line, 255 characters."""
    return " ".join(xml_text(text).split())[:255]


def authors(items: Sequence[Item]) -> str:
    """Names from the articles' bylines (editors left out), in order, without repeats."""
    names: dict[str, None] = {}
    for item in items:
        if isinstance(item, Article):
            for person in item.bylines:
                name = _clip(person.name)
                if name and person.role not in NOT_AUTHORS:
                    names.setdefault(name, None)
    return "; ".join(names)


def core_fields(document: Document, items: Sequence[Item], title: str, subject: str, when: dt.datetime) -> CoreFields:
    """The core properties of a document holding ``items`` of ``document``'s page."""
    meta = document.metadata
    date = meta.edition_date if not date_inferred(document) else None  # a guessed year is no keyword
    keywords = "; ".join(part for part in (meta.publication, meta.section, date) if part)
    source = meta.source.name
    description = f"Converted from {source} by bulletin-convert" if source else "Converted by bulletin-convert"
    return CoreFields(
        title=_clip(title),
        subject=_clip(subject or title),
        authors=authors(items),
        keywords=_clip(keywords),
        description=_clip(description),
        language=_clip(meta.language) or "zh-CN",
        when=when,
    )


#: Namespaces of ``core.xml``, declared on its root in this order (as python-docx does).
CORE_NSMAP = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def core_xml(fields: CoreFields) -> bytes:
    """``docProps/core.xml``: the properties in the order and form python-docx's
    core-properties element writes them (built directly, python-docx's setters cost
    more than the rest of the part)."""
    stamp = fields.when.strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element(_qname("cp", "coreProperties"), nsmap=CORE_NSMAP)
    properties = [
        ("dc", "title", fields.title),
        ("dc", "subject", fields.subject),
        ("dc", "creator", _clip(fields.authors) if fields.authors else None),
        ("cp", "keywords", fields.keywords or None),
        ("dc", "description", fields.description),
        ("dc", "language", fields.language),
        ("cp", "lastModifiedBy", APPLICATION),
        ("cp", "revision", "1"),
    ]
    for prefix, name, value in properties:
        if value is not None:
            etree.SubElement(root, _qname(prefix, name)).text = value
    for name in ("created", "modified"):
        element = etree.SubElement(root, _qname("dcterms", name), {_qname("xsi", "type"): "dcterms:W3CDTF"})
        element.text = stamp
    return serialize(root)


def _qname(prefix: str, name: str) -> str:
    return f"{{{CORE_NSMAP[prefix]}}}{name}"


@functools.cache
def app_xml() -> bytes:
    """``docProps/app.xml``: the application name and nothing that changes."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for name, value in (
        ("Template", "Normal.dotm"),
        ("TotalTime", "0"),
        ("Application", APPLICATION),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{ns}}}{name}").text = value
    return serialize(root)
