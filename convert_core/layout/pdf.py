"""PDF pages through PDFium (``pypdfium2``): glyphs with their boxes, baselines, sizes
and fonts, and the pictures placed on the page.

PDFium was chosen over pdfminer.six for speed (a C++ parser: the characters of a
6-column page in 71 ms against pdfminer's 190 on a Chinese page, 8 against 360 on an
English one, see ``benchmarks/pdf_pages.py``), for its tolerance of damaged files, and
for its licence (Apache-2.0/BSD, like pdfminer's MIT; PyMuPDF's AGPL would bind the
core). It is imported only when a PDF is read.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .geometry import Font, Glyph, PageImage, interned

#: Most characters one page may hold (a PDF bomb of text is refused, not read for minutes).
MAX_PAGE_CHARS = 400_000
#: Most pictures taken from one page (the rest are reported and left out).
MAX_PAGE_IMAGES = 200
#: Largest picture kept, in decoded pixels.
MAX_IMAGE_PIXELS = 40_000_000


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file: ``%PDF-`` within its first kilobyte."""
    return b"%PDF-" in data[:1024]


@dataclass
class PdfPage:
    """The raw content of one PDF page."""

    index: int
    width: float
    height: float
    glyphs: list[Glyph]
    images: list[PageImage]
    rotated: bool = False


class PdfFile:
    """An open PDF document (a context manager): its page count and its pages."""

    def __init__(self, data: bytes) -> None:
        try:
            import pypdfium2 as pdfium
        except ImportError:  # pragma: no cover - a core dependency
            raise InputError("reading PDF needs the pypdfium2 package (pip install pypdfium2)") from None
        self._pdfium = pdfium
        try:
            self.document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            message = str(exc).lower()
            if "password" in message:
                raise InputError("the PDF is encrypted (password protected); decrypt it first") from None
            raise InputError(f"not a readable PDF ({_reason(message)})") from None
        self.pages = len(self.document)
        if self.pages == 0:
            raise InputError("the PDF has no pages")

    def __enter__(self) -> PdfFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.document.close()

    def page(self, index: int) -> PdfPage:
        """The glyphs and pictures of page ``index`` (0-based)."""
        try:
            page = self.document[index]
        except self._pdfium.PdfiumError as exc:
            raise InputError(f"page {index + 1} of the PDF cannot be read ({_reason(str(exc))})") from None
        try:
            return _read_page(page, index)
        finally:
            page.close()


def _reason(message: str) -> str:
    """PDFium's reason, from ``Failed to load document (PDFium: Data format error).``;
    ``Success`` (what it says of a file with no pages) is no reason."""
    reason = message.strip().rstrip(".").split(":")[-1].strip().rstrip(")").strip()
    return "damaged file, or no pages" if reason in ("", "success") else reason


def _read_page(page: Any, index: int) -> PdfPage:
    import pypdfium2.raw as raw

    width, height = page.get_size()
    left, bottom, _, _ = page.get_bbox()
    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage)
        if count > MAX_PAGE_CHARS:
            raise InputError(f"page {index + 1} holds {count:,} characters, over the limit of {MAX_PAGE_CHARS:,}")
        glyphs = list(_glyphs(raw, textpage, count, left, bottom + height))
    finally:
        textpage.close()
    images = _images(page, left, bottom + height)
    return PdfPage(
        index=index, width=width, height=height, glyphs=glyphs, images=images, rotated=page.get_rotation() != 0
    )


def _glyphs(raw: Any, textpage: Any, count: int, left: float, top: float) -> Iterator[Glyph]:
    """The page's printed characters. PDFium's own characters (the spaces and line ends
    it generates, which have no text object) are left out: geometry decides those.

    Calls into PDFium dominate the time, so they are kept few: the text comes in one
    call; a character's face is read once per font; its baseline is asked only where
    its font, size or box's height differs from the character before (the same font
    and size in the same box stand on the same baseline)."""
    text = _page_text(raw, textpage, count)
    text_object = _pointer_function(raw.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_int)
    object_font = _pointer_function(raw.FPDFTextObj_GetFont, ctypes.c_void_p)
    get_box, get_size, is_generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated
    fonts: dict[int | None, Font] = {}
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    current: int | None = -1
    font, handle, size, rounded, baseline, last = Font(), None, 0.0, 0.0, 0.0, None
    for number, char in enumerate(text):
        if char in _SKIPPED:
            continue
        key = text_object(textpage, number)
        if (key is None or char.isspace()) and is_generated(textpage, number):
            continue  # PDFium's own spaces and line ends: geometry decides those
        if char.isspace():
            char = " "
        get_box(textpage, number, box)
        if key != current:
            current = key
            handle = object_font(key) if key is not None else None
            font = fonts.get(handle) or fonts.setdefault(handle, _font(raw, handle))
            size = get_size(textpage, number)
            rounded = round(size, 2)
        where = (handle, size, box.top, box.bottom)
        if where != last:
            raw.FPDFText_GetCharOrigin(textpage, number, x, y)
            baseline, last = top - y.value, where
        x0, x1 = box.left - left, box.right - left
        if char == " " and x1 <= x0:
            x1 = x0 + 0.25 * size
        yield Glyph(char, x0, top - box.top, x1, top - box.bottom, baseline, rounded, font)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: Characters that are never printed: PDFium's line ends and its marks for unknown codes.
