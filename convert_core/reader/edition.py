"""Edition metadata: publication, date, page and section of the page.

Taken, in this order of trust, from options the user gave, from the page header and
e-paper date lines printed on the page, from a full date in the text, and last by
inference: the year most often named in the text and the day after the latest event
date the text mentions (``4月26日，…`` in a paper of the 27th). An inferred date is
recorded as such (``date_source: "inferred"``) with a diagnostic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..model import Diagnostic, Document
from ..regex_cache import regex
from .furniture import (
    BARE_PAPER,
    FULL_DATE_RE,
    ISO_DATE_RE,
    PUBLICATION_RE,
    WEEKDAY_RE,
    chinese_date,
    page_number,
    without_staff,
)
from .text import HAN, cre

# written to start with 月 and 年 (the year's digits looked behind at, the month's read in
# Python): a pattern that starts with a character, not a class of digits, is searched for
# as fast as str.find. What comes before a date (至5月1日, 将于…, 截至…: not an event date)
# is checked in Python
_EVENT_DAY_RE = cre(r"月(?P<d>\d{1,2})日(?=[，,上下中晚早凌傍午夜起前后、]|$)")
_NOT_EVENT_BEFORE = ("至", "到", "和", "与", "、", "～", "~", "-", "—", "将于", "截至", "與", "將於")
_YEAR_RE = cre(r"年(?<=(?P<y>(?:19|20)\d{2})年)")
_OWN_LINE_DATE_RE = cre(
    r"^[ \t\u3000]*((?:19|20)\d{2})[ \t\u3000]*年[ \t\u3000]*(\d{1,2})[ \t\u3000]*月[ \t\u3000]*(\d{1,2})[ \t\u3000]*日[ \t\u3000]*$",
    re.M,
)


def own_line_dates(text: str) -> list[re.Match[str]]:
    """``_OWN_LINE_DATE_RE.finditer(text)``: the full dates printed on a line of their own,
    asked only at the start of the lines that hold 年 (the pattern's one literal). Under
    ``re.M`` a pattern led by ``^`` is tried at every character of the page (about 10 ns
    each: 30 µs on the seed page); a match lies within one line, from its start, so it is
    the one :meth:`re.Pattern.match` finds at that line's start."""
    found = []
    at = text.find("年")
    while at != -1:
        match = _OWN_LINE_DATE_RE.match(text, text.rfind("\n", 0, at) + 1)
        if match is not None:
            found.append(match)
        end = text.find("\n", at)
        if end == -1:
            break
        at = text.find("年", end)
    return found


_YEAR_BEFORE_RE = regex(r"(?P<y>(?:19|20)\d{2})[ \t\u3000]*年[ \t\u3000]*\Z")  # the year of a month's full date
_DAY_AFTER_YEAR_RE = cre(r"年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")  # FULL_DATE_RE after the year
_SECTION_RE = cre(
    r"(?:第\s*(?:[A-Za-z]?\s*\d{1,3}|[一二三四五六七八九十]{1,3})\s*版|(?<![A-Za-z\d])[A-Z]\d{1,2}(?:\s*版)?|(?<![\w])\d{1,3}\s*版)"
    rf"\s*[:：|｜·]?\s*(?P<section>{HAN}(?:{HAN}|·){{1,9}})"
)

# A3 2025年3月4日 星期二 市场·行情 华信证券报: the section after the weekday
_SECTION_AFTER_DAY_RE = cre(
    rf"(?:星期|周)[一二三四五六日天]\s+(?:[A-Z]?\d{{1,3}}\s+)?(?:{HAN}{{2,8}}(?:报|电讯)\s+)?"
    rf"(?P<section>{HAN}(?:{HAN}|·){{1,9}}?)(?:\s|$)"
)  # 星期二 卫东新闻, 星期二 3 卫东新闻 (the page number between), 星期二 都市快报 要闻 (the paper's name)
# 评论 第7版: the section name before the page number
_SECTION_BEFORE_RE = cre(
    rf"(?:^|\s)(?!(?:星期|周)[一二三四五六日天]\s)(?P<section>{HAN}(?:{HAN}|·){{1,9}})\s*[:：|｜·]?\s*(?:第\s*[A-Za-z]?\s*\d{{1,3}}\s*版|[A-Z]\d{{1,2}}\s*版?)\s*$"
)


_BARE_PAPER_RE = cre(rf"(?:^|\s){BARE_PAPER}(?:\s|$)")
_QUOTED_PAPER_RE = cre(r"《\s*(?P<pub>[^《》\s]{2,20})\s*》")


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_in(text: str) -> str | None:
    for pattern in (FULL_DATE_RE, ISO_DATE_RE):
        match = pattern.search(text)
        if match:
            return _iso(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    numerals = chinese_date(text)
    return _iso(*numerals) if numerals else None


_BARE_PAGE_TOKEN_RE = regex(r"[A-Z]?\d{1,2}")


def bare_page(header: str) -> str | None:
    """A page number printed bare in a dated header line, the one short number standing
    alone in it: ``2025年6月20日　星期五　综合新闻　3　桐江报`` -> ``3``."""
    if not WEEKDAY_RE.search(header) or _date_in(header) is None:
        return None
    tokens = [token for token in header.split() if _BARE_PAGE_TOKEN_RE.fullmatch(token)]
    if len(tokens) != 1:
        return None
    return str(int(tokens[0])) if tokens[0].isdigit() else tokens[0]


def detect(document: Document, date_lines: list[str], body_text: str) -> None:
    """Fill the document's edition metadata from what the page shows."""
    meta = document.metadata
    # full-width digits (２０２４年６月１４日) read as ASCII ones
    headers = [f.text.translate(_FULLWIDTH_DIGITS) for f in document.furniture if f.kind == "page-header"]
    if len(headers) > 1:
        headers.append(" ".join(headers[:6]))  # a masthead printed over several lines: A02 / 综合 / date
    for header in headers:
        if meta.edition_date is None and (date := _date_in(header)):
            meta.edition_date, meta.date_source = date, "header"
        if meta.page is None and (page := page_number(header)):
            meta.page = page
        if meta.publication is None and (
            pub := PUBLICATION_RE.search(header) or _QUOTED_PAPER_RE.search(header) or _BARE_PAPER_RE.search(header)
        ):
            meta.publication = pub.group("pub")
        section = None
        if meta.section is None:
            bare = without_staff(header)  # (版面设计 吴九 A07: an editor, not the section)
            section = _SECTION_RE.search(bare) or _SECTION_BEFORE_RE.search(bare)
            section = section or _SECTION_AFTER_DAY_RE.search(bare)
        if (
            section
            and section.group("section") != meta.publication  # (星期二 都市快报: no section printed)
            and not section.group("section").startswith("农历")  # (星期二 农历庚子年四月初六: the lunar date)
        ):
            meta.section = section.group("section")
    if meta.page is None:
        meta.page = next(filter(None, (bare_page(header) for header in headers)), None)
    if meta.publication is None:
        names = [f.text.lstrip("_｜| ") for f in document.furniture if f.kind == "navigation"]
        suffixes = [name for name in names if PUBLICATION_RE.fullmatch(name)]
        if suffixes:
            meta.publication = Counter(suffixes).most_common(1)[0][0]
    if meta.edition_date is None:
        for line in date_lines:
            if date := _date_in(line):
                meta.edition_date, meta.date_source = date, "header"
                break
    if meta.edition_date is None:
        _infer_date(document, body_text)


def _full_dates(text: str) -> list[tuple[str, str, str]]:
    """Year, month and day of every full date in ``text``, as ``FULL_DATE_RE.finditer``
    finds them, searched from 年 (a literal, where the pattern starts with a class of
    digits): the year is the four characters before it and its spaces."""
    dates = []
    for match in _DAY_AFTER_YEAR_RE.finditer(text):
        end = match.start()
        while end and text[end - 1].isspace():  # (\s is str.isspace)
            end -= 1
        year = text[end - 4 : end] if end >= 4 else ""
        if year[:2] in ("19", "20") and year[2:].isdecimal():
            dates.append((year, match.group("m"), match.group("d")))
    return dates


def _announced(text: str, start: int, event: re.Match[str], own: str) -> bool:
    """Whether the event date whose month starts at ``start`` is the month and day of a
    full date later than ``own`` (the date printed on a line of its own): one the text
    announces (``2027年7月20日，…将喜迎…``), not an event before the page."""
    year = _YEAR_BEFORE_RE.search(text, max(0, start - 8), start)
    if year is None:
        return False
    date = _iso(int(year.group("y")), int(text[start : event.start()]), int(event.group("d")))
    return date is not None and date > own


def _month_start(text: str, month: int) -> int | None:
    """Where the month's one or two digits before ``月`` (at ``month``) start, as
    ``\\d\\d?月`` matches them (``\\d``: a decimal digit); ``None`` without one."""
    if month >= 2 and text[month - 2].isdecimal() and text[month - 1].isdecimal():
        return month - 2
    if month >= 1 and text[month - 1].isdecimal():
        return month - 1
    return None


def _infer_date(document: Document, text: str) -> None:
    meta = document.metadata
    full = [_iso(int(year), int(month), int(day)) for year, month, day in _full_dates(text)]
    full_dates = sorted(date for date in full if date)
    # a full date printed on a line of its own (a signature's: 佳木斯大学 / 2026年7月20日) is
    # the page's time; one in a sentence may be one the text announces (2027年7月20日，…将喜迎
    # 八十华诞) or recalls: the latest such line's, when there is one
    own = sorted(date for date in (_iso(*map(int, m.groups())) for m in own_line_dates(text)) if date)
    if full_dates and own:
        full_dates = [date for date in full_dates if date <= own[-1]]
    events = [
        (int(text[start : m.start()]), int(m.group("d")))
        for m in _EVENT_DAY_RE.finditer(text)
        if (start := _month_start(text, m.start())) is not None
        and not (start > 0 and text[start - 1].isdigit())
        and not text[max(0, start - 2) : start].endswith(_NOT_EVENT_BEFORE)
        and not (own and _announced(text, start, m, own[-1]))
    ]
    events = [(month, day) for month, day in events if 1 <= month <= 12 and 1 <= day <= 31]
    if not events:
        if full_dates:
            meta.edition_date, meta.date_source = full_dates[-1], "text"
            which = "printed on a line of its own" if own else "in the text"
            document.diagnostics.append(
                Diagnostic(
                    "edition-date-from-text",
                    f"edition date taken from the latest full date {which} ({full_dates[-1]})",
                )
            )
        return
    if full_dates:
        year = int(full_dates[-1][:4])
        reason = "the latest full date printed on a line of its own" if own else "the latest full date in the text"
    else:  # the year the text names most often (counted only here: most pages have a full date)
        years = Counter(
            int(m.group("y"))
            for m in _YEAR_RE.finditer(text)
            if not (m.start("y") > 0 and text[m.start("y") - 1].isdigit())
        )
        if not years:
            return
        top = max(years.values())
        year = max(candidate for candidate, count in years.items() if count == top)
        reason = f"the year the text names most often ({year}年, {years[year]} times)"
    month, day = max(events)
    event = dt.date(year, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    edition = event + dt.timedelta(days=1)
    meta.edition_date, meta.date_source = edition.isoformat(), "inferred"
    document.diagnostics.append(
        Diagnostic(
            "edition-date-inferred",
            f"no date printed on the page: inferred {edition.isoformat()}, the day after the latest event date "
            f"the text mentions ({month}月{day}日), with the year from {reason}",
            None,
            "info",
        )
    )
