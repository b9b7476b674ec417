"""Inline pictures: the image files of PDF pages as ``w:drawing`` runs of the document.

A photo or figure whose :class:`~convert_core.model.ImageRef` carries its bytes (a page
read from a PDF) gets a picture paragraph above its caption: the image as a media part
(``word/media/<sha256 prefix>.png``, stored once per document however often it is
shown), a relationship from the main part, a content type for its extension, and an
inline DrawingML picture sized from its pixels at 96 dpi, no wider than the text, with
the caption as its alternative text. Pictures without bytes (a document re-read from
JSON) have nothing to embed and are left out, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from convert_core.model import ImageRef

from .ooxml import CT_NS, PKG_REL_NS, R_NS, serialize, w

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

#: Prefixes of the drawing's namespaces, declared on the main part's root when it has a picture.
NAMESPACES = {"wp": WP_NS, "a": A_NS, "pic": PIC_NS, "r": R_NS}

#: EMUs (English metric units) per pixel at 96 dpi, and per twip.
EMU_PER_PIXEL = 9525
EMU_PER_TWIP = 635
#: The extensions a picture part may have, by media type (others are not embedded).
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif"}


@dataclass(frozen=True)
class Media:
    """One picture part of the package: its zip name, relationship id and bytes."""

    name: str
    rid: str
    data: bytes


class Pictures:
    """The pictures one document shows: each image stored once, each drawing numbered."""

    def __init__(self, text_width_twips: int) -> None:
        self.max_width = max(1, text_width_twips) * EMU_PER_TWIP
        self.media: dict[str, Media] = {}
        self.drawings = 0

    def embeddable(self, image: ImageRef | None) -> bool:
        """Whether ``image`` can be shown: its bytes are at hand, in a format Word reads."""
        return image is not None and image.data is not None and image.media_type in EXTENSIONS

    def _part(self, image: ImageRef) -> Media:
        key = image.sha256 or image.href
        found = self.media.get(key)
        if found is None:
            stem = (image.sha256 or "")[:16] or image.href.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            name = f"word/media/{stem}.{EXTENSIONS[image.media_type]}"
            found = self.media[key] = Media(name, f"rIdPicture{len(self.media) + 1}", bytes(image.data or b""))
        return found

    def size(self, image: ImageRef) -> tuple[int, int]:
        """The picture's width and height in EMUs: its pixels at 96 dpi, scaled down to
        the text width when wider (a picture of unknown size is as wide as the text, 3:4)."""
        if image.width and image.height and image.width > 0 and image.height > 0:
            cx, cy = image.width * EMU_PER_PIXEL, image.height * EMU_PER_PIXEL
        else:
            cx, cy = self.max_width, self.max_width * 3 // 4
        if cx > self.max_width:
            cx, cy = self.max_width, max(1, round(cy * self.max_width / cx))
        return cx, cy

    def run(self, parent: etree._Element, image: ImageRef, alt: str) -> etree._Element:
        """A ``w:r`` appended to ``parent`` holding the inline picture of ``image`` with
        ``alt`` as its description (the namespaces are declared once, by :data:`NAMESPACES`
        on the root)."""
        media = self._part(image)
        self.drawings += 1
        number = str(self.drawings)
        cx, cy = (str(value) for value in self.size(image))
        file_name = media.name.rsplit("/", 1)[-1]
        run = etree.SubElement(parent, w("r"))
        drawing = etree.SubElement(run, w("drawing"))
        inline = etree.SubElement(
            drawing, f"{{{WP_NS}}}inline", {"distT": "0", "distB": "0", "distL": "0", "distR": "0"}
        )
        etree.SubElement(inline, f"{{{WP_NS}}}extent", {"cx": cx, "cy": cy})
        etree.SubElement(inline, f"{{{WP_NS}}}effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"})
        etree.SubElement(inline, f"{{{WP_NS}}}docPr", {"id": number, "name": f"Picture {number}", "descr": alt})
        frame = etree.SubElement(inline, f"{{{WP_NS}}}cNvGraphicFramePr")
        etree.SubElement(frame, f"{{{A_NS}}}graphicFrameLocks", {"noChangeAspect": "1"})
        graphic = etree.SubElement(inline, f"{{{A_NS}}}graphic")
        data = etree.SubElement(graphic, f"{{{A_NS}}}graphicData", {"uri": PIC_NS})
        pic = etree.SubElement(data, f"{{{PIC_NS}}}pic")
        names = etree.SubElement(pic, f"{{{PIC_NS}}}nvPicPr")
        etree.SubElement(names, f"{{{PIC_NS}}}cNvPr", {"id": "0", "name": file_name, "descr": alt})
        etree.SubElement(names, f"{{{PIC_NS}}}cNvPicPr")
        fill = etree.SubElement(pic, f"{{{PIC_NS}}}blipFill")
        etree.SubElement(fill, f"{{{A_NS}}}blip", {f"{{{R_NS}}}embed": media.rid})
        etree.SubElement(etree.SubElement(fill, f"{{{A_NS}}}stretch"), f"{{{A_NS}}}fillRect")
        shape = etree.SubElement(pic, f"{{{PIC_NS}}}spPr")
        transform = etree.SubElement(shape, f"{{{A_NS}}}xfrm")
        etree.SubElement(transform, f"{{{A_NS}}}off", {"x": "0", "y": "0"})
        etree.SubElement(transform, f"{{{A_NS}}}ext", {"cx": cx, "cy": cy})
        geometry = etree.SubElement(shape, f"{{{A_NS}}}prstGeom", {"prst": "rect"})
        etree.SubElement(geometry, f"{{{A_NS}}}avLst")
        return run

    # -- the package --------------------------------------------------------------------

    def parts(self) -> list[tuple[str, bytes]]:
        """The media parts, in the order the pictures first appear."""
        return [(media.name, media.data) for media in self.media.values()]

    def relationships(self, rels: bytes) -> bytes:
        """``word/_rels/document.xml.rels`` with a relationship to each media part."""
        if not self.media:
            return rels
        root = etree.fromstring(rels)
        for media in self.media.values():
            etree.SubElement(
                root,
                f"{{{PKG_REL_NS}}}Relationship",
                Id=media.rid,
                Type=REL_IMAGE,
                Target=media.name.removeprefix("word/"),
            )
        return serialize(root)

    def content_types(self, types: bytes) -> bytes:
        """``[Content_Types].xml`` with a default content type for each picture extension."""
        if not self.media:
            return types
        root = etree.fromstring(types)
        known = {element.get("Extension") for element in root.iter(f"{{{CT_NS}}}Default")}
        media_types = {extension: media_type for media_type, extension in EXTENSIONS.items()}
        position = sum(1 for element in root if etree.QName(element).localname == "Default")
        for extension in sorted({media.name.rsplit(".", 1)[-1] for media in self.media.values()}):
            if extension not in known:
                element = etree.Element(f"{{{CT_NS}}}Default", Extension=extension, ContentType=media_types[extension])
                root.insert(position, element)
                position += 1
        return serialize(root)


def text_width(section: bytes) -> int:
    """The text width of a section (``w:sectPr``), in twips: page width less the margins."""
    root = etree.fromstring(section)
    size = root.find(w("pgSz"))
    margins = root.find(w("pgMar"))
    try:
        width = int(size.get(w("w"))) if size is not None else 11906
        left = int(margins.get(w("left"), "0")) if margins is not None else 1800
        right = int(margins.get(w("right"), "0")) if margins is not None else 1800
        gutter = int(margins.get(w("gutter"), "0") or 0) if margins is not None else 0
    except (TypeError, ValueError):
        return 11906 - 2 * 1800
    return max(1440, width - left - right - gutter)
