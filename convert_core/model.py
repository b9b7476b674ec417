"""The normalized news document model: the project's AST.

A reader turns a page into a :class:`Document`; exporters turn a :class:`Document`
into files. Everything here is plain data (dataclasses of strings, lists and
``None``), so a document survives the round trip through its JSON form
(:mod:`convert_core.jsonform`) unchanged.

Shape of a document::

    Document
      metadata: Metadata          publication, edition date, page, language, source
      items: [Article | Photo]    in reading order
      furniture: [Furniture]      page headers, staff lines, jump lines, noise, unclassified
      diagnostics: [Diagnostic]   every repair and every doubt of the reader

    Article
      column, kicker, headline, subheadline, dateline, bylines, body, sources, notes
      body: [Paragraph | Subhead | Quote | Figure | Unclassified]

    Photo (a stand-alone picture)
      title, caption paragraphs, credits, image, the article it belongs to
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

#: The roles a :class:`Contributor` may have (:data:`ROLES` lists them). ``reporter`` 记者, ``correspondent`` 通讯员,
#: ``photographer`` 摄影/摄, ``editor`` 编辑/责任编辑, ``writer`` 文/作者 (an author named
#: without a label), ``trainee`` 实习生/培训生, ``graphics`` 制图, ``contributor`` anyone else
#: (参与记者, 供图...).
Role = Literal[
    "reporter",
    "correspondent",
    "photographer",
    "editor",
    "writer",
    "trainee",
    "graphics",
    "translator",
    "contributor",
]
ROLES: tuple[str, ...] = get_args(Role)

Severity = Literal["info", "warning"]


@dataclass
class Contributor:
    """A person credited for an article or picture: a byline or a photo credit."""

    role: str
    name: str


@dataclass
class Diagnostic:
    """A repair the reader made (``info``) or a doubt it has (``warning``).

    ``line`` is the 1-based line number in the input the diagnostic is about
    (``None`` for the document as a whole).
    """

    code: str
    message: str
    line: int | None = None
    severity: Severity = "info"


@dataclass
class Paragraph:
    """A paragraph of body text.

    ``lead`` is set when the paragraph opens with a run-in lead sentence (a bold
    小标题 in print, such as ``高规格开启巡察整改“清零”行动。``); it is always a
    prefix of ``text``, which holds the whole paragraph. ``note`` is true for an editor's
    note printed in the body (``编者按：…``, a paragraph signed ``——编 者``, and that
    signature line), kept where it was printed.
    """

    text: str
    lead: str | None = None
    type: Literal["paragraph"] = "paragraph"
    note: bool = False


@dataclass
class Subhead:
    """A stand-alone subheading inside an article body (小标题)."""

    text: str
    type: Literal["subhead"] = "subhead"


@dataclass
class Quote:
    """A block quotation or pull quote inside an article body."""

    text: str
    type: Literal["quote"] = "quote"


@dataclass
class ImageRef:
    """A picture file: where it is (``href``, relative to the outputs, such as
    ``images/3f2a9c0b1d2e4f56.jpg``), its media type, size in pixels and SHA-256.

    ``data`` holds the picture's bytes while a document travels from the reader to the
    writers; it is not part of the JSON form, which references the file by ``href``."""

    href: str
    media_type: str
    width: int | None = None
    height: int | None = None
    sha256: str | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)


@dataclass
class Figure:
    """A picture placed inside an article: its caption paragraphs and credits, and
    the picture itself when the input had it (``image``, PDF pages)."""

    caption: list[str] = field(default_factory=list)
    credits: list[Contributor] = field(default_factory=list)
    label: str | None = None
    attribution: list[str] = field(default_factory=list)
    image: ImageRef | None = None
    type: Literal["figure"] = "figure"


@dataclass
class Unclassified:
    """Text the reader kept but could not classify (a diagnostic says where)."""

    text: str
    type: Literal["unclassified"] = "unclassified"


Block = Paragraph | Subhead | Quote | Figure | Unclassified


@dataclass
class Article:
    """A news story: headline stack, dateline, bylines and body blocks.

    ``attribution`` keeps, exactly as printed, the text the dateline, bylines and
    sources were taken from (``本报讯 (记者王孟鹤 通讯员和佳佳)``), so nothing of the
    input is lost and an exporter may print the original credit line.
    ``lines`` is the first and last input line of the article.
    """

    headline: str
    id: str = ""
    column: str | None = None
    kicker: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    bylines: list[Contributor] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    lines: tuple[int, int] | None = None
    type: Literal["article"] = "article"

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The body's paragraphs, in order (other block types left out)."""
        return [block for block in self.body if isinstance(block, Paragraph)]

    @property
    def figures(self) -> list[Figure]:
        """The pictures placed inside the article."""
        return [block for block in self.body if isinstance(block, Figure)]


