"""In-body subheads printed alike: a story's subheads share a form, which tells them from text.

A story's subheads (小标题) are often printed in one form: a short label and a colon
(``影响：…`` / ``应对：…``), a speaker's office and name and a colon (``某法院院长陈海仪：让法治…``),
or a phrase, a dash and a phrase (``市场放大器——从挣几天钱，到盼一季的生意``). Extracted
from a PDF, a subhead is a line of its own between blank lines, as is the first piece of a
paragraph a column break cut (``本次活动`` / ``由文化和旅游部…``): the role model, weighing the
characters either side of the break, sometimes joins a subhead to the paragraph under it.
When two lines of a story open paragraphs in the same form with different labels, and
neither ends as a sentence does, each is a subhead; the paragraph under it starts there.

Q&A text repeats its speakers' labels (``记者：`` … ``记者：``) and a piece of a cut
answer may end without a mark: labels that repeat or name an interviewer are no form.
"""

from __future__ import annotations

from bisect import bisect_left

from ..regex_cache import regex
from .alignment import TITLE_LABELS
from .lines import Line
from .text import ends_paragraph

#: The longest line taken for a subhead of a form (a speaker's office, name and phrase).
_LONGEST = 48
#: A label and its colon opening a line: ``影响：``, ``某院院长陈海仪：`` (no clause mark in it).
_LABEL_RE = regex(r"^(?P<label>[^，,。；;！？!?“”\"：:\s]{2,24})[：:](?=\S)")
#: A phrase, a dash, a phrase: ``煤化工——从“燃料”到“原料”的价值跃升``.
_DASH_RE = regex(r"^[^，,。；;！？!?—\u2015]{2,20}(?:——|\u2015\u2015)\S")
#: Labels of a Q&A's speakers, never a subhead's form.
_SPEAKER_WORDS = ("记者", "问", "答", "主持人", "时报", "日报", "本报", "编者", "嘉宾")


def _form(text: str) -> tuple[str, str] | None:
    """The form of a line as a subhead (``("colon", label)`` or ``("dash", text)``), or None:
    not a line that ends as a sentence does, holds a second colon, or opens a quotation it
    does not close (``总书记说：“党中央…`` is a sentence a column cut)."""
    if len(text) > _LONGEST or ends_paragraph(text) or text.count("“") != text.count("”"):
        return None
    label = _LABEL_RE.match(text)
    if label:
        word = label.group("label")
        rest = text[label.end() :]
        if any(speaker in word for speaker in _SPEAKER_WORDS) or rest[:1] in _QUOTES or ":" in rest or "：" in rest:
            return None
        return ("colon", word)
    if _DASH_RE.match(text):
        return ("dash", text)
    return None


_QUOTES = frozenset('“「『"‘')


def part_subheads_of_a_form(units: list[Line], labels: list[str]) -> None:
    """Part a subhead from the paragraph under it where the story prints another subhead in
    its form (``labels`` changed in place: the line under it opens a paragraph)."""
    # the body lines holding what each form needs, a colon or a dash (tested in line: a call
    # for each body line cost more than its test)
    marked = [
        index
        for index, label in enumerate(labels)
        if label in _BODY
        and ("：" in (text := units[index].text) or ":" in text or "——" in text or "\u2015\u2015" in text)
    ]
    if len(marked) < 2:
        return  # (most pages: a form needs two lines with a colon or a dash)
    titles = [index for index, label in enumerate(labels) if label in TITLE_LABELS]
    stories: dict[int, list[int]] = {}
    for index in marked:
        stories.setdefault(bisect_left(titles, index), []).append(index)
    for story, lines in stories.items():
        if len(lines) > 1:
            start = titles[story - 1] + 1 if story else 0
            end = titles[story] if story < len(titles) else len(labels)
            _story(units, labels, start, end, lines)


_BODY = frozenset({"para", "subhead", "cont"})


def _story(units: list[Line], labels: list[str], start: int, end: int, marked: list[int]) -> None:
    """The subheads of one story (lines ``start`` to ``end``; ``marked``: its body lines that
    hold a colon or a dash)."""
    speakers: dict[str, int] = {}  # how often each label opens a line of the story
    for index in marked:
        if label := _LABEL_RE.match(units[index].text.strip()):
            speakers[label.group("label")] = speakers.get(label.group("label"), 0) + 1
    forms: dict[str, dict[str, list[int]]] = {}
    for index in marked:
        if (
            labels[index] in ("para", "subhead")
            and units[index].kind == "text"
            and (
                index == start
                or labels[index - 1] not in ("para", "cont")
                or ends_paragraph(units[index - 1].text.rstrip())
            )  # (a line going on from the paragraph above opens none)
            and (form := _form(units[index].text.strip())) is not None
            and speakers.get(form[1], 0) <= 1
        ):
            forms.setdefault(form[0], {}).setdefault(form[1], []).append(index)
    for by_label in forms.values():
        if len(by_label) < 2 or any(len(places) > 1 for places in by_label.values()):
            continue  # one line of the form, or a label printed again (a Q&A's speakers)
        for (index,) in by_label.values():
            if index + 1 < end and labels[index + 1] == "cont":
                labels[index + 1] = "para"
