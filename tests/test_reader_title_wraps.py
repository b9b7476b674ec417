"""Titles wrapped over two or three lines with no blank line between them."""

from __future__ import annotations

from convert_core import parse
from convert_core.lossless import lost_characters

STORY_ABOVE = (
    "城区老旧小区改造全面启动\n\n本报讯（记者 张三）昨天，城区老旧小区改造工程全面启动，今年将改造小区120个。\n\n"
)
OPENING = "本报北京7月30日电（记者 王平）全国人大常委会第3期全国人大代表学习班30日在京开班，来自各地的代表参加学习。\n"


def test_a_headline_wrapped_over_two_lines_is_one_headline():
    """``全国人大常委会举办2026年第3`` / ``期全国人大代表学习班``: its halves were a headline and
    the story's first paragraph."""
    text = STORY_ABOVE + "全国人大常委会举办2026年第3\n期全国人大代表学习班\n\n" + OPENING
    document = parse(text)
    assert [a.headline for a in document.articles] == [
        "城区老旧小区改造全面启动",
        "全国人大常委会举办2026年第3期全国人大代表学习班",
    ]
    assert any(d.code == "title-lines-joined" for d in document.diagnostics)
    assert not lost_characters(text, document)


def test_a_kicker_over_a_longer_headline_with_no_blank_line_between_stays_two_titles():
    """A column fills every line of a wrapped title but the last: a longer line under a
    title is a title of its own (the seed's kicker and headline, their blank line left out)."""
    text = STORY_ABOVE + "持续夯实基层基础 有效整合各方资源\n卫东区持续完善提升社区治理体系和能力\n\n" + OPENING
    article = parse(text).articles[-1]
    assert (article.kicker, article.headline) == (
        "持续夯实基层基础 有效整合各方资源",
        "卫东区持续完善提升社区治理体系和能力",
    )


def test_no_title_is_joined_on_a_page_with_no_blank_lines_nor_across_staff_lines():
    tight = (STORY_ABOVE + "全国人大常委会举办2026年第3\n期全国人大代表学习班\n\n" + OPENING).replace("\n\n", "\n")
    assert "全国人大常委会举办2026年第3期全国人大代表学习班" not in [a.headline for a in parse(tight).articles]
    staff = STORY_ABOVE + "本版责编：王五\n版式设计：赵六\n\n" + "全市召开会议\n\n" + OPENING
    document = parse(staff)
    assert [f.text for f in document.furniture if f.kind == "staff"] == ["本版责编：王五", "版式设计：赵六"]
