"""Column breaks weighed by their words: does the paragraph go on after the break?

In text extracted from a page's PDF a paragraph is cut where its column ends
(``精心谋划起`` / ``步，确保``); the piece before the cut can look like a subhead or a
paragraph's end, the piece after like a paragraph's start. The role model (:mod:`.roles`)
weighs the two lines' shapes and places (``para`` or ``cont``); what is left is in the
characters either side of the break: a word cut in two (``小街基`` / ``镇，``), a clause
too short to open a paragraph (``跑。…``), a subhead whose words the next paragraph takes
up (``多措并举建设现代化产业体系`` / ``建设现代化产业体系是…``). A small maximum-entropy
model over those characters, their shapes, the lengths of the clauses either side of the
break and the break's :func:`.junctions.junction_score` (``joins.crfsuite``, trained by
``benchmarks/corpus/train_model.py`` on the breaks of the development corpus's training
pages, cut and uncut) gives the odds that the paragraph goes on; they are added, at
:data:`JOIN_WEIGHT`, to the role model's own odds for the line (the ratio of its
marginal probabilities of ``cont`` and ``para``), and the line takes the role with the
better sum (:func:`weigh_joins`). The shipped role model of pages whose lines are whole
paragraphs reads with it, a role model ``convert train`` fitted to a paper's own pages with
the paper's own (``MODEL.joins``, when its pages had enough column breaks), and only on
pages that show column breaks (:func:`.roles.join_model_for`): on e-paper text, where no
column cuts a paragraph, the words only turned lines the role model had right.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import pair_model
from .features import unended_share
from .junctions import junction_score
from .pair_model import PairModel, train_pairs
from .paragraph_edges import edge_features
from .text import Memo, cre, is_cjk, nfkc

if TYPE_CHECKING:
    from .lines import Line

#: The shipped join model.
JOIN_MODEL = Path(__file__).absolute().with_name("models") / "joins.crfsuite"
#: Its labels: the paragraph goes on after the break (``cont``), or a new one starts (``para``).
GOES_ON, STARTS = "cont", "para"
#: CRFsuite settings.
JOIN_PARAMS: dict[str, Any] = {"c1": 2.0, "c2": 0.1, "max_iterations": 200}
#: How much the join model's log-odds count against the role model's: half until the model
#: read how paragraphs open and close (:mod:`.paragraph_edges`); with them, full weight read
#: the corpus's test pages best (the older model at full weight read them worse than at half).
JOIN_WEIGHT = 1.0
#: Role-model odds for a break (either way) from which the words are not asked: on the
#: corpus's test pages (72,000 breaks) they turned no break the role model was surer of
#: than 5. (The bound keeps the cost at a few breaks a page.)
UNSURE = 6.0
#: The role model's probability of its own label from which it is sure (odds over
#: :data:`UNSURE`, whatever the other label's probability).
SURE_PROBABILITY = 1 / (1 + math.exp(-UNSURE))
#: The least share of a page's long text lines ending where no paragraph can
#: (:func:`.features.unended_share`) from which the page shows column breaks: under it lie
#: nine in ten of the corpus's e-paper test pages, over it 97 % of the same pages as PDF
#: extraction gives them.
MIN_UNENDED_SHARE = 0.05
#: The roles of the two lines either side of a break the model weighs.
_BODY = ("para", "cont")
#: Marks that end a clause (the clause lengths either side of a break).
_CLAUSE_END_RE = cre(r"[，,。；;：:！!？?、）)”]")
_CLAUSE_START_RE = cre(r"[，,。；;：:！!？?、（(“]")
#: Marks that end a sentence inside a line (a subhead has none).
_SENTENCE_END_RE = cre(r"[。！？!?]")
#: How many characters either side of a break the features read.
_REACH = 40
#: A line before a break shorter than this may be a subhead: its words and marks are read.
_SHORT = 30


def _plain(text: str) -> str:
    return "".join(nfkc(text).split())


def _char_shape(char: str) -> str:
    return "H" if is_cjk(char) else "D" if char.isdigit() else "L" if char.isascii() and char.isalpha() else "P"


#: Each character's shape, worked out once (a character is a key of a bounded set).
_CHAR_SHAPES = Memo(_char_shape)


def _shape(text: str) -> str:
    return "".join(map(_CHAR_SHAPES.__getitem__, text))


def _length_bucket(length: int) -> str:
    return str(length // 6) if length < 60 else str(10 + min(length, 200) // 50)


#: ``al=`` and ``bl=`` with each length's bucket (every length past 200 has the bucket of
#: 200), made once.
_BEFORE_LENGTHS, _AFTER_LENGTHS = (
    tuple(name + _length_bucket(length) for length in range(201)) for name in ("al=", "bl=")
)


def join_features(before: str, after: str) -> list[str]:
    """The features of a break between the line ``before`` and the line ``after`` (only
    their lengths, whether the line before holds a sentence's end or a comma, and the
    :data:`_REACH` characters either side of the break are read)."""
    before, after = before.strip(), after.strip()
    left, right = _plain(before[-_REACH:]), _plain(after[:_REACH])
    features = [
        "ae1=" + left[-1:],
        "ae2=" + left[-2:],
        "ae3=" + left[-3:],
        "bs1=" + right[:1],
        "bs2=" + right[:2],
        "bs3=" + right[:3],
        "x11=" + left[-1:] + right[:1],
        "x21=" + left[-2:] + right[:1],
        "x12=" + left[-1:] + right[:2],
        _BEFORE_LENGTHS[min(len(before), 200)],
        _AFTER_LENGTHS[min(len(after), 200)],
        "aint=False" if _SENTENCE_END_RE.search(before, 0, len(before) - 1) is None else "aint=True",
        "acomma=True" if "，" in before or "," in before else "acomma=False",
        "ash=" + _shape(left[-3:]),
        "bsh=" + _shape(right[:3]),
    ]
    score = junction_score(left, right)
    features.append("js=" + ("none" if score is None else str(max(-4, min(16, int(score))) // 2)))
    clause = _CLAUSE_END_RE.search(right)
    features.append("bclause=" + ("none" if clause is None else str(min(clause.start(), 12))))
    clause = _CLAUSE_START_RE.search(left[::-1])
    features.append("aclause=" + ("none" if clause is None else str(min(clause.start(), 20) // 2)))
    if len(after) < _SHORT:  # a short line after the break: how it ends (``…刘雪芹说。``)
        features.append("be2=" + right[-2:])
    short = len(before) < _SHORT
    features.append("abare=True" if clause is None and short else "abare=False")
    if short:  # a subhead-like line: does the next line take up its words? Has it a comma
        # (``育好一粒种子，守牢品质源头``) but no sentence's end?
        opening = right[:12]
        echo = sum(1 for index in range(len(opening) - 1) if opening[index : index + 2] in left)
        features.append("echo=" + str(min(echo, 4)))
        features.append("ashape=" + ("comma" if "," in left else "none") + ("-end" if left[-1:] in "。！？!?" else ""))
        # how it opens: a clause that cannot stand alone (``随着…``, ``由于…``) goes on
        features.append("as1=" + left[:1])
        features.append("as2=" + left[:2])
    features.extend(edge_features(left, right))
    return features


class JoinModel(PairModel):
    """The join model (:class:`.pair_model.PairModel`)."""

    labels = (GOES_ON, STARTS)

    def __init__(self, path: Path) -> None:
        super().__init__(path, "join model")

    def goes_on_odds(self, breaks: list[tuple[str, str]]) -> list[float]:
        """For each break (the texts of the lines before and after it), the log-odds that
        the paragraph goes on across it, kept within ±log(1/ε)."""
        return self.odds([join_features(before, after) for before, after in breaks], GOES_ON)


def shipped_model() -> JoinModel | None:
    """The shipped join model, read once; ``None`` when it is not there."""
    return pair_model.shipped(JoinModel, JOIN_MODEL)


#: The suffix of a paper's own join model beside its role model (``MODEL.joins``).
SUFFIX = ".joins"
#: The least breaks of each kind a paper's own join model is trained on (``convert
#: train``): with fewer (e-paper text, where no column cuts a paragraph), none is.
MIN_JOINS = 10


def beside(role_model: Path) -> Path:
    """Where ``convert train`` writes the join model of a role model it trains:
    ``MODEL.joins`` beside ``MODEL``."""
    return pair_model.beside(role_model, SUFFIX)


def model_beside(role_model: Path) -> JoinModel | None:
    """The join model trained with a paper's own role model (:func:`beside`), or ``None``
    when there is none; a damaged one is a :class:`.errors.UsageError` naming it."""
    return pair_model.model_beside(JoinModel, role_model, SUFFIX)


def shows_column_breaks(units: list[Line]) -> bool:
    """Whether a page's lines show column breaks: at least :data:`MIN_UNENDED_SHARE` of its
    long text lines end where no paragraph can."""
    return breaks_shown(unended_share(units))


def breaks_shown(share: float | None) -> bool:
    """:func:`shows_column_breaks` of a page whose :func:`.features.unended_share` is ``share``."""
    return share is not None and share >= MIN_UNENDED_SHARE


def join_candidates(units: list[Line], labels: list[str]) -> list[int]:
    """The lines the model weighs: body text (``para`` or ``cont``) right after body text."""
    return [
        index
        for index in range(1, len(labels))
        if labels[index] in _BODY
        and labels[index - 1] in _BODY
        and units[index].kind == "text"
        and units[index - 1].kind == "text"
    ]


def weigh_joins(
    units: list[Line], labels: list[str], join_odds: dict[int, tuple[str, float]], model: JoinModel
) -> dict[int, float]:
    """Give each break between body lines the role (``cont``: the paragraph goes on;
    ``para``: a new one starts) with the better sum of the role model's log-odds for it
    (``join_odds``, by the line after the break: the model's label and its odds of
    ``cont``, see :attr:`.roles.Roles.join_odds`) and the join model's, counted at
    :data:`JOIN_WEIGHT`, where the role model's odds are under :data:`UNSURE`; the words
    gain :data:`PRINTED_ACROSS_ODDS` where the page prints the words across the break whole
    elsewhere (:func:`printed_across`, within :data:`ACROSS_SPAN` characters of the break). A line a rule relabelled, or whose line before is no longer body text, is left as it is.
    Changes ``labels`` in place; returns, by line, the words' weighted log-odds of each
    break weighed, the page's gain included (for ``convert inspect``)."""
    asked = [
        index
        for index, (label, odds) in join_odds.items()
        if labels[index] == label and labels[index - 1] in _BODY and abs(odds) < UNSURE
    ]
    if not asked:
        return {}
    words = model.goes_on_odds([(units[index - 1].text, units[index].text) for index in asked])
    weighed = {index: JOIN_WEIGHT * odds for index, odds in zip(asked, words)}
    page = "\n".join(unit.text for unit in units)
    starts = list(accumulate((len(unit.text) + 1 for unit in units), initial=0))
    for index in asked:
        # the page around the break, as far as a long story reaches either side: the same
        # on any page a paper prints, and a bounded search on any text (linear in the page)
        around = page[max(0, starts[index - 1] - ACROSS_SPAN) : starts[index + 1] + ACROSS_SPAN]
        if printed_across(around, units[index - 1].text, units[index].text):
            weighed[index] += PRINTED_ACROSS_ODDS
    for index, odds in weighed.items():
        labels[index] = GOES_ON if join_odds[index][1] + odds > 0 else STARTS
    return weighed


