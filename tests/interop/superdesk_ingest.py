"""Ingest files with Superdesk's own NewsML-G2 2.0 and ninjs feed parsers; print the items.

Runs in the side environment the interop job builds (``.venv-interop``, see
``tests/interop/requirements.txt``), never in the project's own. It is not Superdesk code:
it loads Superdesk's modules, installed from PyPI (superdesk-core), and runs them.

    .venv-interop/bin/python tests/interop/superdesk_ingest.py newsml2 page.newsml.xml ...
    .venv-interop/bin/python tests/interop/superdesk_ingest.py ninjs 01-a-….ninjs.json ...

Prints one JSON object: ``{"items": [...]}``, each item the dict Superdesk's parser made
(what its ingest stores), datetimes as ISO strings; or ``{"error": ...}`` when the parser
rejected a file.

superdesk-core's pinned dependencies do not install on Python 3.11 (PyYAML 5, lxml 4.6,
regex 2020 ... do not build), and its package ``__init__`` modules start the whole
application (Eve, Flask-Script, Celery, Elasticsearch, MongoDB). So the real modules the
two parsers are made of run here — ``superdesk/io/feed_parsers/newsml_2_0.py``,
``ninjs.py`` and ``__init__.py`` (their base classes), ``superdesk/errors.py``,
``io/registry.py``, ``metadata/item.py``, ``metadata/utils.py``, ``etree.py``, ``utc.py``,
``utils.py``, ``text_utils.py``, ``resource.py``, ``services.py``, ``default_settings.py``
— with current releases of the libraries they import, while three things are stood in for:

* the ``superdesk`` and ``superdesk.io`` package ``__init__`` modules: bare packages holding
  the names the loaded modules take from them (``config``: Eve's, as Superdesk's is;
  ``app``: a Flask app configured from ``superdesk.default_settings``, as Superdesk's is;
  ``json``: Flask's; ``Resource``, ``Service``: the real classes; ``get_resource_service``:
  raises, since there is no database; the parsers call it only for subject codes we do
  not write);
* the other feed parser modules ``feed_parsers/__init__.py`` imports at its end (ANPA,
  NITF, ...): empty stand-ins, none of them is used.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
import types
from pathlib import Path
from typing import Any

WANTED = {"newsml_2_0", "ninjs"}


def _no_database(name: str) -> None:
    raise RuntimeError(f"get_resource_service({name!r}): no Superdesk database in this test")


def load() -> dict[str, Any]:
    """Superdesk's NewsML-G2 2.0 and ninjs parser instances, and the Flask app they run in."""
    spec = importlib.util.find_spec("superdesk")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("superdesk-core is not installed in this environment")
    root = Path(next(iter(spec.submodule_search_locations)))

    import flask
    from eve.utils import config

    package = types.ModuleType("superdesk")
    package.__path__ = [str(root)]
    package.__file__ = str(root / "__init__.py")
    package.config = config
    package.json = flask.json
    package.get_resource_service = _no_database
    sys.modules["superdesk"] = package
    io_package = types.ModuleType("superdesk.io")
    io_package.__path__ = [str(root / "io")]
    sys.modules["superdesk.io"] = io_package
    package.io = io_package

    parsers_init = (root / "io" / "feed_parsers" / "__init__.py").read_text("utf-8")
    for module, name in re.findall(r"^from superdesk\.io\.feed_parsers\.(\w+) import (\w+)", parsers_init, re.M):
        if module not in WANTED:
            stand_in = types.ModuleType(f"superdesk.io.feed_parsers.{module}")
            setattr(stand_in, name, type(name, (), {}))
            sys.modules[stand_in.__name__] = stand_in

    import superdesk.resource
    import superdesk.services

    package.Resource = superdesk.resource.Resource
    package.Service = superdesk.services.BaseService
    app = flask.Flask("superdesk")
    app.config.from_object("superdesk.default_settings")
    package.app = app

    from superdesk.io.feed_parsers.newsml_2_0 import NewsMLTwoFeedParser
    from superdesk.io.feed_parsers.ninjs import NINJSFeedParser

    return {"app": app, "newsml2": NewsMLTwoFeedParser(), "ninjs": NINJSFeedParser()}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def ingest(kind: str, paths: list[str]) -> dict[str, Any]:
    loaded = load()
    parser = loaded[kind]
    items: list[dict[str, Any]] = []
    with loaded["app"].app_context():
        for path in paths:
            try:
                if kind == "newsml2":
                    from lxml import etree

                    root = etree.parse(path).getroot()
                    if not parser.can_parse(root):
                        return {"error": f"{path}: the NewsML-G2 parser says it cannot parse this"}
                    items.extend(parser.parse(root))
                else:
                    if not parser.can_parse(path):
                        return {"error": f"{path}: the ninjs parser says it cannot parse this"}
                    items.extend(parser.parse(path))
            except Exception as exc:  # the parser's rejection is the answer
                return {"error": f"{path}: {type(exc).__name__}: {exc}"}
    import superdesk

    version = getattr(superdesk, "__version__", None) or _installed_version()
    return {"superdesk_core": version, "items": _plain(items)}


def _installed_version() -> str:
    from importlib.metadata import version

    return version("superdesk-core")


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("newsml2", "ninjs"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    print(json.dumps(ingest(argv[0], argv[1:]), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
