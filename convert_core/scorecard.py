"""The scores ``convert evaluate`` gives: counts of items found, tallies of fields right,
and the reader's mistakes, per page (:class:`PageScore`) and in total (:class:`TotalScore`).
:mod:`convert_core.evaluate` computes them and defines each number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

#: The fields scored on matched articles, in the order reports list them.
ARTICLE_FIELDS: tuple[str, ...] = (
    "structure",
    "kicker",
    "subheadline",
    "dateline",
    "column",
    "bylines",
    "paragraph_count",
    "paragraphs",
)
#: The fields scored on matched photos.
PHOTO_FIELDS: tuple[str, ...] = ("caption", "credit")


@dataclass
class Tally:
    """How many of the scored cases were right."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        """``correct / total``; ``None`` when nothing was scored."""
        return self.correct / self.total if self.total else None

    def add(self, right: bool) -> None:
        self.total += 1
        self.correct += bool(right)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass
class Detection:
    """Items of one kind found: how many the gold has, the reader predicted, and matched."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """``matched / predicted`` (1 when nothing was predicted)."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """``matched / gold`` (1 when the gold has none)."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Detection) -> Detection:
        return Detection(self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Mistake:
    """One error of the reader on a page.

    ``kind`` is ``missed`` (a gold item no predicted item matches), ``spurious`` (a
    predicted item that matches no gold item) or ``wrong`` (a field of a matched item).
    ``text`` names the item: its headline, or for a photo its caption (the gold's, except
    for a spurious item). For a wrong field, ``predicted`` and ``gold`` are its values
    (people as ``role name; role name``); for ``paragraphs`` they are the first paragraphs
    that differ and ``paragraph`` is that paragraph's number (from 1). ``lines`` is the
    predicted item's span in the input, when known.
    """

    kind: Literal["missed", "spurious", "wrong"]
    item: Literal["article", "photo"]
    text: str
    field: str | None = None
    predicted: str | int | None = None
    gold: str | int | None = None
    paragraph: int | None = None
    lines: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "item": self.item,
            "text": self.text,
            "field": self.field,
            "predicted": self.predicted,
            "gold": self.gold,
            "paragraph": self.paragraph,
            "lines": list(self.lines) if self.lines else None,
        }


def _tallies(names: Sequence[str]) -> dict[str, Tally]:
    return {name: Tally() for name in names}


@dataclass
class PageScore:
    """The scores of one page (see the module's docstring for each number)."""

    articles: Detection = field(default_factory=Detection)
    article_fields: dict[str, Tally] = field(default_factory=lambda: _tallies(ARTICLE_FIELDS))
    photos: Detection = field(default_factory=Detection)
    photo_fields: dict[str, Tally] = field(default_factory=lambda: _tallies(PHOTO_FIELDS))
    characters_lost: int | None = None
    lost: dict[str, int] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)
    page: str | None = None
    gold: str | None = None
    gold_format: str | None = None

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        """The scores as JSON data; ``details`` adds the mistakes and the lost characters."""
        data: dict[str, Any] = {
            "page": self.page,
            "gold": self.gold,
            "gold_format": self.gold_format,
            "articles": self.articles.to_dict(),
            "article_fields": {name: tally.to_dict() for name, tally in self.article_fields.items()},
            "photos": self.photos.to_dict(),
            "photo_fields": {name: tally.to_dict() for name, tally in self.photo_fields.items()},
            "characters_lost": self.characters_lost,
        }
        if details:
            data["lost_characters"] = dict(self.lost)
            data["mistakes"] = [mistake.to_dict() for mistake in self.mistakes]
        return data


@dataclass
class TotalScore:
    """The scores of several pages: counts added up (micro averages), and ``macro_f1``,
    the mean of the pages' headline F1 (``None`` for no page). ``characters_lost`` adds up
    the pages where it was measured (``None`` if none was)."""

    pages: int = 0
    articles: Detection = field(default_factory=Detection)
    macro_f1: float | None = None
    article_fields: dict[str, Tally] = field(default_factory=lambda: _tallies(ARTICLE_FIELDS))
    photos: Detection = field(default_factory=Detection)
    photo_fields: dict[str, Tally] = field(default_factory=lambda: _tallies(PHOTO_FIELDS))
    characters_lost: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "articles": {**self.articles.to_dict(), "macro_f1": self.macro_f1},
            "article_fields": {name: tally.to_dict() for name, tally in self.article_fields.items()},
            "photos": self.photos.to_dict(),
            "photo_fields": {name: tally.to_dict() for name, tally in self.photo_fields.items()},
            "characters_lost": self.characters_lost,
        }
