"""`convert evaluate` and its library: every metric on small hand-computed pages, both gold
formats, the seed end to end, and the command's output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import convert_core
from convert_core import InputError, evaluate, jsonform
from convert_core.cli import main
from convert_core.model import Article, Contributor, Document, Paragraph, Photo, Subhead

# ---------------------------------------------------------------------------- helpers


def article(headline: str, *paragraphs: str, lines: tuple[int, int] | None = None, **fields) -> Article:
    bylines = [Contributor(role, name) for role, name in fields.pop("bylines", [])]
    body = fields.pop("body", None) or [Paragraph(text) for text in paragraphs]
    return Article(headline=headline, bylines=bylines, body=body, lines=lines, **fields)


def photo(*caption: str, credits=(), lines: tuple[int, int] | None = None) -> Photo:
    return Photo(caption=list(caption), credits=[Contributor(r, n) for r, n in credits], lines=lines)


def document(*items) -> Document:
    return Document(items=list(items))


def gold(*items: dict) -> evaluate.Gold:
    return evaluate.gold_from_dict({"items": list(items)})


def gold_article(headline: str, **fields) -> dict:
    return {"type": "article", "headline": headline, **fields}


def scored(doc: Document, *items: dict) -> evaluate.PageScore:
    return evaluate.score(doc, gold(*items))


def tally(page: evaluate.PageScore, name: str) -> tuple[int, int]:
    fields = {**page.article_fields, **page.photo_fields}
    return (fields[name].correct, fields[name].total)


# ---------------------------------------------------------------------------- headlines


def test_a_missed_and_a_spurious_headline():
    page = scored(
        document(article("甲"), article("乙 多余"), article("丙")),
        gold_article("甲"),
        gold_article("丁"),
        gold_article("丙"),
    )
    assert (page.articles.gold, page.articles.predicted, page.articles.matched) == (3, 3, 2)
    assert page.articles.precision == pytest.approx(2 / 3)
    assert page.articles.recall == pytest.approx(2 / 3)
    assert page.articles.f1 == pytest.approx(2 / 3)
    assert [(m.kind, m.text) for m in page.mistakes] == [("spurious", "乙 多余"), ("missed", "丁")]


def test_headlines_compare_after_nfkc_without_whitespace():
    page = scored(document(article("卫东区 全面开展（一）")), gold_article("卫东区全面开展(一)"))
    assert page.articles.matched == 1
    assert evaluate.normalize(" Ａ\u3000b\n") == "Ab" and evaluate.normalize(None) == ""


def test_duplicated_headlines_match_one_to_one_in_page_order():
    doc = document(article("同题", kicker="一"), article("别的"))
    page = scored(doc, gold_article("同题", kicker="一"), gold_article("同题", kicker="二"), gold_article("别的"))
    # P = 2/2, R = 2/3, F1 = 2·1·(2/3) / (1 + 2/3) = 0.8
    assert (page.articles.matched, page.articles.precision, page.articles.f1) == (2, 1.0, pytest.approx(0.8))
    assert tally(page, "kicker") == (1, 1)  # the first predicted one meets the first gold one
    assert [(m.kind, m.text) for m in page.mistakes] == [("missed", "同题")]

    swapped = scored(
        document(article("同题", kicker="二"), article("同题", kicker="一")),
        gold_article("同题", kicker="一"),
        gold_article("同题", kicker="二"),
    )
    assert swapped.articles.matched == 2 and tally(swapped, "kicker") == (0, 2)


def test_empty_pages_and_empty_predictions():
    assert scored(document()).articles.f1 == 1.0  # nothing to find, nothing found
    nothing_found = scored(document(), gold_article("甲"))
    assert (nothing_found.articles.precision, nothing_found.articles.recall, nothing_found.articles.f1) == (1, 0, 0)
    all_spurious = scored(document(article("甲")))
    assert (all_spurious.articles.precision, all_spurious.articles.recall, all_spurious.articles.f1) == (0, 1, 0)


# ---------------------------------------------------------------------------- fields


def test_a_wrong_kicker_is_counted_and_breaks_structure():
    doc = document(article("甲", "段", kicker="引题"), article("乙", "段", kicker="对"))
    page = scored(
        doc,
        gold_article("甲", kicker="别的引题", subheadline=None, paragraphs=["段"]),
        gold_article("乙", kicker="对", subheadline=None, paragraphs=["段"]),
    )
    assert tally(page, "kicker") == (1, 2)
    assert tally(page, "subheadline") == (2, 2)
    assert tally(page, "structure") == (1, 2)
    wrong = [m for m in page.mistakes if m.kind == "wrong"]
    assert [(m.text, m.field, m.predicted, m.gold) for m in wrong] == [("甲", "kicker", "引题", "别的引题")]


def test_a_split_paragraph_breaks_count_texts_and_structure():
    doc = document(article("甲", "第一段。", "第二段前半", "后半。", lines=(3, 9)))
    page = scored(doc, gold_article("甲", kicker=None, subheadline=None, paragraphs=["第一段。", "第二段前半后半。"]))
    assert tally(page, "paragraph_count") == (0, 1)
    assert tally(page, "paragraphs") == (0, 1)
    assert tally(page, "structure") == (0, 1)
    count, texts = page.mistakes
    assert (count.field, count.predicted, count.gold) == ("paragraph_count", 3, 2)
    assert (texts.field, texts.paragraph, texts.predicted, texts.gold) == (
        "paragraphs",
        2,
        "第二段前半",
        "第二段前半后半。",
    )
    assert texts.lines == (3, 9)


def test_paragraphs_differing_only_in_width_and_spacing_are_right():
    page = scored(document(article("甲", "他说， 好（一） ")), gold_article("甲", paragraphs=["他说,好(一)"]))
    assert tally(page, "paragraphs") == (1, 1)
    # NFKC folds full-width forms, not curly quotes: those stay other characters than "
    page = scored(document(article("甲", "他说“好”")), gold_article("甲", paragraphs=['他说"好"']))
    assert tally(page, "paragraphs") == (0, 1)


def test_absent_fields_are_not_scored_and_null_means_known_empty():
    doc = document(article("甲", "段", kicker="有引题"), article("乙", "段", kicker=""), article("丙", "段"))
    page = scored(
        doc,
        gold_article("甲", paragraphs=["段"]),  # kicker absent: unknown
        gold_article("乙", kicker=None),  # "" and null are equal
        gold_article("丙", kicker=None, subheadline=None, dateline=None, bylines=None, paragraphs=None),
    )
    assert tally(page, "kicker") == (2, 2)
    assert tally(page, "dateline") == (1, 1)
    assert tally(page, "bylines") == (1, 1)  # null bylines: known to have none
    assert tally(page, "paragraph_count") == (1, 2)  # 丙 has one paragraph, its gold none
    assert tally(page, "structure") == (0, 1)  # only 丙 states kicker, subheadline and paragraphs
    assert tally(page, "column") == (0, 0)


def test_bylines_compare_as_sets_of_role_and_name():
    doc = document(
        article("甲", bylines=[("correspondent", "和佳佳"), ("reporter", "王 孟鹤")]),
        article("乙", bylines=[("writer", "王孟鹤")]),
    )
    page = scored(
        doc,
        gold_article(
            "甲", bylines=[{"role": "reporter", "name": "王孟鹤"}, {"role": "correspondent", "name": "和佳佳"}]
        ),
        gold_article("乙", bylines=[{"role": "reporter", "name": "王孟鹤"}]),
    )
    assert tally(page, "bylines") == (1, 2)
    assert [(m.predicted, m.gold) for m in page.mistakes] == [("writer 王孟鹤", "reporter 王孟鹤")]


def test_the_column_extension_is_scored_when_the_gold_states_it():
    doc = document(article("甲", column="国际时评"), article("乙"))
    page = scored(doc, gold_article("甲", column="国际时评"), gold_article("乙", column="人民时评"))
    assert tally(page, "column") == (1, 2)


# ---------------------------------------------------------------------------- photos


def test_dice_of_character_bigrams():
    assert evaluate.dice("abcd", "abce") == pytest.approx(2 * 2 / 6)  # ab, bc common of 3 + 3
    assert evaluate.dice("aaa", "aa") == pytest.approx(2 * 1 / 3)  # aa twice against once
    assert evaluate.dice("a", "a") == 1.0 and evaluate.dice("a", "b") == 0.0 and evaluate.dice("", "") == 0.0


def test_photos_match_by_best_caption_overlap_one_to_one():
    doc = document(
        photo("市民在公园赏花。", credits=[("photographer", "李想")]),  # 6 bigrams
        photo("完全无关的一句话", lines=(40, 40)),
        photo("市民在公园赏花拍照。"),
    )
    page = scored(
        doc,
        {"type": "photo", "caption": ["市民在公园赏花拍照。"], "credit": {"role": "photographer", "name": "王强"}},
        {"type": "photo", "caption": ["市民在公园赏花。"], "credit": {"role": "photographer", "name": "李 想"}},
        {"type": "photo", "caption": "农民收割玉米。", "credit": None},
    )
    # exact captions (Dice 1) pair first, even though 市民在公园赏花。 also overlaps the first gold photo
    assert (page.photos.gold, page.photos.predicted, page.photos.matched) == (3, 3, 2)
    assert tally(page, "caption") == (2, 2)
    assert tally(page, "credit") == (1, 2)  # 王强 was not found on the third predicted photo
    kinds = [(m.kind, m.item, m.field) for m in page.mistakes]
    # the spurious one is listed after the gold photo matched just before it on the page
    assert kinds == [("wrong", "photo", "credit"), ("spurious", "photo", None), ("missed", "photo", None)]
    assert page.mistakes[1].lines == (40, 40)


def test_a_photo_below_the_overlap_threshold_is_missed_and_a_near_caption_is_inexact():
    assert scored(document(photo("甲乙丙丁")), {"type": "photo", "caption": ["甲乙戊己"]}).photos.matched == 0  # 2/6
    page = scored(document(photo("甲乙丙丁戊", "己")), {"type": "photo", "caption": ["甲乙丙丁戊己"]})
    assert page.photos.matched == 1 and tally(page, "caption") == (0, 1)  # same text, other paragraphs
    assert tally(page, "credit") == (0, 0)  # the gold states no credit


# ---------------------------------------------------------------------------- lost characters


def test_lost_characters_are_counted_from_the_source_text():
    doc = document(article("甲乙", "丙"))
    page = evaluate.score(doc, gold(), source_text="【甲乙】\n丙，丁丁")
    # ornaments 【】 are not text; the full-width comma is compared as NFKC ","
    assert page.characters_lost == 3 and page.lost == {"丁": 2, ",": 1}
    assert evaluate.score(doc, gold()).characters_lost is None  # not measured without the text


def test_totals_are_micro_averaged_with_the_macro_f1_beside():
    first = scored(document(article("甲", "段")), gold_article("甲", paragraphs=["段"]))
    second = scored(document(article("乙")), gold_article("丙"), gold_article("丁"), gold_article("戊"))
    total = evaluate.aggregate([first, second])
    assert (total.pages, total.articles.gold, total.articles.predicted, total.articles.matched) == (2, 4, 2, 1)
    # P = 1/2, R = 1/4, F1 = 2·(1/8)/(3/4) = 1/3; macro = (1 + 0) / 2
    assert total.articles.f1 == pytest.approx(1 / 3) and total.macro_f1 == 0.5
    assert (total.article_fields["paragraphs"].correct, total.article_fields["paragraphs"].total) == (1, 1)
    assert total.characters_lost is None
    assert evaluate.aggregate([]).to_dict()["articles"]["macro_f1"] is None


# ---------------------------------------------------------------------------- gold files


def test_expected_format_counts_every_text_block_as_a_paragraph():
    doc = document(article("甲", body=[Paragraph("一"), Subhead("小标题"), Paragraph("二")]))
    page = scored(doc, gold_article("甲", paragraphs=["一", "小标题", "二"]))
    assert page.gold_format == "expected" and tally(page, "paragraphs") == (1, 1)


def test_our_json_form_partial_counts_paragraph_blocks_only():
    data = {
        "items": [
            {
                "type": "article",
                "headline": "甲",
                "body": [
                    {"type": "paragraph", "text": "一"},
                    {"type": "subhead", "text": "小标题"},
                    {"type": "paragraph", "text": "二"},
                ],
            },
            {"type": "photo", "caption": ["图"], "credits": [{"role": "photographer", "name": "李想"}]},
        ]
    }
    loaded = evaluate.gold_from_dict(data)
    assert loaded.format == "document"
    assert loaded.articles[0].paragraphs == ("一", "二") and loaded.articles[0].texts == {}
    assert loaded.photos[0].credits == (("photographer", "李想"),)
    doc = document(article("甲", body=[Paragraph("一"), Subhead("小标题"), Paragraph("二")]), photo("图"))
    page = evaluate.score(doc, loaded)
    assert tally(page, "paragraphs") == (1, 1) and tally(page, "credit") == (0, 1)


def test_a_full_document_in_our_json_form_is_gold(seed_path, tmp_path):
    doc = convert_core.parse(seed_path)
    path = tmp_path / "seed.json"
    path.write_text(jsonform.dumps(doc), "utf-8")
    loaded = evaluate.load_gold(path)
    assert loaded.format == "document" and loaded.source == seed_path.name
    page = evaluate.score(doc, loaded)
    assert page.articles.f1 == 1.0 and page.photos.f1 == 1.0
    assert all(t.correct == t.total for t in [*page.article_fields.values(), *page.photo_fields.values()])


def test_the_seed_scores_one_everywhere_against_its_expected_file(seed_path):
    loaded = evaluate.load_gold(seed_path.with_name("000_80fb9983b63b8a66.expected.json"))
    assert (len(loaded.articles), len(loaded.photos), loaded.format) == (7, 3, "expected")
    page = evaluate.score(convert_core.parse(seed_path), loaded, source_text=seed_path.read_text("utf-8"))
    assert page.mistakes == [] and page.characters_lost == 0
    assert (page.articles.f1, page.photos.f1) == (1.0, 1.0)
    for name in ("structure", "kicker", "subheadline", "dateline", "bylines", "paragraph_count", "paragraphs"):
        assert tally(page, name) == (7, 7), name
    assert tally(page, "caption") == tally(page, "credit") == (3, 3)


def test_the_fixture_pages_score_one_against_their_expectations(capsys):
    """The fixtures' expectations (our JSON form's body blocks and credits, with extra keys)
    read as gold: every page scores 1 on every item number as the rules read it (the
    fixture tests say which pages the role models read otherwise)."""
    pages = Path(__file__).parent / "fixtures" / "pages"
    assert main(["evaluate", str(pages), "--gold", str(pages), "--json", "--model", "none"]) == 0
    total = json.loads(capsys.readouterr().out)["total"]
    assert total["pages"] == len(list(pages.glob("*.expected.json"))) >= 50
    assert total["articles"]["f1"] == total["photos"]["f1"] == 1.0
    fields = {**total["article_fields"], **total["photo_fields"]}
    assert all(field["correct"] == field["total"] > 0 for field in fields.values()), fields


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "gold: expected a JSON object, got list"),
        ({"source": "x"}, "items: missing"),
        ({"items": [{"type": "article"}]}, r"items\[0\].headline: missing"),
        (
            {"items": [{"type": "story", "headline": "甲"}]},
            r"items\[0\].type: expected 'article' or 'photo', got 'story'",
        ),
        ({"items": [{"type": "article", "headline": "甲", "kicker": 3}]}, r"items\[0\].kicker: expected a string"),
        ({"items": [{"type": "article", "headline": "甲", "paragraphs": "段"}]}, r"paragraphs: expected a list"),
        ({"items": [{"type": "article", "headline": "甲", "bylines": [{"name": "王"}]}]}, r"bylines\[0\]"),
        ({"items": [{"type": "photo", "credit": "王"}]}, r"items\[0\].credit: expected an object"),
    ],
)
def test_malformed_gold_names_the_file_and_field(tmp_path, data, message):
    path = tmp_path / "page.gold.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError, match=message) as caught:
        evaluate.load_gold(path)
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)


def test_unreadable_gold_files_are_input_errors(tmp_path):
    (tmp_path / "bad.json").write_text("{nope", "utf-8")
    (tmp_path / "latin.json").write_bytes(b'{"items": ["\xff"]}')
    with pytest.raises(InputError, match=r"bad.json: invalid JSON"):
        evaluate.load_gold(tmp_path / "bad.json")
    with pytest.raises(InputError, match=r"latin.json: gold file is not valid UTF-8"):
        evaluate.load_gold(tmp_path / "latin.json")
    with pytest.raises(InputError, match="no such file"):
        evaluate.load_gold(tmp_path / "missing.json")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_a_gold_file_in_any_encoding_json_has_is_read(tmp_path, seed_path, encoding):
    """A gold file saved as UTF-16 or UTF-32 (with or without a byte-order mark) was
    ``gold file is not UTF-8 (byte 0)``: read as our JSON form's input is."""
    gold = seed_path.with_name("000_80fb9983b63b8a66.expected.json")
    path = tmp_path / "page.gold.json"
    path.write_bytes(gold.read_text("utf-8").encode(encoding))
    import dataclasses

    assert dataclasses.replace(evaluate.load_gold(path), path="") == dataclasses.replace(
        evaluate.load_gold(gold), path=""
    )


