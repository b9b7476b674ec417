"""``--reference-docx``: take styles and page setup from a user's Word file, as pandoc does.

The user's stylesheet is the base: its document defaults, latent styles and every style
win. Our styles it lacks are added (their ``basedOn``/``next`` pointed at the user's ids).
Styles are matched by *name*, case-insensitively, not by id: Chinese Word calls
``heading 1`` ``1`` and ``Body Text`` ``a3``. The theme, numbering definitions and the
page setup of the last section (size, margins, columns, grid; headers and footers are
not carried over) come from the user's file too; the font table is the union of both.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import ooxml
from .ooxml import w
from .styles import SPECS
from .stylesheet import style_name


@dataclass
class Merged:
    styles: etree._Element
    style_ids: dict[str, str]
    theme: bytes | None
    numbering: bytes | None
    section: etree._Element | None


def merge(path: Path, ours: etree._Element, fonts: etree._Element) -> Merged:
    """Merge the reference file at ``path`` over our stylesheet ``ours`` (and font table)."""
    from .base import open_docx

    document = open_docx(path)
    theirs = copy.deepcopy(document.styles.element)  # type: ignore[attr-defined]
    by_name = {style_name(el).lower(): el for el in theirs.findall(w("style"))}
    their_ids = {el.get(w("styleId")) for el in theirs.findall(w("style"))}
    style_ids: dict[str, str] = {}
    added: list[etree._Element] = []
    for spec in SPECS:
        match = by_name.get(spec.name.lower())
        if match is not None:
            style_ids[spec.name] = match.get(w("styleId")) or spec.style_id
            continue
        element = next(el for el in ours.findall(w("style")) if style_name(el).lower() == spec.name.lower())
        element = copy.deepcopy(element)
        new_id = spec.style_id
        while new_id in their_ids:
            new_id += "X"
        element.set(w("styleId"), new_id)
        their_ids.add(new_id)
        style_ids[spec.name] = new_id
        added.append(element)
    our_ids = {spec.style_id: style_ids[spec.name] for spec in SPECS}
    for element in added:
        for reference in ("basedOn", "next", "link"):
            pointer = element.find(w(reference))
            if pointer is None:
                continue
            target = our_ids.get(pointer.get(w("val"), ""))
            if target is None:
                element.remove(pointer)
            else:
                pointer.set(w("val"), target)
        theirs.append(element)
    _merge_fonts(document, fonts)
    return Merged(
        styles=theirs,
        style_ids=style_ids,
        theme=ooxml.related_blob(document, ooxml.REL_THEME),
        numbering=ooxml.related_blob(document, ooxml.REL_NUMBERING),
        section=_section(document),
    )


def _merge_fonts(document: object, fonts: etree._Element) -> None:
    blob = ooxml.related_blob(document, ooxml.REL_FONT_TABLE)
    if not blob:
        return
    try:
        theirs = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return
    known = {font.get(w("name")) for font in fonts.findall(w("font"))}
    for font in theirs.findall(w("font")):
        if font.get(w("name")) not in known:
            clean = copy.deepcopy(font)
            for embedded in list(clean):
                if ooxml.local(embedded).startswith("embed"):
                    clean.remove(embedded)  # embedded fonts would need their parts
            fonts.append(clean)


def _section(document: object) -> etree._Element | None:
    body = document.element.body  # type: ignore[attr-defined]
    section = body.find(w("sectPr"))
    if section is None:
        return None
    section = copy.deepcopy(section)
    for child in list(section):
        if ooxml.local(child) in ("headerReference", "footerReference", "printerSettings", "sectPrChange"):
            section.remove(child)
    return section
