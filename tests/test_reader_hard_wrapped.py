"""Hard-wrapped pages: every line cut at a column's width, re-joined into paragraphs
(docs/reader-accuracy.md, "Hard-wrapped pages (stop 37)")."""

from __future__ import annotations

from convert_core import parse
from convert_core.model import Article, Paragraph
from convert_core.reader.lines import cut_length, written_lengths
from convert_core.testing.shapes import hard_wrapped, without_blank_lines

#: A made-up story whose paragraphs hold digits, Latin letters and half-width marks: cut at
#: a number of characters, its lines are narrower in print than lines of ideographs alone.
STORY = (
    "江城日报 2025年3月4日 星期二 第5版 城市\n\n"
    "老城区改造项目全面启动\n\n"
    "本报讯 (记者 王平) 今年我市将对老城区实施改造,总投资达12.5亿元,涉及居民3200余户,"
    "首批涉及解放、中山、人民三个街道。\n\n"
    "市住建局有关负责人表示,改造内容包括管网更新、道路修缮、加装电梯等,同时将增设停车位"
    "1500个和社区养老服务设施28处,预计年底前完成。\n\n"
    "据介绍,项目采用EPC模式建设,已完成前期设计的80%,下一步将进入招标阶段,各街道的施工"
    "方案将于5月公示。\n\n"
    "城南片区的居民对改造充满期待,不少人已经开始为搬迁做准备。\n"
)


def _paragraphs(text: str) -> list[str]:
    (article,) = [item for item in parse(text).items if isinstance(item, Article)]
    return [block.text for block in article.body if isinstance(block, Paragraph)]


def test_a_page_cut_at_a_number_of_characters_is_told():
    """Most lines of one length and none longer: cut at that many characters."""
    assert cut_length([12] * 9 + [7, 3]) == 12
    assert cut_length([12] * 9 + [7, 14]) is None  # a line longer: a printed column's
    assert cut_length([12] * 3 + [9, 10, 11, 7, 8, 6, 10]) is None  # no one length
    assert written_lengths("ab  c\n\n \u3000\nxyz\n") == [5, 3]


def test_lines_cut_at_a_number_of_characters_join_whatever_their_printed_width():
    """A line of the cut's length with digits or Latin in it (narrower in print than a
    column of ideographs) goes on in the next line; a shorter one ends its paragraph."""
    whole = _paragraphs(STORY)
    for width in (13, 16, 20, 22):
        assert _paragraphs(hard_wrapped(STORY, width)) == whole, width


def test_without_blank_lines_the_short_line_ends_the_paragraph():
    """With no blank line left, a line shorter than the cut still ends its paragraph, even
    one closing a sentence with room to spare for a few more characters."""
    whole = _paragraphs(STORY)
    assert len(whole) == 4
    assert _paragraphs(without_blank_lines(hard_wrapped(STORY, 22))) == whole
