"""The EPUB 3 exporter (plugins/epub): content, metadata, navigation, determinism, robustness,
and EPUBCheck's verdict (0 errors, 0 warnings) on the seed, every reader fixture page and
the bundled edition. EPUBCheck runs once for all books (one JVM); without Java it fails in
CI and is skipped elsewhere.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import bulletin_convert_epub
import pytest
from bulletin_convert_epub import validate, writer
from bulletin_convert_epub.xhtml import article_label, photo_label
from hypothesis import HealthCheck, given, settings
from lxml import etree

import convert_core
from convert_core import testing
from convert_core.cli import main as cli_main
from convert_core.errors import UsageError
from convert_core.ids import assign_ids
from convert_core.model import Article, Contributor, Document, Metadata, Paragraph, Photo

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "plugins" / "epub"
SEED = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"
FIXTURE_PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
DATA = ROOT / "tests" / "data" / "epub"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
XHTML = "http://www.w3.org/1999/xhtml"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"h": XHTML, "opf": OPF, "dc": DC, "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
STRICT = etree.XMLParser(resolve_entities=False, no_network=True)


# ---------------------------------------------------------------------------- helpers


def registry():
    return testing.registry_with("bulletin_convert_epub")


def render(document: Document, options: dict | None = None) -> bytes:
    result = testing.render(registry(), "epub", document, options)
    assert isinstance(result, bytes)
    return result


def files(book: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, STRICT)


def opf(book: bytes) -> etree._Element:
    return xml(files(book)["EPUB/content.opf"])


def spine_documents(book: bytes) -> list[etree._Element]:
    content = files(book)
    package = xml(content["EPUB/content.opf"])
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind("opf:manifest/opf:item", NS)}
    return [xml(content["EPUB/" + hrefs[ref.get("idref")]]) for ref in package.iterfind("opf:spine/opf:itemref", NS)]


def nav_labels(book: bytes) -> list[str]:
    nav = xml(files(book)["EPUB/nav.xhtml"])
    toc = nav.find(".//h:nav[@{http://www.idpf.org/2007/ops}type='toc']", NS)
    return ["".join(a.itertext()) for a in toc.iterfind(".//h:a", NS)]


def check_well_formed(book: bytes) -> dict[str, bytes]:
    """The archive is a sound EPUB container: mimetype first and stored, all XML well formed."""
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert not infos[0].extra
    content = files(book)
    for name, data in content.items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            root = xml(data)
            if name.endswith(".xhtml"):
                assert root.get("lang") and root.get("{http://www.w3.org/XML/1998/namespace}lang"), name
                body = root.find("h:body", NS)
                assert body is not None and len(body) > 0, f"{name} has an empty body"
    return content


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return convert_core.parse(SEED)


@pytest.fixture(scope="module")
def seed_book(seed_doc) -> bytes:
    return render(seed_doc)


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# ---------------------------------------------------------------------------- the plugin


def test_descriptor_is_well_formed():
    exporter = registry().exporter("epub")
    assert testing.check_exporter(exporter) == []
    assert (exporter.extension, exporter.media_type, exporter.plugin) == (
        ".epub",
        "application/epub+zip",
        "bulletin_convert_epub",
    )
    assert exporter.writer == "bulletin_convert_epub.writer:write"
    assert exporter.combine == "bulletin_convert_epub.writer:combine"
    assert exporter.load_combine() is writer.combine


def test_entry_point_is_registered():
    from importlib.metadata import entry_points

    found = [entry for entry in entry_points(group="bulletin_convert") if entry.name == "epub"]
    assert [entry.value for entry in found] == ["bulletin_convert_epub"]
    assert "epub" in convert_core.PluginRegistry().exporters()


def test_plugin_module_imports_nothing_heavy():
    code = (
        "import sys, bulletin_convert_epub; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ebooklib', 'lxml', 'zipfile', 'epubcheck')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_licence_is_agpl():
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == "bulletin-convert-epub"
    assert project["license"] == "AGPL-3.0-or-later"
    assert project["entry-points"]["bulletin_convert"] == {"epub": "bulletin_convert_epub"}
    assert any(dep.lower().startswith("ebooklib") for dep in project["dependencies"])
    licence = (PLUGIN / "LICENSE").read_text("utf-8")
    assert "AGPL-3.0-or-later" in licence and "GNU AFFERO GENERAL PUBLIC LICENSE" in licence
    assert "AGPL-3.0-or-later" in (ROOT / "docs" / "formats" / "epub.md").read_text("utf-8")


# ---------------------------------------------------------------------------- content


def test_seed_book_reopens_with_ebooklib(seed_doc, seed_book):
    from ebooklib import ITEM_DOCUMENT, epub

    book = epub.read_epub(io.BytesIO(seed_book))
    # no publication: the lead headline names the book; the inferred date is neither in the
    # title nor in dc:date (the package cannot say it is a guess)
    assert book.title == seed_doc.title == "卫东区持续完善提升社区治理体系和能力"
    assert book.get_metadata("DC", "language")[0][0] == "zh-CN"
    assert book.uid.startswith("urn:uuid:")
    assert book.get_metadata("DC", "date") == []
    creators = [value for value, _ in book.get_metadata("DC", "creator")]
    assert "王孟鹤" in creators
    documents = [item for item in book.get_items_of_type(ITEM_DOCUMENT) if not isinstance(item, epub.EpubNav)]
    # plus the title page; the photo linked to its story is on the story's page
    unlinked = [item for item in seed_doc.items if not (isinstance(item, Photo) and item.article)]
    assert len(unlinked) == len(seed_doc.items) - 1
    assert len(documents) == len(unlinked) + 1
    expected = [
        article_label(item, "zh-CN") if isinstance(item, Article) else photo_label(item, "zh-CN") for item in unlinked
    ]
    assert [link.title for link in book.toc] == expected
    assert expected[0] == "卫东区持续完善提升社区治理体系和能力"
    assert expected[2:4] == ["卫东区积极开展爱国卫生月活动", "卫东区全面开展巡察整改“清零”行动"]
    assert expected[4].startswith("图片：4月24日，林果专家")


def test_seed_nav_ncx_and_spine(seed_doc, seed_book):
    content = check_well_formed(seed_book)
    headlines = [item.headline for item in seed_doc.articles]
    labels = nav_labels(seed_book)
    assert [label for label in labels if label in headlines] == headlines
    assert len(labels) == len(seed_doc.items) - 1  # no entry of its own for the photo linked to its story
    ncx = xml(content["EPUB/toc.ncx"])
    points = ncx.findall(".//ncx:navPoint", NS)
    assert ["".join(p.find("ncx:navLabel/ncx:text", NS).itertext()) for p in points] == labels
    assert ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content") == opf(seed_book).findtext(
        "opf:metadata/dc:identifier", namespaces=NS
    )
    spine = [ref.get("idref") for ref in opf(seed_book).iterfind("opf:spine/opf:itemref", NS)]
    assert spine[:2] == ["p01-title", "nav"] and len(spine) == len(seed_doc.items) + 1
    assert "p01-004" not in spine  # the linked photo (item 4) is on its story's page, p01-003


def test_a_linked_photo_follows_its_storys_text_on_the_storys_page(seed_doc, seed_book):
    content = check_well_formed(seed_book)
    story = xml(content["EPUB/p01-003.xhtml"]).find(".//h:article", NS)
    assert story.findtext("h:header/h:h1", namespaces=NS) == "卫东区积极开展爱国卫生月活动"
    photo = seed_doc.items[3]
    assert photo.article == seed_doc.items[2].id
    figure = story[-1]  # after the story's text, inside the story
    assert figure.tag == f"{{{NS['h']}}}figure" and figure.get("id") == "p01-004"
    assert [p.text for p in figure.iterfind("h:figcaption/h:p", NS)] == [*photo.caption, "高鸿勋 摄"]
    paragraphs = [p for p in story.iterfind("h:p", NS)]
    assert "".join(paragraphs[-1].itertext()) == seed_doc.items[2].paragraphs[-1].text
    assert "EPUB/p01-004.xhtml" not in content
    # the unlinked photo keeps a page of its own
    assert xml(content["EPUB/p01-006.xhtml"]).find(".//h:section[@class='picture']", NS) is not None


def moved_photo_document() -> Document:
    """A titled photo printed above its story, between two photos of their own."""
    story = Article(headline="春季林果管理培训", body=[Paragraph("专家在果园内指导农民管理果树。")])
    photo = Photo(caption=["专家在果园内指导农民。"], title="图片新闻", credits=[Contributor("photographer", "古国凡")])
    loose = [Photo(caption=[f"第{n}张。"], credits=[Contributor("photographer", "某")]) for n in "一二"]
    doc = Document(items=[loose[0], photo, loose[1], story])
    assign_ids(doc)
    photo.article = story.id
    return doc


def test_a_photo_after_a_story_with_its_linked_photo_has_a_page_of_its_own():
    story = Article(headline="甲", body=[Paragraph("正文。")])
    linked = Photo(caption=["甲的图。"], credits=[Contributor("photographer", "某")])
    loose = Photo(caption=["无关的图。"], credits=[Contributor("photographer", "某")])
    doc = Document(items=[story, linked, loose])
    assign_ids(doc)
    linked.article = story.id
    book = render(doc)
    assert nav_labels(book) == ["甲", "图片：无关的图"]
    content = check_well_formed(book)
    assert [f.get("id") for f in xml(content["EPUB/p01-001.xhtml"]).iterfind(".//h:figure", NS)] == ["p01-002"]
    assert xml(content["EPUB/p01-003.xhtml"]).find(".//h:section[@class='picture']", NS) is not None


def test_a_photo_printed_above_its_story_moves_to_the_storys_page_and_the_rest_keeps_its_order():
    book = render(moved_photo_document())
    content = check_well_formed(book)
    # the photos on either side of the linked one now meet: one gallery page
    assert sorted(name for name in content if name.startswith("EPUB/p01-")) == [
        "EPUB/p01-001.xhtml",
        "EPUB/p01-004.xhtml",
        "EPUB/p01-title.xhtml",
    ]
    assert nav_labels(book) == ["图片：第一张", "图片：第二张", "春季林果管理培训"]
    page = xml(content["EPUB/p01-004.xhtml"]).find(".//h:article", NS)
    assert [child.get("class") for child in page][-2:] == ["photo-title", "photo"]
    assert page.findtext("h:h2[@class='photo-title']", namespaces=NS) == "图片新闻"
    assert page.find("h:figure", NS).get("id") == "p01-002"


def test_metadata_roles_modified_and_publisher():
    doc = testing.sample_document()
    package = opf(render(doc))
    meta = package.find("opf:metadata", NS)
    assert meta.findtext("dc:title", namespaces=NS) == "平顶山日报 2020-04-28 第3版 卫东新闻" == doc.title
    assert meta.findtext("dc:publisher", namespaces=NS) == "平顶山日报"
    assert meta.findtext("dc:language", namespaces=NS) == "zh-CN"
    # midnight of the edition date in Beijing, as UTC (which EPUB requires)
    assert meta.findtext("opf:meta[@property='dcterms:modified']", namespaces=NS) == "2020-04-27T16:00:00Z"
    assert meta.findtext("dc:date", namespaces=NS) == "2020-04-28"
    assert meta.findtext("dc:rights", namespaces=NS) == "© 2020 平顶山日报"
    with zipfile.ZipFile(io.BytesIO(render(doc))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 4, 28, 0, 0, 0)}  # the paper's wall clock
    roles = {
        m.get("refines"): m.text
        for m in meta.iterfind("opf:meta[@property='role']", NS)
        if m.get("scheme") == "marc:relators"
    }
    creators = {c.text: roles[f"#{c.get('id')}"] for c in meta.iterfind("dc:creator", NS)}
    contributors = {c.text: roles[f"#{c.get('id')}"] for c in meta.iterfind("dc:contributor", NS)}
    assert creators == {"王孟鹤": "aut", "和佳佳": "aut"}
    assert contributors == {"古国凡": "pht", "高鸿勋": "pht", "李明": "edt"}


def test_an_inferred_date_is_marked_on_the_title_page_and_kept_out_of_the_package(seed_book):
    meta = opf(seed_book).find("opf:metadata", NS)
    assert meta.find("dc:date", NS) is None
    assert meta.findtext("opf:meta[@property='dcterms:modified']", namespaces=NS) == "1980-01-01T00:00:00Z"
    title_page = spine_documents(seed_book)[0]
    assert title_page.findtext(".//h:h1", namespaces=NS) == "卫东区持续完善提升社区治理体系和能力"
    assert title_page.findtext(".//h:p[@class='edition-date']", namespaces=NS) == "2020年4月28日（年份推断）"
    dated = spine_documents(render(convert_core.parse(SEED, date="2020-04-28", publication="平顶山日报")))[0]
    assert dated.findtext(".//h:p[@class='edition-date']", namespaces=NS) == "2020年4月28日 星期二"
    assert dated.findtext(".//h:h1", namespaces=NS) == "平顶山日报"


def test_rights_options_give_dc_rights():
    book = render(testing.sample_document(), {"copyright-holder": "鹰城传媒", "usage-terms": "仅供内部使用。"})
    assert opf(book).findtext("opf:metadata/dc:rights", namespaces=NS) == "© 2020 鹰城传媒 仅供内部使用。"
    assert opf(render(convert_core.parse(SEED))).find("opf:metadata/dc:rights", NS) is None


def test_source_date_epoch_sets_modified(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book = render(testing.sample_document())
    modified = opf(book).findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=NS)
    assert modified == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_article_chapter_structure():
    doc = testing.sample_document()
    chapter = spine_documents(render(doc))[2]
    assert chapter.get("lang") == "zh-CN"
    header = chapter.find(".//h:article/h:header", NS)
    classes = [element.get("class") for element in header]
    assert classes == ["column", "kicker", "headline", "subheadline", "byline"]
    assert header.find("h:h1", NS).text == "卫东区持续完善提升社区治理体系和能力"
    assert "".join(header.find("h:p[@class='byline']", NS).itertext()) == "本报讯（记者 王孟鹤 通讯员 和佳佳）"
    story = chapter.find(".//h:article", NS)
    lead = story.find("h:p/h:b[@class='lead']", NS)
    assert lead.text == "高规格开启巡察整改“清零”行动。" and lead.tail.startswith("该区委巡察组")
    assert story.find("h:h2[@class='subhead']", NS).text == "一、高规格开启整改"
    assert story.find("h:blockquote/h:p", NS).text == "打铁还需自身硬。"
    # an editor's note printed in the body is a note paragraph in its place, before the footer
    assert [p.text for p in story.findall("h:p[@class='note']", NS)] == ["编后：整改不是终点，而是新的起点。"]
    assert story.find("h:footer/h:p[@class='note']", NS).text == "——编者"
    caption = story.find("h:figure/h:figcaption", NS)
    assert [p.text for p in caption.iterfind("h:p", NS)] == ["4月24日，林果专家在果园内指导农民管理果树。", "古国凡 摄"]
    assert story.find("h:footer/h:p[@class='source']", NS).text == "（据新华社）"


def test_photo_chapter_and_title_page():
    doc = testing.sample_document()
    documents = spine_documents(render(doc))
    title = documents[0]
    assert [p.text for p in title.iterfind(".//h:section/*", NS)] == [
        "平顶山日报",
        "2020年4月28日 星期二",
        "第3版 卫东新闻",
        "编辑 李明",
    ]
    doc.photos[0].article = None  # a photo of its own (the sample's is linked to its story)
    photo = spine_documents(render(doc))[3]
    assert photo.find(".//h:h1", NS).text == "图片新闻"
    lines = [p.text for p in photo.iterfind(".//h:figcaption/h:p", NS)]
    assert lines == [*doc.photos[0].caption, "高鸿勋 摄"]


def test_a_gallery_shares_one_page_with_one_nav_entry_per_photo():
    photos = [
        Photo(caption=[f"第{n}张图片的说明。后文"], label=f"图{n}", credits=[Contributor("photographer", "某")])
        for n in "①②③"
    ]
    doc = Document(items=[Article(headline="甲"), *photos, Article(headline="乙")])
    book = render(doc)
    content = check_well_formed(book)
    assert sorted(name for name in content if name.startswith("EPUB/p01-")) == [
        "EPUB/p01-001.xhtml",
        "EPUB/p01-002.xhtml",
        "EPUB/p01-005.xhtml",
        "EPUB/p01-title.xhtml",
    ]
    assert nav_labels(book) == [
        "甲",
        "图片 图①：第①张图片的说明",
        "图片 图②：第②张图片的说明",
        "图片 图③：第③张图片的说明",
        "乙",
    ]
    nav = xml(content["EPUB/nav.xhtml"])
    hrefs = [a.get("href") for a in nav.iterfind(".//h:nav/h:ol/h:li/h:a", NS)]
    assert hrefs[1:4] == ["p01-002.xhtml#p01-002", "p01-002.xhtml#p01-003", "p01-002.xhtml#p01-004"]
    gallery = xml(content["EPUB/p01-002.xhtml"])
    assert [f.get("id") for f in gallery.iterfind(".//h:figure", NS)] == ["p01-002", "p01-003", "p01-004"]
    assert gallery.find(".//h:h1", NS).text == "图片"
    ncx = xml(content["EPUB/toc.ncx"])
    assert [c.get("src") for c in ncx.iterfind(".//ncx:content", NS)][1:4] == hrefs[1:4]


def test_stylesheet_is_fit_for_chinese_news():
    css = files(render(testing.sample_document()))["EPUB/style.css"].decode("utf-8")
    assert "text-indent: 2em" in css
    assert '"Noto Serif CJK SC"' in css and "serif;" in css and '"SimSun"' in css
    for selector in (".kicker", ".subheadline", ".lead", "figcaption", ".credit", "@media"):
        assert selector in css


# ---------------------------------------------------------------------------- options and bundle


def test_options_title_identifier_css():
    doc = testing.sample_document()
    book = render(
        doc, {"epub-title": "晨报<特刊>", "epub-identifier": "urn:isbn:9780000000002", "epub-css": DATA / "plain.css"}
    )
    meta = opf(book).find("opf:metadata", NS)
    assert meta.findtext("dc:title", namespaces=NS) == "晨报<特刊>"
    assert meta.findtext("dc:identifier", namespaces=NS) == "urn:isbn:9780000000002"
    assert files(book)["EPUB/style.css"] == (DATA / "plain.css").read_bytes()
    with pytest.raises(UsageError, match="epub-css"):
        render(doc, {"epub-css": DATA / "missing.css"})


def test_a_users_stylesheet_is_read_once_per_process_and_again_when_it_changes(tmp_path, monkeypatch):
    css = tmp_path / "house.css"
    css.write_text("p { margin: 0; }\n", "utf-8")
    reads = []
    from bulletin_convert_epub import writer

    option_file = writer.option_file
    monkeypatch.setattr(
        writer, "option_file", lambda option, path: reads.append(Path(path).name) or option_file(option, path)
    )
    doc = testing.sample_document()
    books = [render(doc, {"epub-css": css}) for _ in range(3)]
    assert reads.count("house.css") == 1
    assert all(files(book)["EPUB/style.css"] == b"p { margin: 0; }\n" for book in books)
    css.write_text("p { margin: 0 0 1em; }\n", "utf-8")  # edited between two books
    assert files(render(doc, {"epub-css": css}))["EPUB/style.css"] == b"p { margin: 0 0 1em; }\n"


def test_bundle_has_one_section_per_page(seed_doc):
    sample = testing.sample_document()
    book = convert_core.render_many([seed_doc, sample], "epub", registry=registry())
    content = check_well_formed(book)
    nav = xml(content["EPUB/nav.xhtml"]).find(".//h:nav/h:ol", NS)
    sections = nav.findall("h:li", NS)
    assert ["".join(li.find("h:a", NS).itertext()) for li in sections] == [seed_doc.title, sample.title]
    # an entry per item but the photos linked to a story (one on each page)
    assert [len(li.findall("h:ol/h:li", NS)) for li in sections] == [len(seed_doc.items) - 1, len(sample.items) - 1]
    spine = [ref.get("idref") for ref in opf(book).iterfind("opf:spine/opf:itemref", NS)]
    assert spine[:3] == ["edition", "nav", "p01-title"] and "p02-title" in spine
    assert opf(book).findtext("opf:metadata/dc:title", namespaces=NS) == "平顶山日报 2020-04-28（2个版面）"


# ---------------------------------------------------------------------------- determinism and robustness


def test_same_input_gives_identical_bytes(seed_doc, seed_book):
    assert render(seed_doc) == seed_book
    again = convert_core.parse(SEED)
    assert render(again) == seed_book
    with zipfile.ZipFile(io.BytesIO(seed_book)) as archive:
        names = archive.namelist()
        assert len({info.date_time for info in archive.infolist()}) == 1
    assert names[:3] == ["mimetype", "META-INF/container.xml", "EPUB/content.opf"]


def test_identifier_follows_content_not_file_name():
    doc = testing.sample_document()
    ident = opf(render(doc)).findtext("opf:metadata/dc:identifier", namespaces=NS)
    doc.metadata.source.name = "renamed.txt"
    assert opf(render(doc)).findtext("opf:metadata/dc:identifier", namespaces=NS) == ident
    doc.articles[0].headline += "！"
    assert opf(render(doc)).findtext("opf:metadata/dc:identifier", namespaces=NS) != ident


def test_hostile_text_gives_a_sound_book():
    doc = testing.hostile_document()
    content = check_well_formed(render(doc))
    first = xml(content["EPUB/p01-001.xhtml"])
    assert first.find(".//h:h1", NS).text == "<script>alert('x')</script>"
    assert first.find(".//h:script", NS) is None
    assert b"<script>" not in b"".join(content.values())
    assert "Tom & Jerry &amp; &#0; &lt;" in nav_labels(render(doc))


def surrogate_document() -> Document:
    """Text a JSON input or a careless transform may carry: lone surrogates, C1 controls, noncharacters."""
    article = Article(
        headline="标题\ud800半个代理对\udfff",
        kicker="\x85\x9f引题\ufdd0",
        bylines=[Contributor("reporter", "\udc80")],
        body=[Paragraph("正文\U0010ffff\x7f完\ud83d", lead="正文")],
    )
    return Document(metadata=Metadata(publication="\ud800报", language="zh-CN"), items=[article])


def test_lone_surrogates_and_controls_are_dropped():
    content = check_well_formed(render(surrogate_document()))
    chapter = xml(content["EPUB/p01-001.xhtml"])
    assert chapter.find(".//h:h1", NS).text == "标题半个代理对"
    assert chapter.find(".//h:p[@class='kicker']", NS).text == "引题"
    assert "".join(chapter.find(".//h:article/h:p", NS).itertext()) == "正文完"
    assert chapter.find(".//h:p[@class='byline']", NS) is None


def test_empty_articles_and_empty_pages():
    blank = Document(items=[Article(headline=""), Article(headline=" \u200b", body=[Paragraph("")]), Photo()])
    content = check_well_formed(render(blank))
    assert [xml(content[f"EPUB/p01-00{i}.xhtml"]).find(".//h:h1", NS).text for i in (1, 2, 3)] == [
        "（无标题）",
        "（无标题）",
        "图片",
    ]
    empty = check_well_formed(render(Document()))
    assert nav_labels(render(Document())) == ["Untitled page"]
    assert "EPUB/p01-title.xhtml" in empty


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.documents())
def test_any_document_gives_a_sound_book(document):
    book = writer.write(document, {})
    check_well_formed(book)
    stories = {article.id for article in document.articles}
    linked = [photo for photo in document.photos if photo.article in stories]  # on their story's page
    assert len(nav_labels(book)) == max(1, len(document.items) - len(linked))
    assert writer.write(document, {}) == book
    check_well_formed(writer.combine([document, document], {}))


def _gallery(count: int) -> Document:
    """A page of ``count`` captioned photos in a row, between two stories (one page of the
    book, an NCX entry a photo)."""
    photos = [
        Photo(caption=[f"第{n}张图片的说明。"], credits=[Contributor("photographer", "某")]) for n in range(count)
    ]
    document = Document(items=[Article(headline="甲"), *photos, Article(headline="乙")])
    assign_ids(document)
    return document


def _books_built(monkeypatch, make) -> list:
    """The ebooklib books ``make()`` builds, caught before they are packed."""
    built: list = []
    monkeypatch.setattr(writer, "pack", lambda book, *args, **kwargs: built.append(book) or b"")
    make()
    assert built
    return built


def test_the_ncx_is_the_one_ebooklib_makes(monkeypatch, seed_doc):
    """The NCX is made by our writer (ebooklib's walks every entry before each one: a page of
    16,000 photos took 1.2 s in it), element for element and byte for byte ebooklib's own:
    a page, a gallery (links into one document), a bundle (a section per page), play order."""
    from bulletin_convert_epub import package
    from ebooklib import epub

    pages = [convert_core.parse(page) for page in FIXTURE_PAGES[:6]]
    books = _books_built(
        monkeypatch,
        lambda: (
            writer.write(seed_doc, {}),
            writer.write(_gallery(5), {}),
            writer.combine([seed_doc, *pages, Document(), _gallery(3)], {}),
        ),
    )
    for book in books:
        ours = package._Writer("", book, {**package.WRITER_OPTIONS})._get_ncx()
        theirs = epub.EpubWriter("", book, {**package.WRITER_OPTIONS})._get_ncx()
        assert ours == theirs
    book = books[-1]
    first, *_ = book.toc
    book.toc = [(epub.Section("无文件"), [first[1][0], epub.Link("a.xhtml#b", "链接", "l1")]), *book.toc]
    for options in (package.WRITER_OPTIONS, {}):  # a section of no document, no play order
        ours = package._Writer("", book, {**options})._get_ncx()
        assert ours == epub.EpubWriter("", book, {**options})._get_ncx()
        assert b'id="sep_0"' in ours and (b"playOrder" in ours) == bool(options)


def test_writer_is_fast_on_the_seed(seed_doc):
    writer.write(seed_doc, {})
    times = []
    for _ in range(30):
        start = time.process_time()
        writer.write(seed_doc, {})
        times.append(time.process_time() - start)
    assert statistics.median(times) < 0.03


# ---------------------------------------------------------------------------- EPUBCheck


def _books(directory: Path) -> dict[str, Path]:
    """Every book EPUBCheck must pass: seed, fixture pages, the bundled edition, odd input."""
    books: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        books[name] = directory / f"{name}.epub"
        books[name].write_bytes(data)

    for page in [SEED, *FIXTURE_PAGES]:
        put(f"page-{page.stem}", writer.write(convert_core.parse(page), {}))
    bundle_dir = directory / "bundle"
    inputs = [str(page) for page in [SEED, *FIXTURE_PAGES]]
    assert cli_main([*inputs, "--to", "epub", "--bundle", "-q", "-o", str(bundle_dir)]) == 0
    books["bundle"] = bundle_dir / f"{SEED.stem}-bundle.epub"
    english = testing.sample_document()
    english.metadata.language = "en"
    put("sample", writer.write(testing.sample_document(), {}))
    put("moved-photo", writer.write(moved_photo_document(), {}))
    put("gallery", writer.write(_gallery(4), {}))
    put("hostile", writer.write(testing.hostile_document(), {}))
    put("surrogates", writer.write(surrogate_document(), {}))
    put("empty", writer.write(Document(metadata=Metadata(language="not a tag")), {}))
    put("mixed-bundle", writer.combine([testing.hostile_document(), english, Document()], {}))
    return books


BOOK_NAMES = [f"page-{page.stem}" for page in [SEED, *FIXTURE_PAGES]] + [
    "bundle",
    "sample",
    "moved-photo",
    "gallery",
    "hostile",
    "surrogates",
    "empty",
    "mixed-bundle",
]


def _with_loose_date(book: bytes) -> bytes:
    """``book`` with a ``dc:date`` EPUBCheck only warns about (OPF-053), exiting 0."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".opf"):
                data = data.replace(b"<dc:language>", b"<dc:date>April 2020</dc:date><dc:language>", 1)
            target.writestr(info, data)
    return buffer.getvalue()


