"""Where a picture printed between two stories, or run into one, ends and a story starts,
once the role model has read a page: a credit line under a dated caption run into a story is
a picture's, no caption stands over its picture's gap, under a byline or at a story's
opening, and the title under a picture's credit heads the next story. Each is a named rule
about how newspapers print pictures; :func:`.roles.page_roles` asks them with the other
story borders (:mod:`.story_starts`). Each changes the labels in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alignment import TITLE_LABELS
from .story_lines import more_parts, title_like
from .text import CAPTION_DATE, cre, ends_paragraph, ends_sentence

if TYPE_CHECKING:
    from .lines import Line


#: A dated picture's caption opening (``4月24日，林果专家在…``). Stricter on purpose than
#: :data:`.photo_regions._CAPTION_START_RE` (a date or a picture word, no comma asked): here
#: nothing but these words and the credit under them sets the caption apart from the story's
#: text it runs into (no gap, no blank line), so the date must open a clause as a caption's does.
_DATED_CAPTION_RE = cre(CAPTION_DATE + "[，,]")
#: How many caption lines a picture run into the story above may have over its credit.
_RUN_IN_CAPTION_LINES = 3


def pictures_run_into_a_story(units: list[Line], labels: list[str]) -> None:
    """A picture printed after a story's end and run into its text (no blank line or wider
    gap around it: ``…质量。`` / ``4月24日，专家在果园指导果农。`` / ``近年来，…`` / ``古一 摄``)
    under a new story's title is a picture: a credit line (``X 摄``) right over a title,
    under sentences the first of which opens as a dated caption does."""
    for index in range(2, len(labels) - 1):
        if units[index].kind != "credit" or labels[index] != "para" or labels[index + 1] not in ("kicker", "headline"):
            continue
        for start in range(index - 1, max(0, index - _RUN_IN_CAPTION_LINES) - 1, -1):
            if labels[start] != "para" or units[start].kind != "text" or not ends_sentence(units[start].text):
                break
            if _DATED_CAPTION_RE.match(units[start].text) and labels[start - 1] in ("para", "cont"):
                labels[start:index] = ["caption"] * (index - start)
                labels[index] = "credit"
                break


def no_caption_before_the_gap(units: list[Line], labels: list[str]) -> None:
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


def no_caption_under_a_byline(units: list[Line], labels: list[str]) -> None:
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


def no_caption_opens_a_story(units: list[Line], labels: list[str]) -> None:
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
        if index and labels[index - 1] in ("caption", "photo-title") and title_like(units[index - 1]):
            labels[index - 1] = "headline"
        index += 1
        while index < n and labels[index] == "caption" and units[index].kind == "text":
            labels[index] = "para"
            index += 1


def headlines_over_a_picture(units: list[Line], labels: list[str]) -> None:
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
            and title_like(units[index])
        ):
            labels[index] = "headline"


def titles_under_a_credit(units: list[Line], labels: list[str]) -> None:
    """A title right under a picture's credit and over a byline line (``记者 李四 摄`` /
    ``地铁5号线全线贯通`` / ``本报记者 王四``) heads the story the byline opens: the model took
    the title for the text of the story above the picture, and the byline for a paragraph.
    Not where the story goes on with other titles over bylines (a package's parts, whose
    titles and bylines People's Daily's records keep as paragraphs, :func:`.story_lines.more_parts`)."""
    for index in [index + 1 for index, label in enumerate(labels[:-3]) if label == "credit"]:
        if (
            labels[index] in ("para", "subhead")
            and units[index + 1].kind == "byline"
            and units[index + 1].data
            and labels[index + 1] in ("para", "subhead", "other")
            and labels[index + 2] == "para"
            and title_like(units[index])
            and not more_parts(units, labels, index + 2)
        ):
            labels[index], labels[index + 1] = "headline", "byline"


def pictures_before_a_story(units: list[Line], labels: list[str]) -> None:
    """A picture between two stories, its caption and credit right over the next story's title
    and byline (``昨天，5号线施工现场。`` / ``记者 陈中秋 摄`` / ``西湖边的樱花开了`` / ``见习记者
    赵一鸣``), is a picture of its own: its credit line is a credit and the sentence over it its
    caption (the title and byline are then :func:`titles_under_a_credit`'s). The model, which
    learned People's Daily's pictures inside stories (whose records keep a caption and credit
    as the story's last paragraphs), read them as the story above goes on, and the next story
    as its subhead and paragraph; a city page sets its pictures between stories. Only where
    the line over the caption ends a story's paragraph (a photo story's title right over its
    caption keeps them as its text, as the records do), and not where the story goes on with other
    titles over bylines (a package's parts, :func:`.story_lines.more_parts`). (Changed in place.)"""
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
            and title_like(units[index + 1])
            and units[index + 2].kind == "byline"
            and units[index + 2].data
            and not more_parts(units, labels, index + 2)
        ):
            labels[index - 1], labels[index] = "caption", "credit"


#: The longest line :func:`pictures_before_a_story` takes for a caption over its credit.
_CAPTION_MAX = 120
