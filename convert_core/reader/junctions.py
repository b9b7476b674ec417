"""Which characters meet across a line break: evidence that a column break cut a paragraph.

PDF extraction cuts a paragraph where its column ends (``精心谋划起`` / ``步，确保``). When the
first piece is short and has no sentence end it looks like a subhead, and the page's own
text often cannot tell (``join=word`` in :mod:`.features` asks whether the two characters
either side of the break are a pair the page prints elsewhere). This table knows how
characters follow one another in news text in general:

* how often each pair of characters is printed together (``议`` after ``倡``);
* how often each character ends a paragraph, and how often it starts one.

:meth:`JunctionTable.score` compares the two readings of a break: the paragraph goes on
(the right character follows the left one) against a paragraph ending with the left
character and a new one starting with the right one. The feature :func:`junction_class`
gives the model that log-ratio in a few bins.

The table holds counts of characters and of character pairs only, no text. It is built by
the training recipe (``benchmarks/corpus/train_model.py``) from the gold paragraphs of
the pages it trains on and ships beside the role models (``models/junctions.bin``); the
models are trained with the table they ship with.
"""

from __future__ import annotations

import json
import math
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .shipped_tables import ShippedTable
from .text import Memo

TABLE_FILE = Path(__file__).absolute().with_name("models") / "junctions.bin"
_MAGIC = b"bulletin-convert junctions 1\n"
#: Pairs printed fewer times than this are left out (the table stays small; the score
#: falls back to how common the right character is).
MIN_PAIR_COUNT = 3
#: Weight of the fallback in the smoothed pair probability.
_SMOOTHING = 20.0
#: Bounds of :func:`junction_class`'s bins (natural log-ratio): under 4 a new paragraph is
#: the likelier reading on the training pages, from 8 up a cut one nearly always is.
BOUNDS = (4.0, 6.0, 8.0, 11.0)
_ARRAYS = ("characters", "counts", "starts", "ends", "pairs", "pair_counts")


