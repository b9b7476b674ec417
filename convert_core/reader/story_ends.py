"""Where a story ends: lines the role model left as a story's last paragraph that print shows
belong to what follows it (stop 36). :func:`.roles.page_roles` asks these after the rules of
:mod:`.story_starts`; each changes the labels in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .document_items import a_letters_signature
from .people import STANDALONE_LABELS
from .story_lines import title_like
from .text import ends_paragraph

if TYPE_CHECKING:
    from .lines import Line

#: The longest line :func:`runs_on_into_a_title` takes for a kicker.
_RUN_ON_KICKER_MAX = 30

#: Dashes a title line runs on into the line under it with (``——``, and the horizontal bar as a
#: GB2312 table decodes it, ``――``).
_RUN_ON_DASHES = ("——", "――")

#: How an enumeration left open ends (``…碳酸饮料……``).
_OPEN_ENUMERATION = ("……", "…")

#: Marks that end or part a sentence: a line holding one is no kicker of :func:`runs_on_into_a_title`.
_SENTENCE_MARKS = "。！？；!?;"


def runs_on_into_a_title(text: str) -> bool:
    """A title line that runs on into the title under it: at a dash
    (``中国选手商春松再夺跑酷世界杯冠军——`` over ``一次次跳跃中，“跑”出精彩人生``), or an
    enumeration left open (``手机、充电宝、老花镜、碳酸饮料……`` over ``天热了，这些物品别留在车里``;
    no clause comma: ``…，唐山奔向新的远方……`` ends a sentence). Short, no sentence in it, not
    a signature or an editor's note's sign-off (``——编 者``, ``——孙 华``: a dash first)."""
    text = text.strip()
    if not 4 < len(text) <= _RUN_ON_KICKER_MAX or any(mark in text for mark in _SENTENCE_MARKS):
        return False
    if text.endswith(_RUN_ON_DASHES):
        return not text.startswith(_RUN_ON_DASHES)
    return text.endswith(_OPEN_ENUMERATION) and "、" in text and not any(mark in text for mark in "，,：:")


def kickers_left_over_a_headline(units: list[Line], labels: list[str]) -> None:
    """A title line right over a headline that the model left as the last paragraph of the
    story above is that headline's kicker where print shows the story above ended: the line
    runs on into the headline at a dash or an open enumeration (:func:`runs_on_into_a_title`)
    under a paragraph's end (a paragraph never ends in a dash with a title under it), or it is
    a title (:func:`.story_lines.title_like`) under a line that signs off the piece above — a
    reader's letter's signature (``河南周口市 梁 峰``, :func:`.document_items.a_letters_signature`)
    or an editor's note's (``——编 者``). The model found the next story's headline and byline
    (``新人培养体系“三轮驱动”——`` / ``为电影“新力量”搭建舞台`` / ``朱 柚``) but kept its kicker in
    the story above: one paragraph too many there, a kicker missing under it. (Changed in place.)"""
    for index in range(1, len(labels) - 1):
        if labels[index] != "para" or labels[index + 1] != "headline" or units[index].kind != "text":
            continue
        if labels[index - 1] not in ("para", "cont"):
            continue
        above = units[index - 1]
        if (runs_on_into_a_title(units[index].text) and ends_paragraph(above.text.rstrip())) or (
            title_like(units[index]) and _signs_off(above)
        ):
            labels[index] = "kicker"


def _signs_off(unit: Line) -> bool:
    """A line that signs off the piece over it: a reader's letter's signature, or an editor's
    note's (``——编 者``)."""
    return unit.kind == "note-signature" or a_letters_signature(unit)


def commentaries_head_stories(units: list[Line], labels: list[str]) -> None:
    """A commentary signed by the paper's voice (``本报评论员``, ``新华社评论员``, ``本报编辑部``:
    :data:`.people.STANDALONE_LABELS`) under its title, both left by the model in the story
    above as its paragraphs (``…（中央组织部负责人答记者问见第四版）`` / ``更好地提高新发展党员质量`` /
    ``本报评论员``), heads a story of its own: an editorial is never a part of another story.
    The title is one line, or a headline over its subtitle opened by a dash (``——论学习贯彻…``),
    under a line that ends a paragraph or closes the story above in brackets. On the corpus's
    training pages every such signature under a title (40) is a story's byline in the gold.
    (Changed in place.)"""
    for index in range(2, len(units)):
        if labels[index] not in ("para", "subhead", "other") or not _an_editorial_voice(units[index]):
            continue
        top = index - 1
        if labels[top] not in ("para", "subhead") or not title_like(units[top]):
            continue
        roles = ["headline"]
        if units[top].text.lstrip().startswith(_RUN_ON_DASHES) and index >= 3 and title_like(units[top - 1]):
            top -= 1  # 更实举措加强基础研究 / ——论学习贯彻…: the headline over its subtitle
            roles = ["headline", "subheadline"]
        above = units[top - 1].text.rstrip()
        if labels[top - 1] in ("para", "cont") and (ends_paragraph(above) or above.endswith(("）", ")"))):
            labels[top:index] = roles
            labels[index] = "byline"


def _an_editorial_voice(unit: Line) -> bool:
    """A byline line signed by the paper's voice alone (``本报评论员``)."""
    return unit.kind == "byline" and bool(unit.data) and all(person.name in STANDALONE_LABELS for person in unit.data)
