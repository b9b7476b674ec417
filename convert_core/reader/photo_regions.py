"""The page's photo regions: caption lines grouped with the credit that closes them
(:meth:`PhotoRegions.find_photos`, the second step of :class:`.segmenter.Segmenter`), and
the photos and figures a region makes when the page's items are built
(:meth:`PhotoRegions._photos`, :meth:`PhotoRegions._figures`).

:class:`PhotoRegions` is a part of :class:`.segmenter.Segmenter`, which it is mixed into:
its methods read the segmenter's units and fill its :attr:`photos` and :attr:`in_photo`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Contributor, Figure, Photo
from .headlines import has_clause_marks, headline_like
from .layout_roles import after_picture, caption_block_more, caption_type, story_text, title_evidence, unpictured
from .lines import Line
from .text import (
    BULLETS,
    CAPTION_DATE,
    FIGURE_LABEL_RE,
    PICTURE_WORDS,
    cre,
    ends_paragraph,
    ends_sentence,
    join_glue,
    visible_length,
)

CAPTION_MARKS = "▲△▶►"
#: An uncredited caption's opening: a date or a picture word (``10月8日早高峰，…``, ``图为…``).
#: Looser on purpose than :data:`.pictures_between_stories._DATED_CAPTION_RE` (a date and a
#: comma): it is asked only of a short sentence after a picture's extra blank lines, which set
#: it apart.
_CAPTION_START_RE = cre(r"^(?:" + CAPTION_DATE + "|" + "|".join(PICTURE_WORDS) + ")")


@dataclass
class PhotoRegion:
    """Caption lines and the credit that closes them (indexes into the units)."""

    first: int
    last: int
    credits: list[Contributor]
    credit_text: str
    caption_tail: str | None  # the caption text before a credit on the same line
    has_credit_line: bool = True  # False: an uncredited caption (▲ …, or after extra blank lines)
    trailer: list[str] = field(default_factory=list)  # layout: lines after the credit, more of it


class PhotoRegions:
    """The segmenter's steps and helpers for photo regions (mixed into
    :class:`.segmenter.Segmenter`)."""

    units: list[Line]
    photos: dict[int, PhotoRegion]  # first unit of a region -> the region
    in_photo: set[int]  # the units of every region
    base_gap: int

    def find_photos(self) -> None:
        """Group caption lines with the credit line that closes them."""
        units = self.units
        for index, unit in enumerate(units):
            if unit.kind not in ("credit", "caption-credit") or index in self.in_photo:
                continue
            if unit.kind == "caption-credit":
                head, credit_text, credits = unit.data
                first = self._caption_start(index, include_self=True)
                region = PhotoRegion(first, index, credits, credit_text, head)
            else:
                first = self._caption_start(index, include_self=False)
                region = PhotoRegion(first, index, unit.data, unit.text, None)
            if unpictured(units[region.first : region.last + 1]):
                unit.kind, unit.data = "text", None  # layout: no picture above, so no caption; printed text
                continue
            if unit.kind == "credit" and self._credit_closes_text(region):
                unit.kind, unit.data = "text", None  # layout: 以上图片均为X摄 at the end of the story's text
                continue
            # a photo heading (图片新闻) right above belongs to the picture (an e-paper
            # date line may sit between them); so does a gallery's own title
            above = region.first - 1
            while above >= 0 and units[above].kind == "date" and above not in self.in_photo:
                above -= 1
            if above >= 0 and above not in self.in_photo:
                if units[above].kind == "photo-heading" and self._picture_story(region.last):
                    units[above].kind = "text"  # layout: a picture story's title, over its photo
                elif units[above].kind == "photo-heading":
                    region.first = above
                elif self._gallery_title(above, region):
                    units[above].kind = "photo-heading"
                    region.first = above
            following = region.last + 1
            while following < len(units) and self._caption_more(following, following - 1):
                region.trailer.append(units[following].text)  # (AI修饰生成素描画 under X供图)
                following += 1
            self.photos[region.first] = region
            self.in_photo.update(range(region.first, following))
        self._find_uncredited_captions()
        for index, unit in enumerate(units[:-1]):
            if (
                unit.kind == "photo-heading"
                and index not in self.in_photo
                and title_evidence(unit)
                and index + 1 not in self.in_photo
                and units[index + 1].kind == "text"
                and not units[index + 1].meta.get("images")
            ):
                unit.kind = "text"  # layout: 图片报道 in title type over text, no picture: a story's title

    def _credit_closes_text(self, region: PhotoRegion) -> bool:
        """Whether a credit line ends a story's text, not a caption: laid out, the line
        right above it is a paragraph in roman body type (:func:`story_text`) under lines
        in caption type (a gallery's captions under their pictures, the story's text under
        them, 以上图片均为X摄 closing it)."""
        units = self.units
        above = region.last - 1
        if above <= region.first or not story_text(units[above]):
            return False
        return any(caption_type(units[k]) for k in range(region.first, above))

    def _gallery_title(self, index: int, region: PhotoRegion) -> bool:
        """A short title line over a numbered gallery (``喜看稻菽千重浪`` over ①…④)."""
        units = self.units
        labelled = sum(1 for k in range(region.first, region.last + 1) if FIGURE_LABEL_RE.match(units[k].text))
        unit = units[index]
        return (
            labelled >= 2
            and unit.kind == "text"
            and headline_like(unit.text, max_length=16)
            and not ends_paragraph(unit.text)
        )

    def _find_uncredited_captions(self) -> None:
        """Captions printed without a credit: a line marked ``▲``, or (in PDF text, where
        extra blank lines come before pictures) a short dated sentence after extra blank
        lines (``10月8日早高峰，乘客在地铁云州东站有序换乘。``)."""
        units = self.units
        for index, unit in enumerate(units):
            if unit.kind != "text" or index in self.in_photo:
                continue
            text = unit.text
            marked = text[:1] in CAPTION_MARKS and len(text) > 3
            dated = (
                self.base_gap >= 1
                and unit.strong
                and _CAPTION_START_RE.match(text) is not None
                and ends_sentence(text)
                and visible_length(text) <= 150
            )
            if unit.layout is not None and caption_type(unit):
                pass  # layout: under a picture, in caption type
            elif not (marked or dated or (unit.strong and self._pictured_story_caption(index))):
                continue
            elif after_picture(unit) is False and not marked:
                continue  # layout: no picture above it, so no caption
            last = index
            while (
                last + 1 < len(units)
                and last + 1 not in self.in_photo
                and units[last + 1].kind == "text"
                and caption_block_more(units[last + 1], units[last]) is True
            ):
                last += 1  # layout: the rest of the caption's block (丁文磊绘, 以上图片均为AI生成)
            region = PhotoRegion(index, last, [], "", None, has_credit_line=False)
            following = last + 1
            while (
                following < len(units)
                and following not in self.in_photo
                and self._caption_more(following, following - 1)
            ):
                region.trailer.append(units[following].text)  # layout: 本报记者 X/文 Y/图 under it
                following += 1
            above = index - 1
            if (
                caption_type(unit)
                and above >= 0
                and above not in self.in_photo
                and units[above].kind == "photo-heading"
            ):
                if self._picture_story(last):
                    units[above].kind = "text"  # a picture story's title, over its photo
                else:
                    region.first = above  # 图片报道 over the picture: the photo's own heading
            self.photos[region.first] = region
            self.in_photo.update(range(region.first, following))

    def _caption_more(self, index: int, last: int) -> bool:
        """Layout: the unit at ``index`` is more of the caption whose line ``last`` is, printed
        in caption type in its block or right under it: a line of text (丁文磊绘), a credit
        the rules read as a byline (``本报记者 X/文 Y/图``, in caption type: no story's) or
        a note they read as a story's closing (``（相关报道见第二版）``)."""
        unit = self.units[index]
        return unit.kind in ("text", "byline", "closing") and caption_block_more(unit, self.units[last]) is True

    def _picture_story(self, last: int) -> bool:
        """Layout: the caption ending at ``last`` is followed by a story's text in body
        type, so the photo heading over the picture (``图片报道``) titles that story."""
        following = last + 1
        return following < len(self.units) and story_text(self.units[following]) is True

    def _pictured_story_caption(self, index: int) -> bool:
        """A one-sentence line after extra blank lines in a story whose byline names a
        photographer (``文/X　图/Y``): the caption of that story's picture."""
        unit = self.units[index]
        text = unit.text
        if not (self.base_gap >= 1 and unit.strong and ends_sentence(text) and visible_length(text) <= 40):
            return False
        if any(mark in text[:-1] for mark in "。！？!?"):
            return False
        for k in range(index - 1, max(-1, index - 10), -1):
            other = self.units[k]
            if other.kind == "byline":
                return any(person.role == "photographer" for person in other.data or ())
            if other.kind == "opening":
                return any(person.role == "photographer" for person in other.data.bylines)
        return False

    def _caption_start(self, index: int, *, include_self: bool) -> int:
        """First line of the caption that ends at ``index``.

        Caption paragraphs follow a strong break (extra blank lines before a picture) or a
        numbered label (``图①``, a gallery goes back to its first label); without either,
        the caption is the credit's own line, or the one line before a credit that stands
        alone."""
        units = self.units
        candidate = index if include_self else index - 1

        def usable(k: int) -> bool:
            # the credit's own line counts when the caption ends on it (… 果园里。 古国凡 摄)
            kinds = (
                ("text", "photo-heading", "caption-credit")
                if k == index and include_self
                else ("text", "photo-heading")
            )
            return k >= 0 and k not in self.in_photo and units[k].kind in kinds

        if usable(candidate) and FIGURE_LABEL_RE.match(units[candidate].text):
            k = candidate
            while usable(k - 1) and units[k - 1].kind == "text" and FIGURE_LABEL_RE.match(units[k - 1].text):
                k -= 1
            return k
        if include_self and units[index].strong:
            return index
        # back to a strong break over at most four caption paragraphs: complete sentences
        # or short lines (a chart's title, its 数据来源 note), not much text in all
        lowest = max(0, index - 4)
        k = candidate
        total = 0.0
        while k >= lowest and usable(k):
            unit = units[k]
            total += visible_length(unit.text)
            if total > 320:
                break
            if unit.strong or FIGURE_LABEL_RE.match(unit.text):
                return k
            if unit.kind == "text" and not ends_paragraph(unit.text) and visible_length(unit.text) > 40:
                break
            k -= 1
        if include_self:
            return index
        if usable(index - 1) and units[index - 1].kind == "text":
            return index - 1
        return index

    # ------------------------------------------------------------------ photos and figures, as items are built

    def _pictures(self, region: PhotoRegion, lines: list[Line]) -> list[tuple[str | None, str | None, list[str]]]:
        """The pictures of a caption region: (title, label, caption paragraphs) each. A
        numbered gallery (``图①…图⑤`` over one credit) gives one picture per label."""
        title = None
        paragraphs: list[str] = []
        cut_after: int | None = None  # the caption line before, when a column break cut it
        for line in lines:
            cut, cut_after = cut_after, None
            if line.kind == "photo-heading" and title is None:
                title = line.text
            elif line.kind == "photo-heading":
                paragraphs.append(line.text)  # a second heading: kept, as caption text
            elif line.kind == "date":
                self.keep_date(line)
            elif line is lines[-1] and region.has_credit_line:
                if region.caption_tail is not None:
                    paragraphs.append(region.caption_tail.lstrip(CAPTION_MARKS + " "))
            else:
                if cut is not None:
                    # a caption a column break cut (…中心卫生 / 院，社区医生…): one paragraph
                    text = line.text.strip()
                    self.note(
                        "column-break-join",
                        f"joined caption line {cut} and line {line.no}: …{paragraphs[-1][-6:]} | {text[:6]}…",
                        line.no,
                    )
                    paragraphs[-1] += join_glue(paragraphs[-1], text) + text
                else:
                    paragraphs.append(line.text.lstrip(CAPTION_MARKS + " "))
                # cut: a sentence broken off (it has a clause, so not a chart's title over its source)
                if not ends_paragraph(paragraphs[-1]) and has_clause_marks(paragraphs[-1]):
                    cut_after = line.no
        pictures: list[tuple[str | None, str | None, list[str]]] = []
        for paragraph in paragraphs:
            match = FIGURE_LABEL_RE.match(paragraph)
            if match:
                label = re.sub(r"\s+", "", match.group()).strip("：:.、，,")
                printed = match.group().rstrip()
                mark = printed[len(printed.rstrip("：:.、，,")) :]  # 图1：: the mark after the label
                rest = (mark + paragraph[match.end() :]).strip()  # stays, as after 图①： (lossless)
                pictures.append((title, label, [rest] if rest else []))
            elif pictures:
                pictures[-1][2].append(paragraph)
            else:
                pictures.append((title, None, [paragraph]))
        return pictures or [(title, None, [])]

    @staticmethod
    def _images(lines: list[Line], count: int) -> list:  # type: ignore[type-arg]
        """Layout: the picture files found above the caption lines, one per picture
        (``None`` for pictures without a file)."""
        images = [image for line in lines for image in line.meta.get("images", ())]
        return (images + [None] * count)[:count]

    def _photos(self, region: PhotoRegion, lines: list[Line]) -> list[Photo]:
        photos = []
        pictures = self._pictures(region, lines)
        for (title, label, caption), image in zip(pictures, self._images(lines, len(pictures))):
            if not caption:
                self.note(
                    "photo-without-caption", "a picture credit with no caption before it", lines[-1].no, "warning"
                )
            photos.append(
                Photo(
                    caption=caption,
                    credits=list(region.credits),
                    title=title,
                    label=label,
                    attribution=([region.credit_text.strip(BULLETS + " ")] if region.credit_text else [])
                    + region.trailer,
                    lines=(lines[0].no, lines[-1].no),
                    image=image,
                )
            )
        return photos

    def _figures(self, region: PhotoRegion, lines: list[Line]) -> list[Figure]:
        """The figures of a caption region inside an article. A figure has no title of
        its own: a gallery heading inside an article opens the first figure's caption."""
        figures = []
        pictures = self._pictures(region, lines)
        images = self._images(lines, len(pictures))
        for number, (title, label, caption) in enumerate(pictures):
            if title and number == 0:
                caption = [title, *caption]
            figures.append(
                Figure(
                    caption=caption,
                    credits=list(region.credits),
                    label=label,
                    attribution=([region.credit_text] if region.credit_text else []) + region.trailer,
                    image=images[number],
                )
            )
        return figures
