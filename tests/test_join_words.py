"""Column breaks weighed by their words (convert_core/reader/join_words.py)."""

from __future__ import annotations

import pytest

from convert_core.reader.join_words import (
    GOES_ON,
    JOIN_MODEL,
    JOIN_WEIGHT,
    PRINTED_ACROSS_ODDS,
    STARTS,
    UNSURE,
    JoinModel,
    join_candidates,
    join_features,
    printed_across,
    shipped_model,
    shows_column_breaks,
    train_joins,
    weigh_joins,
)
from convert_core.reader.lines import Line


def _units(*texts: str) -> list[Line]:
    return [Line(no=no, text=text) for no, text in enumerate(texts, 1)]


class _Words:
    """A stand-in join model giving fixed odds that the paragraph goes on."""

    def __init__(self, odds: float) -> None:
        self.odds = odds
        self.asked: list[tuple[str, str]] = []

    def goes_on_odds(self, breaks: list[tuple[str, str]]) -> list[float]:
        self.asked += breaks
        return [self.odds for _ in breaks]


_PAGE = _units("卫东区召开会议", "会议强调，要精心谋划起", "步，确保上下联动一盘棋。", "该区将持续推进。")


def test_candidates_are_body_lines_after_body_lines():
    assert join_candidates(_PAGE, ["headline", "para", "cont", "para"]) == [2, 3]
    assert join_candidates(_PAGE, ["headline", "para", "subhead", "para"]) == []
    assert join_candidates(_PAGE, ["para", "caption", "para", "cont"]) == [3]


def test_the_words_turn_a_break_the_role_model_was_unsure_of():
    labels = ["headline", "para", "para", "para"]
    weigh_joins(_PAGE, labels, {2: ("para", -0.5)}, _Words(3.0))
    assert labels == ["headline", "para", "cont", "para"]
    labels = ["headline", "para", "cont", "para"]
    weigh_joins(_PAGE, labels, {2: ("cont", 0.5)}, _Words(-3.0))
    assert labels == ["headline", "para", "para", "para"]


def test_the_break_takes_the_reading_with_the_better_sum_of_odds():
    for model, words in ((-0.8, 1.0), (-0.8, 2.0), (0.4, -0.5), (-2.2, 5.0), (1.0, -1.9), (1.0, -2.1)):
        label = GOES_ON if model > 0 else STARTS
        labels = ["headline", "para", label, "para"]
        weigh_joins(_PAGE, labels, {2: (label, model)}, _Words(words))
        assert labels[2] == (GOES_ON if model + JOIN_WEIGHT * words > 0 else STARTS), (model, words)


def test_words_cut_by_a_break_and_printed_whole_elsewhere_on_the_page_are_found():
    page = "\n".join(("青石山镇的果园迎来丰收。", "走进青石山", "镇，果农正忙着采摘。", "他来到白沙", "村的果园。"))
    assert printed_across(page, "走进青石山", "镇，果农正忙着采摘。")  # 青石山镇 is printed above
    assert not printed_across(page, "他来到白沙", "村的果园。")  # 白沙村 nowhere else
    assert not printed_across(page, "走进青石", "")
    assert not printed_across("青石，镇\n走进青石，\n镇", "走进青石，", "镇")  # a mark at the break
    # a subhead whose words the paragraph under it takes up is no cut, whatever the page prints
    echoed = "\n".join(("推动果园转型升级", "果园转型是增收之路。", "推动果园转型升级果园"))
    assert not printed_across(echoed, "推动果园转型升级", "果园转型是增收之路。")


def test_a_break_whose_words_are_printed_whole_elsewhere_leans_to_going_on():
    page = _units("卫东区召开会议", "会上，小街基镇的代表发言。", "代表来自小街基", "镇，介绍了经验。")
    for model, words in ((-1.5, 0.0), (-2.5, 0.0), (0.5, -1.0)):
        labels = ["headline", "para", "para", GOES_ON if model > 0 else STARTS]
        weigh_joins(page, labels, {3: (labels[3], model)}, _Words(words))
        expected = GOES_ON if model + JOIN_WEIGHT * words + PRINTED_ACROSS_ODDS > 0 else STARTS
        assert labels[3] == expected, (model, words)
    labels = ["headline", "para", "para", STARTS]  # without the words printed whole: as before
    weigh_joins(
        _units("卫东区召开会议", "会上，代表发言。", "代表来自小街基", "镇，介绍了经验。"),
        labels,
        {3: (STARTS, -1.5)},
        _Words(0.0),
    )
    assert labels[3] == STARTS


