"""Two-line title stacks weighed by their words (convert_core/reader/stack_words.py)."""

from __future__ import annotations

import pytest

from convert_core.reader.lines import Line
from convert_core.reader.pair_model import log_odds, log_ratio
from convert_core.reader.stack_words import (
    HEADLINE_SUBHEADLINE,
    KICKER_HEADLINE,
    STACK_MODEL,
    STACK_WEIGHT,
    STACK_WEIGHT_NO_GAPS,
    StackModel,
    gold_stacks,
    known_stack_features,
    shipped_model,
    signs,
    stack_candidates,
    stack_features,
    stack_weight,
    train_stacks,
    weigh_stacks,
)


def _units(*texts: str, gaps: bool = True) -> list[Line]:
    """Lines of a page, a blank line between each two (``gaps``) or none."""
    return [Line(no=no, text=text, blank_before=int(gaps and no > 1)) for no, text in enumerate(texts, 1)]


class _Words:
    """A stand-in stack model giving fixed odds for "kicker over headline"."""

    def __init__(self, odds: float) -> None:
        self.odds = odds
        self.asked: list[tuple[str, str]] = []

    def kicker_odds(self, upper: str, lower: str) -> float:
        self.asked.append((upper, lower))
        return self.odds


def _odds(labels: list[str], sure: float) -> dict[int, tuple[str, str, float]]:
    """The role model's odds for the stack on the first two lines, ``sure`` (log-odds) of
    the reading it gave."""
    return {0: (labels[0], labels[1], sure if labels[0] == "kicker" else -sure)}


def test_odds_are_kept_off_zero_and_one():
    assert log_odds(0.5) == 0
    assert log_odds(0.0) < -9 and log_odds(1.0) > 9
    assert log_ratio(0.0, 0.5) < -600 and log_ratio(0.5, 0.0) > 600 and log_ratio(0.2, 0.2) == 0


def test_candidates_are_runs_of_exactly_two_title_lines_read_as_one_of_the_two_readings():
    labels = ["kicker", "headline", "para", "headline", "subheadline", "byline", "para"]
    assert stack_candidates(labels) == [0, 3]
    # three title lines, a column name over a headline, a lone headline: no two-line stack
    assert stack_candidates(["kicker", "headline", "subheadline", "para"]) == []
    assert stack_candidates(["column", "headline", "para"]) == []
    assert stack_candidates(["para", "headline", "para"]) == []
    assert stack_candidates(["column", "kicker", "headline", "para"]) == []


def test_the_words_turn_a_stack_the_role_model_was_unsure_of():
    labels = ["headline", "subheadline", "para"]
    units = _units("持续夯实基层基础 有效整合各方资源", "卫东区持续完善提升社区治理体系和能力", "本报讯 正文。")
    weigh_stacks(units, labels, _odds(labels, 0.4), _Words(3.0))
    assert labels == ["kicker", "headline", "para"]
    labels = ["kicker", "headline", "para"]
    weigh_stacks(units, labels, _odds(labels, 0.4), _Words(-3.0))
    assert labels == ["headline", "subheadline", "para"]


def test_the_words_never_overrule_a_role_model_that_is_sure():
    labels = ["headline", "subheadline", "para"]
    units = _units("甲乙丙丁", "戊己庚辛", "正文。")
    sure = 4.6  # more than the words' weighted odds of 8 * STACK_WEIGHT
    weigh_stacks(units, labels, _odds(labels, sure), _Words(8.0))
    assert labels == ["headline", "subheadline", "para"]
    assert -sure + STACK_WEIGHT * 8.0 < 0


def test_on_a_page_with_no_blank_line_the_words_count_in_full():
    """No gap or blank title slot tells the role model a stack's roles there."""
    assert stack_weight(_units("甲乙丙丁", "戊己庚辛")) == STACK_WEIGHT
    assert stack_weight(_units("甲乙丙丁", "戊己庚辛", gaps=False)) == STACK_WEIGHT_NO_GAPS == 1.0
    for gaps, turned in ((True, False), (False, True)):
        labels = ["headline", "subheadline", "para"]
        weigh_stacks(_units("甲乙丙丁", "戊己庚辛", "正文。", gaps=gaps), labels, _odds(labels, 1.5), _Words(2.0))
        assert labels == (["kicker", "headline", "para"] if turned else ["headline", "subheadline", "para"])


def test_the_stack_takes_the_reading_with_the_better_sum_of_odds():
    """The role model's odds and the words', counted at STACK_WEIGHT, are summed."""
    for model, words in ((0.8, 1.0), (0.8, 2.0), (0.2, 0.3), (2.2, 5.0)):
        labels = ["headline", "subheadline"]
        weigh_stacks(_units("甲乙丙丁", "戊己庚辛"), labels, _odds(labels, model), _Words(words))
        turned = STACK_WEIGHT * words > model
        assert labels == (["kicker", "headline"] if turned else ["headline", "subheadline"]), (model, words)


