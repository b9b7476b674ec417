"""Article-level gold for ALTO pages, read from an issue's METS logical structure.

Two METS profiles are read:

* **docWorks / ENMAP** (BnF's Europeana pages, the BnL's Luxembourg papers): the logical
  ``structMap`` nests ``ARTICLE`` divs whose ``HEADING`` holds ``TITLE``, ``OVERLINE``
  (a kicker) and ``SUBHEADLINE`` divs and whose ``BODY`` holds ``PARAGRAPH``/``TEXT``
  divs; each leaf points at ALTO ``TextBlock`` ids (``area BEGIN="P1_TB00005"``) of a file
  of the ``fileSec`` (``FILEID``).
* **British Library** (BLIP packages): ``ARTICLE`` divs are empty; ``smLinkGrp`` links each
  article to physical ``pagearea`` divs, and each page area is a range of ALTO ``String``
  ids (``BEGIN="word000233" END="word000234"``). The profile names no titles.

Texts are the ALTO words joined by spaces; a word cut at a line's end (an ``HYP`` element
follows it) is joined to the next word without the hyphen, as the printed word reads.
Stdlib only (``xml.etree``): the files come from a pinned mirror of a known repository.
"""

from __future__ import annotations

import difflib
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

XLINK = "{http://www.w3.org/1999/xlink}"
#: Divs whose text is left out of the gold, with the reason the manifest gives.
SKIPPED = {
    "ADVERTISEMENT": "advertisement",
    "ADVERT": "advertisement",
    "TITLE_SECTION": "masthead",
    "TABLE": "table",
    "ILLUSTRATION": "illustration",
    "IMAGE": "picture",
    "CAPTION": "caption",
    "AUTHOR": "author line",
    "PUBLISHING_STMT": "publishing statement",
}


def local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


@dataclass
class Token:
    """A word of an ALTO page: its text and whether a line-end hyphen (``HYP``) cuts it."""

    text: str
    cut: bool = False
    line: int = 0


@dataclass
class AltoText:
    """The words of one ALTO file, by block and by word id, in document order."""

    words: list[Token] = field(default_factory=list)
    by_word: dict[str, int] = field(default_factory=dict)
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def text(self, start: int, end: int) -> str:
        """The words ``start..end`` (inclusive) as one text."""
        out = ""
        for token in self.words[start : end + 1]:
            out += token.text if token.cut else token.text + " "
        return " ".join(out.split())

    def one_line(self, begin: str, end: str) -> bool:
        """Whether the word range ``begin..end`` lies on one printed line."""
        if begin not in self.by_word or end not in self.by_word:
            return False
        return self.words[self.by_word[begin]].line == self.words[self.by_word[end]].line

    def block_text(self, block_id: str) -> str | None:
        span = self.blocks.get(block_id)
        return self.text(*span) if span else None

    def range_text(self, begin: str, end: str) -> str | None:
        if begin not in self.by_word or end not in self.by_word:
            return None
        return self.text(self.by_word[begin], self.by_word[end])


def read_alto(data: bytes) -> AltoText:
    """The words of an ALTO file. ``TextBlock`` and ``TextLine`` ids both name spans."""
    alto = AltoText()
    root = ET.fromstring(data)
    lines = 0
    for element in root.iter():
        name = local(element.tag)
        if name == "TextLine":
            lines += 1
        elif name == "String" and element.get("CONTENT"):
            if element.get("ID"):
                alto.by_word[element.get("ID", "")] = len(alto.words)
            alto.words.append(Token(element.get("CONTENT", ""), line=lines))
        elif name == "HYP" and alto.words:
            alto.words[-1].cut = True
    # spans of blocks and lines: the words their subtree holds
    position = 0

    def walk(element: ET.Element) -> None:
        nonlocal position
        name = local(element.tag)
        ident = element.get("ID") if name in ("TextBlock", "TextLine", "ComposedBlock") else None
        begin = position
        if name == "String" and element.get("CONTENT"):
            position += 1
        for child in element:
            walk(child)
        if ident and position > begin:
            alto.blocks[ident] = (begin, position - 1)

    walk(root)
    for token in alto.words[-1:]:
        token.cut = False
    return alto


