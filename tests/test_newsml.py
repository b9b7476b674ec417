"""The NewsML-G2 exporter: schema validity of every page, content mapping, determinism, options, CLI."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import bulletin_convert_newsml
import pytest
from bulletin_convert_newsml.validation import SCHEMA_DIR, problems
from hypothesis import HealthCheck, given, settings
from lxml import etree

from convert_core import Article, Contributor, Document, Figure, Metadata, Paragraph, Photo, UsageError, parse, testing
from convert_core.ids import assign_ids
from convert_core.plugins import BUILTIN_PLUGINS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / testing.SEED_NAME
FIXTURE_PAGES = [SEED, *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))]
NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "h": "http://www.w3.org/1999/xhtml"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TIME_RE = re.compile(rb"<(sent|versionCreated|firstCreated)>[^<]*</")


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def registry():
    return testing.registry_with(bulletin_convert_newsml)


def render(document: Document, **options) -> bytes | dict[str, bytes]:
    return testing.render(registry(), "newsml", document, options)


def tree(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def items(root: etree._Element, kind: str = "newsItem") -> list[etree._Element]:
    return root.findall(f"n:itemSet/n:{kind}", NS)


def text_of(item: etree._Element, path: str) -> list[str]:
    return [node.text or "" for node in item.findall(path, NS)]


def seed() -> Document:
    return parse(SEED, transform=False)


def item_for(root: etree._Element, item_id: str) -> etree._Element:
    (found,) = [item for item in items(root) if f"-{item_id}-" in item.get("guid")]
    return found


# -- the descriptor and the plugin's packaging -------------------------------------------


def test_descriptor_is_well_formed_and_lazy():
    exporter = registry().exporter("newsml")
    assert testing.check_exporter(exporter) == []
    assert (exporter.extension, exporter.media_type) == (".newsml.xml", "application/vnd.iptc.g2.newsmessage+xml")
    assert exporter.writer == "bulletin_convert_newsml.writer:write"
    assert {option.name for option in exporter.options} == {
        "newsml-per-item",
        "guid-authority",
        "copyright-holder",
        "copyright-notice",
        "usage-terms",
    }


def test_registered_like_a_third_party_plugin():
    entry_points = {(ep.name, ep.value) for ep in importlib.metadata.entry_points(group="bulletin_convert")}
    assert ("newsml", "bulletin_convert_newsml") in entry_points
    assert ("newsml", "bulletin_convert_newsml") in BUILTIN_PLUGINS


def test_schemas_ship_inside_the_package():
    names = {path.name for path in SCHEMA_DIR.iterdir()}
    assert {"NewsML-G2_2.35-spec-All-Power.xsd", "xml.xsd", "LICENSE", "PROVENANCE.md"} <= names
    assert SCHEMA_DIR.parent == Path(bulletin_convert_newsml.__file__).resolve().parent


def test_registering_and_exporting_json_import_nothing_heavy(tmp_path):
    code = (
        "import sys\n"
        "from convert_core.cli import main\n"
        f"code = main([{str(SEED)!r}, '--to', 'json', '-o', {str(tmp_path)!r}, '-q'])\n"
        "heavy = sorted({'lxml', 'pypinyin', 'jsonschema'} & {name.split('.')[0] for name in sys.modules})\n"
        "print(code, heavy)\n"
    )
    env = {**os.environ, "BULLETIN_CONVERT_PLUGINS": "json,newsml,ninjs"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "0 []", result.stderr


# -- validity ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda path: path.name)
def test_every_fixture_page_is_valid(page):
    document = parse(page, transform=False)
    assert problems(render(document)) == []
    files = render(document, newsml_per_item=True)
    assert len(files) == len(document.items) + 1
    for name, data in files.items():
        assert problems(data) == [], name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.documents())
def test_any_document_gives_valid_newsml(document):
    assert problems(render(document)) == []
    for data in render(document, newsml_per_item=True).values():
        assert problems(data) == []


def test_hostile_text_is_kept_as_text_and_valid():
    document = testing.hostile_document()
    data = render(document)
    assert problems(data) == []
    for data_item in render(document, newsml_per_item=True).values():
        assert problems(data_item) == []
    root = tree(data)
    headlines = [h for item in items(root) for h in text_of(item, "n:contentMeta/n:headline")]
    assert "<script>alert('x')</script>" in headlines
    assert "]]> <![CDATA[ x ]]>" in headlines
    assert "控制字符" in headlines  # C0, DEL and C1 controls dropped
    assert b"<script>" not in data and b"\x00" not in data


WEIRD = "a\ud800b\udfffc\ufffe\x00\r\n\t]]>&<\u2028\ufdd0\U0010ffff end"


def weird_document() -> Document:
    """Lone surrogates, noncharacters, NUL, line breaks and markup in every field."""
    article = Article(
        headline=WEIRD,
        kicker=WEIRD,
        subheadline=WEIRD,
        dateline=WEIRD,
        column=WEIRD,
        bylines=[Contributor("reporter", WEIRD)],
        body=[Paragraph(WEIRD, lead=WEIRD), Figure(caption=[WEIRD], credits=[Contributor("photographer", WEIRD)])],
        sources=[WEIRD],
        notes=[WEIRD],
        id=WEIRD,
    )
    photo = Photo(caption=[WEIRD, WEIRD], credits=[Contributor("photographer", WEIRD)], title=WEIRD, id=WEIRD)
    meta = Metadata(publication=WEIRD, page=WEIRD, section=WEIRD, language=WEIRD, edition_date="2020-02-30")
    return Document(metadata=meta, items=[article, photo])


def test_surrogates_noncharacters_and_line_breaks_give_valid_xml():
    data = render(weird_document())
    assert problems(data) == []
    assert all(problems(item) == [] for item in render(weird_document(), newsml_per_item=True).values())
    root = tree(data)
    headline = items(root)[0].findtext("n:contentMeta/n:headline", namespaces=NS)
    assert (
        headline == "abc ]]>&<\u2028 end"
    )  # one line, noncharacters dropped: no tab, CR or LF in a g2normalizedString
    assert root.findtext("n:header/n:sent", namespaces=NS) == "1980-01-01T00:00:00Z"  # no valid edition date


def test_empty_page_and_unusual_language_are_valid():
    document = Document(metadata=Metadata(language="中文", edition_date="0001-01-01"))
    root = tree(render(document))
    assert problems(etree.tostring(root)) == []
    assert root.find("n:itemSet/n:packageItem", NS).get(XML_LANG) == "und"
    assert root.findtext("n:header/n:sent", namespaces=NS) == "0001-01-01T00:00:00Z"


# -- determinism and the clock -------------------------------------------------------------


def test_same_input_gives_byte_identical_output():
    assert render(seed()) == render(seed())
    assert render(seed(), newsml_per_item=True) == render(seed(), newsml_per_item=True)


def dated_seed() -> Document:
    return parse(SEED, transform=False, date="2020-04-28")


def test_times_come_from_the_edition_date_in_its_time_zone_or_source_date_epoch(monkeypatch):
    plain = render(dated_seed())
    assert set(TIME_RE.findall(plain)) == {b"sent", b"versionCreated", b"firstCreated"}
    # midnight in Beijing, where the paper is printed: not 00:00Z, which is 08:00 there
    assert set(re.findall(rb"<(?:sent|versionCreated|firstCreated)>([^<]*)<", plain)) == {b"2020-04-28T00:00:00+08:00"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render(dated_seed())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = render(dated_seed())
    assert first != second
    assert b"2023-11-14T22:13:20Z" in first and b"2027-01-15T08:00:00Z" in second
    assert TIME_RE.sub(b"<time></", first) == TIME_RE.sub(b"<time></", second) == TIME_RE.sub(b"<time></", plain)


def test_threads_give_the_same_valid_output():
    document = seed()
    expected = render(document)

    def job(_: int) -> bool:
        data = render(document)
        return data == expected and problems(data) == []

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(job, range(16)))


# -- the seed's content ---------------------------------------------------------------------


def groups_of(package: etree._Element) -> dict[str, etree._Element]:
    return {group.get("id"): group for group in package.findall("n:groupSet/n:group", NS)}


def reading_order(package: etree._Element) -> list[etree._Element]:
    """The package's ``itemRef``s as a reader walks it: from the root group, each
    ``groupRef`` replaced by the refs of the group it names."""
    groups = groups_of(package)

    def walk(group: etree._Element):
        for child in group:
            if child.tag == f"{{{NS['n']}}}groupRef":
                yield from walk(groups[child.get("idref")])
            else:
                assert child.tag == f"{{{NS['n']}}}itemRef"
                yield child

    return list(walk(groups[package.find("n:groupSet", NS).get("root")]))


def test_package_lists_the_page_items_in_reading_order():
    document = seed()
    root = tree(render(document))
    (package,) = items(root, "packageItem")
    assert package.find("n:itemMeta/n:itemClass", NS).get("qcode") == "ninat:composite"
    page = groups_of(package)[package.find("n:groupSet", NS).get("root")]
    assert (page.get("id"), page.get("role"), page.get("mode")) == ("G1", "bcgroup:page", "pgrmod:seq")
    refs = reading_order(package)
    news_items = items(root)
    assert [ref.get("residref") for ref in refs] == [item.get("guid") for item in news_items]
    expected = ["ninat:text" if isinstance(item, Article) else "ninat:picture" for item in document.items]
    assert [ref.find("n:itemClass", NS).get("qcode") for ref in refs] == expected
    assert [item.find("n:itemMeta/n:itemClass", NS).get("qcode") for item in news_items] == expected
    assert [item.get("guid").rsplit("-p0-", 1)[1].rsplit("-", 1)[0] for item in news_items] == [
        item.id for item in document.items
    ]


def test_a_story_and_its_linked_photo_are_a_group_of_their_own():
    """The seed's first photo belongs to 卫东区积极开展爱国卫生月活动: the page group refers to a
    story group (bag) holding the article's itemRef, then the photo's; the other items are
    listed in the page group as before, the photo not again."""
    document = seed()
    article, photo = document.items[2], document.items[3]
    assert (article.headline, photo.article) == ("卫东区积极开展爱国卫生月活动", article.id)
    root = tree(render(document))
    (package,) = items(root, "packageItem")
    guid = {item.id: news.get("guid") for item, news in zip(document.items, items(root), strict=True)}
    groups = groups_of(package)
    assert list(groups) == ["G1", "G2"]
    page, story = groups["G1"], groups["G2"]
    assert (story.get("role"), story.get("mode")) == ("bcgroup:story", "pgrmod:bag")
    assert [ref.get("residref") for ref in story.findall("n:itemRef", NS)] == [guid[article.id], guid[photo.id]]
    assert [ref.findtext("n:title", namespaces=NS) for ref in story] == [article.headline, photo.caption[0][:24] + "…"]
    listed = [child.get("idref") or child.get("residref") for child in page]
    assert listed == ["G2" if item is article else guid[item.id] for item in document.items if item is not photo]
    assert all(len(group) for group in groups.values())


def test_a_linked_picture_links_to_its_story_and_the_others_link_nowhere():
    document = seed()
    root = tree(render(document))
    article = document.items[2]
    linked = item_for(root, document.items[3].id)
    (link,) = linked.findall("n:itemMeta/n:link", NS)
    assert link.get("rel") == "irel:seeAlso"
    assert link.get("residref") == item_for(root, article.id).get("guid")
    assert link.get("contenttype") == "application/vnd.iptc.g2.newsitem+xml" and link.get("version") == "1"
    assert link.find("n:itemClass", NS).get("qcode") == "ninat:text"
    assert link.findtext("n:title", namespaces=NS) == article.headline
    assert len(root.findall(".//n:link", NS)) == 1  # the unlinked photos and the articles have none


def test_a_photo_printed_above_its_story_is_grouped_with_it_in_the_storys_place():
    article = Article(headline="春季林果管理培训", body=[Paragraph("专家在果园内指导农民管理果树。")])
    before = Photo(caption=["专家在果园内指导农民。"], credits=[Contributor("photographer", "古国凡")])
    other = Article(headline="另一篇", body=[Paragraph("正文。")])
    document = Document(metadata=Metadata(publication="平顶山日报", page="3"), items=[before, other, article])
    assign_ids(document)
    before.article = article.id
    data = render(document)
    assert problems(data) == []
    root = tree(data)
    (package,) = items(root, "packageItem")
    guid = {item.id: news.get("guid") for item, news in zip(document.items, items(root), strict=True)}
    page = groups_of(package)["G1"]
    assert [child.get("idref") or child.get("residref") for child in page] == [guid[other.id], "G2"]
    assert [ref.get("residref") for ref in reading_order(package)] == [
        guid[other.id],
        guid[article.id],
        guid[before.id],
    ]
    # the newsItems keep the page's order: only the package says where the picture goes
    assert [news.get("guid") for news in items(root)] == [guid[item.id] for item in document.items]


def test_a_link_to_no_article_of_the_page_changes_nothing():
    document = seed()
    document.items[3].article = "a-not-on-this-page"
    root = tree(render(document))
    (package,) = items(root, "packageItem")
    assert list(groups_of(package)) == ["G1"] and not root.findall(".//n:link", NS)


def test_item_attributes_and_metadata():
    root = tree(render(seed()))
    for item in [*items(root, "packageItem"), *items(root)]:
        assert item.get("standard") == "NewsML-G2"
        assert (item.get("standardversion"), item.get("conformance"), item.get("version")) == ("2.35", "power", "1")
        assert item.get(XML_LANG) == "zh-CN"
        assert item.find("n:catalogRef", NS).get("href").startswith("http://www.iptc.org/std/catalog/")
        aliases = {scheme.get("alias") for scheme in item.findall("n:catalog/n:scheme", NS)}
        assert {"bchlrole", "bcrole", "bckwrole", "bcgroup"} <= aliases
        meta = item.find("n:itemMeta", NS)
        assert meta.find("n:pubStatus", NS).get("qcode") == "stat:usable"
        assert meta.find("n:provider", NS) is not None


def test_an_inferred_edition_date_is_not_stated_as_a_time_but_noted():
    """The seed's year is a guess of the reader: no time element states it, an edNote says it."""
    data = render(seed())
    assert b"2020-04-28T" not in data
    root = tree(data)
    assert root.findtext("n:header/n:sent", namespaces=NS) == "1980-01-01T00:00:00Z"  # the documented unknown
    for item in [*items(root, "packageItem"), *items(root)]:
        meta = item.find("n:itemMeta", NS)
        assert meta.findtext("n:versionCreated", namespaces=NS) == "1980-01-01T00:00:00Z"
        assert meta.find("n:firstCreated", NS) is None
        assert meta.findtext("n:edNote", namespaces=NS) == "版面日期 2020-04-28 为推断：月、日取自正文，年份为推测。"
    dated = tree(render(dated_seed()))
    assert all(item.find("n:itemMeta/n:edNote", NS) is None for item in items(dated))


