"""The reader measured against gold: score one page, add up many.

>>> from convert_core import evaluate                                 # doctest: +SKIP
>>> gold = evaluate.load_gold("gold/page.expected.json")              # doctest: +SKIP
>>> document, text = evaluate.read_page(Path("page.txt"))             # doctest: +SKIP
>>> page = evaluate.score(document, gold, source_text=text)           # doctest: +SKIP
>>> evaluate.aggregate([page]).articles.f1                            # doctest: +SKIP

The metrics (the README's "Measuring the reader" says the same):

* **Texts** are compared normalized: NFKC, every whitespace character removed; ``None``
  and ``""`` are equal (:func:`normalize`).
* **Articles** are matched one to one by normalized headline: each gold article, in page
  order, takes the first predicted article not yet taken whose headline is equal (so a
  headline printed twice matches in order). Headline precision = matched / predicted,
  recall = matched / gold, F1 their harmonic mean. With nothing predicted precision is 1,
  with no gold article recall is 1, and F1 is 0 when both precision and recall are 0.
* **Fields of matched articles**, each counted only over the matched articles whose gold
  states the field (a field absent from the gold is unknown; ``null`` is known empty):
  ``kicker``, ``subheadline``, ``dateline``, ``column`` (texts equal); ``bylines`` (the
  multisets of (role, normalized name) equal, order ignored); ``paragraph_count``;
  ``paragraphs`` (all texts equal, in order); ``structure`` (kicker, subheadline and
  paragraph count all right, over the articles whose gold states all three).
  A predicted article's paragraphs are, against gold in the seed's ``expected`` format,
  its body blocks that have a text (paragraphs, subheads, quotes, unclassified blocks — as
  the seed's checker counts them), and against gold in our JSON form its paragraph blocks.
* **Photos** (stand-alone :class:`~convert_core.model.Photo` items) are matched one to one
  by caption: the character-bigram Dice coefficient of the normalized captions
  (:func:`dice`), pairs of at least 0.5 taken greedily, best first (ties: gold order, then
  predicted order). Precision, recall and F1 as for articles; on matched photos,
  ``caption`` (the caption paragraphs all equal, in order) and ``credit`` (the multisets of
  (role, normalized name) equal, over the photos whose gold states credits).
* **Characters lost**: the input's characters the document does not hold
  (:func:`convert_core.lossless.lost_characters`), when the page's text is given.
* **Totals** (:func:`aggregate`) add up the counts of all pages (micro averages) and also
  give the mean of the pages' headline F1 (``macro_f1``).
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .api import input_kind, parse, parse_pages, read_source
from .errors import UsageError
from .gold import TEXT_FIELDS, Gold, GoldArticle, GoldPhoto, Person, gold_from_dict, load_gold
from .lossless import lost_characters
from .model import Article, Contributor, Document, Figure, Photo
from .reader import MAX_INPUT_BYTES
from .reader.decoding import decode
from .reader.text import comparable
from .scorecard import ARTICLE_FIELDS, PHOTO_FIELDS, Detection, Mistake, PageScore, Tally, TotalScore

__all__ = [
    "ARTICLE_FIELDS",
    "PHOTO_FIELDS",
    "Detection",
    "Gold",
    "Mistake",
    "PageScore",
    "Tally",
    "TotalScore",
    "aggregate",
    "dice",
    "gold_from_dict",
    "load_gold",
    "match_captions",
    "match_headlines",
    "normalize",
    "read_page",
    "score",
]

#: The least caption similarity (bigram Dice) for a predicted photo to match a gold one.
PHOTO_MATCH = 0.5


#: A text as compared: NFKC, every whitespace and zero-width character removed (``None``
#: gives ``""``); the one comparison evaluation and alignment share.
normalize = comparable


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def dice(a: str, b: str) -> float:
    """The character-bigram Dice coefficient of two normalized texts:
    2·|common bigrams| / (|bigrams of a| + |bigrams of b|), counting repeats. Texts too
    short to have a bigram score 1 when equal and not empty, else 0."""
    first, second = _bigrams(a), _bigrams(b)
    size = sum(first.values()) + sum(second.values())
    if not size:
        return 1.0 if a and a == b else 0.0
    return 2 * sum((first & second).values()) / size


# ---------------------------------------------------------------------------- matching


def match_headlines(predicted: Sequence[str], gold: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of equal normalized headlines, one to one, in
    page order: each gold headline takes the first predicted one still free."""
    free: dict[str, deque[int]] = {}
    for index, headline in enumerate(predicted):
        free.setdefault(normalize(headline), deque()).append(index)
    pairs = []
    for index, headline in enumerate(gold):
        waiting = free.get(normalize(headline))
        if waiting:
            pairs.append((waiting.popleft(), index))
    return pairs


