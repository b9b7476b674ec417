"""Superdesk ingests our NewsML-G2 and ninjs with its own feed parsers (the interop job).

The parsers are superdesk-core's, installed from PyPI in a side environment of their own
(``.venv-interop``, built by ``.ci/run`` from ``tests/interop/requirements.txt``) and run by
``tests/interop/superdesk_ingest.py``. Deselected by default (marker ``interop``); run with
``pytest -m interop``. Outside CI they are skipped when the side environment is missing; in
CI that is a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from bulletin_convert_newsml.vocab import CREATOR_ROLES

from convert_core import Article, Contributor, Document, Metadata, Paragraph, Photo, exportkit, parse, testing
from convert_core.ids import assign_ids

pytestmark = pytest.mark.interop

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / testing.SEED_NAME
INGEST = ROOT / "tests" / "interop" / "superdesk_ingest.py"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def side_python() -> str:
    python = os.environ.get("BULLETIN_CONVERT_INTEROP_PYTHON") or str(ROOT / ".venv-interop" / "bin" / "python")
    if not Path(python).is_file():
        message = f"the interop environment is missing ({python}): run .ci/run, or see tests/interop/requirements.txt"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return python


def ingest(python: str, kind: str, paths: list[Path]) -> list[dict]:
    """What Superdesk's parser makes of ``paths`` (it must accept them)."""
    result = subprocess.run(
        [python, str(INGEST), kind, *map(str, paths)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in answer, answer.get("error")
    assert answer["superdesk_core"] == "2.5.3"
    return answer["items"]


def write(document: Document, fmt: str, tmp_path: Path, **options) -> list[Path]:
    """The files the exporter writes for ``document``, in their order."""
    output = testing.render(testing.registry_with(f"bulletin_convert_{fmt}"), fmt, document, options)
    if isinstance(output, bytes):
        output = {f"page.{fmt}": output}
    paths = []
    for name, data in output.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def dated_seed() -> Document:
    return parse(SEED, transform=False, publication="平顶山日报", date="2020-04-28", page="3")


def paragraphs_of(html: str) -> list[str]:
    """The text of each ``<p>`` without a class (inline markup such as a lead's taken out)."""
    return [re.sub(r"<[^>]+>", "", paragraph) for paragraph in re.findall(r"<p>(.*?)</p>", html)]


BEIJING_MIDNIGHT = dt.datetime(2020, 4, 28, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # the edition's midnight


def instant(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


# ---------------------------------------------------------------------------- NewsML-G2


def walk(groups: list[dict]) -> list[dict]:
    """The item references of a package Superdesk stored, in reading order: its groups are
    a flat list, the first the root; a reference to another group (``idRef``) stands for
    that group's references."""
    by_id = {group["id"]: group for group in groups}

    def refs_of(group: dict):
        for ref in group["refs"]:
            if "idRef" in ref:
                yield from refs_of(by_id[ref["idRef"]])
            else:
                yield ref

    return list(refs_of(groups[0]))


def check_newsml_items(items: list[dict], document: Document, priority: int = 6) -> None:
    """Superdesk's items of a page: the package and its groups (the page, then a group per
    story with linked photos: the article, then its photos), then each item's headline,
    byline and whole body text (``priority`` 6 from the message header; 5, Superdesk's
    default, for files of their own, which have no header)."""
    package, *news = items
    assert package["type"] == "composite" and package["headline"] == document.title
    assert [item["type"] for item in news] == ["text" if isinstance(i, Article) else "picture" for i in document.items]
    page, *stories = package["groups"]
    assert page["role"] == "bcgroup:page" and [group["role"] for group in stories] == ["bcgroup:story"] * len(stories)
    refs = walk(package["groups"])
    assert [ref["residRef"] for ref in refs] == [item["guid"] for item in news]  # guid:version
    assert [ref["itemClass"] for ref in refs] == [
        "ninat:text" if isinstance(i, Article) else "ninat:picture" for i in document.items
    ]
    source = {item["guid"]: original for item, original in zip(news, document.items, strict=True)}
    linked = {photo.article for photo in document.photos if photo.article}
    assert [source[group["refs"][0]["residRef"]].id for group in stories] == [
        article.id for article in document.articles if article.id in linked
    ]
    for group in stories:
        article, *photos = (source[ref["residRef"]] for ref in group["refs"])
        assert isinstance(article, Article) and {ref["idRef"] for ref in page["refs"] if "idRef" in ref} >= {
            group["id"]
        }
        assert photos == [photo for photo in document.photos if photo.article == article.id]
    for item, source in zip(news, document.items, strict=True):
        assert item["priority"] == priority
        if isinstance(source, Article):
            assert item["headline"] == source.headline  # the main headline, never the kicker
            assert item["byline"] == exportkit.people_line(source.bylines)
            creators = [person for person in source.bylines if person.role in CREATOR_ROLES]
            assert item["authors"] == [{"uri": None, "name": person.name} for person in creators]
            expected = [exportkit.byline_line(source), *(p.text for p in source.paragraphs)]
            assert paragraphs_of(item["body_html"]) == expected  # the whole body, in order
            assert "<article>" not in item["body_html"] and "<header>" not in item["body_html"]
        else:
            assert isinstance(source, Photo)
            assert item["headline"] == exportkit.photo_title(source)
            assert item["description_text"] == "\n".join(source.caption)
            assert item["byline"] == exportkit.credit_line(source)
            assert item["renditions"] == {}  # no image file: none is invented


def test_superdesk_ingests_the_newsml_message(side_python, tmp_path):
    document = dated_seed()
    (path,) = write(document, "newsml", tmp_path, usage_terms="仅供内部使用。")
    items = ingest(side_python, "newsml2", [path])
    assert len(items) == len(document.items) + 1
    check_newsml_items(items, document)
    # the seed's story with its photo: stored as a group of its own, the page group refers to it in its place
    package, *news = items
    page, story = package["groups"]
    assert (story["id"], story["role"]) == ("G2", "bcgroup:story")
    assert page["refs"][2] == {"idRef": "G2"} and len(page["refs"]) == len(document.items) - 1
    article, photo = news[2], news[3]
    assert article["headline"] == "卫东区积极开展爱国卫生月活动" and photo["type"] == "picture"
    assert [(ref["residRef"], ref["itemClass"]) for ref in story["refs"]] == [
        (article["guid"], "ninat:text"),
        (photo["guid"], "ninat:picture"),
    ]
    for item in items:
        assert instant(item["versioncreated"]) == instant(item["firstcreated"]) == BEIJING_MIDNIGHT
        assert item["language"] == "zh-CN" and item["pubstatus"] == "usable"
        assert item["usageterms"] == "仅供内部使用。"
        assert item["ednote"] == ""


def test_superdesk_reads_a_photo_printed_above_its_story_in_the_storys_group(side_python, tmp_path):
    story = Article(headline="春季林果管理培训", body=[Paragraph("专家在果园内指导农民管理果树。")])
    photo = Photo(caption=["专家在果园内指导农民。"], credits=[Contributor("photographer", "古国凡")])
    other = Article(headline="另一篇", body=[Paragraph("正文。")])
    document = Document(metadata=Metadata(publication="平顶山日报", page="3"), items=[photo, other, story])
    assign_ids(document)
    photo.article = story.id
    package, *news = ingest(side_python, "newsml2", write(document, "newsml", tmp_path))
    guids = {item["headline"]: item["guid"] for item in news}
    page, group = package["groups"]
    assert page["refs"] == [
        {"residRef": guids["另一篇"], "contentType": "application/vnd.iptc.g2.newsitem+xml", "itemClass": "ninat:text"},
        {"idRef": group["id"]},
    ]
    assert [ref["residRef"] for ref in walk(package["groups"])] == [
        guids["另一篇"],
        guids["春季林果管理培训"],
        guids["专家在果园内指导农民。"],
    ]


def test_superdesk_ingests_one_file_per_item(side_python, tmp_path):
    document = dated_seed()
    paths = write(document, "newsml", tmp_path, newsml_per_item=True)
    assert paths[0].name == "package.newsml.xml"
    items = ingest(side_python, "newsml2", paths)
    check_newsml_items(items, document, priority=5)


def test_superdesk_gets_no_inferred_date_as_a_time_but_the_note(side_python, tmp_path):
    document = parse(SEED, transform=False)  # the seed's year is inferred
    items = ingest(side_python, "newsml2", write(document, "newsml", tmp_path))
    check_newsml_items(items, document)
    for item in items:
        assert item["versioncreated"] == "1980-01-01T00:00:00+00:00" and "firstcreated" not in item
        assert item["ednote"] == "版面日期 2020-04-28 为推断：月、日取自正文，年份为推测。"


def test_superdesk_reads_figures_leads_and_quotes_without_losing_text(side_python, tmp_path):
    document = testing.sample_document()
    items = ingest(side_python, "newsml2", write(document, "newsml", tmp_path))
    article = items[1]
    source = document.articles[0]
    assert article["headline"] == source.headline
    html = article["body_html"]
    for text in ("一、高规格开启整改", "打铁还需自身硬。", source.body[2].text, "新华社", "——编者"):
        assert text in html, text  # the run-in lead's paragraph too, whole
    assert "<figure" not in html and "4月24日，林果专家" not in html  # a figure is skipped whole, no empty shell


# ---------------------------------------------------------------------------- ninjs 1.6


def ingested_order(document: Document) -> list[Article | Photo]:
    """What Superdesk's ninjs parser makes of the page's item files, in order: an object's
    associations are items of their own, put before it, so a story's linked photos come
    (again) just before the story."""
    order: list[Article | Photo] = []
    for item in document.items:
        if isinstance(item, Article):
            order.extend(photo for photo in document.photos if photo.article == item.id)
        order.append(item)
    return order


def test_superdesk_ingests_ninjs_items_and_the_page(side_python, tmp_path):
    document = dated_seed()
    package_path, *item_paths = write(document, "ninjs", tmp_path, ninjs_version="1.6")
    items = ingest(side_python, "ninjs", item_paths)
    assert len(items) == len(document.items) + 1  # the linked photo also as the story's association
    for item, source in zip(items, ingested_order(document), strict=True):
        assert item["guid"] == "urn:" + item["uri"].replace("urn:", ":", 1)  # Superdesk's tag from the uri
        assert instant(item["versioncreated"]) == instant(item["firstcreated"]) == BEIJING_MIDNIGHT
        assert item["versioncreated"].endswith("+00:00")  # read as UTC, the only form its ninjs parser takes
        assert item["copyrightholder"] == "平顶山日报" and item["copyrightnotice"] == "© 2020 平顶山日报"
        if isinstance(source, Article):
            assert item["type"] == "text" and item["headline"] == source.headline
            assert item["byline"] == exportkit.people_line(source.bylines)
            assert item["body_text"].split("\n\n") == [
                exportkit.byline_line(source),
                *(p.text for p in source.paragraphs),
            ]
            assert paragraphs_of(item["body_html"]) == [p.text for p in source.paragraphs]  # and p.byline
        else:
            assert item["type"] == "picture" and item["headline"] == exportkit.photo_title(source)
            assert item["description_text"] == "\n".join(source.caption)
            assert item["byline"] == exportkit.credit_line(source)
    # the seed's story 卫东区积极开展爱国卫生月活动 holds its photo, the very item its own file gives
    nested, story, photo = items[2], items[3], items[4]
    assert story["headline"] == "卫东区积极开展爱国卫生月活动" and list(story["associations"]) == ["picture_1"]
    assert story["associations"]["picture_1"]["uri"] == nested["uri"] == photo["uri"]
    assert nested == photo  # one guid, one item to Superdesk
    assert [index for index, item in enumerate(items) if item.get("associations")] == [3]
    # the page: one composite whose associations are the items, each ingested as well
    *members, page = ingest(side_python, "ninjs", [package_path])
    assert page["type"] == "composite" and page["headline"] == document.title
    assert list(page["associations"]) == [f"item_{number:02d}" for number in range(1, len(document.items) + 1)]
    assert [member["headline"] for member in members] == [item["headline"] for item in items]
    assert [member["uri"] for member in members] == [item["uri"] for item in items]


def test_superdesk_reads_figures_and_the_linked_photo_of_an_article_as_associated_pictures(side_python, tmp_path):
    document = testing.sample_document()
    _, article_path, photo_path, _ = write(document, "ninjs", tmp_path, ninjs_version="1.6")
    figure, picture, article = ingest(side_python, "ninjs", [article_path])
    assert article["headline"] == document.articles[0].headline
    assert list(article["associations"]) == ["figure_1", "picture_1"]
    assert figure["type"] == "picture" and figure["byline"] == "古国凡 摄"
    assert figure["description_text"] == "4月24日，林果专家在果园内指导农民管理果树。"
    assert picture["type"] == "picture" and picture["headline"] == "图片新闻" and picture["byline"] == "高鸿勋 摄"
    assert ingest(side_python, "ninjs", [photo_path]) == [picture]
