"""Errors of bulletin-convert, each with the exit code the ``convert`` command uses.

Exit codes (also in the README):

==  ==========================================================================
0   success
1   some inputs or formats failed (batch or several formats: the others were written)
2   usage error (bad option, unknown format)
3   input error (unreadable, empty, binary, undecodable, not our JSON schema, too large)
4   output error (cannot write the output file or directory)
5   validation failed (``--validate``: an output did not pass its validator)
6   the reader had doubts and ``--strict`` was given
7   plugin error (a plugin raised while exporting, transforming or validating, or two
    plugins register one format; a plugin that fails to load is only a warning)
130 interrupted (Ctrl-C)
143 stopped by SIGTERM, 129 by SIGHUP (``128 + signal``; finished pages kept, no partial files)
==  ==========================================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_OUTPUT = 4
EXIT_INVALID = 5
EXIT_STRICT = 6
EXIT_PLUGIN = 7
EXIT_INTERRUPTED = 130


class ConvertError(Exception):
    """Base class: an error with a one-line message and an exit code."""

    exit_code = EXIT_PARTIAL


class UsageError(ConvertError):
    """The command or API was called wrongly (unknown format, bad option value)."""

    exit_code = EXIT_USAGE


class InputError(ConvertError):
    """The input cannot be read as a page or as a document in our JSON form."""

    exit_code = EXIT_INPUT


class OutputError(ConvertError):
    """An output cannot be written."""

    exit_code = EXIT_OUTPUT


class ValidationFailed(ConvertError):
    """An output did not pass its validator."""

    exit_code = EXIT_INVALID


class StrictModeError(ConvertError):
    """``--strict`` was given and the reader reported doubts."""

    exit_code = EXIT_STRICT


class PluginError(ConvertError):
    """A plugin failed to load, registered something invalid, or raised while exporting."""

    exit_code = EXIT_PLUGIN