def test_header_has_a_priority():
    root = tree(render(seed()))
    assert [child.tag.split("}")[1] for child in root.find("n:header", NS)] == ["sent", "priority"]
    assert root.findtext("n:header/n:priority", namespaces=NS) == "6"


def test_headline_roles_dateline_by_and_slugline():
    """The first headline is the main one, without a role (readers that take one headline
    take the first); the kicker and subheadline follow with theirs."""
    root = tree(render(seed()))
    first = item_for(root, "a-941001ff67")
    roles = [(h.get("role"), h.text) for h in first.findall("n:contentMeta/n:headline", NS)]
    assert roles == [
        (None, "卫东区持续完善提升社区治理体系和能力"),
        ("bchlrole:kicker", "持续夯实基层基础 有效整合各方资源"),
    ]
    assert first.findtext("n:contentMeta/n:dateline", namespaces=NS) == "本报讯"
    assert first.findtext("n:contentMeta/n:by", namespaces=NS) == "记者 王孟鹤"
    assert first.findtext("n:contentMeta/n:slugline", namespaces=NS).startswith("wei-dong-qu-chi-xu-wan-shan")
    assert first.find("n:contentMeta/n:language", NS).get("tag") == "zh-CN"
    assert first.find("n:contentMeta/n:located", NS) is None  # 本报讯 names no place
    cleared = item_for(root, "a-0adb95d37a")
    assert [h.get("role") for h in cleared.findall("n:contentMeta/n:headline", NS)] == [None, "bchlrole:subheadline"]
    assert cleared.findall("n:contentMeta/n:headline", NS)[1].text == "覆盖41个被巡察单位"
    for item in items(root):
        slug = item.findtext("n:contentMeta/n:slugline", namespaces=NS)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 48


