"""A small, tolerant HTML tree built with the standard library (comments dropped).

Crawled e-paper HTML is often broken (``<p><p>…</p></p>``, stray end tags); the builder
closes what an end tag names, ignores end tags with no open element, and knows the void
elements. Enough to pick elements by tag, class and id and to read their text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Element:
    """An element: tag, attributes and children (elements and text strings)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element under it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, cls: str | None = None, id: str | None = None) -> list[Element]:
        """Elements under (and including) this one with the tag, class and id given."""
        return [e for e in self.iter() if _matches(e, tag, cls, id)]

    def find(self, tag: str | None = None, *, cls: str | None = None, id: str | None = None) -> Element | None:
        return next((e for e in self.iter() if _matches(e, tag, cls, id)), None)

    def text(self, skip: Callable[[Element], bool] | None = None) -> str:
        """The text of the element, as a browser's ``textContent`` (``skip``: subtrees left out)."""
        parts: list[str] = []
        self._text(parts, skip)
        return "".join(parts)

    def _text(self, parts: list[str], skip: Callable[[Element], bool] | None) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif skip is None or not skip(child):
                child._text(parts, skip)


def _matches(element: Element, tag: str | None, cls: str | None, id: str | None) -> bool:
    return (
        (tag is None or element.tag == tag)
        and (cls is None or cls in element.classes())
        and (id is None or element.attrs.get("id") == id)
    )


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Element:
    """The tree of an HTML fragment or document, under a ``#root`` element."""
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root
