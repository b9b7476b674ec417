"""Older European papers title their news items in the body's type, on a line of its own
centred in the column: such a line opens an item. The pages are written here, made-up words."""

from __future__ import annotations

import pytest

pytest.importorskip("lxml")

import convert_core
from convert_core.reader.layout_roles import in_title_type, title_evidence
from convert_core.reader.lines import Line, LineLayout

NS = "http://www.loc.gov/standards/alto/ns-v3#"
WORDS = ["Varno", "tesel", "quimar", "ob", "dunek", "salviro", "pem", "ostrani", "galek", "ume", "virdo", "spanel"]


def _line(x: int, y: int, words: list[str], width: int | None = None) -> str:
    parts, cursor = [], x
    for word in words:
        parts.append(f'<String CONTENT="{word}" HPOS="{cursor}" VPOS="{y}" WIDTH="{28 * len(word)}" HEIGHT="36"/>')
        cursor += 28 * len(word) + 18
    return f'<TextLine HPOS="{x}" VPOS="{y}" WIDTH="{width or cursor - x}" HEIGHT="36">{"".join(parts)}</TextLine>'


def page(title_words: list[list[str]], centred: bool = True) -> bytes:
    """One column (x 100..1300) under a headline in large type: items, each a one-line
    title block (centred, or flush left) over a body block of five justified lines."""
    head = _line(300, 100, ["VORDA", "NUPEL"]).replace('HEIGHT="36"', 'HEIGHT="80"')
    blocks, y = [f'<TextBlock ID="h" HPOS="300" VPOS="100" STYLEREFS="head">{head}</TextBlock>'], 230
    for n, words in enumerate(title_words):
        width = sum(28 * len(w) + 18 for w in words) - 18
        x = 100 + (1200 - width) // 2 if centred else 100
        blocks.append(
            f'<TextBlock ID="t{n}" HPOS="{x}" VPOS="{y}" WIDTH="{width}" HEIGHT="36">{_line(x, y, words)}</TextBlock>'
        )
        y += 70
        lines = [_line(100 + (40 if k == 0 else 0), y + 48 * k, WORDS, 1200 - (40 if k == 0 else 0)) for k in range(4)]
        lines.append(_line(100, y + 48 * 4, [*WORDS[:4], "galek."]))
        blocks.append(
            f'<TextBlock ID="b{n}" HPOS="100" VPOS="{y}" WIDTH="1200" HEIGHT="230">{"".join(lines)}</TextBlock>'
        )
        y += 300
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="body" FONTSIZE="9"/><TextStyle ID="head" FONTSIZE="20"/></Styles>
<Layout><Page ID="p1" WIDTH="1400" HEIGHT="{y + 100}"><PrintSpace>{"".join(blocks)}</PrintSpace></Page></Layout></alto>""".encode()


TITLES = [["Galdor", "et", "Vissane"], ["Porem", "ustil", "Quarn"], ["Belveda", "a", "Tromso"]]


def test_centred_lines_in_body_type_open_the_items_of_a_latin_page():
    doc = convert_core.parse(page(TITLES), name="items.xml")
    assert [a.headline for a in doc.articles] == ["VORDA NUPEL", *(" ".join(words) for words in TITLES)]


def test_flush_left_lines_in_body_type_do_not():
    doc = convert_core.parse(page(TITLES, centred=False), name="items.xml")
    assert "Porem ustil Quarn" not in [a.headline for a in doc.articles]


def _layout(size_ratio: float = 1.0, centred: bool = False) -> LineLayout:
    return LineLayout(page=0, x0=0, y0=0, x1=10, y1=10, size=9 * size_ratio, size_ratio=size_ratio, centred=centred)


def test_the_rule_leaves_chinese_subheads_and_longer_lines_to_the_size_rule():
    def line(text: str, centred: bool = True) -> Line:
        unit = Line(no=1, text=text)
        unit.layout = _layout(centred=centred)
        return unit

    assert in_title_type([line("Galdor et Vissane")]) is True
    assert in_title_type([line("Galdor et Vissane", centred=False)]) is False
    assert in_title_type([line("乡村振兴的新路子")]) is False
    assert in_title_type([line("Galdor et Vissane, " * 4)]) is False


def test_specks_in_large_type_are_no_titles():
    def line(text: str) -> Line:
        unit = Line(no=1, text=text)
        unit.layout = _layout(size_ratio=2.0)
        return unit

    assert [title_evidence(line(text)) for text in ("m", "ff", "«s", "18", "»")] == [False] * 5
    assert title_evidence(line("Orn")) is True
    assert title_evidence(line("雪")) is True  # one ideograph can be a title (a poem's)


def test_a_speck_over_the_items_opens_none():
    data = page(TITLES).replace(b"VORDA", b"ff").replace(b"NUPEL", b"%")
    doc = convert_core.parse(data, name="items.xml")
    assert [a.headline for a in doc.articles] == ["", *(" ".join(words) for words in TITLES)]
    assert doc.articles[0].paragraphs[0].text.startswith("ff %")  # kept, as text