@dataclass
class Part:
    """A piece of an article on one page: its role (``title``, ``kicker``, ``subheadline``,
    ``paragraph``), the ALTO file it is in and its reference there (a block id, or a
    ``(begin, end)`` word range)."""

    role: str
    file: str
    ref: str | tuple[str, str]


@dataclass
class Article:
    """An article of an issue: its METS id and label, and its parts in logical order."""

    ident: str
    label: str
    parts: list[Part] = field(default_factory=list)


@dataclass
class Issue:
    """An issue's METS: its ALTO files (``FILEID`` to a path relative to the METS), the
    pages in order (``FILEID``), its articles, and what was skipped (reason to count)."""

    files: dict[str, str]
    pages: list[str]
    articles: list[Article]
    skipped: dict[str, int]


def _files(root: ET.Element) -> dict[str, str]:
    files: dict[str, str] = {}
    for element in root.iter():
        if local(element.tag) != "file":
            continue
        for child in element:
            if local(child.tag) == "FLocat":
                href = child.get(f"{XLINK}href", "")
                href = href.removeprefix("file://").removeprefix("./")
                files[element.get("ID", "")] = posixpath.normpath(href)
    return files


def _struct_map(root: ET.Element, kind: str) -> ET.Element | None:
    return next((e for e in root.iter() if local(e.tag) == "structMap" and (e.get("TYPE") or "").upper() == kind), None)


def _areas(div: ET.Element) -> Iterator[ET.Element]:
    """The ``area`` elements of a div's own ``fptr`` (not of its child divs), in order."""
    for child in div:
        if local(child.tag) == "fptr":
            for element in child.iter():
                if local(element.tag) == "area":
                    yield element


def _divs(div: ET.Element) -> Iterator[ET.Element]:
    return (child for child in div if local(child.tag) == "div")


def _docworks(root: ET.Element, alto_files: set[str]) -> tuple[list[Article], dict[str, int]]:
    logical = _struct_map(root, "LOGICAL")
    articles: list[Article] = []
    skipped: dict[str, int] = {}

    def collect(div: ET.Element, role: str, article: Article | None) -> None:
        kind = (div.get("TYPE") or "").upper()
        if kind in SKIPPED:
            reason = SKIPPED[kind]
            skipped[reason] = skipped.get(reason, 0) + 1
            return
        if kind == "ARTICLE":
            article = Article(div.get("ID", ""), div.get("LABEL", ""))
            articles.append(article)
            role = "paragraph"
        elif kind in ("TITLE", "HEADLINE"):
            role = "title"
        elif kind == "OVERLINE":
            role = "kicker"
        elif kind == "SUBHEADLINE":
            role = "subheadline"
        for area in _areas(div):
            if area.get("FILEID") in alto_files and area.get("BEGIN"):
                if article is None:
                    skipped["text outside articles"] = skipped.get("text outside articles", 0) + 1
                else:
                    article.parts.append(Part(role, area.get("FILEID", ""), area.get("BEGIN", "")))
        for child in _divs(div):
            collect(child, role, article)

    if logical is not None:
        for div in _divs(logical):
            collect(div, "paragraph", None)
    return articles, skipped


def _british_library(root: ET.Element, alto_files: set[str]) -> tuple[list[Article], dict[str, int]]:
    areas: dict[str, tuple[str, tuple[str, str]]] = {}
    physical = _struct_map(root, "PHYSICAL")
    if physical is not None:
        for div in physical.iter():
            if local(div.tag) != "div" or (div.get("TYPE") or "") != "pagearea":
                continue
            for area in _areas(div):
                if area.get("FILEID") in alto_files and area.get("BEGIN"):
                    ref = (area.get("BEGIN", ""), area.get("END") or area.get("BEGIN", ""))
                    areas[div.get("ID", "")] = (area.get("FILEID", ""), ref)
    logical = _struct_map(root, "LOGICAL")
    kinds = {div.get("ID", ""): (div.get("TYPE") or "").upper() for div in (logical.iter() if logical else ())}
    linked: dict[str, list[str]] = {}
    for group in root.iter():
        if local(group.tag) != "smLinkGrp":
            continue
        hrefs = [link.get(f"{XLINK}href", "").lstrip("#") for link in group if local(link.tag) == "smLocatorLink"]
        if hrefs and hrefs[0] in kinds:
            linked.setdefault(hrefs[0], []).extend(h for h in hrefs[1:] if h in areas)
    articles: list[Article] = []
    skipped: dict[str, int] = {}
    for ident, kind in kinds.items():
        if kind in SKIPPED:
            skipped[SKIPPED[kind]] = skipped.get(SKIPPED[kind], 0) + 1
        elif kind == "ARTICLE":
            article = Article(ident, "")
            article.parts = [Part("paragraph", areas[a][0], areas[a][1]) for a in linked.get(ident, [])]
            articles.append(article)
    return articles, skipped


