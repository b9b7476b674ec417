"""Hard-wrapped pages: every line cut at a column's width, re-joined into paragraphs
(docs/reader-accuracy.md, "Hard-wrapped pages (stop 37)")."""

from __future__ import annotations

from convert_core import parse
from convert_core.model import Article, Paragraph, Source
from convert_core.reader import text_lines
from convert_core.reader.lines import cut_length, reflow, split_lines, written_lines
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
    assert [len(raw) for raw in written_lines("ab  c\n\n \u3000\nxyz\n")] == [5, 3]


def test_lines_cut_at_a_number_of_characters_join_whatever_their_printed_width():
    """A line of the cut's length with digits or Latin in it (narrower in print than a
    column of ideographs) goes on in the next line; a shorter one ends its paragraph."""
    whole = _paragraphs(STORY)
    for width in range(13, 23):
        assert _paragraphs(hard_wrapped(STORY, width)) == whole, width


def test_without_blank_lines_the_short_line_ends_the_paragraph():
    """With no blank line left, a line shorter than the cut still ends its paragraph, even
    one closing a sentence with room to spare for a few more characters."""
    whole = _paragraphs(STORY)
    assert len(whole) == 4
    assert _paragraphs(without_blank_lines(hard_wrapped(STORY, 22))) == whole


def _page_read_as_wrapped(text: str) -> bool:
    """Whether the reader takes ``text`` for a page of printed lines (the PDF model's)."""
    _lines, _language, hard_wrapped = text_lines(text, Source(name=None, sha256="", encoding=None, bytes=0), [])
    return hard_wrapped


def test_a_rejoined_page_is_read_as_a_page_of_paragraphs():
    """Re-joined, a page cut at a number of characters is a page of paragraphs (the seed's
    shape, or the seed's without blank lines) and is read as those shapes are, not as a page
    of printed lines (``pdftotext``'s, whose re-joining is less sure)."""
    wrapped = hard_wrapped(STORY, 16)
    assert not _page_read_as_wrapped(wrapped)
    assert not _page_read_as_wrapped(without_blank_lines(wrapped))


def test_a_byline_cut_in_its_names_is_joined_with_a_space():
    """On a page cut at a number of characters, a byline line as long as the cut, its last
    names on the next line alone, is one byline; a byline line over a paragraph stays."""
    page = hard_wrapped(STORY.replace("本报讯 (记者 王平) ", "本报记者 王 平 李小华 张 明 赵 刚\n\n"), 16)
    assert "本报记者 王 平 李小华 张 明\n 赵 刚\n" in page
    (article,) = [item for item in parse(page).items if isinstance(item, Article)]
    assert [person.name for person in article.bylines] == ["王平", "李小华", "张明", "赵刚"]


def test_a_full_line_closing_a_sentence_ends_its_paragraph_where_the_words_say_so():
    """On a page without blank lines, a line as long as the cut that closes a sentence ends
    its paragraph when the junction table finds a new one the likelier reading of the
    characters either side (``。`` / ``“``); where it finds the paragraph going on
    (``。`` / ``今年``) the line joins the next, as any full line does."""
    paragraphs = [
        "该区强化网格管理，准确摸清社区要素信息，建立专兼职网格员队伍千余名。",
        "“把服务送到家门口”，工作者们说。今年以来开展志愿服务八百余次。",
        "该区依托党群综合服务中心、新时代文明实践中心等阵地，广泛开展各类便民服务活动，群众反响良好。",
        "下一步，该区将继续完善民呼必应平台，推动社区治理体系和治理能力不断提升。",
    ]
    text = hard_wrapped("\n".join(paragraphs), 17)
    assert "千余名。\n“把服务" in text and "工作者们说。\n今年以来" in text
    reflowed, _joins, _width, cut = reflow(split_lines(text), text)
    assert cut == 17
    assert [line.text for line in reflowed] == paragraphs
