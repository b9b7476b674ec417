"""Hook specifications: what a bulletin-convert plugin can implement.

A plugin is a module (or any object) with functions marked by
:data:`convert_core.hookimpl`, registered through the ``bulletin_convert`` entry-point
group. The built-in exporters are plugins of exactly this kind. Every hook below is
documented with an example in ``docs/plugins.md``; a test fails when one is not.

The plugin manager calls each implementation itself, so that a failure names its
plugin. Only ``transform_document`` has a defined order (registration order, with
``tryfirst``/``trylast`` honoured); ``hookwrapper`` implementations are not supported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pluggy

from .exporters import Exporter
from .model import Document

PROJECT_NAME = "bulletin_convert"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_exporters() -> Sequence[Exporter]:
    """Return the output formats this plugin provides.

    Each :class:`~convert_core.exporters.Exporter` names the format, its file
    extension, media type and one-line description, the writer (a function or a lazy
    ``"module:function"`` string) and the options the writer understands. Two plugins
    registering the same format name is an error that names both plugins.
    """


@hookspec
def transform_document(document: Document, options: Mapping[str, Any]) -> Document | None:
    """Change a parsed document before it is exported (like a pandoc filter).

    Called once per document, after reading and before any exporter, by every plugin
    that implements it, in registration order. Return a new :class:`Document` to
    replace it, or change ``document`` in place and return ``None``. ``options`` holds
    the metadata options of the run (``publication``, ``date``, ``page`` ...).
    """


@hookspec
def validate_output(exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
    """Validate files just written in one format (``convert --validate``).

    Return ``None`` when this plugin does not validate ``exporter.name``; otherwise a
    list of problems, one line each (an empty list means the files are valid).
    """
