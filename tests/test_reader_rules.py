"""Focused tests of single reader rules (the fixture pages test them in context)."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.model import Article, Paragraph, Subhead
from convert_core.reader.fields import has_title_field, split_fields
from convert_core.reader.lines import Line
from convert_core.reader.people import parse_people
from convert_core.reader.spacing import collapse_ocr_spacing

HEADER = "江城日报　2025年3月4日　星期二　第5版　城市\n\n"


def _articles(text: str) -> list[Article]:
    return [item for item in parse(text).items if isinstance(item, Article)]


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("【标题】京津冀产业链加速成链", [("标题", "京津冀产业链加速成链")]),
        ("【副题】", [("副题", "")]),
        (
            "来源：本报  作者：本报记者 柯 敏  发布时间：2025-03-04 08:31",
            [("来源", "本报"), ("作者", "本报记者 柯 敏"), ("发布时间", "2025-03-04 08:31")],
        ),
        ("作者认为：这是一个问题", None),
        ("据标题：不是字段", None),
    ],
)
def test_field_lines_split_into_labelled_values(line, fields):
    assert split_fields(line) == fields


def test_title_fields_switch_the_page_to_field_reading():
    assert has_title_field("【标题】某某") and has_title_field("标题：某某")
    assert not has_title_field("新标题：某某")


def test_cms_fields_fill_the_stack_and_site_metadata_goes_to_furniture():
    text = (
        "标题：新区人才公寓交付使用\n引题：安居乐业\n来源：本报  作者：本报记者 夏 冰  发布时间：2025-03-04 08:30\n\n"
        "3月3日，新区首批人才公寓交付使用。\n\n上一篇：大桥维修完工\n"
    )
    document = parse(text)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.headline, article.kicker) == ("新区人才公寓交付使用", "安居乐业")
    assert [(p.role, p.name) for p in article.bylines] == [("reporter", "夏冰")]
    assert article.sources == []  # 来源：本报 names the paper itself
    kinds = {f.kind for f in document.furniture}
    assert {"date", "navigation"} <= kinds


def test_ocr_letter_spacing_is_collapsed_and_reported():
    lines = [
        Line(no=1, text="全 县 早 稻 长 势 喜 人"),
        Line(no=2, text="本 报 记 者  陈 晓 东"),
        Line(no=3, text="青 溪 报"),
        Line(no=4, text="记者 赵 刚 李 明"),
    ]
    diagnostics = collapse_ocr_spacing(lines)
    assert [line.text for line in lines] == ["全县早稻长势喜人", "本报记者 陈晓东", "青溪报", "记者 赵 刚 李 明"]
    assert diagnostics and diagnostics[0].code == "ocr-spacing-collapsed"


def test_padded_names_alone_are_not_ocr_spacing():
    lines = [Line(no=1, text="记者 赵 刚 李 明"), Line(no=2, text="王 平")]
    assert collapse_ocr_spacing(lines) == []
    assert lines[0].text == "记者 赵 刚 李 明"


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("本报记者 何 晴 整理", [("reporter", "何晴")]),
        ("文/王 雪", [("writer", "王雪")]),
        ("文/本报记者 李 嘉 图/本报记者 陈 晖", [("reporter", "李嘉"), ("photographer", "陈晖")]),
        ("记者张家豪通讯员王芳", [("reporter", "张家豪"), ("correspondent", "王芳")]),
    ],
)
def test_byline_forms(text, people):
    parsed = parse_people(text)
    assert parsed is not None
    assert [(p.role, p.name) for p in parsed] == people


def test_paid_notices_are_advertisement_until_the_next_story():
    text = (
        HEADER
        + "公　告\n\n刘某强：本院受理原告诉你借贷纠纷一案，现依法公告送达。\n\n江北区人民法院\n\n2024年11月21日\n\n"
        "全市法院集中发放案款\n\n本报讯（记者 唐 宁）11月19日，市中级人民法院举行案款集中发放活动。\n"
    )
    document = parse(text)
    (article,) = _articles(text)
    assert article.headline == "全市法院集中发放案款"
    notice = [f.text for f in document.furniture if f.kind == "advertisement"]
    assert notice[0] == "公 告" and "2024年11月21日" in notice
    assert "date" not in {f.kind for f in document.furniture}


def test_alias_remark_is_a_note_of_the_story_above():
    text = (
        HEADER + "高空抛物砸坏车辆\n\n通讯员 周 敏 记者 唐 宁\n\n法院判决张某赔偿刘先生修车费用。\n\n"
        "（文中当事人均为化名）\n\n全市法院发放案款\n\n本报讯（记者 唐 宁）法院举行案款发放活动。\n"
    )
    first, second = _articles(text)
    assert first.notes == ["文中当事人均为化名"]
    assert second.kicker is None


def test_box_label_is_a_subhead_and_titled_label_a_new_piece():
    text = (
        HEADER + "固态电池低温性能提升\n\n本报讯（记者 钱 程）科研团队研制出新型固态电池。\n\n相关链接\n\n"
        "固态电池是使用固体电解质的锂电池。\n\n记者手记\n\n让“救命钱”用得更顺畅\n\n维修资金被称为房屋的“养老钱”。\n"
    )
    story, piece = _articles(text)
    assert Subhead("相关链接") in story.body
    assert (piece.column, piece.headline, piece.bylines) == ("记者手记", "让“救命钱”用得更顺畅", [])


def test_verse_lines_are_paragraphs():
    text = (
        HEADER + "诗歌\n秋日的田野\n文/王 雪\n\n稻穗低下了头\n像一群谦逊的老人\n在风里\n轻轻地说着丰收\n\n"
        "田埂上的脚印\n被阳光晒得发烫\n父亲弯下腰\n把整个秋天扛在肩上\n"
    )
    (poem,) = _articles(text)
    assert (poem.column, poem.headline) == ("诗歌", "秋日的田野")
    assert all(isinstance(block, Paragraph) for block in poem.body)
    assert len(poem.body) == 8


def test_a_stack_of_four_titles_without_blank_lines_is_not_verse():
    text = (
        HEADER + "第一段文字，说明情况。\n\n第二段文字，继续说明。\n\n第三段文字，结束。\n\n"
        "聚焦两会\n春风化雨润民心\n代表委员热议民生\n一线见闻\n本报记者 王 平\n\n"
        "3月5日，记者来到会场，代表们正在热烈讨论。\n\n会上，大家纷纷发言。\n"
    )
    titled = [article for article in _articles(text) if article.headline]
    assert titled and titled[-1].bylines and titled[-1].bylines[0].name == "王平"
    stack = " ".join(filter(None, (titled[-1].kicker, titled[-1].headline, titled[-1].subheadline)))
    assert "代表委员热议民生" in stack and "春风化雨润民心" in stack
    assert not any(d.code == "verse" for d in parse(text).diagnostics)


def test_bare_bylines_after_a_dateline_name_every_person():
    from convert_core.reader.datelines import split_opening

    opening = split_opening("本报讯 记者 王平、李明 近日，全市召开会议。")
    assert opening is not None
    assert [(p.role, p.name) for p in opening.bylines] == [("reporter", "王平"), ("reporter", "李明")]
    assert opening.rest == "近日，全市召开会议。"


def test_a_paper_name_alone_is_a_masthead_in_either_script():
    from convert_core.reader.furniture import masthead_kind

    assert masthead_kind("青岚报") == masthead_kind("青嵐報") == "page-header"


def test_every_bullet_is_an_ornament_of_a_tag_but_not_the_middle_dot():
    from convert_core.reader.headlines import strip_ornaments

    assert strip_ornaments("▼简讯") == "简讯"
    assert strip_ornaments("走进新时代·") == "走进新时代·"