def test_bylines_become_creators_and_contributors_with_roles():
    root = tree(render(seed()))
    meta = item_for(root, "a-0adb95d37a").find("n:contentMeta", NS)
    creators = [(c.get("role"), c.findtext("n:name", namespaces=NS)) for c in meta.findall("n:creator", NS)]
    contributors = [(c.get("role"), c.findtext("n:name", namespaces=NS)) for c in meta.findall("n:contributor", NS)]
    assert creators == [("bcrole:reporter", "王孟鹤")]
    assert contributors == [("bcrole:correspondent", "和佳佳")]


def test_photos_are_pictures_with_headline_photographer_caption_and_no_invented_file():
    document = seed()
    data = render(document)
    root = tree(data)
    assert b"remoteContent" not in data and b"href=" not in data.replace(b"catalogRef href=", b"")
    photos = [item for item in items(root) if item.find("n:itemMeta/n:itemClass", NS).get("qcode") == "ninat:picture"]
    assert len(photos) == len(document.photos) == 3
    for element, photo in zip(photos, document.photos):
        meta = element.find("n:contentMeta", NS)
        (creator,) = meta.findall("n:creator", NS)
        assert creator.get("role") == "bcrole:photographer"
        assert creator.findtext("n:name", namespaces=NS) == photo.credits[0].name
        (caption,) = meta.findall("n:description", NS)
        assert caption.get("role") == "drol:caption"
        assert caption.text == "\n".join(photo.caption)
        assert meta.findtext("n:creditline", namespaces=NS) == f"{photo.credits[0].name} 摄"
        assert meta.findtext("n:headline", namespaces=NS) == photo.caption[0][:24] + "…"
        (content_set,) = element.findall("n:contentSet", NS)
        assert len(content_set) == 0  # where a remoteContent goes once the page carries the image


