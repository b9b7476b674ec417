"""Pieces signed by their writers, once the role model has read a page: a long piece signed
under its title is a story of its own (:func:`signed_pieces`), a stack of title lines over
its writer's bare name is the piece's stack over its byline, a piece signed at its end
(``徐 之文``, :data:`SIGN_OFF_RE`) ends there, and a title signed with a pen name
(``（钟声）``) heads its piece. Each is a named rule; :func:`.roles.page_roles` asks them with
the other story borders (:mod:`.story_starts`). Each changes the labels in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alignment import TITLE_LABELS
from .headlines import is_numbered_subhead
from .people import COMPOUND_SURNAMES, common_name
from .story_lines import TITLE_LIKE_MAX, bare_names, more_parts, stack_roles, title_like
from .text import cre, ends_paragraph, is_cjk

if TYPE_CHECKING:
    from .lines import Line
    from .stack_words import StackModel


#: A piece signed at its end with its author's name, spaced, and ``文`` (``徐 之文``,
#: ``常 晋文``: by 徐之, by 常晋), as People's Daily signs the verse and essays of its
#: commentary page: the piece ends there. None of the 59 such lines of the training pages'
#: gold is a title (the model read one as a headline).
SIGN_OFF_RE = cre(r"^\s*[\u4e00-\u9fff]{1,2} [\u4e00-\u9fff]{1,2}文\s*$")


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
    """A line that signs a piece under its title: names alone (:func:`.story_lines.bare_names`) or a
    name of a two-character surname (``欧阳日辉``). (Not an office and a name, ``山东省委书记
    林武``: People's Daily's records keep the pieces so signed on its theory pages as one
    package's parts — on its training pages 5 such titles read as the gold's headlines and
    18 as parts.)"""
    if bare_names(unit):
        return "记者" not in unit.text  # (``报记者 杨欢``: a cut byline's label, no name)
    text = unit.text.strip()
    return unit.kind == "text" and len(text) == 4 and text[:2] in COMPOUND_SURNAMES and all(map(is_cjk, text))


def signed_pieces(units: list[Line], labels: list[str]) -> None:
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
        and title_like(units[index])
        and _signature_line(units[index + 1])
        and len(units[index].text.strip()) >= 4
        and not is_numbered_subhead(units[index].text.lstrip())
        and not units[index].text.rstrip().endswith(("—", "-", "－", "\u2015"))
        and not units[index + 1].text.lstrip().startswith("第")
        and "".join(units[index + 1].text.split()) not in _HEADING_WORDS
    ]
    for order, index in enumerate(starts):
        end = starts[order + 1] if order + 1 < len(starts) else n
        if _runs_to(units, labels, index + 2, PIECE_MIN_CHARACTERS, stop=end):
            labels[index], labels[index + 1] = "headline", "byline"


def stacks_over_a_signature(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A stack of two or three title lines over its author's bare name (``深入学习贯彻…`` /
    ``坚持以人民为中心的发展思想`` / ``王  浩``) is the piece's kicker and headline (or headline and
    subheadline) over its byline, where the model began a story in the stack, or at the
    page's top, or, under a story's last paragraph, over a piece as long as
    :func:`signed_pieces` asks (which reads one title over the name). The model, which
    learned most signed pieces with one title, took the second line for a paragraph and the
    name for another (a subhead once the story was built), left the stack's first line in
    the story above (under its closing line, ``（作者单位：…）``), or ran the whole piece into
    the story above. Not a numbered or dashed line (a section's heading), and the line over
    the stack ends a paragraph (not a paragraph's first piece, which a column break cut)."""
    n = len(labels)
    short = [index for index in range(1, n - 1) if len(units[index].text) <= _NAMES_LINE_MAX]
    for index in short:  # (the length first: most lines are longer than a line of names)
        if labels[index + 1] not in ("para", "cont") or not _a_writers_name(units[index]):
            continue
        top = index
        while (
            top > 0
            and index - top < 3
            and labels[top - 1] in ("para", "subhead", "headline", "kicker")
            and title_like(units[top - 1])
            and not _signature_line(units[top - 1])
            and not _short_spaced_line(units[top - 1])  # (the piece above's signature: ``徐 之文``)
            and not is_numbered_subhead(units[top - 1].text.lstrip())
            and not units[top - 1].text.rstrip().endswith(("—", "-", "－"))
        ):
            top -= 1
        run = index - top
        if run < 2 or labels[top : index + 1] == [*stack_roles(units, top, run, stack_model), "byline"]:
            continue
        above = units[top - 1] if top > 0 else None
        if above is not None and (labels[top - 1] in TITLE_LABELS or not ends_paragraph(above.text.rstrip())):
            continue
        if units[top].text.rstrip().endswith(("）", ")")) or len(units[top].text.strip()) <= 4:
            # (麦香里的新品种（经济新方位）: a headline tagged with its column, over a package's part;
            # 纵横: a column's name, which People's Daily's records keep as the piece's headline)
            continue
        if labels[top] in TITLE_LABELS:
            if labels[index] == "byline":
                continue  # (the model's own stack, its roles weighed later: stack_words.weigh_stacks)
        elif any(":" in unit.text or "：" in unit.text for unit in units[top:index]):
            continue  # (本期统筹：X, a package's credit under its last part, is no title)
        elif any(label in ("headline", "kicker") for label in labels[top:index]):
            if above is not None and above.kind != "closing":
                continue  # (a line the model left in the story above, under anything but its closing line, is its)
        elif above is not None and not _runs_to(units, labels, index + 1, PIECE_MIN_CHARACTERS):
            continue
        if more_parts(units, labels, index + 1, signs=_a_writers_name_or_a_byline):
            continue  # (a theory page's package: its parts' titles and names are its paragraphs in the records)
        labels[top:index] = stack_roles(units, top, run, stack_model)
        labels[index] = "byline"


