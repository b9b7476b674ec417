"""The ninjs exporter: schema validity of every page, content mapping, determinism, options, CLI."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import bulletin_convert_newsml
import bulletin_convert_ninjs
import pytest
from bulletin_convert_ninjs.validation import SCHEMA_DIR, data_problems, declared_version, problems
from bulletin_convert_ninjs.versions import VERSIONS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert_core import (
    Article,
    Contributor,
    Document,
    Exporter,
    Metadata,
    Paragraph,
    Photo,
    UsageError,
    parse,
    testing,
)
from convert_core.ids import assign_ids
from convert_core.plugins import BUILTIN_PLUGINS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / testing.SEED_NAME
FIXTURE_PAGES = [SEED, *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))]
TIME_KEYS = ("firstCreated", "versionCreated")


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def registry():
    return testing.registry_with(bulletin_convert_ninjs)


def render(document: Document, **options) -> bytes | dict[str, bytes]:
    return testing.render(registry(), "ninjs", document, options)


def objects(document: Document, **options) -> list[dict]:
    """The items' objects (the page's composite object left out)."""
    files = render(document, **options)
    return [json.loads(data) for name, data in files.items() if name != "package.ninjs.json"]


def package(document: Document, **options) -> dict:
    return json.loads(render(document, **options)["package.ninjs.json"])


def seed() -> Document:
    return parse(SEED, transform=False)


def all_problems(output: bytes | dict[str, bytes]) -> list[str]:
    files = output.values() if isinstance(output, dict) else [output]
    return [problem for data in files for problem in data_problems(data)]


def without_times(obj: object) -> object:
    if isinstance(obj, dict):
        return {key: without_times(value) for key, value in obj.items() if key not in TIME_KEYS}
    if isinstance(obj, list):
        return [without_times(value) for value in obj]
    return obj


# -- the descriptor and the plugin's packaging -------------------------------------------


def test_descriptor_is_well_formed_and_lazy():
    exporter = registry().exporter("ninjs")
    assert testing.check_exporter(exporter) == []
    assert (exporter.extension, exporter.media_type) == (".ninjs.json", "application/json")
    assert exporter.writer == "bulletin_convert_ninjs.writer:write"
    assert {option.name for option in exporter.options} == {
        "ninjs-array",
        "ninjs-version",
        "guid-authority",
        "copyright-holder",
        "copyright-notice",
        "usage-terms",
    }
    (version,) = [option for option in exporter.options if option.name == "ninjs-version"]
    assert (version.default, version.choices) == ("3.1", ("3.1", "2.2", "1.6"))


def test_registered_like_a_third_party_plugin():
    entry_points = {(ep.name, ep.value) for ep in importlib.metadata.entry_points(group="bulletin_convert")}
    assert ("ninjs", "bulletin_convert_ninjs") in entry_points
    assert ("ninjs", "bulletin_convert_ninjs") in BUILTIN_PLUGINS


def test_schemas_ship_inside_the_package():
    names = {path.name for path in SCHEMA_DIR.iterdir()}
    assert {"ninjs-schema_3.1.json", "ninjs-schema_2.2.json", "ninjs-schema_1.6.json"} <= names
    assert {"GeoJSON-schema.json", "LICENSE", "PROVENANCE.md"} <= names
    assert SCHEMA_DIR.parent == Path(bulletin_convert_ninjs.__file__).resolve().parent


def test_plugin_module_imports_neither_jsonschema_nor_pypinyin():
    code = (
        "import sys, bulletin_convert_ninjs\n"
        "from convert_core import testing\n"
        "testing.registry_with(bulletin_convert_ninjs).exporters()\n"
        "print(sorted({'lxml', 'pypinyin', 'jsonschema'} & {name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stderr


# -- validity ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda path: path.name)
def test_every_fixture_page_is_valid_in_every_version(page):
    document = parse(page, transform=False)
    for version in VERSIONS:
        files = render(document, ninjs_version=version)
        assert len(files) == len(document.items) + 1
        assert all_problems(files) == [], version
        declared = {declared_version(json.loads(data)) for data in files.values()}
        assert declared == {version}
        array = render(document, ninjs_array=True, ninjs_version=version)
        assert isinstance(array, bytes) and all_problems(array) == []
        assert json.loads(array) == [json.loads(data) for name, data in files.items() if name != "package.ninjs.json"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.documents(), st.sampled_from(VERSIONS))
def test_any_document_gives_valid_ninjs(document, version):
    assert all_problems(render(document, ninjs_version=version)) == []
    assert all_problems(render(document, ninjs_array=True, ninjs_version=version)) == []


def test_hostile_text_is_kept_as_text_and_valid():
    document = testing.hostile_document()
    output = render(document)
    assert all_problems(output) == []
    found = [json.loads(data) for data in output.values()]
    headlines = [obj["headlines"][0]["value"] for obj in found]
    assert "<script>alert('x')</script>" in headlines and "Tom & Jerry &amp; &#0; &lt;" in headlines
    for obj in found:
        for body in obj.get("bodies", []):
            if body["contentType"] == "application/xhtml+xml":
                ET.fromstring(body["value"])  # well-formed whatever the text
    assert all(b"\\u0000" not in data for data in output.values())


def test_surrogates_and_noncharacters_give_valid_utf8_json():
    weird = "a\ud800b\udfffc\ufffe\x00]]>&<\ufdd0 end"
    article = Article(headline=weird, bylines=[Contributor("reporter", weird)], body=[Paragraph(weird)], id=weird)
    document = Document(metadata=Metadata(language=weird, publication=weird), items=[article])
    output = render(document)
    assert all_problems(output) == []
    (obj,) = [json.loads(data.decode("utf-8")) for name, data in output.items() if name != "package.ninjs.json"]
    assert obj["headlines"] == [{"value": "abc]]>&< end"}]  # noncharacters dropped
    assert obj["language"] == "und"
    ET.fromstring(obj["bodies"][1]["value"])


# -- determinism and the clock -------------------------------------------------------------


def test_same_input_gives_byte_identical_output():
    assert render(seed()) == render(seed())
    assert render(seed(), ninjs_array=True) == render(seed(), ninjs_array=True)


def dated_seed() -> Document:
    return parse(SEED, transform=False, date="2020-04-28")


def test_times_come_from_the_edition_date_in_its_time_zone_or_source_date_epoch(monkeypatch):
    plain = objects(dated_seed())
    assert {obj["versionCreated"] for obj in plain} == {"2020-04-28T00:00:00+08:00"}  # midnight in Beijing
    assert {obj["versioncreated"] for obj in objects(dated_seed(), ninjs_version="2.2")} == {
        "2020-04-28T00:00:00+08:00"
    }
    # ninjs 1.x readers take UTC only (Superdesk's among them): the same instant, in UTC
    assert {obj["versioncreated"] for obj in objects(dated_seed(), ninjs_version="1.6")} == {"2020-04-27T16:00:00Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = objects(dated_seed())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = objects(dated_seed())
    assert {obj["firstCreated"] for obj in first} == {"2023-11-14T22:13:20Z"}
    assert {obj["versionCreated"] for obj in second} == {"2027-01-15T08:00:00Z"}
    assert without_times(first) == without_times(second) == without_times(plain)


def test_output_is_utf8_with_keys_in_a_stable_order():
    data = render(dated_seed())
    first = data["01-a-941001ff67.ninjs.json"]
    assert "卫东区".encode() in first and b"\\u" not in first
    keys = list(json.loads(first))
    assert keys[:8] == ["uri", "standard", "type", "version", "firstCreated", "versionCreated", "pubStatus", "language"]


def test_an_inferred_edition_date_gives_no_time_but_an_editorial_note():
    for version, note in (("3.1", "edNote"), ("2.2", "ednote"), ("1.6", "ednote")):
        data = render(seed(), ninjs_version=version)
        assert b"2020-04-28T" not in b"".join(data.values())
        for raw in data.values():
            obj = json.loads(raw)
            assert not {"firstCreated", "versionCreated", "firstcreated", "versioncreated"} & set(obj)
            assert obj[note] == "版面日期 2020-04-28 为推断：月、日取自正文，年份为推测。"


# -- the seed's content ---------------------------------------------------------------------


def test_the_page_object_then_one_file_per_item_in_reading_order():
    document = seed()
    files = render(document)
    assert list(files) == [
        "package.ninjs.json",
        *[f"{index:02d}-{item.id}.ninjs.json" for index, item in enumerate(document.items, 1)],
    ]
    found = objects(document)
    assert [obj["type"] for obj in found] == ["text" if isinstance(i, Article) else "picture" for i in document.items]
    for obj in found:
        assert obj["standard"]["version"] == "3.1" and obj["pubStatus"] == "usable" and obj["language"] == "zh-CN"


def test_uri_is_the_newsml_guid():
    document = seed()
    uris = [obj["uri"] for obj in objects(document)]
    message = testing.render(testing.registry_with(bulletin_convert_newsml), "newsml", document, {})
    guids = [guid.decode() for guid in re.findall(rb'<newsItem guid="([^"]+)"', message)]
    assert uris == guids and len(set(uris)) == len(uris)
    assert re.fullmatch(r"urn:newsml:bulletin-convert.invalid:20200428:unknown-p0-a-941001ff67-[0-9a-f]{8}", uris[0])
    (package_guid,) = re.findall(rb'<packageItem guid="([^"]+)"', message)
    assert package(document)["uri"] == package_guid.decode()
    other = objects(document, guid_authority="example.cn")
    assert other[0]["uri"].startswith("urn:newsml:example.cn:20200428:")
    with pytest.raises(UsageError):
        render(document, guid_authority="-bad-")


def test_article_headlines_by_and_bodies():
    document = seed()
    found = {obj["uri"].rsplit("-p0-", 1)[1][:12]: obj for obj in objects(document)}
    first = found["a-941001ff67"]
    assert first["headlines"] == [  # headlines[0] is the main headline
        {"value": "卫东区持续完善提升社区治理体系和能力"},
        {"role": "kicker", "value": "持续夯实基层基础 有效整合各方资源"},
    ]
    assert first["slugline"].startswith("wei-dong-qu-chi-xu")
    assert first["by"] == "记者 王孟鹤" and "located" not in first and "associations" not in first
    cleared = found["a-0adb95d37a"]
    assert [h.get("role") for h in cleared["headlines"]] == [None, "subheadline"]
    assert cleared["by"] == "记者 王孟鹤 通讯员 和佳佳"
    # authors are not people the story is about
    assert not any("people" in obj for obj in objects(document))
    plain, rich = first["bodies"]
    assert (plain["role"], plain["contentType"]) == ("main", "text/plain")
    assert (rich["role"], rich["contentType"]) == ("richtext", "application/xhtml+xml")
    article = document.articles[0]
    assert plain["value"].split("\n\n") == ["本报讯（记者 王孟鹤）", *[p.text for p in article.paragraphs]]
    assert plain["charCount"] == len(plain["value"])
    div = ET.fromstring(rich["value"])
    assert div.tag == "{http://www.w3.org/1999/xhtml}div"
    paragraphs = div.findall("{http://www.w3.org/1999/xhtml}p")
    assert [p.text for p in paragraphs] == ["本报讯（记者 王孟鹤）", *[p.text for p in article.paragraphs]]


def test_photos_have_headline_caption_and_credit():
    document = seed()
    found = objects(document)
    pictures = [obj for obj in found if obj["type"] == "picture"]
    assert len(pictures) == len(document.photos) == 3
    for obj, photo in zip(pictures, document.photos):
        assert obj["descriptions"] == [
            {"role": "caption", "contentType": "text/plain", "value": "\n".join(photo.caption)}
        ]
        assert obj["headlines"] == [{"value": photo.caption[0][:24] + "…"}]
        assert obj["by"] == f"{photo.credits[0].name} 摄" and "people" not in obj
        assert "renditions" not in obj and "associations" not in obj


def test_a_linked_photo_is_an_association_of_its_story_and_the_others_of_none():
    """The seed's first photo belongs to 卫东区积极开展爱国卫生月活动: that article's object holds
    the photo's object, whole, as an association (rel picture); no other article has one."""
    document = seed()
    found = objects(document)
    article, photo = document.items[2], document.items[3]
    assert (article.headline, photo.article) == ("卫东区积极开展爱国卫生月活动", article.id)
    story, picture = found[2], found[3]
    (association,) = story["associations"]
    assert association == {"name": picture["title"], "rel": "picture", **picture}
    assert association["uri"] == picture["uri"] and association["type"] == "picture"
    assert [index for index, obj in enumerate(found) if "associations" in obj] == [2]
    assert problems(story) == []
    # the photo is still an item of its own, and the page still holds every item
    assert len(found) == len(document.items)
    assert [member["uri"] for member in package(document)["associations"]] == [obj["uri"] for obj in found]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_photo_printed_above_its_story_is_its_association_in_every_version(version):
    story = Article(headline="春季林果管理培训", body=[Paragraph("专家在果园内指导农民管理果树。")])
    photo = Photo(caption=["专家在果园内指导农民。"], credits=[Contributor("photographer", "古国凡")])
    document = Document(metadata=Metadata(publication="平顶山日报", page="3"), items=[photo, story])
    assign_ids(document)
    photo.article = story.id
    picture, article = objects(document, ninjs_version=version)
    if version == "1.6":
        assert list(article["associations"]) == ["picture_1"]
        assert article["associations"]["picture_1"] == picture
    else:
        (association,) = article["associations"]
        assert association["name"] == "专家在果园内指导农民。"
        assert {key: value for key, value in association.items() if key not in ("name", "rel")} == picture
        assert association.get("rel") == ("picture" if version == "3.1" else None)  # 2.x has no rel
    assert all_problems(render(document, ninjs_version=version)) == []