def test_article_body_is_xhtml_in_inline_xml():
    document = seed()
    root = tree(render(document))
    article = document.articles[0]
    inline = item_for(root, article.id).find("n:contentSet/n:inlineXML", NS)
    assert inline.get("contenttype") == "application/xhtml+xml"
    (html,) = inline
    assert html.tag == "{http://www.w3.org/1999/xhtml}html" and html.get(XML_LANG) == "zh-CN"
    assert html.findtext("h:head/h:title", namespaces=NS) == article.headline
    body = html.find("h:body", NS)
    # a flat run of text-only elements: no wrapper, no headline (it is in contentMeta)
    assert [(child.tag.split("}")[1], len(child)) for child in body] == [("p", 0)] * (len(article.paragraphs) + 1)
    assert [p.text for p in body] == ["本报讯（记者 王孟鹤）", *[p.text for p in article.paragraphs]]
    assert body[0].get("class") == "byline"


def test_sample_document_keywords_figures_and_blocks():
    document = testing.sample_document()
    root = tree(render(document))
    article = document.articles[0]
    meta = item_for(root, article.id).find("n:contentMeta", NS)
    keywords = [(k.get("role"), k.text) for k in meta.findall("n:keyword", NS)]
    assert keywords == [("bckwrole:column", "走进新时代·基层见闻"), ("bckwrole:section", "卫东新闻")]
    contributors = [(c.get("role"), c.findtext("n:name", namespaces=NS)) for c in meta.findall("n:contributor", NS)]
    assert contributors == [("bcrole:correspondent", "和佳佳"), ("bcrole:photographer", "古国凡")]
    assert [i.findtext("n:name", namespaces=NS) for i in meta.findall("n:infoSource", NS)] == ["新华社"]
    body = item_for(root, article.id).find("n:contentSet/n:inlineXML/h:html/h:body", NS)
    assert body.findtext("h:h2", namespaces=NS) == "一、高规格开启整改"
    lead = article.body[2]
    assert lead.text in [p.text for p in body.findall("h:p", NS)]  # a run-in lead is plain paragraph text
    assert body.findtext("h:blockquote", namespaces=NS) == "打铁还需自身硬。"
    (figure,) = body.findall("h:figure", NS)
    assert not figure.text  # no text of its own: a reader that keeps only text skips it whole
    figcaption = [p.text for p in figure.findall("h:figcaption/h:p", NS)]
    assert figcaption == ["4月24日，林果专家在果园内指导农民管理果树。", "古国凡 摄"]
    assert body.findtext("h:p[@class='source']", namespaces=NS) == "新华社"
    # an editor's note printed in the body keeps its place; the notes follow the sources
    assert [p.text for p in body.findall("h:p[@class='note']", NS)] == ["编后：整改不是终点，而是新的起点。", "——编者"]
    assert body.index(body.find("h:p[@class='note']", NS)) < body.index(body.find("h:p[@class='source']", NS))
    assert all(len(child) == 0 for child in body if child.tag != figure.tag)
    assert seed_keywords() == []
    (package,) = items(root, "packageItem")
    staff = package.find("n:contentMeta/n:contributor", NS)
    assert (staff.get("role"), staff.findtext("n:name", namespaces=NS)) == ("bcrole:editor", "李明")


