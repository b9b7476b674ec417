"""The junction table: which characters meet across a line break, as evidence of a column cut."""

from __future__ import annotations

import pytest

from convert_core.errors import UsageError
from convert_core.model import Source
from convert_core.reader import ReaderOptions, junctions, prepare
from convert_core.reader.features import page_features
from convert_core.reader.junctions import BOUNDS, JunctionTable, junction_class

PARAGRAPHS = [
    "各国倡议共建合作平台，倡议得到广泛响应。",
    "这一倡议提出以来，合作平台不断扩大。",
    "完善产业生态",
    "八山一水一分田的贵州，产业发展有了新路。",
    "平台建设持续推进，倡议落地见效。",
]


def test_a_pair_printed_together_reads_as_one_paragraph():
    table = JunctionTable.build(PARAGRAPHS, min_pair_count=2)
    # 倡|议: printed together four times, 倡 never ends a paragraph
    assert table.score("倡", "议") > table.score("态", "八") + 4
    # 态 ends a paragraph and 八 starts one: the break reads as two paragraphs
    assert table.score("态", "八") < table.score("态", "议")
    assert table._pair_count("倡", "议") == 4
    assert table._pair_count("议", "得") == 0  # printed once: under the minimum, left out


def test_the_table_is_the_same_bytes_whatever_the_order_and_reads_back():
    table = JunctionTable.build(PARAGRAPHS)
    data = table.to_bytes()
    assert JunctionTable.build(reversed(PARAGRAPHS)).to_bytes() == data
    again = JunctionTable.from_bytes(data)
    assert again.to_bytes() == data
    for left, right in ("倡议", "态八", "x台", "，倡"):
        assert again.score(left, right) == table.score(left, right)
    # no text is kept: only single characters and counts
    assert "倡议" not in data.decode("latin-1") and "倡议".encode() not in data


def test_full_and_half_width_marks_are_counted_alike():
    table = JunctionTable.build(["合作，共赢", "合作,共赢"], min_pair_count=2)
    assert table._pair_count("作", ",") == 2  # NFKC: ，is ,


@pytest.mark.parametrize(
    "data",
    [b"", b"not a table", junctions._MAGIC + b"garbage", JunctionTable.build(PARAGRAPHS).to_bytes()[:-5]],
)
def test_a_damaged_table_is_a_value_error(data):
    with pytest.raises(ValueError):
        JunctionTable.from_bytes(data)


def test_a_table_whose_pair_arrays_disagree_is_a_value_error():
    """Sizes that still add up to the payload but give the pairs more entries than their
    counts: refused, not read out of step."""
    import json
    import zlib

    data = JunctionTable.build(PARAGRAPHS, min_pair_count=1).to_bytes()
    payload = zlib.decompress(data[len(junctions._MAGIC) :])
    end = payload.index(b"\n")
    header = json.loads(payload[:end])
    header["sizes"]["pairs"] += 1
    header["sizes"]["pair_counts"] -= 1
    forged = json.dumps(header, sort_keys=True).encode("ascii") + payload[end:]
    with pytest.raises(ValueError, match="sizes do not match"):
        JunctionTable.from_bytes(junctions._MAGIC + zlib.compress(forged))


def test_a_damaged_shipped_table_is_a_one_line_usage_error(tmp_path, monkeypatch):
    broken = tmp_path / "junctions.bin"
    broken.write_bytes(b"bulletin-convert junctions 1\nbroken")
    monkeypatch.setattr(junctions.TABLE, "path", broken)
    junctions.TABLE.forget_shipped()
    try:
        with pytest.raises(UsageError, match="damaged junction table") as caught:
            junctions.table()
        assert "\n" not in str(caught.value)
        monkeypatch.setattr(junctions.TABLE, "path", tmp_path / "missing.bin")
        with pytest.raises(UsageError, match="cannot read the reader's junction table"):
            junctions.table()
    finally:
        monkeypatch.undo()
        junctions.TABLE.forget_shipped()


def test_the_shipped_table_knows_a_word_cut_from_a_title_over_a_paragraph():
    """General facts of Chinese news text, which the shipped table must hold."""
    assert junction_class("伊拉克全球文明倡", "议研究中心主席") == f"lm={len(BOUNDS)}"
    assert junction_class("今年以来，出台", "《国务院关于产业链供应链安全的规定》") >= "lm=2"
    assert junction_class("完善产业生态，增强市场竞争力", "八山一水一分田的贵州") == "lm=0"
    assert junction_class("树立法治信仰，担当作为护航基层治理", "习近平总书记强调") == "lm=0"
    assert junction_class("", "议") == "lm=0"


def test_the_training_recipe_can_put_its_own_table_in_use():
    mine = JunctionTable.build(["理习" * 30 + "。"] * 20)  # 习 follows 理 in every paragraph
    junctions.use(mine)
    try:
        assert junctions.table() is mine
        assert junction_class("基层治理", "习近平总书记强调") >= "lm=2"
    finally:
        junctions.use(None)
    assert junctions.table() is not mine
    assert junction_class("基层治理", "习近平总书记强调") == "lm=0"


def _rows(page: str) -> tuple[list[list[str]], list[str]]:
    _, segmenter = prepare(page, Source(), [], ReaderOptions())
    units = segmenter.units
    return page_features(units, 1, [unit.kind for unit in units]), [unit.text for unit in units]


def test_a_break_before_a_paragraphs_worth_of_text_gets_its_junction_class():
    rows, texts = _rows(
        "倡议\n\n"
        "今年4月，伊拉克全球文明倡\n\n"
        "议研究中心主席卡瓦·马哈茂德参加了中伊智库论坛，他表示，中方倡议契合各国期待。\n\n"
        "完善产业生态，增强市场竞争力\n\n"
        "李明\n"
    )
    cut = rows[texts.index("议研究中心主席卡瓦·马哈茂德参加了中伊智库论坛，他表示，中方倡议契合各国期待。")]
    assert f"lm={len(BOUNDS)}" in cut
    assert f"+1:lm={len(BOUNDS)}" in rows[texts.index("今年4月，伊拉克全球文明倡")]
    # a short line after the break (an author's name under a title) is not asked
    assert not any(feature.startswith("lm=") for feature in rows[texts.index("李明")])
