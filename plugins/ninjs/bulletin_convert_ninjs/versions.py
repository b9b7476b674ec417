"""The ninjs versions the exporter writes, and the rewriting of a 3.1 object into each.

* **3.1** (the default): camelCase names, arrays (``headlines``, ``bodies``, ``associations``).
* **2.2**: the same structure with lower-case names (``versioncreated``, ``contenttype``,
  ``infosources``); an association has a ``name`` but no ``rel``.
* **1.6**: the flat names most consumers of ninjs read, Superdesk's ingest among them:
  ``headline`` (the main one; others ``headline_kicker``, ``headline_subheadline``),
  ``body_text`` and ``body_html``, ``description_text`` (a caption), ``byline``,
  ``charcount``, ``subject``, ``infosource``, ``$standard``; associations an object keyed
  ``figure_1``, ``item_01`` … (keys are ``[a-zA-Z0-9_]``, and an association has no name);
  renditions an object keyed by name, with ``mimetype``.
"""

from __future__ import annotations

from typing import Any

VERSIONS = ("3.1", "2.2", "1.6")
DEFAULT_VERSION = "3.1"

_SCHEMA_URLS = {version: f"http://www.iptc.org/std/ninjs/ninjs-schema_{version}.json#" for version in VERSIONS}

#: ninjs 3.x names that are lower case in 1.x and 2.x.
_LOWER = {
    "firstCreated": "firstcreated",
    "versionCreated": "versioncreated",
    "contentCreated": "contentcreated",
    "embargoedUntil": "embargoed",
    "pubStatus": "pubstatus",
    "copyrightHolder": "copyrightholder",
    "copyrightNotice": "copyrightnotice",
    "usageTerms": "usageterms",
    "edNote": "ednote",
    "infoSources": "infosources",
    "representationType": "representationtype",
    "contentType": "contenttype",
    "charCount": "charcount",
    "wordCount": "wordcount",
    "sizeInBytes": "sizeinbytes",
    "altIds": "altids",
    "trustIndicators": "trustindicators",
    "rightsInfo": "rightsinfo",
    "digitalSourceType": "digitalsourcetype",
}


def standard(version: str) -> dict[str, str]:
    """The ``standard`` object of a version (``$standard`` in 1.x)."""
    return {"name": "ninjs", "version": version, "schema": _SCHEMA_URLS[version]}


def convert(obj: dict[str, Any], version: str) -> dict[str, Any]:
    """A 3.1 object rewritten for ``version`` (a new object; keys keep their order)."""
    if version == "3.1":
        return obj
    if version == "2.2":
        return _to_2(obj)
    if version == "1.6":
        return _to_1(obj)
    raise ValueError(f"unknown ninjs version {version!r}")


def _lower(value: Any) -> Any:
    """Keys renamed to their lower-case 2.x/1.x names, in nested objects too."""
    if isinstance(value, dict):
        return {_LOWER.get(key, key): _lower(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lower(item) for item in value]
    return value


def _to_2(obj: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "standard":
            result[key] = standard("2.2")
        elif key == "associations":
            result[key] = [{k: v for k, v in _to_2(member).items() if k != "rel"} for member in value]
        else:
            result[_LOWER.get(key, key)] = _lower(value)
    return result


def _association_keys(members: list[dict[str, Any]]) -> list[str]:
    """``figure_1``, ``figure_2`` for figures; ``item_01`` … for the items of a page."""
    width = max(2, len(str(len(members))))
    counts: dict[str, int] = {}
    keys = []
    for member in members:
        rel = member.get("rel") or "item"
        counts[rel] = counts.get(rel, 0) + 1
        number = f"{counts[rel]:0{width}d}" if rel == "item" else str(counts[rel])
        keys.append(f"{''.join(c if c.isalnum() and c.isascii() else '_' for c in rel)}_{number}")
    return keys


def _to_1(obj: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "standard":
            result["$standard"] = standard("1.6")
        elif key in ("name", "rel"):
            continue  # an association's name is its key in 1.x
        elif key == "headlines":
            for headline in value:
                role = headline.get("role")
                result["headline" if not role or role == "main" else f"headline_{role}"] = headline["value"]
        elif key == "bodies":
            for body in value:
                if body.get("contentType") == "text/plain":
                    result["body_text"] = body["value"]
                    if "charCount" in body:
                        result["charcount"] = body["charCount"]
                else:
                    result["body_html"] = body["value"]
        elif key == "descriptions":
            for description in value:
                suffix = "text" if description.get("role") == "caption" else description.get("role", "text")
                result[f"description_{suffix}"] = description["value"]
        elif key == "by":
            result["byline"] = value
        elif key == "subjects":
            result["subject"] = value
        elif key == "infoSources":
            result["infosource"] = value
        elif key == "associations":
            keys = _association_keys(value)
            result[key] = {name: _to_1(member) for name, member in zip(keys, value, strict=True)}
        elif key == "renditions":  # an object keyed by name in 1.x, ``mimetype`` for the type
            result[key] = {
                rendition["name"]: {
                    ("mimetype" if name == "contentType" else name): item
                    for name, item in rendition.items()
                    if name != "name"
                }
                for rendition in value
            }
        else:
            result[_LOWER.get(key, key)] = _lower(value)
    return result
