"""How paragraphs open and close, for the join model (convert_core/reader/paragraph_edges.py)."""

from __future__ import annotations

import pytest

from convert_core.reader import paragraph_edges
from convert_core.reader.join_words import join_features
from convert_core.reader.paragraph_edges import EDGES_FILE, FOLDS, EdgeTable, edge_features, fold_of

_PARAGRAPHS = [
    "日前，记者来到村里。",
    "日前，市里召开会议。",
    "日前，区里发布通知。",
    "他说，日前对外公布的方案很好。",
    "据介绍，日前对此已有安排。",
    "会议要求抓好落实。",
    "会议强调抓好落实。",
]


@pytest.fixture()
def table():
    built = EdgeTable.build(_PARAGRAPHS)
    paragraph_edges.use(built)
    yield built
    paragraph_edges.use(None)


def test_the_table_counts_runs_opening_and_closing_paragraphs_and_how_often_they_are_printed():
    table = EdgeTable.build(_PARAGRAPHS)
    # 日前 opens three paragraphs and is printed five times; 会议 opens two of its three
    assert table.opens["日前"] == (3, 5) and table.opens["日前,"] == (3, 3) and table.opens["会议"] == (2, 3)
    assert table.closes["落实。"] == (2, 2) and table.closes["。"] == (7, 7)
    # a run opening a single paragraph is left out (据介 opens one only)
    assert "据介" not in table.opens and "他说" not in table.opens
    # spaces and width do not count: the table's form is NFKC without spaces
    assert EdgeTable.build(["日 前,记者来到村里。", "日前，市里召开会议。"]).opens["日前,"] == (2, 2)


def test_the_table_is_written_and_read_back_alike_and_a_damaged_one_is_refused():
    table = EdgeTable.build(_PARAGRAPHS)
    data = table.to_bytes()
    assert data == EdgeTable.build(list(_PARAGRAPHS)).to_bytes()  # deterministic
    again = EdgeTable.from_bytes(data)
    assert again.opens == table.opens and again.closes == table.closes
    for damaged in (b"not a table", data[:-5]):
        with pytest.raises(ValueError):
            EdgeTable.from_bytes(damaged)


def test_features_read_how_often_the_runs_at_a_break_open_and_close_paragraphs():
    paragraph_edges.use(
        EdgeTable(
            {"日": (60, 400), "日前": (40, 50), "日前,": (30, 30), "日前对": (2, 64)},
            {"。": (900, 1000), "京": (2, 300), "普京": (2, 40), "统普京": (3, 3)},
        )
    )
    try:
        opening = edge_features("会议强调抓好落实。", "日前,记者来到")
        inside = edge_features("俄罗斯总统普京", "日前对中国进行")
    finally:
        paragraph_edges.use(None)
    assert "st2=5" in opening and "st2=5" in inside  # 日前 opens 40 paragraphs (log2 bins)
    assert "str3=0" in opening  # 日前, opens a paragraph wherever it is printed
    assert "str3=-4" in inside  # 日前对 opens one in 26 of its printings (bins: powers of two)
    assert "enr1=0" in opening and "enr1=-6" in inside and "enr2=-4" in inside
    assert "enr3=few" in inside  # printed too seldom to tell
    assert "en2=0" in opening  # 实。 is in no closing run of the table
    assert edge_features("普", "日前对") == [] and edge_features("会议强调", "日") == []


def test_a_run_the_table_left_out_is_weighed_by_how_often_it_is_printed_where_that_is_known():
    paragraph_edges.use(EdgeTable({}, {}))
    try:
        features = edge_features("会议强调抓好落实", "日前对中国进行")
    finally:
        paragraph_edges.use(None)
    # one and two characters: printed often (the junction table), opening none
    shares = dict(feature.split("=") for feature in features)
    assert int(shares["str1"]) <= -6 and int(shares["str2"]) <= -6
    assert "str3=none" in features and "enr3=none" in features  # three: not known


def test_the_join_model_reads_the_edge_features(table):
    features = join_features("会议强调抓好落实", "日前，记者来到村里。")
    assert {"st2=2", "str3=few"} <= set(features)


def test_every_training_page_has_a_stable_share():
    assert {fold_of(f"page_{number}") for number in range(200)} == set(range(FOLDS))
    assert fold_of("rmrb_20260427_01") == fold_of("rmrb_20260427_01")


def test_the_shipped_table_holds_counts_of_short_runs_only():
    if not EDGES_FILE.is_file():
        pytest.skip("no edge table shipped in this checkout")
    shipped = EdgeTable.from_bytes(EDGES_FILE.read_bytes())
    assert shipped.opens and shipped.closes
    assert max(map(len, [*shipped.opens, *shipped.closes])) <= paragraph_edges.MAX_N
    assert all(1 <= edge <= total for edge, total in [*shipped.opens.values(), *shipped.closes.values()])
