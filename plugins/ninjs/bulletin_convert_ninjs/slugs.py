"""Readable ASCII sluglines: Chinese headlines in toneless pinyin (``wei-dong-qu-chi-xu``)."""

from __future__ import annotations

import functools
import re
import unicodedata

MAX_LENGTH = 48
#: Characters transliterated: enough for a full slug (a syllable is at least two letters).
_PREFIX = 40
_WORD_RE = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def slugline(text: str, fallback: str) -> str:
    """A lower-case ``a-z0-9-`` slug of ``text``, cut at a syllable boundary after at most
    :data:`MAX_LENGTH` characters; ``fallback`` when nothing readable is left.

    Chinese is transliterated with pypinyin (imported here, on first use); without it,
    only the Latin letters and digits of ``text`` are kept."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency of the plugin
        parts = [text[:_PREFIX]]
    else:
        parts = lazy_pinyin(text[:_PREFIX])
    words: list[str] = []
    for part in parts:
        ascii_part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode("ascii").lower()
        words.extend(_WORD_RE.findall(ascii_part))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug or fallback
