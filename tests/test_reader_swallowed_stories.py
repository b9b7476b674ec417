"""Stories swallowed as the text of the story above, in the seed's shape (stop 37): a closing
note a column break cut in two, a regional feature's title led by its place, a commentary
signed with its pen name under a chart's credit. Made-up pages in the forms the corpus's
pages print."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.reader.datelines import joins_cut_closing


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