def _require_epubcheck() -> None:
    try:
        validate.jar_path(), validate.java_path()
    except validate.EpubCheckUnavailable as exc:
        if IN_CI:
            pytest.fail(f"EPUBCheck must run in CI: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def epubcheck_problems(tmp_path_factory, seed_book) -> tuple[dict[str, Path], list[str]]:
    """All books checked in one EPUBCheck run, through the ``validate_output`` hook
    (as ``convert --validate`` does), plus one book with a warning the hook must report."""
    _require_epubcheck()
    directory = tmp_path_factory.mktemp("epubcheck")
    books = _books(directory)
    books["loose-date"] = directory / "loose-date.epub"
    books["loose-date"].write_bytes(_with_loose_date(seed_book))
    reg = testing.registry_with("bulletin_convert_epub")
    problems = reg.validate(reg.exporter("epub"), list(books.values()), {})
    assert problems is not None
    return books, problems


def _problems_of(path: Path, problems: list[str]) -> list[str]:
    prefix = f"{path.resolve()}: "
    return [problem[len(prefix) :] for problem in problems if problem.startswith(prefix)]


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_epubcheck_finds_no_error_or_warning(epubcheck_problems, name):
    books, problems = epubcheck_problems
    assert _problems_of(books[name], problems) == []


def test_validate_output_hook_reports_warnings(epubcheck_problems):
    books, problems = epubcheck_problems
    found = _problems_of(books["loose-date"], problems)
    assert len(found) == 1 and found[0].startswith("WARNING(OPF-053) ") and "April 2020" in found[0]
    json_exporter = testing.registry_with("bulletin_convert_json").exporter("json")
    assert bulletin_convert_epub.validate_output(exporter=json_exporter, paths=[], options={}) is None


@pytest.mark.slow
def test_validation_falls_back_to_one_jvm_per_book(tmp_path, seed_book, monkeypatch):
    _require_epubcheck()
    loose = tmp_path / "loose.epub"
    loose.write_bytes(_with_loose_date(seed_book))
    monkeypatch.setattr(validate, "SERVER_SOURCE", tmp_path / "missing" / "EpubCheckServer.java")
    (report,) = validate.check([loose])
    assert [message.id for message in report.warnings] == ["OPF-053"]
    assert report.exit_code == 0 and not report.errors and not report.ok


def test_one_epubcheck_jvm_serves_every_call_of_a_process(tmp_path, seed_book):
    """A batch with --validate checks one page per call: the JVM started by the first call
    answers the later ones (a JVM start costs seconds); a forked child starts its own."""
    _require_epubcheck()
    book = tmp_path / "book.epub"
    book.write_bytes(seed_book)
    (first,) = validate.check([book])
    server = validate._server
    assert first.ok and server is not None and server.alive()
    (second,) = validate.check([book])
    assert second.ok and validate._server is server and server.alive()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            (report,) = validate.check([book])
            other = validate._server is not server and validate._server.pid == os.getpid()
            os.write(write, b"ok" if report.ok and other else b"bad")
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    assert os.read(read, 10) == b"ok"
    os.close(read)
    assert server.alive()  # the parent's JVM is untouched


def test_jvm_chatter_and_awkward_paths_do_not_confuse_the_epubcheck_jvm(tmp_path, seed_book, monkeypatch):
    """Lines the JVM itself prints on stdout (here its GC log) are not answers, and a book
    whose path cannot travel on one protocol line (a tab in it) is checked on its own."""
    _require_epubcheck()
    validate._stop_server()  # a JVM of our own, started with the option below
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-Xlog:gc")
    good = tmp_path / "good.epub"
    good.write_bytes(seed_book)
    loose = tmp_path / "odd\tname.epub"
    loose.write_bytes(_with_loose_date(seed_book))
    reports = validate.check([good, loose, good])
    assert [report.ok for report in reports] == [True, False, True]
    assert [message.id for message in reports[1].warnings] == ["OPF-053"]
    assert all(report.exit_code != -1 for report in reports)
    validate._stop_server()


def test_validation_without_java_is_not_a_verdict(tmp_path, seed_book, monkeypatch):
    book = tmp_path / "book.epub"
    book.write_bytes(seed_book)
    monkeypatch.setenv("BULLETIN_CONVERT_JAVA", str(tmp_path / "no-java"))
    exporter = registry().exporter("epub")
    assert bulletin_convert_epub.validate_output(exporter=exporter, paths=[book], options={}) is None
    with pytest.raises(validate.EpubCheckUnavailable):
        validate.check([book])


@pytest.mark.parametrize("jar", ["x" * 5000, "a/" * 3000 + "epubcheck.jar"])
def test_an_epubcheck_jar_path_no_file_system_takes_is_unavailable(monkeypatch, jar):
    """A jar path too long for any file system is EPUBCheck unavailable, not an OSError from
    the lookup (every page failed with a plugin error)."""
    monkeypatch.setenv("BULLETIN_CONVERT_EPUBCHECK_JAR", jar)
    with pytest.raises(validate.EpubCheckUnavailable):
        validate.jar_path()


def test_a_validation_that_times_out_is_a_fatal_problem(tmp_path, seed_book):
    _require_epubcheck()
    book = tmp_path / "book.epub"
    book.write_bytes(seed_book)
    (report,) = validate.check([book], timeout=0.2)
    assert report.exit_code == -1 and not report.ok
    assert [str(m) for m in report.problems] == ["FATAL(EPUBCHECK): EPUBCheck did not run: timed out after 0.2 s"]


# ---------------------------------------------------------------------------- the rendering tool


def _render_tool():
    sys.path.insert(0, str(PLUGIN / "tools"))
    try:
        import render_chapter
    finally:
        sys.path.remove(str(PLUGIN / "tools"))
    return render_chapter


def test_render_tool_picks_chapters():
    tool = _render_tool()
    names = ["EPUB/p01-title.xhtml", "EPUB/p01-001.xhtml", "EPUB/p01-002.xhtml", "EPUB/nav.xhtml"]
    assert tool.chapter_file(names, "0") == "EPUB/p01-title.xhtml"
    assert tool.chapter_file(names, "2") == "EPUB/p01-002.xhtml"
    assert tool.chapter_file(names, "nav") == "EPUB/nav.xhtml"
    with pytest.raises(SystemExit):
        tool.chapter_file(names, "7")


@pytest.mark.slow
def test_render_tool_makes_a_png(tmp_path, capsys):
    tool = _render_tool()
    try:
        tool.find_browser()
    except SystemExit:
        if IN_CI:
            pytest.fail("the rendered check must run in CI: apt-get install chromium fonts-noto-cjk")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    assert tool.main([str(SEED), "--chapter", "5", "--out", str(tmp_path)]) == 0
    png = Path(capsys.readouterr().out.strip())
    assert png.parent == tmp_path and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _reader_tool():
    sys.path.insert(0, str(PLUGIN / "tools"))
    try:
        import read_book
    finally:
        sys.path.remove(str(PLUGIN / "tools"))
    return read_book


def _read_in_chromium(book: bytes, tmp_path: Path) -> dict:
    tool = _reader_tool()
    try:
        tool.find_browser()
    except SystemExit:
        if IN_CI:
            pytest.fail("the reading-system check must run in CI: apt-get install chromium fonts-noto-cjk")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    path = tmp_path / "book.epub"
    path.write_bytes(book)
    return tool.read(path)


def _in_order(text: str, parts: list[str]) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


@pytest.mark.slow
def test_chromium_reads_the_book_like_a_reading_system(seed_doc, seed_book, tmp_path):
    """Chromium's XHTML engine opens the book through its container, package and spine, as
    a reading system does: every document parses as XHTML, in Chinese, set in a CJK face,
    showing the page's text in reading order; every contents entry leads somewhere."""
    report = _read_in_chromium(seed_book, tmp_path)
    documents = report["documents"]
    assert [doc["href"] for doc in documents] == [f"book/{href}" for href in report["spine"]]
    assert report["spine"][:2] == ["EPUB/p01-title.xhtml", "EPUB/nav.xhtml"]
    for doc in documents:
        assert doc["contentType"] == "application/xhtml+xml" and not doc["parserError"], doc["href"]
        assert doc["lang"] == "zh-CN" and doc["stylesheets"] == 1
        assert doc["text"].strip(), doc["href"]
    title_page = documents[0]["text"]
    assert _in_order(title_page, [seed_doc.articles[0].headline, "2020年4月28日（年份推断）"])
    chapters = documents[2:]
    articles = [doc for doc in chapters if doc["font"] and "Serif CJK SC" in doc["font"]]
    assert len(articles) == len(seed_doc.articles)  # body text in the CJK serif of the style sheet
    for doc, article in zip(articles, seed_doc.articles, strict=True):
        expected = [
            article.kicker,
            article.headline,
            article.subheadline,
            "本报讯",
            *(p.text for p in article.paragraphs),
        ]
        assert _in_order(doc["text"], [part for part in expected if part]), article.headline
    everything = "".join(doc["text"] for doc in chapters)
    for photo in seed_doc.photos:
        assert all(line in everything for line in photo.caption)
    assert report["links"] and all(link["found"] for link in report["links"]), report["links"]


@pytest.mark.slow
def test_chromium_reads_a_traditional_bundle(tmp_path):
    first = testing.sample_document()
    second = testing.sample_document()
    second.metadata.language = "zh-TW"
    second.metadata.page = "4"
    book = convert_core.render_many([first, second], "epub")
    report = _read_in_chromium(book, tmp_path)
    assert report["spine"][0] == "EPUB/edition.xhtml"
    assert not any(doc["parserError"] for doc in report["documents"])
    langs = {doc["href"].split("/")[-1][:3]: doc["lang"] for doc in report["documents"]}
    assert langs["p01"] == "zh-CN" and langs["p02"] == "zh-TW"
    fonts = [doc["font"] for doc in report["documents"] if doc["href"].startswith("book/EPUB/p02-") and doc["font"]]
    assert fonts and all("TC" in font for font in fonts)  # the traditional faces
    assert all(link["found"] for link in report["links"])
