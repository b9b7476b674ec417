"""Stories swallowed as the text of the story above, in the seed's shape (stop 37): a closing
note a column break cut in two, a regional feature's title led by its place, a commentary
signed with its pen name under a chart's credit. Made-up pages in the forms the corpus's
pages print."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from convert_core import parse
from convert_core.model import Source, Subhead
from convert_core.reader import ReaderOptions, prepare
from convert_core.reader.datelines import joins_cut_closing
from convert_core.reader.signatures import titles_signed_with_a_pen_name
from convert_core.reader.story_starts import regional_feature_titles


def _relabel(rule: Callable[[list, list[str]], None], text: str, labels: list[str]) -> list[str]:
    """The labels ``rule`` leaves on ``text``'s lines, given ``labels`` (as the model gave them)."""
    units = prepare(text, Source(name="page"), [], ReaderOptions())[1].units
    labels = list(labels)
    rule(units, labels)
    return labels


def _essay_and_dispatch(note: str) -> str:
    """A signed essay closed by ``note``, then a wire dispatch under its title."""
    return (
        "人民日报 2026年7月5日 星期日\n\n3\n\n国际\n\n中国品牌何以圈粉世界\n\n大卫·海格\n\n"
        "中国品牌的成长，折射出中国经济结构与发展动能的深刻变革，也彰显了开放合作、创新驱动的发展方向。\n\n"
        "从制造到创造，越来越多的中国品牌走向世界，赢得了各国消费者的信任与喜爱。\n\n"
        f"{note}\n\n瑞典首相会见中国外长\n\n"
        "新华社斯德哥尔摩7月4日电 （记者朱昊晨）瑞典首相4日在斯德哥尔摩会见中国外长。\n\n"
        "双方就双边关系和共同关心的国际问题交换了意见。\n"
    )


@pytest.mark.parametrize(
    "note",
    [
        "(作者为国际品牌价值评\n\n估机构英国品牌金融集团董事长、国际标准化组织品牌评价技术委员会主席)",
        "（作者为某大学经济学院\n\n教授、博士生导师，本报记者王欣采访整理）",
        "(作者为\n\n中国中医科学院中医药信息研究所古籍资源研究室主任李明，本报记者田先进采访整理)",
    ],
)
def test_a_closing_note_cut_by_a_column_break_closes_its_piece(note: str) -> None:
    """A column break can leave a closing note's start on a line of its own (``(作者为``) and its
    rest on the next; read apart, the rest (ending in the bracket) was the next story's
    headline and the real title its subheadline. Joined, the note closes the essay and the
    title heads the dispatch under it."""
    document = parse(_essay_and_dispatch(note))
    essay, dispatch = document.articles
    assert essay.body[-1].text == note.replace("\n\n", "")
    assert (dispatch.headline, dispatch.subheadline, dispatch.dateline) == (
        "瑞典首相会见中国外长",
        None,
        "新华社斯德哥尔摩7月4日电",
    )
    assert [d.code for d in document.diagnostics].count("closing-joined") == 1


@pytest.mark.parametrize(
    ("line", "after", "joined"),
    [
        ("(作者为", "某大学经济学院教授)", True),
        ("（本报记者何昭宇、黄", "娴、王伟健、靳博）", True),
        ("(作者为BI挪威商学院战略学教授，曾任诺丁汉", "大学商学院（中国）院长，本报记者刘仲华采访整理)", True),
        ("（作者为某大学教授）", "让城市更有温度（人民时评）", False),  # the note closed on its line
        ("（作者为", "让城市更有温度（人民时评）", False),  # the next line closes a bracket of its own
        ("（一）", "坚持以人民为中心的发展思想）", False),  # no note: a numbered item
        ("城区新建口袋公园", "本报记者王欣采访整理）", False),
    ],
)
def test_joins_cut_closing(line: str, after: str, joined: bool) -> None:
    assert joins_cut_closing(line, after) is joined


