"""Who said a quotation is printed after it, in its paragraph.

News prints the speaker of a quotation after its closing mark, in the same paragraph and
sentence (``“…开车20多分钟就能到镇上。”尹传波说。``). When a column break falls right
after the closing mark, PDF text in the seed's shape shows the speaker's words as a line of
their own (``…就能到镇上。”`` / ``尹传波说。为了更好地服务乡亲，…``), and the join model,
seeing a sentence end before the break, read them as a new paragraph. A paragraph does not
open by naming who said the words above it: the line goes on the paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import cre

if TYPE_CHECKING:
    from .lines import Line

#: The marks that close a quotation.
_CLOSING_QUOTES = '”’」』"'

#: A speaker and a verb of saying that ends its sentence (``尹传波说。``, ``他说。``,
#: ``商务部副部长兼国际贸易谈判副代表凌激说。``, ``有网友这样留言。``): the attribution of the
#: quotation before it, nothing more; a verb followed by a comma or colon opens the
#: speaker's own words instead (``黄汉权表示，…``) and may well start a paragraph.
_SPEAKER_RE = cre(
    r"^[^，。“”‘’「」、：:？！?!,.\s]{1,30}?"
    r"(?:说|表示|介绍|坦言|直言|感慨|感叹|回忆|留言|告诉记者|告诉本报记者|笑道)[。.]"
)


def speaker_after_a_quote(above: Line, unit: Line) -> bool:
    """Whether ``unit`` opens with the speaker of the quotation that ``above`` ends:
    ``above`` ends with a closing quotation mark, and ``unit`` with a speaker and a verb of
    saying whose sentence ends there (:data:`_SPEAKER_RE`)."""
    return (
        above.kind == "text"
        and unit.kind == "text"
        and above.text.rstrip()[-1:] in _CLOSING_QUOTES
        and _SPEAKER_RE.match(unit.text.lstrip()) is not None
    )


def speakers_go_on_their_quotes(units: list[Line], labels: list[str]) -> None:
    """A paragraph read as opening with the speaker of the quotation the paragraph above
    ends (:func:`speaker_after_a_quote`) goes on that paragraph (labels changed in place)."""
    for index in range(1, len(labels)):
        if (
            labels[index] == "para"
            and labels[index - 1] in ("para", "cont")
            and speaker_after_a_quote(units[index - 1], units[index])
        ):
            labels[index] = "cont"
