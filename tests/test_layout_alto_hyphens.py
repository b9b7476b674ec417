"""ALTO words cut at a line end: ``HYP`` marks them; the page's own characters are all kept.

The pages are written here, with made-up words."""

from __future__ import annotations

import pytest

pytest.importorskip("lxml")

import convert_core
from convert_core.evaluate import read_page, score
from convert_core.gold import gold_from_dict
from convert_core.lossless import lost_characters

NS = "http://www.loc.gov/standards/alto/ns-v3#"


def _line(y: int, words: list[str], hyp: bool = False, full: bool = True) -> str:
    """A printed line; a ``full`` one (justified) ends at the column's right edge."""
    parts, x = [], 100
    for word in words:
        parts.append(f'<String CONTENT="{word}" HPOS="{x}" VPOS="{y}" WIDTH="{30 * len(word)}" HEIGHT="40"/>')
        x += 30 * len(word) + 20
    end = f'<HYP CONTENT="-" HPOS="{x}" VPOS="{y}" WIDTH="20"/>' if hyp else ""
    width = 1200 if full else x - 100
    return f'<TextLine HPOS="100" VPOS="{y}" WIDTH="{width}" HEIGHT="40">{"".join(parts)}{end}</TextLine>'


def page(lines: list[tuple[list[str], bool]]) -> bytes:
    """A title block over one body block of ``lines`` (words, whether a HYP ends the line)."""
    last = len(lines) - 1
    body = "".join(_line(300 + 50 * n, words, hyp, n < last) for n, (words, hyp) in enumerate(lines))
    title = _line(100, ["GRALVIN", "TORESK"], full=False)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="head" FONTSIZE="24" FONTSTYLE="bold"/><TextStyle ID="body" FONTSIZE="9"/></Styles>
<Layout><Page ID="p1" WIDTH="2500" HEIGHT="3500"><PrintSpace>
<TextBlock ID="t" HPOS="100" VPOS="100" WIDTH="900" HEIGHT="60" STYLEREFS="head">{title}</TextBlock>
<TextBlock ID="b" HPOS="100" VPOS="300" WIDTH="1200" HEIGHT="400" STYLEREFS="body">{body}</TextBlock>
</PrintSpace></Page></Layout></alto>""".encode()


FULL = ["norvel", "quenta", "dassik", "lomb", "veritan", "osk", "palu"]


def _text(data: bytes) -> str:
    return " ".join(p.text for p in convert_core.parse(data, name="p.xml").articles[0].paragraphs)


def test_a_word_hyp_cuts_is_made_whole_without_the_hyphen_hyp_added():
    data = page([([*FULL[:-1], "garsé"], True), (["zavél", *FULL], False), (FULL[:3], False)])
    text = _text(data)
    assert "garsézavél" in text and "garsé-" not in text  # not an ASCII word: made whole all the same


def test_a_word_printing_its_own_hyphen_keeps_it_and_gets_no_second():
    data = page([([*FULL[:-1], "Grenzwal-"], True), (["tungen", *FULL], False), (FULL[:3], False)])
    text = _text(data)
    assert "Grenzwal-tungen" in text and "--" not in text


def test_a_printed_hyphen_without_hyp_is_kept_too():
    data = page([([*FULL[:-1], "natoli-"], False), (["sation", *FULL], False), (FULL[:3], False)])
    doc, printed = read_page(data, name="p.xml")
    assert "natoli-sation" in " ".join(p.text for p in doc.articles[0].paragraphs)
    assert not lost_characters(printed or "", doc)


def test_a_line_opening_with_a_combining_accent_keeps_it_apart():
    data = page([([*FULL[:-1], "den"], False), (["\u0303jei", *FULL], False), (FULL[:3], False)])
    doc, printed = read_page(data, name="p.xml")
    assert not lost_characters(printed or "", doc)


def test_cut_words_score_against_gold_that_reads_them_whole():
    data = page([([*FULL[:-1], "garsé"], True), (["zavél", *FULL], False), (FULL[:3], False)])
    doc, printed = read_page(data, name="p.xml")
    words = [*FULL[:-1], "garsézavél", *FULL, *FULL[:3]]
    gold = gold_from_dict(
        {"items": [{"type": "article", "headline": "GRALVIN TORESK", "paragraphs": [" ".join(words)]}]}
    )
    result = score(doc, gold, source_text=printed)
    assert result.article_fields["paragraphs"].correct == 1
