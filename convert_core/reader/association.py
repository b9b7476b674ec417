"""Which story a stand-alone photo belongs to.

A picture printed beside a story, whose caption names the same place or people, belongs
to it even when the page prints it apart (a photo between two stories, a picture above
its story's headline). :func:`link_photos` looks at the stories just before and after
each photo in reading order and links the photo (``Photo.article``) to the one whose
text the caption echoes most, when the echo is plain: the caption's character pairs found
in the story's title and first paragraphs, each weighed by how rare it is among the
page's stories (``卫东区`` in every story of a district page says nothing), and a
photographer who signed that story alone.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from ..model import Article, Document, Photo
from ..regex_cache import regex

#: A caption must echo its story at least this much (weighed share of its character pairs).
MIN_ECHO = 0.15
#: ... and clearly more than the other neighbour.
MARGIN = 0.08
#: How much of a story (title and first paragraphs) a caption is compared with.
REACH = 800
#: What the character pairs skip: marks, spaces and stop characters (one pattern: a
#: ``str.translate`` deleting the stop characters costs more than the whole match). One
#: character at a time: deleting runs (``[...]+``) gives the same text, 25% slower.
_UNPAIRED_RE = regex(r"[\W_的了在和是与为对等及以中上下日月年]")
#: The characters of :data:`_UNPAIRED_RE` a page's text holds most (in the corpus's pages,
#: nearly half of what it deletes), deleted first by ``str.replace``: the pattern's pass
#: costs little a character but some 150 ns a match, and what is deleted first is not
#: matched (the same text is left: each is a character the pattern deletes wherever it
#: stands). The seed's stories and captions: 165 -> 77 µs.
COMMON_UNPAIRED = ("，", "的", "。", "、")


def _pairs(text: str, among: set[int] | None = None) -> set[int]:
    """Every two neighbouring characters of the text (marks, spaces and stop characters
    left out), each pair as one integer; with ``among``, only the pairs it holds."""
    for char in COMMON_UNPAIRED:
        text = text.replace(char, "")
    core = _UNPAIRED_RE.sub("", text)
    if len(core) < 2:
        return set()
    # In UTF-32 each character takes 4 bytes, so the buffer read as 8-byte integers gives
    # the pairs that start at even positions, and read from its second character those at
    # odd ones: three times faster than making a two-character string of every pair.
    data = core.encode("utf-32-le", "surrogatepass")
    even, odd = (data, data[4:-4]) if len(core) % 2 == 0 else (data[:-4], data[4:])
    if among is None:
        return set(memoryview(even).cast("Q")).union(memoryview(odd).cast("Q"))
    found = among.intersection(memoryview(even).cast("Q"))  # no set of all the pairs built
    found.update(among.intersection(memoryview(odd).cast("Q")))
    return found


def story_text(article: Article, reach: int = REACH) -> str:
    """The story's title and first paragraphs, up to ``reach`` characters."""
    parts = [article.kicker or "", article.headline, article.subheadline or ""]
    size = sum(map(len, parts))
    for block in article.paragraphs:
        if size >= reach:
            break
        parts.append(block.text)
        size += len(block.text)
    return "".join(parts)[:reach]


def pair_weights(pairs: set[int], holders: dict[int, int], stories: int) -> dict[int, float]:
    """A caption's character pairs with their weights: a pair that ``k`` of the page's
    ``stories`` hold (``holders``) weighs ``1 - (k - 1) / (stories - 1)`` (1 when one story
    or none holds it: only the pairs several hold are weighed one by one)."""
    weights = dict.fromkeys(pairs, 1.0)
    if stories > 1:
        for pair in pairs.intersection(holders):
            count = holders[pair]
            if count > 1:
                weights[pair] = 1.0 - (count - 1) / (stories - 1)
    return weights


def echo(weights: dict[int, float], story: set[int]) -> float:
    """Weighed share of the caption's character pairs (:func:`pair_weights`) that the
    story's pairs (``story``) hold."""
    total = sum(weights.values())
    # the weights of the pairs the story holds, added in the caption's order (in C)
    return sum(map(weights.__getitem__, filter(story.__contains__, weights))) / total if total else 0.0


def link_photos(document: Document) -> int:
    """Link each stand-alone photo to the story beside it that its caption plainly
    belongs to; returns how many were linked."""
    items = document.items
    captions = {
        index: _pairs(" ".join(item.caption))
        for index, item in enumerate(items)
        if isinstance(item, Photo) and item.caption and not item.article
    }
    if not captions:
        return 0
    in_captions = set().union(*captions.values())
    articles = [item for item in items if isinstance(item, Article) and item.headline]
    # each story's pairs that a caption holds (no other pair is ever looked up)
    texts = {id(article): _pairs(story_text(article), in_captions) for article in articles}
    # how many stories hold each pair of a caption: counted once, so pages stay linear
    holders: dict[int, int] = Counter(chain.from_iterable(texts.values()))
    signed: dict[str, int] = {}
    for article in articles:
        for name in {person.name for person in article.bylines}:
            signed[name] = signed.get(name, 0) + 1
    before, after = _beside_pictures(items)
    linked = 0
    for index, pairs in captions.items():
        item = items[index]
        weights = pair_weights(pairs, holders, len(texts))
        scored: list[tuple[float, int, Article]] = []
        for order, other in enumerate((before[index], after[index])):  # a gallery: past the other pictures
            article = items[other] if 0 <= other < len(items) else None
            if not isinstance(article, Article) or not article.headline:
                continue
            value = echo(weights, texts[id(article)])
            names = {person.name for person in article.bylines}
            if any(person.name in names and signed.get(person.name) == 1 for person in item.credits):
                value += 0.15  # the story's reporter took the picture (and signed no other story)
            scored.append((value, -order, article))
        scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        if not scored or scored[0][0] < MIN_ECHO:
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
            continue  # both stories echo it: no plain answer
        item.article = scored[0][2].id
        linked += 1
    return linked


def _beside_pictures(items: list[Article | Photo]) -> tuple[list[int], list[int]]:
    """For each item, the index of the nearest item before it and after it that is no
    picture (-1 or ``len(items)`` when there is none): found in two passes, so that a page
    of thousands of pictures in a row stays linear (each caption walked past the whole
    gallery: 6,000 photos took 13 s, 12,000 four times that)."""
    before, after = [-1] * len(items), [len(items)] * len(items)
    last = -1
    for index, item in enumerate(items):
        before[index] = last
        if not isinstance(item, Photo):
            last = index
    last = len(items)
    for index in range(len(items) - 1, -1, -1):
        after[index] = last
        if not isinstance(items[index], Photo):
            last = index
    return before, after
