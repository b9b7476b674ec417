"""Pages from crawled e-paper RSS feeds kept in git: every version of every feed file.

The ifyuls feeds are written by python-feedgen: one ``<item>`` per article, titled
``[01版：要闻] headline``, the article page's HTML in ``<description>``, items in the order of
the paper's page list (版面 by 版面, each in its article list order). A daily job replaces
the feed and archives the previous one under ``history/``, so each day's feed survives in
some commit; partial crawls of a day survive too. :func:`collect` reads them all and keeps,
for each date and page, the most complete version.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gitmirror import Version, read_blobs, versions
from page import Record, SourcePage

PAGE_LABEL = re.compile(r"^\[\s*(\d+)\s*版\s*[:：]\s*([^\]]*)\]\s*")


@dataclass
class FeedItem:
    title: str
    link: str
    html: str


@dataclass
class ParsedItem:
    """What a source makes of one feed item: the page it is printed on and its record."""

    date: str
    page: str
    section: str | None
    record: Record


def feed_items(data: bytes) -> list[FeedItem]:
    """The items of an RSS file, in file order."""
    root = ET.fromstring(data)
    return [
        FeedItem(item.findtext("title") or "", item.findtext("link") or "", item.findtext("description") or "")
        for item in root.iterfind("./channel/item")
    ]


def page_label(title: str) -> tuple[str, str | None] | None:
    """``("1", "要闻")`` from an item title ``[01版：要闻] …``."""
    match = PAGE_LABEL.match(title)
    if not match:
        return None
    return str(int(match.group(1))), match.group(2).strip() or None


def record_id(link: str) -> str:
    """The article's id in its site: the last part of its URL without ``.html``."""
    return re.sub(r"\.html?$", "", link.rstrip("/").rsplit("/", 1)[-1])


def _score(page: SourcePage) -> tuple[int, int]:
    """How complete a version of a page is: records with a body, then characters of body."""
    bodies = [r for r in page.records if any(b.text for b in r.blocks)]
    return len(bodies), sum(len(b.text) for r in bodies for b in r.blocks)


def collect(
    gitdir: Path,
    repo: str,
    pin: str,
    paths: tuple[str, ...],
    paper: str,
    parse_item: Callable[[FeedItem], ParsedItem | None],
) -> tuple[list[SourcePage], dict[str, int]]:
    """The pages of every feed version up to ``pin``, one version per (date, page), and counts
    of what was read and left out."""
    found = versions(gitdir, pin, paths)
    contents = read_blobs(gitdir, [v.blob for v in found])
    stats = {"feed versions": len(found), "items": 0, "items left out": 0}
    best: dict[tuple[str, str], tuple[tuple[int, int], SourcePage]] = {}
    page_versions = 0
    for version in found:
        for page in _pages_of(contents[version.blob], version, repo, paper, parse_item, stats):
            page_versions += 1
            key = (page.date, page.page)
            score = _score(page)
            if key not in best or score > best[key][0]:
                best[key] = (score, page)
    pages = [page for _, page in sorted(best.values(), key=lambda entry: (entry[1].date, int(entry[1].page)))]
    stats["page versions read"] = page_versions
    return pages, stats


def _pages_of(
    data: bytes,
    version: Version,
    repo: str,
    paper: str,
    parse_item: Callable[[FeedItem], ParsedItem | None],
    stats: dict[str, int],
) -> list[SourcePage]:
    pages: dict[tuple[str, str], SourcePage] = {}
    for item in feed_items(data):
        stats["items"] += 1
        parsed = parse_item(item)
        if parsed is None:
            stats["items left out"] += 1
            continue
        key = (parsed.date, parsed.page)
        if key not in pages:
            origin = {"repo": repo, "commit": version.commit, "path": version.path, "blob": version.blob}
            pages[key] = SourcePage(paper, parsed.date, parsed.page, parsed.section, [], origin)
        if all(r.record_id != parsed.record.record_id for r in pages[key].records):
            pages[key].records.append(parsed.record)
    return list(pages.values())
