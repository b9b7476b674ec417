"""Small multi-column newspaper PDFs for the layout tests, typeset with reportlab.

A page is a list of rows; a row holds stories side by side, each over a range of the
page's columns: a headline stack spanning the story's columns (kicker, headline and
subheadline in three sizes), then the body flowed through its columns with indented
paragraphs, or a picture with its caption. Text is set with the CID font STSong-Light
(Chinese) or Times (Latin); pictures are small generated PNGs.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from convert_core.exportkit import CREDIT_FORMATS
from convert_core.layout.images import encode_png

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))


@dataclass
class Story:
    """An article (headline and paragraphs) or, with ``picture``, a photo and caption."""

    headline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    kicker: str | None = None
    subheadline: str | None = None
    picture: tuple[int, int, int] | None = None  # an RGB colour: a photo of that colour
    caption: list[str] = field(default_factory=list)
    latin: bool = False


@dataclass
class Placed:
    story: Story
    first: int  # first column
    span: int


def picture_png(colour: tuple[int, int, int], width: int = 40, height: int = 30) -> bytes:
    """A small PNG: a gradient over ``colour`` (distinct colours give distinct files)."""
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            row += bytes(((colour[0] + x) % 256, (colour[1] + y) % 256, colour[2]))
        rows.append(bytes(row))
    return encode_png(rows, width, height)


class Typesetter:
    """Sets rows of stories on one page of ``columns`` columns."""

    def __init__(self, columns: int = 4, width: float = 595, body: float = 9, latin: bool = False) -> None:
        self.columns = columns
        self.width = width
        self.margin = 36.0
        self.gutter = 11.0
        self.body = body
        self.pitch = body * 1.45
        self.latin = latin
        self.column_width = (width - 2 * self.margin - (columns - 1) * self.gutter) / columns
        self.ops: list[tuple] = []  # (kind, args...) drawn once the page height is known
        self.y = self.margin  # top-down cursor

    # -------------------------------------------------------------- text measure

    def _font(self, latin: bool, bold: bool = False) -> str:
        if latin:
            return "Times-Bold" if bold else "Times-Roman"
        return CJK

    def wrap(self, text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
        lines: list[str] = []
        if font.startswith("Times"):
            words = text.split(" ")
            current = ""
            for word in words:
                trial = f"{current} {word}" if current else word
                room = width - (indent if not lines else 0)
                if pdfmetrics.stringWidth(trial, font, size) <= room or not current:
                    current = trial
                else:
                    lines.append(current)
                    current = word
            if current:
                lines.append(current)
            return lines
        current = ""
        for char in text:
            room = width - (indent if not lines else 0)
            if pdfmetrics.stringWidth(current + char, font, size) > room and current:
                lines.append(current)
                current = char
            else:
                current += char
        if current:
            lines.append(current)
        return lines

    # -------------------------------------------------------------- placing

    def header(self, left: str, right: str) -> None:
        """The page's running header: two small lines at the top corners, and a rule."""
        self.ops.append(("text", left, self.margin, self.y + 8, 8, self._font(self.latin)))
        font = self._font(self.latin)
        self.ops.append(
            ("text", right, self.width - self.margin - pdfmetrics.stringWidth(right, font, 8), self.y + 8, 8, font)
        )
        self.y += 26

    def footer_text(self, text: str) -> None:
        self.ops.append(("footer", text))

    def row(self, placed: list[Placed]) -> None:
        """Stories side by side; the next row starts below the deepest."""
        bottoms = [self._story(item) for item in placed]
        self.y = max(bottoms) + 2.2 * self.pitch

    def _x(self, column: int) -> float:
        return self.margin + column * (self.column_width + self.gutter)

    def _story(self, item: Placed) -> float:
        story = item.story
        latin = story.latin or self.latin
        x = self._x(item.first)
        span_width = item.span * self.column_width + (item.span - 1) * self.gutter
        y = self.y
        if story.picture is not None:
            height = span_width * 0.6
            self.ops.append(("image", picture_png(story.picture), x, y, span_width, height))
            y += height + 6
            size = self.body - 1
            for number, paragraph in enumerate(story.caption):
                indent = 2 * size if number else 0.0  # later caption paragraphs are indented
                for index, line in enumerate(self.wrap(paragraph, self._font(latin), size, span_width, indent)):
                    shift = indent if index == 0 else 0.0
                    self.ops.append(("text", line, x + shift, y + size, size, self._font(latin)))
                    y += self.pitch - 1
            return y
        for text, size, bold in (
            (story.kicker, self.body * 1.5, False),
            (story.headline, self.body * 2.4, True),
            (story.subheadline, self.body * 1.6, False),
        ):
            if not text:
                continue
            font = self._font(latin, bold)
            for line in self.wrap(text, font, size, span_width):
                self.ops.append(("text", line, x, y + size, size, font))
                y += size * 1.3
            y += 3
        y += self.pitch * 0.6
        font = self._font(latin)
        lines: list[tuple[str, bool]] = []
        for paragraph in story.paragraphs:
            for number, line in enumerate(self.wrap(paragraph, font, self.body, self.column_width, 2 * self.body)):
                lines.append((line, number == 0))
        per_column = -(-len(lines) // item.span)
        bottom = y
        for column in range(item.span):
            chunk = lines[column * per_column : (column + 1) * per_column]
            cy = y
            for line, first in chunk:
                indent = 2 * self.body if first else 0.0
                self.ops.append(("text", line, self._x(item.first + column) + indent, cy + self.body, self.body, font))
                cy += self.pitch
            bottom = max(bottom, cy)
        return bottom

    # -------------------------------------------------------------- output

    def pdf(self) -> bytes:
        height = self.y + self.margin + 20
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=(self.width, height), invariant=1)
        self._draw(page, height)
        page.showPage()
        page.save()
        return buffer.getvalue()

    def _draw(self, page: canvas.Canvas, height: float) -> None:
        for op in self.ops:
            if op[0] == "text":
                _, text, x, y, size, font = op
                page.setFont(font, size)
                page.drawString(x, height - y, text)
            elif op[0] == "image":
                _, data, x, y, width, h = op
                page.drawImage(ImageReader(io.BytesIO(data)), x, height - y - h, width, h)
            elif op[0] == "footer":
                page.setFont(self._font(self.latin), 8)
                page.drawString(self.margin, 16, op[1])


