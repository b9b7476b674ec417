"""PDF pages through PDFium (``pypdfium2``): glyphs with their boxes, baselines, sizes
and fonts, and the pictures placed on the page.

PDFium was chosen over pdfminer.six for speed (a C++ parser: a 6-column broadsheet
page reads in a fraction of pdfminer's time, see ``benchmarks/``), for its tolerance
of damaged files, and for its licence (Apache-2.0/BSD, like pdfminer's MIT; PyMuPDF's
AGPL would bind the core). It is imported only when a PDF is read.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .geometry import Font, Glyph, PageImage

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
    message = message.strip().rstrip(".")
    return message.split(":")[-1].strip() or "damaged file"


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
    fonts: dict[int | None, Font] = {}
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    for number in range(count):
        code = raw.FPDFText_GetUnicode(textpage, number)
        if code in (0, 0xFFFE, 0xFFFF) or raw.FPDFText_IsGenerated(textpage, number):
            continue  # PDFium's own spaces and line ends: geometry decides those
        char = chr(code)
        if char in "\r\n\x02":
            continue
        if char.isspace():
            char = " "
        raw.FPDFText_GetLooseCharBox(textpage, number, box)
        raw.FPDFText_GetCharOrigin(textpage, number, x, y)
        obj = raw.FPDFText_GetTextObject(textpage, number)
        key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font(raw, obj)
        size = raw.FPDFText_GetFontSize(textpage, number)
        x0, x1 = box.left - left, box.right - left
        if char == " " and x1 <= x0:
            x1 = x0 + 0.25 * size
        yield Glyph(
            text=char,
            x0=x0,
            y0=top - box.top,
            x1=x1,
            y1=top - box.bottom,
            baseline=top - y.value,
            size=round(size, 2),
            font=font,
        )


_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "-b", "hei", "黑")
_ITALIC_WORDS = ("italic", "oblique", "kursiv")


def _font(raw: Any, obj: Any) -> Font:
    if not obj:
        return Font()
    handle = raw.FPDFTextObj_GetFont(obj)
    if not handle:
        return Font()
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
    return Font(name=name, bold=bold, italic=italic)


def _images(page: Any, left: float, top: float) -> list[PageImage]:
    import pypdfium2.raw as raw

    images: list[PageImage] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        if len(images) >= MAX_PAGE_IMAGES:
            break
        x0, y0, x1, y1 = obj.get_bounds()
        if x1 - x0 < 8 or y1 - y0 < 8:
            continue  # rules, dots and spacers
        images.append(PageImage(x0=x0 - left, y0=top - y1, x1=x1 - left, y1=top - y0, load=_image_loader(obj)))
    return images


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
