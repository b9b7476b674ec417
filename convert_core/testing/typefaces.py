"""Typefaces for the typesetter, with no font files: reportlab's built-in CID fonts and the standard 14.

``STSong-Light`` (Adobe-GB1, simplified Chinese) and ``MSung-Light`` (Adobe-CNS1, traditional)
are not embedded: a reader maps their glyphs through the Adobe character collections (poppler
needs the ``poppler-data`` package for that, pdfminer.six ships the tables). Bold faces are
the same fonts under a ``,Bold`` name with the ForceBold flag, drawn with a stroke (synthetic
bold, as Acrobat does). Latin pages use Times and Helvetica.

A character a face cannot carry through extraction unchanged is set in the next face of its
chain (:func:`chain`); one no face has becomes ``〓`` (the typesetter's missing-type mark) and
is reported by the typesetter.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Literal

MISSING_MARK = "〓"

Weight = Literal["regular", "bold", "italic"]


@dataclass(frozen=True)
class Face:
    """A font as the typesetter uses it: registered ``name``, the PDF ``base_font``, metrics in em."""

    name: str
    base_font: str
    kind: Literal["cid", "standard"]
    bold: bool
    ascent: float
    descent: float
    collection: str = ""  # Adobe-GB1 / Adobe-CNS1 for CID faces
    encoding: str = ""

    @property
    def synthetic_bold(self) -> bool:
        """Bold that has to be drawn (a stroke around the glyphs): CID faces have no bold cut."""
        return self.bold and self.kind == "cid"

    def supports(self, char: str) -> bool:
        """Whether ``char`` set in this face comes back as ``char`` from text extraction."""
        return _supports(self.name, char)

    def width(self, char: str) -> float:
        """Advance width of ``char`` in em."""
        return _width(self.name, char)


FACES: dict[str, Face] = {
    "song": Face("bc-song", "STSong-Light", "cid", False, 0.752, -0.271, "Adobe-GB1", "UniGB-UCS2-H"),
    "song-bold": Face("bc-song-bold", "STSong-Light,Bold", "cid", True, 0.752, -0.271, "Adobe-GB1", "UniGB-UCS2-H"),
    "ming": Face("bc-ming", "MSung-Light", "cid", False, 0.752, -0.271, "Adobe-CNS1", "UniCNS-UCS2-H"),
    "ming-bold": Face("bc-ming-bold", "MSung-Light,Bold", "cid", True, 0.752, -0.271, "Adobe-CNS1", "UniCNS-UCS2-H"),
    "times": Face("Times-Roman", "Times-Roman", "standard", False, 0.683, -0.217),
    "times-bold": Face("Times-Bold", "Times-Bold", "standard", True, 0.676, -0.205),
    "times-italic": Face("Times-Italic", "Times-Italic", "standard", False, 0.683, -0.205),
    "helvetica": Face("Helvetica", "Helvetica", "standard", False, 0.718, -0.207),
    "helvetica-bold": Face("Helvetica-Bold", "Helvetica-Bold", "standard", True, 0.718, -0.207),
}
_BY_NAME = {face.name: face for face in FACES.values()}


def chain(language: str, family: Literal["serif", "sans"] = "serif", weight: Weight = "regular") -> list[Face]:
    """The faces text of ``language`` is set in, first choice first, then the fallbacks."""
    bold = weight == "bold"
    song = FACES["song-bold" if bold else "song"]
    ming = FACES["ming-bold" if bold else "ming"]
    if family == "sans":
        latin = FACES["helvetica-bold" if bold else "helvetica"]
    else:
        latin = FACES[{"regular": "times", "bold": "times-bold", "italic": "times-italic"}[weight]]
    if language == "zh-Hant":
        return [ming, song, latin]
    if language.startswith("zh"):
        return [song, ming, latin]
    return [latin, song, ming]


def face_for(char: str, faces: tuple[Face, ...]) -> tuple[Face, str]:
    """The first face of ``faces`` that carries ``char``, and the character it sets
    (``char``, or :data:`MISSING_MARK` in the first face when none does)."""
    for face in faces:
        if face.supports(char):
            return face, char
    return faces[0], MISSING_MARK


# --------------------------------------------------------------------------- metrics


@functools.lru_cache(maxsize=4)
def _cid_tables(encoding: str, collection: str):  # type: ignore[no-untyped-def]
    from pdfminer.cmapdb import CMapDB

    return CMapDB.get_cmap(encoding), CMapDB.get_unicode_map(collection)


@functools.lru_cache(maxsize=65536)
def _supports(name: str, char: str) -> bool:
    face = _BY_NAME[name]
    if len(char) != 1 or (not char.isprintable() and char not in " \u3000"):
        return False
    if face.kind == "standard":
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    if ord(char) > 0xFFFF:
        return False  # a UCS-2 CMap cannot address it
    cmap, unicode_map = _cid_tables(face.encoding, face.collection)
    cids = list(cmap.decode(char.encode("utf-16-be")))
    if len(cids) != 1 or cids[0] == 0:
        return False
    try:
        return unicode_map.get_unichr(cids[0]) == char
    except KeyError:
        return False


@functools.lru_cache(maxsize=65536)
def _width(name: str, char: str) -> float:
    face = _BY_NAME[name]
    if face.kind == "cid":
        from reportlab.pdfbase._cidfontdata import widthsByUnichar

        base = face.base_font.split(",")[0]
        return widthsByUnichar[base].get(char, 1000) / 1000
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(char, face.name, 1000) / 1000


# --------------------------------------------------------------------------- registration


@functools.cache
def register() -> None:
    """Register the CID faces with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase._cidfontdata import CIDFontInfo
    from reportlab.pdfbase.cidfonts import CIDEncoding, UnicodeCIDFont, structToPDF

    class NamedCIDFont(UnicodeCIDFont):  # type: ignore[misc]
        """A built-in CID font under its own name and BaseFont, with the collection's own
        UCS-2 CMap (reportlab gives MSung-Light the GB one, which no reader can decode)."""

        def __init__(self, face: Face) -> None:
            super().__init__(face.base_font.split(",")[0])
            self.encodingName = face.encoding
            self.encoding = CIDEncoding(face.encoding)
            self.name = self.fontName = face.name
            self.typeface = face

        def addObjects(self, doc) -> None:  # type: ignore[no-untyped-def]
            internal = f"F{len(doc.fontMapping) + 1}"
            info = copy.deepcopy(CIDFontInfo[self.faceName])
            info["Name"] = "/" + internal
            info["Encoding"] = "/" + self.encodingName
            base = self.typeface.base_font
            info["BaseFont"] = "/" + base
            descendant = info["DescendantFonts"][0]
            descendant["BaseFont"] = "/" + base
            descriptor = descendant["FontDescriptor"]
            descriptor["FontName"] = "/" + base.replace(",", "-")
            if self.typeface.bold:
                descriptor["Flags"] = descriptor["Flags"] | (1 << 18)  # ForceBold
                descriptor["StemV"] = 140
            reference = doc.Reference(structToPDF(info), internal)
            doc.idToObject["BasicFonts"].dict[internal] = reference
            doc.fontMapping[self.name] = "/" + internal

    for face in FACES.values():
        if face.kind == "cid":
            pdfmetrics.registerFont(NamedCIDFont(face))