#: The longest line :func:`stacks_over_a_signature` asks whether it names a writer: three
#: names of three characters and the spaces between them (:func:`.story_lines.bare_names`), or one
#: name's two characters spaced to four characters' width.
_NAMES_LINE_MAX = 16

#: Headings printed spaced out like a name over a letter or a document (``回  信``, ``贺  信``).
_LETTER_HEADINGS = frozenset({"回信", "贺信", "贺电", "唁电", "复信", "附件"})


def _a_writers_name(unit: Line) -> bool:
    """A signature line (:func:`_signature_line`) whose names open with common surnames, and
    no heading spaced to a name's width (``回  信``, ``前  言``)."""
    if not _signature_line(unit):
        return False
    joined = "".join(unit.text.split())
    if joined in _HEADING_WORDS or joined in _LETTER_HEADINGS:
        return False
    tokens = unit.text.split()
    names = [joined] if all(len(token) == 1 for token in tokens) else tokens
    return all(common_name(name) for name in names)


def _a_writers_name_or_a_byline(unit: Line) -> bool:
    """A part's signature: a writer's name alone (:func:`_a_writers_name`) or a byline line."""
    return unit.kind == "byline" or _a_writers_name(unit)


def _short_spaced_line(unit: Line) -> bool:
    """A line of four characters at most, spaced out (``徐 之文``, ``常 晋文``): a name, or a
    word set to a name's width, never a title's line."""
    text = unit.text.strip()
    return len("".join(text.split())) <= 4 and any(char.isspace() for char in text)


def _runs_to(units: list[Line], labels: list[str], start: int, size: int, stop: int | None = None) -> bool:
    """Whether a piece's text from ``units[start]`` to the next title (or ``stop``) runs to
    ``size`` characters (counted only so far: a page of such pieces is read in linear time)."""
    count = 0
    for following in range(start, len(labels) if stop is None else stop):
        if labels[following] in TITLE_LABELS:
            return False
        if labels[following] in ("para", "cont", "subhead"):
            count += len(units[following].text)
            if count >= size:
                return True
    return False


def titles_signed_with_a_pen_name(units: list[Line], labels: list[str]) -> None:
    """A title line ending in a bracketed word of two characters (``以大历史观把握中美关系发展方向
    （钟声）``, ``…（和音）``, ``…（社论）``: a commentary's pen name or genre, printed after its
    title), under a paragraph's end or a chart's credit (``制图：王 婷``) and over a paragraph,
    heads a story: a subhead carries no signature. The model read such titles the paragraphs
    under them, with no byline or dateline, as subheads of the story above. On the corpus's
    training pages (People's Daily, extracted) 3 such lines the model left in a story under a
    paragraph's end are headlines of the gold, and the one under a chart's credit (stop 37);
    none of the gold's paragraphs so printed stands there. Not where the bracketed word is in the
    lines around (:data:`_PEN_NAME_WINDOW`): ``西班牙企业拉米（常州）`` / ``新材料科技有限公司总经理…``,
    a paragraph a column break cut after a company's place, which the story names (the tight
    pages' one such line). (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if labels[index] not in ("para", "subhead") or not _pen_named_title(units[index]):
            continue
        if labels[index - 1] not in ("para", "cont") or not _closes_what_is_above(units[index - 1]):
            continue
        if units[index + 1].kind == "text" and labels[index + 1] in ("para", "cont"):
            word = _PEN_NAME_RE.search(units[index].text.strip()).group()[1:-1]  # type: ignore[union-attr]
            around = units[max(0, index - _PEN_NAME_WINDOW) : index] + units[index + 1 : index + 1 + _PEN_NAME_WINDOW]
            if any(word in unit.text for unit in around):
                continue  # (西班牙企业拉米（常州） / 新材料…: a place the story names, a column break after it)
            labels[index] = "headline"
            labels[index + 1] = "para"


def _closes_what_is_above(unit: Line) -> bool:
    """A paragraph's end, or a credit line closing a picture or a chart (``制图：王 婷``)."""
    return unit.kind == "credit" or ends_paragraph(unit.text.rstrip())


#: How many lines above and below a title :func:`titles_signed_with_a_pen_name` looks at for
#: the bracketed word: a writer's pen name is not in the text around it, a place is.
_PEN_NAME_WINDOW = 3

#: A title's bracketed signature of two characters at its end: ``（钟声）``, ``（社论）``.
_PEN_NAME_RE = cre(r"[（(][\u4e00-\u9fff]{2}[）)]$")


def _pen_named_title(unit: Line) -> bool:
    """A text line that is a title (:func:`.story_lines.title_like` before its bracket) and ends in a
    bracketed word of two characters (:data:`_PEN_NAME_RE`)."""
    text = unit.text.strip()
    if unit.kind != "text" or len(text) > TITLE_LIKE_MAX:
        return False
    match = _PEN_NAME_RE.search(text)
    if match is None:
        return False
    title = text[: match.start()].rstrip()
    return len(title) >= 4 and title[-1] not in "，,、：:；;" and not ends_paragraph(title) and "。" not in title