def test_a_stack_a_rule_changed_is_left_to_the_rule():
    labels = ["headline", "subheadline", "para"]
    odds = {0: ("kicker", "headline", 0.1)}  # the model's labels, changed since
    words = _Words(5.0)
    weigh_stacks(_units("甲乙丙丁", "戊己庚辛", "正文。"), labels, odds, words)
    assert labels == ["headline", "subheadline", "para"]
    assert words.asked == []


@pytest.mark.parametrize(
    "line",
    [
        "中共中央党校（国家行政学院）校（院）务委员会",
        "某某省社会主义思想研究中心",
        "国家自然科学基金委员会党组书记、主任张三丰",
        "中央党校（国家行政学院）副校长（副院长）李四",
    ],
)
def test_an_institutions_or_office_holders_signature_is_never_made_the_headline(line):
    assert signs(line)
    labels = ["headline", "subheadline", "para"]
    weigh_stacks(_units("深入学习领会某某思想的科学内涵", line, "正文。"), labels, _odds(labels, 0.4), _Words(6.0))
    assert labels == ["headline", "subheadline", "para"]


@pytest.mark.parametrize("line", ["卫东区持续完善提升社区治理体系和能力", "创新构建对口协作机制", "覆盖41个被巡察单位"])
def test_titles_do_not_sign(line):
    assert not signs(line)


def test_features_are_the_lines_characters_pairs_and_shapes_and_never_more_than_two_characters_of_text():
    features = stack_features("持续夯实基层基础　有效整合各方资源", "卫东区持续完善提升社区治理体系和能力")
    assert features == stack_features("持续夯实基层基础 有效整合各方资源", "卫东区持续完善提升社区治理体系和能力")
    assert "au=夯" in features and "bb=卫东" in features and "as2=持续" in features and "asp=True" in features
    assert "adig=False" in features and "bsp=False" in features
    for feature in features:
        _, value = feature.split("=", 1)
        assert len(value) <= 2 or value in ("True", "False") or value.lstrip("-").isdigit(), feature


_STACKS = [
    ("持续夯实基层基础　有效整合各方资源", "卫东区持续完善提升社区治理体系和能力"),
    ("把初心落在行动上 把使命担在肩膀上", "卫东区努力开创党务工作新局面"),
    ("卫东区全面开展巡察整改“清零”行动", "覆盖41个被巡察单位"),
    ("——记某某", "ＡＢＣ 12,3"),
    ("", "标题"),
    ("a", ""),
]


@pytest.mark.parametrize(("upper", "lower"), _STACKS)
def test_the_model_is_handed_the_features_it_knows_in_their_order(upper, lower):
    if not STACK_MODEL.is_file():
        pytest.skip("no stack model shipped in this checkout")
    import pycrfsuite

    from convert_core.modelfile import attribute_names
    from convert_core.reader.stack_words import _Vocabulary

    model = shipped_model()
    assert model is not None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(STACK_MODEL))
    names = frozenset(tagger.info().attributes)
    assert attribute_names(STACK_MODEL.read_bytes()) == names
    known = known_stack_features(upper, lower, _Vocabulary(names))
    assert known == [feature for feature in stack_features(upper, lower) if feature in names]
    # CRFsuite skips the names its model does not hold: the odds are the same
    assert model.kicker_odds(upper, lower) == model.odds([stack_features(upper, lower)], KICKER_HEADLINE)[0]


def test_gold_stacks_are_the_articles_with_exactly_two_title_lines():
    gold = {
        "items": [
            {"type": "article", "kicker": "引题", "headline": "主题", "subheadline": None},
            {"type": "article", "headline": "主题二", "subheadline": "副题"},
            {"type": "article", "kicker": "引", "headline": "主", "subheadline": "副"},
            {"type": "article", "headline": "只有主题"},
            {"type": "photo", "caption": "图"},
            {"headline": ["not", "text"], "kicker": "x"},
        ]
    }
    assert gold_stacks(gold) == [("引题", "主题", KICKER_HEADLINE), ("主题二", "副题", HEADLINE_SUBHEADLINE)]


def test_a_stack_model_learns_the_words_and_training_is_deterministic(tmp_path):
    kickers = ["喜迎丰收", "春风送暖", "凝心聚力", "砥砺奋进", "乘势而上", "守正创新"]
    stacks = []
    for number, kicker in enumerate(kickers):
        stacks.append((kicker, f"某区第{number}个项目开工建设", KICKER_HEADLINE))
        stacks.append((f"某区第{number}个项目开工建设", f"总投资{number + 3}亿元", HEADLINE_SUBHEADLINE))
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    assert train_stacks(stacks * 3, first) == {KICKER_HEADLINE: 18, HEADLINE_SUBHEADLINE: 18}
    train_stacks(stacks * 3, second)
    assert first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.glob("*.part"))
    model = StackModel(first)
    assert model.kicker_odds("喜迎丰收", "某区第9个项目开工建设") > 0
    assert model.kicker_odds("某区第9个项目开工建设", "总投资12亿元") < 0


