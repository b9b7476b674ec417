"""Repair of OCR letter-spacing: ``全 县 早 稻 长 势 喜 人`` -> ``全县早稻长势喜人``.

OCR of a scanned page often puts a space between every pair of Chinese characters of
a line. Such a line is recognised by a leading run of one-character tokens (each one
ideograph, perhaps with a bracket or punctuation mark attached); inside the run single
spaces are removed and wider gaps (``本 报 记 者  陈 晓 东``: label, then name) become one
space. Padded names in an ordinary byline (``记者 赵 刚 李 明``) are shorter than a run and
start after a label of two or more characters, so they are left alone.
"""

from __future__ import annotations

from ..model import Diagnostic
from ..regex_cache import regex
from .lines import Line
from .text import HAN, line_list

# one ideograph (or one full-width digit) with an opening or closing mark attached, or
# marks standing alone between the spaced characters (``本 报 讯 （ 记 者 …``)
_SPACED_TOKEN_RE = regex(
    rf"^(?:[（(“《【]?(?:{HAN}|[０-９])[）)”》】，。、：；！？]*|[（(“《【）)”》】，。、：；！？]{{1,3}})$"
)
_GAP_RE = regex(r"(\s+)")
#: a run of at least this many one-character tokens marks a spaced line
RUN = 5
#: once the page shows spaced lines, shorter runs (a three-character masthead) are spaced too
PAGE_RUN = 3


#: How many gaps :func:`_leading_run` splits at first (a longer run: the whole line).
_FIRST_GAPS = 8


def _leading_run(text: str) -> tuple[int, int]:
    """(number of one-character tokens at the start of ``text``, end offset of the run)."""
    head = text[:4]
    if " " not in head and "\u3000" not in head:
        return 0, 0  # a spaced line has a gap within its first token or two
    first = _GAP_RE.search(text)
    if first.start() and not _SPACED_TOKEN_RE.match(text, 0, first.start()):  # type: ignore[union-attr]
        return 0, 0  # the first token is no spaced character (本报讯 (记者…): no run, no split
    # the first tokens only: most runs end at the first or second (a paragraph after
    # 本报讯 would be split whole); the rest, still holding its gaps, is no token
    parts = _GAP_RE.split(text, _FIRST_GAPS)
    count, end, stop = _run_of(parts)
    if stop >= len(parts) - 1 and len(parts) > 2 * _FIRST_GAPS:
        count, end, _ = _run_of(_GAP_RE.split(text))  # the run reached the rest: the whole line
    return count, end


def _run_of(parts: list[str]) -> tuple[int, int, int]:
    """:func:`_leading_run` of a line split at its gaps (tokens, then gaps, alternating),
    and the index of the part that ended the run (``len(parts)``: none did)."""
    count = 0
    end = 0
    offset = 0
    for index, part in enumerate(parts):
        if index % 2:  # a gap
            offset += len(part)
            continue
        if not part:
            continue
        if not _SPACED_TOKEN_RE.match(part):
            return count, end, index
        count += 1
        offset += len(part)
        end = offset
    return count, end, len(parts)


def _collapse(text: str, end: int) -> str:
    run, rest = text[:end], text[end:]
    tokens = _GAP_RE.split(run)
    out: list[str] = []
    for index, part in enumerate(tokens):
        if index % 2:
            out.append(" " if len(part) >= 2 or "\u3000" in part else "")
        else:
            out.append(part)
    return "".join(out) + (" " + rest.strip() if rest.strip() else "")


def collapse_ocr_spacing(lines: list[Line]) -> list[Diagnostic]:
    """Remove OCR letter-spacing from the lines of a page, in place."""
    runs = [_leading_run(line.text) for line in lines]
    if max(runs, default=(0, 0))[0] < RUN:  # (the longest run: any(count >= RUN ...) without a generator)
        return []
    touched: list[int] = []
    for line, (count, end) in zip(lines, runs):
        if count >= PAGE_RUN and (count >= RUN or end == len(line.text.rstrip())):
            line.text = _collapse(line.text, end)
            touched.append(line.no)
    if not touched:
        return []
    return [
        Diagnostic(
            "ocr-spacing-collapsed",
            f"removed the OCR spaces between single characters on {len(touched)} line(s): {line_list(touched)}",
            touched[0],
            "info",
        )
    ]
