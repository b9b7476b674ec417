"""The DOCX exporter (plugins/docx): styles, Chinese typography, properties, options,
determinism, openxml-audit's strict verdict on the seed and every reader fixture page,
robustness, and a rendered check (LibreOffice → PDF → pdftotext; marked slow, fails in
CI when LibreOffice is missing, skipped elsewhere).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from bulletin_convert_docx import OPTIONS, validate_output
from bulletin_convert_docx.validate import problems, problems_of_bytes
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from lxml import etree

import convert_core
from convert_core import exportkit, testing
from convert_core.errors import UsageError
from convert_core.ids import assign_ids
from convert_core.model import (
    Article,
    Contributor,
    Document,
    Figure,
    Metadata,
    Paragraph,
    Photo,
    Quote,
    Subhead,
    Unclassified,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"
FIXTURE_PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

#: Our paragraph styles by name, and the East Asian face each uses on a simplified-Chinese page.
EXPECTED_STYLES = {
    "Normal": "SimSun",
    "Body Text": "SimSun",
    "Heading 1": "SimHei",
    "Heading 2": "SimHei",
    "Kicker": "KaiTi",
    "Subheadline": "FangSong",
    "Column Tag": "SimHei",
    "Byline": "KaiTi",
    "Quote": "KaiTi",
    "Photo Title": "SimHei",
    "Picture": "SimSun",
    "Photo Caption": "KaiTi",
    "Photo Credit": "KaiTi",
    "Source Line": "KaiTi",
    "Editor's Note": "KaiTi",
    "Unclassified Text": "SimSun",
    "Edition Line": "SimHei",
    "TOC Heading": "SimHei",
    "toc 1": "SimSun",
    "Header": "SimHei",
    "Footer": "SimSun",
}


# ---------------------------------------------------------------------------- helpers


def registry():
    return testing.registry_with("bulletin_convert_docx")


def render(document: Document, options: dict | None = None) -> bytes | dict[str, bytes]:
    return testing.render(registry(), "docx", document, options)


def render_one(document: Document, options: dict | None = None) -> bytes:
    result = render(document, options)
    assert isinstance(result, bytes)
    return result


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def reopen(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraphs(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


@pytest.fixture(scope="module")
def seed() -> Document:
    return convert_core.parse(SEED)


@pytest.fixture(scope="module")
def seed_docx(seed) -> bytes:
    return render_one(seed)


# ---------------------------------------------------------------------------- the plugin


def test_descriptor_is_well_formed_and_lazy():
    exporter = registry().exporter("docx")
    assert testing.check_exporter(exporter) == []
    assert exporter.extension == ".docx"
    assert exporter.writer == "bulletin_convert_docx.writer:write"
    assert [option.name for option in exporter.options] == [option.name for option in OPTIONS]
    reference = next(option for option in exporter.options if option.name == "reference-docx")
    assert reference.type == "path"


def test_entry_point_is_registered():
    from importlib.metadata import entry_points

    entries = {entry.name: entry.value for entry in entry_points(group="bulletin_convert")}
    assert entries.get("docx") == "bulletin_convert_docx"


def test_plugin_module_imports_nothing_heavy():
    code = (
        "import sys, bulletin_convert_docx\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml', 'openxml_audit'))\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------------------- validity


@pytest.mark.parametrize("page", [SEED, *FIXTURE_PAGES], ids=lambda path: path.name)
def test_openxml_audit_finds_no_errors(page, tmp_path):
    document = convert_core.parse(page)
    path = tmp_path / "page.docx"
    path.write_bytes(render_one(document, {"docx-toc": True}))
    assert problems(path) == []
    with zipfile.ZipFile(path) as archive:
        assert not [name for name in archive.namelist() if "stylesWithEffects" in name or "thumbnail" in name]
    reopened = reopen(path.read_bytes())
    assert paragraphs(reopened, "Heading 1") == [headline(article) for article in document.articles]


def test_hostile_document_is_valid_with_every_option():
    document = testing.hostile_document()
    for options in ({}, {"docx-toc": True, "docx-article-break": "page"}, {"docx-split": "article"}):
        result = render(document, options)
        outputs = result.values() if isinstance(result, dict) else [result]
        for data in outputs:
            assert problems_of_bytes(data) == [], options
            reopen(data)


def test_hostile_text_is_kept_escaped_and_cleaned():
    data = render_one(testing.hostile_document())
    text = "\n".join(p.text for p in reopen(data).paragraphs)
    assert "<script>alert('x')</script>" in text
    assert "Tom & Jerry &amp; &#0; &lt;" in text
    assert "]]> <![CDATA[ x ]]>" in text
    assert "表情😀𠀀𪚥 astral" in text
    assert "\u202e右到左\u200f标记\u202c" in text
    assert "控制字符" in text  # NUL and C0 controls removed
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)


def test_lone_surrogates_and_noncharacters_are_dropped():
    bad = "半\ud800边\udfff字\ufffe\uffff\x0b"
    article = Article(
        headline=bad,
        kicker=bad,
        column=bad,
        bylines=[Contributor("reporter", bad)],
        body=[Paragraph(bad, lead="半\ud800"), Subhead(bad), Quote(bad), Unclassified(bad), Figure(caption=[bad])],
        sources=[bad],
        notes=[bad],
    )
    page = Document(metadata=Metadata(publication=bad, section=bad), items=[article, Photo(caption=[bad], title=bad)])
    for options in ({"docx-toc": True}, {"docx-split": "article"}):
        result = render(page, options)
        for data in result.values() if isinstance(result, dict) else [result]:
            assert problems_of_bytes(data) == []
            texts = [p.text for p in reopen(data).paragraphs]
            assert "半边字" in texts
            assert reopen(data).core_properties.title


def test_validate_output_hook(tmp_path, seed_docx):
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    good.write_bytes(seed_docx)
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    reg = registry()
    exporter = reg.exporter("docx")
    assert reg.validate(exporter, [good], {}) == []
    assert reg.validate(exporter, [bad], {})
    json_exporter = testing.registry_with("bulletin_convert_json").exporter("json")
    assert validate_output(exporter=json_exporter, paths=[good], options={}) is None


def test_command_validates_docx(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "convert_core", str(SEED), "--to", "docx", "-o", str(tmp_path), "--validate"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "000_80fb9983b63b8a66.docx").is_file()


# ---------------------------------------------------------------------------- content


def headline(article: Article) -> str:
    return exportkit.xml_text(exportkit.article_title(article)).strip() or "（无标题）"


def test_seed_headings_and_paragraphs_word_for_word(seed, seed_docx):
    reopened = reopen(seed_docx)
    assert paragraphs(reopened, "Heading 1") == [article.headline for article in seed.articles]
    body = [block.text for article in seed.articles for block in article.body if isinstance(block, Paragraph)]
    assert paragraphs(reopened, "Body Text") == body
    kickers = [article.kicker for article in seed.articles if article.kicker]
    assert paragraphs(reopened, "Kicker") == kickers
    bylines = [exportkit.byline_line(article) for article in seed.articles if exportkit.byline_line(article)]
    assert paragraphs(reopened, "Byline") == bylines
    captions = [line for photo in seed.photos for line in photo.caption]
    assert paragraphs(reopened, "Photo Caption") == captions
    assert paragraphs(reopened, "Photo Credit") == [exportkit.credit_line(photo) for photo in seed.photos]


def test_a_picture_without_image_has_no_stand_in_text(seed, seed_docx):
    """No paragraph says 图片 where the image would be: copy, search and screen readers get
    only what the page prints (a label such as 图① opens the caption)."""
    texts = [p.text for p in reopen(seed_docx).paragraphs]
    assert "图片" not in texts and not any(text.startswith("图片（") for text in texts)
    document = Document(items=[Photo(caption=["林果专家指导农民。"], label="图①"), Photo(label="图②")])
    assert paragraphs(reopen(render_one(document)), "Photo Caption") == ["图①\u3000林果专家指导农民。", "图②"]


def reading_order(data: bytes) -> list[tuple[str, str]]:
    """``("article", headline)`` and ``("photo", first caption line)`` in document order."""
    order = []
    captions_seen = False
    for p in reopen(data).paragraphs:
        if p.style.name == "Heading 1":
            order.append(("article", p.text))
            captions_seen = False
        elif p.style.name == "Photo Caption" and not captions_seen:
            order.append(("photo", p.text))
            captions_seen = True
        elif p.style.name == "Photo Credit":
            captions_seen = False
    return order


def test_reading_order_follows_the_items(seed, seed_docx):
    expected = [
        ("article", item.headline) if isinstance(item, Article) else ("photo", item.caption[0]) for item in seed.items
    ]
    assert reading_order(seed_docx) == expected  # the seed's linked photo already follows its story


def linked_page() -> Document:
    """A photo printed above its story, between two photos of their own."""
    story = Article(headline="春季林果管理培训", body=[Paragraph("专家在果园内指导农民管理果树。")])
    photo = Photo(caption=["专家在果园内指导农民。"], title="图片新闻", credits=[Contributor("photographer", "古国凡")])
    loose = [Photo(caption=[f"第{n}张。"], credits=[Contributor("photographer", "某")]) for n in "一二"]
    document = Document(metadata=Metadata(publication="平顶山日报", page="3"), items=[loose[0], photo, loose[1], story])
    assign_ids(document)
    photo.article = story.id
    return document


def test_a_linked_photo_follows_its_storys_text_and_is_not_set_apart():
    document = linked_page()
    for separation in ("space", "page"):
        data = render_one(document, {"docx-article-break": separation})
        assert reading_order(data) == [
            ("photo", "第一张。"),
            ("photo", "第二张。"),
            ("article", "春季林果管理培训"),
            ("photo", "专家在果园内指导农民。"),
        ]
        root = part(data, "word/document.xml")
        marks = root.xpath("//w:pageBreakBefore | //w:p/w:pPr/w:spacing[@w:before]", namespaces=NS)
        assert len(marks) == 2  # before the second photo and before the story, not before its photo
        styles = root.xpath("//w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)
        assert styles[styles.index("Heading1") :] == [
            "Heading1",
            "BodyText",
            "PhotoTitle",
            "PhotoCaption",
            "PhotoCredit",
        ]
        assert problems_of_bytes(data) == []


def test_a_linked_photo_shares_its_storys_file():
    files = render(linked_page(), {"docx-split": "article"})
    assert [name.split("-", 1)[0] for name in files] == ["01", "02", "03"]
    *_, story = files.values()
    reopened = reopen(story)
    assert paragraphs(reopened, "Heading 1") == ["春季林果管理培训"]
    assert paragraphs(reopened, "Photo Caption") == ["专家在果园内指导农民。"]


def test_run_in_leads_use_a_character_style(seed, seed_docx):
    leads = [
        block.lead for article in seed.articles for block in article.body if isinstance(block, Paragraph) and block.lead
    ]
    styled = [
        run.text
        for p in reopen(seed_docx).paragraphs
        for run in p.runs
        if run.style is not None and run.style.name == "Run-in Lead"
    ]
    assert styled == leads and leads


def test_sample_document_uses_every_block_style():
    reopened = reopen(render_one(testing.sample_document()))
    used = {p.style.name for p in reopened.paragraphs}
    for name in ("Column Tag", "Kicker", "Heading 1", "Subheadline", "Byline", "Body Text", "Heading 2", "Quote"):
        assert name in used
    for name in ("Photo Title", "Photo Caption", "Photo Credit", "Source Line"):
        assert name in used
    assert {"Editor's Note", "Unclassified Text", "Edition Line"} <= used
    assert paragraphs(reopened, "Edition Line") == ["平顶山日报 2020-04-28 第3版 卫东新闻"]
    assert paragraphs(reopened, "Heading 2") == ["一、高规格开启整改"]
    # an editor's note printed in the body keeps its place, in the notes' style
    styles = [(p.style.name, p.text) for p in reopened.paragraphs]
    note = styles.index(("Editor's Note", "编后：整改不是终点，而是新的起点。"))
    assert styles[note - 1] == ("Unclassified Text", "（未能归类的文字）")
    assert paragraphs(reopened, "Editor's Note") == ["编后：整改不是终点，而是新的起点。", "——编者"]


# ---------------------------------------------------------------------------- styles and typography


def test_styles_are_named_and_carry_east_asian_fonts(seed_docx):
    reopened = reopen(seed_docx)
    styles = reopened.styles
    for name, face in EXPECTED_STYLES.items():
        style = styles[name]
        assert style.type == WD_STYLE_TYPE.PARAGRAPH, name
        fonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face, name
        assert fonts.get(qn("w:ascii")) in ("Times New Roman", "Arial"), name
    lead = styles["Run-in Lead"]
    assert lead.type == WD_STYLE_TYPE.CHARACTER
    assert lead.element.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimHei"
    root = part(seed_docx, "word/styles.xml")
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        assert not root.xpath(f"//w:rFonts[@w:{attribute}]", namespaces=NS), attribute
    for style in root.xpath("//w:style[@w:type='paragraph' or @w:type='character']", namespaces=NS):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name != "Default Paragraph Font":
            assert style.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS), name
    assert styles["Heading 1"].element.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_language_body_indent_and_line_pitch(seed_docx):
    root = part(seed_docx, "word/styles.xml")
    lang = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    fonts = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    body = reopen(seed_docx).styles["Body Text"].element
    indent = body.find(qn("w:pPr")).find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    spacing = body.find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "atLeast" and int(spacing.get(qn("w:line"))) >= 400
    settings_root = part(seed_docx, "word/settings.xml")
    assert settings_root.find("w:themeFontLang", NS).get(qn("w:eastAsia")) == "zh-CN"
    assert not root.xpath("//w:i", namespaces=NS), "no italics in CJK styles"


def test_ambiguous_punctuation_is_hinted_east_asian(seed_docx):
    document = part(seed_docx, "word/document.xml")
    quoted = [r for r in document.iter(qn("w:r")) if "“" in "".join(r.itertext())]
    assert quoted
    assert all(r.find("w:rPr/w:rFonts", NS).get(qn("w:hint")) == "eastAsia" for r in quoted)


def test_traditional_page_keeps_its_script():
    page = convert_core.parse(
        "2025年10月8日 星期三 A06 港聞\n\n東區海濱長廊延伸段下月開放\n\n本報訊（記者 陳嘉欣）東區海濱長廊延伸段工程進入最後階段。\n",
        language="zh-Hant",
    )
    page.items.append(
        Photo(caption=["昨日，工人在長廊進行最後階段工程。"], credits=[Contributor("photographer", "黃志明")])
    )
    reopened = reopen(render_one(page, {"docx-toc": True}))
    assert "記者 陳嘉欣" in "".join(paragraphs(reopened, "Byline"))
    assert paragraphs(reopened, "Photo Credit") == ["黃志明 攝"]
    assert paragraphs(reopened, "TOC Heading") == ["目錄"]


def test_traditional_and_english_pages():
    hant = testing.sample_document()
    hant.metadata.language = "zh-Hant"
    root = part(render_one(hant), "word/styles.xml")
    assert root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(qn("w:eastAsia")) == "zh-TW"
    assert root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS).get(qn("w:eastAsia")) == "PMingLiU"
    english = testing.sample_document()
    english.metadata.language = "en"
    data = render_one(english)
    root = part(data, "word/styles.xml")
    assert root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(qn("w:val")) == "en"
    assert not root.xpath("//w:rFonts[@w:hint]", namespaces=NS)
    assert problems_of_bytes(data) == []


# ---------------------------------------------------------------------------- properties and determinism


def test_core_properties(seed, seed_docx):
    props = reopen(seed_docx).core_properties
    assert props.title == seed.title
    assert props.author == "王孟鹤; 和佳佳"
    assert props.subject.startswith(seed.articles[0].headline)
    assert props.language == "zh-CN"
    # the seed's year is inferred: the document does not claim to date from it
    assert props.created == props.modified == dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    dated = reopen(render_one(convert_core.parse(SEED, transform=False, date="2020-04-28"))).core_properties
    assert dated.created == dt.datetime(2020, 4, 27, 16, tzinfo=dt.UTC)  # midnight in Beijing
    assert props.last_modified_by == "bulletin-convert"
    assert props.revision == 1


def test_output_is_byte_identical_and_clock_free(seed, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = render_one(seed)
    assert render_one(seed) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # the year is inferred
    with zipfile.ZipFile(
        io.BytesIO(render_one(convert_core.parse(SEED, transform=False, date="2020-04-28")))
    ) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 4, 28, 0, 0, 0)}  # local time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pinned = render_one(seed)
    assert pinned != first and render_one(seed) == pinned
    assert reopen(pinned).core_properties.modified == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    split = render(seed, {"docx-split": "article"})
    assert split == render(seed, {"docx-split": "article"})


def test_output_is_identical_across_processes(tmp_path):
    digests = set()
    for seed_value in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed_value}
        environment.pop("SOURCE_DATE_EPOCH", None)
        command = [sys.executable, "-m", "convert_core", str(SEED), "--to", "docx", "--docx-toc", "-o", "-", "-q"]
        result = subprocess.run(command, capture_output=True, env=environment, check=True)
        digests.add(result.stdout)
    assert len(digests) == 1


def test_writer_reuses_the_styled_base(seed):
    """The base is built once per process: a warm write of the seed takes a few ms of CPU
    (python-docx's Document() alone takes far more than the bound here)."""
    from bulletin_convert_docx.writer import write

    write(seed, {})
    timings = []
    for _ in range(15):
        start = time.process_time()
        write(seed, {})
        timings.append(time.process_time() - start)
    assert statistics.median(timings) < 0.03


# ---------------------------------------------------------------------------- options


def test_table_of_contents_is_a_real_field(seed):
    data = render_one(seed, {"docx-toc": True})
    root = part(data, "word/document.xml")
    instructions = "".join(root.xpath("//w:instrText/text()", namespaces=NS))
    assert instructions.strip().startswith('TOC \\o "1-1"')
    assert [c.get(qn("w:fldCharType")) for c in root.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
    bookmarks = root.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']/w:bookmarkStart/@w:name", namespaces=NS)
    anchors = root.xpath("//w:hyperlink/@w:anchor", namespaces=NS)
    assert anchors == bookmarks and len(bookmarks) == len(seed.articles)
    reopened = reopen(data)
    assert paragraphs(reopened, "TOC Heading") == ["目录"]
    assert paragraphs(reopened, "toc 1") == [a.headline for a in seed.articles]


def test_article_breaks_by_space_or_page(seed):
    spaced = part(render_one(seed), "word/document.xml")
    assert not spaced.xpath("//w:pageBreakBefore", namespaces=NS)
    # between items, not between a story and the photo linked to it
    assert len(spaced.xpath("//w:p/w:pPr/w:spacing[@w:before]", namespaces=NS)) == len(seed.items) - 2
    paged = part(render_one(seed, {"docx-article-break": "page"}), "word/document.xml")
    assert len(paged.xpath("//w:pageBreakBefore", namespaces=NS)) == len(seed.items) - 2


def test_one_document_per_article(seed):
    files = render(seed, {"docx-split": "article"})
    linked = seed.items[3]  # the photo of 卫东区积极开展爱国卫生月活动: in that story's file
    assert linked.article == seed.items[2].id
    own = [item for item in seed.items if item is not linked]
    assert isinstance(files, dict) and len(files) == len(own)
    for number, ((name, data), item) in enumerate(zip(files.items(), own, strict=True), 1):
        assert re.fullmatch(r"\d\d-[\w-]+\.docx", name) and name.startswith(f"{number:02d}-"), name
        assert item.id in name
        reopened = reopen(data)
        if isinstance(item, Article):
            assert paragraphs(reopened, "Heading 1") == [item.headline]
            assert reopened.core_properties.title == item.headline
            pictures = linked.caption if item is seed.items[2] else []
            assert paragraphs(reopened, "Photo Caption") == pictures
        else:
            assert paragraphs(reopened, "Photo Caption") == item.caption
    hostile = render(testing.hostile_document(), {"docx-split": "article"})
    for name in hostile:
        assert re.fullmatch(r"\d\d-[\w-]+\.docx", name) and ".." not in name and "/" not in name, name


def test_bad_options_are_usage_errors(seed, tmp_path):
    with pytest.raises(UsageError):
        render(seed, {"docx-split": "chapter"})
    with pytest.raises(UsageError, match="reference-docx"):
        render(seed, {"reference-docx": str(tmp_path / "missing.docx")})
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(UsageError, match="not a Word document"):
        render(seed, {"reference-docx": str(junk)})


def make_reference(path: Path) -> None:
    """A user's template as Chinese Word saves it: heading 1 has the id ``1``."""
    template = docx.Document()
    heading = template.styles["Heading 1"]
    heading.font.size = docx.shared.Pt(30)
    heading.element.set(qn("w:styleId"), "1")
    for pointer in template.styles.element.iter(qn("w:basedOn"), qn("w:next"), qn("w:link")):
        if pointer.get(qn("w:val")) == "Heading1":
            pointer.set(qn("w:val"), "1")
    kicker = template.styles.add_style("Kicker", WD_STYLE_TYPE.PARAGRAPH)
    kicker.font.size = docx.shared.Pt(9)
    template.sections[0].page_width = docx.shared.Mm(200)
    template.save(path)


def test_reference_docx_styles_win_and_missing_ones_are_added(seed, tmp_path):
    reference = tmp_path / "house.docx"
    make_reference(reference)
    data = render_one(seed, {"reference-docx": str(reference)})
    assert problems_of_bytes(data) == []
    reopened = reopen(data)
    assert reopened.styles["Heading 1"].style_id == "1"
    assert reopened.styles["Heading 1"].font.size == docx.shared.Pt(30)
    assert reopened.styles["Kicker"].font.size == docx.shared.Pt(9)
    assert paragraphs(reopened, "Heading 1") == [a.headline for a in seed.articles]
    added = reopened.styles["Photo Caption"]  # not in the template: ours, with its fonts
    assert added.element.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "KaiTi"
    assert reopened.sections[0].page_width == docx.Document(str(reference)).sections[0].page_width


def test_a_wide_picture_fits_the_text_width_of_the_reference_template(tmp_path):
    reference = tmp_path / "house.docx"
    make_reference(reference)  # a page 200 mm wide, not A4's 210
    section = docx.Document(str(reference)).sections[0]
    width = section.page_width - section.left_margin - section.right_margin - section.gutter
    for _ in range(2):  # the width is the template's for every document, not only the first
        shapes = reopen(render_one(picture_page(), {"reference-docx": str(reference)})).inline_shapes
        assert shapes[1].width == width and width < (11906 - 2 * 1800) * 635


def test_reference_template_dotx_is_accepted(seed, tmp_path):
    reference = tmp_path / "house.docx"
    make_reference(reference)
    template = tmp_path / "house.dotx"
    with zipfile.ZipFile(reference) as source, zipfile.ZipFile(template, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, data)
    data = render_one(seed, {"reference-docx": str(template)})
    assert reopen(data).styles["Heading 1"].font.size == docx.shared.Pt(30)
    assert problems_of_bytes(data) == []


# ---------------------------------------------------------------------------- pictures

PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def png_picture(width: int, height: int, shade: int = 0):
    """An ImageRef with the bytes of a ``width`` × ``height`` PNG (as the PDF reader makes them)."""
    from convert_core.layout.images import encode_png, image_ref

    rows = [bytes((x * 7 + shade) % 256 for x in range(width * 3)) for _ in range(height)]
    return image_ref(encode_png(rows, width, height), "image/png", width, height)


def jpeg_picture(width: int, height: int):
    from PIL import Image

    from convert_core.layout.images import image_ref

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return image_ref(buffer.getvalue(), "image/jpeg", width, height)


def picture_page() -> Document:
    small, wide, photo = png_picture(40, 30), png_picture(1600, 900, shade=9), jpeg_picture(300, 200)
    return Document(
        metadata=Metadata(language="zh-CN", edition_date="2020-04-28"),
        items=[
            Article(
                headline="卫东区持续完善社区治理",
                body=[Paragraph(text="第一段。"), Figure(caption=["社区工作人员在走访。"], label="图①", image=small)],
            ),
            Photo(caption=["4月26日下午，王云超在冲刷。"], credits=[Contributor("photographer", "高鸿勋")], image=wide),
            Photo(caption=["同一张图又印了一次。"], image=small),
            Photo(caption=["街景。"], image=photo),
            Photo(caption=["只有说明，没有图。"]),  # a picture the input did not carry
        ],
    )


def test_pictures_are_inline_above_their_captions_sized_and_described():
    page = picture_page()
    data = render_one(page)
    assert problems_of_bytes(data) == []
    reopened = reopen(data)
    shapes = reopened.inline_shapes
    assert len(shapes) == 4
    text_width = (11906 - 2 * 1800) * 635
    sizes = [(shape.width, shape.height) for shape in shapes]
    assert sizes[0] == (40 * 9525, 30 * 9525)  # pixels at 96 dpi
    assert sizes[1] == (text_width, round(text_width * 900 / 1600))  # wider than the text: scaled down
    assert sizes[2] == sizes[0] and sizes[3] == (300 * 9525, 200 * 9525)
    styles = [(p.style.name, p.text) for p in reopened.paragraphs]
    pictures = [index for index, (style, _) in enumerate(styles) if style == "Picture"]
    assert len(pictures) == 4
    for index in pictures:  # every picture is its own paragraph, its caption right below
        assert styles[index + 1][0] == "Photo Caption" and styles[index][1] == ""
    assert styles[pictures[0] + 1][1] == "图①\u3000社区工作人员在走访。"
    assert ("Photo Caption", "只有说明，没有图。") in styles and styles[-2][0] != "Picture"
    root = part(data, "word/document.xml")
    described = [element.get("descr") for element in root.iter(f"{{{WP}}}docPr")]
    assert described == [
        "图①\u3000社区工作人员在走访。",
        "4月26日下午，王云超在冲刷。",
        "同一张图又印了一次。",
        "街景。",
    ]
    assert [element.get("id") for element in root.iter(f"{{{WP}}}docPr")] == ["1", "2", "3", "4"]
    # the bytes: one media part per picture, however often it is shown, related and typed
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = sorted(name for name in archive.namelist() if name.startswith("word/media/"))
        assert len(media) == 3
        images = {image.sha256: image for item in page.items for image in [getattr(item, "image", None)] if image}
        small = page.articles[0].body[1].image
        assert archive.read(f"word/media/{small.sha256[:16]}.png") == small.data
        assert {archive.getinfo(name).compress_type for name in media} == {zipfile.ZIP_STORED}
        types = archive.read("[Content_Types].xml")
        assert b'Extension="png" ContentType="image/png"' in types
        assert b'Extension="jpeg" ContentType="image/jpeg"' in types
    assert len(images) == 3
    embeds = [
        blip.get(qn("r:embed")) for blip in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    ]
    assert embeds[0] == embeds[2] and len(set(embeds)) == 3
    related = {rel.rId: rel.target_part.partname for rel in reopened.part.rels.values() if "image" in rel.reltype}
    assert sorted(str(name) for name in related.values()) == sorted(f"/{name}" for name in media)
    assert render_one(picture_page()) == data  # deterministic


def test_pictures_in_documents_per_article_and_without_bytes():
    page = picture_page()
    files = render(page, {"docx-split": "article"})
    assert isinstance(files, dict)
    counts = [len(reopen(data).inline_shapes) for _, data in sorted(files.items())]
    assert counts == [1, 1, 1, 1, 0]
    for data in files.values():
        assert problems_of_bytes(data) == []
    # a document re-read from JSON names its pictures' files but has not their bytes: nothing embedded
    again = convert_core.jsonform.loads(convert_core.export_bytes(page, "json"))
    data = render_one(again)
    assert len(reopen(data).inline_shapes) == 0 and b"word/media" not in data
    without = render_one(Document(metadata=page.metadata, items=[page.items[-1]]))
    assert b"drawingml" not in without and b"wp:" not in without


@pytest.mark.slow
def test_libreoffice_round_trip_keeps_the_pictures(tmp_path):
    soffice = _tool("soffice")
    source = tmp_path / "pictures.docx"
    source.write_bytes(render_one(picture_page()))
    out = tmp_path / "saved"
    out.mkdir()
    reopened = docx.Document(str(_soffice(soffice, "docx:MS Word 2007 XML", source, out)))
    shapes = reopened.inline_shapes
    assert len(shapes) == 4
    expected = [(381000, 285750), ((11906 - 2 * 1800) * 635, round((11906 - 2 * 1800) * 635 * 900 / 1600))]
    for shape, (cx, cy) in zip(shapes, expected):
        assert abs(shape.width - cx) <= 635 * 20 and abs(shape.height - cy) <= 635 * 20  # within a point
    captions = [p.text for p in reopened.paragraphs if p.style.name == "Photo Caption"]
    assert "4月26日下午，王云超在冲刷。" in captions
    blobs = {rel.target_part.blob for rel in reopened.part.rels.values() if "image" in rel.reltype}
    assert len(blobs) == 3


# ---------------------------------------------------------------------------- any document


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.documents())
def test_any_document_reopens(document):
    data = render_one(document)
    reopened = reopen(data)
    assert len(paragraphs(reopened, "Heading 1")) == len(document.articles)
    assert reopened.core_properties.revision == 1


def test_empty_document():
    empty = Document(metadata=Metadata(edition_date="2021-01-02"), items=[])
    data = render_one(empty, {"docx-toc": True})
    assert problems_of_bytes(data) == []
    files = render(empty, {"docx-split": "article"})
    assert isinstance(files, bytes)
    photo_only = Document(items=[Photo(caption=[], credits=[])])
    assert problems_of_bytes(render_one(photo_only)) == []


# ---------------------------------------------------------------------------- rendered


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} not found (apt-get install libreoffice-writer-nogui fonts-noto-cjk poppler-utils)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.mark.slow
def test_libreoffice_renders_the_headlines(seed, seed_docx, tmp_path):
    soffice, pdftotext, pdffonts = _tool("soffice"), _tool("pdftotext"), _tool("pdffonts")
    source = tmp_path / "seed.docx"
    source.write_bytes(seed_docx)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(source)],
        capture_output=True,
        timeout=300,
        check=True,
    )  # fmt: skip
    pdf = tmp_path / "seed.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for article in seed.articles:
        assert "".join(article.headline.split()) in flat, article.headline
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts, f"no CJK font embedded (install fonts-noto-cjk):\n{fonts}"