def read_mets(data: bytes) -> Issue:
    """An issue's METS: its ALTO files, pages and articles (either profile)."""
    root = ET.fromstring(data)
    files = _files(root)
    alto_files = {ident for ident, path in files.items() if path.lower().endswith(".xml")}
    physical = _struct_map(root, "PHYSICAL")
    pages: list[str] = []
    if physical is not None:
        for element in physical.iter():
            ident = element.get("FILEID")
            if local(element.tag) in ("area", "fptr") and ident in alto_files and ident not in pages:
                pages.append(ident)
    if any(local(e.tag) == "smLinkGrp" for e in root.iter()):
        articles, skipped = _british_library(root, alto_files)
    else:
        articles, skipped = _docworks(root, alto_files)
    return Issue({k: files[k] for k in alto_files}, pages, articles, skipped)


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def split_title(blocks: list[str], label: str) -> tuple[list[str], str, list[str]]:
    """An article's title blocks as (kicker blocks, headline, subheadline blocks). The
    METS label (the archive's title of the article, typed by hand) names the headline
    when the title has several blocks and the label reads as one of them (``HALBE ORNE`` /
    ``Galdor tesk`` / ``pem ume`` labelled ``Galdor tesk``); otherwise the blocks are one headline."""
    if len(blocks) < 2 or not _letters(label):
        return [], " ".join(blocks), []
    wanted = _letters(label)
    scores = [difflib.SequenceMatcher(None, _letters(block), wanted).ratio() for block in blocks]
    best = max(range(len(blocks)), key=lambda index: scores[index])
    whole = difflib.SequenceMatcher(None, _letters(" ".join(blocks)), wanted).ratio()
    if scores[best] < 0.8 or whole >= scores[best]:
        return [], " ".join(blocks), []
    return blocks[:best], blocks[best], blocks[best + 1 :]


def page_gold(issue: Issue, file_id: str, alto: AltoText, *, titles: bool) -> tuple[list[dict], dict[str, int]]:
    """The gold items of one page: each article with a part on it, in the issue's logical
    order, with the texts of its parts on this page. With ``titles`` (the profile marks
    titles) an article's headline is its title blocks here (``""`` when it has none here: a
    continued or untitled article), its kicker its overline and its subheadline its
    subheadline blocks (``null``: none). Without (the BL), the first page area of an
    article that has several here is its headline when it is one printed line; kicker and
    subheadline are left out (not scored). A title of several blocks is cut by
    :func:`split_title`."""
    items: list[dict] = []
    missing = {"parts with no words in the ALTO (empty or missing blocks)": 0}
    for article in issue.articles:
        texts: dict[str, list[str]] = {"title": [], "kicker": [], "subheadline": [], "paragraph": []}
        here = [part for part in article.parts if part.file == file_id]
        if not titles and len(here) > 1 and isinstance(here[0].ref, tuple) and alto.one_line(*here[0].ref):
            here[0] = Part("title", here[0].file, here[0].ref)
        for part in here:
            ref = part.ref
            text = alto.range_text(*ref) if isinstance(ref, tuple) else alto.block_text(ref)
            if text is None:
                missing["parts with no words in the ALTO (empty or missing blocks)"] += 1
            elif text:
                texts[part.role].append(text)
        if not any(texts.values()):
            continue
        item: dict = {"type": "article", "id": article.ident}
        before, headline, after = split_title(texts["title"], article.label)
        if titles:
            item["kicker"] = " ".join(texts["kicker"] + before) or None
        item["headline"] = headline
        if titles:
            item["subheadline"] = " ".join(after + texts["subheadline"]) or None
        item["paragraphs"] = texts["paragraph"]
        items.append(item)
    return items, missing