def multipage(pages: list[bytes]) -> bytes:
    """Several one-page PDFs as one PDF (each page redrawn through pypdfium2)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for data in pages:
        source = pdfium.PdfDocument(data)
        out.import_pages(source)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def seed_page(gold: dict, columns: int = 4) -> bytes:
    """The reference page's expected items typeset as a PDF page: articles in rows of
    two side by side (each over half the columns), photos over half the columns."""
    setter = Typesetter(columns=columns)
    setter.header("2020年4月28日 星期二", "卫东新闻 3")
    half = columns // 2
    pending: list[Placed] = []
    for item in gold["items"]:
        if item["type"] == "photo":
            credit = CREDIT_FORMATS["zh-Hans"][0].format(item["credit"]["name"])  # 高鸿勋 摄
            caption = list(item["caption"])
            caption[-1] = caption[-1] + " " + credit
            story = Story(picture=(len(pending) * 60 % 256, 120, 200 - len(caption)), caption=caption)
        else:
            people = "通讯员".join(
                [
                    "记者" + "、".join(p["name"] for p in item["bylines"] if p["role"] == "reporter"),
                    *[" " + p["name"] for p in item["bylines"] if p["role"] == "correspondent"],
                ]
            )
            paragraphs = list(item["paragraphs"])
            paragraphs[0] = f"{item['dateline']}（{people.replace('通讯员 ', ' 通讯员')}）{paragraphs[0]}"
            story = Story(
                headline=item["headline"],
                kicker=item["kicker"],
                subheadline=item["subheadline"],
                paragraphs=paragraphs,
            )
        pending.append(Placed(story, len(pending) * half, half))
        if len(pending) == 2:
            setter.row(pending)
            pending = []
    if pending:
        setter.row(pending)
    return setter.pdf()


def zlib_ok() -> bool:  # reportlab compresses page streams with zlib
    return bool(zlib.compress(b"x"))