_SKIPPED = frozenset("\r\n\x02\x00\ufffe\uffff")


def _page_text(raw: Any, textpage: Any, count: int) -> str:
    """The text of the page's ``count`` characters, one character each."""
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: 2 * count].decode("utf-16-le", "surrogatepass")
    if len(text) == count and not _SURROGATE_RE.search(text):
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, number)) for number in range(count))


def _pointer_function(function: Any, *arguments: Any) -> Any:
    """``function`` (a PDFium call returning a pointer) returning the pointer's address as
    an ``int`` (``None`` for NULL): comparable, and cheaper than casting each result.
    ``arguments`` are its parameters' ctypes types."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *arguments)(address)


_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "-b", "hei", "黑")
_ITALIC_WORDS = ("italic", "oblique", "kursiv")


def _font(raw: Any, handle: int | None) -> Font:
    """The face of a PDFium font (``handle``: its address): name, bold, italic."""
    if not handle:
        return Font()
    handle = ctypes.cast(handle, raw.FPDF_FONT)
    buffer = ctypes.create_string_buffer(256)
    length = raw.FPDFFont_GetBaseFontName(handle, buffer, 256)
    name = buffer.raw[: max(0, length - 1)].decode("latin-1", "replace") if length else ""
    name = name.split("+", 1)[1] if len(name) > 7 and name[6:7] == "+" else name  # ABCDEF+Font: subset tag
    weight = raw.FPDFFont_GetWeight(handle)
    flags = raw.FPDFFont_GetFlags(handle)
    angle = ctypes.c_int()
    raw.FPDFFont_GetItalicAngle(handle, angle)
    lower = name.lower()
    bold = weight >= 600 or bool(flags & (1 << 18)) or any(word in lower for word in _BOLD_WORDS)
    italic = angle.value != 0 or bool(flags & (1 << 6)) or any(word in lower for word in _ITALIC_WORDS)
    return interned(Font(name=name, bold=bold, italic=italic))


def _images(page: Any, left: float, top: float) -> list[PageImage]:
    images: list[PageImage] = []
    for obj in _image_objects(page):
        if len(images) >= MAX_PAGE_IMAGES:
            break
        x0, y0, x1, y1 = obj.get_bounds()
        if x1 - x0 < 8 or y1 - y0 < 8:
            continue  # rules, dots and spacers
        images.append(PageImage(x0=x0 - left, y0=top - y1, x1=x1 - left, y1=top - y0, load=_image_loader(obj)))
    return images


def _image_objects(page: Any, form: Any = None, level: int = 0, max_depth: int = 4) -> Iterator[Any]:
    """The page's image objects, in content order, inside forms too (``max_depth`` levels):
    only images are wrapped in pypdfium2's helper class (a page may have thousands of text
    objects)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    parent = form if form is not None else page
    count = (raw.FPDFFormObj_CountObjects if form is not None else raw.FPDFPage_CountObjects)(parent)
    get_object = raw.FPDFFormObj_GetObject if form is not None else raw.FPDFPage_GetObject
    for index in range(max(0, count)):
        obj = get_object(parent, index)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            yield pdfium.PdfObject(obj, page=page, pdf=page.pdf, container=form, level=level)
        elif kind == raw.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
            yield from _image_objects(page, obj, level + 1, max_depth)


def _image_loader(obj: Any) -> Any:
    """Read the picture's bytes now (the page closes after reading): a JPEG kept as
    stored, anything else as PNG; ``None`` when it cannot be decoded."""
    try:
        width, height = obj.get_px_size()
    except Exception:
        return None
    if width <= 0 or height <= 0 or width * height > MAX_IMAGE_PIXELS:
        return None
    try:
        filters = obj.get_filters()
        if filters and filters[-1] == "DCTDecode" and len(filters) == 1:
            data = bytes(obj.get_data(decode_simple=False))
            if data.startswith(b"\xff\xd8"):
                return (data, "image/jpeg", width, height)
        return _png(obj.get_bitmap(render=False))
    except Exception:
        return None


def _png(bitmap: Any) -> tuple[bytes, str, int, int] | None:
    from .images import encode_png

    channels = bitmap.n_channels
    if channels not in (1, 3, 4) or not str(bitmap.mode).startswith(("BGR", "L")):
        return None
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    rows = []
    for row in range(height):
        line = buffer[row * stride : row * stride + width * channels]
        if channels >= 3:  # BGR(A/X) to RGB
            pixels = bytearray(width * 3)
            pixels[0::3] = line[2::channels]
            pixels[1::3] = line[1::channels]
            pixels[2::3] = line[0::channels]
            line = bytes(pixels)
        rows.append(line)
    return (encode_png(rows, width, height, gray=channels == 1), "image/png", width, height)