def seed_keywords() -> list[str]:
    return [k.text for item in items(tree(render(seed()))) for k in item.findall("n:contentMeta/n:keyword", NS)]


def test_located_comes_from_the_dateline():
    article = Article(headline="标题", dateline="新华社北京4月26日电", body=[Paragraph("正文。")])
    document = Document(metadata=Metadata(edition_date="2020-04-27"), items=[article])
    assign_ids(document)
    root = tree(render(document))
    located = items(root)[0].find("n:contentMeta/n:located", NS)
    assert located.findtext("n:name", namespaces=NS) == "北京"
    assert problems(etree.tostring(root)) == []


def rights_of_items(data: bytes) -> set[tuple[str | None, ...]]:
    root = tree(data)
    found = set()
    for item in [*items(root, "packageItem"), *items(root)]:
        info = item.find("n:rightsInfo", NS)
        assert info is None or item.index(info) == item.index(item.find("n:itemMeta", NS)) - 1
        found.add(
            None
            if info is None
            else (
                info.findtext("n:copyrightHolder/n:name", namespaces=NS),
                info.findtext("n:copyrightNotice", namespaces=NS),
                info.findtext("n:usageTerms", namespaces=NS),
            )
        )
    return found


def test_rights_info_defaults_to_the_publication_and_takes_options():
    assert rights_of_items(render(seed())) == {None}  # no publication: no holder to name
    named = parse(SEED, transform=False, publication="平顶山日报")
    assert rights_of_items(render(named)) == {("平顶山日报", "© 平顶山日报", None)}  # inferred year left out
    dated = parse(SEED, transform=False, publication="平顶山日报", date="2020-04-28")
    assert rights_of_items(render(dated)) == {("平顶山日报", "© 2020 平顶山日报", None)}
    given = render(seed(), copyright_holder="鹰城传媒", usage_terms="仅供内部使用，不得转载。")
    assert rights_of_items(given) == {("鹰城传媒", "© 鹰城传媒", "仅供内部使用，不得转载。")}
    assert problems(given) == []
    notice = render(dated, copyright_notice="版权所有 平顶山日报社")
    assert rights_of_items(notice) == {("平顶山日报", "版权所有 平顶山日报社", None)}


