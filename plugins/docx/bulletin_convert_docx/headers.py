"""The running header (the edition line) and the footer (the page number) of a document.

The footer is the same for every document of a template and is built with the base; the
header holds the page's own edition line and is written per document. Page one shows
neither the header, since the edition line is printed above the first item there, nor
anything but the page number in the footer.
"""

from __future__ import annotations

from lxml import etree

from convert_core.exportkit import xml_text

from .ooxml import AMBIGUOUS, R_NS, W_NS, XML_SPACE, serialize, w


def _part(tag: str, style_id: str) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(w(tag), nsmap={"w": W_NS, "r": R_NS})
    paragraph = etree.SubElement(root, w("p"))
    etree.SubElement(etree.SubElement(paragraph, w("pPr")), w("pStyle"), {w("val"): style_id})
    return root, paragraph


def _run(paragraph: etree._Element, text: str, chinese: bool) -> etree._Element:
    run = etree.SubElement(paragraph, w("r"))
    if chinese and AMBIGUOUS.search(text):
        etree.SubElement(etree.SubElement(run, w("rPr")), w("rFonts"), {w("hint"): "eastAsia"})
    etree.SubElement(run, w("t"), {XML_SPACE: "preserve"}).text = text
    return run


def header_xml(style_id: str, text: str, chinese: bool) -> bytes:
    """``word/header1.xml``: one paragraph in the header style holding ``text`` on one line."""
    root, paragraph = _part("hdr", style_id)
    text = " ".join(xml_text(text).split())
    if text:
        _run(paragraph, text, chinese)
    return serialize(root)


def footer_xml(style_id: str) -> bytes:
    """``word/footer1.xml``: the page number, a ``PAGE`` field (its result pre-filled with 1)."""
    root, paragraph = _part("ftr", style_id)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("result", "1"), ("end", None)):
        run = etree.SubElement(paragraph, w("r"))
        if kind == "instr":
            etree.SubElement(run, w("instrText"), {XML_SPACE: "preserve"}).text = text
        elif kind == "result":
            etree.SubElement(run, w("t")).text = text
        else:
            etree.SubElement(run, w("fldChar"), {w("fldCharType"): kind})
    return serialize(root)
