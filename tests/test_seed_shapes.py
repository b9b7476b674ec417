"""The seed read in the shapes other extractions give it (convert_core.testing.shapes)."""

from __future__ import annotations

import pytest

import convert_core
from convert_core.testing.shapes import SHAPES, differences

#: The shapes the reader gives the seed's ten items exactly; benchmarks/seed_shapes.py
#: prints the others (the blank lines left out in some ways, hard-wrapped lines, no blank
#: lines at all) with what they still get wrong.
EXACT = (
    "masthead lines above",
    "masthead on one line",
    "staff line below",
    "full-width marks",
    "CRLF",
    "trailing spaces",
    "ideographic spaces",
    "every gap tripled",
    "some blank lines left out (0)",
    "some blank lines left out (2)",
    "some blank lines left out (3)",
    "some blank lines left out (5)",
    "paragraphs indented",
)


@pytest.mark.parametrize("shape", EXACT)
def test_the_seed_in_another_extractions_shape_gives_its_items(shape, seed_path, seed_expected):
    text = seed_path.read_text(encoding="utf-8")
    assert SHAPES[shape](text) != text
    assert differences(convert_core.parse(SHAPES[shape](text)), seed_expected) == []


def test_differences_name_what_differs(seed_path, seed_expected):
    document = convert_core.parse(seed_path)
    assert differences(document, seed_expected) == []
    document.items[0].headline = "另一个标题"
    document.items[3].caption = []
    del document.items[-1]
    found = differences(document, seed_expected)
    assert found[0] == "9 items, expected 10"
    assert any(line.startswith("item 1: headline '另一个标题'") for line in found)
    assert "item 4: the caption differs" in found
