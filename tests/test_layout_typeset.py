"""The layout pass on newspaper pages the typesetter sets from the reader's own fixture
pages and the seed (``convert_core.testing.typeset``: several columns, kickers, headline
sizes, boxes, pictures with captions, bold datelines, bylines under titles, subheads):
read back from the PDF, they must give their gold's stories, lose no character, and not
fall below the structure measured when these rules were written (a regression floor; the
figures on the development corpus are in the README). Each page is scored against its gold
as printed (``printed_gold``: a subheadline after the ``——`` some page styles set), as the
corpus's typeset pages are."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

import convert_core
from convert_core import evaluate
from convert_core.gold import gold_from_dict
from convert_core.layout.read import printed_text

ROOT = Path(__file__).resolve().parent.parent
GOLDS = [
    ROOT / "seeds" / "000_80fb9983b63b8a66.expected.json",
    *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.expected.json")),
]


def _seed(key: str) -> int:
    # as benchmarks/corpus/typeset_corpus.py draws a page's layout
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big")


@pytest.fixture(scope="module")
def scores() -> list[evaluate.PageScore]:
    from convert_core.testing.typeset import printed_gold, typeset_bytes

    results = []
    for path in GOLDS:
        stem = path.name.removesuffix(".expected.json")
        paper = "seed" if path.parent.name == "seeds" else "fixtures"
        gold = json.loads(path.read_text("utf-8"))
        data, result = typeset_bytes(gold, seed=_seed(f"{paper}/{stem}"))
        document = convert_core.parse(data, name=f"{stem}.pdf", transform=False)
        printed = gold_from_dict(printed_gold(gold, result), path=str(path))
        results.append(evaluate.score(document, printed, source_text=printed_text(data, "pdf")))
    return results


@pytest.mark.slow
def test_typeset_fixture_pages_give_their_stories_and_lose_nothing(scores):
    total = evaluate.aggregate(scores).to_dict()
    assert total["pages"] == len(GOLDS) >= 50
    assert total["articles"]["f1"] >= 0.99, total["articles"]
    assert total["characters_lost"] == 0
    assert total["article_fields"]["structure"]["accuracy"] >= 0.91  # 0.858 against the gold itself
    assert total["article_fields"]["dateline"]["accuracy"] >= 0.98
    assert total["photos"]["f1"] >= 0.93


@pytest.mark.slow
def test_the_seed_typeset_in_the_corpus_style_reads_whole(scores):
    seed = scores[0].to_dict()
    assert seed["articles"]["f1"] == 1.0 and seed["photos"]["f1"] == 1.0 and seed["characters_lost"] == 0
