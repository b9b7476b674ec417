"""The styled base of every document, built once per process and reused.

python-docx re-parses its whole template on every ``Document()``; the writer instead
builds the styled package once per (reference template, language) with python-docx,
keeps the finished bytes of the parts that never change (styles, settings, font table,
theme, numbering, relationships, content types) and the section properties, and per
document only writes ``document.xml`` and the document properties.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from convert_core.errors import UsageError, reason
from convert_core.values import MAX_OPTION_FILE_BYTES, option_file

from . import ooxml
from .fonts import Script, script_for
from .headers import footer_xml
from .ooxml import CT_NS, PKG_REL_NS, R_NS, SECTPR_ORDER, put, serialize, w
from .pictures import text_width
from .styles import A4_TEXT_WIDTH, FOOTER, SPECS
from .stylesheet import apply_styles, font_table


@dataclass(frozen=True)
class Base:
    """What every document of one template and language shares.

    ``parts`` are ``(zip name, bytes)`` of the static parts in package order;
    ``style_ids`` map our style names to the ids they have in this stylesheet (a
    reference template's own ids, e.g. ``1`` for ``heading 1`` in Chinese Word). The
    running header (:data:`HEADER_PART`) is written per document; the package's
    relationships and content types already name it, and ``section`` refers to it;
    ``text_width`` is the section's, in twips (the widest a picture is set).
    """

    parts: tuple[tuple[str, bytes], ...]
    style_ids: dict[str, str]
    section: bytes
    script: Script
    text_width: int


#: The per-document part holding the running header (the edition line).
HEADER_PART = "word/header1.xml"
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
FOOTER_PART = "word/footer1.xml"


def base_for(language: str | None, reference: str | Path | None) -> Base:
    """The cached :class:`Base` of a page language and optional reference template."""
    script = script_for(language)
    key = None
    if reference:
        path = Path(reference).expanduser()
        try:
            stat = path.stat()
        except OSError as exc:
            raise UsageError(f"--reference-docx {reference}: cannot read: {reason(exc)}") from None
        if not path.is_file():
            raise UsageError(f"--reference-docx {reference}: not a file")
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return _cached(script, key)


@functools.lru_cache(maxsize=16)
def _cached(script: Script, reference: tuple[str, int, int] | None) -> Base:
    import docx

    document = docx.Document()
    section = _a4_section()
    apply_styles(document, script, A4_TEXT_WIDTH)
    styles = document.styles.element
    theme = ooxml.related_blob(document, ooxml.REL_THEME)  # python-docx's template has one
    numbering = None
    fonts = font_table(script)
    style_ids = {spec.name: spec.style_id for spec in SPECS}
    if reference is not None:
        from .reference import merge

        merged = merge(Path(reference[0]), styles, fonts)
        styles, style_ids = merged.styles, merged.style_ids
        theme = merged.theme or theme
        numbering = merged.numbering
        section = merged.section if merged.section is not None else section
    settings = _settings(document, script)
    parts: list[tuple[str, bytes | None, str, str]] = [
        ("word/styles.xml", serialize(styles), ooxml.REL_STYLES, ooxml.CT_STYLES),
        ("word/settings.xml", serialize(settings), ooxml.REL_SETTINGS, ooxml.CT_SETTINGS),
        ("word/fontTable.xml", serialize(fonts), ooxml.REL_FONT_TABLE, ooxml.CT_FONT_TABLE),
        ("word/theme/theme1.xml", theme, ooxml.REL_THEME, ooxml.CT_THEME),
    ]
    if numbering is not None:
        parts.append(("word/numbering.xml", numbering, ooxml.REL_NUMBERING, ooxml.CT_NUMBERING))
    parts.append((HEADER_PART, None, ooxml.REL_HEADER, ooxml.CT_HEADER))  # written per document
    parts.append((FOOTER_PART, footer_xml(style_ids[FOOTER]), ooxml.REL_FOOTER, ooxml.CT_FOOTER))
    _refer_to_header_and_footer(section, header=f"rId{len(parts) - 1}", footer=f"rId{len(parts)}")
    static = [
        (CONTENT_TYPES, _content_types(parts)),
        ("_rels/.rels", _package_rels()),
        (DOCUMENT_RELS, _document_rels(parts)),
        *((name, data) for name, data, _, _ in parts if data is not None),
    ]
    section_xml = etree.tostring(section)
    return Base(
        parts=tuple(static),
        style_ids=style_ids,
        section=section_xml,
        script=script,
        text_width=text_width(section_xml),
    )


def _refer_to_header_and_footer(section: etree._Element, *, header: str, footer: str) -> None:
    """Point ``section`` at the running header and the footer (relationship ids): the
    header from page two on (page one prints the edition line itself), the page number on
    every page."""
    for old in [*section.findall(w("headerReference")), *section.findall(w("footerReference"))]:
        section.remove(old)
    put(section, "titlePg", SECTPR_ORDER)
    for index, (tag, kind, rid) in enumerate(
        (
            ("headerReference", "default", header),
            ("footerReference", "default", footer),
            ("footerReference", "first", footer),
        )
    ):
        reference = etree.Element(w(tag), {w("type"): kind, f"{{{R_NS}}}id": rid})
        section.insert(index, reference)


def _a4_section() -> etree._Element:
    """A4 portrait with the margins of Chinese Word's default template."""
    section = etree.Element(w("sectPr"))
    etree.SubElement(section, w("pgSz"), {w("w"): "11906", w("h"): "16838"})
    margins = {"top": "1440", "right": "1800", "bottom": "1440", "left": "1800", "header": "851", "footer": "992"}
    etree.SubElement(section, w("pgMar"), {w(k): v for k, v in margins.items()} | {w("gutter"): "0"})
    etree.SubElement(section, w("cols"), {w("space"): "425"})
    etree.SubElement(section, w("docGrid"), {w("linePitch"): "312"})
    return section


def _settings(document: object, script: Script) -> etree._Element:
    """python-docx's settings, made ours: Chinese theme language, Word 2013+ layout."""
    settings = copy.deepcopy(document.settings.element)  # type: ignore[attr-defined]
    for name in ("proofState", "savePreviewPicture", "rsids", "attachedTemplate"):
        for element in settings.findall(w(name)):
            settings.remove(element)
    for element in settings.findall(w("themeFontLang")):
        element.set(w("val"), script.latin)
        element.set(w("eastAsia"), script.east_asia)
    for element in settings.iter(w("compatSetting")):
        if element.get(w("name")) == "compatibilityMode":
            element.set(w("val"), "15")
    for element in settings.findall(w("defaultTabStop")):
        element.set(w("val"), "420")
    return settings


def _content_types(parts: list[tuple[str, bytes | None, str, str]]) -> bytes:
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    etree.SubElement(root, f"{{{CT_NS}}}Default", Extension="rels", ContentType=ooxml.CT_RELS)
    etree.SubElement(root, f"{{{CT_NS}}}Default", Extension="xml", ContentType="application/xml")
    overrides = [
        ("/word/document.xml", ooxml.CT_MAIN),
        *((f"/{name}", content_type) for name, _, _, content_type in parts),
        ("/docProps/core.xml", ooxml.CT_CORE),
        ("/docProps/app.xml", ooxml.CT_APP),
    ]
    for name, content_type in overrides:
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=name, ContentType=content_type)
    return serialize(root)


