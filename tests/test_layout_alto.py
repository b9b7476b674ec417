"""ALTO XML input: an OCR'd English page (generated here, in the shape Chronicling America
serves: ALTO v3, pixel units, TextStyle sizes, WC confidences) read through the same
layout pass and reader as PDF pages."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("lxml")

import convert_core

NS = "http://www.loc.gov/standards/alto/ns-v3#"


def alto_page(low_word: str = "Senato") -> bytes:
    def string(text: str, x: int, y: int, style: str, wc: float = 0.95) -> str:
        return f'<String CONTENT="{text}" HPOS="{x}" VPOS="{y}" WIDTH="{40 * len(text)}" HEIGHT="40" STYLEREFS="{style}" WC="{wc}"/>'

    def line(words: list[str], x: int, y: int, style: str, low: str | None = None) -> str:
        parts, cursor = [], x
        for word in words:
            parts.append(string(word, cursor, y, style, 0.3 if word == low else 0.95))
            cursor += 40 * len(word) + 20
        return f'<TextLine HPOS="{x}" VPOS="{y}" WIDTH="{cursor - x}" HEIGHT="40">{"".join(parts)}</TextLine>'

    body = ("the bill for the improvement of the harbor was passed by a vote of forty to twenty " * 2).split()
    lines = [body[i : i + 8] for i in range(0, len(body), 8)]
    blocks = [
        f'<TextBlock ID="b1" HPOS="100" VPOS="100" WIDTH="900" HEIGHT="90">{line(["HARBOR", "BILL", "PASSES"], 100, 100, "head")}</TextBlock>',
        '<TextBlock ID="b2" HPOS="100" VPOS="260" WIDTH="900" HEIGHT="600">'
        + "".join(
            line(words, 100 + (60 if n == 0 else 0), 260 + 50 * n, "body", low_word)
            for n, words in enumerate([["WASHINGTON,", "April", "20.-The", low_word], *lines])
        )
        + "</TextBlock>",
    ]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="head" FONTSIZE="24" FONTSTYLE="bold"/><TextStyle ID="body" FONTSIZE="9"/></Styles>
<Layout><Page ID="p1" WIDTH="2500" HEIGHT="3500"><PrintSpace>{"".join(blocks)}</PrintSpace></Page></Layout></alto>""".encode()


def test_alto_page_is_read_with_type_sizes_and_confidence():
    doc = convert_core.parse(alto_page(), name="page.alto.xml")
    assert doc.metadata.language == "en"
    article = doc.articles[0]
    assert article.headline == "HARBOR BILL PASSES"
    text = " ".join(p.text for p in article.paragraphs)
    assert text.startswith("WASHINGTON, April 20.-The Senato the bill") and "forty to twenty" in text
    low = [d for d in doc.diagnostics if d.code == "low-confidence-words"]
    assert low and "'Senato'" in low[0].message  # kept as read, and reported
    assert doc.metadata.source.name == "page.alto.xml"


def test_alto_is_told_by_content_and_from_the_command_line(tmp_path):
    (tmp_path / "page.xml").write_bytes(alto_page())
    result = subprocess.run(
        [sys.executable, "-m", "convert_core", "page.xml", "--to", "json", "-o", "-"], capture_output=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert b'"HARBOR BILL PASSES"' in result.stdout


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY e "x">]><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page/></Layout></alto>',
            "DTD",
        ),
        (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page', "not well-formed"),
        (
            b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="9" HEIGHT="9"/></Layout></alto>',
            "no text",
        ),
    ],
    ids=["dtd", "truncated", "empty"],
)
def test_bad_alto_is_an_input_error(data, words):
    with pytest.raises(convert_core.InputError, match=words):
        convert_core.parse(data, input_format="alto")