def _soffice(soffice: str, target: str, source: Path, out: Path) -> Path:
    """``source`` converted by LibreOffice (headless, its own profile) into ``out``."""
    profile = (out / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", str(out),
         str(source)],
        capture_output=True,
        timeout=300,
        check=True,
    )  # fmt: skip
    return out / f"{source.stem}.{target.split(':')[0]}"


@pytest.mark.slow
def test_libreoffice_round_trip_keeps_styles_east_asian_fonts_header_and_page_numbers(tmp_path):
    """Open in LibreOffice, save as DOCX, open again: the named styles with their East Asian
    faces, the zh-CN language, the running header and the page-number field survive."""
    soffice = _tool("soffice")
    page = convert_core.parse(SEED, publication="平顶山日报", page="3")
    source = tmp_path / "page.docx"
    source.write_bytes(render_one(page))
    out = tmp_path / "saved"
    out.mkdir()
    saved = _soffice(soffice, "docx:MS Word 2007 XML", source, out)
    reopened = docx.Document(str(saved))
    styles = {style.name: style for style in reopened.styles}
    for name, face in EXPECTED_STYLES.items():
        if name in ("TOC Heading", "toc 1", "Quote", "Heading 2", "Column Tag", "Source Line", "Editor's Note"):
            continue  # not used on this page: LibreOffice keeps only what it needs
        match = styles.get(name) or styles.get(name.title())
        assert match is not None, f"{name} lost: {sorted(styles)}"
        fonts = match.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face, name
    assert paragraphs(reopened, "Heading 1") == [article.headline for article in page.articles]
    assert [p.text for p in reopened.paragraphs if p.style.name == "Kicker"] == [
        a.kicker for a in page.articles if a.kicker
    ]
    assert 'w:eastAsia="zh-CN"' in reopened.styles.element.xml
    section = reopened.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.header.paragraphs] == ["平顶山日报 2020-04-28（年份推断） 第3版"]
    assert "PAGE" in "".join(section.footer._element.itertext())


