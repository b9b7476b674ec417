"""The reference page as other extractions write it, and how far a reading is from its
expected structure.

A user's page is never exactly the seed: another extraction tool adds the masthead's lines,
spaces the lines out, writes CRLF or full-width marks, leaves out blank lines or indents the
paragraphs. :data:`SHAPES` rewrites a page's text in each of these ways (without touching a
word of it), and :func:`differences` says how a document differs from an expected structure
in the seed's format (``seeds/*.expected.json``), as the seed's checker compares them: texts
after NFKC with whitespace removed. ``benchmarks/seed_shapes.py`` prints the table;
``tests/test_seed_shapes.py`` holds the reader to the shapes it reads exactly.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from ..model import Article, Document, Paragraph, Photo, Subhead

_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_BLANK_RUN_RE = re.compile(r"\n[ \t\u3000]*\n+")
_SINGLE_BLANK_RE = re.compile(r"(?<=[^\n])\n\n(?=[^\n])")


def _without_some_blank_lines(text: str, seed: int, share: float = 0.5) -> str:
    """Half the single blank lines left out (chosen by ``seed``): a tool that parts some
    blocks and runs others together."""
    chooser = random.Random(seed)
    return _SINGLE_BLANK_RE.sub(lambda _match: "\n" if chooser.random() < share else "\n\n", text)


def hard_wrapped(text: str, width: int = 22) -> str:
    """Every line over ``width`` characters cut into lines of ``width``, as ``pdftotext``
    writes a column's printed lines."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend([line[start : start + width] for start in range(0, len(line), width)] or [""])
    return "\n".join(lines)


def without_blank_lines(text: str) -> str:
    """Every run of blank lines left out: the page's lines one under the other."""
    return _BLANK_RUN_RE.sub("\n", text)


#: Each shape: a name and what it does to a page's text.
SHAPES: Mapping[str, Callable[[str], str]] = {
    "masthead lines above": lambda text: "平顶山日报\n\n2020年4月28日 星期二\n\n3\n\n卫东新闻\n\n" + text,
    "masthead on one line": lambda text: "平顶山日报 2020年4月28日 星期二 第3版 卫东新闻\n\n" + text,
    "staff line below": lambda text: text.rstrip("\n") + "\n\n责任编辑：张三 美编：李四 校对：王五\n",
    "full-width marks": lambda text: text.translate(_FULL_WIDTH),
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "trailing spaces": lambda text: "\n".join(line + "  " if line else line for line in text.split("\n")),
    "ideographic spaces": lambda text: text.replace(" ", "\u3000"),
    "every gap tripled": lambda text: text.replace("\n", "\n\n"),
    "some blank lines left out (0)": lambda text: _without_some_blank_lines(text, 0),
    "some blank lines left out (2)": lambda text: _without_some_blank_lines(text, 2),
    "some blank lines left out (5)": lambda text: _without_some_blank_lines(text, 5),
    "some blank lines left out (1)": lambda text: _without_some_blank_lines(text, 1),
    "some blank lines left out (3)": lambda text: _without_some_blank_lines(text, 3),
    "picture gaps closed": lambda text: re.sub(r"\n{3,}", "\n\n", text),
    "paragraphs indented": lambda text: "\n".join(
        "\u3000\u3000" + line if len(line) > 30 else line for line in text.split("\n")
    ),
    "hard-wrapped at 22": hard_wrapped,
    "no blank lines": without_blank_lines,
    "hard-wrapped, no blank lines": lambda text: without_blank_lines(hard_wrapped(text)),
}


def _norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def differences(document: Document, expected: Mapping[str, Any]) -> list[str]:
    """How ``document``'s items differ from ``expected`` (the seed's format: items with
    type, kicker, headline, subheadline, dateline, bylines and paragraphs, or caption and
    credit), one line each; empty when the structure is the same."""
    found: list[str] = []
    items, gold = document.items, expected["items"]
    if len(items) != len(gold):
        found.append(f"{len(items)} items, expected {len(gold)}")
    for number, (item, want) in enumerate(zip(items, gold, strict=False), 1):
        if item.type != want["type"]:
            found.append(f"item {number}: a {item.type}, expected a {want['type']}")
        elif isinstance(item, Article):
            for field in ("kicker", "headline", "subheadline", "dateline"):
                if _norm(getattr(item, field)) != _norm(want.get(field)):
                    found.append(f"item {number}: {field} {getattr(item, field)!r}, expected {want.get(field)!r}")
            if [(person.role, _norm(person.name)) for person in item.bylines] != [
                (person["role"], _norm(person["name"])) for person in want["bylines"]
            ]:
                found.append(f"item {number}: bylines differ")
            texts = [_norm(block.text) for block in item.body if isinstance(block, Paragraph | Subhead)]
            if texts != [_norm(text) for text in want["paragraphs"]]:
                found.append(
                    f"item {number}: {len(texts)} paragraphs, expected {len(want['paragraphs'])}, or their texts differ"
                )
        elif isinstance(item, Photo):
            if [_norm(text) for text in item.caption] != [_norm(text) for text in want["caption"]]:
                found.append(f"item {number}: the caption differs")
            credit = want["credit"]
            if [(person.role, _norm(person.name)) for person in item.credits] != [
                (credit["role"], _norm(credit["name"]))
            ]:
                found.append(f"item {number}: the credits differ")
    return found