def test_an_editors_note_in_the_body_is_a_note_paragraph_in_its_place():
    article = objects(testing.sample_document())[0]
    (html,) = [body["value"] for body in article["bodies"] if body["role"] == "richtext"]
    body, notes = html.index('<p class="note">编后：整改不是终点'), html.index('<aside class="note">')
    assert body < notes


def test_figures_are_the_articles_associations():
    document = testing.sample_document()
    found = objects(document)
    article = found[0]
    figure = article["associations"][0]
    assert figure["uri"] == article["uri"] + "-f1"
    assert (figure["type"], figure["rel"], figure["name"]) == (
        "picture",
        "figure",
        "4月24日，林果专家在果园内指导农民管理果树。",
    )
    assert figure["descriptions"][0] == {
        "role": "caption",
        "contentType": "text/plain",
        "value": "4月24日，林果专家在果园内指导农民管理果树。",
    }
    assert figure["by"] == "古国凡 摄" and "people" not in figure
    assert figure["headlines"] == [{"value": figure["name"]}]
    assert article["subjects"] == [
        {"name": "走进新时代·基层见闻", "rel": "column"},
        {"name": "卫东新闻", "rel": "section"},
    ]
    assert article["infoSources"] == [{"name": "新华社"}]
    assert "古国凡" not in article["bodies"][0]["value"]  # captions belong to the association
    assert "古国凡 摄" in article["bodies"][1]["value"]  # and appear in place in the rich text
    assert [h.get("role") for h in article["headlines"]] == [None, "kicker", "subheadline"]
    figure, picture = article["associations"]  # the figures, then the linked photo
    assert picture == {"name": "图片新闻", "rel": "picture", **found[1]}
    assert "associations" not in found[1] and "associations" not in found[2]


