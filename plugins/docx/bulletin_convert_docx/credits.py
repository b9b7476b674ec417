"""Byline and picture-credit lines in the page's script.

Simplified pages use :mod:`convert_core.exportkit`'s lines unchanged; traditional pages
(``zh-Hant``, ``zh-TW``, ``zh-HK``) get the same lines with traditional role labels
(記者, 通訊員, 攝), so a Hong Kong page does not mix scripts.
"""

from __future__ import annotations

from collections.abc import Sequence

from convert_core import exportkit
from convert_core.model import Article, Contributor, Photo

ROLE_LABELS_HANT = {
    "reporter": "記者",
    "correspondent": "通訊員",
    "photographer": "攝影",
    "editor": "編輯",
    "writer": "文",
    "trainee": "實習生",
    "graphics": "製圖",
    "translator": "翻譯",
    "contributor": "",
}


def _people(people: Sequence[Contributor]) -> str:
    groups: dict[str, list[str]] = {}
    for person in people:
        groups.setdefault(person.role, []).append(person.name)
    return " ".join(f"{ROLE_LABELS_HANT.get(role, '')} {' '.join(names)}".strip() for role, names in groups.items())


def byline(article: Article, traditional: bool) -> str:
    """``本报讯（记者 王孟鹤）``, or ``本報訊（記者 陳嘉欣）`` on a traditional page."""
    if not traditional:
        return exportkit.byline_line(article)
    people = _people(article.bylines)
    dateline = article.dateline or ""
    if dateline and people:
        return f"{dateline}（{people}）"
    return dateline or people


def credit(photo: Photo, traditional: bool) -> str:
    """``高鸿勋 摄``, or ``黃志明 攝`` on a traditional page."""
    if not traditional:
        return exportkit.credit_line(photo)
    parts = []
    for person in photo.credits:
        if person.role == "photographer":
            parts.append(f"{person.name} 攝")
        elif person.role == "graphics":
            parts.append(f"製圖 {person.name}")
        else:
            parts.append(person.name)
    return " ".join(parts)