def match_captions(predicted: Sequence[str], gold: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of captions (normalized texts) whose
    :func:`dice` is at least :data:`PHOTO_MATCH`, chosen greedily best first."""
    scored = [
        (-similarity, g, p)
        for g, gold_text in enumerate(gold)
        for p, text in enumerate(predicted)
        if (similarity := dice(text, gold_text)) >= PHOTO_MATCH
    ]
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    pairs = []
    for _, g, p in sorted(scored):
        if p not in taken_p and g not in taken_g:
            taken_p.add(p)
            taken_g.add(g)
            pairs.append((p, g))
    return sorted(pairs, key=lambda pair: pair[1])


# ---------------------------------------------------------------------------- scoring


def _people(people: Iterable[Contributor] | Iterable[Person]) -> list[tuple[str, str]]:
    pairs = [(p.role, p.name) if isinstance(p, Contributor) else p for p in people]
    return sorted((role, normalize(name)) for role, name in pairs)


def _show_people(people: Iterable[Contributor] | Iterable[Person]) -> str | None:
    pairs = [(p.role, p.name) if isinstance(p, Contributor) else p for p in people]
    return "; ".join(f"{role} {name}" for role, name in pairs) or None


def _predicted_paragraphs(article: Article, gold_format: str) -> list[str]:
    if gold_format == "expected":
        return [block.text for block in article.body if not isinstance(block, Figure) and block.text]
    return [block.text for block in article.paragraphs]


def _first_difference(predicted: list[str], expected: list[str]) -> int:
    """The index of the first paragraph that differs (the shorter list's length if one is a prefix)."""
    return next((i for i, (a, b) in enumerate(zip(predicted, expected)) if a != b), min(len(predicted), len(expected)))


def _score_article(article: Article, gold: GoldArticle, gold_format: str, fields: dict[str, Tally]) -> list[Mistake]:
    """Tally the fields of a matched article; return its wrong fields."""
    mistakes: list[Mistake] = []

    def check(name: str, right: bool, predicted: str | int | None, expected: str | int | None) -> bool:
        fields[name].add(right)
        if not right:
            mistakes.append(Mistake("wrong", "article", gold.headline, name, predicted, expected, lines=article.lines))
        return right

    right: dict[str, bool] = {}
    for name in TEXT_FIELDS:
        if name in gold.texts:
            value, expected = getattr(article, name), gold.texts[name]
            right[name] = check(name, normalize(value) == normalize(expected), value, expected)
    if gold.bylines is not None:
        same = _people(article.bylines) == _people(gold.bylines)
        check("bylines", same, _show_people(article.bylines), _show_people(gold.bylines))
    if gold.paragraphs is not None:
        texts = _predicted_paragraphs(article, gold_format)
        predicted = [normalize(text) for text in texts]
        expected_texts = [normalize(text) for text in gold.paragraphs]
        right["paragraph_count"] = check(
            "paragraph_count", len(texts) == len(gold.paragraphs), len(texts), len(gold.paragraphs)
        )
        fields["paragraphs"].add(predicted == expected_texts)
        if predicted != expected_texts:
            at = _first_difference(predicted, expected_texts)
            mistakes.append(
                Mistake(
                    "wrong",
                    "article",
                    gold.headline,
                    "paragraphs",
                    texts[at] if at < len(texts) else None,
                    gold.paragraphs[at] if at < len(gold.paragraphs) else None,
                    at + 1,
                    article.lines,
                )
            )
    if {"kicker", "subheadline", "paragraph_count"} <= right.keys():
        fields["structure"].add(right["kicker"] and right["subheadline"] and right["paragraph_count"])
    return mistakes


def _in_page_order(
    pairs: list[tuple[int, int]], per_gold: list[list[Mistake]], spurious: list[Mistake]
) -> list[Mistake]:
    """The mistakes of each gold item (``per_gold``, in gold order) and, for each predicted
    item that ``pairs`` leaves unmatched, its ``spurious`` mistake (one per predicted item),
    placed after the gold item matched just before it on the page."""
    gold_of = dict(pairs)
    keyed = [((g, 0), found) for g, found in enumerate(per_gold)]
    after = -1
    for p, mistake in enumerate(spurious):
        if p in gold_of:
            after = gold_of[p]
        else:
            keyed.append(((after, 1), [mistake]))
    return [mistake for _, found in sorted(keyed, key=lambda entry: entry[0]) for mistake in found]


def _score_articles(predicted: list[Article], gold: Gold, page: PageScore) -> None:
    pairs = match_headlines(
        [article.headline for article in predicted], [article.headline for article in gold.articles]
    )
    page.articles = Detection(len(gold.articles), len(predicted), len(pairs))
    predicted_of = {g: p for p, g in pairs}
    per_gold = [
        _score_article(predicted[predicted_of[g]], gold_article, gold.format, page.article_fields)
        if g in predicted_of
        else [Mistake("missed", "article", gold_article.headline)]
        for g, gold_article in enumerate(gold.articles)
    ]
    spurious = [Mistake("spurious", "article", article.headline, lines=article.lines) for article in predicted]
    page.mistakes += _in_page_order(pairs, per_gold, spurious)


def _caption(paragraphs: Sequence[str]) -> str:
    return " / ".join(paragraphs)


def _score_photo(photo: Photo, gold: GoldPhoto, fields: dict[str, Tally]) -> list[Mistake]:
    """Tally the caption and credit of a matched photo; return its wrong fields."""
    mistakes = []
    label = _caption(gold.caption)
    right = [normalize(text) for text in photo.caption] == [normalize(text) for text in gold.caption]
    fields["caption"].add(right)
    if not right:
        mistakes.append(Mistake("wrong", "photo", label, "caption", _caption(photo.caption), label, lines=photo.lines))
    if gold.credits is not None:
        right = _people(photo.credits) == _people(gold.credits)
        fields["credit"].add(right)
        if not right:
            mistakes.append(
                Mistake(
                    "wrong",
                    "photo",
                    label,
                    "credit",
                    _show_people(photo.credits),
                    _show_people(gold.credits),
                    lines=photo.lines,
                )
            )
    return mistakes


def _score_photos(predicted: list[Photo], gold: Sequence[GoldPhoto], page: PageScore) -> None:
    pairs = match_captions(
        ["".join(map(normalize, photo.caption)) for photo in predicted],
        ["".join(map(normalize, photo.caption)) for photo in gold],
    )
    page.photos = Detection(len(gold), len(predicted), len(pairs))
    predicted_of = {g: p for p, g in pairs}
    per_gold = [
        _score_photo(predicted[predicted_of[g]], gold_photo, page.photo_fields)
        if g in predicted_of
        else [Mistake("missed", "photo", _caption(gold_photo.caption))]
        for g, gold_photo in enumerate(gold)
    ]
    spurious = [Mistake("spurious", "photo", _caption(photo.caption), lines=photo.lines) for photo in predicted]
    page.mistakes += _in_page_order(pairs, per_gold, spurious)


def read_page(
    source: os.PathLike[str] | bytes, *, name: str | None = None, **options: Any
) -> tuple[Document, str | None]:
    """Read a page (a path, or its bytes) as :func:`convert_core.parse` does, ``options``
    being its keywords; return the document and the page's decoded text, which
    :func:`score` needs to count the characters lost: for a PDF or ALTO page the
    characters it prints (``None`` for a document given in our JSON form)."""
    if isinstance(source, bytes):
        data = source
    else:
        data = read_source(source, options.get("max_bytes", MAX_INPUT_BYTES))
        name = name or Path(source).name
    kind = input_kind(data, name, options.get("input_format", "auto"))
    if kind in ("pdf", "alto"):
        from .layout.read import collect_printed_text, printed_text

        with collect_printed_text() as printed:  # as the page is read: the file is opened once
            # a file of several pages, or --pages choosing several: its first was scored, no word said
            documents = parse_pages(data, name=name, **options)
            document = next(documents)
            if next(documents, None) is not None:
                if chosen := options.get("pages"):
                    raise UsageError(
                        f"{name}: --pages {chosen} chooses several of its pages, and a gold file is of one: "
                        "choose one with --pages N"
                    )
                raise UsageError(f"{name} holds several pages, and a gold file is of one: choose it with --pages N")
        page = document.metadata.source.page or 1
        return document, printed[page] if page in printed else printed_text(data, kind, page)
    document = parse(data, name=name, **options)
    if kind != "text":
        return document, None
    return document, decode(data, options.get("encoding"))[0]


def score(document: Document, gold: Gold, *, source_text: str | None = None) -> PageScore:
    """Score the reader's ``document`` of a page against the page's ``gold``;
    ``source_text`` (the page's text) lets the characters lost be counted."""
    page = PageScore(gold=gold.path, gold_format=gold.format, page=document.metadata.source.name)
    _score_articles(document.articles, gold, page)
    _score_photos(document.photos, gold.photos, page)
    if source_text is not None:
        lost = lost_characters(source_text, document)
        page.characters_lost = sum(lost.values())
        page.lost = dict(sorted(lost.items(), key=lambda entry: (-entry[1], entry[0])))
    return page


def aggregate(scores: Iterable[PageScore]) -> TotalScore:
    """Add up the scores of several pages (see :class:`TotalScore`)."""
    total = TotalScore()
    f1s = []
    for page in scores:
        total.pages += 1
        f1s.append(page.articles.f1)
        total.articles += page.articles
        total.photos += page.photos
        for name, tally in page.article_fields.items():
            total.article_fields[name] += tally
        for name, tally in page.photo_fields.items():
            total.photo_fields[name] += tally
        if page.characters_lost is not None:
            total.characters_lost = (total.characters_lost or 0) + page.characters_lost
    total.macro_f1 = sum(f1s) / len(f1s) if f1s else None
    return total
