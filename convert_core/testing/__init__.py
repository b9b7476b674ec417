"""Helpers for testing exporter plugins (ours and third-party ones).

::

    from convert_core import testing

    def test_my_format_is_deterministic():
        registry = testing.registry_with(my_plugin)           # only the plugin under test
        doc = testing.sample_document()
        assert testing.render(registry, "myformat", doc) == testing.render(registry, "myformat", doc)

    @hypothesis.given(testing.documents())                     # needs hypothesis
    def test_any_text(doc): ...

``sample_document()`` has every field and block type set; ``seed_document()`` is the
bundled reference page when run from a checkout; ``hostile_document()`` carries text that
breaks naive writers (``<script>``, ``&``, ``]]>``, control characters, bidi marks, emoji).

Submodules, imported on their own (they need the ``typeset`` extra): :mod:`.typeset`
typesets a page as a newspaper PDF (``typeset_page``, ``typeset_pages``) and says where
everything went; :mod:`.extract` gives the text ``pdftotext`` and pdfminer.six extract from
it; :mod:`.pagespec` (what a page prints), :mod:`.style`, :mod:`.modules`, :mod:`.packing`,
:mod:`.layout`, :mod:`.linebreak`, :mod:`.typefaces` and :mod:`.pictures` are their parts.
:mod:`.shapes` (no extra needed) rewrites a page as other extraction tools shape it and says
how a reading differs from an expected structure in the seed's format.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..exporters import Exporter, Output
from ..ids import assign_ids
from ..model import (
    ROLES,
    Article,
    Contributor,
    Diagnostic,
    Document,
    Figure,
    Furniture,
    Metadata,
    Paragraph,
    Photo,
    Quote,
    Source,
    Subhead,
    Unclassified,
)
from ..plugins import PluginRegistry

SEED_NAME = "000_80fb9983b63b8a66.txt"


def registry_with(*plugins: Any, builtins: bool = False) -> PluginRegistry:
    """A registry holding only ``plugins`` (modules, objects or module names), without
    entry-point autoloading; ``builtins=True`` adds the built-in formats. The plugin
    variables of the environment (``BULLETIN_CONVERT_PLUGINS``...) do not apply: a test
    gets the same registry in every shell."""
    return PluginRegistry(autoload=False, builtins=builtins, plugins=plugins, environment=False)


def render(
    registry: PluginRegistry, format: str, document: Document, options: Mapping[str, Any] | None = None
) -> Output:
    """Run one exporter of ``registry`` as the command would: on ``document`` as it is,
    not checked first as :func:`convert_core.render` checks a document it is given — so
    that a writer can be tried on any text (control characters included), which it should
    survive whatever reaches it."""
    from ..api import _render

    return _render(document, format, options, registry)


def check_exporter(exporter: Exporter) -> list[str]:
    """Problems with an exporter descriptor (empty when it is well formed): those the
    plugin manager refuses (:meth:`Exporter.problems`) and a writer that cannot be loaded."""
    problems = exporter.problems()
    try:
        exporter.load_writer()
    except Exception as exc:  # report, do not raise
        problems.append(f"writer cannot be loaded: {exc}")
    return problems


def sample_document() -> Document:
    """A small document with every field, block type and role set: a story, the photo
    linked to it (``Photo.article``) and a brief."""
    article = Article(
        column="走进新时代·基层见闻",
        kicker="持续夯实基层基础 有效整合各方资源",
        headline="卫东区持续完善提升社区治理体系和能力",
        subheadline="——覆盖41个被巡察单位",
        dateline="本报讯",
        bylines=[Contributor("reporter", "王孟鹤"), Contributor("correspondent", "和佳佳")],
        body=[
            Paragraph("“按照示范引领、分层推进的原则，我们首批选定5个社区作为示范点。”4月26日，有关负责人介绍。"),
            Subhead("一、高规格开启整改"),
            Paragraph(
                "高规格开启巡察整改“清零”行动。该区委巡察组对巡察工作进行部署。", lead="高规格开启巡察整改“清零”行动。"
            ),
            Quote("打铁还需自身硬。"),
            Figure(
                caption=["4月24日，林果专家在果园内指导农民管理果树。"],
                credits=[Contributor("photographer", "古国凡")],
                attribution=["古国凡 摄"],
            ),
            Unclassified("（未能归类的文字）"),
            Paragraph("编后：整改不是终点，而是新的起点。", note=True),
        ],
        sources=["新华社"],
        notes=["——编者"],
        attribution=["本报讯 （记者王孟鹤 通讯员和佳佳）"],
        lines=(3, 12),
    )
    photo = Photo(
        caption=["4月26日下午，王云超在市区建设路北侧冲刷人行道。", "春暖花开，许多市民走上街头。"],
        credits=[Contributor("photographer", "高鸿勋")],
        title="图片新闻",
        attribution=["高鸿勋 摄"],
        lines=(14, 16),
    )
    brief = Article(headline="改厕知识知多少 答题活动考考你", body=[Paragraph("4月27日，答题活动收到答卷200多份。")])
    document = Document(
        metadata=Metadata(
            publication="平顶山日报",
            edition_date="2020-04-28",
            date_source="option",
            page="3",
            section="卫东新闻",
            language="zh-CN",
            staff=[Contributor("editor", "李明")],
            source=Source(name="sample.txt", sha256="0" * 64, encoding="utf-8", bytes=1234, lines=20),
        ),
        items=[article, photo, brief],
        furniture=[Furniture("page-header", "2020年4月28日 星期二 第3版", 1)],
        diagnostics=[Diagnostic("column-break-join", "joined line 9 and line 11", 11, "info")],
    )
    assign_ids(document)
    photo.article = article.id  # printed beside the first story: linked to it
    return document


HOSTILE_TEXTS = (
    "<script>alert('x')</script>",
    "Tom & Jerry &amp; &#0; &lt;",
    "]]> <![CDATA[ x ]]>",
    "../../etc/passwd",
    "控制\x00字\x01符\x1f\x7f\x85",
    "\u202e右到左\u200f标记\u202c",
    "表情😀𠀀𪚥 astral",
    "孤立\ud800代理\udfff",
    "\ufeff\ufffe\uffff",
    "",
    " ",
)


def hostile_document(controls: bool = True) -> Document:
    """A document whose every text field carries text that breaks naive writers; without
    ``controls``, none of the texts that hold a control character, a lone surrogate or
    U+FFFE/U+FFFF (what :func:`convert_core.render` refuses in a document it is given, as
    no reader gives them)."""
    from ..values import control_character

    texts = [text for text in HOSTILE_TEXTS if controls or not control_character(text, multiline=True)]
    items: list[Article | Photo] = []
    for index, text in enumerate(texts):
        items.append(
            Article(
                headline=text,
                kicker=texts[(index + 1) % len(texts)] or None,
                subheadline=texts[(index + 2) % len(texts)] or None,
                dateline=texts[(index + 3) % len(texts)] or None,
                bylines=[Contributor(ROLES[index % len(ROLES)], texts[(index + 4) % len(texts)] or "某")],
                body=[Paragraph(text), Subhead(text), Figure(caption=[text], credits=[])] if text else [],
            )
        )
        items.append(Photo(caption=[text], credits=[Contributor("photographer", text or "某")]))
    document = Document(
        metadata=Metadata(
            publication="<报>&", edition_date=None, page="../3", section="]]>", source=Source(name="../x.txt")
        ),
        items=items,
    )
    assign_ids(document)
    return document


def seed_document(root: str | Path | None = None) -> Document:
    """The bundled reference page, parsed (from a checkout: ``seeds/`` beside the package)."""
    from ..api import parse

    base = Path(root) if root else Path(__file__).resolve().parents[2]
    return parse(base / "seeds" / SEED_NAME, transform=False)


def documents(max_items: int = 6):  # type: ignore[no-untyped-def]
    """A hypothesis strategy of documents with arbitrary text in every field, some photos
    linked to a story of the page (or to an id no article has)."""
    from hypothesis import strategies as st

    text = st.text(max_size=40)
    optional = st.none() | text
    person = st.builds(Contributor, role=st.sampled_from(ROLES), name=st.text(min_size=1, max_size=12))
    block = st.one_of(
        st.builds(Paragraph, text=text, note=st.booleans()),
        st.builds(Subhead, text=text),
        st.builds(Quote, text=text),
        st.builds(Unclassified, text=text),
        st.builds(Figure, caption=st.lists(text, max_size=2), credits=st.lists(person, max_size=2)),
    )
    article = st.builds(
        Article,
        headline=text,
        kicker=optional,
        subheadline=optional,
        column=optional,
        dateline=optional,
        bylines=st.lists(person, max_size=3),
        body=st.lists(block, max_size=5),
        sources=st.lists(text, max_size=2),
    )
    photo = st.builds(Photo, caption=st.lists(text, max_size=3), credits=st.lists(person, max_size=2), title=optional)
    metadata = st.builds(
        Metadata,
        publication=optional,
        edition_date=st.none() | st.dates().map(lambda d: d.isoformat()),
        page=optional,
        section=optional,
        language=st.sampled_from(["zh-CN", "zh-Hant", "en"]),
    )

    def finish(parts: tuple[Metadata, list[Article | Photo], list[int | None]]) -> Document:
        document = Document(metadata=parts[0], items=parts[1])
        assign_ids(document)
        stories = [item.id for item in document.items if isinstance(item, Article)]
        for photo, choice in zip(document.photos, parts[2]):
            if choice is not None:  # linked to a story of the page (-1: to one it does not hold)
                photo.article = stories[choice % len(stories)] if stories and choice >= 0 else "a-elsewhere"
        return document

    items = st.lists(st.one_of(article, photo), max_size=max_items)
    links = st.lists(st.none() | st.integers(-1, max_items), max_size=max_items)
    return st.tuples(metadata, items, links).map(finish)


def pages(max_items: int = 5):  # type: ignore[no-untyped-def]
    """A hypothesis strategy of page texts built from real conventions — headline stacks,
    datelines and bylines, paragraphs cut by column breaks, captions with credits, page
    furniture — filled with random text, in PDF style (blank-line separated) or e-paper
    style (one paragraph per line)."""
    from hypothesis import strategies as st

    han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
    wild = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    words = st.text(st.one_of(han, han, han, st.sampled_from("，、“”《》0123456789%.")), min_size=2, max_size=16)
    noisy = st.text(st.one_of(han, han, wild), min_size=1, max_size=24)
    name = st.text(han, min_size=2, max_size=3)
    sentence = st.builds(lambda a, b: f"{a}，{b}。", words, st.one_of(words, noisy))
    paragraph = st.lists(sentence, min_size=1, max_size=4).map("".join)
    headline = st.one_of(words, noisy).map(lambda text: text.strip("，。 ") or "标题")
    dateline = st.one_of(
        st.builds(lambda n: f"本报讯（记者 {n}）", name),
        st.builds(lambda a, b: f"本报讯 (记者{a} 通讯员{b})", name, name),
        st.builds(lambda n, m, d: f"新华社北京{m}月{d}日电（记者 {n}）", name, st.integers(1, 12), st.integers(1, 28)),
        st.just("据新华社电 "),
        st.just(""),
    )
    byline_line = st.one_of(
        st.builds(lambda n: f"本报记者 {n[0]} {n[1:]}", name),
        st.builds(lambda n: f"■本报记者 {n}", name),
        st.builds(lambda n: f"文/图 {n}", name),
    )
    credit = st.one_of(
        st.builds(lambda n: f"{n} 摄", name),
        st.builds(lambda n: f"本报记者 {n} 摄", name),
        st.just("新华社发"),
        st.just("受访者供图"),
    )
    furniture = st.one_of(
        st.builds(
            lambda m, d, p: f"2024年{m}月{d}日 星期三 第{p}版",
            st.integers(1, 12),
            st.integers(1, 28),
            st.integers(1, 16),
        ),
        st.builds(lambda n: f"责任编辑 {n}", name),
        st.just("（下转第二版）"),
        st.just("上一篇 下一篇 返回主页"),
    )

    @st.composite
    def article(draw) -> list[str]:  # type: ignore[no-untyped-def]
        lines = [draw(headline) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            lines.append(draw(byline_line))
        body = draw(st.lists(paragraph, min_size=1, max_size=4))
        body[0] = draw(dateline) + body[0]
        for text in body:
            cut = draw(st.integers(0, len(text)))
            if draw(st.booleans()) and 0 < cut < len(text):
                lines.extend([text[:cut], text[cut:]])  # a column break
            else:
                lines.append(text)
        return lines

    @st.composite
    def photo(draw) -> list[str]:  # type: ignore[no-untyped-def]
        caption = draw(paragraph)
        if draw(st.booleans()):
            return ["", "", caption + draw(credit)]
        return ["", "", caption, draw(credit)]

    @st.composite
    def page(draw) -> str:  # type: ignore[no-untyped-def]
        blocks: list[str] = []
        if draw(st.booleans()):
            blocks.append(draw(furniture))
        for _ in range(draw(st.integers(1, max_items))):
            blocks.extend(draw(st.one_of(article(), article(), photo())))
            if draw(st.integers(0, 4)) == 0:
                blocks.append(draw(furniture))
        if draw(st.booleans()):  # e-paper: paragraphs one per line, indented
            return "\n".join(f"　　{line}" if len(line) > 20 else line for line in blocks) + "\n"
        return "\n\n".join(blocks) + "\n"

    return page()
