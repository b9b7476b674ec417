"""Which story a stand-alone photo belongs to.

A picture printed beside a story, whose caption names the same place or people, belongs
to it even when the page prints it apart (a photo between two stories, a picture above
its story's headline). :func:`link_photos` looks at the stories just before and after
each photo in reading order and links the photo (``Photo.article``) to the one whose
text the caption echoes most, when the echo is plain: a share of the caption's
character pairs found in the story, and a photographer the story also names.
"""

from __future__ import annotations

from ..model import Article, Document, Photo
from .text import is_cjk

#: A caption must echo its story at least this much (share of its character pairs).
MIN_ECHO = 0.15
#: ... and clearly more than the other neighbour.
MARGIN = 0.08
_STOPS = frozenset("的了在和是与为对等及以中在上下日月年")


def _pairs(text: str) -> set[str]:
    core = "".join(char for char in text if (is_cjk(char) and char not in _STOPS) or char.isalnum())
    return {core[i : i + 2] for i in range(len(core) - 1)}


def _story_text(article: Article, reach: int = 1_200) -> str:
    parts = [article.kicker or "", article.headline, article.subheadline or ""]
    parts += [block.text for block in article.paragraphs]
    return "".join(parts)[:reach]


def echo(caption: str, article: Article, rarity: dict[str, float] | None = None) -> float:
    """Share of the caption's character pairs that the story's title and first
    paragraphs repeat, each pair weighed by how rare it is on the page (``rarity``;
    ``卫东区`` in every story of a district page says nothing)."""
    pairs = _pairs(caption)
    if not pairs:
        return 0.0
    story = _story_text(article)
    weights = {pair: (rarity or {}).get(pair, 1.0) for pair in pairs}
    total = sum(weights.values())
    return sum(weight for pair, weight in weights.items() if pair in story) / total if total else 0.0


def _rarity(articles: list[Article]) -> dict[str, float]:
    """Per character pair of the page's stories: 1 when one story has it, less the more
    stories share it (0 when all do)."""
    counts: dict[str, int] = {}
    for article in articles:
        for pair in _pairs(_story_text(article)):
            counts[pair] = counts.get(pair, 0) + 1
    total = len(articles)
    if total <= 1:
        return {}
    return {pair: 1.0 - (count - 1) / (total - 1) for pair, count in counts.items()}


def _score(photo: Photo, article: Article, rarity: dict[str, float], reporters: dict[str, int]) -> float:
    value = echo(" ".join(photo.caption), article, rarity)
    names = {person.name for person in article.bylines}
    if any(person.name in names and reporters.get(person.name) == 1 for person in photo.credits):
        value += 0.15  # the story's reporter took the picture (and signed no other story)
    return value


def link_photos(document: Document) -> int:
    """Link each stand-alone photo to the story beside it that its caption plainly
    belongs to; returns how many were linked."""
    items = document.items
    articles = [item for item in items if isinstance(item, Article) and item.headline]
    rarity = _rarity(articles)
    reporters: dict[str, int] = {}
    for article in articles:
        for name in {person.name for person in article.bylines}:
            reporters[name] = reporters.get(name, 0) + 1
    linked = 0
    for index, item in enumerate(items):
        if not isinstance(item, Photo) or item.article or not item.caption:
            continue
        neighbours: list[Article] = []
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(items) and isinstance(items[other], Photo):
                other += step  # a gallery: look past the other pictures
            if 0 <= other < len(items) and isinstance(items[other], Article) and items[other].headline:
                neighbours.append(items[other])  # type: ignore[arg-type]
        scored = sorted(
            ((_score(item, article, rarity, reporters), order, article) for order, article in enumerate(neighbours)),
            reverse=True,
        )
        if not scored or scored[0][0] < MIN_ECHO:
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
            continue  # both stories echo it: no plain answer
        item.article = scored[0][2].id
        linked += 1
    return linked
