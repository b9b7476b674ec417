"""A fast reader of one entry-point group from the installed distributions.

``importlib.metadata`` parses every distribution's metadata with the ``email`` package,
which costs a fifth of ``convert``'s start-up. Plugins only need the ``entry_points.txt``
of each ``*.dist-info`` (or ``*.egg-info``) directory on ``sys.path``; this module reads
just those, with the same rule as ``importlib.metadata``: a distribution found again
later on ``sys.path`` is shadowed by the first. Anything unusual (a zip on the path)
falls back to ``importlib.metadata``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator

from .regex_cache import regex

_NAME_RE = regex(r"^(?P<name>.+?)-[^-]+\.(?:dist|egg)-info$")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse(text: str, group: str) -> Iterator[tuple[str, str]]:
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def entry_points(group: str) -> list[tuple[str, str]]:
    """``(name, "module:attr")`` of every entry point in ``group``, in ``sys.path`` order."""
    if any(entry.endswith((".zip", ".egg", ".whl")) and os.path.isfile(entry) for entry in sys.path):
        from importlib.metadata import entry_points as slow

        return [(entry.name, entry.value) for entry in slow(group=group)]
    found: list[tuple[str, str]] = []
    seen_distributions: set[str] = set()
    for entry in sys.path:
        directory = entry or "."
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            match = _NAME_RE.match(name)
            if not match:
                continue
            distribution = _normalized(match.group("name"))
            if distribution in seen_distributions:
                continue
            seen_distributions.add(distribution)
            try:
                with open(os.path.join(directory, name, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            found.extend(_parse(text, group))
    return found
