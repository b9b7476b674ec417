"""The reference page gives exactly its expected structure (seeds/*.expected.json)."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

import convert_core
from convert_core.model import Paragraph


def norm(text: str | None) -> str:
    """Compare texts as the seed's checker does: NFKC, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@pytest.fixture(scope="module")
def seed_doc(seed_path):
    return convert_core.parse(seed_path)


def test_seed_has_ten_items_in_order(seed_doc, seed_expected):
    assert [item.type for item in seed_doc.items] == [item["type"] for item in seed_expected["items"]]


@pytest.mark.parametrize("index", range(10))
def test_seed_item_matches_expected(seed_doc, seed_expected, index):
    item, gold = seed_doc.items[index], seed_expected["items"][index]
    if gold["type"] == "article":
        for field in ("kicker", "headline", "subheadline", "dateline"):
            assert norm(getattr(item, field)) == norm(gold[field]), field
        assert [(b.role, norm(b.name)) for b in item.bylines] == [(b["role"], norm(b["name"])) for b in gold["bylines"]]
        paragraphs = [norm(block.text) for block in item.body if isinstance(block, Paragraph)]
        assert paragraphs == [norm(text) for text in gold["paragraphs"]]
        assert len(item.body) == len(gold["paragraphs"]), "no blocks besides the expected paragraphs"
    else:
        assert [norm(text) for text in item.caption] == [norm(text) for text in gold["caption"]]
        assert [(c.role, norm(c.name)) for c in item.credits] == [
            (gold["credit"]["role"], norm(gold["credit"]["name"]))
        ]


def test_seed_column_break_joins_are_diagnosed(seed_doc):
    joins = [d for d in seed_doc.diagnostics if d.code == "column-break-join"]
    # each join names the line it pulled up; the seed has ten column-break cuts
    assert sorted(d.line for d in joins) == [11, 17, 25, 69, 75, 97, 103, 109, 123, 135]


def test_seed_lost_character_is_a_warning(seed_doc):
    doubts = [d for d in seed_doc.diagnostics if d.code == "possible-lost-character"]
    assert [(d.line, d.severity) for d in doubts] == [(109, "warning")]
    assert "互联网+" in doubts[0].message


def test_seed_leads_are_marked_without_changing_text(seed_doc):
    article = seed_doc.items[4]
    leads = [block.lead for block in article.paragraphs if block.lead]
    assert leads == ["高规格开启巡察整改“清零”行动。", "高起点扣紧巡察整改链条。", "高定位巩固巡察整改成果。"]
    for block in article.paragraphs:
        if block.lead:
            assert block.text.startswith(block.lead)


def test_seed_punctuation_is_full_width_except_numbers(seed_doc):
    text = "".join(block.text for article in seed_doc.articles for block in article.paragraphs)
    assert "," not in text and "(" not in text
    assert "242.02万元" in text and "7.1、" in text


def test_seed_edition_year_is_inferred(seed_doc):
    meta = seed_doc.metadata
    assert meta.edition_date == "2020-04-28"
    assert meta.date_source == "inferred"
    assert any(d.code == "edition-date-inferred" for d in seed_doc.diagnostics)


def test_seed_through_the_command(seed_path, seed_expected):
    """The JSON contract: `convert PAGE --to json -o -` prints one object with the items."""
    result = subprocess.run(
        [sys.executable, "-m", "convert_core", str(seed_path), "--to", "json", "-o", "-"],
        capture_output=True,
        check=True,
    )
    data = json.loads(result.stdout)
    assert len(data["items"]) == 10
    first = data["items"][0]
    assert set(first) >= {"type", "kicker", "headline", "subheadline", "dateline", "bylines", "body"}
    assert first["bylines"] == [{"role": "reporter", "name": "王孟鹤"}]
    assert data["items"][3]["credits"] == [{"role": "photographer", "name": "高鸿勋"}]
    assert isinstance(data["items"][5]["caption"], list) and len(data["items"][5]["caption"]) == 2
