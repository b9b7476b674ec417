"""A page's text as an e-paper copy gives it, in one of a few layouts chosen per page.

Only layout is ours — which lines, blank lines and indents; every character of news text
comes from the source. The layouts (the README shows each):

* ``crawler`` — what the popular crawlers of paper.people.com.cn-style sites write for each
  article, concatenated in page order: the ``<h3>``, ``<h1>``, ``<h2>`` texts on three lines
  (an empty line where the kicker or subheadline is missing), the author line, then every
  ``<p>``'s text on its own line as the site gives it (its ``　　`` indent kept, an empty line
  for a picture).
* ``compact`` — title lines without empty slots, the author line, paragraphs indented with
  ``　　``, a blank line between articles.
* ``spaced`` — every title line, author line and paragraph separated by a blank line, no
  indent (as text pasted from a word processor, or the seed page).

Every page is also written in the ``flush`` style (:func:`flush`): the ``crawler`` layout of a
site that sets no indent (as 学习时报's does), paragraphs one a line, flush, without blank
lines between them; in the ``extracted`` style (:func:`extracted`): the text a PDF
extraction gives when it joins each paragraph's printed lines, as the seed page is — the
``spaced`` layout with the PDF fonts' half-width commas, colons, semicolons, brackets and
marks, a paragraph cut in two where its column ends, and empty lines where a picture stood;
and in the ``tight`` style (:func:`tight`): ``extracted`` without a blank line.

A page header (paper, date, page and section) opens the page in some pages; the staff lines
(``本版责编：…``) close it when the source has them.
"""

from __future__ import annotations

import hashlib
import random

from gold import Item, furniture_lines, text_blocks
from page import Record, SourcePage

VARIANTS: tuple[str, ...] = ("crawler", "compact", "spaced")
HEADERS: tuple[str, ...] = ("none", "one-line", "two-lines")
INDENT = "\u3000\u3000"


def choice(page_id: str) -> tuple[str, str]:
    """The layout and header form of a page: fixed by a hash of its id, so every build agrees."""
    digest = hashlib.sha256(page_id.encode()).digest()
    return VARIANTS[digest[0] % len(VARIANTS)], HEADERS[digest[1] % len(HEADERS)]


def header(page: SourcePage, paper_name: str, form: str) -> list[str]:
    """The page header lines in one of the :data:`HEADERS` forms."""
    if form == "none":
        return []
    year, month, day = page.date.split("-")
    date = f"{year}年{month}月{day}日"
    number = "/".join(part.zfill(2) for part in page.page.split("/"))
    label = f"第{number}版" + (f"：{page.section}" if page.section else "")
    if form == "one-line":
        return [f"{paper_name}  {date}  {label}"]
    return [f"{paper_name}  {date}", label.removeprefix("第")]


def _crawler_line(raw: str) -> str:
    """A ``<p>``'s text as a crawler writes it: the site's ideographic indent kept, ASCII spaces trimmed."""
    return raw.strip(" \t\xa0")


def _titles(record: Record, slots: bool) -> list[str]:
    stack = [record.kicker, record.headline, record.subheadline]
    return [line or "" for line in stack] if slots else [line for line in stack if line]


def _units(item: Item, variant: str) -> list[str]:
    """The lines of one item in a layout (before the layout's blank lines are added)."""
    record = item.record
    if variant == "crawler":
        lines = _titles(record, slots=True)
        if record.author:
            lines.append(record.author)
        if record.summary:
            lines.append(record.summary)
        lines += [_crawler_line(block.raw) for block in record.blocks]
    else:
        indent = INDENT if variant == "compact" else ""
        lines = _titles(record, slots=False)
        if record.author:
            lines.append(record.author)
        if record.summary:
            lines.append(indent + record.summary)
        lines += [indent + block.text for block in text_blocks(record)]
    return [*lines, record.closing] if record.closing else lines


def _staff_lines(items: list[Item]) -> list[str]:
    """The page's staff lines (``本版责编：…``), which close it."""
    return [
        line for item in items if item.kind == "furniture" for line in [item.record.headline, *furniture_lines(item)]
    ]


def text(page: SourcePage, paper_name: str, items: list[Item], variant: str, header_form: str) -> str:
    """The page's text in ``variant`` with the header form ``header_form``."""
    shown = [item for item in items if item.kind in ("article", "photo")]
    staff = _staff_lines(items)
    if variant == "spaced":
        units = [unit for item in shown for unit in _units(item, variant)]
        body = "\n\n".join(units)
    else:
        joiner = "\n" if variant == "crawler" else "\n\n"
        body = joiner.join("\n".join(_units(item, variant)) for item in shown)
    parts = ["\n".join(header(page, paper_name, header_form)), body, "\n".join(staff)]
    return "\n\n".join(part for part in parts if part) + "\n"


def tight(page: SourcePage, paper_name: str, items: list[Item], header_form: str) -> str:
    """The ``extracted`` style without a blank line: what an extraction gives that writes
    each paragraph (and each piece a column cut) on a line of its own and nothing between."""
    lines = extracted(page, paper_name, items, header_form).split("\n")
    return "\n".join(line for line in lines if line.strip()) + "\n"


def flush(page: SourcePage, paper_name: str, items: list[Item], header_form: str) -> str:
    """The page in the ``crawler`` layout without indents: what a crawler writes of a site
    whose paragraphs carry none (学习时报's). Only whitespace differs from ``crawler``."""
    crawler = text(page, paper_name, items, "crawler", header_form)
    return "\n".join(line.lstrip(" \t\u3000") for line in crawler.split("\n"))


#: Share of the paragraphs (of over :data:`CUT_MIN` characters) that a column's end cuts in
#: the ``extracted`` style: about one a column on a page of four to six columns.
CUT_SHARE = 0.2
CUT_MIN = 40
#: The marks a PDF's fonts print half-width on Chinese pages (the seed's ``,`` ``(``).
HALF_WIDTH = str.maketrans("，；：（）！？", ",;:()!?")
#: Share of pictures that leave empty lines where they stood.
PICTURE_GAP_SHARE = 0.7


def extracted(page: SourcePage, paper_name: str, items: list[Item], header_form: str) -> str:
    """The page as a PDF extraction that joins each paragraph's lines gives it (the seed's
    style; see the module's docstring). Cuts fall anywhere in a paragraph, as column ends
    do; the choices are fixed by a hash of the page id."""
    rng = random.Random(hashlib.sha256(f"extracted:{page.page_id}".encode()).digest())
    staff = _staff_lines(items)
    chunks: list[str] = []
    for item in items:
        if item.kind not in ("article", "photo"):
            continue
        if item.kind == "photo" and rng.random() < PICTURE_GAP_SHARE:
            chunks.append("")  # the picture's room: three empty lines before its caption
        paragraphs = {block.text for block in text_blocks(item.record)}
        for unit in _units(item, "spaced"):
            if unit in paragraphs and len(unit) > max(CUT_MIN, 8) and rng.random() < CUT_SHARE:
                cut = rng.randint(4, len(unit) - 4)
                chunks += [unit[:cut], unit[cut:]]
            else:
                chunks.append(unit)
    parts = ["\n".join(header(page, paper_name, header_form)), "\n\n".join(chunks), "\n".join(staff)]
    return "\n\n".join(part for part in parts if part).translate(HALF_WIDTH) + "\n"
