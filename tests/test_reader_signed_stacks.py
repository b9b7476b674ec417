"""Title stacks of two or three lines over an author's bare name (stop 34): a theory or
commentary page's essays, each signed under its title (``signatures.stacks_over_a_signature``)."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.model import Article

HEAD = "人民日报　2020年4月28日　星期二　9\n\n理论\n\n"
BODY = (
    "坚持以人民为中心的发展思想，是马克思主义政治经济学的根本立场。\n\n"
    "以人民为中心的发展思想，回答了发展为了谁、发展依靠谁、发展成果由谁享有的问题。\n\n"
    "（作者为中共中央党校教授）\n"
)


def _articles(page: str) -> list[Article]:
    return [item for item in parse(page).items if isinstance(item, Article)]


def test_a_kicker_and_headline_over_a_bare_name_at_the_pages_top():
    """The model began the story at the kicker (read as the headline), then took the
    headline for a paragraph and the author's name for another: the name became a subhead."""
    page = HEAD + "深入学习贯彻习近平新时代中国特色社会主义思想\n\n坚持以人民为中心的发展思想\n\n王　浩\n\n" + BODY
    (article,) = _articles(page)
    assert (article.kicker, article.headline) == (
        "深入学习贯彻习近平新时代中国特色社会主义思想",
        "坚持以人民为中心的发展思想",
    )
    assert [person.name for person in article.bylines] == ["王浩"]
    assert article.body[0].text.startswith("坚持以人民为中心的发展思想，")


@pytest.mark.parametrize("name", ["王　浩", "欧阳日辉"])
def test_a_stacks_first_line_left_under_the_story_above_goes_back_to_its_stack(name):
    """Under a story's closing line (``（作者单位：…）``) the model left a two-line stack's first
    line in the story above as its last paragraph, and began the next story at the second."""
    first = "推动高质量发展的科学指南\n\n李　明\n\n" + "高质量发展是我国经济社会发展的主题。\n\n" * 3
    essay = "".join(
        f"第{n}段论述，以人民为中心的发展思想贯穿改革发展各个环节，要落实到方方面面。\n\n" for n in range(40)
    )
    page = (
        HEAD + first + "（作者单位：中国社会科学院经济研究所）\n\n"
        "深入学习贯彻习近平新时代中国特色社会主义思想\n\n坚持以人民为中心的发展思想\n\n" + name + "\n\n" + essay
    )
    articles = _articles(page)
    assert [article.headline for article in articles] == ["推动高质量发展的科学指南", "坚持以人民为中心的发展思想"]
    assert articles[1].kicker == "深入学习贯彻习近平新时代中国特色社会主义思想"
    assert "深入学习" not in "".join(block.text for block in articles[0].body)


def test_a_short_signed_part_under_a_two_line_stack_stays_in_its_package():
    """A commentary column's short signed parts are one package's parts in People's Daily's
    records (see :func:`.signatures.signed_pieces`): a short piece is left to the model."""
    first = "推动高质量发展的科学指南\n\n李　明\n\n" + "高质量发展是我国经济社会发展的主题。\n\n" * 3
    page = (
        HEAD + first + "深入学习贯彻习近平新时代中国特色社会主义思想\n\n坚持以人民为中心的发展思想\n\n王　浩\n\n" + BODY
    )
    assert [article.headline for article in _articles(page)] == ["推动高质量发展的科学指南"]


def test_a_letters_heading_spaced_like_a_name_signs_nothing():
    """``回  信`` under a front page's stack heads the letter printed under it: it is no
    writer's name (``回`` is no common surname), and the stack is the model's to read."""
    page = (
        "习近平回信勉励中国青年五四奖章获奖者代表\n\n胸怀远大理想矢志拼搏奋斗\n\n回　信\n\n"
        "中国青年五四奖章暨新时代青年先锋奖获奖者代表：\n\n你们好！来信收悉。\n"
    )
    (article,) = _articles(page)
    assert article.bylines == []
