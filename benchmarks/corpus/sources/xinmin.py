"""Xinmin Evening News (新民晚报), Shanghai: the sample of ``shenxingy/Chinese_newspaper_crawler``.

``Sample_Datasets/XinMin.csv`` holds, for each page of 1–3 April 2022, the page's lead article
only (the crawler reads the article its page view opens with): ``special_title`` (引题),
``title``, ``subtitle``, ``content`` (the paragraphs run together, each opened by four
spaces; a closing byline after two), ``date`` and ``ban`` (``第2/3版:上海新闻``). So each page
here is *incomplete*: one article of the page, marked ``complete: false`` in the manifest.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import credits
from gitmirror import read_file
from page import Block, Record, SourcePage, clean_line

REPO = "shenxingy/Chinese_newspaper_crawler"
PIN = "35a294b4758ed16de3b1968989c1085d60294ebb"
PATH = "Sample_Datasets/XinMin.csv"
PAPER = "xmwb"
NAME = "新民晚报"
LANGUAGE = "zh-Hans"

PAGE = re.compile(r"^第\s*([\d/]+)\s*版\s*[:：]\s*(.*)$")
PARAGRAPH_GAP = re.compile(r"[ \u3000\xa0]{4,}")
CLOSING_GAP = re.compile(r"[ \u3000\xa0]{2,}(?=(?:本报|特约)?(?:首席)?(?:记者|通讯员))")
#: Punctuation of a sentence, which no author line holds.
SENTENCE = re.compile(r"[，。！？；：,.!?;:“”\"]")
#: A student's school and class after the name (``许瓒  北京市第一七一中学  初三(20)班``).
SCHOOL = re.compile(r"学校|中学|小学|大学|学院|[初高][一二三]|班")


def _closing(paragraphs: list[str]) -> str | None:
    """Take the closing byline (``本报记者  左妍``) off the last paragraph when it can be read."""
    if not paragraphs:
        return None
    last = paragraphs[-1]
    if credits.people(last, default_role=None):
        paragraphs.pop()
        return last
    parts = CLOSING_GAP.split(last)
    if len(parts) == 2 and credits.people(parts[1], default_role=None):
        paragraphs[-1] = parts[0].rstrip()
        return parts[1]
    return None


def _opening(paragraphs: list[str]) -> tuple[str | None, bool]:
    """Take the author line the crawler kept as the first paragraph off the body.

    The line printed under the title (``◆韩浩月``, ``文/付秀宏``, ``首席记者  潘高峰``, a bare
    name, a student's name with school and class) is the record's author line, not a
    paragraph. Returns the line as printed and whether its bylines can be
    asserted: only a marked line or one with a role word; a bare word may be a column's label
    (``求助``) and a pen name has no telling form, so those are not scored.
    """
    if len(paragraphs) < 2:
        return None, False
    first = paragraphs[0]
    if len(first) > 40 or SENTENCE.search(first):
        return None, False
    rest = credits.unmarked(first)
    marked = rest != first or any(word in rest for word, _ in credits.ROLE_WORDS)
    if credits.people(rest, default_role="writer"):
        paragraphs.pop(0)
        return first, marked
    tokens = [t for t in re.split(r"[ \u3000\xa0]+", rest) if t]
    if len(tokens) > 1 and credits.NAME.match(tokens[0]) and SCHOOL.search(" ".join(tokens[1:])):
        paragraphs.pop(0)
        return first, False
    return None, False


def pages(gitdir: Path) -> tuple[list[SourcePage], dict[str, int]]:
    rows = list(csv.DictReader(io.StringIO(read_file(gitdir, PIN, PATH).decode("utf-8-sig"))))
    origin = {"repo": REPO, "commit": PIN, "path": PATH}
    found: list[SourcePage] = []
    stats = {"rows": len(rows), "rows without an article (page pointers)": 0}
    for row in rows:
        match = PAGE.match(row["ban"].strip())
        paragraphs = [p.strip() for p in PARAGRAPH_GAP.split(row["content"]) if p.strip()]
        if not match or sum(map(len, paragraphs)) < 40:
            stats["rows without an article (page pointers)"] += 1
            continue
        closing = _closing(paragraphs)
        author, author_known = _opening(paragraphs)
        record = Record(
            record_id=row["url"].rsplit("/", 1)[-1].removesuffix(".htm"),
            headline=clean_line(row["title"]),
            kicker=clean_line(row["special_title"]) or None,
            subheadline=clean_line(row["subtitle"]) or None,
            author=author,
            blocks=[Block(p) for p in paragraphs],
            closing=closing,
            bylines_known=author_known if author else closing is not None,
        )
        found.append(
            SourcePage(PAPER, row["date"], match.group(1), match.group(2).strip() or None, [record], origin, False)
        )
    return found, stats
