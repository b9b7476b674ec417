"""Where a story ends: the lines after a story's text that are not its paragraphs (stop 36)."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.model import Article
from convert_core.reader.furniture import staff_block_people

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
    ],
)
def test_staff_block_people(line: str, people: list[str] | None) -> None:
    found = staff_block_people(line)
    assert (None if found is None else [person.name for person in found]) == people
