"""Turn python-docx's stock template into our stylesheet: named styles with explicit fonts.

python-docx's ``Document()`` gives a complete package (theme, settings, latent styles,
the built-in styles); here its style collection is trimmed to the styles the writer uses,
each rebuilt from :mod:`.styles` with explicit East Asian and Latin faces (theme font
references removed: they would override the names), sizes, spacing and indents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .fonts import LATIN, Face, Script
from .ooxml import PPR_ORDER, RPR_ORDER, STYLE_ORDER, W_NS, local, put, w
from .styles import KEEP_BUILTIN, SPECS, StyleSpec

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

#: Paragraph borders by kind: (side, width in eighths of a point, distance in points, colour).
#: Kinds differ so that neighbouring bordered paragraphs are never merged into one box.
BORDERS = {
    "bottom": (("bottom", "4", "4", "auto"),),
    "bar": (("left", "24", "6", "C00000"),),
    "box": (("top", "4", "31", "7F7F7F"), ("left", "4", "4", "7F7F7F"), ("bottom", "4", "31", "7F7F7F"),
            ("right", "4", "4", "7F7F7F")),
}  # fmt: skip
_THEME_FONT_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def style_name(element: etree._Element) -> str:
    """The ``w:name`` of a ``w:style`` (empty when it has none)."""
    name = element.find(w("name"))
    return name.get(w("val"), "") if name is not None else ""


def set_fonts(rpr: etree._Element, east_asian: Face, latin: Face, script: Script) -> None:
    """Name the faces of ``rpr`` explicitly (theme references removed); on Chinese pages
    ambiguous punctuation (“”‘’…—·) takes the East Asian face (``w:hint``)."""
    fonts = {"ascii": latin.name, "hAnsi": latin.name, "eastAsia": east_asian.name, "cs": latin.name}
    if script.chinese:
        fonts["hint"] = "eastAsia"
    put(rpr, "rFonts", RPR_ORDER, **fonts)


def set_language(rpr: etree._Element, script: Script) -> None:
    put(rpr, "lang", RPR_ORDER, val=script.latin, eastAsia=script.east_asia, bidi="ar-SA")


def _twips(points: float) -> str:
    return str(round(points * 20))


def _paragraph_properties(style: etree._Element, spec: StyleSpec, text_width: int) -> None:
    ppr = etree.SubElement(style, w("pPr"))
    if spec.keep_next:
        put(ppr, "keepNext", PPR_ORDER)
        put(ppr, "keepLines", PPR_ORDER)
    if spec.border:
        borders = put(ppr, "pBdr", PPR_ORDER)
        for side, size, space, color in BORDERS[spec.border]:
            attributes = {"val": "single", "sz": size, "space": space, "color": color}
            etree.SubElement(borders, w(side), {w(k): v for k, v in attributes.items()})
    if spec.shading:
        put(ppr, "shd", PPR_ORDER, val="clear", color="auto", fill=spec.shading)
    if spec.tab:
        tabs = put(ppr, "tabs", PPR_ORDER)
        tab = etree.SubElement(tabs, w("tab"))
        tab.set(w("val"), "right")
        tab.set(w("leader"), "dot")
        tab.set(w("pos"), str(text_width))
    spacing: dict[str, str] = {}
    if spec.before is not None:
        spacing["before"] = _twips(spec.before)
    if spec.after is not None:
        spacing["after"] = _twips(spec.after)
    if spec.line is not None:
        spacing["line"] = str(spec.line)
        spacing["lineRule"] = spec.rule
    if spacing:
        put(ppr, "spacing", PPR_ORDER, **spacing)
    indent: dict[str, str] = {}
    char_twips = spec.size * 20
    if spec.side_chars is not None:
        side = str(round(spec.side_chars / 100 * char_twips))
        indent.update(left=side, leftChars=str(spec.side_chars), right=side, rightChars=str(spec.side_chars))
    if spec.first_line_chars is not None:
        indent.update(firstLine=str(round(spec.first_line_chars / 100 * char_twips)))
        indent["firstLineChars"] = str(spec.first_line_chars)
    elif spec.kind == "paragraph" and spec.name != "Normal":
        indent.update(firstLine="0", firstLineChars="0")
    if indent:
        put(ppr, "ind", PPR_ORDER, **indent)
    if spec.align:
        put(ppr, "jc", PPR_ORDER, val=spec.align)
    if spec.outline is not None:
        put(ppr, "outlineLvl", PPR_ORDER, val=str(spec.outline))
    if not len(ppr):
        style.remove(ppr)


def _run_properties(style: etree._Element, spec: StyleSpec, script: Script) -> None:
    rpr = etree.SubElement(style, w("rPr"))
    set_fonts(rpr, script.east_asian(spec.role), LATIN[spec.role], script)
    if spec.bold:
        put(rpr, "b", RPR_ORDER)
        put(rpr, "bCs", RPR_ORDER)
    if spec.color:
        put(rpr, "color", RPR_ORDER, val=spec.color)
    if spec.kind == "paragraph":
        half_points = str(round(spec.size * 2))
        put(rpr, "sz", RPR_ORDER, val=half_points)
        put(rpr, "szCs", RPR_ORDER, val=half_points)
    if spec.name == "Normal":
        set_language(rpr, script)


def _rebuild(element: etree._Element, spec: StyleSpec, ids: dict[str, str], script: Script, width: int) -> None:
    """Replace everything in ``element`` but its identity with what ``spec`` says."""
    for child in list(element):
        if local(child) != "name":
            element.remove(child)
    element.set(w("styleId"), spec.style_id)
    if spec.alias:
        put(element, "aliases", STYLE_ORDER, val=spec.alias)
    if spec.based_on:
        put(element, "basedOn", STYLE_ORDER, val=ids[spec.based_on])
    if spec.next:
        put(element, "next", STYLE_ORDER, val=ids[spec.next])
    put(element, "uiPriority", STYLE_ORDER, val=str(spec.priority))
    put(element, "qFormat", STYLE_ORDER)
    if spec.kind == "paragraph":
        _paragraph_properties(element, spec, width)
    _run_properties(element, spec, script)


def apply_styles(document: DocxDocument, script: Script, text_width: int) -> None:
    """Make ``document``'s style collection exactly ours (see module docstring)."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    root = styles.element
    ids = {spec.name: spec.style_id for spec in SPECS}
    for spec in SPECS:
        kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
        existing = next((el for el in root.findall(w("style")) if style_name(el).lower() == spec.name.lower()), None)
        if existing is None:
            builtin = spec.name[:1].islower() or spec.name in ("TOC Heading", "Body Text", "Quote")
            style = styles.add_style(spec.name, kind, builtin=builtin)
            existing = style.element
        _rebuild(existing, spec, ids, script, text_width)
    wanted = {name.lower() for name in KEEP_BUILTIN} | {spec.name.lower() for spec in SPECS}
    for element in root.findall(w("style")):
        if style_name(element).lower() not in wanted:
            root.remove(element)
    _set_defaults(root, script)
    strip_theme_fonts(root)


