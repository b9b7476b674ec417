"""Line breaking and justification for the typesetter: Chinese and Latin text.

Chinese text may break between any two characters except where the rules of 禁则 forbid it:
no closing mark (``。，、”）》…``) at a line start — one that would be is squeezed into the line
before (挤进), or when it cannot be, the character before it is pushed to the next line — no
opening mark (``“（《``) at a line end, and no break inside a run of Latin
letters or digits (``2800``, ``GDP``). Latin text breaks at spaces and, when a line would be
loose, inside long words with a hyphen. Lines are justified by spreading the slack over the
gaps between characters (Chinese: ``Tc``) or between words (Latin: ``Tw``); a paragraph's last
line is set flush left.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from .typefaces import Face, face_for

Align = Literal["justify", "left", "center", "right"]

NO_LINE_START = frozenset("，。、；：？！）】》」』〉〕”’…—·%‰,.;:?!)]}>％々ー～・℃")
NO_LINE_END = frozenset("（【《「『〈〔“‘([{<")
#: Full-width marks whose glyphs are half blank: one of them may be squeezed into a full line.
SQUEEZABLE = frozenset("，。、；：？！”’）】》」』")
_VOWELS = frozenset("aeiouyàâäéèêëïîôöùûüAEIOUY")


def _latinish(char: str) -> bool:
    return (char.isascii() and (char.isalnum() or char in ".,%'-+/:&@#_")) or (char.isalpha() and ord(char) < 0x2E80)


@dataclass(frozen=True)
class Span:
    """A run of text of one role in one typeface chain (``faces``: first choice, then fallbacks).
    ``part`` numbers the paragraph or caption line it belongs to within its item."""

    text: str
    faces: tuple[Face, ...]
    role: str = "body"
    part: int = 0


@dataclass
class Run:
    """Characters of one face and role drawn together: ``x`` from the line's left edge, in points;
    ``char_space`` and ``word_space`` are the PDF ``Tc`` and ``Tw`` the run is drawn with."""

    text: str
    face: Face
    x: float
    advance: float
    char_space: float
    word_space: float
    role: str
    part: int

    @property
    def ink_width(self) -> float:
        """Width from the first glyph's left edge to the last glyph's right edge."""
        return self.advance - self.char_space


@dataclass
class SetLine:
    """A line of type ready to draw: its runs, the type size and the measure it was set to."""

    runs: list[Run]
    size: float
    measure: float

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def extent(self) -> tuple[float, float]:
        """Left and right edge of the ink, from the line's left edge."""
        if not self.runs:
            return 0.0, 0.0
        return self.runs[0].x, self.runs[-1].x + self.runs[-1].ink_width


@dataclass
class Shaped:
    """A paragraph resolved to faces: per character its face, width (em), role, part and whether
    a line may break before it."""

    chars: list[str]
    faces: list[Face]
    widths: list[float]
    roles: list[str]
    parts: list[int]
    breaks: list[bool]
    spaces: list[bool]
    prefix: list[float]
    missing: str

    def width(self, start: int, end: int) -> float:
        return self.prefix[end] - self.prefix[start]


@functools.lru_cache(maxsize=4096)
def shape(spans: tuple[Span, ...]) -> Shaped:
    """Resolve each character to a face of its span's chain; note where breaks are allowed."""
    chars: list[str] = []
    faces: list[Face] = []
    widths: list[float] = []
    roles: list[str] = []
    parts: list[int] = []
    missing: list[str] = []
    for span in spans:
        for char in span.text:
            face, shown = face_for(char, span.faces)
            if shown != char:
                missing.append(char)
            chars.append(shown)
            faces.append(face)
            widths.append(face.width(shown))
            roles.append(span.role)
            parts.append(span.part)
    spaces = [c == " " for c in chars]
    breaks = [False] * len(chars)
    for i in range(1, len(chars)):
        before, char = chars[i - 1], chars[i]
        if spaces[i] or spaces[i - 1]:
            breaks[i] = spaces[i - 1] and not spaces[i] and char not in NO_LINE_START
        elif char in NO_LINE_START or before in NO_LINE_END:
            breaks[i] = False
        elif _latinish(before) and _latinish(char):
            breaks[i] = before == "-" and char.isalpha() and i >= 2 and chars[i - 2].isalpha()
        else:
            breaks[i] = True
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    return Shaped(chars, faces, widths, roles, parts, breaks, spaces, prefix, "".join(missing))


def _hyphen_point(shaped: Shaped, word_start: int, limit: int, room: float, hyphen: float) -> int | None:
    """The last place in the word from ``word_start`` where a hyphen fits in ``room`` em
    (three letters at least on each side, before a consonant that a vowel follows)."""
    word_end = word_start
    while word_end < len(shaped.chars) and shaped.chars[word_end].isalpha():
        word_end += 1
    if word_end - word_start < 7:
        return None
    best = None
    for p in range(word_start + 3, word_end - 2):
        if shaped.width(word_start, p) + hyphen > room:
            break
        before, here, after = shaped.chars[p - 1], shaped.chars[p], shaped.chars[p + 1]
        if here not in _VOWELS and after in _VOWELS and (before in _VOWELS or shaped.chars[p - 2] in _VOWELS):
            best = p  # a|ga (before one consonant) or or|ga (between two)
    return best if best is not None and best <= limit else None


