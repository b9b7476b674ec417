"""Where a story ends: the lines after a story's text that are not its paragraphs (stop 36)."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.model import Article
from convert_core.reader.datelines import parse_byline_line
from convert_core.reader.furniture import staff_block_people
from convert_core.reader.lines import Line
from convert_core.reader.story_ends import commentaries_head_stories, kickers_left_over_a_headline, runs_on_into_a_title

HEADER = "江城日报　2025年3月4日　星期二　第5版　城市\n\n"
STORY = "城区新建口袋公园\n\n本报讯（记者 张 明）城区今年新建口袋公园十二座，市民出门五分钟就能走进绿地。\n\n"


def _articles(text: str, model: str | None = None) -> list[Article]:
    return [item for item in parse(text, model=model).items if isinstance(item, Article)]


@pytest.mark.parametrize(
    "line",
    [
        "本期统筹：陈 娟 吴 燕",
        "本期统筹  林  琳  蒋雪婕",
        "融媒合作：刘莉莉  娄霄霄  郭  玥",
        "版式设计（人民网） 李  鉴  毛  然",
    ],
)
def test_a_labelled_line_of_names_in_the_staff_block_is_the_pages_staff(line: str) -> None:
    """Under the line naming the page's editors (``本版责编：…``) a page prints more of its staff
    under labels of its own (``本期统筹``, ``融媒合作``, ``本版摄影``): they are the page's staff,
    not the last story's last paragraph."""
    text = HEADER + STORY + "本版责编：曹怡晴  陈世涵\n" + line + "\n"
    for model in (None, "none"):
        (story,) = _articles(text, model)
        assert [paragraph.text for paragraph in story.paragraphs][-1].endswith("走进绿地。")
    assert [(f.kind, f.text) for f in parse(text).furniture][-1] == ("staff", " ".join(line.split()))


def test_a_staff_jobs_label_alone_and_the_names_under_it_are_the_pages_staff() -> None:
    """``版式设计`` on a line of its own, its people on the next, in the staff block: both staff;
    the same two names with no label over them are not (a byline under a PDF page's header)."""
    text = HEADER + STORY + "本版责编：曹怡晴  陈世涵\n版式设计\n张丹峰  汪哲平\n"
    (story,) = _articles(text)
    assert story.paragraphs[-1].text.endswith("走进绿地。")
    assert [f.kind for f in parse(text).furniture][-3:] == ["staff"] * 3


def test_a_labelled_line_of_names_elsewhere_stays_the_storys() -> None:
    """Away from the editors' line the same form is a package's closing credit, which the
    records keep as the story's last paragraph (``本期统筹：王 者`` under its last part)."""
    text = HEADER + STORY + "本期统筹：陈 娟 吴 燕\n\n本版责编：曹怡晴  陈世涵\n"
    (story,) = _articles(text)
    assert story.body[-1].text == "本期统筹：陈 娟 吴 燕"
    assert [f.kind for f in parse(text).furniture].count("staff") == 1


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("本期统筹：陈 娟 吴 燕", ["陈娟", "吴燕"]),
        ("本版摄影：张武军  梁  茵", ["张武军", "梁茵"]),
        ("图表资料来源：《中国共产党一百年大事记》等", None),
        ("城区新建口袋公园", None),
        ("让城市更有温度 让生活更加美好", None),
        ("融媒合作 刘莉莉 娄霄霄", ["刘莉莉", "娄霄霄"]),
        ("版式设计（人民网） 张 三", ["张三"]),
        ("本期统筹  张一夫", ["张一夫"]),
        ("版式设计", []),  # its people on the line under it
        ("张丹峰  汪哲平", None),  # names alone: only under a job's label (below)
        ("稳中有进 向新而行", None),
        ("稳中求进 新征程", None),  # a two-part title under a PDF page's header: nobody named
        ("聚焦两会 牢记嘱托 勇挑大梁", None),
        ("记者 汪洋", None),  # a byline's label
        ("通讯员 葛平 柳青", None),
    ],
)
def test_staff_block_people(line: str, people: list[str] | None) -> None:
    found = staff_block_people(line)
    assert (None if found is None else [person.name for person in found]) == people


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("张丹峰  汪哲平", ["张丹峰", "汪哲平"]),
        ("礼者，养也", None),  # a title, not two names
        ("通讯员 葛平 柳青", None),
    ],
)
def test_names_alone_under_a_staff_jobs_label(line: str, people: list[str] | None) -> None:
    found = staff_block_people(line, under_a_label=True)
    assert (None if found is None else [person.name for person in found]) == people


NEWS = "市民出门五分钟就能走进绿地，城区今年新建口袋公园十二座，绿地面积增加三成。\n\n"


