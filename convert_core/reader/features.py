"""Line features: what the reader knows about each line, as named evidence for the model.

Every rule of the reader that can say something about a line's role becomes a *feature*
here (a short string such as ``end=sentence`` or ``kind=opening``): its shape (length,
first and last marks, clause punctuation), its layout (indent, blank lines around it,
and for PDF/ALTO input type size, weight and column span), the patterns it matches
(dateline, byline, credit, box label, column tag), and what the hand-written rules
decided for it (``rule=headline``). The role model (:mod:`.roles`) weighs them; the
weights are learned from real pages, so no single rule decides alone.

A line's own features are also given to its neighbours with a prefix (``-1:``, ``+1:``,
``+2:``), so the model sees a title line followed by an indented paragraph, or a short
line between two halves of a cut sentence.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from ..regex_cache import regex
from .headlines import (
    assign_roles,
    headline_like,
    is_briefs_header,
    is_column_tag,
    is_numbered_subhead,
    is_parallel,
)
from .junctions import BOUNDS as JUNCTION_BOUNDS
from .junctions import junction_class
from .people import names_nobody, parse_people
from .text import (
    BULLETS,
    PARAGRAPH_END,
    Memo,
    cre,
    ends_paragraph,
    ends_sentence,
    is_box_label,
    is_cjk,
    leaves_open,
    starts_as_continuation,
    strip_closers,
    visible_length,
)

if TYPE_CHECKING:
    from .lines import Line, LineLayout
    from .segmenter import Segmenter

#: A commentary's column in brackets at the end of its title: ``…（评论员观察）``, ``…（人民时评）``.
TITLE_TAG_RE = cre(r"[（(][^（()）]{2,12}[）)]$")
#: ``（作者为…）`` (``〔作者系…〕``) ends a signed commentary; ``（本报仰光1月10日电 记者…）`` ends a wire story.
AUTHOR_NOTE_RE = cre(r"^[（(〔［]作者(?:为|系|单位)")
_DIGIT_START_RE = regex(r"^\d")
_LATIN_START_RE = regex(r"^[A-Za-z]")
_LATIN_RE = regex(r"[A-Za-z]")
_CAPS_RE = regex(r"^[^a-z]*[A-Z][^a-z]*$")
_QUOTE_OPEN = '“‘"「『《'
#: (``\u2015``, the horizontal bar: the dash as text decoded by GB2312's standard table gives it.)
_DASH_START = ("——", "—", "──", "－－", "--", "\u2015")
_DASH_ENDS = ("—", "－", "-", "\u2015")

_PAREN_LINE_RE = regex(r"^[（(〔［][^（()）〔〕［］]+[）)〕］]$")
#: A name at the end of a short line, after a title or an office: ``中国作家协会党组书记、主席 张宏森``.
_NAME_TAIL_RE = cre(r"^[^。！？，,；;]{0,24}\s(?:[^\W\d_A-Za-z]\s?){2,4}$")


def is_author_line(text: str, length: float | None = None) -> bool:
    """A line that names the author(s) of a piece: names alone (``卜 谷``, ``齐志明 张函嫣``),
    with labels (``本报记者 王平``), or after an office (``中国作家协会主席 张宏森``);
    ``length``: its :func:`.text.visible_length`, when the caller has it."""
    if length is None:
        length = visible_length(text)
    if length > 30 or "。" in text or "！" in text or "？" in text or "；" in text or ";" in text:
        return False
    if length <= 16 and "，" not in text and not names_nobody(text) and parse_people(text, default_role="writer"):
        return True
    return _NAME_TAIL_RE.match(text) is not None


# Feature strings are made once, not per line: a feature is a name from a bounded set.
_LENGTH_BINS = (1, 3, 5, 7, 9, 12, 15, 18, 22, 26, 30, 36, 45, 60, 80, 120, 200)
#: ``len=`` and the first bound the length does not exceed (``more`` past the last).
_LENGTH_FEATURES = tuple(f"len={name}" for name in (*map(str, _LENGTH_BINS), "more"))


def _end_class(key: tuple[str, str]) -> str:
    """``end=`` and what a line ends with: its last character past its closing marks is
    ``key[0]``, its very last character ``key[1]`` (kept by :data:`_END_FEATURES`)."""
    last, final = key
    if not last:
        return "end=none"
    if last in "。！？!?…":
        return "end=sentence"
    if last in "，,、":
        return "end=comma"
    if last in "；;":
        return "end=semicolon"
    if last in "：:":
        return "end=colon"
    if last in "—－-─\u2015":
        return "end=dash"
    if last.isdigit():
        return "end=digit"
    if last.isascii() and last.isalpha():
        return "end=latin"
    if final in "）)":
        return "end=paren"
    if final in '”’"」』》':
        return "end=quote"
    return "end=word"


def _start_class(first: str) -> str:
    """``start=`` and what a line starts with: ``first`` (and no dash: ``start=dash`` is
    told by the line's start, :data:`_DASH_START`)."""
    if first in BULLETS:
        return "start=bullet"
    if first in "【[〖":
        return "start=bracket"
    if first in "（(":
        return "start=paren"
    if first in _QUOTE_OPEN:
        return "start=quote"
    if first.isdigit():
        return "start=digit"
    if first.isascii() and first.isalpha():
        return "start=latin"
    if first in "，,、；;：:。.！!？?）)》」』】”’":
        return "start=mark"
    return "start=word"


_END_FEATURES = Memo(_end_class)
_START_FEATURES = Memo(_start_class)
_DASH_FIRST = frozenset(dash[0] for dash in _DASH_START)


_GAP_NAMES = ("less", "same", "more1", "more2")
_GAP_FEATURES = tuple(f"gap={name}" for name in _GAP_NAMES)
_NEXT_GAP_FEATURES = tuple(f"next-gap={name}" for name in _GAP_NAMES)
_BLANK_FEATURES = ("blank=0", "blank=1", "blank=2", "blank=3")


def _gap_class(blank: int, base: int) -> int:
    """The blank lines before a line against the page's usual number: fewer, as many, one
    more or more (an index into the gap names)."""
    if blank < base:
        return 0
    if blank == base:
        return 1
    if blank == base + 1:
        return 2
    return 3


_RATIO_BOUNDS = (0.5, 0.75, 0.95, 1.05, 1.3, 1.8)
_RATIO_NAMES = ("0.5", "0.75", "0.95", "1", "1.3", "1.8", "big")
#: ``size=`` and ``vs-next=`` with the first bound the ratio is under (``big`` past the last).
_SIZE_FEATURES = tuple(f"size={name}" for name in _RATIO_NAMES)
_VS_NEXT_FEATURES = tuple(f"vs-next={name}" for name in _RATIO_NAMES)


def _named(prefix: str) -> Memo:
    """A feature name with its value (``kind=text``), made once per value: kinds, rules
    and layout classes are bounded sets."""
    return Memo(lambda value: f"{prefix}{value}")


_KIND_FEATURES = _named("kind=")
_RULE_FEATURES = _named("rule=")


def own_features(
    line: Line, base_gap: int, rule: str, length: float | None = None, gap: int | None = None
) -> list[str]:
    """The features of one line by itself (without its neighbours); ``length``: the
    line's :func:`.text.visible_length`, and ``gap`` its :func:`_gap_class`, when the
    caller has them."""
    text = line.text
    if length is None:
        length = visible_length(text)
    blank = line.blank_before
    if gap is None:
        gap = _gap_class(blank, base_gap)
    core = strip_closers(text)
    last = text[-1:]
    first = text[:1]
    features = [
        "bias",
        _KIND_FEATURES[line.kind],
        _RULE_FEATURES[rule],
        _LENGTH_FEATURES[bisect_left(_LENGTH_BINS, length)],
        _END_FEATURES[core[-1:] if core else last, last],
        "start=dash" if first in _DASH_FIRST and text.startswith(_DASH_START) else _START_FEATURES[first],
        _GAP_FEATURES[gap],
        _BLANK_FEATURES[blank if blank < 3 else 3],
    ]
    if line.indent:
        features.append("indent")
    if line.strong:
        features.append("strong")
    if line.kind == "text":
        if length <= 42 and headline_like(text, length=length):
            features.append("titlelike")
            if length <= 20:
                features.append("titlelike20")
        if "，" in text or "," in text or "；" in text or ";" in text:  # (has_clause_marks, inline)
            features.append("clause")
        if text.find("。", 0, -1) != -1:  # (as ``"。" in text[:-1]``, with no copy of the line)
            features.append("fullstop-inside")
        sentence = ends_sentence(text, core)
        # (a sentence's end ends a paragraph; else ends_paragraph's other tests, written out:
        # its call asked ends_sentence again)
        if sentence or (
            core
            and (
                core[-1] in PARAGRAPH_END
                or (text.rstrip().endswith(("）", ")")) and text.lstrip().startswith(("（", "(")))
            )
        ):
            features.append("ends-paragraph")
        if sentence:
            features.append("ends-sentence")
        if starts_as_continuation(text):
            features.append("continues")
        if length <= 24 and is_numbered_subhead(text):
            features.append("numbered")
        if length <= 14 and is_column_tag(text):
            features.append("column-tag")
        if length <= 40 and is_parallel(text):
            features.append("parallel")
        if length <= 12 and is_box_label(text, length):
            features.append("box-label")
        if length <= 50 and last in "）)" and TITLE_TAG_RE.search(text):
            features.append("title-tag")
        if first in "（(〔［" and AUTHOR_NOTE_RE.match(text):
            features.append("author-note")
        if length <= 40 and _LATIN_RE.search(text[:3]) and _CAPS_RE.match(text):
            features.append("caps")
    if line.kind in ("text", "byline", "closing"):
        if length <= 30 and is_author_line(text, length):  # (a longer line names no author)
            features.append("names")  # 卜 谷, 齐志明 张函嫣: an author's name under a title
        if first in "（(〔［" and _PAREN_LINE_RE.match(text):
            features.append("paren-line")  # （邓敏）, （浙江省绍兴市委党校校委理论学习中心组）: a closing line
    layout = line.layout
    if layout is not None:
        features.extend(layout_features(layout))
    return features


def layout_features(layout: LineLayout) -> list[str]:
    """Features of a line's layout on the printed page (PDF and ALTO input)."""
    features = [
        _SIZE_FEATURES[bisect_right(_RATIO_BOUNDS, layout.size_ratio)],
        f"span={min(layout.columns, 4)}",
        f"align={layout.align}",
    ]
    if layout.bold:
        features.append("bold")
    if layout.italic:
        features.append("italic")
    if layout.page_columns > 1 and layout.columns >= layout.page_columns:
        features.append("page-wide")
    if layout.region != "body":
        features.append(f"region={layout.region}")
    if layout.indent >= 0.5:
        features.append("first-indent")
    gap = layout.gap_before
    features.append("space=0" if gap < 0.3 else "space=1" if gap < 1.5 else "space=2" if gap < 3 else "space=3")
    return features


def page_kind(units: list[Line], base_gap: int, hard_wrapped: bool) -> str:
    """``epaper`` (one paragraph a line), ``spaced`` (whole paragraphs with blank lines
    between), ``cut`` (blank lines between blocks, paragraphs cut by column breaks, as PDF
    extraction gives) or ``wrapped`` (every printed line its own line)."""
    if hard_wrapped:
        return "wrapped"
    if base_gap < 1:
        return "epaper"
    share = unended_share(units)
    return "cut" if share is not None and share >= 0.15 else "spaced"


def unended_share(units: list[Line], ended: list[bool] | None = None) -> float | None:
    """The share of the page's long text lines (over 30 characters) that end where no
    paragraph can (a column break cut them); ``None`` without long lines. ``ended``: for
    each unit, whether it is a text line that can end a paragraph, when the caller has it."""
    if ended is None:  # (only the long text lines are asked)
        long_lines = [ends_paragraph(unit.text) for unit in units if unit.kind == "text" and len(unit.text) > 30]
    else:
        long_lines = [done for unit, done in zip(units, ended) if unit.kind == "text" and len(unit.text) > 30]
    if not long_lines:
        return None
    return long_lines.count(False) / len(long_lines)


#: At most this many joins a page are looked up (:func:`_join_classes`), each a search of
#: the page's text: enough for every column break of a broadsheet, and linear on any page.
_MAX_JOIN_LOOKUPS = 400
#: A line at least this long (:func:`.text.visible_length`) after a break gets the break's
#: :func:`.junctions.junction_class`.
_JUNCTION_MIN_LENGTH = 16
#: ... when it is one of these classes (evidence that the break cut a paragraph).
_JUNCTION_EVIDENCE = frozenset(f"lm={index}" for index in range(2, len(JUNCTION_BOUNDS) + 1))


def _join_classes(units: list[Line], ended: list[bool]) -> list[list[str]]:
    """For each line after a text line that ends where no paragraph can: whether the two
    characters either side of the break are a pair the page prints elsewhere (``join=word``:
    a word a column break cut, 平 | 台 where 平台 is on the page) or not (``join=new``: more
    likely a subhead before a paragraph); ``join=mark`` when either side is not a letter.
    Added to these: ``join=open`` when the line before breaks off inside a quote, title or
    bracket (:func:`.text.leaves_open`: nearly always cut), ``join=clause`` after a comma
    (cut, or a poem's line), ``join=dash`` after a dash (mostly a kicker's ``——``). (The
    rules' own join, :func:`.body._should_join`, was tried as a feature and added nothing.)
    And when the line is as long as a paragraph's text: how strongly the characters either
    side of the break read as one paragraph in news text in general (``lm=2`` … ``lm=4``,
    :mod:`.junctions`: only the classes that are evidence of a cut; not before a short line,
    where it misled the model on titles over an author's name). ``ended``: as for :func:`unended_share`."""
    result: list[list[str]] = [[] for _ in units]
    page_text: str | None = None
    lookups = 0
    for index in range(1, len(units)):
        before, line = units[index - 1], units[index]
        if before.kind != "text" or line.kind != "text" or not before.text or not line.text:
            continue
        if ended[index - 1]:
            continue
        found = result[index]
        left, right = before.text.rstrip()[-1:], line.text.lstrip()[:1]
        if leaves_open(before.text):
            found.append("join=open")
        elif left in "，,":  # (a line ending in ；or ： can end its paragraph: no join is asked)
            found.append("join=clause")
        elif left in _DASH_ENDS:
            found.append("join=dash")
        if visible_length(line.text) >= _JUNCTION_MIN_LENGTH:
            junction = junction_class(before.text.rstrip(), line.text.lstrip())
            if junction in _JUNCTION_EVIDENCE:
                found.append(junction)
        if not (left and right and (is_cjk(left) or left.isalnum()) and (is_cjk(right) or right.isalnum())):
            found.append("join=mark")
            continue
        if lookups == _MAX_JOIN_LOOKUPS:
            continue
        lookups += 1
        if page_text is None:
            page_text = "\n".join([unit.text for unit in units])
        found.append("join=word" if holds_pair(page_text, left, right) else "join=new")
    return result


#: How many places of a join's first character :func:`holds_pair` looks at before it
#: searches for the two characters together.
_PAIR_TRIES = 16


def holds_pair(text: str, left: str, right: str) -> bool:
    """``left + right in text`` for two single characters, found from the places ``left``
    stands (``str.find`` of one character skips through the text in C, where a search
    for two steps one or two characters at a time; most characters of a page stand in a
    few places): after :data:`_PAIR_TRIES` of them, the plain search."""
    at = text.find(left)
    tries = 0
    while at != -1:
        if text.startswith(right, at + 1):
            return True
        tries += 1
        if tries == _PAIR_TRIES:
            return text.find(left + right, at + 1) != -1
        at = text.find(left, at + 1)
    return False


#: Characters of text either side of a line that :func:`_cohesion` compares.
COHESION_WINDOW = 300
#: Bounds of the share of character pairs the text after a line shares with the text before
#: it (``cohesion=0`` … ``cohesion=5``).
_COHESION_BOUNDS = (0.02, 0.04, 0.06, 0.09, 0.13)
_COHESION_FEATURES = tuple(f"cohesion={index}" for index in range(len(_COHESION_BOUNDS) + 1))
_TITLE_LINK_FEATURES = ("tlink=none", "tlink=some", "tlink=high")
_RELATIVE_FEATURES = ("cohrel=below", "cohrel=near", "cohrel=above")


#: Not a pair of characters (they are below 2**21 each): marks where none is in
#: :meth:`_PagePairs._inner`.
_NO_PAIR = 2**64 - 1
#: A window of at most this many lines taken whole is walked line by line
#: (:meth:`_PagePairs._walk`); one of more, from the page's arrays (:meth:`_PagePairs._inner`).
_FEW_LINES = 12


class _PagePairs:
    """The character pairs of a page's running text (its text lines, joined), as numbers
    two characters wide, so that the pairs of any stretch of it are a set made in C: a
    candidate line costs a few microseconds, not a string per pair."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        # where each line starts, and where a line past the last would: the text's end
        self.starts: list[int] = [0, *accumulate(map(len, texts))]
        data = memoryview("".join(texts).encode("utf-32-le"))
        # pairs starting at even and at odd characters, eight bytes each (views of the
        # one buffer: slicing the bytes copied the page twice)
        self._even = data[: len(data) // 8 * 8].cast("Q")
        self._odd = data[4 : 4 + (len(data) - 4) // 8 * 8].cast("Q")
        self._whole: dict[int, set[int]] = {}  # the pairs of lines taken whole
        self._before: tuple[array, array, list[int]] | None = None  # see _inner

    def pairs(self, start: int, end: int) -> set[int]:
        """The pairs of characters ``start`` to ``end`` of the running text."""
        if end - start < 2:
            return set()
        even, odd = self._spans(start, end)
        found = set(even)
        found.update(odd)
        return found

    def line(self, order: int) -> set[int]:
        """The pairs of running line ``order``, kept for the page."""
        found = self._whole.get(order)
        if found is None:
            found = self._whole[order] = self.pairs(self.starts[order], self.starts[order + 1])
        return found

    def after(self, order: int) -> set[int]:
        """The pairs of the :data:`COHESION_WINDOW` characters after running line ``order``."""
        end = self.starts[order + 1]
        return self.pairs(end, min(self.starts[-1], end + COHESION_WINDOW))

    def before(self, order: int) -> set[int]:
        """The pairs of the :data:`COHESION_WINDOW` characters before running line ``order``,
        taken line by line going back, each line from its start, as if joined in that
        order (a pair across two of them made as :meth:`pairs` makes one).

        A window of a few lines (most: a page's lines are long) is walked line by line
        (:meth:`_walk`). One of more is made from three slices, whatever the number of lines
        it holds (a page of one character a line walked 300 lines for each candidate; the
        slices' arrays are made once a page, :meth:`_inner`): the pairs inside the
        lines taken whole (:meth:`_inner`), the pairs across them in the order taken
        (:meth:`_across`), and the start of the line the window ends in."""
        end = self.starts[order]
        # the lowest line taken whole: the window holds it and every line after it
        first = bisect_left(self.starts, end - COHESION_WINDOW, 0, order)
        if order - first <= _FEW_LINES:
            return self._walk(order)
        inner, across, nonempty = self._inner()
        found = set(inner[self.starts[first] : max(self.starts[first], end - 1)])
        low, high = bisect_left(nonempty, first), bisect_left(nonempty, order)
        if high - low > 1:
            found.update(across[low + 1 : high])
        left = COHESION_WINDOW - (end - self.starts[first])
        if left and first:
            # the line the window ends in (longer than what is left, so not empty)
            piece, start = self.texts[first - 1], self.starts[first - 1]
            if high > low:
                found.add(ord(self.texts[nonempty[low]][-1]) | ord(piece[0]) << 32)
            found.update(*self._spans(start, start + left))
        found.discard(_NO_PAIR)
        return found

    def _walk(self, order: int) -> set[int]:
        """:meth:`before` line by line going back: for a window of a few lines (most), no
        pair array of the whole page is made."""
        spans: list[memoryview] = []  # every piece's pairs, put in the set by one update
        found: set[int] = set()
        left = COHESION_WINDOW
        previous = ""  # the last character of the line taken before (one further down)
        texts, starts = self.texts, self.starts
        for back in range(order - 1, -1, -1):
            piece = texts[back]
            if not piece:
                continue
            if previous:
                found.add(ord(previous) | ord(piece[0]) << 32)
            start = starts[back]
            if len(piece) > left:
                spans += self._spans(start, start + left)
                break
            spans += self._spans(start, start + len(piece))
            left -= len(piece)
            if not left:
                break
            previous = piece[-1]
        found.update(*spans)
        return found

    def _inner(self) -> tuple[array, array, list[int]]:
        """The pair at every character of the running text but for :data:`_NO_PAIR` where a
        line ends; the pair each non-empty line makes with the one before it in the order
        :meth:`before` takes them (its last character, that line's first); the non-empty
        lines. Made at the first :meth:`before`."""
        if self._before is None:
            length = self.starts[-1]
            inner = array("Q", bytes(8 * max(0, length - 1)))
            # (an array made from bytes is copied in C; from a view cast to "Q" it was built
            # one Python integer at a time, about 50 ns a pair)
            inner[0::2] = array("Q", self._even.tobytes())
            inner[1::2] = array("Q", self._odd.tobytes())
            nonempty = [index for index, text in enumerate(self.texts) if text]
            for index in nonempty:
                if self.starts[index + 1] < length:
                    inner[self.starts[index + 1] - 1] = _NO_PAIR
            across = array("Q", [_NO_PAIR])
            across.extend(
                ord(self.texts[line][-1]) | ord(self.texts[above][0]) << 32 for above, line in pairwise(nonempty)
            )
            self._before = (inner, across, nonempty)
        return self._before

    def _spans(self, start: int, end: int) -> tuple[memoryview, memoryview]:
        """The pairs of characters ``start`` to ``end``, as :meth:`pairs` takes them: those
        starting at even characters and those starting at odd ones (no set made)."""
        return self._even[(start + 1) // 2 : end // 2], self._odd[start // 2 : (end - 1) // 2]


#: Kinds of line that start a story plainly: a short line right over one is not measured.
_ANCHORS = ("opening", "byline")


def _cohesion(units: list[Line], ended: list[bool]) -> dict[int, list[str]]:
    """Whether the text goes on in the same story across a short line with no sentence end
    (a subhead in a story) or turns to another (a new story's title): the share of the
    character pairs of the text after the line (:data:`COHESION_WINDOW` characters) that
    the text before it has (``cohesion=``, in bins and against the page's middle value,
    ``cohrel=``), and how many of the line's own pairs the text before it has (``tlink=``).
    Lexical cohesion, as TextTiling measures topic shifts: a story's words recur within
    it, a new story brings its own names and places. Only the page's own text is compared;
    the features hold no words. The text before is taken line by line going back, each
    line from its start (the paragraph just before, then the one before that). A line
    right over a dateline or a byline starts its story plainly and is not measured."""
    last = len(units) - 1
    candidates = [
        index
        for index in range(1, last)
        if units[index].kind == "text"
        and not ended[index]
        and len(units[index].text) <= 40
        and units[index + 1].kind not in _ANCHORS
    ]
    if not candidates:
        return {}
    running = [index for index, unit in enumerate(units) if unit.kind in ("text", "opening")]
    text = _PagePairs([units[index].text for index in running])
    position = {index: order for order, index in enumerate(running)}
    found: dict[int, tuple[float, float]] = {}
    for index in candidates:
        order = position[index]
        if text.starts[-1] - text.starts[order + 1] < 30 or text.starts[order] < 30:
            continue  # too little text after or before the line to compare
        preceding, following, own = text.before(order), text.after(order), text.line(order)
        shared = len(following & preceding) / max(1, min(len(following), len(preceding)))
        found[index] = (shared, len(own & preceding) / max(1, len(own)))
        del preceding, following  # (freed now, the next line's sets are made in their memory)
    result: dict[int, list[str]] = {}
    middle = sorted(shared for shared, _ in found.values())[len(found) // 2] if len(found) >= 3 else None
    for index, (shared, link) in found.items():
        features = [
            _COHESION_FEATURES[bisect_right(_COHESION_BOUNDS, shared)],
            _TITLE_LINK_FEATURES[0 if link == 0 else 1 if link < 0.2 else 2],
        ]
        if middle is not None:
            features.append(_RELATIVE_FEATURES[0 if shared < middle * 0.6 else 1 if shared < middle * 1.4 else 2])
        result[index] = features
    return result


def _package_parts(units: list[Line]) -> dict[int, list[str]]:
    """Lines of the shape ``X——`` / a title / a byline, each with how many times the page
    prints that shape (``parts=1`` … ``parts=3``, given to the three lines, the title and the
    byline with ``-1:`` and ``-2:``). Once or twice on a page it is a story's kicker, headline
    and byline; three times or more it is mostly the signed parts of a package under one title
    (on the corpus's training pages: 273 of 278 stories, against 59 of 67 parts)."""
    hits = [
        index
        for index in range(len(units) - 2)
        if units[index].kind == "text"
        and units[index + 2].kind == "byline"
        and units[index].text.rstrip().endswith(_DASH_ENDS)
    ]
    result: dict[int, list[str]] = {}
    if hits:
        tag = f"parts={min(len(hits), 3)}"
        for index in hits:
            for offset, prefix in ((0, ""), (1, "-1:"), (2, "-2:")):
                result.setdefault(index + offset, []).append(prefix + tag)
    return result


#: Lines at most between one brief's title and the next in a briefs column.
_BRIEF_GAP = 5
_HEADER_MARKS = frozenset("，。：:,")


def _briefs_columns(units: list[Line]) -> dict[int, list[str]]:
    """The briefs of a column printed without bullets: a short header line (``环球扫描``)
    over a title and its dateline opens the column (``briefs=first`` on the title's lines,
    ``+1:`` on the header, ``-1:`` on the dateline line; a title of two lines only under a
    briefs column's own name, :func:`.headlines.is_briefs_header`, as a short kicker over
    a headline and its subheadline is no column); each title over a dateline at most
    :data:`_BRIEF_GAP` lines after the last goes on with it (``briefs=in``). The e-paper
    records keep such a column as one article, its briefs' titles paragraphs (on the corpus's
    training pages 145 of 183 titles in a column, against 39 of 2,154 elsewhere); a column's
    first title is as often a story's headline under a kicker."""
    result: dict[int, list[str]] = {}
    in_column = False
    last = -_BRIEF_GAP - 1
    for index in range(1, len(units)):
        title = units[index - 1]
        if units[index].kind != "opening" or title.kind != "text":
            continue
        if visible_length(title.text) > 40 or ends_sentence(title.text.rstrip()):
            continue
        top = index - 1  # the brief's title, over one line or (under the header) two
        header = index >= 2 and column_header(units[index - 2])
        if (
            not header
            and index >= 3
            and column_header(units[index - 3])
            and is_briefs_header(units[index - 3].text)
            and _brief_title_above(units[index - 2])
        ):
            header, top = True, index - 2  # (a short kicker over a headline and subheadline is no column)
        if header:
            in_column = True
        elif not (in_column and index - 1 - last <= _BRIEF_GAP):
            in_column = False
        last = index
        if not in_column:
            continue
        tag = "briefs=first" if header else "briefs=in"
        for line in range(top, index):
            result.setdefault(line, []).append(tag)
        result.setdefault(index, []).append("-1:" + tag)
        if header:
            result.setdefault(top - 1, []).append("+1:" + tag)
    return result


def _brief_title_above(unit: Line) -> bool:
    """A brief's first title line over the one above its dateline (``中国驻哥伦比亚使馆：
    尚未接到中国公民伤亡报告`` over ``哥伦比亚强震已致181死1310伤``)."""
    return unit.kind == "text" and 6 < visible_length(unit.text) <= 40 and not ends_sentence(unit.text.rstrip())


def column_header(unit: Line) -> bool:
    """A column's name over its first brief: short, text, no clause marks."""
    return unit.kind == "text" and visible_length(unit.text) <= 6 and not _HEADER_MARKS.intersection(unit.text)


def _cuts_class(share: float | None) -> str:
    """The page's :func:`unended_share` as a feature: how likely a line is the rest of a
    paragraph a column break cut (none on e-paper text, many on PDF-extracted text)."""
    if share is None:
        return "cuts=unknown"
    return "cuts=" + ("none" if share == 0 else "few" if share < 0.05 else "some" if share < 0.15 else "many")


#: Features passed on to the neighbours of a line (the rest stay with the line).
_SHARED_PREFIXES = ("kind=", "rule=", "len=", "end=", "start=", "gap=", "size=", "space=")
_SHARED = frozenset(
    {
        "indent",
        "titlelike",
        "clause",
        "ends-paragraph",
        "continues",
        "bold",
        "box-label",
        "strong",
        "names",
        "paren-line",
    }
)


def _passed_on(feature: str) -> bool:
    """Whether a feature is passed on to the neighbours (looked up once per feature name:
    the features are a bounded vocabulary of names, classes and bins)."""
    return feature in _SHARED or feature.startswith(_SHARED_PREFIXES)


_is_shared = Memo(_passed_on).__getitem__


#: A line's features as its neighbours' rows take them, prefixed by the offset
#: (``-1:kind=text``, made once per feature): the shared ones one line away, the kind, rule
#: and length two lines away (``-2:none`` past the page's edge).
_BEFORE_2, _BEFORE_1, _AFTER_1, _AFTER_2 = (_named(f"{offset:+d}:").__getitem__ for offset in (-2, -1, 1, 2))


def _neighbour_views(features: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A line's own features as the rows two and one lines after it and one and two lines
    before it take them (``-2:``, ``-1:``, ``+1:``, ``+2:``)."""
    shared = tuple(filter(_is_shared, features))
    head = features[1:4]  # the kind, rule and length
    return (
        tuple(map(_BEFORE_2, head)),
        tuple(map(_BEFORE_1, shared)),
        tuple(map(_AFTER_1, shared)),
        tuple(map(_AFTER_2, head)),
    )


#: :func:`_neighbour_views` of each set of own features met: a page's lines repeat a few
#: shapes (a paragraph, a title, a dateline), and pages repeat them.
_VIEWS = Memo(_neighbour_views)


def page_features(units: list[Line], base_gap: int, rules: list[str], *, hard_wrapped: bool = False) -> list[list[str]]:
    """Features of every line of a page, each with its neighbours' shared features."""
    return page_rows(units, base_gap, rules, hard_wrapped=hard_wrapped)[0]


def page_rows(
    units: list[Line], base_gap: int, rules: list[str], *, hard_wrapped: bool = False
) -> tuple[list[list[str]], float | None]:
    """:func:`page_features`, and the page's :func:`unended_share` they are made with."""
    lengths = [visible_length(unit.text) for unit in units]
    # each line's _gap_class (written out: a call per line cost more)
    gaps = [
        0 if blank < base_gap else 1 if blank == base_gap else 2 if blank == base_gap + 1 else 3
        for blank in [unit.blank_before for unit in units]
    ]
    own = [
        own_features(unit, base_gap, rule, length, gap) for unit, rule, length, gap in zip(units, rules, lengths, gaps)
    ]
    views = [_VIEWS[tuple(features)] for features in own]
    # a page without a single blank line (text extracted one paragraph a line) is told
    # apart from one whose blank lines mean something (a crawl's empty title slots)
    unspaced = len(units) > 2 and not any(unit.blank_before for unit in units[1:])
    style = f"style=gap{min(base_gap, 2)}{'-wrapped' if hard_wrapped else ''}{'-unspaced' if unspaced else ''}"
    indented = sum(1 for unit in units if unit.indent)
    # (an indented page with blank lines between its blocks is read as the flush pages of
    # its shape: the model saw indents only on e-paper text, where blank lines are title slots)
    indent_style = "indent-page" if units and indented >= 0.3 * len(units) and base_gap < 1 else "flush-page"
    ended = ["ends-paragraph" in features for features in own]  # text lines only, as own_features gives it
    share = unended_share(units, ended)
    cuts = _cuts_class(share)
    joins = _join_classes(units, ended)
    cohesion = _cohesion(units, ended)
    parts = _package_parts(units)
    briefs = _briefs_columns(units)
    n = len(units)
    last = n - 1
    page = [style, indent_style, cuts]
    # what each line's row ends with: the line after's gap and its length against this one's
    ends = [
        (
            _NEXT_GAP_FEATURES[gap],
            _VS_NEXT_FEATURES[bisect_right(_RATIO_BOUNDS, length / (after if after > 1.0 else 1.0))],
        )
        for gap, length, after in zip(gaps[1:], lengths, lengths[1:])
    ]
    ends.append(("+1:none", "+2:none"))  # (the last line's, with no line after it)
    joined = any(joins) or parts or briefs or cohesion
    result: list[list[str]] = []
    for index, features in enumerate(own):
        row = features + page
        if joined:
            if joins[index]:
                row += joins[index]
            if index < last and joins[index + 1]:
                row += map(_AFTER_1, joins[index + 1])  # a line whose end a column break cut
            if cohesion:
                if index in cohesion:
                    row += cohesion[index]
                if index - 1 in cohesion:
                    row.append(_BEFORE_1(cohesion[index - 1][0]))
                if index + 1 in cohesion:
                    row.append(_AFTER_1(cohesion[index + 1][0]))
            if parts and index in parts:
                row += parts[index]
            if briefs and index in briefs:
                row += briefs[index]
        # the neighbours two and one lines before and after (written out: the loop cost more)
        if index >= 2:
            if index == last:
                row.append("last")
            row += views[index - 2][0]
            row += views[index - 1][1]
        else:
            if index == 0:
                row.append("first")
            if index == last:
                row.append("last")
            if index == 1:
                row += ("-2:none", *views[0][1])
            else:
                row += ("-2:none", "-1:none")
        if index < last:
            row += views[index + 1][2]
            if index + 1 < last:
                row += views[index + 2][3]
                row += ends[index]
            else:
                row.append("+2:none")
                row += ends[index]
        else:
            row += ends[index]
        result.append(row)
    return result, share


def rule_roles(seg: Segmenter) -> list[str]:
    """What the hand-written rules decided for each unit: a title role, a caption or
    credit, or the unit's kind."""
    roles = [unit.kind for unit in seg.units]
    for first, region in seg.photos.items():
        for index in range(first, region.last + 1):
            roles[index] = "caption"
        if region.has_credit_line:
            roles[region.last] = "credit" if region.caption_tail is None else "caption-credit"
        if seg.units[first].kind == "photo-heading":
            roles[first] = "photo-title"
    for first, size in seg.starts.items():
        lines = seg.units[first : first + size]
        if lines[0].kind in ("field", "sidebar", "brief-headline"):
            for offset in range(size):
                roles[first + offset] = "headline"
            continue
        stack = assign_roles([line.text for line in lines])
        for offset, line in enumerate(lines):
            text = line.text
            if stack.column and text.strip("【】[]■□◆● ") == stack.column:
                role = "column"
            elif stack.kicker and text in stack.kicker:
                role = "kicker"
            elif stack.subheadline and text in stack.subheadline:
                role = "subheadline"
            else:
                role = "headline"
            roles[first + offset] = role
    return roles