def _set_defaults(root: etree._Element, script: Script) -> None:
    defaults = root.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        root.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    rpr = etree.SubElement(etree.SubElement(defaults, w("rPrDefault")), w("rPr"))
    set_fonts(rpr, script.east_asian("song"), LATIN["song"], script)
    put(rpr, "kern", RPR_ORDER, val="2")
    put(rpr, "sz", RPR_ORDER, val="24")
    put(rpr, "szCs", RPR_ORDER, val="24")
    set_language(rpr, script)
    ppr = etree.SubElement(etree.SubElement(defaults, w("pPrDefault")), w("pPr"))
    put(ppr, "spacing", PPR_ORDER, after="0", line="240", lineRule="auto")


def strip_theme_fonts(root: etree._Element) -> None:
    """Remove theme font references, which win over explicit face names in Word."""
    for fonts in root.iter(w("rFonts")):
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(w(attribute), None)


def font_table(script: Script) -> etree._Element:
    """A ``w:fonts`` part naming every face the styles use, with substitution hints."""
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    for face in script.all_faces():
        add_font(root, face)
    return root


def add_font(root: etree._Element, face: Face) -> None:
    font = etree.SubElement(root, w("font"))
    font.set(w("name"), face.name)
    if face.alt_name:
        etree.SubElement(font, w("altName")).set(w("val"), face.alt_name)
    etree.SubElement(font, w("panose1")).set(w("val"), face.panose)
    etree.SubElement(font, w("charset")).set(w("val"), face.charset)
    etree.SubElement(font, w("family")).set(w("val"), face.family)
    etree.SubElement(font, w("pitch")).set(w("val"), "variable")
