"""The text of a chart or infographic, as PDF extraction gives it: its title, its labels
and figures each a short line of its own, then where its data came from and who drew it
(``一季度全市主要经济指标`` / ``单位：亿元`` / ``地区生产总值`` / ``1250.3`` / … /
``数据来源：市统计局`` / ``制图：李四``). Its picture is not in the text; what is left of it is
no story's text, and the e-paper records a page is measured against leave it out. The
reader keeps it as furniture of its own kind (``graphic``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .lines import Line
from .text import cre, ends_paragraph, ends_sentence, visible_length

#: A chart's closing line: where its data came from, or who drew it (``数据来源：市统计局``,
#: ``制图：李四``, ``制图/李四``, ``本报记者 王五 制图``).
GRAPHIC_CLOSING_RE = cre(
    r"^(?:(?:数据|资料)来源|制图|绘图|图表制作|图表设计|图表)\s*[:：/／]\s*\S.{0,24}$"
    r"|^[^\s。！？，,]{2,12}(?:\s+[^\s。！？，,]{2,4}){0,3}\s*制图$"
)
#: A figure of a chart on its own line: ``1250.3``, ``5.2%``, ``+3.1%``, ``2019年``, ``12万人次``.
_FIGURE_RE = cre(
    r"^[+\-−－]?\d[\d.,，]*\s*(?:%|％|‰|[万亿千百]?(?:元|个|人次|人|户|吨|公里|千米|米|辆|家|项|件|台|次|年|月|日|倍|点))?$"
)
#: A chart's unit line: ``单位：亿元``, ``（单位：%）``.
_UNIT_RE = cre(r"^[（(]?单位\s*[:：]")
#: The longest label line of a chart, and the longest title over it.
LABEL_MAX = 20
TITLE_MAX = 30
#: How many lines a chart's text may run to, closing lines included.
GRAPHIC_MAX_LINES = 60
#: The fewest label and figure lines over the closing line(s).
GRAPHIC_MIN_LINES = 3


def closing_lines(lines: Sequence[Line]) -> list[int]:
    """The indexes of the lines that could close a chart (:data:`GRAPHIC_CLOSING_RE`), in
    order: most pages have none, and then no chart is looked for."""
    # (every closing line holds 来源 or 图: most lines are refused without the pattern)
    return [
        index
        for index, line in enumerate(lines)
        if len(line.text) <= 40
        and ("图" in line.text or "来源" in line.text)
        and GRAPHIC_CLOSING_RE.match(line.text.strip())
    ]


def may_start_graphic(lines: Sequence[Line], index: int) -> bool:
    """Whether a chart's text can start at ``lines[index]``: the page's first line, one set
    apart by a wider gap than the page's (the room a picture takes), or one right after a
    paragraph's end (a long line, or one ending a sentence or closing the story:
    ``（记者 王平）``)."""
    if index == 0 or lines[index].blank_before > 1:
        return True
    above = lines[index - 1].text.strip()
    return visible_length(above) > TITLE_MAX or ends_paragraph(above)


def graphic_end(lines: Sequence[Line], index: int, closings: list[int]) -> int:
    """Where the chart whose text starts at ``lines[index]`` ends (the index past its last
    closing line), or ``index`` when none starts there: every line from it to the next
    closing line (:func:`closing_lines`, within :data:`GRAPHIC_MAX_LINES`) is short and no
    sentence — the first, its title, up to :data:`TITLE_MAX` characters, the others up to
    :data:`LABEL_MAX` — there are at least :data:`GRAPHIC_MIN_LINES` of them, and one is a
    figure alone (``1250.3``, ``5.2%``) or the chart's unit (``单位：亿元``). A second
    closing line right after the first is the chart's too (``数据来源：…`` / ``制图：…``)."""
    at = bisect_left(closings, index)
    if at == len(closings) or closings[at] - index > GRAPHIC_MAX_LINES or closings[at] - index < GRAPHIC_MIN_LINES:
        return index
    close = closings[at]
    figures = False
    for ahead in range(index, close):
        text = lines[ahead].text.strip()
        if not text or visible_length(text) > (TITLE_MAX if ahead == index else LABEL_MAX) or ends_sentence(text):
            return index
        if text[0] in "（(" and not _UNIT_RE.match(text):
            return index  # （记者 王平）: a story's closing line, no label
        figures = figures or bool(_FIGURE_RE.match(text) or _UNIT_RE.match(text))
    if not figures:
        return index
    end = close + 1
    if at + 1 < len(closings) and closings[at + 1] == end:
        end += 1
    return end