def test_the_shipped_stack_model_reads_the_seeds_stacks_as_printed_and_holds_no_page_text(state_features):
    if not STACK_MODEL.is_file():
        pytest.skip("no stack model shipped in this checkout")
    model = shipped_model()
    assert model is not None
    # the seed (a city daily nobody here wrote, never in the stack model's corpus part)
    assert model.kicker_odds("把初心落在行动上 把使命担在肩膀上", "卫东区努力开创党务工作新局面") > 0
    assert model.kicker_odds("卫东区全面开展巡察整改“清零”行动", "覆盖41个被巡察单位") < 0
    names = state_features(STACK_MODEL)
    assert names
    for name in names:
        _, value = name.split("=", 1)
        assert len(value) <= 2 or value in ("True", "False") or value.lstrip("-").isdigit(), name
    card = STACK_MODEL.with_name("stacks.card.md").read_text("utf-8")
    assert "held out" in card and "KH" in card


def test_a_page_read_with_the_shipped_models_weighs_its_stacks(monkeypatch):
    """Read as it ships, the page's two-line stack is weighed, with the role model's
    probabilities for both its lines, and the reading given is the weighed one; read with
    the rules alone, nothing is weighed."""
    import convert_core
    from convert_core.reader import stack_words

    if shipped_model() is None:
        pytest.skip("no stack model shipped in this checkout")
    page = "\n\n".join(
        [
            "卫东区全面开展巡察整改“清零”行动",
            "覆盖41个被巡察单位",
            "本报讯 (记者王孟鹤)近日,卫东区全面开展巡察整改“清零”行动,对41个被巡察单位逐项对账销号。",
            "据了解,此次行动将持续到年底。",
        ]
    )
    seen: list[tuple[list[str], dict[int, tuple[str, str, float]]]] = []
    real = stack_words.weigh_stacks

    def spy(units, labels, odds, model):  # type: ignore[no-untyped-def]
        before = list(labels)
        real(units, labels, odds, model)
        seen.append((before, dict(odds)))

    monkeypatch.setattr("convert_core.reader.roles.weigh_stacks", spy)
    article = convert_core.parse(page).articles[0]
    assert len(seen) == 1
    before, odds = seen[0]
    upper, lower, model_odds = odds[0]
    assert (upper, lower) == tuple(before[:2])
    words = shipped_model().kicker_odds("卫东区全面开展巡察整改“清零”行动", "覆盖41个被巡察单位")
    if model_odds + STACK_WEIGHT * words > 0:
        assert (article.kicker, article.headline) == ("卫东区全面开展巡察整改“清零”行动", "覆盖41个被巡察单位")
    else:
        assert (article.headline, article.subheadline) == ("卫东区全面开展巡察整改“清零”行动", "覆盖41个被巡察单位")
    seen.clear()
    convert_core.parse(page, model="none")
    assert seen == []


def test_convert_train_trains_the_papers_stack_model_beside_its_role_model_and_reads_with_it(tmp_path):
    """``convert train`` writes MODEL.stacks when the gold holds enough stacks of each kind;
    ``--model MODEL`` then weighs stacks with it; a later run on too few stacks removes it."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from convert_core.reader.roles import RoleModel, stack_model_for
    from convert_core.reader.stack_words import MIN_STACKS, beside

    pages = Path(__file__).resolve().parent / "fixtures" / "pages"
    model = tmp_path / "ours.crfsuite"

    def train(*inputs: Path) -> subprocess.CompletedProcess:
        command = [
            sys.executable,
            "-m",
            "convert_core",
            "train",
            *map(str, inputs),
            "--gold",
            str(pages),
            "-o",
            str(model),
        ]
        return subprocess.run(command, capture_output=True, text=True)

    result = train(pages)
    assert result.returncode == 0, result.stderr
    card = json.loads(model.with_name("ours.crfsuite.card.json").read_text("utf-8"))
    assert card["stacks"]["file"] == "ours.crfsuite.stacks"
    assert min(card["stacks"][KICKER_HEADLINE], card["stacks"][HEADLINE_SUBHEADLINE]) >= MIN_STACKS
    assert beside(model).is_file() and "stack model:" in result.stdout
    stack_model = stack_model_for(RoleModel(model.resolve()))
    assert stack_model is not None
    assert stack_model.kicker_odds("把初心落在行动上 把使命担在肩膀上", "卫东区努力开创党务工作新局面") > 0

    few = tmp_path / "few"
    few.mkdir()
    for path in sorted(pages.glob("0[1-3]*.txt")):
        (few / path.name).write_bytes(path.read_bytes())
    result = train(few)
    assert result.returncode == 0, result.stderr
    assert not beside(model).exists() and "no stack model" in result.stdout
    card = json.loads(model.with_name("ours.crfsuite.card.json").read_text("utf-8"))
    assert card["stacks"]["file"] is None and "fewer than" in card["stacks"]["reason"]
    assert stack_model_for(RoleModel(model.resolve())) is None


def test_inspect_shows_how_a_stack_was_weighed(seed_path):
    """``inspect --lines`` gives a stack's lines the role model's and the words' odds."""
    from convert_core.reader import explain_lines

    if shipped_model() is None:
        pytest.skip("no stack model shipped in this checkout")
    rows = explain_lines(seed_path.read_bytes())
    weighed = [row for row in rows if row.reasons and row.reasons[0][0].startswith("stack: role model")]
    assert weighed, "the seed's two-line stacks are weighed"
    for row in weighed:
        assert row.role in ("kicker", "headline", "subheadline")
        assert row.reasons[1][0] == "stack: words, kicker over headline"