#: Log-odds for the paragraph going on that a break gains where the page prints the words
#: across it whole elsewhere (:func:`printed_across`).
PRINTED_ACROSS_ODDS = 2.0
#: How many characters of the page either side of a break :func:`weigh_joins` gives
#: :func:`printed_across` to look through: more than a long story's text, so that on a printed
#: page the words are looked for in the whole story and its neighbours, and on any text the
#: look is bounded (the reader stays linear in the page's size).
ACROSS_SPAN = 8_000
#: The fewest ideographs across a break, and before it, that :func:`printed_across` looks for.
_ACROSS_LEAST, _ACROSS_BEFORE = 4, 2
#: The most ideographs either side of a break :func:`printed_across` reads.
_ACROSS_REACH = 4


def printed_across(page: str, before: str, after: str) -> bool:
    """Whether the page (its lines' texts, one a line) prints elsewhere, whole, a run of
    ideographs that a break cuts: two or more of the line ``before``'s last and one or more
    of the line ``after``'s first, four or more in all (``…来到赵光`` / ``农场试验基地，…``
    where the story names ``赵光农场`` again). A story names its places, people and terms
    more than once; a subhead's last words and the next paragraph's first seldom make one,
    unless that paragraph takes up the subhead's words (its first two characters are in the
    line before: then no)."""
    left, right = before.rstrip(), after.lstrip()
    tail = left[-_ACROSS_REACH:]
    head = right[:_ACROSS_REACH]
    if len(tail) < _ACROSS_BEFORE or not head or head[:2] in left:
        return False  # (a subhead's words taken up by the paragraph under it: ``…生态价值`` / ``生态优势…``)
    for size in range(_ACROSS_BEFORE, _ACROSS_REACH + 1):
        end = tail[-size:]
        if len(end) < size or not all(map(is_cjk, end)):
            break
        for taken in range(max(1, _ACROSS_LEAST - size), _ACROSS_REACH + 1):
            start = head[:taken]
            if len(start) < taken or not all(map(is_cjk, start)):
                break
            if end + start in page:
                return True
    return False


def gold_joins(units: list[Line], labels: list[str]) -> list[tuple[str, str, str]]:
    """The breaks of a page aligned with its gold (:func:`.alignment.align`): ``(before,
    after, label)`` for each body line after a body line."""
    return [(units[index - 1].text, units[index].text, labels[index]) for index in join_candidates(units, labels)]


def train_joins(breaks: Iterable[tuple[str, str, str]], output: Path) -> dict[str, int]:
    """Fit the join model on ``(before, after, label)`` breaks and write it to ``output``
    (atomically); returns how many breaks of each label it learned from."""
    examples = ((join_features(before, after), label) for before, after, label in breaks)
    counts = train_pairs(examples, JOIN_PARAMS, output, "join model")
    return {GOES_ON: counts.get(GOES_ON, 0), STARTS: counts.get(STARTS, 0)}