def test_a_title_line_running_on_into_the_headline_is_its_kicker() -> None:
    """A line that runs on into the headline under it at an open enumeration (``…饮用水……`` /
    ``高温天出门带好这几样``) is the headline's kicker, not the last paragraph of the story above."""
    text = (
        HEADER
        + STORY
        + NEWS * 3
        + "雨伞、防晒霜、遮阳帽、饮用水……\n\n为青年乐手搭建舞台\n\n李 明\n\n"
        + "江城民乐团今年招收青年乐手二十名，每周安排两场公益演出，让新人在舞台上成长。\n\n" * 3
    )
    first, second = _articles(text)
    assert first.paragraphs[-1].text == NEWS.strip() and len(first.paragraphs) == 4
    assert (second.kicker, second.headline) == ("雨伞、防晒霜、遮阳帽、饮用水……", "为青年乐手搭建舞台")


def _units(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, 1)]


@pytest.mark.parametrize(
    ("above", "line", "kicker"),
    [
        ("三年来，乐团培养青年乐手一百多名。", "江城民乐团新人培养“三步走”——", True),
        ("三年来，乐团培养青年乐手一百多名。", "雨伞、防晒霜、遮阳帽、饮用水……", True),
        ("三年来，乐团培养青年乐手一百多名", "江城民乐团新人培养“三步走”——", False),  # (above goes on)
        ("三年来，乐团培养青年乐手一百多名。", "卸下重负、披上新装，城市奔向新的远方……", False),
        ("三年来，乐团培养青年乐手一百多名。", "江城民乐团", False),  # (a title, but nothing ends above)
        ("江西九江市 王 平", "江城民乐团", True),
    ],
)
def test_kickers_left_over_a_headline(above: str, line: str, kicker: bool) -> None:
    units = _units(above, line, "为青年乐手搭建舞台", "李 明")
    labels = ["para", "para", "headline", "byline"]
    kickers_left_over_a_headline(units, labels)
    assert labels[1] == ("kicker" if kicker else "para")


LETTER = "小区门口的路灯坏了半个月，晚上出门很不方便，希望有关部门尽快修好。\n\n"


@pytest.mark.parametrize(
    "closing",
    ["——编  者", "江西九江市 王 平", "人民网“领导留言板”网友"],
)
def test_a_title_under_a_sign_off_and_over_a_headline_is_its_kicker(closing: str) -> None:
    """Under a line that signs off the piece above (an editor's note's ``——编 者``, a reader's
    letter's signature) a title right over a headline is that headline's kicker: the piece
    above ended at its signature."""
    text = (
        HEADER
        + "读者来信\n\n"
        + LETTER * 2
        + closing
        + "\n\n收费不明、退款要等\n\n健身卡退费难在哪（百姓关注）\n\n赵 兵 王 冬\n\n"
        + "记者走访多家健身房发现，办卡容易退卡难，不少消费者遇到过退费纠纷。\n\n" * 3
    )
    first, second = _articles(text)
    assert [paragraph.text for paragraph in first.paragraphs][:2] == [LETTER.strip()] * 2
    assert "收费不明、退款要等" not in [paragraph.text for paragraph in first.paragraphs]
    assert (second.kicker, second.headline) == ("收费不明、退款要等", "健身卡退费难在哪（百姓关注）")


@pytest.mark.parametrize(
    ("line", "runs_on"),
    [
        ("中国选手再夺世界杯冠军——", True),
        ("手机、充电宝、老花镜……", True),
        ("——编 者", False),
        ("卸下重负、披上新装，城市奔向新的远方……", False),
        ("他说：“我们还会再来。”——", False),
        ("江城民乐团", False),
    ],
)
def test_runs_on_into_a_title(line: str, runs_on: bool) -> None:
    assert runs_on_into_a_title(line) is runs_on


COMMENT = "城市的温度，藏在百姓出门可见的绿色里。\n\n"


@pytest.mark.parametrize("voice", ["本报评论员", "新华社评论员"])
@pytest.mark.parametrize("closing", ["（相关报道见第三版）", "全市新建口袋公园的名单附后。"])
def test_a_commentary_signed_by_the_papers_voice_heads_a_story(voice: str, closing: str) -> None:
    """A title over ``本报评论员`` under the story above's closing line is an editorial of its
    own, never the story's last paragraphs."""
    text = HEADER + STORY + NEWS * 3 + closing + "\n\n更好地提高城市绿地质量\n\n" + voice + "\n\n" + COMMENT
    first, second = _articles(text)
    assert first.headline == "城区新建口袋公园" and closing in [paragraph.text for paragraph in first.paragraphs]
    assert second.headline == "更好地提高城市绿地质量"
    assert [person.name for person in second.bylines] == [voice]


def test_a_headline_over_its_dashed_subtitle_over_the_papers_voice() -> None:
    """A commentary's headline over its subtitle opened by a dash (``——论…``) over ``本报评论员``."""
    units = _units(NEWS.strip(), "以绿色发展提升城市品质", "——论建设宜居城市", "本报评论员", COMMENT.strip())
    units[3].kind, units[3].data = "byline", parse_byline_line("本报评论员")
    labels = ["para", "para", "para", "para", "para"]
    commentaries_head_stories(units, labels)
    assert labels == ["para", "headline", "subheadline", "byline", "para"]