def test_a_damaged_stack_model_beside_a_role_model_is_one_clean_line(tmp_path):
    """A cut ``MODEL.stacks`` (a copy cut short) is refused before CRFsuite reads it, which
    would crash the process: exit 2, naming the file."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from convert_core.reader.roles import DEFAULT_MODEL

    if not (DEFAULT_MODEL.is_file() and STACK_MODEL.is_file()):
        pytest.skip("no models shipped in this checkout")
    model = tmp_path / "ours.crfsuite"
    shutil.copy(DEFAULT_MODEL, model)
    (tmp_path / "ours.crfsuite.stacks").write_bytes(STACK_MODEL.read_bytes()[:3000])
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_80fb9983b63b8a66.txt"
    result = subprocess.run(
        [sys.executable, "-m", "convert_core", str(seed), "--to", "json", "-o", "-", "--model", str(model)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert "ours.crfsuite.stacks" in result.stderr and "not a usable stack model" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("beside", "other"), [("stacks", "roles"), ("stacks", "joins"), ("joins", "stacks"), ("joins", "roles")]
)
def test_a_word_model_of_other_labels_beside_a_role_model_is_one_clean_line(tmp_path, beside, other):
    """A whole, valid CRFsuite model of other labels where a word model goes (a role model
    or the join model copied to ``MODEL.stacks``): it was ``internal error: RuntimeError:
    Failed to convert into label identifier: KH`` (exit 1), or, a role model as the join
    model (its labels include ``cont`` and ``para``), read silently as one. Now exit 2,
    naming the file and what it decides between — in ``convert``, ``inspect`` and ``evaluate``."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from convert_core.reader.roles import DEFAULT_MODEL, MODELS_DIR

    source = MODELS_DIR / f"{other}.crfsuite"
    if not (DEFAULT_MODEL.is_file() and source.is_file()):
        pytest.skip("no models shipped in this checkout")
    model = tmp_path / "ours.crfsuite"
    shutil.copy(DEFAULT_MODEL, model)
    shutil.copy(source, tmp_path / f"ours.crfsuite.{beside}")
    root = Path(__file__).resolve().parent.parent
    seed = root / "seeds" / "000_80fb9983b63b8a66.txt"
    gold = root / "seeds" / "000_80fb9983b63b8a66.expected.json"
    what = {"stacks": "stack model", "joins": "join model"}[beside]
    for command in (
        [str(seed), "--to", "json", "-o", "-"],
        ["inspect", str(seed)],
        ["evaluate", str(seed), "--gold", str(gold)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "convert_core", *command, "--model", str(model)], capture_output=True, text=True
        )
        assert result.returncode == 2, (command, result.stderr)
        assert f"ours.crfsuite.{beside}' is not a {what}: it decides between" in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_under_a_caption_closed_by_its_credit_the_words_count_in_full():
    """The role model's odds of a stack right under ``…冲刷人行道。张三 摄`` lean on that line:
    there the words count in full (under a story's paragraph, at half weight)."""
    for above, kind, label, turned in (
        ("5月2日，工人在街头冲刷人行道。张三 摄", "caption-credit", "caption", True),
        ("工人每天冲刷人行道。", "text", "para", False),
    ):
        units = _units(above, "全区开展整改清零行动", "覆盖四十个单位", "本报讯 正文。")
        units[0].kind = kind
        labels = [label, "kicker", "headline", "para"]
        odds = {1: ("kicker", "headline", 1.5)}
        weigh_stacks(units, labels, odds, _Words(-2.0))
        assert labels[1:3] == (["headline", "subheadline"] if turned else ["kicker", "headline"])
