"""Title lines run together: a kicker or subheadline printed on the headline's line.

Text extraction that groups a page's lines into blocks (pdfminer's text boxes, a PDF's
text layer read block by block) can put a stack's kicker and headline, or its headline
and subheadline, on one line, with the dash between them that print uses for both:
``国家发展改革委有关负责同志和相关专家解读——更高水平更高质量做好节能降碳工作（政策解读）``
is a kicker ending in ``——`` and a headline; ``在新征程上团结奋斗不懈奋斗（社论）——写在“五一”
国际劳动节`` a headline and a subheadline opening with ``——``. :func:`split_run_on_title`
tells which: the side that carries the column's tag in brackets (People's Daily's records
give it to the headline) is the headline; else the stack model's words
(:meth:`.stack_words.StackModel.kicker_odds`) or, without one, headline and subheadline
(three in four of such lines on the corpus's training pages are).

On the corpus's training pages as pdfminer's blocks give them (People's Daily), 441
headlines read so held a gold headline on one side of the dash: the tag told 186 of them
(179 right), the stack model 255 of the rest (216 right). 11 of the gold's 10,055
headlines hold a dash inside, all but one within quotes or a title's marks, which this
leaves alone.
"""

from __future__ import annotations

from collections.abc import Callable

from .features import TITLE_TAG_RE
from .text import leaves_open

#: The shortest phrase either side of the dash that is a title of its own.
_MIN_SIDE = 4
#: The dash as two horizontal bars (U+2015), as text decoded by GB2312's standard table has it.
_BARS = "\u2015\u2015"


def split_run_on_title(
    headline: str, kicker_odds: Callable[[str, str], float] | None = None
) -> tuple[str | None, str, str | None] | None:
    """``(kicker, headline, subheadline)`` of a headline that holds a kicker or a
    subheadline run on to it at a dash (``None`` when it holds neither: no dash, a dash at
    either end or inside quotes, a side too short to be a title, or a sentence).
    ``kicker_odds(first, second)``: the log-odds that two title lines are kicker and
    headline rather than headline and subheadline."""
    dash = "——" if "——" in headline else _BARS  # (the dash as GB2312's table decodes it: ――)
    at = headline.find(dash)
    if at < _MIN_SIDE:
        return None
    before, after = headline[:at].rstrip(), headline[at + 2 :].lstrip()
    if len(after) < _MIN_SIDE or after.startswith(("—", "－", "\u2015")) or dash in after:
        return None
    if leaves_open(before):
        return None  # the dash is inside quotes or a title's marks: “守望——廊桥保护三年行动成果展”开幕
    if "。" in headline or "；" in headline:
        return None
    tagged_before = TITLE_TAG_RE.search(before) is not None
    tagged_after = TITLE_TAG_RE.search(after) is not None
    if tagged_after and not tagged_before:
        return before + dash, after, None
    if tagged_before and not tagged_after:
        return None, before, dash + after
    if kicker_odds is not None and kicker_odds(before + "——", "——" + after) > 0:
        return before + dash, after, None
    return None, before, dash + after
