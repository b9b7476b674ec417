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
    "no blank lines",
    "picture gaps closed",
    "hard-wrapped at 22",
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


@pytest.mark.parametrize("shape", ["no blank lines", "hard-wrapped at 22", "hard-wrapped, no blank lines"])
def test_the_seeds_title_stacks_are_weighed_by_their_words(shape, seed_path, seed_expected):
    """Where no gap or blank title slot tells the role model a stack's roles, the stack
    model's words weigh them. With no blank line at all they count in full (at half weight
    two of the seed's five stacks were read the wrong way round: a kicker as the headline,
    a headline as a kicker). Hard-wrapped, the seed is read by the PDF model, whose odds
    alone read two of its stacks the wrong way round (``…巡察整改“清零”行动`` /
    ``覆盖41个被巡察单位`` a kicker over a headline, ``持续夯实基层基础 有效整合各方资源`` a
    headline): the stack model's words weigh them as on other pages."""
    document = convert_core.parse(SHAPES[shape](seed_path.read_text(encoding="utf-8")))
    stacks = [(a.kicker, a.headline, a.subheadline) for a in document.articles]
    expected = [
        (item.get("kicker"), item.get("headline"), item.get("subheadline"))
        for item in seed_expected["items"]
        if item.get("type", "article") == "article"
    ]
    assert stacks == expected
