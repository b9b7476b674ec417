"""Text made safe for the e-book, and the few words the book prints itself.

Every string of the model passes :func:`clean` (:func:`convert_core.exportkit.xml_text`)
before it reaches the XML serializer, so a hostile page still gives a valid book. Labels (``目录``, ``图片``...) follow the page's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

from convert_core import exportkit

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

LABELS: dict[str, dict[str, str]] = {
    "zh-Hans": {
        "contents": "目录",
        "photo": "图片",
        "untitled": "（无标题）",
        "source": "据",
        "pages": "个版面",
        "colon": "：",
        "landmarks": "导览",
    },
    "zh-Hant": {
        "contents": "目錄",
        "photo": "圖片",
        "untitled": "（無標題）",
        "source": "據",
        "pages": "個版面",
        "colon": "：",
        "landmarks": "導覽",
    },
    "en": {
        "contents": "Contents",
        "photo": "Photo",
        "untitled": "(untitled)",
        "source": "Source: ",
        "pages": " pages",
        "colon": ": ",
        "landmarks": "Guide",
    },
}


#: ``text`` without the characters XML forbids or HTML rejects (``None`` gives ``""``).
clean = exportkit.xml_text
#: A well-formed BCP 47 tag for a language value (``und`` when it is not one).
language_tag = exportkit.language_tag


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: not only spaces, format marks or controls."""
    if text.isprintable():  # checked in C: no character but the ASCII space is Z* or C*
        return bool(text.strip(" "))
    return any(unicodedata.category(char)[0] not in "ZC" for char in text)


def shown(text: str | None, fallback: str) -> str:
    """``text`` cleaned and stripped, or ``fallback`` when nothing of it would show."""
    value = clean(text).strip()
    return value if visible(value) else fallback


def short(text: str, limit: int = 30) -> str:
    """The start of ``text``, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def first_sentence(text: str, limit: int = 30) -> str:
    """The first sentence of ``text`` without its full stop, or its start cut at ``limit``."""
    text = " ".join(text.split())
    for index, char in enumerate(text[: limit + 1]):
        if char in "。！？!?":
            return text[:index] if char == "。" and index else text[: index + 1]
    return short(text, limit)


#: The label set of a language (``zh-Hans``, ``zh-Hant``, ``en``); asked for at every label.
script_of = functools.lru_cache(maxsize=256)(exportkit.label_set)


def labels(language: str) -> dict[str, str]:
    """The words the book prints itself, in the page's language."""
    return LABELS[script_of(language)]


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date, or ``None`` when ``value`` is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def long_date(value: str | None, language: str, *, inferred: bool = False) -> str:
    """``2020年4月28日 星期二`` (Chinese) or ``Tuesday, 28 April 2020``; ``""`` when unknown.

    An ``inferred`` date (the year guessed) has no weekday, which the year decides, and is
    marked: ``2020年4月28日（年份推断）``."""
    day = parse_date(value)
    if day is None:
        return clean(value).strip()
    mark = exportkit.INFERRED_MARK[script_of(language)] if inferred else ""
    if script_of(language) == "en":
        if inferred:
            return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}{mark}"
        return f"{_WEEKDAYS_EN[day.weekday()]}, {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    if inferred:
        return f"{day.year}年{day.month}月{day.day}日{mark}"
    return f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS_ZH[day.weekday()]}"


#: ``第3版`` for page ``3`` (``Page 3`` in English); a page like ``A04`` as it is.
page_label = exportkit.page_label
