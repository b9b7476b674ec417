"""The corpus recipe (benchmarks/corpus/): HTML reading, credits, gold rules, layouts, git history, a whole build.

All texts here are made up for the tests; the real corpus is built from fetched mirrors and never committed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

RECIPE = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"
sys.path.insert(0, str(RECIPE))

import build  # noqa: E402
import credits  # noqa: E402
import gitmirror  # noqa: E402
import gold  # noqa: E402
import htmltree  # noqa: E402
import render  # noqa: E402
from page import Block, Picture, Record, SourcePage  # noqa: E402
from sources import epaperhtml, rmrb, xinmin  # noqa: E402

# ---------------------------------------------------------------------------- HTML


def test_tree_tolerates_nested_paragraphs_and_stray_end_tags():
    tree = htmltree.parse('<div id="c"><p><p>一</p></p></span><p>二<img src="x"></p><!-- 注释 --></div>')
    container = tree.find("div", id="c")
    assert container is not None
    assert container.text() == "一二"
    assert [b.text for b in epaperhtml.blocks(container)] == ["一", "二"]


def test_blocks_mark_bold_paragraphs_and_read_picture_captions():
    caption = escape("<p>\u3000\u3000桥上行人。</p><p>\u3000\u3000本报记者  王  五摄</p>")
    tree = htmltree.parse(
        "<div><p><strong>\u3000\u3000小标题</strong></p><p>\u3000\u3000正文<strong>加粗</strong>。</p>"
        f'<p><img data-original-title="{caption}"></p></div>'
    )
    found = epaperhtml.blocks(tree.find("div"))
    assert [(b.text, b.subhead) for b in found] == [("小标题", True), ("正文加粗。", False), ("", False)]
    assert found[2].pictures[0].caption == ["桥上行人。", "本报记者  王  五摄"]


def test_iso_date():
    assert epaperhtml.iso_date("《人民日报》（2026年8月2日 第 01 版）") == "2026-08-02"
    assert epaperhtml.iso_date("no date") is None


# ---------------------------------------------------------------------------- credits


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "本报北京8月19日电\xa0\xa0（记者张三、李四）19日，会议召开。",
            ("本报北京8月19日电", "记者张三、李四", "19日，会议召开。"),
        ),
        ("新华社北京8月19日电  8月19日，会议召开。", ("新华社北京8月19日电", None, "8月19日，会议召开。")),
        ("据新华社某地8月18日电  （记者王五）当地时间", ("据新华社某地8月18日电", "记者王五", "当地时间")),
        ("本报讯 (记者赵六)“开始”", ("本报讯", "记者赵六", "“开始”")),
        ("本报电视台的节目很多。", None),
        ("会议在北京召开。", None),
    ],
)
def test_split_dateline(paragraph, expected):
    assert credits.split_dateline(paragraph) == expected


@pytest.mark.parametrize(
    ("line", "role", "expected"),
    [
        ("本报记者  徐  甲  魏乙丙", "writer", [("reporter", "徐甲"), ("reporter", "魏乙丙")]),
        ("本报记者  王某某  本报通讯员  李  明", None, [("reporter", "王某某"), ("correspondent", "李明")]),
        ("记者张三、李四", None, [("reporter", "张三"), ("reporter", "李四")]),
        ("刘某某", "writer", [("writer", "刘某某")]),
        ("刘某某", None, None),
        ("本报记者", "writer", None),
        ("本报评论员", "writer", None),
        ("某某部党组", "writer", None),
        ("徐  甲  王", "writer", None),
        ("本报记者  徐  甲/文", "writer", None),
        ("首席记者  潘某某", None, [("reporter", "潘某某")]),
        (
            "本报记者  孙某某  陈某某  摄影报道",
            None,
            [("reporter", "孙某某"), ("reporter", "陈某某"), ("photographer", "孙某某"), ("photographer", "陈某某")],
        ),
    ],
)
def test_people(line, role, expected):
    assert credits.people(line, default_role=role) == expected


@pytest.mark.parametrize(
    ("first", "author", "known"),
    [
        ("◆韩某某", "◆韩某某", True),
        ("文/付某某", "文/付某某", True),
        ("首席记者  潘某某", "首席记者  潘某某", True),
        ("吴某", "吴某", False),  # a bare word may be a column's label (求助): not scored
        ("许某  北京市第一中学  初三(20)班", "许某  北京市第一中学  初三(20)班", False),
        ("今天上午，某某开幕。", None, False),
        ("Hi，十七，好久不见", None, False),
    ],
)
def test_xinmin_takes_the_author_line_off_the_first_paragraph(first, author, known):
    paragraphs = [first, "正文第一段。"]
    assert xinmin._opening(paragraphs) == (author, known)
    assert paragraphs == (["正文第一段。"] if author else [first, "正文第一段。"])


def test_a_marked_author_line_gives_the_writer_in_the_gold():
    record = Record("r1", "标题", author="◆韩某某", blocks=[Block("正文第一段。")])
    entry = gold.article(record)
    assert entry["bylines"] == [{"role": "writer", "name": "韩某某"}]
    assert entry["paragraphs"] == ["正文第一段。"]
    assert entry["byline_line"] == "◆韩某某"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("叶某某摄（影像中国）", ("photographer", "叶某某")),
        ("新华社记者  杨  某摄", ("photographer", "杨某")),
        ("某某航天供图（新华社发）", ("contributor", "某某航天")),
        ("方  某  尹某某摄影报道", None),
        ("这正是：", None),
    ],
)
def test_photo_credit(line, expected):
    assert credits.photo_credit(line) == expected


# ---------------------------------------------------------------------------- gold rules


def record(**fields) -> Record:
    fields.setdefault("record_id", "content_1")
    fields.setdefault("headline", "标题")
    return Record(**fields)


def blocks(*texts: str) -> list[Block]:
    return [Block("\u3000\u3000" + text) for text in texts]


def test_article_splits_the_dateline_and_reads_the_bylines():
    entry = gold.article(
        record(
            kicker="引题",
            author="本报记者  王  五",
            blocks=blocks("本报北京1月2日电  （记者赵六）正文一。", "正文二。"),
        )
    )
    assert entry["dateline"] == "本报北京1月2日电"
    assert entry["paragraphs"] == ["正文一。", "正文二。"]
    assert entry["bylines"] == [{"role": "reporter", "name": "王五"}, {"role": "reporter", "name": "赵六"}]
    assert entry["lead_in"] == "本报北京1月2日电  （记者赵六）"
    assert entry["kicker"] == "引题"
    assert entry["subheadline"] is None


def test_a_staff_line_under_the_last_story_is_the_pages_furniture():
    """``版式设计：X`` printed as a story record's last paragraph credits the page, as a staff
    record does: it goes to the page's furniture, not the story's paragraphs."""
    page = SourcePage(
        "rmrb", "2026-01-02", "3", "要闻", [record(headline="标题", blocks=blocks("正文。", "版式设计：沈  某"))], {}
    )
    items = gold.items(page)
    page_gold = gold.page_gold(page, "人民日报", "zh-Hans", items)
    assert page_gold["items"][0]["paragraphs"] == ["正文。"]
    assert page_gold["furniture"] == ["版式设计：沈  某"]
    alone = gold.article(record(blocks=blocks("版式设计：沈  某")))
    assert alone["paragraphs"] == ["版式设计：沈  某"]  # (a record of nothing else keeps it)


def test_article_leaves_out_what_it_cannot_read():
    unreadable_author = gold.article(record(author="某某研究院课题组", blocks=blocks("正文。")))
    assert unreadable_author["dateline"] is None
    assert "bylines" not in unreadable_author
    closing = gold.article(record(author="刘某某", blocks=blocks("正文。", "（作者为某大学教授）")))
    assert "bylines" not in closing
    names = gold.article(record(blocks=blocks("某校举办研讨会。", "（雷国忠  龚涛）")))
    assert names["dateline"] is None and "bylines" not in names  # a brief's names: whose?
    hint = gold.article(record(blocks=blocks("某地新闻社1月2日电 正文。")))
    assert "dateline" not in hint and "bylines" not in hint


def test_article_keeps_subheads_and_figures():
    body = [
        Block("", pictures=[Picture(["图为桥梁。", "张某某摄"])]),
        *blocks("第一段。"),
        Block("\u3000\u3000小标题", subhead=True),
        *blocks("第二段。"),
    ]
    entry = gold.article(record(blocks=body))
    assert entry["paragraphs"] == ["第一段。", "小标题", "第二段。"]
    assert entry["subheads"] == [1]
    assert entry["figures"] == [
        {
            "at": 0,
            "caption": ["图为桥梁。"],
            "credit_line": "张某某摄",
            "credit": {"role": "photographer", "name": "张某某"},
        }
    ]


def test_kinds_of_records():
    picture = [Block("", pictures=[Picture()])]
    assert gold.kind_of(record(headline="本版责编：张  三")) == "furniture"
    assert gold.kind_of(record(headline="广告", blocks=picture)) == "empty"
    photo = record(headline="图片报道", blocks=[*picture, *blocks("桥上行人。", "王某某摄（影像中国）")])
    assert gold.kind_of(photo) == "photo"
    assert gold.photo(photo) == {
        "type": "photo",
        "caption": ["桥上行人。"],
        "credit": {"role": "photographer", "name": "王某某"},
        "credit_line": "王某某摄（影像中国）",
        "title": "图片报道",
    }
    long_story = record(headline="图片报道", blocks=[*picture, *blocks("一。", "二。", "三。", "四。")])
    assert gold.kind_of(long_story) == "article"
    assert gold.kind_of(record(headline="新闻", blocks=blocks("正文。"))) == "article"


# ---------------------------------------------------------------------------- layouts


def sample_page() -> SourcePage:
    records = [
        record(
            record_id="a",
            kicker="引题",
            headline="主标题",
            author="本报记者  王  五",
            blocks=[*blocks("本报讯  （记者赵六）第一段。"), Block("", pictures=[Picture()]), *blocks("第二段。")],
        ),
        record(record_id="b", headline="第二篇", subheadline="副题", blocks=blocks("正文。")),
        record(record_id="c", headline="本版责编：张  三", blocks=blocks("版式设计：李  四")),
    ]
    return SourcePage("rmrb", "2026-01-02", "3", "要闻", records, {"repo": "x"})


def test_layouts_differ_only_in_layout_and_hold_the_gold():
    page = sample_page()
    items = gold.items(page)
    page_gold = gold.page_gold(page, "人民日报", "zh-Hans", items)
    assert [i["headline"] for i in page_gold["items"]] == ["主标题", "第二篇"]
    assert page_gold["furniture"] == ["本版责编：张  三", "版式设计：李  四"]
    texts = {v: render.text(page, "人民日报", items, v, "none") for v in render.VARIANTS}
    assert texts["crawler"].startswith("引题\n主标题\n\n本报记者  王  五\n\u3000\u3000本报讯  （记者赵六）第一段。\n\n")
    assert "\n\n主标题\n" not in texts["compact"] and texts["compact"].startswith("引题\n主标题\n本报记者")
    assert "\n\u3000\u3000第二段。\n\n第二篇\n副题\n" in texts["compact"]
    assert texts["spaced"].startswith("引题\n\n主标题\n\n本报记者  王  五\n\n本报讯")
    for text in texts.values():
        assert text.endswith("本版责编：张  三\n版式设计：李  四\n")
        build.check(page_gold, text)
    squeezed = {build.squeeze(text) for text in texts.values()}
    assert len(squeezed) == 1


def test_the_extracted_style_is_the_seeds_shape_and_holds_the_gold(monkeypatch):
    """Spaced, half-width marks, paragraphs cut where a column ends, room before pictures;
    the gold still found in it after NFKC, and the same page always cut the same way."""
    page = sample_page()
    items = gold.items(page)
    page_gold = gold.page_gold(page, "人民日报", "zh-Hans", items)
    monkeypatch.setattr(render, "CUT_MIN", 8)
    monkeypatch.setattr(render, "CUT_SHARE", 1.0)  # every paragraph of over 8 characters cut
    text = render.extracted(page, "人民日报", items, "none")
    assert text == render.extracted(page, "人民日报", items, "none")
    assert "（" not in text and "本报讯  (记者赵六)" in text
    assert "\n\n本报讯  (记者赵六)第一段。\n" not in text  # cut in two
    spaced = render.text(page, "人民日报", items, "spaced", "none")
    assert text.count("\n\n") > spaced.count("\n\n")
    build.check(page_gold, text, nfkc=True)


def test_the_tight_style_is_the_extracted_one_without_blank_lines():
    page = sample_page()
    items = gold.items(page)
    page_gold = gold.page_gold(page, "人民日报", "zh-Hans", items)
    text = render.tight(page, "人民日报", items, "none")
    extracted = render.extracted(page, "人民日报", items, "none")
    assert "\n\n" not in text and "\n\n" in extracted
    assert text == "\n".join(line for line in extracted.split("\n") if line) + "\n"
    build.check(page_gold, text, nfkc=True)


def test_the_flush_style_is_the_crawl_without_indents_and_holds_the_gold():
    page = sample_page()
    items = gold.items(page)
    page_gold = gold.page_gold(page, "人民日报", "zh-Hans", items)
    crawler = render.text(page, "人民日报", items, "crawler", "none")
    text = render.flush(page, "人民日报", items, "none")
    assert "\u3000" in crawler and "\u3000" not in text
    assert text.startswith("引题\n主标题\n\n本报记者  王  五\n本报讯  （记者赵六）第一段。\n")
    assert text.replace("\u3000", "") == crawler.replace("\n\u3000\u3000", "\n").replace("\u3000", "")
    build.check(page_gold, text)


def test_headers_and_choice():
    page = sample_page()
    assert render.header(page, "人民日报", "one-line") == ["人民日报  2026年01月02日  第03版：要闻"]
    assert render.header(page, "人民日报", "two-lines") == ["人民日报  2026年01月02日", "03版：要闻"]
    assert render.choice("rmrb_20260102_03") == render.choice("rmrb_20260102_03")
    assert {render.choice(f"p{i}")[0] for i in range(30)} == set(render.VARIANTS)


def test_check_fails_when_the_text_lacks_a_gold_text():
    page = sample_page()
    items = gold.items(page)
    page_gold = gold.page_gold(page, "人民日报", "zh-Hans", items)
    with pytest.raises(build.CheckFailed):
        build.check(page_gold, "主标题\n")


# ---------------------------------------------------------------------------- git history and a whole build


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env | {"PATH": "/usr/bin:/bin"}
    ).stdout.strip()


def feed(date: str, items: list[tuple[str, str, str, str]]) -> str:
    """An RSS file in the shape the rmrb feeds have: (page label, headline, author, paragraph)."""
    year, month, day = date.split("-")
    entries = []
    for n, (label, headline, author, paragraph) in enumerate(items):
        html = (
            f'<div class="article"><h3></h3><h1><p> {headline} </p></h1><h2></h2><p class="sec">{author}'
            f'<span class="date">《人民日报》（<span class="newstime">{year}年{month}月{day}日</span> 第 01 版）</span></p>'
            f'<div id="ozoom"><p>\u3000\u3000{paragraph}</p></div></div>'
        )
        entries.append(
            f"<item><title>[{label}] {headline}</title><link>https://x/content/{date}/content_{n}.html</link>"
            f"<description>{escape(html)}</description></item>"
        )
    return f"<?xml version='1.0' encoding='UTF-8'?><rss><channel><title>t</title>{''.join(entries)}</channel></rss>"


@pytest.fixture
def mirror(tmp_path):
    repo = tmp_path / "mirrors" / "ifyuls+rmrb-rss"
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    history = repo / "history"
    history.mkdir()
    (repo / "rmrb_fulltext.xml").write_text(
        feed("2026-03-01", [("01版：要闻", "第一条", "本报记者  王  五", "本报北京2月28日电  （记者赵六）第一段。")]),
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    (history / "old.xml").write_text((repo / "rmrb_fulltext.xml").read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "rmrb_fulltext.xml").write_text(
        feed(
            "2026-03-02",
            [
                ("01版：要闻", "第二条", "", "新华社北京3月1日电  第一段。"),
                ("02版：要闻", "广告之外", "刘某某", "第一段。"),
                ("02版：要闻", "本版责编：张  三", "", "版式设计：李  四"),
            ],
        ),
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "two")
    (repo / "history" / "reserved.xml").write_text(
        feed("2020-03-03", [("01版：要闻", "保留", "", "第一段。")]), encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "three")
    return repo, git(repo, "rev-parse", "HEAD")


def test_versions_reads_every_blob_once(mirror):
    repo, head = mirror
    gitdir = gitmirror.git_dir(repo.parent, "ifyuls/rmrb-rss")
    found = gitmirror.versions(gitdir, head, ("rmrb_fulltext.xml", "history"))
    assert len(found) == 3  # the archived copy is the same blob as the first version
    assert [v.path for v in found] == ["rmrb_fulltext.xml", "rmrb_fulltext.xml", "history/reserved.xml"]
    contents = gitmirror.read_blobs(gitdir, [v.blob for v in found])
    assert b"2026" in contents[found[0].blob]
    with pytest.raises(gitmirror.MirrorError, match="pinned commit"):
        gitmirror.versions(gitdir, "0" * 40, ("history",))
    with pytest.raises(gitmirror.MirrorError, match="no git mirror"):
        gitmirror.git_dir(repo.parent, "nobody/nothing")


def test_build_writes_the_corpus_deterministically(mirror, monkeypatch, capsys):
    repo, head = mirror
    monkeypatch.setattr(rmrb, "PIN", head)
    out = repo.parent.parent / "corpus"
    assert build.main(["--mirrors", str(repo.parent), "--out", str(out), "--papers", "rmrb", "--all-variants"]) == 0
    assert "rmrb" in capsys.readouterr().out
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    ids = [page["id"] for page in manifest["pages"]]
    assert ids == ["rmrb_20260301_01", "rmrb_20260302_01", "rmrb_20260302_02"]  # 2020 is refused
    assert manifest["papers"]["rmrb"]["read"]["pages refused (reserved)"] == 1
    first = json.loads((out / "gold" / "rmrb" / "rmrb_20260301_01.json").read_text(encoding="utf-8"))
    assert first["items"][0]["bylines"] == [{"role": "reporter", "name": "王五"}, {"role": "reporter", "name": "赵六"}]
    second = json.loads((out / "gold" / "rmrb" / "rmrb_20260302_02.json").read_text(encoding="utf-8"))
    assert second["furniture"] == ["本版责编：张  三", "版式设计：李  四"]
    assert (out / "text" / "rmrb" / "rmrb_20260302_02.txt").read_text(encoding="utf-8").endswith("版式设计：李  四\n")
    for layout in render.VARIANTS:
        assert (out / "variants" / layout / "rmrb" / "rmrb_20260302_02.txt").is_file()
    assert "(记者赵六)" in (out / "extracted" / "rmrb" / "rmrb_20260301_01.txt").read_text(encoding="utf-8")
    assert (out / "flush" / "rmrb" / "rmrb_20260301_01.txt").read_text(encoding="utf-8").count("\u3000") == 0
    assert "\n\n" not in (out / "tight" / "rmrb" / "rmrb_20260301_01.txt").read_text(encoding="utf-8")
    before = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert build.main(["--mirrors", str(repo.parent), "--out", str(out), "--papers", "rmrb", "--all-variants"]) == 0
    after = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert before == after


def test_build_errors_are_one_line(mirror, tmp_path, capsys):
    repo, _ = mirror
    assert build.main(["--mirrors", str(tmp_path / "none"), "--out", str(tmp_path / "c"), "--papers", "rmrb"]) == 3
    assert capsys.readouterr().err.count("\n") == 1
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("x", encoding="utf-8")
    assert build.main(["--mirrors", str(repo.parent), "--out", str(busy)]) == 4
    assert (busy / "keep.txt").is_file()