def test_located_comes_from_the_dateline():
    article = Article(headline="标题", dateline="新华社北京4月26日电", body=[Paragraph("正文。")])
    document = Document(metadata=Metadata(edition_date="2020-04-27"), items=[article])
    assign_ids(document)
    (obj,) = objects(document)
    assert obj["located"] == "北京" and problems(obj) == []


# -- validation: the hook -----------------------------------------------------------------------


def test_validator_rejects_what_the_schema_forbids():
    (obj, *_) = objects(seed())
    assert problems(obj) == []
    assert problems({**obj, "pubStatus": "draft"})
    assert problems({**obj, "versionCreated": "28/04/2020"})
    assert problems({**obj, "uri": "not a uri"})
    assert problems({**obj, "headline": "singular is not ninjs"})
    assert problems({key: value for key, value in obj.items() if key != "uri"})
    assert problems({**obj, "associations": [{"uri": "urn:x:y"}]})  # an association needs a name
    legacy = json.loads(render(seed(), ninjs_version="1.6")["01-a-941001ff67.ninjs.json"])
    assert problems(legacy) == [] and problems({**legacy, "headlines": []})  # checked as 1.6
    assert problems(obj | {"standard": {**obj["standard"], "version": "1.6"}})  # 3.1 names are not 1.6
    assert problems({"uri": "urn:x:y", "places": [{"geoJSON": {"type": "Point"}}]})  # GeoJSON resolved locally


