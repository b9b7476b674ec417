"""Study Times (学习时报), a weekly of theory and policy, from the feeds of ``ifyuls/xxsb-rss``.

Each item is the article page of paper.studytimes.cn: ``<h3 class="headline">`` kicker,
``<h1>`` headline, ``<h3 class="subtitle">`` subheadline, the author in the first
``<p class="datesource">`` (followed by a word count the crawler wrote in), the date and page
in the second, a ``<p class="summary">`` box, the body's ``<p>`` in ``<cms-content>`` (indented
by CSS, so the text has no indent), bold ``<p>`` as subheads.
"""

from __future__ import annotations

import re
from pathlib import Path

import htmltree
from page import Record, SourcePage, clean_line

from sources import epaperhtml, rssfeed

REPO = "ifyuls/xxsb-rss"
PIN = "ad6d64ec45125485d15e6f322a424639ca208948"
PATHS = ("rss_studytimes.xml", "history")
PAPER = "xxsb"
NAME = "学习时报"
LANGUAGE = "zh-Hans"

WORD_COUNT = re.compile(r"\s*字数\s*[:：]?\s*\d*\s*字?\s*$")


def _text(element: htmltree.Element | None) -> str | None:
    return (clean_line(element.text()) or None) if element is not None else None


def parse_item(item: rssfeed.FeedItem) -> rssfeed.ParsedItem | None:
    label = rssfeed.page_label(item.title)
    tree = htmltree.parse(item.html)
    content = tree.find("div", id="news_content")
    if label is None or content is None:
        return None
    dates = content.find_all("p", cls="datesource")
    date = next((d for p in dates if (d := epaperhtml.iso_date(p.text()))), None)
    headline = _text(content.find("h1"))
    if date is None or not headline or "抓取失败" in item.title or "解析失败" in item.title:
        return None
    author = None
    if dates:
        author = WORD_COUNT.sub("", clean_line(dates[0].text(skip=lambda e: e.attrs.get("id") == "wordcount"))) or None
    record = Record(
        record_id=rssfeed.record_id(item.link),
        headline=headline,
        kicker=_text(content.find("h3", cls="headline")),
        subheadline=_text(content.find("h3", cls="subtitle")),
        author=author,
        summary=_text(content.find("p", cls="summary")),
        blocks=epaperhtml.blocks(content.find("cms-content")),
    )
    return rssfeed.ParsedItem(date, label[0], label[1], record)


def pages(gitdir: Path) -> tuple[list[SourcePage], dict[str, int]]:
    return rssfeed.collect(gitdir, REPO, PIN, PATHS, PAPER, parse_item)
