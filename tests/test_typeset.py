"""The newspaper-PDF typesetter (convert_core.testing.typeset) and the extraction helpers:
pages typeset by the tests themselves, read back with pdftotext and pdfminer.six."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pdfminer")

from convert_core.model import Article, Contributor, Document, Metadata, Paragraph, Photo
from convert_core.testing.extract import TOOLS, ExtractionError, extract_text
from convert_core.testing.layout import LayoutStyle
from convert_core.testing.pagespec import page_spec
from convert_core.testing.typeset import printed_gold, typeset_bytes, typeset_page

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "seeds" / "000_80fb9983b63b8a66.expected.json"
HK_GOLD = ROOT / "tests" / "fixtures" / "pages" / "12_hk_traditional.expected.json"

needs_pdftotext = pytest.mark.skipif(
    not shutil.which("pdftotext") and not os.environ.get("CI"), reason="poppler-utils not installed"
)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(char in it for char in needle)


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    path = tmp_path_factory.mktemp("seed") / "seed.pdf"
    return gold, typeset_page(gold, path, seed=3), path


@pytest.fixture(scope="module")
def seed_text(seed_page):
    return extract_text(seed_page[2], "pdftotext")


def english_document() -> Document:
    """A small English page (invented text)."""
    body = [
        "The county council voted on Tuesday to rebuild the old river bridge, a crossing that has carried "
        "farm traffic since the nineteenth century and was closed last winter after inspectors found cracks.",
        "Work is expected to begin in the spring and to last about eighteen months, officials said, with a "
        "temporary footbridge kept open for pedestrians throughout the construction period.",
        "Residents who spoke at the meeting welcomed the decision but asked for the contractors to limit "
        "night work near the school and the retirement home on Mill Street.",
    ]
    article = Article(
        headline="Council Approves Plan to Rebuild River Bridge",
        kicker="Infrastructure",
        subheadline="Work to start in spring; footbridge stays open",
        dateline="MILLBROOK, April 20",
        bylines=[Contributor("reporter", "Jane Carter")],
        body=[Paragraph(text) for text in body],
    )
    second = Article(
        headline="Library Extends Weekend Opening Hours",
        bylines=[Contributor("reporter", "Tom Wells")],
        body=[Paragraph("The public library will stay open until eight in the evening on Saturdays from next month.")],
    )
    photo = Photo(caption=["The river bridge, closed since January."], credits=[Contributor("photographer", "Ann Lee")])
    return Document(metadata=Metadata(publication="Millbrook Courier", language="en"), items=[article, photo, second])


# --------------------------------------------------------------------------- the seed page


def column_pieces(item) -> dict[int, list[str]]:
    """Per paragraph (part) of an item, its text in each column it runs through, in order."""
    pieces: dict[int, list[str]] = {}
    last = None
    for line in item.lines:
        if line.role not in ("body", "dateline", "caption", "credit"):
            continue
        key = (line.part, line.column)
        parts = pieces.setdefault(line.part, [])
        if key != last:
            parts.append("")
        parts[-1] += line.text
        last = key
    return pieces


@needs_pdftotext
def test_seed_extracts_every_paragraph_in_order(seed_page, seed_text):
    gold, result, _ = seed_page
    flat = squeeze(seed_text)
    for data, item in zip(gold["items"], result.items):
        pieces = column_pieces(item)
        expected = data.get("paragraphs") or data.get("caption")
        printed = [squeeze("".join(pieces[part])) for part in sorted(pieces)]
        # the page prints each paragraph whole and in order (a dateline run into the first, a credit after the last caption)
        for number, paragraph in enumerate(expected):
            assert squeeze(paragraph) in printed[number], paragraph[:20]
    assert_pieces_extracted(result, flat)


def assert_pieces_extracted(result, flat: str) -> None:
    """pdftotext gives every printed line back whole (its words, if spaced), and every character printed on the page
    exactly once (the order of lines is pdftotext's reading order, not always the page's)."""
    printed = [line.text for item in result.items for line in item.lines] + [line.text for line in result.furniture]
    for text in printed:
        for word in text.split():  # pdftotext may part a line at a wide space (as in a staff line)
            assert squeeze(word) in flat, text
    assert Counter(flat) == Counter(squeeze("".join(printed)))


@needs_pdftotext
def test_seed_paragraphs_cut_by_column_breaks(seed_page, seed_text):
    """A paragraph running from the foot of one column to the top of the next is cut in the
    extracted text, as in the seed: never read as an ordinary line wrap, mostly a blank line."""
    _, result, path = seed_page
    pdfminer_text = extract_text(path, "pdfminer")
    cuts = blank = 0
    for box in result.items:
        body = [line for line in box.lines if line.role == "body"]
        for before, after in itertools.pairwise(body):
            if before.part == after.part and before.column != after.column:
                cuts += 1
                blank += before.text + "\n\n" in seed_text
                assert before.text + "\n" + after.text not in seed_text
                assert before.text + "\n" + after.text not in pdfminer_text
    assert cuts >= 5 and blank >= cuts * 0.8


def test_seed_layout_is_a_newspaper_page(seed_page):
    _, result, _ = seed_page
    style = result.style
    assert 3 <= style.columns <= 6
    assert len(result.columns) == style.columns
    assert [item.kind for item in result.items].count("photo") == 3
    spans = [len(item.columns) for item in result.items if item.kind == "article"]
    assert max(spans) >= 2  # a story over several columns
    lead = result.items[0]
    assert lead.text("kicker") == "持续夯实基层基础 有效整合各方资源"
    assert squeeze(lead.text("headline")) == "卫东区持续完善提升社区治理体系和能力"
    assert lead.text("dateline").startswith("本报讯")
    assert {line.column for line in lead.boxes("body")} >= {lead.columns[0], lead.columns[1]}
    # furniture: the page header and the staff line are printed but belong to no item
    roles = {line.role for line in result.furniture}
    assert roles == {"page-header", "staff"}
    # every module inside the page, none overlapping another
    width, height = result.page_size
    boxes = [item.bbox for item in result.items]
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
            assert ax1 <= bx0 + 0.5 or bx1 <= ax0 + 0.5 or ay1 <= by0 + 0.5 or by1 <= ay0 + 0.5


def test_chinese_line_breaking_rules(seed_page):
    _, result, _ = seed_page
    for item in result.items:
        lines = [line for line in item.lines if line.role in ("body", "caption")]
        for line in lines:
            assert not line.text.startswith(("，", "。", "、", "；", "”", "）", ",")), line.text
            assert not line.text.endswith(("“", "（", "《")), line.text
    # body lines of a column are justified: they end at the column's right edge, a paragraph's last line may not
    item = result.items[0]
    right = {round(result.columns[c][1]) for c in item.columns}
    full = [line for line in item.boxes("body") if round(line.bbox[2]) in right]
    assert len(full) > len(item.boxes("body")) * 0.6


def test_headline_sizes_measured_by_pdfminer(seed_page):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    _, result, path = seed_page
    lead = result.items[0]
    head = lead.boxes("headline")[0]
    body = lead.boxes("body")[3]
    sizes: dict[str, list[float]] = {"headline": [], "body": []}
    for page in extract_pages(str(path)):
        for element in page:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                for char in line:
                    if not isinstance(char, LTChar):
                        continue
                    cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
                    for role, box in (("headline", head), ("body", body)):
                        x0, y0, x1, y1 = box.bbox
                        if x0 <= cx <= x1 and y0 <= cy <= y1:
                            sizes[role].append(char.size)
                            if role == "headline":  # the recorded box is where pdfminer puts the glyphs
                                assert abs(char.y0 - y0) < 0.5 and abs(char.y1 - y1) < 0.5
    assert len(sizes["headline"]) == len(head.text) and len(sizes["body"]) == len(body.text)
    assert min(sizes["headline"]) > max(sizes["body"]) * 2
    assert head.bold and head.font == "STSong-Light,Bold" and not body.bold


def test_photos_are_embedded_pictures(seed_page):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    _, result, path = seed_page
    found = []
    for page in extract_pages(str(path)):
        for element in page:
            if isinstance(element, LTFigure):
                found.extend(e for e in element if isinstance(e, LTImage))
    photos = [image for image in result.images if image.role == "photo"]
    assert len(photos) == 3
    assert len(found) == len(result.images)
    for image in photos:
        assert image.pixels[0] >= 100 and image.pixels[1] >= 60
        item = result.items[image.item]
        caption = item.boxes("caption")[0]
        assert caption.bbox[3] <= image.bbox[1]  # the caption under the picture
    filters = {str(image.stream.get_filters()) for image in found}
    assert any("DCT" in f for f in filters) or any("Flate" in f for f in filters)


def test_same_input_same_bytes_and_seeds_vary_the_layout():
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    layouts = set()
    pages = [typeset_bytes(gold, seed=seed) for seed in range(5)]
    for _, other in pages:
        layouts.add((other.style.columns, other.style.format, tuple(tuple(i.columns) for i in other.items)))
    assert len(layouts) == 5
    assert typeset_bytes(gold, seed=3)[0] == pages[3][0]


def test_png_pictures_and_a_pinned_style(tmp_path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    spec = page_spec(gold, seed=1)
    style = replace(LayoutStyle.choose(spec, 1), image_format="png", columns=5, format="broadsheet")
    path = tmp_path / "png.pdf"
    result = typeset_page(spec, path, style=style, seed=1)
    assert result.style.columns == 5 and len(result.columns) == 5
    assert {image.format for image in result.images if image.role == "photo"} == {"png"}
    filters = []
    for page in extract_pages(str(path)):
        for element in page:
            if isinstance(element, LTFigure):
                filters.extend(str(e.stream.get_filters()) for e in element if isinstance(e, LTImage))
    photos = sum(1 for image in result.images if image.role == "photo")
    assert sum("FlateDecode" in f for f in filters) == photos  # PNG pixels, deflated


# --------------------------------------------------------------------------- other scripts


@needs_pdftotext
def test_traditional_page_uses_a_cns_font_and_extracts(tmp_path):
    gold = json.loads(HK_GOLD.read_text("utf-8"))
    path = tmp_path / "hk.pdf"
    result = typeset_page(gold, path, seed=5)
    assert result.spec.language == "zh-Hant"
    fonts = {line.font for item in result.items for line in item.lines}
    assert "MSung-Light" in fonts and "STSong-Light" not in fonts
    flat = squeeze(extract_text(path, "pdftotext"))
    assert_pieces_extracted(result, flat)
    for item in gold["items"]:
        assert squeeze(item.get("headline") or "") in flat


def test_the_spec_tells_the_script_and_prints_credits_as_the_reader_and_exporters_do():
    """Simplified or traditional as the reader tells them (a page declared ``zh-CN`` but set
    in traditional characters is typeset as traditional); picture credits in the exporters'
    forms (``製圖`` on a traditional page)."""
    import random

    from convert_core.exportkit import credit_line
    from convert_core.reader import read_text
    from convert_core.testing.pagespec import credit_for, detect_language, document_from_gold

    hk = document_from_gold(json.loads(HK_GOLD.read_text("utf-8")))
    texts = [item.headline if isinstance(item, Article) else " ".join(item.caption) for item in hk.items]
    assert detect_language(texts) == "zh-Hant" == read_text("\n".join(texts)).metadata.language
    hk.metadata.language = "zh-CN"
    assert page_spec(hk).language == "zh-Hant"
    seed = document_from_gold(json.loads(SEED_GOLD.read_text("utf-8")))
    assert page_spec(seed).language == "zh-Hans"
    people = [Contributor("photographer", "陳嘉欣"), Contributor("graphics", "黃志偉")]
    for language in ("zh-Hans", "zh-Hant"):
        assert credit_for(people, language, random.Random(0)) == credit_line(Photo(credits=people), language)
    assert credit_for(people, "zh-Hant", random.Random(0)) == "陳嘉欣 攝 製圖 黃志偉"


@needs_pdftotext
def test_latin_page_conventions(tmp_path):
    path = tmp_path / "en.pdf"
    result = typeset_page(english_document(), path, seed=2)
    assert result.spec.language == "en"
    lead = result.items[0]
    assert lead.text("dateline") == "MILLBROOK, April 20 — "
    assert lead.text("kicker") == "INFRASTRUCTURE"
    assert lead.text("byline") in ("By Jane Carter", "By JANE CARTER")  # a line of its own, dateline or not
    byline = result.items[2].text("byline")
    assert byline in ("By Tom Wells", "By TOM WELLS")
    assert {line.font for line in lead.boxes("body")} == {"Times-Roman"}
    assert result.items[1].text("credit").endswith("Ann Lee")
    # long words are hyphenated at line ends, titles never are
    body = lead.boxes("body")
    hyphenated = [(a.text, b.text) for a, b in itertools.pairwise(body) if a.text.endswith("-")]
    assert hyphenated
    paragraphs = " ".join(p.text for p in english_document().items[0].body)
    for before, after in hyphenated:
        assert before.split()[-1][:-1] + after.split()[0] in paragraphs
    assert not any(line.text.endswith("-") for item in result.items for line in item.boxes("headline"))
    # pdftotext gives every printed line back (two columns' lines on one baseline may share a
    # text line; a hyphen at a line end is dropped and the line joined to the next it reads)
    text = " ".join(extract_text(path, "pdftotext").split())
    for item in result.items:
        for line in item.lines:
            assert line.text.strip().removesuffix("-") in text, line.text


def test_characters_no_font_has_become_a_missing_mark(tmp_path):
    document = Document(
        items=[Article(headline="生僻字测试", dateline="本报讯", body=[Paragraph("这里有一个𠀀字和一个㐂字。")])]
    )
    result = typeset_page(document, None, seed=0)
    assert "𠀀" in result.missing
    body = result.items[0].text("body")
    assert "〓" in body and "𠀀" not in body


# --------------------------------------------------------------------------- extraction helpers


@needs_pdftotext
def test_extraction_tools(seed_page):
    path = seed_page[2]
    headline = "卫东区积极开展爱国卫生月活动"
    for tool in TOOLS:
        text = extract_text(path, tool)
        assert headline in text.replace(" ", ""), tool
    layout = extract_text(path, "pdftotext-layout")
    # -layout keeps columns side by side: some text line carries words of two columns
    assert any(re.search(r"\S {3,}\S", line) for line in layout.splitlines())
    with pytest.raises(ValueError, match="unknown extraction tool"):
        extract_text(path, "ocr")


def test_pdfminer_blocks_give_a_paragraph_a_line(tmp_path):
    """pdfminer groups lines closer than half a line's height into a box; at a leading of 1.4
    a box is a paragraph (or its piece in one column), and the blocks tool puts it on one line."""
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    spec = page_spec(gold, seed=4)
    style = replace(LayoutStyle.choose(spec, 4), leading=1.4, min_leading=1.4)
    path = tmp_path / "page.pdf"
    result = typeset_page(spec, path, style=style, seed=4)
    lines = extract_text(path, "pdfminer-blocks").splitlines()
    whole = [p for item in gold["items"] for p in item.get("paragraphs", []) if p in lines]
    assert len(whole) >= 10
    # a paragraph cut by a column break comes out as two blocks, the second starting mid-sentence
    cut = next(
        (a, b)
        for item in result.items
        for a, b in zip(item.boxes("body"), item.boxes("body")[1:])
        if a.part == b.part and a.column != b.column
    )
    assert any(line.endswith(squeeze(cut[0].text)) for line in lines)
    assert any(line.startswith(squeeze(cut[1].text)) for line in lines)


def test_pdftotext_without_poppler_data_is_a_clear_error(tmp_path, monkeypatch):
    fake = tmp_path / "pdftotext"
    fake.write_text("#!/bin/sh\necho \"Syntax Error: Missing language pack for 'Adobe-GB1' mapping\" >&2\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ExtractionError, match="poppler-data"):
        extract_text(tmp_path / "x.pdf", "pdftotext")


# --------------------------------------------------------------------------- gold shapes


def test_corpus_gold_prints_what_the_page_printed():
    """The corpus's gold carries the printed forms (lead_in, byline_line, closing_line,
    subheads, figures, credit_line, furniture): the page prints them as given."""
    gold = {
        "paper": "东州日报",
        "date": "2026-01-05",
        "page": "4",
        "section": "要闻",
        "language": "zh-CN",
        "furniture": ["本版责编：张明"],
        "items": [
            {
                "type": "article",
                "headline": "东州新建三座口袋公园",
                "dateline": "本报东州1月4日电",
                "paragraphs": ["新年伊始，三座口袋公园向市民开放。", "绿意进社区", "公园里设有健身步道和儿童游乐区。"],
                "subheads": [1],
                "lead_in": "本报东州1月4日电  （记者李华）",
                "figures": [{"at": 2, "caption": ["市民在公园里散步。"], "credit_line": "王强摄"}],
                "closing_line": "（本报记者李华采访整理）",
            },
            {
                "type": "photo",
                "title": "图片报道",
                "caption": ["1月3日，孩子们在冰场上嬉戏。"],
                "credit": {"role": "photographer", "name": "赵亮"},
                "credit_line": "本报记者 赵亮摄",
            },
        ],
    }
    result = typeset_page(gold, None, seed=1)
    story, photo = result.items
    assert story.text("dateline") == "本报东州1月4日电 （记者李华）"
    assert story.text("subhead") == "绿意进社区"
    assert story.text("trailer") == "（本报记者李华采访整理）"
    assert story.text("credit") == "王强摄" and len(story.images) == 1
    assert photo.text("photo-title") == "图片报道" and photo.text("credit").strip() == "本报记者 赵亮摄"
    assert [line.text for line in result.furniture if line.role == "staff"] == ["本版责编：张明"]
    header = " ".join(line.text for line in result.furniture if line.role == "page-header")
    assert "东州日报" in header and "2026年1月5日" in header and "要闻" in header


def _story_gold(**story: object) -> dict:
    """A one-story page of corpus-shaped gold (made-up text)."""
    article = {
        "type": "article",
        "kicker": "新春走基层",
        "headline": "东州新建三座口袋公园",
        "subheadline": "市民家门口添绿意",
        "dateline": "本报东州1月4日电",
        "bylines": [{"role": "reporter", "name": "李华"}],
        "paragraphs": ["新年伊始，三座口袋公园向市民开放。", "公园里设有健身步道和儿童游乐区。"],
        "lead_in": "本报东州1月4日电  （记者李华）",
        **story,
    }
    return {"paper": "东州日报", "date": "2026-01-05", "language": "zh-CN", "items": [article]}


def _typeset(gold: dict, **style: object):
    spec = page_spec(gold, seed=5)
    return typeset_page(spec, None, style=replace(LayoutStyle.choose(spec, 5), **style), seed=5)


@pytest.mark.parametrize("dash", [True, False])
def test_printed_gold_holds_the_subheadline_as_printed(dash):
    gold = _story_gold()
    result = _typeset(gold, subheadline_dash=dash)
    printed = printed_gold(gold, result)
    story = printed["items"][0]
    assert result.items[0].text("subheadline") == story["subheadline"]
    assert story["subheadline"] == ("——市民家门口添绿意" if dash else "市民家门口添绿意")
    # what the story is stays as the gold says; the gold itself is not touched
    assert story["dateline"] == "本报东州1月4日电" and story["bylines"] == [{"role": "reporter", "name": "李华"}]
    assert story["kicker"] == "新春走基层" and story["paragraphs"] == gold["items"][0]["paragraphs"]
    assert story["lead_in"] == gold["items"][0]["lead_in"]  # only its whitespace was printed otherwise
    assert gold["items"][0]["subheadline"] == "市民家门口添绿意"


def test_printed_gold_never_doubles_a_dash_the_gold_has():
    gold = _story_gold(subheadline="——记东州的园丁们")
    story = printed_gold(gold, _typeset(gold, subheadline_dash=True))["items"][0]
    assert story["subheadline"] == "——记东州的园丁们"


def test_printed_gold_holds_missing_marks_column_tags_and_generated_bylines():
    gold = _story_gold(headline="生僻字𠀀入选", column="城事", lead_in=None, dateline=None)
    gold["items"][0]["paragraphs"].append("这里有一个𠀀字。")
    result = _typeset(gold)
    story = printed_gold(gold, result)["items"][0]
    assert story["headline"] == "生僻字〓入选" == result.items[0].text("headline")
    assert story["paragraphs"][2] == "这里有一个〓字。" and len(story["paragraphs"]) == 3
    assert story["column"] == "城事" == result.items[0].text("column")
    # no printed form in the gold: the byline the typesetter made up is recorded
    assert story["byline_line"] == result.items[0].text("byline") and "李华" in story["byline_line"]
    assert "lead_in" not in story or story["lead_in"] is None


def test_printed_gold_of_a_latin_page_and_a_photo():
    document = english_document()
    gold = {
        "language": "en",
        "items": [
            {
                "type": "article",
                "headline": "Council Approves Plan",
                "kicker": "Infrastructure",
                "dateline": "MILLBROOK, April 20",
                "paragraphs": [p.text for p in document.items[0].body],
            },
            {
                "type": "photo",
                "title": "In pictures",
                "caption": ["The river  bridge."],
                "credit_line": "Photo: Ann Lee",
            },
        ],
    }
    result = typeset_page(gold, None, seed=2)
    story, photo = printed_gold(gold, result)["items"]
    assert story["kicker"] == "INFRASTRUCTURE" and story["dateline"] == "MILLBROOK, April 20"
    assert story["lead_in"] == "MILLBROOK, April 20 —"
    assert photo["caption"] == ["The river  bridge."] and photo["title"] == "In pictures"
    with pytest.raises(ValueError, match="items"):
        printed_gold({"items": gold["items"][:1]}, result)


def test_a_typeset_page_read_back_is_right_against_its_printed_gold():
    """The reader keeps the printed dash (it loses no printed text): wrong against the gold,
    right against the gold of what was printed."""
    from convert_core import evaluate, parse
    from convert_core.gold import gold_from_dict

    gold = _story_gold()
    spec = page_spec(gold, seed=5)
    data, result = typeset_bytes(spec, style=replace(LayoutStyle.choose(spec, 5), subheadline_dash=True), seed=5)
    document = parse(data, name="page.pdf", transform=False)
    fields = {}
    for name, page_gold in (("gold", gold), ("printed", printed_gold(gold, result))):
        total = evaluate.aggregate([evaluate.score(document, gold_from_dict(page_gold))]).to_dict()
        assert total["articles"]["f1"] == 1.0
        fields[name] = total["article_fields"]["subheadline"]["accuracy"]
    assert fields == {"gold": 0.0, "printed": 1.0}


def test_document_and_fixture_gold_shapes(tmp_path):
    gold = json.loads((ROOT / "tests" / "fixtures" / "pages" / "11_economy_subheads_pdf.expected.json").read_text())
    result = typeset_page(gold, None, seed=2)
    first = result.items[0]
    assert first.text("subhead")  # the fixture's subhead blocks are set as subheads
    assert any(item.images for item in result.items)  # and its figure as a picture
    with pytest.raises(ValueError, match="no items"):
        typeset_page(Document(), tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()


# --------------------------------------------------------------------------- the corpus recipe


@needs_pdftotext
def test_corpus_script_writes_pdfs_and_texts_with_the_gold_stems(tmp_path, capsys, monkeypatch):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "typeset_corpus", ROOT / "benchmarks" / "corpus" / "typeset_corpus.py"
    )
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "typeset_corpus", script)
    spec.loader.exec_module(script)
    gold = tmp_path / "gold"
    (gold / "seed").mkdir(parents=True)
    (gold / "seed" / "p1.json").write_bytes(SEED_GOLD.read_bytes())
    (gold / "hk").mkdir()
    (gold / "hk" / "p2.json").write_bytes(HK_GOLD.read_bytes())
    out = tmp_path / "corpus"
    args = ["--gold", str(gold), "--out", str(out), "-j", "1", "--tools", "pdftotext,pdfminer-blocks"]
    assert script.main(args) == 0
    for paper, stem in (("seed", "p1"), ("hk", "p2")):
        assert (out / "pdf" / paper / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
        layout = json.loads((out / "pdf" / paper / f"{stem}.layout.json").read_text("utf-8"))
        assert layout["items"] and layout["sha256"]
        for tool in ("pdftotext", "pdfminer-blocks"):
            assert (out / f"pdf-{tool}" / paper / f"{stem}.txt").read_text("utf-8").strip()
        # the gold as printed, next to the PDF: what the typesetter recorded for this page
        source = json.loads((gold / paper / f"{stem}.json").read_text("utf-8"))
        again = typeset_page(source, None, seed=script.Page(gold / paper / f"{stem}.json", paper, stem).seed)
        assert again.sha256 == layout["sha256"]
        printed = json.loads((out / "pdf" / paper / f"{stem}.gold.json").read_text("utf-8"))
        assert printed == printed_gold(source, again)
    report = capsys.readouterr().out
    assert "0 printed characters missing" in report and "seed page (reference)" in report
    assert script.main(args) == 0  # up to date: nothing redone
    assert "0 to typeset, 2 up to date" in capsys.readouterr().out
    assert script.main(["--gold", str(tmp_path / "none"), "--out", str(out)]) == 3
    with pytest.raises(SystemExit) as stop:
        script.main([*args[:4], "--tools", "ocr"])
    assert stop.value.code == 2


def test_more_text_than_a_page_holds_grows_the_page():
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    gold["items"] = gold["items"] * 3
    _, result = typeset_bytes(gold, seed=1)
    assert result.grown and result.body_size == result.style.min_body_size
    assert result.page_size[1] > 2000 and len(result.items) == 30
    assert all(item.bbox[1] >= 0 and item.bbox[3] <= result.page_size[1] for item in result.items)


def test_several_pages_in_one_pdf(tmp_path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    from convert_core.testing.typeset import typeset_pages

    pages = [json.loads(HK_GOLD.read_text("utf-8")), english_document()]
    path = tmp_path / "edition.pdf"
    results = typeset_pages(pages, path, seed=4)
    assert [r.page_number for r in results] == [0, 1] and [r.seed for r in results] == [4, 5]
    assert results[0].sha256 == results[1].sha256 and all(r.path == path for r in results)
    read = list(extract_pages(str(path)))
    assert len(read) == 2
    for page, result in zip(read, results):
        assert (page.width, page.height) == pytest.approx(result.page_size)
        text = squeeze("".join(e.get_text() for e in page if isinstance(e, LTTextContainer)))
        assert squeeze(result.items[0].text("headline")) in text
    # a page of an edition is the page typeset alone with the same seed
    alone = typeset_page(pages[1], None, seed=5)
    assert [i.bbox for i in alone.items] == [i.bbox for i in results[1].items]


@pytest.mark.parametrize(
    ("language", "by", "dash"), [("de", "Von Jürgen Weiß", "ULM –"), ("fr", "Par Jürgen Weiß", "ULM –")]
)
def test_german_and_french_conventions(language, by, dash):
    article = Article(
        headline="Neue Brücke über die Weißach eröffnet",
        dateline="ULM",
        bylines=[Contributor("reporter", "Jürgen Weiß")],
        body=[Paragraph("Die Straße ist seit Montag für den Verkehr geöffnet, teilte die Stadtverwaltung mit.")],
    )
    result = typeset_page(Document(metadata=Metadata(language=language), items=[article]), None, seed=1)
    assert result.spec.language == language
    item = result.items[0]
    assert item.text("byline") == by and item.text("dateline").strip() == dash
    assert {line.font for line in item.boxes("body")} == {"Times-Roman"}  # ß, ü, é in WinAnsi


def test_pages_whose_fonts_give_half_width_punctuation():
    """Some papers' fonts map ，；：？！（） to ASCII, as on the seed page: a style can say so."""
    gold = json.loads((ROOT / "tests" / "fixtures" / "pages" / "01_county_wheat_pdf.expected.json").read_text())
    spec = page_spec(gold, seed=0)
    plain = LayoutStyle.choose(spec, 0)
    bodies = []
    for half in (False, True):
        result = typeset_page(spec, None, style=replace(plain, halfwidth_punctuation=half), seed=0)
        bodies.append("".join(item.text("body") for item in result.items))
    full, half = bodies
    assert full.count("，") > 20 and "，" not in half and "（" not in half
    assert half.count(",") == full.count(",") + full.count("，")
