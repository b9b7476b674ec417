"""Where notices, documents and letters start and end, once the role model has read a page:
a notice's or a document's title heads an item of its own, an order's heading opens the text
it promulgates, a law's title over its adoption note heads the law printed in full, a title
over a visit's announcement heads its story, and a reader's letter ends at its signature.
Each is a named rule about how newspapers print such pieces, with what the corpus's gold
shows of it; :func:`.roles.page_roles` asks them after the story borders of
:mod:`.story_starts`. Each changes the labels in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alignment import TITLE_LABELS
from .text import cre, ends_paragraph

if TYPE_CHECKING:
    from .lines import Line


def notices_head_stories(units: list[Line], labels: list[str]) -> None:
    """A title naming a notice or a document by its kind at its end (``…招标公告``, ``关于…的公示``,
    ``…的联合声明``, ``…校庆公告``) or a call for contributions alone on its line (``欢迎赐稿``,
    ``征 集``), under a paragraph's end or a closing line and over text, heads an item of its
    own: a notice is printed apart from the stories around it, and a document's title is never a
    subhead. The model read such lines, over text with no dateline or byline, as the story
    above's paragraphs. On the corpus's training pages (People's Daily, extracted) every such
    line of the gold (44) is a headline, and the model left 14 of them in the story above.
    (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if labels[index] not in ("para", "subhead") or units[index].kind != "text":
            continue
        if not _NOTICE_TITLE_RE.match(units[index].text.strip()):
            continue
        above = units[index - 1].text.rstrip()
        if labels[index - 1] not in ("para", "cont") or not (ends_paragraph(above) or above[-1:] in "）)"):
            continue
        if labels[index + 1] in ("para", "cont") and units[index + 1].kind in ("text", "opening"):
            labels[index] = "headline"
            labels[index + 1] = "para"


#: A notice's title: a document's kind after four characters or more (``…招标公告``,
#: ``…的联合声明``: not a classified advertisement's ``遗失声明``, ``减资公告``), or a call for
#: contributions alone (``欢迎赐稿``, ``征 集``).
_NOTICE_TITLE_RE = cre(r"^(?:[^。，；！？]{4,}(?:公告|公示|启事|声明|通告)|欢迎赐稿|征\s*集|征\s*稿)$")


def decree_headings_open_the_text(units: list[Line], labels: list[str]) -> None:
    """An order's heading over its number (``中华人民共和国国务院令`` / ``第839号``, ``…主席令`` /
    ``第七十四号``), printed under the title of the law or regulation it promulgates, opens that
    document's text: both lines are paragraphs, and the document's title over them, which the
    model read as the heading's kicker, is the headline. On the corpus's pages (People's Daily,
    extracted, training and test) the 12 such headings under a title are all the gold's
    paragraphs; the model made 5 of them the headline (2 on training pages). A heading with no title over it heads the order itself (``中华人民共和国主席令`` at
    a page's top, as the gold reads it twice), and a title that reports the signing
    (``李强签署国务院令``) names a verb: both are left alone. (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if labels[index] not in TITLE_LABELS or units[index].kind != "text" or labels[index - 1] != "kicker":
            continue
        if not (
            _DECREE_HEADING_RE.match(units[index].text.strip())
            and _DECREE_NUMBER_RE.match(units[index + 1].text.strip())
        ):
            continue
        labels[index - 1 : index + 2] = ["headline", "para", "para"]


#: An order's heading: the issuer and ``令`` alone (``中华人民共和国国务院令``, ``…主席令``, ``…部令``;
#: not ``李强签署国务院令``, a title reporting the signing).
_DECREE_HEADING_RE = cre(r"^(?:中华人民共和国)?(?:国务院|主席|[\u4e00-\u9fff]{2,12}(?:部|委员会|总局|银行|署))令$")

#: An order's number on the line under its heading (``第839号``, ``第七十四号``).
_DECREE_NUMBER_RE = cre(r"^第\s*[0-9〇零一二三四五六七八九十百千]+\s*号$")


def documents_under_their_adoption_note(units: list[Line], labels: list[str]) -> None:
    """A law's or a regulation's title over the note in brackets of when it was adopted or
    issued (``住房公积金管理条例`` / ``（1999年4月3日中华人民共和国国务院令第262号发布 根据…修订）``),
    under a paragraph's end, heads the document printed in full: the title is its headline and
    the note its subheadline. The model read both as paragraphs of the story above (the
    decision that amended it; a decision on treaties). Not under a line announcing the text
    (``…全文如下。``): a document printed as the story above's own text stays its text. On the
    corpus's pages (People's Daily, extracted) the gold's 22 such notes under a title are
    subheadlines 20 times, and the 2 that are paragraphs stand under ``全文如下``; the model left
    2 of the 20 in the story above (1 on training pages). (Changed in place.)"""
    for index in range(2, len(units)):
        if labels[index] not in ("para", "cont") or not _ADOPTION_NOTE_RE.match(units[index].text.strip()):
            continue
        title, above = units[index - 1], units[index - 2].text.rstrip()
        if labels[index - 1] not in ("para", "subhead") or not _a_documents_title(title):
            continue
        if labels[index - 2] in ("para", "cont") and ends_paragraph(above) and "如下" not in above[-8:]:
            labels[index - 1 : index + 1] = ["headline", "subheadline"]


def _a_documents_title(unit: Line) -> bool:
    """A text line as a document's title is: as a title (:func:`title_like`), but as long as a
    decision's title may run (``全国人民代表大会常务委员会关于批准《…条约》的决定``)."""
    text = unit.text.rstrip()
    return (
        unit.kind == "text"
        and 0 < len(text) <= _DOCUMENT_TITLE_MAX
        and text[-1] not in "，,、"
        and not ends_paragraph(text)
    )


#: The longest line :func:`_a_documents_title` takes for a document's title.
_DOCUMENT_TITLE_MAX = 100


#: A note in brackets of when a document was adopted, issued or amended
#: (``（2026年4月30日第十四届全国人民代表大会常务委员会第二十二次会议通过）``).
_ADOPTION_NOTE_RE = cre(r"^[（(]\s*\d{4}年.{0,200}(?:通过|修订|修正|发布|公布|施行)[）)]$")


def titles_over_an_invitation(units: list[Line], labels: list[str]) -> None:
    """A title over a paragraph that opens as a visit's announcement does (``应国家主席习近平邀请，
    …将于5月…对中国进行国事访问。``), under a paragraph's end, heads that story: such a
    sentence opens a story and is never the text under a subhead. The model left such titles
    (``…今起对我国进行国事访问``), printed with no dateline or byline, in the story above. On the
    corpus's training pages (People's Daily) every title-like line in that place is a
    headline of the gold (16 extracted, 16 tight), 4 of them read as paragraphs (5 tight); a
    line over such an opening that does not stand under a paragraph's end is a paragraph's
    first words a column break cut (``…中美就能跨`` / ``越“修昔底德陷阱”…``), and is left.
    (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if labels[index] not in ("para", "subhead") or not _a_documents_title(units[index]):
            continue
        if labels[index + 1] not in ("para", "cont") or not _INVITATION_OPENING_RE.match(units[index + 1].text.strip()):
            continue
        if labels[index - 1] in ("para", "cont") and ends_paragraph(units[index - 1].text.rstrip()):
            labels[index] = "headline"
            labels[index + 1] = "para"


#: A paragraph opening as a visit's announcement: ``应国家主席习近平邀请，``.
_INVITATION_OPENING_RE = cre(r"^应[^，。；]{2,40}邀请，")


def letters_signed_at_their_end(units: list[Line], labels: list[str]) -> None:
    """A reader's letter signed on a line of its own under its last paragraph, with the
    writer's place and name (``陕西西安市 冯 燮``, ``浙江省金华市 查亮亮``) or the place and who
    wrote (``邢台市任泽区读者``, ``山西晋城市泽州县周村镇甲村村民``, ``人民网“领导留言板”网友``),
    ends that letter: it is its last paragraph, not the kicker or headline of the title under
    it, as the model read it on a letters page (the next letter's title stack printed right
    under the signature). On the corpus's training pages (People's Daily, extracted) 6 such
    lines were read as the next story's title, all the gold's paragraphs, and none of the
    gold's titles so printed stands between a paragraph's end and a title. (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if labels[index] not in TITLE_LABELS or labels[index + 1] not in TITLE_LABELS:
            continue
        if not a_letters_signature(units[index]):
            continue
        if labels[index - 1] in ("para", "cont") and ends_paragraph(units[index - 1].text.rstrip()):
            labels[index] = "para"


#: A letter's signature: a place of four ideographs or more ending in a place word, then the
#: writer's name of two to four ideographs after a space (``陕西西安市 冯 燮``).
_PLACE_AND_NAME_RE = cre(r"^[\u4e00-\u9fff]{3,14}[省市县区州旗盟]\s+[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3}$")

#: A letter's signature naming who wrote after a place or a forum (``邢台市任泽区读者``,
#: ``人民网“领导留言板”网友``).
_PLACE_AND_WRITER_RE = cre(r"^\S{0,20}[省市县区州旗盟镇乡村网”]\S{0,12}(?:读者|村民|网友|市民|居民)$")


def a_letters_signature(unit: Line) -> bool:
    """A text line that signs a reader's letter (:data:`_PLACE_AND_NAME_RE`,
    :data:`_PLACE_AND_WRITER_RE`)."""
    text = unit.text.strip()
    return unit.kind == "text" and bool(_PLACE_AND_NAME_RE.match(text) or _PLACE_AND_WRITER_RE.match(text))