@functools.lru_cache(maxsize=8192)
def break_lines(
    spans: tuple[Span, ...], measure: float, first_indent: float = 0.0, hyphenate: bool = False
) -> tuple[tuple[int, int, bool], ...]:
    """Break a paragraph into lines of ``measure`` em (the first indented by ``first_indent`` em):
    ``(start, end, hyphenated)`` character ranges, trailing spaces left out."""
    shaped = shape(spans)
    chars, widths, spaces, breaks = shaped.chars, shaped.widths, shaped.spaces, shaped.breaks
    n = len(chars)
    lines: list[tuple[int, int, bool]] = []
    start = 0
    while start < n and spaces[start]:
        start += 1
    while start < n:
        room = measure - (first_indent if not lines else 0.0)
        x = 0.0
        i = start
        last_break = None
        while i < n:
            if i > start and breaks[i]:
                last_break = i
            if x + widths[i] > room + 1e-6 and i > start and not spaces[i]:
                break
            x += widths[i]
            i += 1
        if i >= n:
            end = n
            while end > start and spaces[end - 1]:
                end -= 1
            lines.append((start, end, False))
            break
        cut = last_break if last_break is not None and last_break > start else i
        if chars[i] in SQUEEZABLE and (i + 1 >= n or chars[i + 1] not in NO_LINE_START) and i - start > 4:
            cut = i + 1  # a closing mark that would start the next line is squeezed into this one
        hyphenated = False
        if hyphenate and chars[i].isalpha():
            word_start = cut if cut != i else i
            while word_start > start and chars[word_start - 1].isalpha():
                word_start -= 1
            used = shaped.width(start, word_start)
            if used < room * 0.9:
                hyphen = shaped.faces[word_start].width("-")
                point = _hyphen_point(shaped, word_start, i, room - used, hyphen)
                if point is not None:
                    cut, hyphenated = point, True
        end = cut
        while end > start and spaces[end - 1]:
            end -= 1
        lines.append((start, end, hyphenated))
        start = cut
        while start < n and spaces[start]:
            start += 1
    return tuple(lines)


def set_line(
    shaped: Shaped,
    start: int,
    end: int,
    hyphenated: bool,
    size: float,
    measure: float,
    *,
    indent: float = 0.0,
    align: Align = "justify",
    latin: bool = False,
) -> SetLine:
    """Set characters ``start:end`` of a shaped paragraph on a line of ``measure`` points."""
    chars = shaped.chars[start:end]
    natural = shaped.width(start, end) * size
    if hyphenated:
        natural += shaped.faces[end - 1].width("-") * size
    count = len(chars) + hyphenated
    room = measure - indent
    char_space = word_space = 0.0
    offset = indent
    if align == "justify" and count > 1:
        slack = room - natural
        n_spaces = sum(shaped.spaces[start:end])
        if latin and n_spaces and slack > 0 and all(f.kind == "standard" for f in shaped.faces[start:end]):
            word_space = slack / n_spaces
        else:
            char_space = slack / (count - 1)
    elif align == "center":
        offset += max(0.0, (room - natural) / 2)
    elif align == "right":
        offset += max(0.0, room - natural)
    runs: list[Run] = []
    x = offset
    i = start
    while i < end:
        face, role, part = shaped.faces[i], shaped.roles[i], shaped.parts[i]
        j = i
        while j < end and shaped.faces[j] is face and shaped.roles[j] == role and shaped.parts[j] == part:
            j += 1
        text = "".join(shaped.chars[i:j])
        advance = shaped.width(i, j) * size
        if hyphenated and j == end:
            text += "-"
            advance += face.width("-") * size
        advance += len(text) * char_space
        advance += text.count(" ") * word_space if face.kind == "standard" else 0.0
        runs.append(Run(text, face, x, advance, char_space, word_space, role, part))
        x += advance
        i = j
    return SetLine(runs, size, measure)


@functools.lru_cache(maxsize=16384)
def set_paragraph(
    spans: tuple[Span, ...],
    size: float,
    measure: float,
    *,
    indent_em: float = 0.0,
    align: Align = "justify",
    latin: bool = False,
    hyphenate: bool = False,
) -> tuple[SetLine, ...]:
    """A paragraph set on lines of ``measure`` points: justified (last line flush left),
    or aligned left, centred or right; the first line indented by ``indent_em`` (cached: the
    lines are shared, not to be changed)."""
    shaped = shape(spans)
    ranges = break_lines(spans, round(measure / size, 4), indent_em, hyphenate)
    lines = []
    for number, (start, end, hyphenated) in enumerate(ranges):
        last = number == len(ranges) - 1
        line_align: Align = "left" if align == "justify" and last else align
        indent = indent_em * size if number == 0 else 0.0
        lines.append(
            set_line(shaped, start, end, hyphenated, size, measure, indent=indent, align=line_align, latin=latin)
        )
    return tuple(lines)


def balanced_lines(
    spans: tuple[Span, ...], size: float, measure: float, *, max_lines: int = 3
) -> tuple[float, int] | None:
    """For a headline: the narrowest measure (points, at most ``measure``) that keeps the fewest
    lines, so that wrapped lines come out about equal; ``None`` when more than ``max_lines``."""
    count = len(break_lines(spans, round(measure / size, 4)))
    if count > max_lines:
        return None
    if count == 1:
        return measure, 1
    low, high = measure / count, measure
    for _ in range(12):
        mid = (low + high) / 2
        if len(break_lines(spans, round(mid / size, 4))) <= count:
            high = mid
        else:
            low = mid
    return high, count