def _feature_after_a_dispatch(title: str) -> str:
    """A dispatch, then a regional feature under ``title`` with a subhead of its own."""
    return (
        "人民日报 2026年7月29日 星期三\n\n13\n\n区域\n\n百日千万招聘专项行动将发布23万余个招聘需求\n\n"
        "本报北京7月28日电 （记者李心萍）人力资源社会保障部近日启动百日千万招聘专项行动。\n\n"
        "用人单位和求职者可通过公共招聘网等平台参与，各地将举办线下招聘会。\n\n"
        f"{title}\n\n"
        "江苏省泰州市靖江市是一座滨江港口城市，拥有百余家规模以上装备制造企业，产业基础雄厚。\n\n"
        "近年来，靖江坚持制造立市，推动传统产业转型升级，县域经济综合实力持续增强。\n\n"
        "聚链成势 打造世界级装备制造产业集群\n\n"
        "靖江聚焦船舶海工、汽车零部件等产业，推动上下游企业协同发展，产业集群规模不断壮大。\n"
    )


@pytest.mark.parametrize(
    "title",
    ["江苏靖江 深耕制造立市 做强县域经济", "陕西汉中 四十五载守护 谱写朱鹮保护华章", "云南 让古村落各美其美"],
)
def test_a_regional_features_title_led_by_its_place_heads_a_story(title: str) -> None:
    """A special page's regional feature is titled by its place and then its slogan, set apart
    by a space (``江苏靖江 深耕制造立市 做强县域经济``), with no byline or dateline: it heads a
    story (it was read as the dispatch's subhead). The feature's own subhead, which names no
    place, stays its subhead."""
    dispatch, feature = parse(_feature_after_a_dispatch(title)).articles
    assert (dispatch.headline, len(dispatch.body)) == ("百日千万招聘专项行动将发布23万余个招聘需求", 2)
    assert feature.headline == title
    assert [block.text for block in feature.body if isinstance(block, Subhead)] == [
        "聚链成势 打造世界级装备制造产业集群"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("重庆奉节 小眼镜撑起大产业，高质量发展跑出加速度", "headline"),
        ("南京市溧水区 完善为企服务体系 构筑良好营商环境", "headline"),
        ("“中国林都”黑龙江伊春 奋力书写新答卷", "headline"),
        ("新疆和田市 热则耶·吐逊托合提", "para"),  # a place and a person's name: an author's line
        ("内蒙古日报记者 马 芳 巴依斯古楞", "para"),  # a paper's reporters
        ("聚链成势 打造世界级装备制造产业集群", "para"),  # no place: a subhead
        ("城市漫游感 用光影打开来沪第一帧", "para"),
    ],
)
def test_regional_feature_titles(line: str, expected: str) -> None:
    text = (
        "用人单位和求职者可通过公共招聘网等平台参与，各地将举办线下招聘会。\n\n"
        f"{line}\n\n"
        "长江奔涌，夔门壮阔。位于长江三峡腹地的这座县城，精心制好一副眼镜，书写发展新答卷。\n"
    )
    assert _relabel(regional_feature_titles, text, ["para"] * 3) == ["para", expected, "para"]


def test_a_title_signed_with_a_pen_name_under_a_charts_credit_heads_a_story() -> None:
    """A chart's credit (``制图：王 婷``) closes the story above as a paragraph's end does: a
    commentary's title signed with its pen name under it heads a story (the model left it in
    the story above, labels as it gave them)."""
    text = (
        "近年来，越来越多的埃塞俄比亚咖啡通过电商平台走进中国消费者的生活。\n\n"
        "制图：王 婷\n\n"
        "升级情报体系，日本加速成为东亚“祸源”（钟声）\n\n"
        "日前，日本政府主推的情报会议设立法案，于一片争议声中在国会通过。\n"
    )
    assert _relabel(titles_signed_with_a_pen_name, text, ["para"] * 4) == ["para", "para", "headline", "para"]