@dataclass
class Photo:
    """A stand-alone picture on the page: caption paragraphs and credits.

    ``title`` holds a heading such as ``图片新闻`` when the page prints one;
    ``label`` a number such as ``图①`` for one picture of a numbered series;
    ``image`` the picture file when the input had it (PDF pages); ``article`` the id of
    the story on the page the picture belongs to, when its caption plainly does (the same
    place or people, printed beside it), else ``None``.
    """

    caption: list[str] = field(default_factory=list)
    credits: list[Contributor] = field(default_factory=list)
    id: str = ""
    title: str | None = None
    label: str | None = None
    attribution: list[str] = field(default_factory=list)
    lines: tuple[int, int] | None = None
    image: ImageRef | None = None
    article: str | None = None
    type: Literal["photo"] = "photo"


Item = Article | Photo


@dataclass
class Furniture:
    """Page furniture kept out of the articles, with its input line.

    Kinds: ``page-header`` (date, page number, section), ``staff`` (责任编辑, 校对,
    版式设计), ``jump`` (转第X版 / 上接第X版), ``imprint`` (address, price, postal
    code), ``navigation`` (上一篇, 返回主页...), ``date`` (a bare date line), ``weather``
    (今日天气 boxes), ``advertisement`` (广告 and its copy, 扫码 prompts), ``graphic`` (a
    chart's title, labels, figures and source, :mod:`.reader.graphics`), and
    ``unclassified`` (text outside any item the reader could not place).
    """

    kind: str
    text: str
    line: int | None = None


@dataclass
class Source:
    """Where the document came from: file name, checksum, encoding and size."""

    name: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    bytes: int | None = None
    lines: int | None = None
    page: int | None = None  # the 1-based page of a multi-page input (PDF) this document is


@dataclass
class Metadata:
    """Edition metadata of the page.

    ``edition_date`` is an ISO date (``2020-04-28``); ``date_source`` says where it
    came from: ``header`` (printed on the page), ``text`` (a full date in the text),
    ``inferred`` (month and day from the text, the year guessed), ``option`` (given
    by the user) or ``None``. ``page`` is the page number as printed (``3``,
    ``A04``); ``section`` the page's name (``卫东新闻``).
    """

    publication: str | None = None
    edition_date: str | None = None
    date_source: str | None = None
    page: str | None = None
    section: str | None = None
    language: str = "zh-CN"
    staff: list[Contributor] = field(default_factory=list)
    source: Source = field(default_factory=Source)


@dataclass
class Document:
    """A parsed page: metadata, items in reading order, furniture, diagnostics."""

    metadata: Metadata = field(default_factory=Metadata)
    items: list[Item] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        """The articles of the page, in order."""
        return [item for item in self.items if isinstance(item, Article)]

    @property
    def photos(self) -> list[Photo]:
        """The stand-alone photos of the page, in order."""
        return [item for item in self.items if isinstance(item, Photo)]

    @property
    def title(self) -> str:
        """A human title for the page, never the same for two pages of one edition.

        ``平顶山日报 2020-04-28 第3版 卫东新闻`` when the publication and the page are known;
        otherwise the lead headline followed by what is known
        (``卫东区持续完善提升社区治理体系和能力（2020-04-28 第3版）``). A date the reader only
        inferred (``date_source == "inferred"``) is left out: a title states it as fact."""
        meta = self.metadata
        date = meta.edition_date if meta.date_source != "inferred" else None
        page = f"第{meta.page}版" if meta.page and meta.page.isdigit() else meta.page
        known = " ".join(" ".join(part.split()) for part in (date, page, meta.section) if part and part.strip())
        publication = " ".join((meta.publication or "").split())
        if publication and page:
            return f"{publication} {known}"
        lead = self.lead_headline()
        if lead:
            if publication:
                known = f"{publication} {known}".strip()
            if not known:
                return lead
            return f"{lead}（{known}）" if meta.language.lower().startswith("zh") else f"{lead} ({known})"
        return " ".join(part for part in (publication, known) if part) or meta.source.name or "Untitled page"

    def lead_headline(self) -> str | None:
        """The first article's headline (else the first printed photo title) on one line, or ``None``."""
        for item in self.items:
            text = item.headline if isinstance(item, Article) else item.title
            text = " ".join((text or "").split())
            if text:
                return text
        return None

    def images(self) -> list[ImageRef]:
        """The picture files of the page's photos and figures, each once, in order."""
        seen: dict[str, ImageRef] = {}
        for item in self.items:
            pictures = (
                [item] if isinstance(item, Photo) else [block for block in item.body if isinstance(block, Figure)]
            )
            for picture in pictures:
                if picture.image is not None and picture.image.href not in seen:
                    seen[picture.image.href] = picture.image
        return list(seen.values())

    def warnings(self) -> list[Diagnostic]:
        """Diagnostics that are doubts rather than routine repairs."""
        return [diag for diag in self.diagnostics if diag.severity == "warning"]