# -- identifiers -------------------------------------------------------------------------------


def guids_of(document: Document) -> list[str]:
    return [item.get("guid") for item in items(tree(render(document)))]


def test_guids_derive_from_publication_date_page_item_and_content():
    document = parse(SEED, transform=False, publication="平顶山日报", page="3")
    guids = guids_of(document)
    assert guids == guids_of(parse(SEED, transform=False, publication="平顶山日报", page="3"))
    assert all(guid.startswith("urn:newsml:bulletin-convert.invalid:20200428:h") for guid in guids)
    assert all(re.fullmatch(r"[ap]-[0-9a-f]{10}-[0-9a-f]{8}", guid.rsplit("-p3-", 1)[1]) for guid in guids)
    assert [guid.rsplit("-p3-", 1)[1][:12] for guid in guids] == [item.id for item in document.items]
    assert len(set(guids)) == len(guids)
    edited = parse(SEED, transform=False, publication="平顶山日报", page="3")
    edited.articles[0].body[-1].text += "（完）"  # one article corrected: a new guid for it alone
    changed = [old != new for old, new in zip(guids, guids_of(edited), strict=True)]
    assert changed == [item is edited.articles[0] for item in edited.items]
    for other in (
        parse(SEED, transform=False, publication="平顶山日报", page="4"),
        parse(SEED, transform=False, publication="鹰城日报", page="3"),
        parse(SEED, transform=False, publication="平顶山日报", page="3", date="2020-04-29"),
    ):
        assert not set(guids) & set(guids_of(other))


def test_guid_authority_option():
    root = tree(render(seed(), guid_authority="Example.CN"))
    assert all(item.get("guid").startswith("urn:newsml:example.cn:20200428:") for item in items(root))
    with pytest.raises(UsageError):
        render(seed(), guid_authority="not a domain/")


