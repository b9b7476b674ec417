"""Typeset a news page as a newspaper PDF, for tests and for the development corpus.

::

    from convert_core.testing.typeset import typeset_page
    from convert_core.testing.extract import extract_text

    result = typeset_page(gold, "page.pdf", seed=7)      # a PageSpec, a Document or a gold dict
    text = extract_text("page.pdf", "pdftotext")           # what a user's tool makes of it
    result.items[0].text("headline"), result.items[0].boxes("body")[0].bbox

The page looks like a city daily's: a header with the paper's name, date, page and section over
a double rule, a staff line, four to six columns (three or four on a tabloid), articles as
rectangular modules with their headline stacks across their columns and their bodies flowing
from the foot of one column to the top of the next, photos as real pictures with captions and
credits, boxed stories, one-column briefs (see :mod:`.layout`). Chinese pages use reportlab's
built-in CID fonts (``STSong-Light``, ``MSung-Light``: no font files), Latin pages Times and
Helvetica. Every choice comes from ``seed``; the same input and seed give the same bytes.

The :class:`TypesetResult` says where everything went, in PDF points with the origin at the
page's bottom left (pdfminer's and PDFium's convention): per item its module's box and the
page columns it spans, and per printed line and role (``kicker``, ``headline``,
``subheadline``, ``byline``, ``dateline``, ``body``, ``subhead``, ``caption``, ``credit``…)
the box of its glyphs, as pdfminer measures them (baseline + descent to one em above), and
per item the texts it printed (``printed``). :func:`printed_gold` gives a gold dict with those
texts (a subheadline after the ``——`` some styles set): what a reader of the page is scored against.

Needs the ``typeset`` extra (reportlab, pdfminer.six).
"""

from __future__ import annotations

import copy
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document
from .layout import LayoutStyle, PagePlan, PlacedImage, PlacedLine, lay_out
from .modules import PrintedItem
from .pagespec import PageSpec, gold_items, page_spec, printed_text
from .pictures import picture

BBox = tuple[float, float, float, float]

#: Pixels per point of the pictures (photos are screen-resolution stand-ins, not press quality).
PIXELS_PER_POINT = 1.0
_MAX_PIXELS = 900


@dataclass
class LineBox:
    """A piece of a printed line with one role: its text, glyph box, type size and font.

    Roles: ``page-header`` and ``staff`` (furniture, ``item`` is ``None``); ``column`` (a
    column tag), ``kicker``, ``headline``, ``subheadline``, ``byline``, ``dateline`` (run into
    the first paragraph), ``preface`` (``编者按``), ``body``, ``subhead``, ``quote``,
    ``trailer`` (a source or note after the body), ``photo-title``, ``caption``, ``credit``.
    ``part`` numbers the paragraph (or caption paragraph) within its item."""

    role: str
    text: str
    bbox: BBox
    size: float
    font: str
    bold: bool
    item: int | None
    part: int
    column: int | None


@dataclass
class ImageBox:
    """A picture on the page: its box, its item (``None`` for an advertisement) and pixels."""

    role: str
    bbox: BBox
    item: int | None
    pixels: tuple[int, int]
    format: str


@dataclass
class ItemBox:
    """Where one item of the page went: its module's box, the page columns it spans, whether a
    ruled box surrounds it, its lines (in drawing order: stack, then column by column) and
    pictures, and the texts it printed (:class:`~.modules.PrintedItem`)."""

    index: int
    kind: str
    bbox: BBox
    columns: tuple[int, ...]
    boxed: bool
    lines: list[LineBox] = field(default_factory=list)
    images: list[ImageBox] = field(default_factory=list)
    printed: PrintedItem = field(default_factory=PrintedItem)

    def boxes(self, role: str) -> list[LineBox]:
        """The line pieces of one role, in drawing order."""
        return [line for line in self.lines if line.role == role]

    def text(self, role: str) -> str:
        """The text of one role, its line pieces joined (hyphens added at line ends kept)."""
        return "".join(line.text for line in self.boxes(role))


