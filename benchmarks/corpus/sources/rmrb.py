"""People's Daily (人民日报) of 2026, from the feeds of ``ifyuls/rmrb-rss``.

Each item is the article page of paper.people.com.cn: ``<h3>`` kicker (引题), ``<h1>``
headline, ``<h2>`` subheadline (副题), the author line in ``<p class="sec">`` before the
date, the body's ``<p>`` in ``<div id="ozoom">`` (indented with ``　　`` by the site), bold
``<p>`` as subheads, pictures with their captions in ``data-original-title``.

Only pages of 2021 or later are read: People's Daily of 2019–2020 is reserved for the
project's hidden evaluation and refused outright (see ``build.FORBIDDEN``).
"""

from __future__ import annotations

from pathlib import Path

import htmltree
from page import Record, SourcePage, clean_line

from sources import epaperhtml, rssfeed

REPO = "ifyuls/rmrb-rss"
PIN = "55223c56882b2723e67b90eef30cd8b465aff262"
PATHS = ("rmrb_fulltext.xml", "history")
PAPER = "rmrb"
NAME = "人民日报"
LANGUAGE = "zh-Hans"


def parse_item(item: rssfeed.FeedItem) -> rssfeed.ParsedItem | None:
    label = rssfeed.page_label(item.title)
    tree = htmltree.parse(item.html)
    article = tree.find("div", cls="article")
    if label is None or article is None:
        return None  # the first crawls kept only the body (no headline stack, no author)
    stamp = article.find("span", cls="newstime")
    date = epaperhtml.iso_date(stamp.text()) if stamp else None
    headline = article.find("h1")
    if date is None or headline is None or not clean_line(headline.text()):
        return None
    kicker, subheadline, sec = article.find("h3"), article.find("h2"), article.find("p", cls="sec")
    author = clean_line(sec.text(skip=lambda e: "date" in e.classes())) if sec else ""
    record = Record(
        record_id=rssfeed.record_id(item.link),
        headline=clean_line(headline.text()),
        kicker=(clean_line(kicker.text()) or None) if kicker else None,
        subheadline=(clean_line(subheadline.text()) or None) if subheadline else None,
        author=author or None,
        blocks=epaperhtml.blocks(article.find("div", id="ozoom")),
    )
    return rssfeed.ParsedItem(date, label[0], label[1], record)


def pages(gitdir: Path) -> tuple[list[SourcePage], dict[str, int]]:
    return rssfeed.collect(gitdir, REPO, PIN, PATHS, PAPER, parse_item)
