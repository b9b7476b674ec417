"""The role model: each line's role, weighed from its features by a linear-chain CRF.

The hand-written rules (:mod:`.segmenter`, :mod:`.headlines`, :mod:`.body`) give every
line a first reading; :mod:`.features` turns that reading and everything else known of
the line into features; a conditional random field trained on real pages
(:mod:`convert_core.training`) picks the sequence of roles (:data:`LABELS`) that fits the
page best. :func:`apply_roles` then hands the roles back to the segmenter: headline
stacks and their roles, photo captions, and where a paragraph continues after a column
break. The model ships in the package (``reader/models/roles.crfsuite``, with a card);
``--model FILE`` reads with another, ``--model none`` with the rules alone.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..modelfile import read_model
from .alignment import LABELS, PHOTO_LABELS, TITLE_LABELS
from .body import NOTE_LABEL_RE
from .datelines import parse_closing, signs_the_story, split_opening
from .features import is_author_line, page_features, page_kind, page_rows, rule_roles, unended_share
from .furniture import (
    LEADING_JUMP_RE,
    LEADING_JUMP_STARTS,
)  # (imported once: an import in _bounded ran for every line)
from .headlines import is_briefs_header, is_column_tag, is_numbered_subhead, strip_ornaments
from .join_words import (
    SURE_PROBABILITY,
    JoinModel,
    breaks_shown,
    join_candidates,
    shows_column_breaks,
    weigh_joins,
)
from .join_words import model_beside as join_model_beside
from .join_words import shipped_model as join_shipped_model
from .pair_model import log_ratio
from .people import COMPOUND_SURNAMES, DRAWING_LABELS, has_label, parse_credit
from .print_patterns import NEWS_WHEN, correct_print_patterns
from .quote_speakers import speakers_go_on_their_quotes
from .stack_words import (
    StackModel,
    genre_subtitles,
    model_beside,
    shipped_model,
    stack_candidates,
    stack_weight,
    weigh_stacks,
)
from .subhead_forms import part_subheads_of_a_form
from .text import (
    BULLETS,
    FIGURE_LABEL_RE,
    PICTURE_WORDS,
    cre,
    ends_paragraph,
    ends_sentence,
    ends_with_end_mark,
    is_box_label,
    is_cjk,
    leaves_open,
    strip_closers,
)

if TYPE_CHECKING:
    from .lines import Line
    from .segmenter import Segmenter

#: Where the shipped models live: one for pages whose lines are whole paragraphs (e-paper
#: and web text, with or without blank lines between, and PDF text whose paragraphs only a
#: column break cuts, as the seed's), one for pages where every printed line is its own line
#: (hard-wrapped PDF text).
MODELS_DIR = Path(__file__).absolute().with_name("models")
DEFAULT_MODEL = MODELS_DIR / "roles.crfsuite"
PDF_MODEL = MODELS_DIR / "roles-pdf.crfsuite"
#: The page kinds (:func:`.features.page_kind`) the PDF model reads.
PDF_KINDS = frozenset({"wrapped"})
#: ``--model none``: the rules alone.
NO_MODEL = "none"


@dataclass
class Roles:
    """The model's reading of a page: a role per unit, with the model's confidence."""

    labels: list[str]
    confidence: list[float] = field(default_factory=list)
    features: list[list[str]] = field(default_factory=list)
    #: For each two-line title stack (by its first line): the model's labels of its lines
    #: and its log-odds of "kicker over headline" against "headline over subheadline",
    #: the rest of the page read as it reads it (:func:`.stack_words.weigh_stacks`).
    stack_odds: dict[int, tuple[str, str, float]] = field(default_factory=dict)
    #: For each body line after a body line (:func:`.join_words.join_candidates`) whose
    #: role the model is not sure of: the model's label of it and its log-odds of ``cont``
    #: against ``para`` (the ratio of the two marginal probabilities;
    #: :func:`.join_words.weigh_joins`).
    join_odds: dict[int, tuple[str, float]] = field(default_factory=dict)


#: How many two-line title stacks of a page the role model gives its odds for (the first
#: ones, in page order), for the stack model's words to weigh. Each odds asks CRFsuite for
#: the probability of a whole reading of the page, whose normalizer it computes again at
#: every call: over all stacks, a text of thousands of them (pages run together) took time
#: growing with the square of its length. A printed page holds a few dozen at most (the
#: corpus's pages 12 at most), whose readings this bound leaves as they were.
MAX_WEIGHED_STACKS = 64


class RoleModel:
    """A trained CRF over line features (python-crfsuite's tagger)."""

    def __init__(self, path: Path) -> None:
        try:
            import pycrfsuite
        except ImportError as error:  # pragma: no cover - a core dependency
            raise UsageError("the role model needs python-crfsuite (pip install python-crfsuite)") from error
        self.path = path
        self._tagger = pycrfsuite.Tagger()
        data = read_model(path, "role model")
        self._data = data  # the tagger reads the model from this buffer: keep it alive
        try:
            self._tagger.open_inmemory(data)
        except (ValueError, OSError, RuntimeError) as error:
            raise UsageError(f"{str(path)!r} is not a usable role model: {error}") from None
        labels = set(self._tagger.labels())
        unknown = labels - set(LABELS)
        if unknown:
            raise UsageError(f"{str(path)!r} was trained with roles this reader does not know: {sorted(unknown)}")
        self._weights: dict[tuple[str, str], float] | None = None
        self._lock = threading.Lock()  # tag, then marginals: one page at a time

    def tag(
        self,
        features: list[list[str]],
        *,
        confidence: bool = False,
        stacks: bool = False,
        joins: list[Line] | None = None,
    ) -> Roles:
        """The best sequence of roles for a page's lines; with ``confidence``, the
        probability of each line's role; with ``stacks``, the model's odds for each
        two-line title stack (:attr:`Roles.stack_odds`); given the page's lines as
        ``joins``, its odds for each break between body lines (:attr:`Roles.join_odds`)."""
        if not features:
            return Roles([])
        stack_odds: dict[int, tuple[str, str, float]] = {}
        with self._lock:
            labels = self._tagger.tag(features)
            marginals = (
                [self._tagger.marginal(label, index) for index, label in enumerate(labels)] if confidence else []
            )
            best = None
            for first in stack_candidates(labels)[:MAX_WEIGHED_STACKS] if stacks else ():
                if best is None:
                    best = self._tagger.probability(labels)
                upper, lower = labels[first], labels[first + 1]
                other = list(labels)
                other[first : first + 2] = ("headline", "subheadline") if upper == "kicker" else ("kicker", "headline")
                odds = log_ratio(best, self._tagger.probability(other))
                stack_odds[first] = (upper, lower, odds if upper == "kicker" else -odds)
            join_odds: dict[int, tuple[str, float]] = {}
            for index in join_candidates(joins, labels) if joins is not None else ():
                label = labels[index]
                own = self._tagger.marginal(label, index)
                if own >= SURE_PROBABILITY:
                    continue  # sure of it whatever the other's probability: the words are not asked
                odds = log_ratio(own, self._tagger.marginal("para" if label == "cont" else "cont", index))
                join_odds[index] = (label, odds if label == "cont" else -odds)
        return Roles(list(labels), marginals, features, stack_odds, join_odds)

    def explain(self, features: list[str], label: str, top: int = 5) -> list[tuple[str, float]]:
        """The features that weigh most for ``label`` on a line (for ``convert inspect``)."""
        if self._weights is None:
            self._weights = dict(self._tagger.info().state_features)
        scored = [(name, self._weights.get((name, label), 0.0)) for name in features]
        scored = [item for item in scored if item[1]]
        scored.sort(key=lambda item: -abs(item[1]))
        return scored[:top]


@lru_cache(maxsize=8)
def _load(path: str) -> RoleModel:
    return RoleModel(Path(path))


_SEEN: set[Path] = set()  # shipped models found on disk (one is read once and kept: _load)


def _on_disk(path: Path) -> bool:
    """Whether a shipped model is there (asked of the file system until it is: a stat per
    page cost as much as a tenth of tagging it)."""
    if path in _SEEN:
        return True
    if path.is_file():
        _SEEN.add(path)
        return True
    return False


def load_model(name: str | None, kind: str = "epaper") -> RoleModel | None:
    """The role model named by ``--model`` (``"none"``: no model). Without a name, the
    shipped model for the page's ``kind`` (``BULLETIN_CONVERT_MODEL`` names another)."""
    if name == NO_MODEL or (os.environ.get("BULLETIN_CONVERT_MODEL") == NO_MODEL and name is None):
        return None
    if name is None:
        name = os.environ.get("BULLETIN_CONVERT_MODEL") or None  # set but empty: unset
    if name is None:
        shipped = PDF_MODEL if kind in PDF_KINDS and _on_disk(PDF_MODEL) else DEFAULT_MODEL
        if not _on_disk(shipped):
            return None  # no model shipped (a checkout before training): the rules alone
        return _load(str(shipped))  # already absolute: resolving it costs more than tagging a short page
    return _load(os.path.realpath(name))  # a loop of links: read_model says so (resolve raised)


def kind_of(seg: Segmenter) -> str:
    """The page's kind (:func:`.features.page_kind`)."""
    return page_kind(seg.units, seg.base_gap, seg.hard_wrapped)


def features_of(seg: Segmenter) -> list[list[str]]:
    """The features of the segmenter's units (after the rules' first reading)."""
    return page_features(seg.units, seg.base_gap, rule_roles(seg), hard_wrapped=seg.hard_wrapped)


def consistent(labels: list[str]) -> list[str]:
    """Roles made consistent: a stack has a headline, a ``cont`` follows a paragraph."""
    labels = list(labels)
    n = len(labels)
    index = 0
    while index < n:
        if labels[index] not in TITLE_LABELS:
            if labels[index] == "cont" and (index == 0 or labels[index - 1] in TITLE_LABELS | PHOTO_LABELS):
                labels[index] = "para"
            index += 1
            continue
        end = index
        while end + 1 < n and labels[end + 1] in TITLE_LABELS:
            end += 1
        run = labels[index : end + 1]
        if "headline" not in run:
            # promote: the last kicker, else the first subheadline, else the column
            if "kicker" in run:
                position = len(run) - 1 - run[::-1].index("kicker")
            elif "subheadline" in run:
                position = run.index("subheadline")
            else:
                position = len(run) - 1
            labels[index + position] = "headline"
        index = end + 1
    return labels


#: The role the rules' reading of a unit (its kind, or a role the rules gave) stands for.
_RULE_LABELS = {
    "text": "para",
    "opening": "para",
    "continued": "para",
    "verse": "para",
    "table": "para",
    "editor-note": "para",
    "caption-credit": "caption",
    "photo-heading": "photo-title",
    "closing": "byline",
    "note-signature": "byline",
    "brief-headline": "headline",
    "briefs-header": "column",
    "sidebar": "column",
}


def rule_label(rule: str) -> str:
    """The label the rules' reading of a line stands for (``opening`` -> ``para``)."""
    return _RULE_LABELS.get(rule, rule if rule in LABELS else "other")


@dataclass
class LineRole:
    """One line's role as the reader decided it, for ``convert inspect --lines``."""

    line: int
    text: str
    role: str
    rule: str
    confidence: float | None = None
    reasons: list[tuple[str, float]] = field(default_factory=list)


#: Pages of fewer lines are read by the rules unless a model is named: one or two lines give
#: a model no sequence to weigh (a single 10 MB line was furniture to one trained model).
MIN_MODEL_LINES = 3


def model_for(seg: Segmenter, name: str | None) -> RoleModel | None:
    """The role model that reads the segmenter's page (``name``: ``--model``), or ``None``
    where the rules' reading stands: labelled fields say every line's role themselves; a
    laid-out page (PDF, ALTO) is read by its type sizes, and a page not in Chinese or of
    fewer than :data:`MIN_MODEL_LINES` lines by the rules, unless a model is named (the
    shipped models learned neither)."""
    units = seg.units
    if not units:
        return None
    laid_out = False
    for unit in units:  # (one pass for both tests: two generators cost twice as much)
        if unit.kind == "field":
            return None
        if unit.layout is not None:
            laid_out = True
    if name is None and (
        len(units) < MIN_MODEL_LINES or laid_out or not seg.document.metadata.language.startswith("zh")
    ):
        return None
    return load_model(name, _model_kind(seg))


def join_model_for(model: RoleModel, units: list[Line], *, shown: bool | None = None) -> JoinModel | None:
    """The join model whose words weigh the breaks between body lines of a page (its
    ``units``) beside ``model``'s reading (:mod:`.join_words`), when the page shows column
    breaks (:func:`.join_words.shows_column_breaks`): the shipped one beside the shipped
    model of pages whose lines are whole paragraphs, a paper's own beside the role model
    ``convert train`` fitted with it (:func:`.join_words.model_beside`), else none (a
    hard-wrapped page, read by the PDF model, breaks every line). ``shown``: whether the
    page shows column breaks, when the caller knows (:func:`.join_words.breaks_shown`)."""
    if model.path == PDF_MODEL or not (shows_column_breaks(units) if shown is None else shown):
        return None
    if model.path == DEFAULT_MODEL:
        return join_shipped_model()
    return join_model_beside(model.path)


def stack_model_for(model: RoleModel) -> StackModel | None:
    """The stack model whose words weigh two-line title stacks beside ``model``'s reading
    (:mod:`.stack_words`): the shipped one beside the shipped model of pages whose lines
    are whole paragraphs, a paper's own beside the role model ``convert train`` fitted
    with it (:func:`.stack_words.model_beside`), else none. (On hard-wrapped text, read by
    the PDF model, a title's lines are as often one title over two lines: the words made
    it read slightly worse.)"""
    if model.path == DEFAULT_MODEL:
        return shipped_model()
    if model.path == PDF_MODEL:
        return None
    return model_beside(model.path)


#: The kinds of page (:func:`.features.page_kind`) other than hard-wrapped text: told apart
#: by the blank lines and by the share of cut lines (a pass over the page's long lines).
_UNWRAPPED_KINDS = ("epaper", "spaced", "cut")


def _model_kind(seg: Segmenter) -> str:
    """:func:`kind_of` as far as :func:`load_model` reads it: whether the kind is one of
    :data:`PDF_KINDS`. Hard-wrapped text tells itself; the other kinds are told apart only
    when one of them is a PDF kind too (else any of them stands for all: ``epaper``)."""
    if seg.hard_wrapped or not PDF_KINDS.isdisjoint(_UNWRAPPED_KINDS):
        return kind_of(seg)
    return "epaper"


def page_roles(
    units: list[Line],
    labels: list[str],
    stack_odds: dict[int, tuple[str, str, float]] | None = None,
    stack_model: StackModel | None = None,
    join_odds: dict[int, tuple[str, float]] | None = None,
    join_model: JoinModel | None = None,
    join_words: dict[int, float] | None = None,
    *,
    hard_wrapped: bool = False,
) -> list[str]:
    """The model's labels bounded by what a line plainly is (:func:`_bounded`), corrected
    where print's own patterns show otherwise (:func:`.print_patterns.correct_print_patterns`:
    a column's name over a story, a headline over two lines, a picture's gap; and a stray
    title over a headline tops its stack, :func:`_no_stray_title_over_a_headline`); a paragraph
    after a line that breaks off inside a quote or in the middle of a ``……`` goes on from
    it, :func:`_cut_open`, as does one after a paragraph's opening cut mid-word,
    :func:`_cut_opening`, and a line that opens as a paragraph does starts one,
    :func:`_opens_a_paragraph`; names alone under a title are its byline, :func:`_bare_names`;
    around pictures, a story's text is not taken for a caption, :func:`_no_caption_before_the_gap`,
    :func:`_no_caption_under_a_byline`,
    :func:`_no_caption_opens_a_story`, and a title over a picture or under its credit heads the
    story that follows, :func:`_headlines_over_a_picture`, :func:`_titles_under_a_credit`;
    a title under a closing dateline or a piece's signature, or over a dateline inside a
    story that opened with one, heads a story of its own, :func:`_titles_opening_stories`,
    as does, unless the page is ``hard_wrapped``, a long essay signed under its title,
    :func:`_signed_pieces`; a second title over a byline stays in the stack,
    :func:`_titles_over_bylines`; then made :func:`consistent`. Given the role model's ``stack_odds``
    (:attr:`Roles.stack_odds`) and a ``stack_model`` (:func:`stack_model_for`), two-line
    title stacks are weighed by their words too (:func:`.stack_words.weigh_stacks`; a genre's
    or an interview's subtitle is a subheadline whatever the odds, :func:`.stack_words.genre_subtitles`), and
    given ``join_odds`` (:attr:`Roles.join_odds`) and a ``join_model``
    (:func:`join_model_for`), the breaks between body lines (:func:`.join_words.weigh_joins`;
    ``join_words``, when given, gets the words' weighted odds of each break weighed), and a
    story's subheads printed in one form are parted from the paragraphs under them
    (:func:`.subhead_forms.part_subheads_of_a_form`). Last,
    a line describing the picture over it opens a paragraph (:func:`_describes_the_picture`)
    and a paragraph a picture cut in two goes on past it (:func:`_paragraphs_cut_by_a_picture`)."""
    bounded = [
        label if label == "para" and units[index].kind == "text" else _bounded(units, index, label)
        for index, label in enumerate(labels)
    ]  # (_bounded's first test written out: most lines are text the model reads as paragraphs)
    correct_print_patterns(units, bounded)
    if "other" in bounded or "caption" in bounded:
        _no_stray_title_over_a_headline(units, bounded)
    columns_cut: bool | None = None  # (asked once, of the first opening cut mid-word)
    for index in range(1, len(bounded)):
        if (
            bounded[index] == "para"
            and bounded[index - 1] in ("para", "cont")
            and (_cut_open(units, index) or _cut_after_a_sentence(units, index))
        ):
            bounded[index] = "cont"
        elif bounded[index] == "para" and bounded[index - 1] in ("para", "cont") and _cut_opening(units, index):
            if columns_cut is None:
                columns_cut = _columns_cut(units)
            if columns_cut:
                bounded[index] = "cont"
        elif bounded[index] == "cont" and _opens_a_paragraph(units[index]):
            bounded[index] = "para"
        elif (
            bounded[index] in TITLE_LABELS
            and bounded[index - 1] in TITLE_LABELS
            and (_bare_names(units[index]) or _name_and_affiliation(units[index]))
        ):
            bounded[index] = "byline"
    if "caption" in bounded or "photo-title" in bounded:  # (most pages have no picture)
        _no_caption_before_the_gap(units, bounded)
        _no_caption_under_a_byline(units, bounded)
        _no_caption_opens_a_story(units, bounded)
        _headlines_over_a_picture(units, bounded)
    _pictures_before_a_story(units, bounded)
    if "credit" in bounded:
        _titles_under_a_credit(units, bounded)
    _titles_opening_stories(units, bounded)
    if not hard_wrapped:  # (a hard-wrapped page's lines are no titles and signatures of their own)
        _signed_pieces(units, bounded)
    if "headline" in bounded:
        _titles_over_bylines(units, bounded)
    _titles_over_a_reporters_line(units, bounded, stack_model)
    _titles_where_no_package_goes_on(units, bounded, stack_model)
    _a_lone_brief_is_a_story(units, bounded, stack_model)
    if "column" in bounded:
        _no_column_over_a_news_story(units, bounded)
    labels = consistent(bounded)
    if stack_odds and stack_model is not None:
        weigh_stacks(units, labels, stack_odds, stack_model)
    if "kicker" in labels:
        genre_subtitles(units, labels)  # (…侧记 under a title is its subheadline, whatever the odds)
    if join_odds and join_model is not None:
        weighed = weigh_joins(units, labels, join_odds, join_model)
        if join_words is not None:
            join_words.update(weighed)
    if "cont" in labels:
        part_subheads_of_a_form(units, labels)  # (after the joins are weighed: a form outweighs them)
    speakers_go_on_their_quotes(units, labels)  # (after the joins: a quote's speaker never opens a paragraph)
    for index in [index for index, label in enumerate(labels) if label == "cont" and index]:
        if _describes_the_picture(units[index - 1], units[index]):
            labels[index] = "para"
    if "caption" in labels or "credit" in labels:
        _paragraphs_cut_by_a_picture(units, labels)
    return labels


#: The shortest line a picture set into its column cuts (shorter ones may be subheads).
_CUT_BY_PICTURE_MIN = 20


def _paragraphs_cut_by_a_picture(units: list[Line], labels: list[str]) -> None:
    """A paragraph that a picture set into its column cut in two goes on past the picture:
    the text line over the picture's caption and credit breaks off where no paragraph can
    (``…努力营造干净整洁的`` / caption / ``高鸿勋 摄`` / ``城市环境。”…``) and the line under
    them is text that does not open as a paragraph does. The picture stays where it stood,
    after the paragraph (:func:`consistent` parts a paragraph at a picture; this is asked
    after it)."""
    for index, label in enumerate(labels):
        if label != "para" or units[index].kind != "text" or _opens_a_paragraph(units[index]):
            continue
        above = index - 1
        while above >= 0 and labels[above] in PHOTO_LABELS:
            above -= 1
        if above == index - 1 or above < 0 or labels[above] not in ("para", "cont"):
            continue
        text = units[above].text.rstrip()
        if units[above].kind in ("text", "opening") and len(text) >= _CUT_BY_PICTURE_MIN and not ends_paragraph(text):
            labels[index] = "cont"


def read_roles(
    seg: Segmenter,
    role_model: RoleModel,
    rules: list[str],
    *,
    confidence: bool = False,
    join_words: dict[int, float] | None = None,
) -> tuple[Roles, list[str], StackModel | None]:
    """How the reader takes the roles of a page's lines (the segmenter's units, their
    rules' reading ``rules``) with ``role_model``: the model's reading (:meth:`RoleModel.tag`),
    the labels :func:`page_roles` makes of it with the word models for the model and the
    page (:func:`stack_model_for`, :func:`join_model_for`), and the stack model used.
    Reading a page and ``convert inspect`` both call it, so that they agree."""
    stack_model = stack_model_for(role_model)
    features, share = page_rows(seg.units, seg.base_gap, rules, hard_wrapped=seg.hard_wrapped)
    join_model = join_model_for(role_model, seg.units, shown=breaks_shown(share))
    roles = role_model.tag(
        features,
        confidence=confidence,
        stacks=stack_model is not None,
        joins=seg.units if join_model is not None else None,
    )
    labels = page_roles(
        seg.units,
        roles.labels,
        roles.stack_odds,
        stack_model,
        roles.join_odds,
        join_model,
        join_words,
        hard_wrapped=seg.hard_wrapped,
    )
    return roles, labels, stack_model


#: The longest line :func:`_title_like` takes for a title.
_TITLE_LIKE_MAX = 40


def _titles_opening_stories(units: list[Line], labels: list[str]) -> None:
    """Make a headline of a title the model read into the body of a story when what is
    printed around it tells a story ended or starts there: the title stands right under a
    line that closes the story above — a dateline in brackets (``（新华社北京5月20日电）``,
    :func:`_closing_dateline`, or one with its reporters, or a group's or a drafter's
    signature in brackets, :func:`.datelines.signs_the_story`) or a piece's signature
    (``徐 之文``, :data:`_SIGN_OFF_RE`) —
    or, in a story that opened with a dateline (``本报北京5月18日电 （记者…）…``,
    ``新华社…电``), between a paragraph's end and another dateline — a news story is not a
    briefs column (whose first line under its name is a brief's title, not a dateline). On
    the corpus's training pages (People's Daily, extracted) the model read 6 and 17 such
    lines as the story's text, all headlines of the gold (and 9 under a signature, all
    headlines); of the 160 title-like lines under such a closing dateline, every one is a
    title of the gold, and so are the 58 under such a signature."""
    dateline_story = False
    last = len(labels) - 1
    for index, label in enumerate(labels):
        if label in TITLE_LABELS:
            continue
        if index and labels[index - 1] in TITLE_LABELS:
            dateline_story = units[index].kind == "opening"  # the story's first line under its stack
            continue
        if (
            label in ("para", "subhead")
            and index
            and labels[index - 1] in ("para", "cont")
            and _title_like(units[index])
            and (
                _closing_dateline(units[index - 1])
                or (units[index - 1].kind == "closing" and signs_the_story(units[index - 1].data))
                or _SIGN_OFF_RE.match(units[index - 1].text) is not None
                or ends_with_end_mark(units[index - 1].text)
                or (
                    dateline_story
                    and index < last
                    and units[index + 1].kind == "opening"
                    and ends_paragraph(units[index - 1].text)
                )
            )
        ):
            labels[index] = "headline"
        elif (
            label in ("para", "subhead")
            and dateline_story
            and index < last
            and labels[index - 1] in PHOTO_LABELS
            and units[index + 1].kind == "opening"
            and _title_like(units[index])
        ):
            labels[index] = "headline"  # under a picture, over a dateline: the next story's title


#: A piece signed at its end with its author's name, spaced, and ``文`` (``徐 之文``,
#: ``常 晋文``: by 徐之, by 常晋), as People's Daily signs the verse and essays of its
#: commentary page: the piece ends there. None of the 59 such lines of the training pages'
#: gold is a title (the model read one as a headline).
_SIGN_OFF_RE = cre(r"^\s*[\u4e00-\u9fff]{1,2} [\u4e00-\u9fff]{1,2}文\s*$")


#: Words a table of contents or a report's sections print alone on a line, spaced like a
#: two-character name (``前  言``): never an author's line.
_HEADING_WORDS = frozenset(
    {"前言", "导言", "引言", "序言", "总则", "附则", "后记", "结语", "目录", "摘要", "附录", "绪论", "结论"}
)

#: How much text (characters) a signed part runs to before it reads as a piece of its own.
#: Set on People's Daily's training pages (extracted): at 1,200 the rule turned 13 titles
#: into the gold's headlines and 2 package parts wrongly; at 1,000, 18 and 20 (a commentary
#: column's six signed parts of 1,000–1,200 characters each).
PIECE_MIN_CHARACTERS = 1200


def _signature_line(unit: Line) -> bool:
    """A line that signs a piece under its title: names alone (:func:`_bare_names`) or a
    name of a two-character surname (``欧阳日辉``). (Not an office and a name, ``山东省委书记
    林武``: People's Daily's records keep the pieces so signed on its theory pages as one
    package's parts — on its training pages 5 such titles read as the gold's headlines and
    18 as parts.)"""
    if _bare_names(unit):
        return "记者" not in unit.text  # (``报记者 杨欢``: a cut byline's label, no name)
    text = unit.text.strip()
    return unit.kind == "text" and len(text) == 4 and text[:2] in COMPOUND_SURNAMES and all(map(is_cjk, text))


def _signed_pieces(units: list[Line], labels: list[str]) -> None:
    """Make a story of a long piece the model read as a part of the story above: a title
    over its author's bare name (``差异化定位激活县域经济高质量发展强劲动力`` / ``查志强``)
    inside a story, over at least :data:`PIECE_MIN_CHARACTERS` of text before the next such
    title or the next story. A theory or commentary page prints its essays so, each signed
    under its title, and the records of most papers keep each as an article; People's
    Daily's keep a commentary column's short signed parts (half of them under 510
    characters) as one package's parts, which this leaves as they are. Not a numbered or
    dashed title (``（三）…``, ``…团队——``: a section or a part's lead-in), nor a title of
    fewer than four characters, nor a heading word or a ``第…`` line spaced like a name
    (``前  言``, ``第一条``)."""
    n = len(labels)
    starts = [
        index
        for index in range(1, n - 2)
        if labels[index] in ("para", "subhead")
        and labels[index - 1] in ("para", "cont")
        and labels[index + 1] in ("para", "subhead", "other", "byline")
        and _title_like(units[index])
        and _signature_line(units[index + 1])
        and len(units[index].text.strip()) >= 4
        and not is_numbered_subhead(units[index].text.lstrip())
        and not units[index].text.rstrip().endswith(("—", "-", "－"))
        and not units[index + 1].text.lstrip().startswith("第")
        and "".join(units[index + 1].text.split()) not in _HEADING_WORDS
    ]
    for order, index in enumerate(starts):
        end = starts[order + 1] if order + 1 < len(starts) else n
        size = 0
        for following in range(index + 2, end):
            if labels[following] in TITLE_LABELS:
                break
            if labels[following] in ("para", "cont", "subhead"):
                size += len(units[following].text)
        if size >= PIECE_MIN_CHARACTERS:
            labels[index], labels[index + 1] = "headline", "byline"


def _no_stray_title_over_a_headline(units: list[Line], labels: list[str]) -> None:
    """A title-like line the model left out of every story (``other``), or read as a picture's
    caption on its own with no credit, right over a headline with no wider gap between
    (``地铁3号线北段今起试运营`` / ``沿线市民出行更方便`` under a picture's credit and a wider gap), is
    the top of that headline's stack: kept apart as unclassified text or as a picture, it
    took a story's headline with it. (The stack's two lines are then weighed as any
    stack's are.)"""
    for index in range(len(labels) - 1):
        if (
            labels[index] in ("other", "caption")
            and labels[index + 1] == "headline"
            and not units[index + 1].strong
            and _title_like(units[index])
            and (labels[index] == "other" or not index or labels[index - 1] not in PHOTO_LABELS or units[index].strong)
        ):
            labels[index] = "kicker"


def _no_caption_before_the_gap(units: list[Line], labels: list[str]) -> None:
    """A text line under a story's paragraph, with no wider gap between, and over the
    wider gap of a picture whose caption follows it (``…议题进行交流。`` / ``据介绍，本次论坛共吸引
    全国各地千余名代表参加。`` / gap / ``5月5日，游客在…游览。`` / ``新华社记者 周密 摄``) is the
    story's last paragraph: a caption stands under its picture's gap, never over it (the
    model, reading a short sentence over a caption, took it for the caption's first line)."""
    for index in range(len(labels) - 2, 0, -1):
        if (
            labels[index] == "caption"
            and units[index].kind == "text"
            and not units[index].strong
            and labels[index + 1] == "caption"
            and units[index + 1].strong
            and labels[index - 1] in ("para", "cont")
        ):
            labels[index] = "para"


def _no_caption_under_a_byline(units: list[Line], labels: list[str]) -> None:
    """Text right under a story's byline, with no picture's gap between (``新华社记者 王一 李二``
    / ``当前，…``), is the story's text, not a picture's caption: a caption follows its
    picture. (The model, reading a byline it did not expect, at times took the lines under
    it for a caption.)"""
    for index in range(1, len(labels)):
        if labels[index] != "caption" or labels[index - 1] != "byline" or units[index].strong:
            continue
        end = index
        while end < len(labels) and labels[end] == "caption" and units[end].kind == "text" and not units[end].strong:
            labels[end] = "para"
            end += 1


def _no_caption_opens_a_story(units: list[Line], labels: list[str]) -> None:
    """A story's opening (``新华社北京4月26日电 记者…``) is never a picture's caption: the
    model, reading a picture right over the next story, at times took the story's title,
    opening and paragraphs for more caption lines. The opening and the caption lines after
    it are the story's paragraphs, and a title right over it its headline."""
    index, n = 0, len(labels)
    while index < n:
        if labels[index] not in ("caption", "photo-title") or units[index].kind != "opening":
            index += 1
            continue
        labels[index] = "para"
        if index and labels[index - 1] in ("caption", "photo-title") and _title_like(units[index - 1]):
            labels[index - 1] = "headline"
        index += 1
        while index < n and labels[index] == "caption" and units[index].kind == "text":
            labels[index] = "para"
            index += 1


def _headlines_over_a_picture(units: list[Line], labels: list[str]) -> None:
    """A title over a picture whose credit a story's opening follows (``卫东区积极开展爱国卫生月活动``
    / caption / ``高鸿勋 摄`` / ``本报讯 （记者王孟鹤）…``) is that story's headline, the picture
    set between its title and its text: the model took the title for the picture's own,
    and the story, with no headline, ran into the one above. Not where a wider gap parts
    the picture from the opening, nor over a drawing (``漫画：…`` / ``新华社发 徐骏 作``: a
    cartoon's title is its own)."""
    n = len(labels)
    for index in [index for index, label in enumerate(labels) if label == "photo-title"]:
        end = index + 1
        while end < n and labels[end] in ("caption", "credit"):
            end += 1
        if end == index + 1 or end == n:
            continue
        credited = labels[end - 1] == "credit" or units[end - 1].kind == "caption-credit"
        drawn = units[end - 1].kind == "credit" and any(person.role == "graphics" for person in units[end - 1].data)
        if (
            credited
            and not drawn  # 漫画：… / 新华社发 徐骏 作: a cartoon's title is its own
            and units[end].kind == "opening"
            and units[end].blank_before <= 1  # (a wider gap parts the picture from the story under it)
            and labels[end] == "para"
            and _title_like(units[index])
        ):
            labels[index] = "headline"


def _titles_under_a_credit(units: list[Line], labels: list[str]) -> None:
    """A title right under a picture's credit and over a byline line (``记者 李四 摄`` /
    ``地铁5号线全线贯通`` / ``本报记者 王四``) heads the story the byline opens: the model took
    the title for the text of the story above the picture, and the byline for a paragraph.
    Not where the story goes on with other titles over bylines (a package's parts, whose
    titles and bylines People's Daily's records keep as paragraphs, :func:`_more_parts`)."""
    for index in [index + 1 for index, label in enumerate(labels[:-2]) if label == "credit"]:
        if (
            labels[index] in ("para", "subhead")
            and units[index + 1].kind == "byline"
            and units[index + 1].data
            and labels[index + 1] in ("para", "subhead", "other")
            and labels[index + 2] == "para"
            and _title_like(units[index])
            and not _more_parts(units, labels, index + 2)
        ):
            labels[index], labels[index + 1] = "headline", "byline"


def _pictures_before_a_story(units: list[Line], labels: list[str]) -> None:
    """A picture between two stories, its caption and credit right over the next story's title
    and byline (``昨天，5号线施工现场。`` / ``记者 陈中秋 摄`` / ``西湖边的樱花开了`` / ``见习记者
    赵一鸣``), is a picture of its own: its credit line is a credit and the sentence over it its
    caption (the title and byline are then :func:`_titles_under_a_credit`'s). The model, which
    learned People's Daily's pictures inside stories (whose records keep a caption and credit
    as the story's last paragraphs), read them as the story above goes on, and the next story
    as its subhead and paragraph; a city page sets its pictures between stories. Only where
    the line over the caption ends a story's paragraph (a photo story's title right over its
    caption keeps them as its text, as the records do), and not where the story goes on with other
    titles over bylines (a package's parts, :func:`_more_parts`). (Changed in place.)"""
    for index in range(1, len(labels) - 2):
        unit = units[index]
        if (
            unit.kind == "credit"
            and labels[index] in ("para", "cont", "subhead", "other")
            and labels[index - 1] in ("para", "cont")
            and units[index - 1].kind == "text"
            and len(units[index - 1].text) <= _CAPTION_MAX
            and ends_sentence(units[index - 1].text.rstrip())
            and index >= 2
            and labels[index - 2] in ("para", "cont")  # (a photo story's title right over it: the story's text)
            and ends_paragraph(units[index - 2].text.rstrip())
            and (labels[index + 1] in ("para", "subhead") or labels[index + 1] in TITLE_LABELS)
            and _title_like(units[index + 1])
            and units[index + 2].kind == "byline"
            and units[index + 2].data
            and not _more_parts(units, labels, index + 2)
        ):
            labels[index - 1], labels[index] = "caption", "credit"


#: The longest line :func:`_pictures_before_a_story` takes for a caption over its credit.
_CAPTION_MAX = 120


def _titles_over_bylines(units: list[Line], labels: list[str]) -> None:
    """Keep in its stack a title line the model read as the story's first subhead when the
    line under it is the story's byline (``西湖边这家老字号重新开张`` / ``排队的人从店门口排到了马路对面``
    / ``记者 钱一 通讯员 孙二``): a byline closes a title stack, a subhead never stands over
    one. (The model, reading the first story under a page header on a page of column breaks,
    took the second title for a subhead and then the byline for a paragraph.) A title set
    apart from the headline by more blank lines than the page's usual, or indented under
    it, or followed in the story by other titles over bylines, is a package's first part's
    (People's Daily's records keep it and its byline as paragraphs). Two such lines under the
    headline over the byline are the rest of a three-line stack: the headline the model
    found is its kicker, and they its headline and subheadline."""
    for index in [index + 1 for index, label in enumerate(labels[:-2]) if label == "headline"]:
        if (
            labels[index] in ("para", "subhead")
            and labels[index - 1] == "headline"
            and not units[index].strong  # (a package's first part, set apart: its own title)
            and units[index].indent <= units[index - 1].indent
            and units[index + 1].kind == "byline"
            and units[index + 1].data
            and labels[index + 1] in ("para", "subhead", "other", "byline")
            and _title_like(units[index])
            and not _more_parts(units, labels, index + 2)
        ):
            labels[index], labels[index + 1] = "subheadline", "byline"
        elif (
            index + 2 < len(labels)
            and labels[index] in ("para", "subhead")
            and labels[index + 1] in ("para", "subhead")
            and labels[index - 1] == "headline"
            and not units[index].strong
            and not units[index + 1].strong
            and units[index].indent <= units[index - 1].indent
            and units[index + 1].indent <= units[index - 1].indent
            and units[index + 2].kind == "byline"
            and units[index + 2].data
            and labels[index + 2] in ("para", "subhead", "other", "byline")
            and _title_like(units[index])
            and _title_like(units[index + 1])
            and not _more_parts(units, labels, index + 3)
        ):
            # three title lines over the byline (杭州地铁5号线 / 昨天全线贯通 / 从城西到城东只要45分钟):
            # a city paper's full stack, kicker, headline and subheadline
            labels[index - 1 : index + 3] = ["kicker", "headline", "subheadline", "byline"]


#: A byline line of a paper's reporters printed without the paper's name (``记者 金洁 通讯员
#: 李明``, ``首席记者 X``, ``■见习记者 Y``): a city paper's story's byline. People's Daily's
#: package parts, which its records keep inside one article, say ``本报记者`` or another
#: paper's (``解放日报记者``), never a bare ``记者``.
_BARE_REPORTERS_RE = cre(rf"^[{re.escape(BULLETS)}\s]*(?:首席|见习|实习)?记者\s*[/／]?\s*\S")


#: A city paper's own reporters' labels (``快报记者 X``, ``晚报见习记者 Y``, ``都市报首席记者 Z``):
#: the paper's short name, never ``本报``. None is printed on the corpus's People's Daily
#: pages (nor Xinmin Evening News', which says ``本报记者``).
CITY_REPORTER_LABELS = ("快报", "晚报", "早报", "晨报", "商报", "都市报")
_CITY_REPORTERS_RE = cre(
    rf"^[{re.escape(BULLETS)}\s]*(?:"
    rf"(?:{'|'.join(CITY_REPORTER_LABELS)})(?:首席|见习|实习|全媒体|特约)?记者"  # 快报记者 陈晨
    r"|(?:特约)?通讯员\s*[^\s记].*?记者"  # 通讯员 李华 快报记者 陈晨 (no 本报 before 通讯员)
    r"|实习生\s*[^\s记].*?记者"  # 实习生 王丽 记者 陈晨
    r"|文\s*[/／](?!\s*(?:图\s*[/／]?\s*)?本报)"  # 文/图 快报记者 陈晨, 文/陈晨 图/李华 (not 文/本报记者 X)
    r")"
)


def a_city_papers_byline(unit: Line) -> bool:
    """A byline line as a city paper prints its own story's (:data:`_CITY_REPORTERS_RE`):
    its reporters under the paper's short name (``快报记者 陈晨``, ``晚报首席记者 X``), a
    correspondent or trainee first and the reporter after (``通讯员 李华 记者 陈晨``), or a
    writer's and photographer's marks (``文/图 快报记者 X``, ``文/X 图/Y``). People's Daily's
    package parts, which its records keep inside one article, say ``本报记者``, ``本报通讯员``
    or another paper's full name (``解放日报记者``), never these."""
    return unit.kind == "byline" and bool(unit.data) and _CITY_REPORTERS_RE.match(unit.text) is not None


def _titles_over_a_reporters_line(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A title stack of one to three lines over a bare reporters' line (``记者 X 通讯员 Y``),
    under a story's last paragraph or a picture's credit, heads a story of its own (``小区加装
    电梯`` / ``这次终于落地了`` / ``记者 金洁 通讯员 李明`` was read as the story above's subheads
    and paragraph). The model learned People's Daily's packages, whose parts, each a title
    over ``本报记者 X``, its records keep inside one article; their bylines never say a bare
    ``记者`` (:data:`_BARE_REPORTERS_RE`), which a city paper's stories do, nor a city paper's
    own labels (``快报记者 X``, ``通讯员 Y 记者 X``, ``文/图 X``: :func:`a_city_papers_byline`).
    A column's tag over the stack is its column; the stack's roles by :func:`_stack_roles`.
    (Changed in place.)"""
    for index, unit in enumerate(units):
        if not (
            unit.kind == "byline"
            and labels[index] in ("para", "subhead", "other")
            and (
                (any(person.role == "reporter" for person in unit.data or ()) and _BARE_REPORTERS_RE.match(unit.text))
                or a_city_papers_byline(unit)
            )
        ):
            continue
        top = index
        while (
            top > 0
            and index - top < 3
            and labels[top - 1] in ("para", "subhead")
            and (_title_like(units[top - 1]) or _question_title(units[top - 1]))
        ):
            top -= 1
        if top == index or top == 0:
            continue
        tag = index - top >= 2 and _column_tag_line(units[top])  # (【快报调查】 over the stack: its column)
        if not tag and top > 1 and labels[top - 1] in ("para", "subhead") and _column_tag_line(units[top - 1]):
            tag, top = True, top - 1
        above = units[top - 1]
        if not (
            (labels[top - 1] in ("para", "cont") and _closes_a_paragraph(above.text.rstrip()))
            or labels[top - 1] == "credit"
            or (labels[top - 1] == "caption" and above.kind == "caption-credit")  # (园区内一角。 快报记者 陈晨 摄)
        ):
            continue
        column = ["column"] if tag else []
        first = top + len(column)
        labels[top:index] = column + _stack_roles(units, first, index - first, stack_model)
        labels[index] = "byline"


#: The longest title asking a question (``怎么破？``) :func:`_question_title` takes.
_QUESTION_TITLE_MAX = 16


def _question_title(unit: Line) -> bool:
    """A short title line that asks or exclaims (``老小区停车难`` / ``怎么破？``, ``真的来了！``):
    it ends as a sentence does, so :func:`_title_like` refuses it, but it holds no clause."""
    text = unit.text.strip()
    return (
        unit.kind == "text"
        and 2 <= len(text) <= _QUESTION_TITLE_MAX
        and text[-1] in "？?！!"
        and not any(mark in text for mark in "，,。；;：:")
    )


def _column_tag_line(unit: Line) -> bool:
    """A column's tag on a line of its own over a story's title (``【快报调查】``, ``杭州观察``)."""
    return unit.kind == "text" and is_column_tag(unit.text.strip())


def _closes_a_paragraph(text: str) -> bool:
    """A paragraph's end, or a full stop and a bracketed note after it (``…高教园区。（快报记者
    陈晨 通讯员 李华）``: a city paper's story signed at its end, :func:`_ends_in_full_stop`)."""
    return ends_paragraph(text) or _ends_in_full_stop(text)


def _opens_a_story(unit: Line) -> bool:
    """A line that opens a story with its dateline (``快报讯（记者 潘婷）昨天…``,
    ``本报北京4月26日电 （记者丁怡婷）…``)."""
    return unit.kind == "opening" or (unit.kind == "text" and split_opening(unit.text) is not None)


def _a_lone_brief_is_a_story(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A short title over a second title line over a story's opening (``深夜酒驾上路`` /
    ``男子当场被查获`` / ``快报讯（记者 潘婷）昨天凌晨，…``), which the model read as a briefs
    column's name over its first brief (the name the headline, the brief's title and opening
    paragraphs: People's Daily's records keep a column of briefs as one article so), is one
    story's two-line title when no other brief follows it in that story (a title over an
    opening) and the short line is no briefs column's name (``环球扫描``,
    :func:`.headlines.is_briefs_header`). On People's Daily's training pages (extracted) the
    model read 55 such columns: of the 51 with a second brief, 50 are the gold's columns; of
    the 4 with one brief, 3 are a story's kicker and headline (``截至3月底`` /
    ``全国累计发电装机同比增长15.5%``) and the fourth is ``环球扫描``'s. A city paper prints its
    stories so, a short line over a longer one over ``快报讯（…）``. The two lines are a kicker
    over a headline or a headline over its subheadline as the stack model's words weigh them
    (a kicker over a headline without it). (Changed in place.)"""
    for index in range(1, len(labels) - 1):
        if not (
            labels[index - 1] == "headline"
            and labels[index] in ("para", "subhead")
            and (index < 2 or labels[index - 2] not in TITLE_LABELS)
            and _title_like(units[index])
            and units[index - 1].kind == "text"
            and labels[index + 1] in ("para", "cont")
            and _opens_a_story(units[index + 1])
            and not is_briefs_header(units[index - 1].text)
        ):
            continue
        more = False  # (another brief further on: a title over an opening, before the next title)
        for ahead in range(index + 2, len(labels) - 1):
            if labels[ahead] in TITLE_LABELS:
                break
            if labels[ahead] in ("para", "subhead") and _title_like(units[ahead]) and _opens_a_story(units[ahead + 1]):
                more = True
                break
        if more:
            continue
        upper, lower = units[index - 1].text, units[index].text
        if stack_model is None or stack_model.kicker_odds(upper, lower) > 0:
            labels[index - 1], labels[index] = "kicker", "headline"
        else:
            labels[index] = "subheadline"


#: The people of a news story's byline (a column's piece is signed by its writer).
_NEWS_ROLES = frozenset({"reporter", "correspondent", "trainee"})


def _no_column_over_a_news_story(units: list[Line], labels: list[str]) -> None:
    """A line the model read as a column's name over a headline (``杭州地铁`` / ``5号线今年底全线通车``
    / ``从城西到城东只要45分钟`` / ``快报讯（记者 潘婷）…``: a short first line) is the story's
    kicker when it is no column's tag (no bracket or ornament, :func:`.headlines.is_column_tag`
    refuses it) and the story under the stack opens with its reporters' byline or a dateline,
    as a news story does (a column's piece is signed by its writer). The model never reads
    such a line so on the corpus's pages (no page of them reads otherwise). (Changed in place.)"""
    for index in range(len(labels) - 1):
        unit = units[index]
        if labels[index] != "column" or labels[index + 1] != "headline" or unit.kind != "text":
            continue
        text = unit.text.strip()
        if strip_ornaments(text) != text or is_column_tag(text):
            continue
        end = index + 1
        while end < len(labels) and labels[end] in TITLE_LABELS:
            end += 1
        if end < len(labels) and (
            (units[end].kind == "byline" and any(person.role in _NEWS_ROLES for person in units[end].data or ()))
            or _opens_a_story(units[end])
        ):
            labels[index] = "kicker"


def _titles_where_no_package_goes_on(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A title stack of one to three lines over a reporters' byline heads a story of its own
    where no package can go on. A package's parts (``推动农业农村高质量发展`` / ``本报记者 常钦``)
    hang from the package's title on one page, so none goes on under a piece with no title
    (a page's text before its first title: a story continued from another page,
    ``（上接第一版）…``, or one whose title the reader missed), under a story continued from
    another page under its title, or after a story's last paragraph that jumps to another page
    (``…就业。（下转第二版）``). The model, which learned parts under their package's title, read
    such a story's title and byline as paragraphs of the piece above. The stack stands under a
    line that ends a paragraph, or under the jump; its roles as
    :func:`_titles_over_a_reporters_line` gives them. (Changed in place.)"""
    package = False  # (whether a package may go on here: the piece above has a title of its own)
    for index, unit in enumerate(units):
        if labels[index] in TITLE_LABELS:
            package = True
            continue
        if unit.kind == "continued":
            package = False  # (a story continued from another page, under its title or not)
            continue
        if not (
            unit.kind == "byline"
            and labels[index] in ("para", "subhead", "other")
            and any(person.role == "reporter" for person in unit.data or ())
        ):
            continue
        top = index
        while (
            top > 0
            and index - top < 3
            and labels[top - 1] in ("para", "subhead")
            and _title_like(units[top - 1])
            and "jump" not in units[top - 1].meta
        ):
            top -= 1
        if top == index or top == 0 or labels[top - 1] not in ("para", "cont"):
            continue
        if (not package and ends_paragraph(units[top - 1].text.rstrip())) or "jump" in units[top - 1].meta:
            labels[top:index] = _stack_roles(units, top, index - top, stack_model)
            labels[index] = "byline"
            package = True


def _stack_roles(units: list[Line], top: int, run: int, stack_model: StackModel | None) -> list[str]:
    """The roles of a title stack of ``run`` lines from ``units[top]`` over a byline: one line a
    headline, three a full stack, two a kicker over a headline or a headline over its
    subheadline as the stack model's words weigh them (a headline and subheadline without it)."""
    if run == 1:
        return ["headline"]
    if run == 3:
        return ["kicker", "headline", "subheadline"]
    if stack_model is not None and stack_model.kicker_odds(units[top].text, units[top + 1].text) > 0:
        return ["kicker", "headline"]
    return ["headline", "subheadline"]


def _more_parts(units: list[Line], labels: list[str], start: int) -> bool:
    """Whether the story goes on, after ``start`` and before the next title, with another
    part's title and byline (``“横琴吸引我来尝试”`` / ``本报记者 李 纵``): a package of parts."""
    for index in range(start + 1, len(labels)):
        if labels[index] in TITLE_LABELS:
            return False
        if units[index].kind == "byline" and labels[index - 1] in ("para", "subhead") and _title_like(units[index - 1]):
            return True
    return False


def _closing_dateline(unit: Line) -> bool:
    """A dateline alone in brackets, closing its story: ``（新华社北京5月20日电）``,
    ``（据新华社电）``, ``（本报柏林7月26日电）`` (no reporter, no note)."""
    text = unit.text.strip()
    if not (text[:1] in "（(" and text[-1:] in "）)" and "电" in text):
        return False
    closing = parse_closing(text)
    return closing is not None and closing.dateline is not None and not closing.bylines and closing.note is None


def _title_like(unit: Line) -> bool:
    """A text line as a title is: short, and ending where no sentence or clause does."""
    text = unit.text.rstrip()
    return (
        unit.kind == "text"
        and 0 < len(text) <= _TITLE_LIKE_MAX
        and text[-1] not in "，,、"
        and not ends_paragraph(text)
    )


def _bare_names(unit: Line) -> bool:
    """A line of one to three people's names and nothing else (``佟京昊``, ``秦 岭``,
    ``黄汉权 刘志成``). Under a title it is the author's line, never a title itself: on the
    corpus's training pages (People's Daily) 1,605 such lines under a title were bylines
    and 2 were titles, while the model, weighing them, at times took the name for the
    headline and the title over it for a kicker."""
    if unit.kind != "text":
        return False
    tokens = unit.text.split()
    if len(tokens) == 2 and all(len(token) == 1 for token in tokens):
        tokens = ["".join(tokens)]  # one name of two characters, spaced out
    if not 1 <= len(tokens) <= 3 or not all(2 <= len(token) <= 3 and all(map(is_cjk, token)) for token in tokens):
        return False
    return is_author_line(unit.text)


#: A writer's name first, then where the writer studies or works, spaced apart
#: (``许瓒  北京市第一七一中学  初三（20）班``, ``张三 浙江大学教授``): the line under an essay's title.
_NAME_AND_AFFILIATION_RE = cre(r"^[\u4e00-\u9fff]{2,3}(?:\s+[^\s。！？，,；;：:]+){1,3}$")
_AFFILIATION_WORDS = (
    "中学",
    "小学",
    "大学",
    "学院",
    "学校",
    "幼儿园",
    "班",
    "年级",
    "教授",
    "研究员",
    "老师",
    "教师",
    "学生",
    "公司",
    "医院",
    "研究院",
    "研究所",
    "协会",
    "作家",
    "工程师",
    "医生",
    "律师",
    "市民",
    "居民",
    "村民",
)


def _name_and_affiliation(unit: Line) -> bool:
    """A line of a writer's name and then where the writer studies or works
    (:data:`_NAME_AND_AFFILIATION_RE`): under a title it is the author's line, no title
    (the model took an evening paper's student essay's author line for its headline and
    the essay's title for a kicker)."""
    text = unit.text.strip()
    if unit.kind != "text" or len(text) > 30 or len(text.split(None, 1)) < 2:
        return False  # (the pattern asks for a space after the name: most titles have none)
    if _NAME_AND_AFFILIATION_RE.match(text) is None:
        return False
    if any(mark in text for mark in "“”‘’《》\"'"):
        return False  # 对患者　“希望村民看病更方便”: a part's title, with its quote
    return any(token.endswith(_AFFILIATION_WORDS) for token in text.split()[1:])


def _cut_open(units: list[Line], index: int) -> bool:
    """Whether the text line before ``units[index]`` breaks off inside a quote, title or
    bracket (or after an enumeration's comma) where no paragraph can end, or in the middle
    of a ``……`` or ``——``: a column break cut it, and this line, text too, is the rest of
    its sentence."""
    before, unit = units[index - 1], units[index]
    if before.kind != "text" or unit.kind != "text":
        return False
    if _splits_a_mark(before.text, unit.text):
        return True
    # (most lines end a paragraph: that answer first, as it is the cheaper of the two)
    return not ends_paragraph(before.text) and leaves_open(before.text)


#: A paragraph's opening words: when (``近日，``, ``5月20日，``, ``前不久，``) or how it links to
#: the one before (``对此，``, ``此外，``), then a comma. On the corpus's training pages
#: (every third, People's Daily, extracted) 9 lines the model took for the rest of the
#: paragraph above open so, all new paragraphs (under a subhead or a lead), and no line
#: that goes on from the one above (``…在扩大就业空间的`` / ``同时，…`` does: no ``同时``).
_PARAGRAPH_OPENING_RE = cre(
    rf"^(?:{NEWS_WHEN}|近年来|当前|目前|如今|前不久|不久前|今年以来|去年以来|此前|随后|此外|另外|对此|为此"
    r"|与此同时|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|今年\d{1,2}月|去年\d{1,2}月)[，,]"
)


#: The share of a page's long text lines that end where no paragraph can
#: (:func:`.features.unended_share`) from which its column breaks cut paragraphs: nine in
#: ten of the corpus's People's Daily pages in the seed's shape have more (the seed 0.21),
#: one in twenty-five of the same pages as e-paper text, whose lines are whole paragraphs
#: (every twelfth page).
COLUMNS_CUT_SHARE = 0.08


def _columns_cut(units: list[Line]) -> bool:
    """Whether the page's column breaks cut its paragraphs (:data:`COLUMNS_CUT_SHARE`)."""
    share = unended_share(units)
    return share is not None and share >= COLUMNS_CUT_SHARE


def _cut_opening(units: list[Line], index: int) -> bool:
    """Whether the text line before ``units[index]`` opens as a paragraph does
    (:data:`_PARAGRAPH_OPENING_RE`, ``近日，一名日本学生在国际学校了解到``), so it is no
    subhead, and breaks off in the middle of its words, ideographs either side of the
    break (``…了解到`` / ``南京大屠杀史实后，…``): a column break cut it. Of such pairs the
    model read as two paragraphs on the corpus's training pages (every third, People's
    Daily, extracted), 10 were one paragraph cut and 1 two; on e-paper text, whose lines are
    whole paragraphs, such a line is one (asked only where :func:`_columns_cut`)."""
    before, unit = units[index - 1], units[index]
    left, right = before.text.rstrip(), unit.text.lstrip()
    return (
        bool(left and right)
        and is_cjk(left[-1])
        and is_cjk(right[0])
        and unit.kind == "text"
        and _opens_a_paragraph(before)
    )


def _cut_after_a_sentence(units: list[Line], index: int) -> bool:
    """Whether the text line before ``units[index]`` breaks off in the words of a sentence it
    began after one it ended (``“…希望早点建好。”家住`` / ``拱墅区某小区的张女士说。``): no title
    holds a sentence's end, and a paragraph does not end in the middle of its words, so a
    column break cut it, wherever the page shows no other (the model, on such a page, read
    the two as paragraphs). Not where the words after the sentence name its author
    (``…的效率。本报记者  杨欢``), nor where this line is itself short and open (a title)."""
    before, unit = units[index - 1], units[index]
    last = before.text[-1:]
    if not (last.isspace() or is_cjk(last)) or before.kind != "text" or unit.kind != "text":
        return False  # (most lines end in a mark: asked first, it is the cheapest answer)
    left, right = before.text.rstrip(), unit.text.lstrip()
    if not (left and right and is_cjk(left[-1]) and is_cjk(right[0])):
        return False
    stop = max(left.rfind("。"), left.rfind("！"), left.rfind("？"))
    if stop <= 0:
        return False
    fragment = left[stop + 1 :].lstrip("”’」』）)")
    if not 2 <= len(fragment) <= 24 or not all(map(is_cjk, fragment)):
        return False  # (a space in it: names, ``本报记者  杨欢``)
    if has_label(fragment) or fragment.endswith(_CREDIT_ENDS):
        return False  # 本报记者杨欢, 新华社记者王五摄: the piece's author or its picture's
    return not _title_like(unit)


#: How a picture's credit or a signature ends: ``王五摄``, ``受访者供图``, ``张三文``.
_CREDIT_ENDS = ("摄", "供图", "图", "文", "作", "报道")


def _opens_a_paragraph(unit: Line) -> bool:
    """Whether a text line opens as a paragraph does (:data:`_PARAGRAPH_OPENING_RE`): the
    model, weighing a break after a line with no sentence end (a subhead, a story's lead),
    at times read it as the rest of that line's paragraph."""
    return unit.kind == "text" and _PARAGRAPH_OPENING_RE.match(unit.text) is not None


def _describes_the_picture(before: Line, unit: Line) -> bool:
    """Whether a text line opens as a picture's caption does (``图为游客在花海中拍照留念。``)
    after a line that ends its sentence: never the rest of that line's paragraph (the model
    at times joined a photo story's caption to its last paragraph)."""
    return (
        unit.kind == "text" and _PICTURE_OPENING_RE.match(unit.text) is not None and ends_sentence(before.text.rstrip())
    )


#: How a caption in a story's text opens (:data:`.text.PICTURE_WORDS`, either script).
_PICTURE_OPENING_RE = cre("^(?:" + "|".join(PICTURE_WORDS) + ")")


def _splits_a_mark(left: str, right: str) -> bool:
    """Whether a break cuts a two-character mark in half (``……`` or ``——``: an odd run
    of ``…`` ends the line before and an odd run starts the line after)."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or left[-1] != right[0] or left[-1] not in "…—":
        return False
    mark = left[-1]
    return (len(left) - len(left.rstrip(mark))) % 2 == 1 and (len(right) - len(right.lstrip(mark))) % 2 == 1


def _note_label_alone(text: str) -> bool:
    """``编者按`` (``【编者按】``) alone on its line, over the note it labels."""
    label = NOTE_LABEL_RE.match(text.strip())
    return label is not None and label.end() == len(text.strip())


#: A line that is a number alone: ``3``, ``②``, ``三``, ``（二）``.
_ORDINAL_ALONE_RE = cre(
    r"^\s*(?:\d{1,2}|[①-⑳]|[一二三四五六七八九十]{1,3}|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)])\s*$"
)


#: The shortest line ending in a full stop that is never a subhead (:func:`_bounded`).
_SENTENCE_SUBHEAD_MIN = 30


def _bounded(units: list[Line], index: int, label: str) -> str:
    """A line's label within what the line plainly is: a date line is never a title, nor is
    a story's continued text (``（上接第一版）…``); a brief's lead (split off a briefs
    column's ■ item) always heads its brief, and the rest of that line is its text; a box
    label (``相关新闻``, ``■小贴士``) stands alone: neither it nor the line after it goes on
    from the line before, nor does the line under a short title right after it (the box's
    story); a gallery's numbered caption (``图① …``) is never furniture, and a
    line that ends in a picture's credit (``▲…。（记者 王五 摄）``) is a caption, not text.
    A text line that ends in a full stop is never a title: of the 13,600 kickers, headlines
    and subheadlines of the corpus's gold, the fixtures' and the seed's, none does (titles
    end in ！ or ？ at most); the model at times took a story's last sentence over its
    closing byline (``…确保家中安全。`` / ``本报记者 潘高峰``) for a headline. Nor is a
    line holding an e-mail or web address (none of the gold's titles holds one), nor a
    number alone (``3`` over a feature's part ``重逢``), nor an editor's note with its text
    or its signature (``编者按`` alone may title a page's note), nor a picture's credit
    alone on its line or a caption ending in one (the model, which saw few pictures between
    stories, at times took ``书店内景。 受访者供图`` right over a title for its kicker), nor a story's closing line in brackets (``（X参与采写）``), nor a
    package's closing credit (``本期统筹：王 者``, :data:`_PACKAGE_CREDIT_RE`) or a piece's
    signature (``徐 之文``, :data:`_SIGN_OFF_RE`), nor a byline naming reporters
    (``新华每日电讯记者 周七``). A line of 40 characters or more that
    ends a sentence is text, never set apart from the stories, and one of 30 or more ending
    in a full stop is no subhead (a brief's sentences over its credit were one)."""
    unit = units[index]
    if label == "para" and unit.kind == "text":
        return label  # (most lines: no bound below changes a paragraph of text)
    before = units[index - 1] if index else None
    if label in TITLE_LABELS:
        if unit.kind == "date":
            return "other"
        if unit.text[:1] in LEADING_JUMP_STARTS and LEADING_JUMP_RE.match(unit.text):
            return "para"
        if unit.kind == "note-signature" or (unit.kind == "editor-note" and not _note_label_alone(unit.text)):
            return "para"  # 编者按：…, ——编 者: the editor's, never a title (a label alone titles a page's note)
        if unit.kind in ("text", "opening") and _ends_in_full_stop(unit.text):
            return "para"
        if unit.kind == "text" and _ORDINAL_ALONE_RE.match(unit.text):
            return "para"  # 3 / 重逢: a part's number over its subhead (127 in the gold, no title)
        if unit.kind == "text" and _holds_address(unit.text):
            return "para"  # 投稿邮箱：x@y.cn: an address (62 paragraphs of the gold hold one, no title)
        if unit.kind == "byline" and any(person.role in ("reporter", "correspondent") for person in unit.data or ()):
            return "byline"  # 新华每日电讯记者 周七: reporters named, never a title (118 titles of the gold say 记者, none names one)
        if unit.kind == "credit":
            return "credit"  # 新华社发 徐骏 作, 高鸿勋 摄: a picture's credit alone on its line, never a title
        if unit.kind == "caption-credit":
            return "caption"  # 书店内景。 受访者供图: a caption ending in its picture's credit, never a title
        if unit.text[:1] in "（(" and parse_closing(unit.text) is not None:
            return "para"  # （刘礼鹏、丁斐煜参与采写）: a story's closing line (no title of the gold is one)
        if unit.kind == "text" and (_PACKAGE_CREDIT_RE.match(unit.text) or _SIGN_OFF_RE.match(unit.text)):
            return "para"  # 本期统筹：王 者, 徐 之文: closes the package or piece above (no title of the gold is one)
    if (
        label == "subhead"
        and unit.kind == "text"
        and len(unit.text) >= _SENTENCE_SUBHEAD_MIN
        and _ends_in_full_stop(unit.text)
    ):
        return "para"  # ■记者从市交通局获悉，…试运营。（记者 李四）: a brief's sentences, no subhead
    if label == "credit" and unit.kind == "text" and _title_like(unit) and parse_credit(unit.text) is None:
        return "headline"  # 春耕时节农机忙: a title, which credits nobody (the model's guess under a byline)
    if label == "caption" and unit.kind == "byline" and unit.data:
        return "byline"  # 新华社记者 王一 李二: reporters named, no picture described (a credit says 摄)
    if label == "byline" and unit.kind == "opening" and not unit.data.rest:
        return "para"  # 新华社北京4月27日电 alone: a dateline (closing the story, or opening it), no byline
    if unit.kind == "brief-headline":
        return "headline"
    if before is not None and before.kind == "brief-headline" and before.no == unit.no:
        return "para"
    if label == "cont" and (_box_label(unit) or (before is not None and _box_label(before))):
        return "para"
    if label == "cont" and index >= 2 and _box_label(units[index - 2]) and _box_title(before):
        return "para"  # 相关新闻 / 夜跑注意安全 / 专家提醒…: the box's story under its title
    if label == "other" and unit.kind == "text" and FIGURE_LABEL_RE.match(unit.text):
        return "caption"
    if label == "other" and unit.kind == "text" and len(unit.text) >= 40 and ends_sentence(unit.text.rstrip()):
        return "para"  # sentences: of 182,000 such lines in the corpus's gold none is outside a story
    if label in ("para", "cont") and unit.kind == "caption-credit":
        return "caption"
    if label in ("para", "cont", "subhead") and unit.kind == "credit" and _DRAWING_CREDIT_RE.match(unit.text):
        return "credit"  # 漫画：新华社发 朱慧卿 作: a cartoon's credit, its picture of its own (no text of a story)
    return label


#: A drawing's credit with its label (``漫画：新华社发 朱慧卿 作``, ``插图：X``): the picture a
#: text page prints of it has no caption, and no story holds it as its text (none of the
#: corpus's pages prints one; the model, which never saw one, read it as the last paragraph
#: of the story above).
_DRAWING_CREDIT_RE = cre(rf"^(?:{'|'.join(DRAWING_LABELS)})\s*[:：]")


#: A package's closing credit: who put the page's package together (``本期统筹：曹继炜``,
#: ``学术支持：中国科协``). People's Daily prints it as the package's last line, right over
#: the next story's title; the model at times read it as that story's kicker (12 times on the
#: corpus's training pages, extracted; none of the gold's titles is such a line).
_PACKAGE_CREDIT_RE = cre(r"^(?:本期|本版)?(?:统筹|策划|学术支持)[：:]")


#: An e-mail or web address (``rmrbzzb@peopledaily.cn``, ``https://…``, ``www.…``).
_ADDRESS_RE = cre(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.")


def _holds_address(text: str) -> bool:
    """Whether ``text`` holds an e-mail or web address (:data:`_ADDRESS_RE`)."""
    return ("@" in text or "http" in text or "www." in text) and _ADDRESS_RE.search(text) is not None


#: A bracketed note closing a line: ``（记者 孙强）``, ``(新华社)``.
_CLOSING_BRACKETS_RE = cre(r"[（(][^（()）]{1,30}[）)]\s*$")


def _ends_in_full_stop(text: str) -> bool:
    """Whether a line's text ends in a full stop, past its closing marks and a bracketed
    note after it (``…提供社保服务。（记者 孙强）``, a brief's text over its credit) or an
    author's line run on after it (``…开始空载试运行。首席记者 王芳 报道``)."""
    text = text.rstrip()
    if strip_closers(text).endswith("。"):
        return True
    if text[-1:] not in "）)":
        stop = text.rfind("。", max(0, len(text) - 24))
        return stop > 0 and is_author_line(text[stop + 1 :].strip())  # …试运行。首席记者 王芳 报道
    note = _CLOSING_BRACKETS_RE.search(text)
    return note is not None and text[: note.start()].rstrip().endswith("。")


def _box_title(unit: Line | None) -> bool:
    """A short line with no sentence end under a box label: the title of the box's story."""
    return unit is not None and unit.kind == "text" and len(unit.text) <= 20 and not ends_sentence(unit.text.rstrip())


def _box_label(unit: Line) -> bool:
    return unit.kind == "text" and is_box_label(unit.text)


def explain(seg: Segmenter, model: str | None) -> list[LineRole]:
    """Each unit's role with the model's confidence and the features that weighed most
    for it (the rules' reading alone when the page is read without a model), as the
    reader takes them (:func:`model_for`, :func:`page_roles`)."""
    rules = rule_roles(seg)
    role_model = model_for(seg, model)
    if role_model is None:
        return [LineRole(unit.no, unit.text, rule_label(rule), rule) for unit, rule in zip(seg.units, rules)]
    join_words: dict[int, float] = {}
    roles, labels, stack_model = read_roles(seg, role_model, rules, confidence=True, join_words=join_words)
    reasons = [role_model.explain(features, label) for features, label in zip(roles.features, labels)]
    weight = stack_weight(seg.units)
    for first, (_, _, model_odds) in roles.stack_odds.items() if stack_model is not None else ():
        if (labels[first], labels[first + 1]) not in (("kicker", "headline"), ("headline", "subheadline")):
            continue
        words = weight * stack_model.kicker_odds(seg.units[first].text, seg.units[first + 1].text)
        weighed = [
            ("stack: role model, kicker over headline", model_odds),
            ("stack: words, kicker over headline", words),
        ]
        reasons[first] = weighed + reasons[first]
        reasons[first + 1] = weighed + reasons[first + 1]
    for index, words in join_words.items():
        reasons[index] = [
            ("join: role model, paragraph goes on", roles.join_odds[index][1]),
            ("join: words, paragraph goes on", words),
            *reasons[index],
        ]
    return [
        LineRole(unit.no, unit.text, label, rule, confidence, why)
        for unit, label, rule, confidence, why in zip(seg.units, labels, rules, roles.confidence, reasons)
    ]
