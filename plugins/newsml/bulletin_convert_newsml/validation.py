"""Validation against the NewsML-G2 2.35 All-Power XML Schema shipped in ``schemas/``.

The schema is parsed once per thread, from the package's own copy, with ``xml.xsd``
resolved beside it: no network. Documents are parsed without DTDs, entities or network.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from .vocab import NAR

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILE = SCHEMA_DIR / "NewsML-G2_2.35-spec-All-Power.xsd"
ROOTS = frozenset(f"{{{NAR}}}{name}" for name in ("newsMessage", "newsItem", "packageItem"))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


_local = threading.local()


def schema() -> etree.XMLSchema:
    """The NewsML-G2 2.35 All-Power schema, parsed on first use and kept per thread (a
    validator's error log is its own; lxml objects are not shared between threads)."""
    validator = getattr(_local, "schema", None)
    if validator is None:
        tree = etree.parse(str(SCHEMA_FILE), _parser())  # the file name is the base URL of xml.xsd
        validator = _local.schema = etree.XMLSchema(tree)
    return validator


def problems(data: bytes) -> list[str]:
    """Why ``data`` is not a valid NewsML-G2 document (empty when it is): not well-formed,
    a root other than newsMessage/newsItem/packageItem, or schema errors (with lines)."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag not in ROOTS:
        return [f"root element is {root.tag}, not a NewsML-G2 newsMessage, newsItem or packageItem"]
    validator = schema()
    if validator.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in validator.error_log]