def test_validate_hook_reports_invalid_files(tmp_path):
    reg = registry()
    exporter = reg.exporter("ninjs")
    good = tmp_path / "good.ninjs.json"
    good.write_bytes(render(seed())["01-a-941001ff67.ninjs.json"])
    array = tmp_path / "array.ninjs.json"
    array.write_bytes(render(seed(), ninjs_array=True))
    assert reg.validate(exporter, [good, array], {}) == []
    bad = tmp_path / "bad.ninjs.json"
    bad.write_text(json.dumps([json.loads(good.read_bytes()), {"uri": "urn:a:b", "type": "story"}]), "utf-8")
    junk = tmp_path / "junk.ninjs.json"
    junk.write_bytes(b"{not json")
    found = reg.validate(exporter, [bad, junk], {})
    assert any(str(bad) in problem and "[1] type" in problem for problem in found)
    assert any(str(junk) in problem and "not UTF-8 JSON" in problem for problem in found)


def test_validate_hook_ignores_other_formats(tmp_path):
    other = Exporter("other", ".x", "text/plain", "other", writer=lambda document, options: b"")
    assert bulletin_convert_ninjs.validate_output(other, [tmp_path / "x"], {}) is None


def test_cli_array_option_with_validation(tmp_path):
    env = {**os.environ, "BULLETIN_CONVERT_PLUGINS": "json,newsml,ninjs"}
    args = [str(SEED), "--to", "ninjs", "--ninjs-array", "-o", str(tmp_path), "--validate"]
    result = subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "000_80fb9983b63b8a66.ninjs.json"
    assert len(json.loads(written.read_bytes())) == 10 and data_problems(written.read_bytes()) == []