@dataclass
class TypesetResult:
    """What :func:`typeset_page` made: the file, the spec and style used, and where things went
    (``page_number``: the page of the file, from 0; ``sha256``: the whole file's checksum)."""

    path: Path | None
    seed: int
    spec: PageSpec
    style: LayoutStyle
    page_size: tuple[float, float]
    columns: list[tuple[float, float]]
    body_size: float
    leading: float
    items: list[ItemBox]
    furniture: list[LineBox]
    images: list[ImageBox]
    missing: str
    grown: bool
    sha256: str
    page_number: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (the spec's date as an ISO string)."""
        data = asdict(self)
        data["path"] = str(self.path) if self.path else None
        data["spec"]["date"] = self.spec.date.isoformat() if self.spec.date else None
        return data


Page = PageSpec | Document | Mapping[str, Any]


def typeset_page(
    page: Page, path: str | Path | None, *, style: LayoutStyle | None = None, seed: int = 0
) -> TypesetResult:
    """Typeset ``page`` as a one-page newspaper PDF written (atomically) to ``path`` (``None``:
    not written; the bytes' checksum is still in the result). Layout choices not fixed by
    ``style`` are drawn from ``seed``."""
    data, result = typeset_bytes(page, style=style, seed=seed)
    if path is not None:
        _write(Path(path), data, [result])
    return result


def typeset_bytes(page: Page, *, style: LayoutStyle | None = None, seed: int = 0) -> tuple[bytes, TypesetResult]:
    """Like :func:`typeset_page`, returning the PDF's bytes instead of writing a file."""
    data, results = _render([_planned(page, style, seed)])
    return data, results[0]


def typeset_pages(
    pages: Sequence[Page], path: str | Path | None, *, styles: Sequence[LayoutStyle | None] = (), seed: int = 0
) -> list[TypesetResult]:
    """Typeset several pages into one PDF, a page each (an edition's pages, as a press system
    exports them): page ``n`` (from 0) is laid out with seed ``seed + n`` and ``styles[n]``
    when given. Each result's ``page_number`` says where it is; they share the file's checksum."""
    if not pages:
        raise ValueError("no pages to typeset")
    plans = [_planned(page, styles[n] if n < len(styles) else None, seed + n) for n, page in enumerate(pages)]
    data, results = _render(plans)
    if path is not None:
        _write(Path(path), data, results)
    return results


def _planned(page: Page, style: LayoutStyle | None, seed: int) -> tuple[PageSpec, PagePlan, int]:
    spec = page_spec(page, seed)
    if not spec.items:
        raise ValueError("the page has no items to typeset")
    return spec, lay_out(spec, style or LayoutStyle.choose(spec, seed), seed), seed


def _write(path: Path, data: bytes, results: list[TypesetResult]) -> None:
    from ..output import atomic_write

    atomic_write(path, data)
    for result in results:
        result.path = path


# --------------------------------------------------------------------------- printed gold

#: The article fields a printed gold takes from the page, where the gold states them.
PRINTED_FIELDS = ("headline", "kicker", "subheadline", "column")


def printed_gold(gold: Mapping[str, Any], result: TypesetResult) -> dict[str, Any]:
    """``gold`` with the texts ``result``'s page printed: what a reader of that page is scored
    against. The typesetter prints some texts otherwise than the gold states them (a
    subheadline after ``——`` on some pages, a kicker in capitals on Latin pages, ``〓`` for a
    character no font has): each article's :data:`PRINTED_FIELDS` the gold states, its
    paragraphs, ``lead_in`` and ``byline_line``, and a photo's ``title``, ``caption`` and
    ``credit_line`` become the printed texts (a gold text that differs from the printed one
    only in its whitespace is kept). What a story *is* (``dateline``, ``bylines``,
    ``credits``) stays as the gold says. ``result`` must be the page typeset from ``gold`` (a
    :class:`ValueError` when its items or paragraphs do not match)."""
    out = copy.deepcopy(dict(gold))
    items = gold_items(out)
    if len(items) != len(result.items):
        raise ValueError(f"the gold has {len(items)} items, the typeset page {len(result.items)}")
    for data, box in zip(items, result.items):
        assert isinstance(data, dict)
        printed = box.printed
        if box.kind == "photo":
            _set(data, "title", printed.texts.get("title"))
            _set(data, "credit_line", printed.texts.get("credit"))
            caption = data.get("caption")
            if isinstance(caption, list):  # the paragraphs printed: those not empty as print
                kept = [text for text in caption if text and printed_text(str(text))]
                if len(kept) != len(printed.caption):
                    kept = printed.caption
                data["caption"] = [_as_printed(old, new) for old, new in zip(kept, printed.caption)]
            elif caption:
                data["caption"] = _as_printed(caption, " ".join(printed.caption))
            continue
        for name in PRINTED_FIELDS:
            if data.get(name):
                data[name] = _as_printed(data[name], printed.texts.get(name))
        _set(data, "lead_in", printed.texts.get("lead_in"))
        _set(data, "byline_line", printed.texts.get("byline"))
        _print_body(data, [text for text in printed.blocks if text is not None])
    return out


def _set(data: dict[str, Any], name: str, value: str | None) -> None:
    if value is not None:
        data[name] = _as_printed(data.get(name), value)


def _as_printed(gold: Any, printed: Any) -> Any:
    """``printed``, or ``gold`` when the two differ only in whitespace."""
    if isinstance(gold, str) and isinstance(printed, str) and "".join(gold.split()) == "".join(printed.split()):
        return gold
    return printed


def _print_body(data: dict[str, Any], blocks: list[str]) -> None:
    """The gold's paragraphs (or ``body`` blocks other than figures) as printed, in order."""
    if "body" in data:
        entries = data["body"] or []
        texts = [i for i, e in enumerate(entries) if isinstance(e, str) or _text_block(e)]
    else:
        entries = data.get("paragraphs") or []
        texts = [i for i, e in enumerate(entries) if e]
    if len(texts) != len(blocks):
        raise ValueError(f"{data.get('headline')!r}: {len(texts)} paragraphs in the gold, {len(blocks)} printed")
    for index, text in zip(texts, blocks):
        entry = entries[index]
        if isinstance(entry, Mapping):
            entries[index] = {**entry, "text": _as_printed(entry.get("text"), text)}
        else:
            entries[index] = _as_printed(entry, text)


def _text_block(entry: object) -> bool:
    return isinstance(entry, Mapping) and entry.get("type", "paragraph") != "figure"


# --------------------------------------------------------------------------- drawing


def _render(plans: list[tuple[PageSpec, PagePlan, int]]) -> tuple[bytes, list[TypesetResult]]:
    from reportlab import rl_config

    from .typefaces import register

    register()
    a85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller, and faster to write
    try:
        data, drawn = _draw(plans)
    finally:
        rl_config.useA85 = a85
    digest = hashlib.sha256(data).hexdigest()
    results = []
    for number, ((spec, plan, seed), (images, line_boxes)) in enumerate(zip(plans, drawn)):
        items = [
            ItemBox(
                index=module.item,
                kind=module.kind,
                bbox=_rounded(module.bbox),
                columns=module.columns,
                boxed=module.boxed,
                lines=[b for b in line_boxes if b.item == module.item],
                images=[b for b in images if b.item == module.item],
                printed=plan.printed.get(module.item, PrintedItem()),
            )
            for module in sorted(plan.modules, key=lambda m: m.item)
        ]
        results.append(
            TypesetResult(
                path=None,
                seed=seed,
                spec=spec,
                style=plan.style,
                page_size=(plan.width, plan.height),
                columns=[(round(a, 2), round(b, 2)) for a, b in plan.columns],
                body_size=plan.body_size,
                leading=round(plan.leading, 3),
                items=items,
                furniture=[b for b in line_boxes if b.item is None],
                images=images,
                missing=plan.missing,
                grown=plan.grown,
                sha256=digest,
                page_number=number,
            )
        )
    return data, results


def _draw(plans: list[tuple[PageSpec, PagePlan, int]]) -> tuple[bytes, list[tuple[list[ImageBox], list[LineBox]]]]:
    """Draw each plan on a page: rules, then pictures, then type; the PDF's bytes and, per
    page, what went where."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    first_spec, first_plan, _ = plans[0]
    canvas = Canvas(out, pagesize=(first_plan.width, first_plan.height), invariant=1, pageCompression=1)
    date = first_spec.date.isoformat() if first_spec.date else ""
    canvas.setTitle(" ".join(part for part in (first_spec.publication, date, first_spec.page) if part))
    canvas.setAuthor(first_spec.publication)
    canvas.setCreator("bulletin-convert typesetter")
    drawn = []
    for _, plan, _ in plans:
        canvas.setPageSize((plan.width, plan.height))
        canvas.setFillGray(0)
        canvas.setStrokeGray(0)
        for rule in plan.rules:
            canvas.setLineWidth(rule.width)
            if rule.kind == "box":
                canvas.rect(rule.x0, rule.y0, rule.x1 - rule.x0, rule.y1 - rule.y0, stroke=1, fill=0)
            else:
                canvas.line(rule.x0, rule.y0, rule.x1, rule.y1)
        images = [_draw_image(canvas, placed, plan, ImageReader) for placed in plan.images]
        line_boxes: list[LineBox] = []
        for placed in plan.lines:
            _draw_line(canvas, placed)
            line_boxes.extend(_line_boxes(placed))
        canvas.showPage()
        drawn.append((images, line_boxes))
    canvas.save()
    return out.getvalue(), drawn


def _draw_image(canvas, placed: PlacedImage, plan: PagePlan, image_reader) -> ImageBox:  # type: ignore[no-untyped-def]
    scale = min(PIXELS_PER_POINT, _MAX_PIXELS / max(placed.width, placed.height))
    pixels = (max(8, round(placed.width * scale)), max(8, round(placed.height * scale)))
    image_format = plan.style.image_format if placed.role != "advertisement" else "jpeg"
    data = picture(placed.key, pixels[0], pixels[1], image_format)
    canvas.drawImage(image_reader(io.BytesIO(data)), placed.x, placed.y, placed.width, placed.height)
    bbox = (placed.x, placed.y, placed.x + placed.width, placed.y + placed.height)
    return ImageBox(placed.role, _rounded(bbox), placed.item, pixels, image_format)


def _draw_line(canvas, placed: PlacedLine) -> None:  # type: ignore[no-untyped-def]
    line = placed.line
    bold = any(run.face.synthetic_bold for run in line.runs)
    if bold:  # the render mode and stroke width stay inside q … Q: text state outlives a text object
        canvas.saveState()
        canvas.setLineWidth(round(line.size * 0.035, 3))
    text = canvas.beginText()
    for run in line.runs:
        text.setTextOrigin(placed.x + run.x, placed.baseline)
        text.setFont(run.face.name, line.size)
        text.setCharSpace(run.char_space)
        text.setWordSpace(run.word_space)
        text.setTextRenderMode(2 if run.face.synthetic_bold else 0)
        text.textOut(run.text)
    canvas.drawText(text)
    if bold:
        canvas.restoreState()


def _line_boxes(placed: PlacedLine) -> list[LineBox]:
    """The pieces of a placed line, one per role and part, with their glyph boxes."""
    line = placed.line
    pieces: list[LineBox] = []
    for run in line.runs:
        x0 = placed.x + run.x
        x1 = x0 + run.ink_width
        bottom = placed.baseline + run.face.descent * line.size
        last = pieces[-1] if pieces else None
        if last and last.role == run.role and last.part == run.part:
            last.text += run.text
            last.bbox = _rounded((last.bbox[0], min(last.bbox[1], bottom), x1, max(last.bbox[3], bottom + line.size)))
            last.bold = last.bold or run.face.bold
            continue
        pieces.append(
            LineBox(
                role=run.role,
                text=run.text,
                bbox=_rounded((x0, bottom, x1, bottom + line.size)),
                size=line.size,
                font=run.face.base_font,
                bold=run.face.bold,
                item=placed.item,
                part=run.part,
                column=placed.column,
            )
        )
    return pieces


def _rounded(box: tuple[float, float, float, float]) -> BBox:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
