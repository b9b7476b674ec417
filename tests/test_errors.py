"""The error classes and the exit codes they carry."""

from __future__ import annotations

import pickle

import pytest

from convert_core import errors


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.ConvertError, 1),
        (errors.UsageError, 2),
        (errors.InputError, 3),
        (errors.OutputError, 4),
        (errors.ValidationFailed, 5),
        (errors.StrictModeError, 6),
        (errors.PluginError, 7),
        (errors.ResourceError, 8),
    ],
)
def test_each_error_carries_its_exit_code(error: type[errors.ConvertError], code: int) -> None:
    assert error.exit_code == code
    assert error("a message").exit_code == code


def test_a_subclass_names_its_code_in_its_bases_or_keeps_its_parents() -> None:
    class Busy(errors.ConvertError, exit_code=75):
        """Made up: a resource is busy."""

    class StillBusy(Busy):
        """Made up: a kind of Busy."""

    assert (Busy.exit_code, StillBusy.exit_code, errors.ConvertError.exit_code) == (75, 75, 1)


def test_an_error_survives_pickling_with_its_class_and_code() -> None:
    error = pickle.loads(pickle.dumps(errors.InputError("empty page")))
    assert isinstance(error, errors.InputError) and error.exit_code == 3 and str(error) == "empty page"
