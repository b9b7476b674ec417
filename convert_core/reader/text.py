"""Character classes and small text predicates shared by the reader's modules."""

from __future__ import annotations

import re
import unicodedata

#: Ideographs, including the extension blocks and compatibility ideographs.
CJK_RANGES = (
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\U00020000", "\U0003134f"),
)
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK = f"[{CJK_CLASS}]"

#: Marks that can end a sentence (and so a paragraph).
SENTENCE_END = "。！？!?…"
#: Marks that may close a sentence after its final mark: quotes and brackets.
CLOSERS = "”’\"'）)】」』》〉］]"
#: Marks that can end a paragraph besides sentence ends (a list item, an introduction).
PARAGRAPH_END = SENTENCE_END + "：:；;"
#: Clause punctuation: a line holding one of these in the middle is text, not a headline.
CLAUSE_MARKS = "，,；;。"
#: Bullets that open byline lines and briefs (■本报记者, ▲...).
BULLETS = "■□◆◇●○▲△▼▽★☆◎※•·▪▫►▶◉➤"
#: All whitespace that can pad Chinese text, the full-width space included.
SPACE_RE = re.compile(r"[\s\u3000\u00a0\u2002-\u200a\u202f\u205f]+")

_OPENERS_RE = re.compile(f"^[{re.escape(CLOSERS)}]+")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph."""
    return any(low <= char <= high for low, high in CJK_RANGES)


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return sum(1 for char in text if is_cjk(char))


def visible_length(text: str) -> float:
    """Length as a reader sees it: ideographs count 1, Latin letters and digits 0.5."""
    total = 0.0
    for char in text:
        if char.isspace():
            continue
        total += 0.5 if char.isascii() else 1.0
    return total


def squeeze(text: str) -> str:
    """Strip ``text`` and collapse every run of whitespace inside it to one space."""
    return SPACE_RE.sub(" ", text).strip()


def strip_closers(text: str) -> str:
    """``text`` without its trailing quotes and closing brackets."""
    return text.rstrip(CLOSERS + " ")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with a sentence-final mark (quotes and brackets after it allowed)."""
    core = strip_closers(text)
    if not core:
        return False
    if core[-1] in SENTENCE_END:
        return True
    # "……" and "......" are ellipses
    return core.endswith("...") or core.endswith("……")


def ends_paragraph(text: str) -> bool:
    """Whether a paragraph can end after ``text`` (sentence end, colon or semicolon)."""
    core = strip_closers(text)
    if not core:
        return False
    if core[-1] in PARAGRAPH_END or ends_sentence(text):
        return True
    # a closing bracket after which nothing follows: （完） （据新华社）
    return text.rstrip().endswith(("）", ")")) and text.lstrip().startswith(("（", "("))


def starts_as_continuation(text: str) -> bool:
    """Whether ``text`` looks like the rest of a cut sentence: it opens with a mark that
    never starts a sentence, or with a single character and then a comma (``步,确保``)."""
    if not text:
        return False
    if text[0] in "，,、；;：:。.！!？?）)》」』】”’":
        return True
    return re.match(r"^[^，,、；;：:。\s“‘\"「『《（(][，,、；;：:。]", text) is not None


def nfkc_key(text: str) -> str:
    """``text`` folded for comparisons: NFKC and no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def strip_opening_closers(text: str) -> str:
    return _OPENERS_RE.sub("", text)
