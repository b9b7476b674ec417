"""The role model: each line's role, weighed from its features by a linear-chain CRF.

The hand-written rules (:mod:`.segmenter`, :mod:`.headlines`, :mod:`.body`) give every
line a first reading; :mod:`.features` turns that reading and everything else known of
the line into features; a conditional random field trained on real pages
(:mod:`convert_core.training`) picks the sequence of roles (:data:`LABELS`) that fits the
page best. :func:`page_roles` corrects the model's labels where it cannot tell from what it
learned (:mod:`.print_patterns`, :mod:`.story_starts`: where stories start and end around
their titles and bylines). :func:`apply_roles` then hands the roles back to the segmenter: headline
stacks and their roles, photo captions, and where a paragraph continues after a column
break. The model ships in the package (``reader/models/roles.crfsuite``, with a card);
``--model FILE`` reads with another, ``--model none`` with the rules alone.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..modelfile import read_model
from .alignment import LABELS, PHOTO_LABELS, TITLE_LABELS
from .body import NOTE_LABEL_RE
from .byline_stacks import (
    a_lone_title_in_a_dispatch,
    no_package_in_a_dispatch,
    titles_over_a_reporters_line,
    titles_over_bylines,
    titles_that_ask_over_a_byline,
    titles_where_no_package_goes_on,
)
from .datelines import parse_closing
from .document_items import (
    decree_headings_open_the_text,
    documents_under_their_adoption_note,
    letters_signed_at_their_end,
    notices_head_stories,
    titles_over_an_invitation,
)
from .features import page_features, page_kind, page_rows, rule_roles, unended_share
from .furniture import (
    LEADING_JUMP_RE,
    LEADING_JUMP_STARTS,
)  # (imported once: an import in _bounded ran for every line)
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
from .people import DRAWING_LABELS, has_label, parse_credit
from .pictures_between_stories import (
    headlines_over_a_picture,
    no_caption_before_the_gap,
    no_caption_opens_a_story,
    no_caption_under_a_byline,
    pictures_before_a_story,
    pictures_run_into_a_story,
    titles_under_a_credit,
)
from .print_patterns import correct_print_patterns
from .quote_speakers import speakers_go_on_their_quotes
from .signatures import (
    SIGN_OFF_RE,
    signed_pieces,
    stacks_over_a_signature,
    titles_signed_with_a_pen_name,
)
from .stack_words import (
    StackModel,
    adverbial_kickers,
    analysis_headlines,
    announcing_kickers,
    clause_stacks,
    continuing_subtitles,
    genre_subtitles,
    model_beside,
    shipped_model,
    stack_candidates,
    stack_weight,
    tagged_headlines,
    tour_leg_kickers,
    weigh_stacks,
)
from .story_ends import commentaries_head_stories, kickers_left_over_a_headline
from .story_lines import (
    bare_names,
    ends_in_full_stop,
    name_and_affiliation,
    opens_a_paragraph,
    signature_line,
    title_like,
)
from .story_starts import (
    a_lone_brief_is_a_story,
    a_title_line_over_a_headline,
    no_column_over_a_news_story,
    no_stray_title_over_a_headline,
    regional_feature_titles,
    stories_after_a_jump,
    titles_opening_stories,
)
from .subhead_forms import part_subheads_of_a_form
from .text import (
    FIGURE_LABEL_RE,
    PICTURE_WORDS,
    cre,
    ends_paragraph,
    ends_sentence,
    is_box_label,
    is_cjk,
    leaves_open,
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
    with it (:func:`.stack_words.model_beside`), else none. Hard-wrapped text, read by the
    PDF model, is weighed by the shipped one too: the PDF model alone read the seed
    hard-wrapped with two of its stacks the wrong way round."""
    if model.path in (DEFAULT_MODEL, PDF_MODEL):
        return shipped_model()
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
    title over a headline tops its stack, :func:`no_stray_title_over_a_headline`); a paragraph
    after a line that breaks off inside a quote or in the middle of a ``……`` goes on from
    it, :func:`_cut_open`, as does one after a paragraph's opening cut mid-word,
    :func:`_cut_opening`, and a line that opens as a paragraph does starts one,
    :func:`.story_lines.opens_a_paragraph`; names alone under a title are its byline, :func:`bare_names`;
    around pictures, a story's text is not taken for a caption, :func:`no_caption_before_the_gap`,
    :func:`no_caption_under_a_byline`,
    :func:`no_caption_opens_a_story`, and a title over a picture or under its credit heads the
    story that follows, :func:`headlines_over_a_picture`, :func:`titles_under_a_credit`;
    a title under a closing dateline or a piece's signature, or over a dateline inside a
    story that opened with one, heads a story of its own, :func:`titles_opening_stories`, as
    does a title led by its place's name set apart (``重庆奉节 小眼镜撑起大产业…``),
    :func:`.story_starts.regional_feature_titles`,
    as does, unless the page is ``hard_wrapped``, a long essay signed under its title,
    :func:`signed_pieces`; a reader's letter ends at its signature, and a notice, an order's
    heading under its regulation's title and a document under its adoption note start items of
    their own (:mod:`.document_items`); a title line left over a headline as the paragraph above
    is its kicker, :func:`.story_starts.a_title_line_over_a_headline`, as is a title line left over a headline that
    runs on into it or stands under a sign-off, and a commentary signed by the paper's voice heads a story
    (:mod:`.story_ends`); a second title over a byline stays in the stack,
    :func:`titles_over_bylines`; a piece's signature under its title is its byline,
    :func:`signatures_under_titles`; then made :func:`consistent`. Given the role model's ``stack_odds``
    (:attr:`Roles.stack_odds`) and a ``stack_model`` (:func:`stack_model_for`), two-line
    title stacks are weighed by their words too (:func:`.stack_words.weigh_stacks`; a genre's
    or an interview's subtitle is a subheadline whatever the odds, :func:`.stack_words.genre_subtitles`, and a
    title closed by its column's tag the headline, :func:`.stack_words.tagged_headlines`, and a title only
    announcing a document or an action by its kind a kicker, :func:`.stack_words.announcing_kickers`, as is one
    naming a leg of a competition's tour, :func:`.stack_words.tour_leg_kickers`; a line of three
    clauses is no headline over one of fewer, :func:`.stack_words.clause_stacks`), and
    given ``join_odds`` (:attr:`Roles.join_odds`) and a ``join_model``
    (:func:`join_model_for`), the breaks between body lines (:func:`.join_words.weigh_joins`;
    ``join_words``, when given, gets the words' weighted odds of each break weighed), and a
    story's subheads printed in one form are parted from the paragraphs under them
    (:func:`.subhead_forms.part_subheads_of_a_form`). Last,
    a line describing the picture over it opens a paragraph (:func:`_describes_the_picture`),
    a picture run into a story's text over the next title is a picture
    (:func:`.pictures_between_stories.pictures_run_into_a_story`),
    and a paragraph a picture cut in two goes on past it (:func:`_paragraphs_cut_by_a_picture`)."""
    bounded = [
        label if label == "para" and units[index].kind == "text" else _bounded(units, index, label)
        for index, label in enumerate(labels)
    ]  # (_bounded's first test written out: most lines are text the model reads as paragraphs)
    correct_print_patterns(units, bounded)
    if "other" in bounded or "caption" in bounded:
        no_stray_title_over_a_headline(units, bounded)
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
        elif bounded[index] == "cont" and opens_a_paragraph(units[index]):
            bounded[index] = "para"
        elif (
            bounded[index] in TITLE_LABELS
            and bounded[index - 1] in TITLE_LABELS
            and (bare_names(units[index]) or name_and_affiliation(units[index]))
        ):
            bounded[index] = "byline"
    if "caption" in bounded or "photo-title" in bounded:  # (most pages have no picture)
        no_caption_before_the_gap(units, bounded)
        no_caption_under_a_byline(units, bounded)
        no_caption_opens_a_story(units, bounded)
        headlines_over_a_picture(units, bounded)
    pictures_before_a_story(units, bounded)
    if "credit" in bounded:
        titles_under_a_credit(units, bounded)
    titles_opening_stories(units, bounded)
    regional_feature_titles(units, bounded)
    if not hard_wrapped:  # (a hard-wrapped page's lines are no titles and signatures of their own)
        signed_pieces(units, bounded)
        stacks_over_a_signature(units, bounded, stack_model)
    if "headline" in bounded:
        titles_over_bylines(units, bounded)
    titles_over_a_reporters_line(units, bounded, stack_model)
    titles_where_no_package_goes_on(units, bounded, stack_model)
    no_package_in_a_dispatch(units, bounded, stack_model)
    a_lone_title_in_a_dispatch(units, bounded, stack_model)
    titles_that_ask_over_a_byline(units, bounded, stack_model)
    titles_signed_with_a_pen_name(units, bounded)
    letters_signed_at_their_end(units, bounded)
    notices_head_stories(units, bounded)
    decree_headings_open_the_text(units, bounded)
    documents_under_their_adoption_note(units, bounded)
    titles_over_an_invitation(units, bounded)
    stories_after_a_jump(units, bounded, stack_model)
    a_lone_brief_is_a_story(units, bounded, stack_model)
    a_title_line_over_a_headline(units, bounded, stack_model)
    kickers_left_over_a_headline(units, bounded)
    commentaries_head_stories(units, bounded)
    if "column" in bounded:
        no_column_over_a_news_story(units, bounded)
    signatures_under_titles(units, bounded)
    labels = consistent(bounded)
    if stack_odds and stack_model is not None:
        weigh_stacks(units, labels, stack_odds, stack_model)
    if "subheadline" in labels:
        announcing_kickers(units, labels)  # (…印发意见 over a title is its kicker, whatever the odds)
        tour_leg_kickers(units, labels)  # (so is …世界杯马德里站)
        adverbial_kickers(units, labels)  # (and …之际, 针对…问题: an adverbial alone states nothing)
        analysis_headlines(units, labels)  # (从…看…, 三个视角看…: an analysis's own title is the headline)
    if "kicker" in labels:
        genre_subtitles(units, labels)  # (…侧记 under a title is its subheadline, whatever the odds)
        tagged_headlines(units, labels)  # (a title closed by its column's tag is the headline)
        continuing_subtitles(units, labels)  # (已…, 同比…: a line going on from the one over it adds a detail)
    if "kicker" in labels or "subheadline" in labels:
        clause_stacks(units, labels)  # (a title line of three clauses is no headline over one of fewer)
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
    pictures_run_into_a_story(units, labels)
    if "caption" in labels or "credit" in labels:
        _paragraphs_cut_by_a_picture(units, labels)
    return labels


def signatures_under_titles(units: list[Line], labels: list[str]) -> None:
    """Read a title line under another title that signs the piece (:func:`.story_lines.signature_line`:
    ``中央组织部部长  石泰峰``, ``…集团有限公司党组``) as its byline: the model, or a rule that made
    the two lines a stack, took it for the headline and the title over it for a kicker. Not
    over a dated opening (``本报北京7月22日电 …``): a signed piece has none, and a news story's
    headline wrapped before its last words (``中国科学院设立全球`` / ``文明比较研究院``) may end as an
    institution does. After the rules that make stacks, so that none makes it a title again.
    Changes ``labels`` in place."""
    for index in range(1, len(labels)):
        if (
            labels[index] in TITLE_LABELS
            and labels[index - 1] in TITLE_LABELS
            and signature_line(units[index])
            and not (index + 1 < len(units) and units[index + 1].kind == "opening")
        ):
            labels[index] = "byline"


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
        if label != "para" or units[index].kind != "text" or opens_a_paragraph(units[index]):
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
    (:data:`.story_lines.PARAGRAPH_OPENING_RE`, ``近日，一名日本学生在国际学校了解到``), so it is no
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
        and opens_a_paragraph(before)
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
    return not title_like(unit)


#: How a picture's credit or a signature ends: ``王五摄``, ``受访者供图``, ``张三文``.
_CREDIT_ENDS = ("摄", "供图", "图", "文", "作", "报道")


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
    if not left or not right or left[-1] != right[0] or left[-1] not in "…—\u2015":
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
    signature (``徐 之文``, :data:`SIGN_OFF_RE`), nor a byline naming reporters
    (``新华每日电讯记者 周七``). A line of 40 characters or more that
    ends a sentence is text, never set apart from the stories, and one of 30 or more ending
    in a full stop is no subhead (a brief's sentences over its credit were one), nor is a chart's
    source note (``资料来源：…``, :data:`_SOURCE_NOTE_RE`) a title or a subhead."""
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
        if unit.kind in ("text", "opening") and ends_in_full_stop(unit.text):
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
        if unit.kind == "text" and (_PACKAGE_CREDIT_RE.match(unit.text) or SIGN_OFF_RE.match(unit.text)):
            return "para"  # 本期统筹：王 者, 徐 之文: closes the package or piece above (no title of the gold is one)
    if (label in TITLE_LABELS or label == "subhead") and unit.kind == "text" and _SOURCE_NOTE_RE.match(unit.text):
        return (
            "para"  # 资料来源：…: a chart's source note closes the piece above (153 paragraphs of the gold, no title)
        )
    if (
        label == "subhead"
        and unit.kind == "text"
        and len(unit.text) >= _SENTENCE_SUBHEAD_MIN
        and ends_in_full_stop(unit.text)
    ):
        return "para"  # ■记者从市交通局获悉，…试运营。（记者 李四）: a brief's sentences, no subhead
    if label == "credit" and unit.kind == "text" and title_like(unit) and parse_credit(unit.text) is None:
        return "headline"  # 春耕时节农机忙: a title, which credits nobody (the model's guess under a byline)
    if label == "caption" and unit.kind == "byline" and unit.data:
        return "byline"  # 新华社记者 王一 李二: reporters named, no picture described (a credit says 摄)
    if label == "byline" and (
        (unit.kind == "opening" and not unit.data.rest)
        or (unit.kind == "closing" and unit.data.dateline is not None and not unit.data.bylines)
    ):
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


#: A chart's or a table's source note (``资料来源：国家统计局``, ``数据来源：…``): the last line of
#: the piece it belongs to, printed under the chart, right over the next story's title at
#: times; the model read one as that story's headline. None of the gold's titles is one.
_SOURCE_NOTE_RE = cre(r"^(?:资料|数据|信息)来源\s*[：:]")


#: An e-mail or web address (``rmrbzzb@peopledaily.cn``, ``https://…``, ``www.…``).
_ADDRESS_RE = cre(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.")


def _holds_address(text: str) -> bool:
    """Whether ``text`` holds an e-mail or web address (:data:`_ADDRESS_RE`)."""
    return ("@" in text or "http" in text or "www." in text) and _ADDRESS_RE.search(text) is not None


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