def test_a_sure_role_model_or_a_rule_is_never_overruled_and_the_words_are_not_asked():
    words = _Words(9.0)
    labels = ["headline", "para", "para", "para"]
    weigh_joins(_PAGE, labels, {2: ("para", -UNSURE - 0.1)}, words)
    weigh_joins(_PAGE, labels, {3: ("cont", 0.2)}, words)  # a rule made it a paragraph's start since
    assert labels == ["headline", "para", "para", "para"] and words.asked == []
    labels = ["headline", "subhead", "para", "para"]  # the line before is no longer body text
    weigh_joins(_PAGE, labels, {2: ("para", -0.1)}, words)
    assert labels[2] == "para" and words.asked == []


def test_features_read_the_breaks_edges_and_the_lines_lengths_only():
    before, after = (
        "研究制定推进落实方案、网格员招聘方案、工作任务及工作标准等，会议强调，要精心谋划起",
        "步，确保上下联动一盘棋。",
    )
    features = join_features(before, after)
    assert "x11=起步" in features and "ae2=划起" in features and "bs1=步" in features
    assert "bclause=1" in features and "acomma=True" in features and "abare=False" in features
    assert join_features("　" + before + " ", after) == features
    # text far from the break changes nothing but the lengths and the marks the line holds
    far = join_features("这是很远的一句话，" * 8 + before, after + "后面还有很远的一句话。" * 8)
    changed = {name.split("=")[0] for name in set(far) ^ set(features)}
    # (and the end of the line after, read only while that line is short)
    assert changed <= {"al", "bl", "aint", "be2"}, changed


def test_a_short_lines_words_taken_up_by_the_next_line_and_its_marks_are_features():
    features = join_features("多措并举建设现代化产业体系", "建设现代化产业体系是一项系统工程。")
    assert "abare=True" in features and "echo=4" in features and "ashape=none" in features
    features = join_features("育好一粒种子，守牢品质源头", "种子是农业的“芯片”。")
    assert "abare=False" in features and "echo=1" in features and "ashape=comma" in features
    assert "ashape=comma-end" in join_features("会议强调，要抓好落实。", "该区将持续推进。")
    # how a short line opens (a clause that cannot stand alone goes on), and how a short
    # line after the break ends (a quote's speaker closing it)
    features = join_features("随着南北山绿化工程", "一期探索、二期推进，当地干部群众接续奋斗。")
    assert "as1=随" in features and "as2=随着" in features
    assert "be2=说。" in join_features("还收获了宝贵的果实。”", "刘雪芹说。")
    # a long line (a paragraph's first piece) is no subhead: neither is asked
    long = join_features("研究制定推进落实方案、网格员招聘方案、工作任务及工作标准等，精心谋划起", "步，确保。")
    assert not any(name.startswith(("echo=", "ashape=", "as1=", "as2=")) for name in long)
    assert not any(
        name.startswith("be2=") for name in join_features("要精心谋划起", "步，" + "确保上下联动一盘棋，" * 4)
    )


def test_pages_show_column_breaks_when_long_lines_end_where_no_paragraph_can(seed_path):
    from convert_core.model import Source
    from convert_core.reader import ReaderOptions, prepare

    _, seg = prepare(seed_path.read_text("utf-8"), Source(name="seed"), [], ReaderOptions())
    assert shows_column_breaks(seg.units)
    whole = [f"第{number}段正文写完了一整段话，句子完整，以句号结束，没有被栏断开。" for number in range(20)]
    assert not shows_column_breaks(_units(*whole))
    assert not shows_column_breaks(_units("短标题", "短行"))


def test_a_join_model_learns_the_breaks_and_training_is_deterministic(tmp_path):
    breaks = []
    for number in range(12):
        breaks.append((f"第{number}次会议强调，要精心谋", "划起步，确保上下联动。", GOES_ON))
        breaks.append((f"第{number}次会议取得圆满成功。", "会议要求各单位抓好落实。", STARTS))
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    assert train_joins(breaks, first) == {GOES_ON: 12, STARTS: 12}
    train_joins(breaks, second)
    assert first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.glob("*.part"))
    model = JoinModel(first)
    odds = model.goes_on_odds(
        [("大会强调，要精心谋", "划起步，确保。"), ("大会取得圆满成功。", "会议要求各单位抓好落实。")]
    )
    assert odds[0] > 0 > odds[1]
    assert model.goes_on_odds([]) == []