def test_unusable_or_duplicate_ids_still_give_unique_guids():
    photos = [
        Photo(caption=["同一张"], credits=[Contributor("photographer", "某")], id=ident)
        for ident in ("", "<x>", "X", "x")
    ]
    root = tree(render(Document(items=list(photos))))
    guids = [item.get("guid") for item in items(root)]
    assert len({guid.lower() for guid in guids}) == 4
    assert all(re.fullmatch(r"urn:newsml:[a-z.-]+:00000000:unknown-p0-[A-Za-z0-9._-]+", guid) for guid in guids)


# -- one file per item -------------------------------------------------------------------------


def test_per_item_option_writes_the_package_and_one_file_per_item():
    document = seed()
    files = render(document, newsml_per_item=True)
    assert isinstance(files, dict)
    names = list(files)
    assert names[0] == "package.newsml.xml"
    assert names[1:] == [f"{index:02d}-{item.id}.newsml.xml" for index, item in enumerate(document.items, 1)]
    package = tree(files["package.newsml.xml"])
    assert package.tag == "{http://iptc.org/std/nar/2006-10-01/}packageItem"
    refs = reading_order(package)
    assert [ref.get("href") for ref in refs] == names[1:]
    link = tree(files[names[4]]).find("n:itemMeta/n:link", NS)  # the linked photo's, to its story's file
    assert link.get("href") == names[3]
    message_guids = [item.get("guid") for item in items(tree(render(document)))]
    assert [ref.get("residref") for ref in refs] == message_guids
    for name, ref in zip(names[1:], refs):
        item = tree(files[name])
        assert item.tag == "{http://iptc.org/std/nar/2006-10-01/}newsItem"
        assert item.get("guid") == ref.get("residref")


# -- validation: the hook and the command --------------------------------------------------------


def test_validate_hook_reports_invalid_files(tmp_path):
    reg = registry()
    exporter = reg.exporter("newsml")
    good = tmp_path / "good.newsml.xml"
    good.write_bytes(render(seed()))
    assert reg.validate(exporter, [good], {}) == []
    root = tree(good.read_bytes())
    meta = items(root)[0].find("n:itemMeta", NS)
    meta.insert(0, meta.find("n:versionCreated", NS))  # out of the order the schema requires
    swapped = tmp_path / "swapped.newsml.xml"
    swapped.write_bytes(etree.tostring(root))
    broken = tmp_path / "broken.newsml.xml"
    broken.write_bytes(b"<newsMessage><unclosed></newsMessage>")
    foreign = tmp_path / "foreign.newsml.xml"
    foreign.write_bytes(b"<html/>")
    found = reg.validate(exporter, [swapped, broken, foreign], {})
    assert any(str(swapped) in problem and "versionCreated" in problem for problem in found)
    assert any(str(broken) in problem and "well-formed" in problem for problem in found)
    assert any(str(foreign) in problem and "root element" in problem for problem in found)


def test_validate_hook_ignores_other_formats(tmp_path):
    from convert_core import Exporter

    other = Exporter("other", ".x", "text/plain", "other", writer=lambda document, options: b"")
    assert bulletin_convert_newsml.validate_output(other, [tmp_path / "x"], {}) is None


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BULLETIN_CONVERT_PLUGINS": "json,newsml,ninjs"}
    return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, text=True, env=env)


def test_cli_validate_both_iptc_formats(tmp_path):
    result = run_cli(str(SEED), "--to", "newsml,ninjs", "-o", str(tmp_path), "--validate")
    assert result.returncode == 0, result.stderr
    assert "valid newsml" in result.stderr and "valid ninjs" in result.stderr
    written = tmp_path / "000_80fb9983b63b8a66.newsml.xml"
    assert problems(written.read_bytes()) == []
    assert len(list((tmp_path / "000_80fb9983b63b8a66").glob("*.ninjs.json"))) == 11  # the page and 10 items


def test_cli_per_item_option(tmp_path):
    result = run_cli(str(SEED), "--to", "newsml", "--newsml-per-item", "-o", str(tmp_path), "--validate")
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "000_80fb9983b63b8a66").glob("*.newsml.xml"))
    assert len(files) == 11 and (tmp_path / "000_80fb9983b63b8a66" / "package.newsml.xml") in files


def test_a_traditional_page_gets_traditional_role_labels_everywhere():
    from convert_core import export_bytes

    document = testing.sample_document()
    document.metadata.language = "zh-TW"
    xml = export_bytes(document, "newsml").decode("utf-8")
    assert "<by>記者 王孟鹤 通訊員 和佳佳</by>" in xml
    assert "记者" not in xml and "古国凡 攝" in xml