@pytest.mark.slow
def test_libreoffice_prints_page_numbers_and_the_running_header_from_page_two(tmp_path):
    soffice, pdftotext = _tool("soffice"), _tool("pdftotext")
    source = tmp_path / "page.docx"
    source.write_bytes(render_one(convert_core.parse(SEED, publication="平顶山日报", page="3")))
    pdf = _soffice(soffice, "pdf", source, tmp_path)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    edition = "平顶山日报2020-04-28（年份推断）第3版"
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[-1] == str(number), lines[-3:]  # the footer's page number
        assert "".join(lines[0].split()) == edition  # page 1: the edition line; then the running header
    assert sum("".join(page.split()).count(edition) for page in pages) == len(pages)


def test_header_footer_parts_and_the_marked_edition_line(seed, seed_docx, tmp_path):
    reopened = reopen(seed_docx)
    section = reopened.sections[0]
    assert section.different_first_page_header_footer  # page one prints the edition line itself
    assert [p.text for p in section.header.paragraphs] == [seed.title]  # no publication: the title
    assert section.header.paragraphs[0].style.name == "Header"
    instructions = "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    assert "PAGE" in "".join(section.first_page_footer._element.itertext())  # page one is numbered too
    # the seed's year is the reader's guess: the edition line says so
    assert paragraphs(reopened, "Edition Line") == ["2020-04-28（年份推断）"]
    assert reopened.core_properties.keywords == ""
    named = reopen(render_one(testing.sample_document())).sections[0]
    assert [p.text for p in named.header.paragraphs] == ["平顶山日报 2020-04-28 第3版 卫东新闻"]
    reference = tmp_path / "house.docx"
    make_reference(reference)
    with_reference = render_one(testing.sample_document(), {"reference-docx": str(reference)})
    assert problems_of_bytes(with_reference) == []
    assert [p.text for p in reopen(with_reference).sections[0].header.paragraphs] == [
        "平顶山日报 2020-04-28 第3版 卫东新闻"
    ]