# ---------------------------------------------------------------------------- the command


@pytest.fixture
def archive(seed_path, seed_expected, tmp_path) -> Path:
    """pages/seed.txt with gold/seed.expected.json (one kicker wrong, one article missing,
    one invented), pages/other.txt without gold."""
    pages, gold_dir = tmp_path / "pages", tmp_path / "gold"
    (pages / "sub").mkdir(parents=True)
    gold_dir.mkdir()
    (pages / "seed.txt").write_bytes(seed_path.read_bytes())
    (pages / "sub" / "other.txt").write_text("某报讯 一段正文。\n", "utf-8")
    expected = json.loads(json.dumps(seed_expected))
    expected["items"][0]["kicker"] = "别的引题"
    expected["items"][2]["headline"] = "一个不存在的标题"
    (gold_dir / "seed.expected.json").write_text(json.dumps(expected, ensure_ascii=False), "utf-8")
    return tmp_path


def test_the_table_shows_each_page_and_the_total(archive, capsys):
    code = main(["evaluate", str(archive / "pages"), "--gold", str(archive / "gold")])
    out, err = capsys.readouterr()
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert rows["TOTAL"] == ["TOTAL", "7/7/6", "0.857", "0.857", "0.857", "0.833", "3/3/3", "1.000", "0"]
    assert str(archive / "pages" / "seed.txt") in rows
    assert "kicker                 5/6  0.833" in out and "structure              5/6  0.833" in out
    assert "1 page(s) scored, 1 skipped, 0 failed" in out
    assert err.count("\n") == 1 and "other.txt: no gold file (other.gold.json" in err and "skipped" in err


