"""Text to lines: line ends, control characters, whitespace and the blank-line rhythm.

Each non-blank input line becomes a :class:`Line` that remembers its number, whether it
was indented (e-paper text indents paragraphs with ``　　``), and how many blank lines
came before it. :func:`baseline_gap` tells the page's usual number of blank lines
between lines: 1 for PDF extraction (every paragraph is followed by a blank line), 0 for
e-paper text (one paragraph per line); more blank lines than usual are a *strong break*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Diagnostic
from .text import squeeze

# C0 and C1 controls except tab and newline, noncharacters, stray BOMs
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_INDENT_RE = re.compile(r"^(?:\u3000|\t| {2,}|\u00a0{2,})")


@dataclass
class Line:
    """One non-blank input line."""

    no: int
    text: str
    indent: bool = False
    blank_before: int = 0
    kind: str = "text"
    data: Any = None
    strong: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


def clean_text(text: str) -> tuple[str, list[Diagnostic]]:
    """Unify line ends and drop control characters, recording what was dropped."""
    diagnostics: list[Diagnostic] = []
    # form feeds (page breaks of pdftotext) and vertical tabs end lines
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    if _SURROGATE_RE.search(text):
        count = len(_SURROGATE_RE.findall(text))
        line = text[: _SURROGATE_RE.search(text).start()].count("\n") + 1  # type: ignore[union-attr]
        text = _SURROGATE_RE.sub("\ufffd", text)
        diagnostics.append(
            Diagnostic(
                "lone-surrogates-replaced", f"{count} lone surrogate code point(s) replaced by U+FFFD", line, "warning"
            )
        )
    if _CONTROL_RE.search(text):
        lines_hit: dict[int, int] = {}
        for match in _CONTROL_RE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            lines_hit[line] = lines_hit.get(line, 0) + 1
        text = _CONTROL_RE.sub("", text)
        total = sum(lines_hit.values())
        where = ", ".join(str(line) for line in list(lines_hit)[:20])
        diagnostics.append(
            Diagnostic(
                "control-characters-removed",
                f"removed {total} control character(s) on line(s) {where}{'...' if len(lines_hit) > 20 else ''}",
                next(iter(lines_hit)),
                "warning",
            )
        )
    return text, diagnostics


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their numbers, indentation and blank lines before."""
    lines: list[Line] = []
    blank = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = squeeze(raw)
        if not stripped:
            blank += 1
            continue
        lines.append(Line(no=number, text=stripped, indent=bool(_INDENT_RE.match(raw)), blank_before=blank))
        blank = 0
    return lines


def baseline_gap(lines: list[Line]) -> int:
    """The usual number of blank lines between two lines of the page (the median)."""
    gaps = sorted(line.blank_before for line in lines[1:])
    if not gaps:
        return 0
    return gaps[len(gaps) // 2]