def table_key(text: str) -> str:
    """The form characters are counted in: NFKC, spaces removed (full- and half-width
    punctuation alike, as PDF extraction mixes them)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


class JunctionTable:
    """Counts of characters (in all, first and last of a paragraph) and of character pairs."""

    def __init__(self, header: dict, arrays: dict[str, array]) -> None:
        self.paragraphs = int(header["paragraphs"])
        self.total = int(header["characters"])
        self.alphabet = int(header.get("alphabet", 8000))
        self._arrays = arrays
        self._characters = arrays["characters"]
        self._counts = arrays["counts"]
        self._starts = arrays["starts"]
        self._ends = arrays["ends"]
        self._pairs = arrays["pairs"]
        self._pair_counts = arrays["pair_counts"]
        self._index = {chr(code): position for position, code in enumerate(self._characters)}

    @classmethod
    def build(cls, paragraphs: Iterable[str], min_pair_count: int = MIN_PAIR_COUNT) -> JunctionTable:
        """The table of these paragraphs' texts (deterministic: the same texts give the same bytes)."""
        counts: Counter[str] = Counter()
        starts: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        pairs: Counter[str] = Counter()
        number = 0
        for paragraph in paragraphs:
            text = table_key(paragraph)
            if not text:
                continue
            number += 1
            starts[text[0]] += 1
            ends[text[-1]] += 1
            counts.update(text)
            pairs.update(text[index : index + 2] for index in range(len(text) - 1))
        characters = sorted(counts, key=ord)
        position = {character: index for index, character in enumerate(characters)}
        kept = sorted(
            (position[pair[0]] << 16 | position[pair[1]], count)
            for pair, count in pairs.items()
            if count >= min_pair_count and position[pair[0]] < 65536 and position[pair[1]] < 65536
        )
        arrays = {
            "characters": array("I", map(ord, characters)),
            "counts": array("I", (counts[character] for character in characters)),
            "starts": array("I", (starts[character] for character in characters)),
            "ends": array("I", (ends[character] for character in characters)),
            "pairs": array("I", (key for key, _ in kept)),
            "pair_counts": array("I", (count for _, count in kept)),
        }
        header = {"paragraphs": number, "characters": sum(counts.values()), "alphabet": max(len(characters), 1)}
        return cls(header, arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> JunctionTable:
        """A table written by :meth:`to_bytes`; :class:`ValueError` when it is not one."""
        if not data.startswith(_MAGIC):
            raise ValueError("not a junction table")
        try:
            payload = zlib.decompress(data[len(_MAGIC) :])
            line_end = payload.index(b"\n")
            header = json.loads(payload[:line_end])
            arrays: dict[str, array] = {}
            offset = line_end + 1
            for name in _ARRAYS:
                size = int(header["sizes"][name]) * 4
                values = array("I")
                values.frombytes(payload[offset : offset + size])
                if sys.byteorder == "big":
                    values.byteswap()
                arrays[name] = values
                offset += size
        except (zlib.error, ValueError, KeyError, TypeError) as error:
            raise ValueError(f"a damaged junction table ({error})") from None
        per_character = {len(arrays[name]) for name in _ARRAYS[:4]}
        per_pair = {len(arrays[name]) for name in _ARRAYS[4:]}
        if offset != len(payload) or len(per_character) != 1 or len(per_pair) != 1:
            raise ValueError("a damaged junction table (sizes do not match)")
        return cls(header, arrays)

    def to_bytes(self) -> bytes:
        """The table as the reader loads it (little-endian arrays, compressed)."""
        arrays = self._arrays
        header = {
            "paragraphs": self.paragraphs,
            "characters": self.total,
            "alphabet": self.alphabet,
            "sizes": {name: len(arrays[name]) for name in _ARRAYS},
        }
        parts = [json.dumps(header, sort_keys=True).encode("ascii") + b"\n"]
        for name in _ARRAYS:
            values = array("I", arrays[name])
            if sys.byteorder == "big":
                values.byteswap()
            parts.append(values.tobytes())
        return _MAGIC + zlib.compress(b"".join(parts), 9)

    def _count(self, character: str) -> tuple[int, int, int]:
        """How often a character is printed, starts and ends a paragraph."""
        position = self._index.get(character)
        if position is None:
            return 0, 0, 0
        return self._counts[position], self._starts[position], self._ends[position]

    def count(self, character: str) -> int:
        """How often a character is printed (in the table's form)."""
        return self._count(character)[0]

    def pair_count(self, left: str, right: str) -> int:
        """How often a pair of characters is printed (0 under :data:`MIN_PAIR_COUNT`)."""
        return self._pair_count(left, right)

    def _pair_count(self, left: str, right: str) -> int:
        first, second = self._index.get(left), self._index.get(right)
        if first is None or second is None:
            return 0
        key = first << 16 | second
        position = bisect_left(self._pairs, key)
        if position < len(self._pairs) and self._pairs[position] == key:
            return self._pair_counts[position]
        return 0

    def score(self, left: str, right: str) -> float:
        """Natural log of how much likelier ``right`` goes on from ``left`` in one paragraph
        than ``left`` ends a paragraph and ``right`` starts the next (single characters, in
        the table's form: see :func:`junction_class`)."""
        left_count, _, left_ends = self._count(left)
        right_count, right_starts, _ = self._count(right)
        common = (right_count + 0.5) / (self.total + 0.5 * self.alphabet)
        follows = (self._pair_count(left, right) + _SMOOTHING * common) / (left_count + _SMOOTHING)
        ends = (left_ends + 1) / (left_count + 2)
        starts = (right_starts + _SMOOTHING * common) / (self.paragraphs + _SMOOTHING)
        return math.log(follows) - math.log(ends) - math.log(starts)


def _break_score(ends: tuple[str, str]) -> float | None:
    """:func:`junction_score` of a break between the two characters on its left and the
    two on its right (``ends``)."""
    left_key, right_key = table_key(ends[0]), table_key(ends[1])
    if not left_key or not right_key:
        return None
    return table().score(left_key[-1], right_key[0])


#: :func:`_break_score`'s answers, kept (the characters either side of a break repeat from
#: page to page; emptied when :func:`use` changes the table).
_SCORES = Memo(_break_score)

#: The junction table the features read: the shipped one, or the training recipe's
#: (:meth:`.ShippedTable.use`, which empties :data:`_SCORES`).
TABLE = ShippedTable(TABLE_FILE, JunctionTable.from_bytes, "junction table", on_use=_SCORES.clear)
use = TABLE.use
table = TABLE.current


def junction_score(left: str, right: str) -> float | None:
    """:meth:`JunctionTable.score` of the characters either side of a break (``left`` ends
    the line before it, ``right`` starts the line after); ``None`` when either side has none."""
    return _SCORES[left[-2:], right[:2]]


#: The :func:`junction_score` from which a break between two title lines cuts a word, and
#: the lines are one title wrapped: with no blank line between them, 9.0 (``菜`` / ``市``
#: scores 10.5, ``行动`` / ``覆盖`` 7.9); with one, where only the characters tell, 15.0 (no
#: kicker-headline or headline-subheadline pair of the corpus's gold, 3,579, scores over
#: 12.9; ``总`` / ``额`` scores 22).
TITLE_WRAP_ADJACENT = 9.0
TITLE_WRAP = 15.0


def cuts_a_word(left: str, right: str, threshold: float) -> bool:
    """Whether the break between ``left`` and ``right`` cuts a word: its
    :func:`junction_score` is ``threshold`` or more."""
    score = junction_score(left, right)
    return score is not None and score >= threshold


def junction_class(left: str, right: str) -> str:
    """``lm=0`` … ``lm=4``: how strongly the text either side of a break reads as one
    paragraph (``left`` ends the line before the break, ``right`` starts the line after)."""
    score = junction_score(left, right)
    return "lm=0" if score is None else f"lm={bisect_right(BOUNDS, score)}"
