"""The reader and id assignment take time linear in the input, whatever the text.

Each pathological input is read at two sizes, the second twice the first; the time must
grow about twice, not four times as a quadratic step would. The sizes are chosen so that
a quadratic step would dominate (the old code took seconds where this takes a tenth).
CPU time, best of two, and a generous bound: a shared machine is noisy, and the check
is the shape of the growth, not a speed.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from convert_core.ids import assign_ids
from convert_core.model import Article, Document, Paragraph, Photo
from convert_core.reader import ReaderOptions, read_text
from convert_core.reader.lines import clean_text

#: Doubling the input may cost at most this factor (linear: 2; quadratic: 4).
MAX_RATIO = 3.0

OPTIONS = ReaderOptions(max_items=10**9)


def _best_seconds(function: Callable[[], object], runs: int = 2) -> float:
    samples = []
    for _ in range(runs):
        gc.collect()
        gc.disable()  # a collection of the many objects made would land in one run or the other
        try:
            start = time.process_time()
            function()
            samples.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(samples)


def _ratio(make: Callable[[int], object], run: Callable[[object], object], size: int, attempts: int = 3) -> float:
    """The cost of the doubled input over the input's. Measured again (up to ``attempts``
    times, the least kept) while over :data:`MAX_RATIO`: other work on a loaded machine
    can slow one measurement by half again, while a quadratic step is slow in every one."""
    small, large = make(size), make(2 * size)
    run(small)  # warm: compiled patterns, caches
    least = float("inf")
    for _ in range(attempts):
        least = min(least, _best_seconds(lambda: run(large)) / max(_best_seconds(lambda: run(small)), 1e-6))
        if least < MAX_RATIO:
            break
    return least


PAGES: dict[str, tuple[Callable[[int], str], int]] = {
    # the case: hard-wrapped lines, every one joined to the paragraph above
    "hard-wrapped lines": (lambda n: "全县早稻长势良好，农民群众喜获丰收，各级\n" * n, 12_000),
    "hard-wrapped Latin lines": (lambda n: "abc def ghi jkl mno pqr stu vwx yz0 12\n" * n, 8_000),
    # PDF text: a blank line after each line, all cut mid-sentence: joined at column breaks
    "column-break joins": (lambda n: "全县早稻长势良好，农民群众喜获丰收，各级干部\n\n" * n, 1_500),
    "identical articles": (lambda n: "新闻标题\n\n本报讯（记者 李明）正文内容。\n\n" * n, 1_500),
    "identical captions": (lambda n: "李明 摄\n\n" * n, 4_000),
    # a run of short rows that looks like a table but holds no figure: no table anywhere in it
    "a long run of table-like rows": (
        lambda n: "".join(f"图{chr(0x2460 + i % 10)} 李明 摄\n\n" for i in range(n)),
        1_200,
    ),
    "OCR spacing on one line": (lambda n: "全 县 早 稻 长 势 " * n, 20_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PAGES))
def test_reading_a_pathological_page_is_linear(name: str) -> None:
    make, size = PAGES[name]
    ratio = _ratio(make, lambda text: read_text(text, options=OPTIONS), size)  # type: ignore[arg-type]
    assert ratio < MAX_RATIO, f"{name}: doubling the page cost {ratio:.2f}x"


@pytest.mark.slow
def test_removing_a_control_character_on_every_line_is_linear() -> None:
    ratio = _ratio(lambda n: "标题\x07内容\n" * n, clean_text, 100_000)  # type: ignore[arg-type]
    assert ratio < MAX_RATIO, f"doubling the lines cost {ratio:.2f}x"


def _identical_items(count: int) -> Document:
    items: list[Article | Photo] = []
    for index in range(count):
        if index % 2:
            items.append(Photo(caption=["同一张图片"]))
        else:
            items.append(Article(headline="同一标题", body=[Paragraph("同一段落。")]))
    items[3].id = f"{'a'}-taken"  # an id given in the input is kept
    return Document(items=items)


@pytest.mark.slow
def test_ids_of_20000_identical_items_are_linear() -> None:
    def timed(count: int) -> float:
        documents = [_identical_items(count) for _ in range(2)]  # made outside the timing
        return _best_seconds(lambda: assign_ids(documents.pop()))

    timed(2_000)
    ratio = timed(40_000) / max(timed(20_000), 1e-6)
    assert ratio < MAX_RATIO, f"doubling the items cost {ratio:.2f}x"


def test_ids_of_identical_items_count_on_past_given_ones() -> None:
    """The fast assignment gives the ids the plain one did: the first free suffix, in
    reading order, past ids the input already holds."""
    base = Article(headline="同一标题", body=[Paragraph("同一段落。")])
    document = Document(items=[Article(headline=base.headline, body=list(base.body)) for _ in range(5)])
    assign_ids(Document(items=[base]))
    document.items[1].id = f"{base.id}-3"
    assign_ids(document)
    assert [item.id for item in document.items] == [
        base.id,
        f"{base.id}-3",
        f"{base.id}-2",
        f"{base.id}-4",
        f"{base.id}-5",
    ]


def _scattered_blocks(count: int) -> object:
    """An ALTO page of ``count`` one-word blocks strewn over the page (garbled OCR, or a
    hostile file): its layout, read without the reading order (not what is measured)."""
    import random

    from convert_core.layout.alto import parse_alto
    from convert_core.layout.geometry import PageLayout

    rng = random.Random(count)
    words = []
    for number in range(count):
        x, y = rng.randint(0, 99_000), rng.randint(0, 99_000)
        box = f'HPOS="{x}" VPOS="{y}" WIDTH="300" HEIGHT="40"'
        words.append(
            f'<TextBlock ID="b{number}" {box}><TextLine {box}><String CONTENT="字{number}" {box}/></TextLine></TextBlock>'
        )
    alto = (
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page ID="p" HEIGHT="100000" WIDTH="100000">'
        f"<PrintSpace>{''.join(words)}</PrintSpace></Page></Layout></alto>"
    )
    width, height, blocks = parse_alto(alto.encode())
    blocks.sort(key=lambda block: (block.y0, block.x0))
    size = blocks[0].size
    return PageLayout(0, width, height, blocks, size, 1.2 * size, [])


@pytest.mark.slow
def test_finding_the_paragraphs_of_a_page_of_scattered_blocks_is_linear() -> None:
    """Each block asked every other block of the page whether it touched it (a paragraph
    set in from its neighbours): 4,000 blocks took 30 s, 8,000 a couple of minutes. Blocks
    are now looked up by height (``layout.flow._ByHeight``)."""
    from convert_core.layout.flow import page_lines

    ratio = _ratio(_scattered_blocks, page_lines, 4_000)  # type: ignore[arg-type]
    assert ratio < MAX_RATIO, f"doubling the blocks cost {ratio:.2f}x"
