"""A small classifier of a pair of texts, shared by the reader's word models.

The stack model (:mod:`.stack_words`: kicker over headline, or headline over
subheadline?) and the join model (:mod:`.join_words`: does a paragraph go on across a
column break?) each weigh two texts by their characters. Both are maximum-entropy models:
CRFsuite fitted on one-item sequences (no transitions), read here from a checked file
(:func:`.modelfile.read_model`). Their log-odds are added to the role model's for the same
decision.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

#: Probabilities are kept this far from 0 and 1 before their odds are taken.
EPSILON = 1e-4


def log_odds(probability: float) -> float:
    """``log(p / (1 - p))``, with ``p`` kept off 0 and 1."""
    probability = min(max(probability, EPSILON), 1 - EPSILON)
    return math.log(probability / (1 - probability))


def log_ratio(first: float, second: float) -> float:
    """``log(first / second)`` of two probabilities, either of which may be 0."""
    tiny = 1e-300
    return math.log(max(first, tiny)) - math.log(max(second, tiny))


class PairModel:
    """A fitted pair classifier (python-crfsuite's tagger), opened from the file's bytes
    once they are checked; ``what`` names it in messages (``"stack model"``). A subclass
    names the two :attr:`labels` its model decides between: a model of other labels (a
    role model, or a stack model, put where a join model goes) is refused with one line —
    it was an internal error when asked for a label it lacks, or silently wrong."""

    labels: tuple[str, str] = ("", "")

    def __init__(self, path: Path, what: str) -> None:
        import pycrfsuite

        from ..errors import UsageError
        from ..modelfile import read_model

        hint = " (train the model again, or remove the file)"
        data = read_model(path, what, called=f"the {what}", hint=hint)
        self.path = path
        self._data = data  # the tagger reads the model from this buffer: keep it alive
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open_inmemory(self._data)
            found = sorted(self._tagger.labels())
        except (ValueError, OSError, RuntimeError) as error:
            raise UsageError(f"{str(path)!r} is not a usable {what}: {error}{hint}") from None
        if found != sorted(self.labels):
            raise UsageError(
                f"{str(path)!r} is not a {what}: it decides between {', '.join(found[:4]) or 'nothing'}"
                f"{', …' if len(found) > 4 else ''}, "
                f"a {what} between {' and '.join(self.labels)}{hint}"
            )
        self._lock = threading.Lock()  # set, then marginals: one sequence at a time

    def odds(self, items: list[list[str]], label: str) -> list[float]:
        """The log-odds of ``label`` for each item (the features of one pair), kept within
        ±log(1/ε). Items are independent: the model never saw a transition."""
        if not items:
            return []
        with self._lock:
            self._tagger.set(items)
            return [log_odds(self._tagger.marginal(label, index)) for index in range(len(items))]


def train_pairs(
    examples: Iterable[tuple[list[str], str]], params: dict[str, Any], output: Path, what: str
) -> dict[str, int]:
    """Fit a pair model on ``(features, label)`` examples and write it to ``output``
    (atomically); returns how many examples of each label it learned from."""
    import pycrfsuite

    from ..training import fit_and_write  # (here: a reading page never pays for training's imports)

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(params)
    counts: dict[str, int] = {}
    for features, label in examples:
        trainer.append([features], [label])
        counts[label] = counts.get(label, 0) + 1
    fit_and_write(trainer, output, f"the {what}")
    return counts


Model = TypeVar("Model", bound=PairModel)


def beside(role_model: Path, suffix: str) -> Path:
    """Where ``convert train`` writes a word model of a role model it trains:
    ``MODEL.stacks``, ``MODEL.joins`` beside ``MODEL``."""
    return role_model.with_name(role_model.name + suffix)


@lru_cache(maxsize=4)
def shipped(kind: type[Model], path: Path) -> Model | None:
    """The word model (a ``kind``) shipped in the package at ``path``, read once; ``None``
    when it is not there (a checkout before training)."""
    return kind(path) if path.is_file() else None


@lru_cache(maxsize=16)
def _own(kind: type[PairModel], path: str, stamp: tuple[int, int]) -> PairModel:
    return kind(Path(path))  # a damaged file is a usage error (it is named in the message)


def model_beside(kind: type[Model], role_model: Path, suffix: str) -> Model | None:
    """The word model (a ``kind``) trained with a paper's own role model (:func:`beside`),
    or ``None`` when there is none (read again when the file changes); a damaged one is a
    :class:`.errors.UsageError` naming it."""
    path = beside(role_model, suffix)
    try:
        info = path.stat()
    except OSError:
        if not os.path.lexists(path):
            return None
        return kind(path)  # a loop of links, a dangling one: named (read_model says why)
    return _own(kind, str(path), (info.st_mtime_ns, info.st_size))  # type: ignore[return-value]