def test_a_traditional_page_gets_traditional_role_labels_everywhere():
    from convert_core import export_bytes

    document = testing.sample_document()
    document.metadata.language = "zh-TW"
    objects = json.loads(export_bytes(document, "ninjs", {"ninjs_array": True}))
    article = next(obj for obj in objects if obj["type"] == "text")
    assert article["by"].startswith("記者")
    assert "通訊員" in article["bodies"][0]["value"] and "通訊員" in article["bodies"][1]["value"]
    assert all("记者" not in body["value"] for body in article["bodies"])


@settings(max_examples=40, deadline=None)
@given(testing.documents())
def test_files_are_json_dumps_with_two_space_indent(document):
    from bulletin_convert_ninjs.writer import page_objects

    package, items = page_objects(document, {})
    expected = [json.dumps(obj, ensure_ascii=False, indent=2) + "\n" for obj in [package, *(obj for _, obj in items)]]
    files = render(document)
    assert [data.decode("utf-8") for data in files.values()] == expected


# -- the page object, the versions, the rights ------------------------------------------------------


def test_the_page_object_holds_every_item_whole_in_reading_order():
    document = testing.sample_document()
    page = package(document)
    assert page["type"] == "composite" and page["title"] == "平顶山日报 2020-04-28 第3版 卫东新闻"
    assert page["headlines"] == [{"value": page["title"]}]
    members = [{key: value for key, value in member.items() if key != "name"} for member in page["associations"]]
    assert members == objects(document)  # each item complete, in order
    assert [member["name"] for member in page["associations"]] == [obj["title"] for obj in objects(document)]
    assert problems(page) == []