def test_json_output_for_machines(archive, capsys):
    assert main(["evaluate", str(archive / "pages"), "--gold", str(archive / "gold"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"pages", "total", "skipped", "failed"}
    (page,) = data["pages"]
    assert set(page) == {
        "page", "gold", "gold_format", "articles", "article_fields", "photos", "photo_fields", "characters_lost"
    }  # fmt: skip
    assert page["articles"] == {
        "gold": 7, "predicted": 7, "matched": 6, "precision": 6 / 7, "recall": 6 / 7, "f1": 6 / 7
    }  # fmt: skip
    assert page["article_fields"]["kicker"] == {"correct": 5, "total": 6, "accuracy": 5 / 6}
    assert data["total"]["articles"]["macro_f1"] == 6 / 7 and data["total"]["pages"] == 1
    assert data["skipped"][0]["page"].endswith("other.txt") and data["failed"] == []


def test_details_list_every_mistake(archive, capsys):
    assert main(["evaluate", str(archive / "pages"), "--gold", str(archive / "gold"), "--details", "--width", "0"]) == 0
    out = capsys.readouterr().out
    assert "  spurious article 卫东区积极开展爱国卫生月活动  (lines 45-53)" in out
    assert "  missed   article 一个不存在的标题" in out
    assert "  article 卫东区持续完善提升社区治理体系和能力  (lines 3-29)" in out
    assert "      kicker: predicted 持续夯实基层基础 有效整合各方资源\n                   gold 别的引题" in out
    assert out.index("spurious") < out.index("missed") < out.index("PAGE ")

    assert main(["evaluate", str(archive / "pages"), "--gold", str(archive / "gold"), "--details", "--json"]) == 0
    mistakes = json.loads(capsys.readouterr().out)["pages"][0]["mistakes"]
    assert mistakes[0] == {
        "kind": "wrong", "item": "article", "text": "卫东区持续完善提升社区治理体系和能力", "field": "kicker",
        "predicted": "持续夯实基层基础 有效整合各方资源", "gold": "别的引题", "paragraph": None, "lines": [3, 29],
    }  # fmt: skip


def test_details_show_a_paragraph_from_where_it_differs(tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text("测试标题\n\n本报讯 第一句话说完了。第二句接着说。\n", "utf-8")
    doc = convert_core.parse(page)
    assert [a.headline for a in doc.articles] == ["测试标题"]
    (tmp_path / "p.gold.json").write_text(
        json.dumps({"items": [gold_article("测试标题", paragraphs=["第一句话说完了。第三句不同。"])]}), "utf-8"
    )
    assert main(["evaluate", str(page), "--gold", str(tmp_path / "p.gold.json"), "--details", "--width", "12"]) == 0
    out = capsys.readouterr().out
    # from width/4 characters before the first difference
    assert "paragraph texts ¶1: predicted …了。第二句接着说。\n" in out
    assert "                ¶1:      gold …了。第三句不同。\n" in out


def test_pairing_prefers_the_gold_beside_the_page_and_the_gold_suffix(seed_path, seed_expected, tmp_path, capsys):
    for where in ("a", "b"):
        (tmp_path / "pages" / where).mkdir(parents=True)
        (tmp_path / "pages" / where / "seed.txt").write_bytes(seed_path.read_bytes())
        (tmp_path / "gold" / where).mkdir(parents=True)
    text = json.dumps(seed_expected, ensure_ascii=False)
    (tmp_path / "gold" / "a" / "seed.gold.json").write_text(text, "utf-8")
    (tmp_path / "gold" / "a" / "seed.json").write_text('{"items": "not gold"}', "utf-8")  # e.g. the reader's output
    (tmp_path / "gold" / "b" / "seed.expected.json").write_text(text, "utf-8")
    assert main(["evaluate", str(tmp_path / "pages"), "--gold", str(tmp_path / "gold"), "--json"]) == 0
    pages = json.loads(capsys.readouterr().out)["pages"]
    assert [Path(p["gold"]).relative_to(tmp_path / "gold").as_posix() for p in pages] == [
        "a/seed.gold.json",
        "b/seed.expected.json",
    ]
    # given alone, pages/b/seed.txt has no subdirectory: gold/b/ and gold/c/ are alike
    page_b = str(tmp_path / "pages" / "b" / "seed.txt")
    assert main(["evaluate", page_b, "--gold", str(tmp_path / "gold"), "--json"]) == 0
    chosen = json.loads(capsys.readouterr().out)["pages"][0]["gold"]
    assert chosen == str(tmp_path / "gold" / "a" / "seed.gold.json")  # the .gold.json suffix ranks first
    (tmp_path / "gold" / "a" / "seed.gold.json").unlink()
    (tmp_path / "gold" / "a" / "seed.json").unlink()
    (tmp_path / "gold" / "c").mkdir()
    (tmp_path / "gold" / "c" / "seed.expected.json").write_text(text, "utf-8")
    assert main(["evaluate", page_b, "--gold", str(tmp_path / "gold")]) == 2
    assert "seed.txt: several gold files: " in capsys.readouterr().err


def test_a_single_gold_file_and_standard_input(seed_path, capsys, monkeypatch):
    expected = str(seed_path.with_name("000_80fb9983b63b8a66.expected.json"))
    assert main(["evaluate", str(seed_path), "--gold", expected, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["articles"]["f1"] == 1.0

    class Stdin:
        buffer = seed_path.open("rb")

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert main(["evaluate", "-", "--gold", expected, "--json"]) == 0
    Stdin.buffer.close()
    assert json.loads(capsys.readouterr().out)["pages"][0]["characters_lost"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gold", "{gold}"], "the following arguments are required: PAGE"),
        (["{page}"], "the following arguments are required: --gold"),
        (["{page}", "--gold", "{missing}"], "no such file or directory"),
        (["{page}", "{pages}", "--gold", "{gold}/seed.expected.json"], "is one file; give one page with it"),
        (["{page}", "--gold", "{empty}"], "no page has a gold file under"),
        (["{page}", "--gold", "{gold}", "--min-f1", "1.5"], "--min-f1 must be between 0 and 1"),
        (["-", "--gold", "{gold}"], "a page on standard input needs --gold FILE"),
    ],
)
def test_usage_errors_exit_2(archive, capsys, args, message):
    (archive / "empty").mkdir()
    paths = {
        "page": str(archive / "pages" / "seed.txt"),
        "pages": str(archive / "pages"),
        "gold": str(archive / "gold"),
        "missing": str(archive / "missing"),
        "empty": str(archive / "empty"),
    }
    assert main(["evaluate", *(arg.format(**paths) for arg in args)]) == 2
    err = capsys.readouterr().err
    assert message in err.splitlines()[-1] and err.count("error:") == 1


def test_an_unreadable_gold_file_is_exit_3_and_the_other_pages_are_scored(archive, capsys):
    (archive / "pages" / "broken.txt").write_bytes((archive / "pages" / "seed.txt").read_bytes())
    (archive / "gold" / "broken.json").write_text('{"items": [{"type": "article"}]}', "utf-8")
    assert main(["evaluate", str(archive / "pages"), "--gold", str(archive / "gold"), "--json"]) == 3
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["total"]["pages"] == 1 and data["failed"][0]["page"].endswith("broken.txt")
    assert f"{archive / 'gold' / 'broken.json'}: not a gold file: items[0].headline: missing" in captured.err


def test_an_unreadable_page_is_exit_3(archive, capsys):
    (archive / "pages" / "seed.txt").write_bytes(b"")
    assert main(["evaluate", str(archive / "pages" / "seed.txt"), "--gold", str(archive / "gold")]) == 3
    assert "input is empty" in capsys.readouterr().err


def test_min_f1_gates_a_ci_job(archive, capsys):
    args = ["evaluate", str(archive / "pages"), "--gold", str(archive / "gold")]
    assert main([*args, "--min-f1", "0.85"]) == 0  # F1 6/7 = 0.857
    assert main([*args, "--min-f1", "0.9"]) == 1
    assert "total headline F1 0.857 is below --min-f1 0.9" in capsys.readouterr().err


def test_reader_options_reach_the_reader(archive, capsys):
    args = ["evaluate", str(archive / "pages"), "--gold", str(archive / "gold"), "--json"]
    assert main([*args, "--punctuation", "keep"]) == 0  # compared after NFKC: the same scores
    assert json.loads(capsys.readouterr().out)["total"]["articles"]["matched"] == 6
    assert main([*args, "--encoding", "no-such-codec"]) == 2  # a usage error, checked before any page
    assert "no-such-codec" in capsys.readouterr().err


def test_help_texts_teach_the_subcommand(capsys):
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    out = capsys.readouterr().out
    for expected in ("--gold DIR", "--min-f1 X", "--details", "STEM.gold.json", "examples:", "exit codes:"):
        assert expected in out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert (
        "convert evaluate [options] PAGE [PAGE ...] --gold DIR" in out and "convert evaluate pages/ --gold gold/" in out
    )


def test_a_plain_conversion_does_not_import_the_evaluator(seed_path):
    code = (
        f"import sys; from convert_core.cli import main; rc = main([{str(seed_path)!r}, '--to', 'json', '-o', '-']);\n"
        "sys.stdout.flush(); print('\\n' + ','.join(sorted(m for m in sys.modules if m.startswith('convert_core.') "
        "and m.split('.')[1] in ('evaluate', 'evaluate_cli', 'gold', 'scorecard', 'lossless')))); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == ""