def test_the_shipped_join_model_reads_the_seeds_cut_as_a_cut_and_holds_no_page_text(state_features):
    if not JOIN_MODEL.is_file():
        pytest.skip("no join model shipped in this checkout")
    model = shipped_model()
    assert model is not None
    # the seed (a city daily nobody here wrote, never in the corpus)
    cut, whole = model.goes_on_odds(
        [
            (
                "研究制定推进落实方案、网格员招聘方案、13项近期工作任务及工作标准等,精心谋划起",
                "步,确保上下联动一盘棋。",
            ),
            ("并严格执行有害垃圾消杀规定。", "该区将城市大清洗行动常态化开展,对17条主次干道每周冲刷三次。"),
        ]
    )
    assert cut > 0 > whole
    names = state_features(JOIN_MODEL)
    assert names
    for name in names:
        _, value = name.split("=", 1)
        assert (
            len(value) <= 3
            or value in ("True", "False", "none", "comma", "comma-end", "none-end")
            or value.lstrip("-").isdigit()
        ), name
    card = JOIN_MODEL.with_name("joins.card.md").read_text("utf-8")
    assert "held out" in card and "`cont`" in card


def test_a_page_read_with_the_shipped_models_weighs_its_breaks_and_the_rules_alone_do_not(seed_path, monkeypatch):
    import convert_core
    from convert_core.reader import join_words

    if shipped_model() is None:
        pytest.skip("no join model shipped in this checkout")
    seen: list[dict[int, tuple[str, float]]] = []
    real = join_words.weigh_joins

    def spy(units, labels, odds, model):  # type: ignore[no-untyped-def]
        seen.append(dict(odds))
        real(units, labels, odds, model)

    monkeypatch.setattr("convert_core.reader.roles.weigh_joins", spy)
    document = convert_core.parse(seed_path)
    assert len(seen) == 1 and seen[0], "the seed's unsure breaks are weighed"
    assert all(label in (GOES_ON, STARTS) and abs(odds) < 50 for label, odds in seen[0].values())
    assert any("精心谋划起步，确保" in block.text for block in document.articles[0].body)
    seen.clear()
    convert_core.parse(seed_path, model="none")
    assert seen == []


def test_inspect_shows_how_a_break_was_weighed(seed_path):
    from convert_core.reader import explain_lines

    if shipped_model() is None:
        pytest.skip("no join model shipped in this checkout")
    rows = explain_lines(seed_path.read_bytes())
    weighed = [row for row in rows if row.reasons and row.reasons[0][0] == "join: role model, paragraph goes on"]
    assert weighed
    for row in weighed:
        assert row.role in (GOES_ON, STARTS)
        assert row.reasons[1][0] == "join: words, paragraph goes on"


def test_convert_train_trains_the_papers_join_model_beside_its_role_model_and_reads_with_it(tmp_path, seed_path):
    """``convert train`` writes MODEL.joins when its pages hold enough breaks of each kind
    (the fixture pages in the seed's shape do); ``--model MODEL`` then weighs a page's
    breaks with it; a later run on pages without column cuts removes it."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from convert_core.model import Source
    from convert_core.reader import ReaderOptions, prepare
    from convert_core.reader.join_words import MIN_JOINS, beside
    from convert_core.reader.roles import RoleModel, join_model_for

    pages = Path(__file__).resolve().parent / "fixtures" / "pages"
    model = tmp_path / "ours.crfsuite"

    def train(*inputs: Path) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "convert_core", "train", *map(str, inputs), "--gold", str(pages)]
        return subprocess.run([*command, "-o", str(model)], capture_output=True, text=True)

    _, seg = prepare(seed_path.read_text("utf-8"), Source(name="seed"), [], ReaderOptions())
    result = train(pages)
    assert result.returncode == 0, result.stderr
    card = json.loads(model.with_name("ours.crfsuite.card.json").read_text("utf-8"))
    assert card["joins"]["file"] == "ours.crfsuite.joins"
    assert min(card["joins"][GOES_ON], card["joins"][STARTS]) >= MIN_JOINS
    assert beside(model).is_file() and "join model:" in result.stdout
    join_model = join_model_for(RoleModel(model.resolve()), seg.units)
    assert isinstance(join_model, JoinModel) and join_model.path == beside(model.resolve())

    few = tmp_path / "few"
    few.mkdir()
    for path in sorted(pages.glob("0[1-3]*.txt")):  # e-paper and spaced pages: few column cuts
        (few / path.name).write_bytes(path.read_bytes())
    result = train(few)
    assert result.returncode == 0, result.stderr
    card = json.loads(model.with_name("ours.crfsuite.card.json").read_text("utf-8"))
    assert card["joins"]["file"] is None and "fewer than" in card["joins"]["reason"]
    assert not beside(model).exists() and "no join model" in result.stdout
    assert join_model_for(RoleModel(model.resolve()), seg.units) is None
