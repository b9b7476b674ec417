"""Training the reader's role model on pages with known structure (``convert train``).

Each training page is a page text and its gold structure (the evaluation format of
``convert evaluate``, or our JSON form). The reader reads the page up to its first
reading (:func:`convert_core.reader.prepare`), :func:`.reader.alignment.align` finds
each line's role from the gold, and a linear-chain CRF (CRFsuite, L-BFGS) learns how
much each feature (:mod:`.reader.features`) says for each role. Training is
deterministic: the same pages in the same order give the same model file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError, UsageError, reason
from .output import _create_temporary, check_replaceable

#: CRFsuite settings of the shipped model (L1 keeps the model small, L2 smooth).
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 300,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}
#: Pages whose lines are found in their gold less than this are left out of training.
MIN_ALIGNMENT = 0.8


@dataclass
class TrainingPage:
    """One page made ready for training: its lines' features and roles, and the breaks
    between its body lines (``(before, after, label)``, :func:`.reader.join_words.gold_joins`)."""

    name: str
    features: list[list[str]]
    labels: list[str]
    alignment: float
    breaks: list[tuple[str, str, str]] = field(default_factory=list)


def read_gold(path: Path) -> dict[str, Any]:
    """A gold file as a dict (either format), checked as ``convert evaluate`` checks it:
    an :class:`InputError` naming the file and the field (``items[0].headline: expected a
    string``) rather than a crash in the alignment."""
    from .gold import gold_from_dict, gold_json

    data = gold_json(path)
    gold_from_dict(data, path=str(path))
    return data  # type: ignore[no-any-return]


def prepare_page(data: bytes | str, gold: dict[str, Any], *, name: str = "page", options: Any = None) -> TrainingPage:
    """The features and gold roles of one page (``data``: its bytes, encoding detected,
    or its text)."""
    from .reader import ReaderOptions, prepare_input
    from .reader.alignment import align
    from .reader.join_words import gold_joins
    from .reader.roles import features_of

    segmenter = prepare_input(data, name=name, options=options or ReaderOptions())
    labels, quality = align(segmenter.units, gold)
    return TrainingPage(name, features_of(segmenter), labels, quality, gold_joins(segmenter.units, labels))


def fit_and_write(trainer: Any, output: Path, what: str) -> None:
    """Fit a python-crfsuite ``trainer`` and write its model to ``output`` atomically (a
    temporary file beside it, then a rename; the mode the umask gives, never a device's or
    a FIFO's place); an :class:`.errors.OutputError` naming ``what`` when it cannot."""
    check_replaceable(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # .NAME.PID.N.part, which the next run sweeps once this process is gone (mkstemp's
        # random name was never known for debris: a killed 'train' left it for good)
        handle, temporary = _create_temporary(output.parent, output.name)
        os.close(handle)
        try:
            name: str | bytes = temporary
            try:
                temporary.encode("utf-8")
            except UnicodeEncodeError:  # python-crfsuite takes a name that is not UTF-8 as bytes only
                name = os.fsencode(temporary)
            trainer.train(name)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as any new file (the library may have changed it)
            check_replaceable(output)  # nothing took its place while the model was fitted
            os.replace(temporary, output)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as error:
        raise OutputError(f"cannot write {what} {str(output)!r}: {reason(error)}") from None


def train(pages: Iterable[TrainingPage], output: Path, *, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Fit the role model on ``pages`` and write it to ``output``; returns a summary."""
    try:
        import pycrfsuite
    except ImportError as error:  # pragma: no cover - a core dependency
        raise UsageError("training needs python-crfsuite (pip install python-crfsuite)") from error
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    used = skipped = lines = 0
    for page in pages:
        if page.alignment < MIN_ALIGNMENT or not page.labels:
            skipped += 1
            continue
        trainer.append(page.features, page.labels)
        used += 1
        lines += len(page.labels)
    if not used:
        raise InputError("no page could be used for training (none aligned with its gold)")
    fit_and_write(trainer, output, "the model")
    return {"pages": used, "skipped": skipped, "lines": lines, "iterations": trainer.logparser.last_iteration}
