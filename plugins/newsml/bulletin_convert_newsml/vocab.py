"""Namespaces, the IPTC catalog and the project's own schemes (the inline catalog).

Every QCode the exporter writes has its alias declared either by the IPTC catalog
(``ninat``, ``stat``, ``drol``, ``pgrmod``, ``cpnat``, ``irel``) or by the inline catalog below.
"""

from __future__ import annotations

from convert_core.model import ROLES

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

STANDARD_VERSION = "2.35"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"
NEWSITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"

#: The project's schemes: alias -> (URI, English name, definition).
SCHEMES: dict[str, tuple[str, str, str]] = {
    "bchlrole": (
        "urn:bulletin-convert:cv:headlinerole:",
        "Headline role",
        "kicker (引题, above the headline), subheadline (副题, below it); the main headline (主标题) "
        "has no role and comes first",
    ),
    "bcrole": (
        "urn:bulletin-convert:cv:creditrole:",
        "Credit role",
        "the role printed with a byline or a picture credit: reporter, correspondent, photographer, "
        "editor, writer, trainee, graphics, translator, contributor",
    ),
    "bckwrole": (
        "urn:bulletin-convert:cv:keywordrole:",
        "Keyword role",
        "where a keyword comes from: column (a series tag printed with the article), section (the page name)",
    ),
    "bcgroup": (
        "urn:bulletin-convert:cv:grouprole:",
        "Package group role",
        "page: the items of a newspaper page in reading order; story: an article and the photos printed with it",
    ),
}

#: How a picture links to the story it belongs to (IPTC Item Relation NewsCodes, in the IPTC catalog).
STORY_LINK = "irel:seeAlso"

#: Credit roles whose people made the content (``creator``); the others are ``contributor``s.
CREATOR_ROLES = frozenset({"reporter", "writer", "trainee", "photographer", "graphics"})


def role_qcode(role: str) -> str:
    """The QCode of a credit role (``reporter`` -> ``bcrole:reporter``); unknown roles are
    ``bcrole:contributor``."""
    return f"bcrole:{role if role in ROLES else 'contributor'}"
