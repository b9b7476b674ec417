"""The model recipe's ``--cards-only``: the shipped models measured again on a corpus and
their cards' score tables rewritten, with no model trained (a tiny made-up corpus here)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from convert_core.reader import join_words, junctions, pair_model, paragraph_edges, stack_words
from convert_core.reader import roles as role_models

RECIPE = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"
_spec = importlib.util.spec_from_file_location("train_model", RECIPE / "train_model.py")
assert _spec and _spec.loader
train_model = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train_model)

#: 1970-01-03, the day a card's scores are dated with.
SCORED = str(2 * 86400)
TREE = "新区开展植树活动"


def _page(paper: str, day: int) -> tuple[str, dict]:
    """A made-up page of ``paper`` (its text, and its gold) on day ``day`` of January."""
    text = (
        f"{paper}  2026年01月{day:02d}日  第01版:要闻\n\n春季绿化行动\n\n{TREE}\n\n本报记者  张三\n\n"
        f"新区昨日开展植树活动,三百名志愿者参加。\n\n活动持续到傍晚,共种下树苗一千棵。\n"
    )
    gold = {
        "source": f"{paper}.txt",
        "date": f"2026-01-{day:02d}",
        "page": "1",
        "language": "zh-Hans",
        "items": [
            {
                "type": "article",
                "kicker": "春季绿化行动",
                "headline": TREE,
                "subheadline": None,
                "dateline": None,
                "bylines": [{"role": "reporter", "name": "张三"}],
                "paragraphs": ["新区昨日开展植树活动，三百名志愿者参加。", "活动持续到傍晚，共种下树苗一千棵。"],
            }
        ],
    }
    return text, gold


def _corpus(root: Path) -> Path:
    """Five dates of a trained paper (the last one its test page) and one of a held-out one."""
    pages = []
    for paper, days in (("aa", range(1, 6)), ("bb", range(1, 2))):
        for day in days:
            page = f"{paper}_{day:02d}"
            text, gold = _page(paper, day)
            for folder, name, data in (("extracted", ".txt", text), ("gold", ".json", json.dumps(gold))):
                (root / folder / paper).mkdir(parents=True, exist_ok=True)
                (root / folder / paper / f"{page}{name}").write_text(data, "utf-8")
            pages.append({"id": page, "paper": paper, "date": gold["date"]})
    papers = {"aa": {"name": "甲报"}, "bb": {"name": "乙报", "held_out": True}}
    (root / "MANIFEST.json").write_text(json.dumps({"papers": papers, "pages": pages}), "utf-8")
    return root


@pytest.fixture
def shipped_copy(tmp_path, monkeypatch):
    """A copy of the shipped models' folder; the recipe's pointers to models and tables put back after."""
    if not role_models.DEFAULT_MODEL.is_file():
        pytest.skip("no model shipped in this checkout")
    out = tmp_path / "models"
    shutil.copytree(role_models.MODELS_DIR, out)
    for module, name in (
        (role_models, "DEFAULT_MODEL"),
        (role_models, "PDF_MODEL"),
        (stack_words, "STACK_MODEL"),
        (join_words, "JOIN_MODEL"),
    ):
        monkeypatch.setattr(module, name, getattr(module, name))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SCORED)
    yield out
    junctions.use(None)
    paragraph_edges.use(None)
    role_models._load.cache_clear()
    pair_model.shipped.cache_clear()


def test_cards_only_rewrites_the_score_tables_and_trains_nothing(tmp_path, shipped_copy):
    corpus = _corpus(tmp_path / "corpus")
    models = {
        path.name: path.read_bytes() for path in shipped_copy.iterdir() if not path.name.endswith((".md", ".json"))
    }
    before = (shipped_copy / "roles.card.md").read_text("utf-8")
    trained = before.split("\n")[2].split()[1]  # "Trained YYYY-MM-DD by …"

    assert train_model.main(["--corpus", str(corpus), "--out", str(shipped_copy), "--cards-only"]) == 0

    assert {name: (shipped_copy / name).read_bytes() for name in models} == models
    card = (shipped_copy / "roles.card.md").read_text("utf-8")
    assert card.split("\n")[2].startswith(
        f"Trained {trained} by `benchmarks/corpus/train_model.py`, scores measured 1970-01-03;"
    )
    assert "| 甲报 | extracted | 1 | 1.000 |" in card and "| 乙报 (held out) | extracted | 1 | 1.000 |" in card
    assert "人民日报 | extracted" not in card  # the old rows are gone
    # what the card says outside its score table and first line is kept
    assert card.split("**Scores**")[0].split("\n")[3:] == before.split("**Scores**")[0].split("\n")[3:]
    assert card.split("**Limits.**")[1] == before.split("**Limits.**")[1]
    for name, row in (("stacks.card.md", "| 甲报 | 1/1 | 0/0 | 1.000 |"), ("joins.card.md", "| 乙报 (held out) |")):
        word_card = (shipped_copy / name).read_text("utf-8")
        assert "scores measured 1970-01-03" in word_card and row in word_card
    scores = json.loads((shipped_copy / "roles.scores.json").read_text("utf-8"))
    assert (scores["trained"], scores["scored"]) == (trained, "1970-01-03")
    assert [(row["paper"], row["model"]["pages"]) for row in scores["rows"]] == [("aa", 1), ("bb", 1)]


def test_a_file_that_is_no_model_card_is_not_rescored():
    with pytest.raises(ValueError, match="not a model card"):
        train_model.rescored("# notes\n\nno table here\n", train_model.card_day(), [], "roles.py")
