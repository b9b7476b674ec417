"""What a source gives for a page: its records (one per article or picture, in page order).

A source module turns its files into :class:`SourcePage` objects and knows nothing of gold
or text layout; :mod:`gold` decides what each record is, :mod:`render` lays the page out.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Picture:
    """A picture inside a record: its caption as the source gives it, one string per paragraph."""

    caption: list[str] = field(default_factory=list)


@dataclass
class Block:
    """One ``<p>`` (or paragraph) of a record's body.

    ``raw`` is the text as a crawler's ``p.text`` gives it (indent kept); ``subhead`` is set
    when the whole paragraph is bold (a 小标题); ``pictures`` are the images the paragraph
    holds (an image-only paragraph has an empty ``raw``).
    """

    raw: str
    subhead: bool = False
    pictures: list[Picture] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraph as printed: the indent and surrounding spaces stripped."""
        return strip_indent(self.raw)


@dataclass
class Record:
    """One article record of the e-paper: headline stack, author line and body.

    ``author`` is the source's author field as printed under the headline (``本报记者  徐  隽``),
    ``None`` when the source has none; ``summary`` a summary box printed before the body;
    ``closing`` a byline printed after the body, on its own line. ``bylines_known`` is false
    when the source may print a byline the record does not separate (so none is asserted).
    """

    record_id: str
    headline: str
    kicker: str | None = None
    subheadline: str | None = None
    author: str | None = None
    summary: str | None = None
    blocks: list[Block] = field(default_factory=list)
    closing: str | None = None
    bylines_known: bool = True


@dataclass
class SourcePage:
    """A printed page: paper, date, page number and section, records in page order, and where they came from."""

    paper: str
    date: str
    page: str
    section: str | None
    records: list[Record]
    origin: dict[str, str]
    complete: bool = True

    @property
    def page_id(self) -> str:
        """A stem unique across papers: ``PAPER_YYYYMMDD_PP`` (``_02-03`` for a spread printed as ``2/3``)."""
        number = "-".join(part.zfill(2) for part in self.page.split("/"))
        return f"{self.paper}_{self.date.replace('-', '')}_{number}"


SPACES = " \t\r\n\u3000\xa0\u2002\u2003"


def strip_indent(text: str) -> str:
    """A paragraph without its indent (ideographic or ASCII spaces) and trailing spaces."""
    return text.strip(SPACES)


def clean_line(text: str) -> str:
    """A one-line field (title, author): line breaks and tabs inside it dropped, ends stripped.

    Runs of plain spaces inside are kept: papers space out two-character names (``徐  隽``)."""
    return " ".join(part.strip(SPACES) for part in text.splitlines() if part.strip(SPACES)).replace("\t", " ")
