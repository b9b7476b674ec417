"""How paragraphs open and close in news text: evidence that a column break cut one.

A column break can leave a paragraph's first words alone on a line (``俄罗斯总统普京`` /
``日前对中国进行国事访问。``): the piece looks like an in-story subhead, and the two
characters either side of the break (:mod:`.junctions`) may meet as often inside a sentence
as across two paragraphs. What tells is how paragraphs open and close: ``日前对`` is
printed often but seldom opens a paragraph, ``普京`` seldom closes one. This table counts,
for each run of one to :data:`MAX_N` characters that opens (or closes) at least
:data:`MIN_EDGE_COUNT` paragraphs of news text, how many it opens (closes) and how often it
is printed in all; the join model (:mod:`.join_words`) reads those counts in bins
(:func:`edge_features`).

Like the junction table it holds counts only, no text a reader could read back, and is
built by the training recipe (``benchmarks/corpus/train_model.py``) from the gold
paragraphs of its training pages; it ships beside the models (``models/edges.bin``). The
join model is trained on features read, for each training page, from a table that left
that page's share of the pages out (:func:`fold_of`), so that it learns how much a table
built from other pages tells.
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from . import junctions
from .shipped_tables import ShippedTable

EDGES_FILE = Path(__file__).absolute().with_name("models") / "edges.bin"
_MAGIC = b"bulletin-convert paragraph edges 1\n"
#: The longest run of characters counted at a paragraph's edges.
MAX_N = 3
#: Runs opening (closing) fewer paragraphs than this are left out of the table.
MIN_EDGE_COUNT = 2
#: A run printed fewer times than this says nothing by its share of openings.
_MIN_TOTAL = 5
#: How many shares of the training pages the recipe builds tables without (:func:`fold_of`).
FOLDS = 5


def fold_of(page: str) -> int:
    """The share (``0`` to ``FOLDS - 1``) a training page belongs to, by its id: stable
    from run to run (the recipe reads each page's features from a table built without its
    share)."""
    return zlib.crc32(page.encode("utf-8")) % FOLDS


class EdgeTable:
    """For runs of one to :data:`MAX_N` characters: how many paragraphs each opens
    (closes), and how often it is printed."""

    def __init__(self, opens: dict[str, tuple[int, int]], closes: dict[str, tuple[int, int]]) -> None:
        self.opens = opens
        self.closes = closes

    @classmethod
    def build(cls, paragraphs: Iterable[str]) -> EdgeTable:
        """The table of these paragraphs' texts (deterministic)."""
        texts = [text for text in map(junctions.table_key, paragraphs) if text]
        starts: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        for text in texts:
            starts.update(text[:n] for n in range(1, MAX_N + 1) if len(text) >= n)
            ends.update(text[-n:] for n in range(1, MAX_N + 1) if len(text) >= n)
        wanted = {run for run, count in (*starts.items(), *ends.items()) if count >= MIN_EDGE_COUNT}
        totals: Counter[str] = Counter()
        for text in texts:
            for n in range(1, MAX_N + 1):
                totals.update(
                    run for run in (text[index : index + n] for index in range(len(text) - n + 1)) if run in wanted
                )
        opens = {run: (count, totals[run]) for run, count in sorted(starts.items()) if count >= MIN_EDGE_COUNT}
        closes = {run: (count, totals[run]) for run, count in sorted(ends.items()) if count >= MIN_EDGE_COUNT}
        return cls(opens, closes)

    def to_bytes(self) -> bytes:
        """The table as the reader loads it (compressed JSON, keys sorted)."""
        payload = {"opens": self.opens, "closes": self.closes}
        return _MAGIC + zlib.compress(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8"), 9)

    @classmethod
    def from_bytes(cls, data: bytes) -> EdgeTable:
        """A table written by :meth:`to_bytes`; :class:`ValueError` when it is not one."""
        if not data.startswith(_MAGIC):
            raise ValueError("not a paragraph edge table")
        try:
            payload = json.loads(zlib.decompress(data[len(_MAGIC) :]))
            return cls(
                {run: (int(a), int(b)) for run, (a, b) in payload["opens"].items()},
                {run: (int(a), int(b)) for run, (a, b) in payload["closes"].items()},
            )
        except (zlib.error, ValueError, KeyError, TypeError) as error:
            raise ValueError(f"a damaged paragraph edge table ({error})") from None


#: The edge table the features read: the shipped one, or the training recipe's
#: (:meth:`.ShippedTable.use`).
TABLE = ShippedTable(EDGES_FILE, EdgeTable.from_bytes, "paragraph edge table")
use = TABLE.use
table = TABLE.current


def _count_bin(count: int) -> str:
    return str(min(int(math.log2(count + 1)), 10))


def _printed(run: str) -> int | None:
    """How often a run of one or two characters is printed, by the junction table (which
    counts every character and every pair printed three times or more); ``None`` for a
    longer run."""
    if len(run) == 1:
        return junctions.table().count(run)
    if len(run) == 2:
        return junctions.table().pair_count(run[0], run[1])
    return None


def _share_bin(run: str, entry: tuple[int, int] | None) -> str:
    """How large a share of a run's printings open (close) a paragraph, in powers of two;
    for a run that opens (closes) too few paragraphs to be in the table, its printings
    against none, where the junction table knows them (``none`` where not)."""
    if entry is None:
        printed = _printed(run)
        if printed is None:
            return "none"
        entry = (0, printed)
    edge, total = entry
    if total < _MIN_TOTAL:
        return "few"
    return str(max(-10, int(math.log2((edge + 0.5) / (total + 1)))))


def edge_features(left: str, right: str) -> list[str]:
    """The features of a break between a line ending in ``left`` and one starting with
    ``right`` (both in the tables' form, :func:`.junctions.table_key`): how many paragraphs the first two
    characters after the break open and the last two before it close, and for runs of one
    to :data:`MAX_N` characters either side, the share of their printings that open (close)
    a paragraph."""
    if len(left) < MAX_N or len(right) < MAX_N:
        return []
    edges = table()
    features = [
        "st2=" + _count_bin(edges.opens.get(right[:2], (0, 0))[0]),
        "en2=" + _count_bin(edges.closes.get(left[-2:], (0, 0))[0]),
    ]
    for n in range(1, MAX_N + 1):
        features.append(f"str{n}=" + _share_bin(right[:n], edges.opens.get(right[:n])))
        features.append(f"enr{n}=" + _share_bin(left[-n:], edges.closes.get(left[-n:])))
    return features