def _relationships(entries: list[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    for index, (reltype, target) in enumerate(entries, start=1):
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=f"rId{index}", Type=reltype, Target=target)
    return serialize(root)


def _package_rels() -> bytes:
    return _relationships(
        [
            (ooxml.REL_OFFICE_DOCUMENT, "word/document.xml"),
            (ooxml.REL_CORE, "docProps/core.xml"),
            (ooxml.REL_APP, "docProps/app.xml"),
        ]
    )


def _document_rels(parts: list[tuple[str, bytes | None, str, str]]) -> bytes:
    return _relationships([(reltype, name.removeprefix("word/")) for name, _, reltype, _ in parts])


def open_docx(path: Path) -> object:
    """Open a ``.docx`` or ``.dotx`` with python-docx (a template's main part is renamed)."""
    import docx

    data = option_file("--reference-docx", path)  # a regular file of bounded size
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # python-docx inflates every part: a small file of huge parts (a zip bomb) is refused
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_OPTION_FILE_BYTES:
                raise UsageError(
                    f"--reference-docx {path}: its parts unpack to {unpacked:,} bytes, over the limit of "
                    f"{MAX_OPTION_FILE_BYTES:,}"
                )
            types = archive.read("[Content_Types].xml")
            if b"template.main+xml" in types:
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w") as out:
                    for info in archive.infolist():
                        content = archive.read(info.filename)
                        if info.filename == "[Content_Types].xml":
                            content = content.replace(b"template.main+xml", b"document.main+xml")
                        out.writestr(info, content)
                data = buffer.getvalue()
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UsageError(f"--reference-docx {path}: not a Word document ({exc})") from None