def test_version_2_2_has_lower_case_names_and_no_association_rel():
    document = testing.sample_document()
    article = objects(document, ninjs_version="2.2")[0]
    assert article["standard"] == {
        "name": "ninjs",
        "version": "2.2",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
    }
    assert {"versioncreated", "firstcreated", "pubstatus", "infosources", "copyrightholder"} <= set(article)
    assert article["bodies"][0]["contenttype"] == "text/plain" and "charcount" in article["bodies"][0]
    figure, picture = article["associations"]
    assert "rel" not in figure and figure["name"] and figure["descriptions"][0]["contenttype"] == "text/plain"
    assert "rel" not in picture and picture["name"] == "图片新闻" and picture["type"] == "picture"
    assert problems(article) == []


def test_version_1_6_has_the_flat_names_superdesk_and_older_readers_take():
    document = testing.sample_document()
    article, photo, _brief = objects(document, ninjs_version="1.6")
    assert article["$standard"]["version"] == "1.6" and "standard" not in article
    assert article["headline"] == "卫东区持续完善提升社区治理体系和能力"
    assert article["headline_kicker"] == "持续夯实基层基础 有效整合各方资源"
    assert article["headline_subheadline"] == "——覆盖41个被巡察单位"
    assert article["byline"] == "记者 王孟鹤 通讯员 和佳佳"
    assert article["versioncreated"] == "2020-04-27T16:00:00Z"
    assert article["body_text"].startswith("本报讯（记者 王孟鹤 通讯员 和佳佳）\n\n“按照示范引领")
    assert article["charcount"] == len(article["body_text"])
    assert ET.fromstring(article["body_html"]).tag == "{http://www.w3.org/1999/xhtml}div"
    assert article["subject"] == [
        {"name": "走进新时代·基层见闻", "rel": "column"},
        {"name": "卫东新闻", "rel": "section"},
    ]
    assert article["infosource"] == [{"name": "新华社"}]
    assert list(article["associations"]) == ["figure_1", "picture_1"]
    assert article["associations"]["figure_1"]["description_text"] == "4月24日，林果专家在果园内指导农民管理果树。"
    assert article["associations"]["picture_1"] == photo  # the linked photo, whole
    assert photo["headline"] == "图片新闻" and photo["byline"] == "高鸿勋 摄"
    assert photo["description_text"] == "4月26日下午，王云超在市区建设路北侧冲刷人行道。\n春暖花开，许多市民走上街头。"
    page = package(document, ninjs_version="1.6")
    assert list(page["associations"]) == ["item_01", "item_02", "item_03"]
    assert page["associations"]["item_01"] == article
    for obj in (article, photo, page):
        assert problems(obj) == []


def test_rights_default_to_the_publication_and_take_options():
    assert not {"copyrightHolder", "copyrightNotice", "usageTerms"} & set(objects(seed())[0])
    named = objects(parse(SEED, transform=False, publication="平顶山日报", date="2020-04-28"))[0]
    assert (named["copyrightHolder"], named["copyrightNotice"]) == ("平顶山日报", "© 2020 平顶山日报")
    given_ = objects(seed(), copyright_holder="鹰城传媒", usage_terms="仅供内部使用。", ninjs_version="1.6")[0]
    assert (given_["copyrightholder"], given_["copyrightnotice"], given_["usageterms"]) == (
        "鹰城传媒",
        "© 鹰城传媒",
        "仅供内部使用。",
    )
    assert problems(given_) == []


def test_an_unknown_version_is_a_usage_error():
    with pytest.raises(UsageError, match="ninjs-version"):
        render(seed(), ninjs_version="4.0")
