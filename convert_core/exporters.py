"""What an exporter plugin registers: :class:`Exporter` and :class:`ExporterOption`.

An exporter is one writer with one signature (as in pandoc)::

    def write(document: Document, options: Mapping[str, Any]) -> bytes | dict[str, bytes]

It returns the bytes of one file, or a mapping of relative file names to bytes when the
format writes several files (one per article, say). The core writes them atomically
and keeps the names inside the output directory; writers never touch the file system.

``writer`` may be the function itself or a ``"package.module:function"`` string, which
is imported only when the format is used: a plugin module stays cheap to load, and
``convert page.txt --to json`` never imports the libraries of the other formats.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .errors import PluginError
from .regex_cache import regex

if TYPE_CHECKING:
    from .model import Document

_NAME_RE = regex(r"[a-z0-9][a-z0-9-]*")
#: A format's file name extension: ``.json``, ``.newsml.xml``.
_EXTENSION_CHARS = 32
_EXTENSION_RE = regex(rf"(?=.{{2,{_EXTENSION_CHARS}}}$)(?:\.[A-Za-z0-9][A-Za-z0-9_-]*)+", re.ASCII)

Output = bytes | dict[str, bytes]
Writer = Callable[["Document", Mapping[str, Any]], Output]
CombinedWriter = Callable[[Sequence["Document"], Mapping[str, Any]], Output]
OptionType = Literal["str", "path", "bool", "int", "choice"]


@dataclass(frozen=True)
class ExporterOption:
    """An option an exporter accepts.

    ``name`` is written with dashes (``reference-docx``); the command line offers it
    as ``--reference-docx`` and the writer receives it as ``options["reference_docx"]``.
    """

    name: str
    help: str
    type: OptionType = "str"
    default: Any = None
    choices: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The key of the option in the ``options`` mapping a writer receives."""
        return self.name.replace("-", "_")


@dataclass(frozen=True)
class Exporter:
    """Descriptor of an output format, returned by the ``register_exporters`` hook.

    :param name: the format name users type after ``--to`` (lower case, ``[a-z0-9-]``)
    :param extension: file extension including the dot (``.json``, ``.newsml.xml``)
    :param media_type: IANA media type of the output
    :param description: one line for ``--list-formats``
    :param writer: the writer, or ``"module:function"`` to import it lazily
    :param combine: optional writer of several documents into one output
        (``--bundle``: an e-book of a whole edition), same lazy form
    :param options: the options the writer understands
    :param plugin: set by the plugin manager to the name of the registering plugin
    """

    name: str
    extension: str
    media_type: str
    description: str
    writer: Writer | str
    combine: CombinedWriter | str | None = None
    options: tuple[ExporterOption, ...] = ()
    plugin: str = field(default="", compare=False)

    def load_writer(self) -> Writer:
        """Return the writer function, importing it if it was given as a string."""
        return _resolve(self.writer, self)

    def load_combine(self) -> CombinedWriter | None:
        """Return the combining writer, or ``None`` if the format cannot bundle pages."""
        if self.combine is None:
            return None
        return _resolve(self.combine, self)

    def option_defaults(self) -> dict[str, Any]:
        """The default value of every option, by key."""
        return {option.key: option.default for option in self.options}

    def problems(self) -> list[str]:
        """What is wrong with this descriptor (empty when it is well formed); the plugin
        manager refuses a format with problems, naming them."""
        found = []
        if not _NAME_RE.fullmatch(self.name):
            found.append(f"name {self.name!r} must be lower case letters, digits and dashes")
        if not self.extension.startswith("."):
            found.append(f"extension {self.extension!r} must start with a dot")
        elif not _EXTENSION_RE.fullmatch(self.extension):
            # '.', '..', '../x', '.x/y', a line end or ESC: sanitised into names that took a
            # page's own name ('a') or another format's files
            found.append(
                f"extension {self.extension!r} must be a dot and letters, digits, dashes or underscores "
                f"(more dots between them: '.newsml.xml'), at most {_EXTENSION_CHARS} characters"
            )
        if "/" not in self.media_type or not (self.media_type.isascii() and self.media_type.isprintable()):
            found.append(f"media type {self.media_type!r} is not type/subtype")
        if not self.description or "\n" in self.description:
            found.append("description must be one non-empty line")
        for option in self.options:
            if not _NAME_RE.fullmatch(option.name):
                found.append(f"option {option.name!r} must be lower case with dashes")
            if option.type == "choice" and not option.choices:
                found.append(f"option {option.name!r} is a choice without choices")
            # a choice is typed on the command line and shown by --help as it is: ESC or BEL
            # in one reached the terminal raw (``--ch {a,b^[]0;title^G}``)
            for choice in option.choices:
                if not isinstance(choice, str) or not choice or not choice.isprintable() or choice.split() != [choice]:
                    found.append(f"option {option.name!r}: choice {choice!r} must be printable text without spaces")
        return found


def _resolve(target: Any, exporter: Exporter) -> Any:
    if callable(target):
        return target
    module_name, _, attribute = str(target).partition(":")
    try:
        module = importlib.import_module(module_name)
        return getattr(module, attribute) if attribute else module
    except Exception as exc:  # an import error names the plugin, never a traceback
        raise PluginError(
            f"format {exporter.name!r} (plugin {exporter.plugin or '?'}): cannot load {target!r}: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


#: The identifier domain used when the user gives none (``--guid-authority``).
DEFAULT_GUID_AUTHORITY = "bulletin-convert.invalid"

#: The ``guid-authority`` option shared by the IPTC exporters (NewsML-G2, ninjs).
GUID_AUTHORITY_OPTION = ExporterOption(
    "guid-authority",
    f"your domain, used in item identifiers: urn:newsml:DOMAIN:DATE:… (default: {DEFAULT_GUID_AUTHORITY})",
    "str",
    None,
)

#: The rights options shared by the IPTC exporters and the EPUB exporter (see
#: :func:`convert_core.exportkit.rights_of`).
COPYRIGHT_HOLDER_OPTION = ExporterOption(
    "copyright-holder", "who holds the copyright of the content (default: the publication)", "str", None
)
COPYRIGHT_NOTICE_OPTION = ExporterOption(
    "copyright-notice", "the copyright notice (default: © YEAR PUBLICATION when the publication is known)", "str", None
)
USAGE_TERMS_OPTION = ExporterOption(
    "usage-terms", "the terms of use of the content, in words (default: none stated)", "str", None
)
RIGHTS_OPTIONS = (COPYRIGHT_HOLDER_OPTION, COPYRIGHT_NOTICE_OPTION, USAGE_TERMS_OPTION)
