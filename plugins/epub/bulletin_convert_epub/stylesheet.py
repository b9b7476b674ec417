"""A user's style sheet (``--epub-css``), checked so that the book stays valid.

EPUBCheck fails a book whose style sheet is not UTF-8 (CSS-004), does not parse (CSS-008:
an unclosed block, comment or string, a stray character, text with no block), uses the
``direction`` or ``unicode-bidi`` properties (CSS-001), or refers to files the book does not
hold (``@import``, ``url()``: RSC-007, or remote ones: OPF-014). :func:`check_stylesheet`
refuses each of these with a message naming the line, before any book is written.
"""

from __future__ import annotations

import re

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CLOSERS = {"{": "}", "(": ")", "[": "]"}
_FORBIDDEN_PROPERTY_RE = re.compile(r"(?<![\w-])(direction|unicode-bidi)\s*:", re.IGNORECASE)
_URL_RE = re.compile(r"(?<![\w-])(?:url|src|image|image-set|-webkit-image-set)\s*\(", re.IGNORECASE)
_CHARSET_RE = re.compile(r'@charset\s+"utf-8"\s*;', re.IGNORECASE)


class StylesheetProblem(ValueError):
    """Why a style sheet would make the book invalid."""


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _skeleton(text: str) -> str:
    """``text`` with comments and strings blanked (same length, line ends kept), checking
    that each is closed."""
    out = list(text)
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("/*", index):
            end = text.find("*/", index + 2)
            if end < 0:
                raise StylesheetProblem(f"line {_line(text, index)}: a comment is not closed")
            for k in range(index, end + 2):
                out[k] = "\n" if text[k] == "\n" else " "
            index = end + 2
            continue
        if char in "\"'":
            k = index + 1
            while k < len(text) and text[k] != char:
                if text[k] == "\\":
                    k += 1
                elif text[k] in "\n\r\f":
                    break
                k += 1
            if k >= len(text) or text[k] != char:
                raise StylesheetProblem(f"line {_line(text, index)}: a string is not closed on its line")
            for j in range(index + 1, k):
                out[j] = "\n" if text[j] == "\n" else "x"
            index = k + 1
            continue
        index += 1
    return "".join(out)


def check_stylesheet(data: bytes) -> str:
    """The style sheet's text if a book may ship it; else a :class:`StylesheetProblem`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StylesheetProblem(f"not UTF-8 (byte {error.start}); EPUB style sheets must be UTF-8") from None
    text = text.removeprefix("\ufeff")
    if bad := _CONTROL_RE.search(text):
        raise StylesheetProblem(f"line {_line(text, bad.start())}: a control character (U+{ord(bad.group()):04X})")
    skeleton = _skeleton(text)
    charset = skeleton.lower().find("@charset")
    if charset >= 0 and (skeleton[:charset].strip() or not _CHARSET_RE.match(text, charset)):
        raise StylesheetProblem(f'line {_line(text, charset)}: only a first @charset "UTF-8"; is allowed')
    if (found := re.search(r"@import\b", skeleton, re.IGNORECASE)) is not None:
        raise StylesheetProblem(f"line {_line(text, found.start())}: @import names a file the book does not hold")
    if (found := _URL_RE.search(skeleton)) is not None:
        raise StylesheetProblem(
            f"line {_line(text, found.start())}: {found.group().rstrip('( ').lower()}() names a file the book does not hold"
        )
    stack: list[tuple[str, int]] = []
    prelude_start: int | None = None
    for index, char in enumerate(skeleton):
        if char in _CLOSERS:
            stack.append((char, index))
        elif char in "})]":
            if not stack or _CLOSERS[stack[-1][0]] != char:
                raise StylesheetProblem(f"line {_line(text, index)}: {char!r} closes nothing")
            stack.pop()
        if stack:
            continue
        if char == "}" or (char == ";" and prelude_start is not None and skeleton[prelude_start] == "@"):
            prelude_start = None
        elif char == ";":
            raise StylesheetProblem(f"line {_line(text, index)}: a ';' outside any block")
        elif not char.isspace() and prelude_start is None and char not in ")]":
            prelude_start = index
    if stack:
        opener, index = stack[-1]
        raise StylesheetProblem(f"line {_line(text, index)}: {opener!r} is not closed")
    if prelude_start is not None:
        raise StylesheetProblem(f"line {_line(text, prelude_start)}: a rule without its {{ block }}")
    if (found := _FORBIDDEN_PROPERTY_RE.search(skeleton)) is not None:
        raise StylesheetProblem(
            f"line {_line(text, found.start())}: the {found.group(1).lower()!r} property is not allowed in EPUB "
            "(the text direction comes from the book)"
        )
    return text
