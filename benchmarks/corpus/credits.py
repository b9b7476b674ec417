"""Datelines, bylines and photo credits, read from the fields a source gives — or not at all.

Every function here answers ``None`` when it cannot read its input with certainty; the gold
then leaves the field out (unknown) instead of guessing.
"""

from __future__ import annotations

import re

SPACE = r"[\s\u3000\xa0]"
#: ``本报北京8月19日电``, ``新华社北京8月19日电``, ``据新华社波哥大8月18日电``, ``本报讯``.
DATELINE = re.compile(
    r"^(?P<dateline>据?(?:本报|新华社|中新社|人民网|新华网|央视网|央广网|光明日报|经济日报|学习时报)"
    r"(?:[^\s\u3000\xa0（()，。：:、]{1,12}?\d{1,2}月\d{1,2}日电|[^\s\u3000\xa0（()，。：:、]{0,12}?电|讯))"
    rf"(?=[\s\u3000\xa0（(]){SPACE}*(?:[（(](?P<credit>[^（）()]{{1,60}})[）)]{SPACE}*)?(?P<rest>.*)$",
    re.S,
)
#: Role words of bylines, longest first; a token such as ``本报记者`` or ``记者邱超奕`` holds one.
ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("摄影记者", "photographer"),
    ("特约通讯员", "correspondent"),
    ("见习记者", "reporter"),
    ("特约记者", "reporter"),
    ("通讯员", "correspondent"),
    ("实习生", "trainee"),
    ("记者", "reporter"),
)
#: What may stand before a role word: the paper or agency (``本报``, ``新华社``, ``人民网``),
#: then a rank (``首席记者``).
ORGANISATION = re.compile(r"^(?:本报|新华社|中新社|人民网|新华网|央视网|央广网|人民日报|光明日报|经济日报)?(?:首席)?$")
NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+)$")
#: Tokens that have a name's length but are not names (columns, desks, groups).
NOT_NAME = re.compile(r"评论员|评论部|编辑部|课题组|调研组|党组|本报|专栏|读者|网友|编者|综合|整理")
SINGLE = re.compile(r"^[\u4e00-\u9fff]$")
SEPARATORS = re.compile(r"[\s\u3000\xa0\u200b]+")
#: A photo credit line: ``叶功富摄（影像中国）``, ``本报记者  张武军摄``, ``蓝箭航天供图（新华社发）``.
PHOTO_CREDIT = re.compile(
    rf"^(?P<who>[^，。；：！？“”,;:!?]{{1,30}}?){SPACE}*(?P<kind>摄影报道|摄|供图)"
    rf"(?:{SPACE}*[（(][^（）()]{{1,16}}[）)])?$"
)


#: What marks an author line printed over a body: ``◆韩浩月``, ``文/付秀宏``.
AUTHOR_MARK = re.compile(rf"^(?:[◆■□●▲★◇]|文{SPACE}*[/／]){SPACE}*")


#: ``摄影报道`` closing a byline: the names took the pictures too.
PHOTO_REPORT = re.compile(rf"{SPACE}+摄影报道$")


def unmarked(line: str) -> str:
    """An author line without the mark a paper prints before it: ``◆韩浩月`` gives ``韩浩月``."""
    return AUTHOR_MARK.sub("", line)


def split_dateline(paragraph: str) -> tuple[str, str | None, str] | None:
    """``(dateline, credit, rest)`` when a first paragraph opens with a dateline:
    ``本报北京8月19日电  （记者潘俊强）19日，…`` gives ``("本报北京8月19日电", "记者潘俊强", "19日，…")``."""
    match = DATELINE.match(paragraph)
    if not match or not match.group("rest").strip():
        return None
    return match.group("dateline"), match.group("credit"), match.group("rest")


def lead_in(paragraph: str, rest: str) -> str:
    """The text printed before ``rest`` at the start of ``paragraph``."""
    return paragraph[: len(paragraph) - len(rest)].rstrip()


def _names(text: str) -> list[str] | None:
    """Names spaced as papers print them: ``徐  隽  魏哲哲`` is 徐隽 and 魏哲哲 (two-character
    names get a gap to fill three columns); ``吴雨、任军`` two names."""
    tokens = [t for part in re.split(r"[、，,]", text) for t in SEPARATORS.split(part) if t]
    names: list[str] = []
    pending = ""
    for token in tokens:
        if SINGLE.match(token):
            if pending:
                names.append(pending + token)
                pending = ""
            else:
                pending = token
        elif pending or not NAME.match(token) or NOT_NAME.search(token):
            return None
        else:
            names.append(token)
    return None if pending else names


def people(text: str, *, default_role: str | None) -> list[tuple[str, str]] | None:
    """The (role, name) pairs of a byline: ``本报记者  徐  隽  魏哲哲`` gives two reporters;
    names before any role word take ``default_role`` (``None``: such a byline is not read).
    ``None`` when any part is not a role word or a name."""
    text = text.replace("\u200b", "").strip()
    photographed = PHOTO_REPORT.search(text)
    if photographed:  # ``本报记者  孙中钦  陈炅玮  摄影报道``: they wrote it and took its pictures
        text = text[: photographed.start()]
    if not text:
        return None
    found: list[tuple[str, str]] = []
    role = default_role
    chunk: list[str] = []

    def flush() -> bool:
        if not chunk:
            return True
        names = _names(" ".join(chunk))
        if names is None or role is None:
            return False
        found.extend((role, name) for name in names)
        chunk.clear()
        return True

    for token in SEPARATORS.split(text):
        if not token:
            continue
        hit = next(((word, r) for word, r in ROLE_WORDS if word in token), None)
        if hit is None:
            chunk.append(token)
            continue
        word, new_role = hit
        before, after = token.split(word, 1)
        if not ORGANISATION.match(before) or not flush():
            return None
        role = new_role
        if after:
            chunk.append(after)
    if not flush() or not found:
        return None
    if photographed:
        found += [("photographer", name) for _, name in found]
    return found


def photo_credit(line: str) -> tuple[str, str] | None:
    """The credit a caption's credit line gives: ``("photographer", "叶功富")`` from
    ``叶功富摄（影像中国）``; ``("contributor", "蓝箭航天")`` from ``蓝箭航天供图``. ``None``
    when the line is not a credit or names several people."""
    match = PHOTO_CREDIT.match(line.strip())
    if not match:
        return None
    who, kind = match.group("who").strip(), match.group("kind")
    if kind == "供图":
        return ("contributor", who) if not SEPARATORS.search(who) and len(who) <= 12 else None
    found = people(who, default_role="photographer")
    if found is None or len(found) != 1:
        return None
    return "photographer", found[0][1]


def is_photo_credit(line: str) -> bool:
    """Whether a line has the shape of a photo credit (whether or not its names can be read)."""
    return PHOTO_CREDIT.match(line.strip()) is not None
