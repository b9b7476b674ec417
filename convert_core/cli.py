"""The ``convert`` command (also ``python -m convert_core``)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import glob
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__, output, stdout, values
from .api import (
    _render,
    _render_many,
    input_kind,
    options_not_applied,
    parse_pages,
    read_stdin,
    strict_check,
    write_output,
)
from .errors import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_PARTIAL,
    ConvertError,
    OutputError,
    UsageError,
    ValidationFailed,
    describe,
    exhausted,
)
from .exporters import Exporter, ExporterOption
from .model import Document
from .output import safe_name, sweep_debris
from .plugins import PluginConfig, PluginRegistry, registry_for, set_registry
from .reader import MAX_INPUT_BYTES
from .terminal import printable, show_logging_escaped, show_warnings_escaped

PROG = "convert"

DESCRIPTION = """\
Convert newspaper pages given as plain text into a normalized news document and
write it as JSON, IPTC NewsML-G2 and ninjs, EPUB 3, DOCX, or any format a plugin adds.

Inputs are page text files (UTF-8, GB18030/GBK or Big5, detected), PDF pages (born
digital, with a text layer; each page of a multi-page PDF is a page of its own), ALTO
XML files (OCR of scanned pages), '-' for standard input, directories (every *.txt,
*.pdf and ALTO *.xml inside), or documents in our JSON form (a parse you corrected by
hand, re-exported as is).
"""

USAGE = """\
%(prog)s [options] INPUT [INPUT ...]
       %(prog)s inspect [options] PAGE [PAGE ...]
       %(prog)s evaluate [options] PAGE [PAGE ...] --gold DIR
       %(prog)s train [options] PAGE [PAGE ...] --gold DIR -o MODEL
       %(prog)s --list-formats"""

EPILOG = """\
examples:
  convert page.txt --to json -o -            print the parsed page as JSON
  convert page.txt --to all -o out/          every installed format into out/
  convert page.txt --to docx,epub -o out/ --publication 平顶山日报 --date 2020-04-28 --page 3
  convert edition.pdf --to all -o out/ --pages 3-5   pages 3 to 5 of a PDF, pictures in out/images/
  convert page.alto.xml --to json -o out/    an OCR'd page in ALTO XML
  convert out/page.json --to docx -o out/    re-export a hand-corrected parse
  convert inspect page.txt                   the parsed structure as a tree, with diagnostics
  convert train pages/ --gold gold/ -o ours.crfsuite   fit the reader's role model to a paper
  convert evaluate pages/ --gold gold/       score the reader against gold files: headline
                                             F1, field accuracy, characters lost
                                             ('convert evaluate --help' for more)
  convert --list-formats                     installed formats and their plugins

exit codes:
  0 success · 1 some inputs or formats failed (several kinds of failure) · 2 usage error
  3 input error · 4 output error · 5 --validate found invalid output
  6 --strict and the reader had doubts · 7 plugin error
  8 out of open files or memory (ulimit -n) · 130 interrupted
  143/129 stopped by SIGTERM/SIGHUP

Use 'python -m convert_core' where another 'convert' (ImageMagick's) comes first on PATH.

environment:
  BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD=1   only the built-in formats load
  BULLETIN_CONVERT_PLUGINS / _DISABLE_PLUGINS  allow-list / deny-list of plugin names
  BULLETIN_CONVERT_FSYNC=1                     as --fsync
  BULLETIN_CONVERT_MODEL=FILE|none            as --model, for every command
  BULLETIN_CONVERT_CACHE_DIR, _NO_CACHE=1      where compiled patterns are kept
                                               (~/.cache/bulletin-convert), or not at all
"""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and our usage exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def _print_message(self, message: str, file: Any = None) -> None:
        if message and (file is None or file is sys.stdout):
            stdout.write(message)  # --help, --version: the real standard output
        elif message and file is not None:
            file.write(message)


def _checked(check: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse ``type`` from a check of :mod:`values`: its message, naming the option."""

    def convert(text: str) -> Any:
        try:
            return check(text)
        except UsageError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = check.__name__
    return convert


def _text() -> Callable[[str], str | None]:
    return _checked(lambda text: values.metadata_text(text, "the value"))


def _counted(minimum: int) -> Callable[[str], int]:
    return _checked(lambda text: values.count(text, minimum=minimum, what="the value"))


def _module_name(text: str) -> str:
    """A ``--plugin`` value: a module's dotted name (``my_plugin``, ``pkg.plugin``). A path,
    an empty value or a relative name was a warning of Python's words (``the 'package'
    argument is required to perform a relative import``, ``Empty module name``) and the run
    went on without the plugin."""
    name = text.strip()
    if not name or not all(part.isidentifier() for part in name.split(".")):
        hint = " (a file: put its folder on PYTHONPATH and give its name)" if "/" in text or "\\" in text else ""
        raise UsageError(f"the value must be a module's name such as my_plugin or package.plugin, not {text!r}{hint}")
    return name


def _plugin_name(text: str) -> str:
    """A ``--disable-plugin`` value: a plugin's name (``docx``, as ``--list-formats`` shows
    it). An empty value was taken without a word, and disabled nothing."""
    name = text.strip()
    if not name or not name.isprintable():
        raise UsageError(f"the value must be a plugin's name such as docx (see --list-formats), not {text!r}")
    return name


def _option_value(option: str, check: Callable[[str], Any], value: str) -> Any:
    """``check(value)``, its error naming ``option`` as the parser's would."""
    try:
        return check(value)
    except UsageError as exc:
        raise UsageError(f"argument {option}: {exc} (see '{PROG} --help')") from None


#: The repeatable plugin options: flag, metavar, the check of a value, help.
_PLUGIN_LISTS: tuple[tuple[str, str, Callable[[str], str], str], ...] = (
    ("--plugin", "MODULE", _module_name, "also load this plugin module (repeatable)"),
    ("--disable-plugin", "NAME", _plugin_name, "do not load the plugin NAME (repeatable)"),
)


def _plugin_args(parser: argparse.ArgumentParser, *, check: bool = True) -> None:
    group = parser.add_argument_group("plugins")
    for flag, metavar, name_check, text in _PLUGIN_LISTS:
        kind = _checked(name_check) if check else str
        group.add_argument(flag, action="append", default=[], metavar=metavar, type=kind, help=text)
    group.add_argument(
        "--no-plugin-autoload",
        action="store_true",
        help="load no entry-point plugins, only the built-in formats (as BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD=1)",
    )


def _limit(group: argparse._ActionsContainer, flag: str, text: str) -> None:
    """A ``--max-…`` option: a whole number ``N`` from 0."""
    group.add_argument(flag, type=_counted(0), metavar="N", help=text)


def _reader_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("reading")
    group.add_argument(
        "--input-format",
        choices=("auto", "text", "json", "pdf", "alto"),
        default="auto",
        help="input kind (default: auto, told by content: %%PDF-, an ALTO root, our JSON, else text)",
    )
    group.add_argument(
        "--pages",
        type=_checked(values.page_list),
        metavar="LIST",
        help="pages of a PDF or ALTO file to read, 1-based: 3, 3-5 or 2,4-6 (default: all; the outputs "
        "of page N of a file of several pages are named NAME-pN; -o - writes the one chosen)",
    )
    _limit(group, "--max-pages", "refuse a PDF or ALTO file of more than N pages unless --pages chooses (default 1000)")
    group.add_argument(
        "--encoding",
        type=_checked(values.text_encoding),
        metavar="NAME",
        help="input encoding (default: detect UTF-8, GB18030, Big5)",
    )
    group.add_argument(
        "--punctuation",
        choices=("auto", "full", "keep"),
        default="auto",
        help="half-width ,;:?!() in Chinese text: made full width for Chinese pages (auto), always (full), or kept (keep)",
    )
    _limit(group, "--max-bytes", "refuse inputs larger than N bytes (default 64 MiB)")
    _limit(group, "--max-items", "refuse pages with more than N articles and photos (default 100000)")
    group.add_argument(
        "--model",
        type=_checked(values.path_name),
        metavar="FILE",
        help="read with this role model (made by 'convert train' from a paper's own pages); "
        "'none': the hand-written rules alone (default: the model shipped with the reader)",
    )
    meta = parser.add_argument_group("edition metadata (override what the page shows)")
    meta.add_argument("--publication", type=_text(), metavar="NAME", help="newspaper name, e.g. 平顶山日报")
    meta.add_argument(
        "--date", type=_checked(values.iso_date), metavar="YYYY-MM-DD", help="edition date (stored as YYYY-MM-DD)"
    )
    meta.add_argument("--page", type=_text(), metavar="PAGE", help="page number as printed, e.g. 3 or A04")
    meta.add_argument("--section", type=_text(), metavar="NAME", help="page or section name, e.g. 卫东新闻")
    meta.add_argument(
        "--language",
        type=_checked(lambda text: values.language_tag(text, "the value")),
        metavar="TAG",
        help="BCP 47 language tag (default: detected, zh-CN)",
    )


def _follow_links_arg(group: argparse._ActionsContainer) -> None:
    """``-L``/``--follow-links``: how ``convert``, ``convert evaluate`` and ``convert train``
    walk an input folder's links."""
    group.add_argument(
        "-L",
        "--follow-links",
        action="store_true",
        help="walk the folders that links inside an input folder reach (as find -L): each real folder once, under the first link's name in sorted order; a link to a folder above it (a loop) is named and skipped",
    )


def _pages_and_gold_args(parser: argparse.ArgumentParser, *, pages: str, gold: str) -> None:
    """The pages (``pages``: their help) and the gold files (``gold``) that ``convert
    evaluate`` and ``convert train`` read."""
    parser.add_argument("inputs", nargs="+", type=_checked(values.input_name), metavar="PAGE", help=pages)
    _follow_links_arg(parser)
    parser.add_argument("--gold", required=True, type=_checked(values.path_name), metavar="DIR", help=gold)


def _batch_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "batch (several inputs or a directory: outputs mirror the input tree; finished pages are skipped on re-runs)"
    )
    group.add_argument(
        "-j",
        "--jobs",
        type=_counted(1),
        metavar="N",
        help=f"worker processes (default: the number of CPUs; at most {JOBS_PER_CPU} per CPU and one per page, "
        "with a warning when N is cut)",
    )
    group.add_argument("--force", action="store_true", help="convert pages whose outputs are already up to date")
    _follow_links_arg(group)
    group.add_argument(
        "--fsync",
        action="store_true",
        help="flush every output to disk before renaming it into place (survives a power loss; slower)",
    )
    group.add_argument(
        "--report",
        type=_checked(values.path_name),
        metavar="FILE",
        help="write the JSON report here (default in batch: OUT/convert-report.json)",
    )
    group.add_argument("--no-report", action="store_true", help="write no report in batch mode")
    group.add_argument(
        "--delete",
        action="store_true",
        help="remove the outputs an earlier run into OUT wrote for pages whose input is gone or renamed "
        "(without it they are kept, and named)",
    )
    group.add_argument(
        "--timeout",
        type=_checked(values.seconds),
        metavar="SEC",
        help="give up on a page after SEC seconds (a hung plugin; process executor only)",
    )
    group.add_argument(
        "--executor",
        choices=("process", "thread", "dask"),
        default="process",
        help="run pages in local processes (default), threads, or on a Dask cluster",
    )
    group.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")


def _shape(option: ExporterOption) -> tuple[str, tuple[str, ...]]:
    return option.type, option.choices


def option_flags(exporters: dict[str, Exporter]) -> dict[tuple[str, str], str]:
    """The command-line flag of each (format, option): ``--name`` when every exporter
    declaring the name means the same kind of value by it, else ``--format-name``."""
    shapes: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    for exporter in exporters.values():
        for option in exporter.options:
            shapes.setdefault(option.name, set()).add(_shape(option))
    flags = {}
    for exporter in exporters.values():
        for option in exporter.options:
            shared = len(shapes[option.name]) == 1
            flags[(exporter.name, option.name)] = f"--{option.name}" if shared else f"--{exporter.name}-{option.name}"
    return flags


def _dest(flag: str) -> str:
    return "fmt_" + flag[2:].replace("-", "_")


def _exporter_args(parser: argparse.ArgumentParser, exporters: dict[str, Exporter]) -> None:
    flags = option_flags(exporters)
    by_flag: dict[str, tuple[ExporterOption, list[str]]] = {}
    for exporter in exporters.values():
        for option in exporter.options:
            flag = flags[(exporter.name, option.name)]
            by_flag.setdefault(flag, (option, []))[1].append(exporter.name)
    # read back by _format_options and _unused_options
    parser.set_defaults(option_flags=flags, option_owners={flag: owners for flag, (_, owners) in by_flag.items()})
    if not flags:
        return
    group = parser.add_argument_group("format options (from the exporters)")
    for flag, (option, owners) in sorted(by_flag.items()):
        formats = ", ".join(owners)
        kwargs: dict[str, Any] = {"dest": _dest(flag), "default": None, "help": printable(f"[{formats}] {option.help}")}
        if option.type == "bool":
            kwargs["action"] = argparse.BooleanOptionalAction
        elif option.type == "int":  # ASCII digits (int() takes ``１`` and ``1_0``); the range is the plugin's
            kwargs.update(type=_counted(-(10**18)), metavar="N")
        elif option.type == "choice":
            kwargs.update(choices=option.choices)
        elif option.type == "path":  # never empty: '' gave the default without a word
            kwargs.update(metavar="FILE", type=_checked(values.file_name))
        else:  # text: no control characters (they break XML outputs and terminals)
            kwargs.update(metavar="VALUE", type=_text())
        try:
            group.add_argument(flag, **kwargs)
        except argparse.ArgumentError as exc:
            raise UsageError(f"exporter option {flag} ({formats}) clashes with a command option: {exc}") from None


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, sized to the terminal without importing ``shutil`` (argparse
    makes a formatter for every option it adds; ``shutil`` costs a cold start ~4 ms)."""

    def __init__(self, prog: str, **kwargs: Any) -> None:
        if kwargs.get("width") is None:
            kwargs["width"] = _terminal_columns() - 2
        super().__init__(prog, **kwargs)


def _terminal_columns() -> int:
    """``$COLUMNS``, else the width of the terminal on standard output, else 80 (what
    ``shutil.get_terminal_size`` gives)."""
    with contextlib.suppress(ValueError):
        if (columns := int(os.environ.get("COLUMNS", "0"))) > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


#: The on/off options of ``convert``, in the order ``--help`` lists them: flags, help.
_SWITCHES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("--list-formats",), "list the installed formats and exit"),
    (("--validate",), "check every output with its format's validator"),
    (("--strict",), "refuse a page the reader had doubts about (exit 6)"),
    (("--bundle",), "write all inputs into one output (formats that can, e.g. epub)"),
    (("-q", "--quiet"), "print errors only"),
    (("--debug",), "show tracebacks of errors"),
)


def build_parser(exporters: dict[str, Exporter]) -> argparse.ArgumentParser:
    """The argument parser, with the options of the installed exporters."""
    parser = _Parser(
        prog=PROG,
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        type=_checked(values.input_name),
        metavar="INPUT",
        help="page text files, '-' for standard input, or directories",
    )
    parser.add_argument(
        "-t",
        "--to",
        default="json",
        metavar="FORMAT[,FORMAT...]",
        help=f"output formats, or 'all' (installed: {', '.join(exporters) or 'none'}; default: json)",
    )
    parser.add_argument(
        "-o",
        "--output",
        default=".",
        type=_checked(values.path_name),
        metavar="DIR",
        help="output directory (default: the current one); '-' writes one format of one page to standard output",
    )
    parser.add_argument(
        "--name",
        metavar="STEM",
        help="output name of a page read from standard input ('-'): STEM.json, STEM.docx ... (default: page)",
    )
    for flags, text in _SWITCHES:
        parser.add_argument(*flags, action="store_true", help=text)
    parser.add_argument("--version", action="version", version=f"%(prog)s (bulletin-convert) {__version__}")
    _batch_args(parser)
    _reader_args(parser)
    _exporter_args(parser, exporters)
    _plugin_args(parser)
    return parser


def _inspect_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} inspect",
        description="Show how the reader understood a page: items, fields, furniture and diagnostics.",
        formatter_class=_HelpFormatter,
        epilog="example:\n  convert inspect page.txt --width 0\n",
    )
    parser.add_argument(
        "inputs", nargs="+", type=_checked(values.input_name), metavar="PAGE", help="page text files or '-'"
    )
    parser.add_argument(
        "--width", type=_counted(0), default=60, help="cut texts to this many characters (0: never; default 60)"
    )
    parser.add_argument("--no-diagnostics", action="store_true", help="leave out the diagnostics")
    parser.add_argument(
        "--lines",
        action="store_true",
        help="also list every line the reader read (furniture aside) with its role, the role model's "
        "confidence and the features that weighed most for it",
    )
    parser.add_argument("--strict", action="store_true", help="exit 6 if the reader had doubts")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    _reader_args(parser)
    _plugin_args(parser)
    return parser


def _plugin_config(args: argparse.Namespace) -> PluginConfig:
    return PluginConfig(
        autoload=False if args.no_plugin_autoload else None,
        plugins=tuple(_option_value("--plugin", _module_name, value) for value in args.plugin),
        disabled=tuple(_option_value("--disable-plugin", _plugin_name, value) for value in args.disable_plugin),
    )


def _registry_from(args: argparse.Namespace, console: Console | None = None) -> PluginRegistry:
    """The plugins ``args`` ask for; with ``console``, a warning for each that failed (a
    module that did not load or is no plugin, a name ``--disable-plugin`` gave that no
    plugin has) — ``inspect`` and ``evaluate`` went on without them without a word."""
    registry = registry_for(_plugin_config(args))
    set_registry(registry)
    for failure in registry.failures if console is not None else ():
        console.warn(str(failure))
    return registry


def _preparse(argv: Sequence[str]) -> argparse.Namespace:
    # (lenient: a value the command's own parser refuses is its one-line usage error)
    pre = argparse.ArgumentParser(add_help=False, formatter_class=_HelpFormatter)
    _plugin_args(pre, check=False)
    pre.add_argument("--debug", action="store_true")
    pre.add_argument("-q", "--quiet", action="store_true")
    args, _rest = pre.parse_known_args(list(argv))
    return args


class Console:
    """Messages to standard error; errors always, progress unless quiet."""

    def __init__(self, quiet: bool = False, debug: bool = False) -> None:
        self.quiet = quiet
        self.debug = debug

    def info(self, message: str) -> None:
        if not self.quiet:
            _say(message)

    def error(self, message: str) -> None:
        _say(f"{PROG}: error: {message}")

    def failure(self, exc: BaseException, item: str | None = None) -> None:
        """Report an error of one input or format; the traceback too with --debug."""
        message = _naming(item, str(exc)) if item else str(exc)
        if self.debug:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        self.error(message)

    def warn(self, message: str) -> None:
        _say(f"{PROG}: warning: {message}")


def _naming(item: str, message: str) -> str:
    """``message``, an error of the page ``item``, naming it (standard input as such) when
    it does not: every per-page error line names its page, in every output mode — with
    ``-o -``, and for standard input anywhere, ``input is empty``, ``the page has 10 items,
    over the limit of 2 (--max-items)`` or a JSON input's field named none."""
    label = "standard input" if item == "-" else item
    return message if label in message else f"{label}: {message}"


#: The longest line :func:`_say` shows whole; a longer one keeps its start and its end (the
#: reason) and says how much is left out between.
MAX_LINE_CHARS = 2000


def _say(line: str) -> None:
    """One line on standard error, with nothing in it that can drive the terminal (a file
    name or a JSON field holding ESC, BEL or C1 controls is shown escaped), at most
    :data:`MAX_LINE_CHARS` long (an option's value of 100,000 characters was quoted whole)."""
    line = printable(line)
    if len(line) > MAX_LINE_CHARS:
        head, tail = MAX_LINE_CHARS * 3 // 4, MAX_LINE_CHARS // 5
        line = f"{line[:head]} … ({len(line) - head - tail:,} characters left out) … {line[-tail:]}"
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(line, file=sys.stderr, flush=True)


def _read_input(item: str, args: argparse.Namespace, registry: PluginRegistry, data: bytes | None = None):  # type: ignore[no-untyped-def]
    """The document of ``item``, which must be one page (``data``: standard input's bytes,
    when already read): a PDF or ALTO file of several pages with no ``--pages`` choosing
    one is a usage error — only its first page was read, the others lost without a word."""
    documents = _read_pages(item, args, registry, data)
    first = next(documents)
    if next(documents, None) is not None:
        raise UsageError(
            f"{item} holds several pages, and this writes one: choose it with --pages N, or give a directory with -o"
        )
    return first


def _read_pages(item: str, args: argparse.Namespace, registry: PluginRegistry, data: bytes | None = None):  # type: ignore[no-untyped-def]
    """The documents of ``item``'s pages, one at a time: every page of a PDF or ALTO file
    (or those ``--pages`` chooses), the one page of any other input."""
    kwargs = {**_reader_kwargs(args), "registry": registry}
    if item == "-":
        if data is None:
            data = read_stdin(kwargs.get("max_bytes", MAX_INPUT_BYTES))
        stdout.release_stdin()  # read: plugin code finds nothing there to wait on
        return _saying_options_not_applied(parse_pages(data, name=None, **kwargs), "standard input")
    if "-" not in getattr(args, "inputs", ()):
        stdout.release_stdin()
    return _saying_options_not_applied(parse_pages(Path(item), **kwargs), item)


def _saying_options_not_applied(documents: Iterator[Document], item: str) -> Iterator[Document]:
    """``documents``, with a warning naming ``item`` for each option that did not apply to
    it: ``--pages`` past its end, ``--encoding`` for a PDF or ALTO file (a document's
    ``pages-past-end`` and ``encoding-not-used`` diagnostics): they were ignored without a word."""
    for document in documents:
        for message in options_not_applied(document):
            Console().warn(f"{item}: {message}")
        yield document


def _format_options(args: argparse.Namespace, exporter: Exporter) -> dict[str, Any]:
    flags = args.option_flags
    options = {}
    for option in exporter.options:
        flag = flags.get((exporter.name, option.name), f"--{option.name}")
        value = getattr(args, _dest(flag), None)
        if value is not None:
            options[option.key] = value
    return options


def _run_inspect(argv: Sequence[str]) -> int:
    parser = _inspect_parser()
    args = parser.parse_args(list(argv))
    registry = _registry_from(args, Console())
    from .treeview import render_tree

    codes: list[int] = []
    for item in args.inputs:
        try:
            # standard input is read once: --lines reads the same bytes again
            data = (
                read_stdin(args.max_bytes if args.max_bytes is not None else MAX_INPUT_BYTES) if item == "-" else None
            )
            for document in _read_pages(item, args, registry, data):  # each page of a PDF or ALTO file
                stdout.write(render_tree(document, width=args.width, diagnostics=not args.no_diagnostics))
                if args.strict:
                    strict_check(document, item)
            if args.lines:
                stdout.write(_line_roles(item, args, data))
        except ConvertError as exc:
            Console(debug=args.debug).failure(exc, item)
            codes.append(exc.exit_code)
    return _final_code(codes)


def _line_roles(item: str, args: argparse.Namespace, data: bytes | None = None) -> str:
    """``inspect --lines``: each line's role, confidence and strongest features (``data``:
    the page's bytes when it came on standard input, read once)."""
    from .api import read_source
    from .reader import ReaderOptions, explain_lines
    from .treeview import render_line_roles

    if args.input_format == "json" or (item != "-" and item.lower().endswith(".json")):
        return "lines: a document in our JSON form has no lines to show\n"
    options = ReaderOptions(punctuation=args.punctuation, encoding=args.encoding, model=args.model)
    if args.max_bytes is not None:
        options.max_bytes = args.max_bytes
    if data is None:
        data = read_stdin(options.max_bytes) if item == "-" else read_source(Path(item), options.max_bytes)
    kind = input_kind(data, None if item == "-" else item, args.input_format)
    if kind == "json":
        return "lines: a document in our JSON form has no lines to show\n"
    if kind in ("pdf", "alto"):  # (a PDF was an error after its tree; an ALTO file's markup one line of text)
        return f"lines: the line table is of pages of text; {_KIND_NAMES[kind]} page's lines come from its layout\n"
    return render_line_roles(explain_lines(data, options=options), width=args.width)


#: An input that is no page of text, as a sentence names it.
_KIND_NAMES = {"pdf": "a PDF", "alto": "an ALTO"}


def _final_code(codes: list[int]) -> int:
    if not codes:
        return EXIT_OK
    kinds = set(codes)
    return codes[0] if len(kinds) == 1 else EXIT_PARTIAL


def _list_formats(registry: PluginRegistry) -> int:
    exporters = registry.exporters()
    if not exporters:
        stdout.write("no formats installed\n")
        return EXIT_OK
    rows = [(e.name, e.extension, e.plugin, e.description) for e in exporters.values()]
    widths = [
        max([len(header)] + [len(row[i]) for row in rows]) for i, header in enumerate(("FORMAT", "EXT", "PLUGIN"))
    ]
    lines = [f"{'FORMAT':<{widths[0]}}  {'EXT':<{widths[1]}}  {'PLUGIN':<{widths[2]}}  DESCRIPTION"]
    for name, ext, plugin, description in rows:
        lines.append(printable(f"{name:<{widths[0]}}  {ext:<{widths[1]}}  {plugin:<{widths[2]}}  {description}"))
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _reader_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "input_format": args.input_format,
        "publication": args.publication,
        "date": args.date,
        "page": args.page,
        "section": args.section,
        "language": args.language,
        "punctuation": args.punctuation,
        "encoding": args.encoding,
        # BULLETIN_CONVERT_MODEL as --model: explicit, so that it is in the resume key (a
        # page read with another model is converted again) and reaches every worker
        "model": args.model if args.model is not None else os.environ.get("BULLETIN_CONVERT_MODEL") or None,
    }
    if args.max_bytes is not None:
        kwargs["max_bytes"] = args.max_bytes
    if args.max_items is not None:
        kwargs["max_items"] = args.max_items
    if getattr(args, "pages", None):
        kwargs["pages"] = args.pages
    if getattr(args, "max_pages", None) is not None:  # 0 means 0, not the default
        kwargs["max_pages"] = args.max_pages
    return kwargs


def _convert(args: argparse.Namespace, registry: PluginRegistry, console: Console) -> int:
    exporters = registry.resolve_formats(args.to)
    values.source_date_epoch()  # malformed: one usage error before any page
    for flag, owners in _unused_options(args, exporters):
        formats = ", ".join(owners)
        console.warn(f"{flag} is an option of {formats}, which is not among the formats asked for; it has no effect")
    if args.scheduler and args.executor != "dask":
        console.warn("--scheduler is an option of --executor dask, which is not asked for; it has no effect")
    if args.output == "-" or args.bundle:  # one output, no batch: no report, no resume state
        mode = "-o -" if args.output == "-" else "--bundle"
        given_flags = (("--report", args.report), ("--no-report", args.no_report), ("--force", args.force))
        for flag, given in (*given_flags, ("--delete", args.delete)):
            if given:
                console.warn(f"{flag} has no effect with {mode}, which writes no report and keeps no resume state")
    if args.output == "-":
        given_flags = (("--jobs", args.jobs is not None), ("--follow-links", args.follow_links))
        for flag, given in (*given_flags, ("--bundle", args.bundle)):
            if given:
                console.warn(f"{flag} has no effect with -o -, which converts one page file")
    if args.name is not None:
        _check_name(args)

    if args.output == "-":
        if len(exporters) != 1 or len(args.inputs) != 1 or os.path.isdir(args.inputs[0]):
            raise UsageError("-o - writes one format of one input to standard output; give a directory for more")
        _refuse_binary_on_terminal(exporters[0])
        return _convert_to_stdout(args.inputs[0], exporters[0], args, registry, console)
    if args.bundle:
        unlisted: list[str] = []  # folders whose pages cannot be listed: the run fails (exit 3)
        code = _convert_bundle(_pages(args, console, unlisted), exporters, args, registry, console)
        return _final_code([code] * (code != EXIT_OK) + [EXIT_INPUT] * len(unlisted))
    return _convert_pages(exporters, args, console)


def _unused_options(args: argparse.Namespace, exporters: list[Exporter]) -> list[tuple[str, list[str]]]:
    """Exporter options given on the command line whose formats are all left out of ``--to``."""
    wanted = {exporter.name for exporter in exporters}
    return [
        (flag, owners)
        for flag, owners in getattr(args, "option_owners", {}).items()
        if getattr(args, _dest(flag), None) is not None and not wanted & set(owners)
    ]


def _check_name(args: argparse.Namespace) -> None:
    """``--name`` is a plain file name stem, for a page read from standard input."""
    name = args.name
    if "-" not in args.inputs:
        raise UsageError("--name names a page read from standard input: give '-' as the input")
    if not name.strip() or name in (".", "..") or any(char in name for char in "/\\\x00") or name != name.strip():
        raise UsageError(f"--name must be a file name without a directory, not {name!r}")


#: Media types whose bytes are text a terminal can show (anything else is refused there).
_TEXT_TYPES = ("text/", "application/json", "application/xml")


def _is_text(media_type: str) -> bool:
    kind = media_type.split(";")[0].strip().lower()
    return kind.startswith(_TEXT_TYPES) or kind.endswith(("+xml", "+json"))


def _refuse_binary_on_terminal(exporter: Exporter) -> None:
    """``-o -`` with a binary format (EPUB, DOCX: ZIP bytes) and a terminal on standard
    output would fill the terminal with garbage: a usage error instead."""
    if _is_text(exporter.media_type) or not stdout.isatty():
        return
    raise UsageError(
        f"{exporter.name} is a binary format ({exporter.media_type}); not writing it to a terminal: "
        f"redirect standard output (> page{exporter.extension}) or give a directory with -o"
    )


def _convert_to_stdout(
    item: str, exporter: Exporter, args: argparse.Namespace, registry: PluginRegistry, console: Console
) -> int:
    # --timeout holds here too (it was ignored: a hung plugin, a hung run)
    try:
        with _page_deadline(args.timeout, "standard input" if item == "-" else item):
            options = _format_options(args, exporter)
            document = _read_input(item, args, registry)
            if args.strict:
                strict_check(document, item)
            result = _render(document, exporter, options, registry)
        _write_stdout(result)
        if args.validate:
            _validate_stdout(result, exporter, options, registry, console)
    except ConvertError as exc:  # the page's error names it, as in a batch
        exc.args = (_naming(item, str(exc)),)
        raise
    return EXIT_OK


def _validate_stdout(
    result: Any, exporter: Exporter, options: dict[str, Any], registry: PluginRegistry, console: Console
) -> None:
    """``--validate`` with ``-o -``: the output written to standard output is checked as a
    file of it would be (a validator reads files: a copy in a temporary folder) — it was
    not checked at all, exit 0, without a word."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="convert-validate-") as folder:
        paths = write_output(exporter, result, folder, "page")
        problems = registry.validate(exporter, paths, options)
    _say_validated(exporter, problems, console)


def _say_validated(exporter: Exporter, problems: list[str] | None, console: Console) -> None:
    """Say what ``--validate`` found of outputs said aloud (``-o -``, a bundle): nothing to
    check with, a failure (its first five problems), or valid."""
    if problems is None:
        console.warn(f"no validator installed for format {exporter.name!r}; not checked")
    elif problems:
        raise ValidationFailed(f"{exporter.name}: " + "; ".join(problems[:5]))
    else:
        console.info(f"valid {exporter.name}")


@contextlib.contextmanager
def _page_deadline(seconds: float | None, page: str | None = None) -> Iterator[None]:
    """``--timeout`` around one page's work outside a batch (:func:`.batch._deadline`;
    the batch machinery is imported only when a timeout is given); its error names
    ``page`` when given, as a batch's does."""
    if not seconds:
        yield
        return
    from .batch import PageTimeout, _deadline

    try:
        with _deadline(seconds):
            yield
    except PageTimeout as exc:
        if page is None:
            raise
        raise PageTimeout(f"{page}: {exc}") from exc


def _write_stdout(result: Any) -> None:
    if isinstance(result, dict):
        raise UsageError("this format writes several files with these options; give a directory with -o")
    stdout.write(result)


def _bundle_stem(
    first: Any,
    pages: list,  # type: ignore[type-arg]
    exporters: list[Exporter],
    args: argparse.Namespace,
    console: Console,
) -> str:
    """The name of the bundle's outputs, after ``first``, the first page the bundle holds (a
    page given before it that could not be read is not in it: ``empty-bundle.epub`` held only
    the page after ``empty.txt``): ``FIRST-bundle``, or ``FIRST-bundle-2``… when a
    format's file of that name would be an input of the run (a plugin's ``.txt`` or
    ``.xml`` format bundling ``a.txt`` and ``a-bundle.txt`` into the folder they are in
    replaced the page ``a-bundle.txt``, exit 0) — as a batch moves a page's outputs over
    (:func:`.planning.bundle_stem`, which :func:`.planning.plan` shares)."""
    from .planning import bundle_stem

    base, directory = first.stem + "-bundle", args.output
    extensions = [exporter.extension for exporter in exporters]
    options = {exporter.name: _format_options(args, exporter) for exporter in exporters}
    named = _protected(exporters, options, _reader_kwargs(args))  # the files options name too
    stem = bundle_stem(base, directory, extensions, [page.path for page in pages] + named)
    if stem != base:
        console.warn(f"the bundle's outputs named {stem!r}, as {base!r} would replace an input of the run")
    return stem


def _convert_bundle(
    pages: list, exporters: list[Exporter], args: argparse.Namespace, registry: PluginRegistry, console: Console
) -> int:  # type: ignore[type-arg]
    """Every page into one output of each format; a format that cannot bundle pages is a
    usage error before any page is read (it was found after the other formats were
    written: exit 2 with their outputs there)."""
    from .plugins import plugin_call

    unable = []
    for exporter in exporters:
        with plugin_call(f"format {exporter.name!r} (plugin {exporter.plugin})", verb="failed:"):
            if exporter.load_combine() is None:
                unable.append(exporter.name)
    if unable:
        names = ", ".join(repr(name) for name in unable)
        raise UsageError(
            f"{'format' if len(unable) == 1 else 'formats'} {names} cannot bundle several pages into one output"
            f"{'' if len(unable) == len(exporters) else '; leave them out of --to with --bundle'}"
        )
    codes: list[int] = []
    documents = []
    first = None  # the first page the bundle holds
    for page in pages:
        try:
            with _page_deadline(args.timeout):  # each page, then each format, within --timeout
                read = list(_read_pages(page.path, args, registry))  # every page of a PDF or ALTO file
            for document in read:
                if args.strict:
                    strict_check(document, page.path)
            documents.extend(read)
            if read and first is None:
                first = page
        except ConvertError as exc:
            console.failure(exc, page.path)
            codes.append(exc.exit_code)
    if not documents:
        return _final_code(codes)
    stem = _bundle_stem(first, pages, exporters, args, console)
    for exporter in exporters:
        try:
            options = _format_options(args, exporter)
            with _page_deadline(args.timeout):
                result = _render_many(documents, exporter, options, registry)
            paths = write_output(exporter, result, args.output, stem)
            for path in paths:
                console.info(f"wrote {path}")
            if args.validate:  # said as for a page: it was checked in silence
                _say_validated(exporter, registry.validate(exporter, paths, options), console)
        except ConvertError as exc:
            console.failure(exc)
            codes.append(exc.exit_code)
    return _final_code(codes)


@dataclasses.dataclass
class _Planning:
    """How far a batch's planning went (the pages found, the report's path and whether it
    was checked), for a run stopped before any page began."""

    pages: list[Any] = dataclasses.field(default_factory=list)
    batch: bool | None = None
    report_path: str | None = None
    report_checked: bool = False
    begun: bool = False  # the pages' part of the run began: a signal is the run's to handle


def _convert_pages(exporters: list[Exporter], args: argparse.Namespace, console: Console) -> int:
    planning = _Planning()
    try:
        return _run_pages(exporters, args, console, planning)
    except KeyboardInterrupt as stop:
        if planning.begun:
            raise
        return _stopped_while_planning(exporters, args, console, planning, stop)


def _stopped_while_planning(
    exporters: list[Exporter], args: argparse.Namespace, console: Console, planning: _Planning, stop: KeyboardInterrupt
) -> int:
    """A run stopped (Ctrl-C, SIGTERM, SIGHUP) while it planned, before any page began: its
    report says so, every page found ``not_started`` — once the report's path was checked,
    or when the file there is a report of an earlier run (which was left in place, saying
    that run's pages were done). Any other file there is left untouched; the exit code
    (130, ``128 + N``) says the run was stopped either way."""
    from .batch import PageResult, ReportWriter
    from .planning import REPORT_FILE
    from .stopping import Terminated, held

    batch = planning.batch if planning.batch is not None else len(args.inputs) > 1 or _several_pages(args)
    path = planning.report_path
    if path is None and not args.no_report and (args.report or batch):
        path = args.report or str(Path(args.output) / REPORT_FILE)
    counts = dict.fromkeys(_PAGE_ENDS, 0)
    if path and (planning.report_checked or _is_a_report(path)):
        try:
            with held():
                report = ReportWriter(path)
                for page in planning.pages:
                    report.add(PageResult(source=page.path, key=_page_key(page), status="not_started"))
                    counts["not_started"] += 1
                report.close(
                    _summary(counts, len(planning.pages), 0.0, interrupted=True, formats=[e.name for e in exporters])
                )
        except ConvertError as exc:
            console.error(str(exc))
            path = None
    else:
        path = None
    console.info(
        f"0 converted, 0 skipped, 0 failed, {len(planning.pages)} not started while the run planned"
        + (f"; report: {path}" if path else "")
    )
    how = f"stopped by signal {stop.signum}" if isinstance(stop, Terminated) else "interrupted"
    console.error(f"{how} before any page began; run the same command again")
    return _interrupted_code(stop)


JOBS_PER_CPU = 4
"""The most worker processes ``-j`` starts for each CPU this process may run on."""


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, as ``taskset`` sets it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _worker_count(requested: int | None, pages: int, console: Console) -> int:
    """The workers a batch starts: ``-j`` (default the CPUs), never more than the pages
    (no idle worker) nor ``JOBS_PER_CPU`` per CPU (``-j 500`` would start 500 processes)."""
    cpus = usable_cpus()
    ceiling = JOBS_PER_CPU * cpus
    jobs = min(requested or cpus, pages)
    if jobs > ceiling:
        cpu_count = f"{cpus} CPU" + ("s" if cpus != 1 else "")
        console.warn(f"-j {requested} is more than {JOBS_PER_CPU} workers per CPU ({cpu_count}): using {ceiling}")
        jobs = ceiling
    return jobs


def _several_pages(args: argparse.Namespace) -> bool:
    """Whether the inputs make a batch whatever the number of pages: a folder or a pattern."""
    return any(
        os.path.isdir(item) or (glob.has_magic(item) and not os.path.exists(item))
        for item in args.inputs
        if item != "-"
    )


def _summary(
    counts: dict[str, int],
    pages: int,
    elapsed: float,
    *,
    interrupted: bool,
    formats: list[str],
    orphaned: int = 0,
    deleted: int = 0,
    jobs: int = 1,
    executor: str = "inline",
) -> dict[str, Any]:
    """The report's summary of a run."""
    return {
        **counts,
        "pages": pages,
        "seconds": round(elapsed, 3),
        "pages_per_second": round((counts["converted"] + counts["failed"]) / elapsed, 2) if elapsed else None,
        "interrupted": interrupted,
        "orphaned": orphaned,  # earlier pages whose outputs are left (--delete)
        "deleted": deleted,
        "formats": formats,
        "jobs": jobs,
        "executor": executor,
    }


def _run_pages(exporters: list[Exporter], args: argparse.Namespace, console: Console, planning: _Planning) -> int:
    from .batch import WORKER_EXIT_SECONDS, Hurried, PageResult, PageTask, Pool, ReportWriter, run_batch
    from .planning import REPORT_FILE, STATE_FILE, check_report_path, check_state_path, plan
    from .stopping import Terminated, held

    unlisted: list[str] = []  # folders whose pages cannot be listed: the run fails (exit 3)
    pages = planning.pages = _pages(args, console, unlisted)
    batch = planning.batch = len(pages) > 1 or _several_pages(args)
    jobs = _worker_count(args.jobs, len(pages), console)
    if not batch:
        jobs = 1
        if args.delete:
            console.warn("--delete has no effect with one page, which keeps no resume state")
    if args.timeout and (args.executor == "dask" or (args.executor == "thread" and jobs > 1)):
        raise UsageError(
            f"--timeout cannot stop a page running in a {args.executor} worker; use --executor process (the default)"
        )
    out_root = Path(args.output)
    if os.path.exists(out_root) and not os.path.isdir(out_root):  # (os.path's tests never raise)
        raise OutputError(f"output {out_root} exists and is not a directory")
    if os.path.islink(out_root) and not os.path.exists(out_root):
        raise OutputError(
            f"output {out_root} is a symbolic link that reaches no directory (a loop, or a missing target)"
        )
    report_path = planning.report_path = args.report or (
        str(out_root / REPORT_FILE) if batch and not args.no_report else None
    )
    if report_path and _is_a_report(report_path):
        # the report a last run wrote into an input folder (--report pages/r.txt), found as a
        # page there: the same command was then refused ('an input of this run'); any other
        # file there is a page the report must never replace
        real = os.path.realpath(report_path)
        named = set(args.inputs)
        found = [page for page in pages if page.path not in named and os.path.realpath(page.path) == real]
        if found:
            console.warn(f"{found[0].path} is this run's report (--report): not read as a page")
            pages = [page for page in pages if page not in found]
            jobs = max(1, min(jobs, len(pages)))
    reader = _reader_kwargs(args)
    format_options = {exporter.name: _format_options(args, exporter) for exporter in exporters}
    # the pages and the files options name (a style sheet, a reference DOCX, a model): no
    # output, report or state file may take their place
    named_files = _protected(exporters, format_options, reader)
    inputs = [page.path for page in pages] + named_files
    if batch:
        check_state_path(out_root / STATE_FILE, inputs=[page.path for page in pages])
        check_state_path(out_root / STATE_FILE, inputs=named_files, kind="a file for an option to read")
    state = _state(out_root, console) if batch else None
    if state is not None:
        pages = _without_outputs(pages, state, out_root, console, named=set(args.inputs))
        jobs = max(1, min(jobs, len(pages)))
    if report_path:
        check_report_path(report_path, inputs=inputs, state=state.path if state else None)
        planning.report_checked = True
    reserved = [path for path in (report_path, state.path if state else None) if path]
    pages = plan(
        pages,
        out_root,
        [exporter.extension for exporter in exporters],
        reserved=reserved,
        protected=named_files,
    )
    planning.pages = pages
    for page in pages:
        if page.note:
            console.warn(f"{page.path}: {page.note}")
    orphans = (
        state.find_orphans({_page_key(page): os.path.realpath(page.path) for page in pages if page.path != "-"})
        if state
        else {}
    )
    # what a killed run left (the output root too: the report and the resume state are
    # written there); a page's own folder is swept when the page lists it (stray_outputs)
    folders = {out_root} | {out_root / page.relative_dir for page in pages}
    sweep_debris(folders)
    if report_path:  # a report written elsewhere: its own temporary files there, no others
        sweep_debris([Path(report_path).parent], names=[Path(report_path).name])
    plugin_config = _plugin_config(args)
    formats = tuple(exporter.name for exporter in exporters)
    stdin_data, stdin_error = None, ""
    if any(page.path == "-" for page in pages):  # read once, here: a worker's standard input is /dev/null
        try:
            stdin_data = read_stdin(reader.get("max_bytes", MAX_INPUT_BYTES))
        except ConvertError as exc:
            stdin_error = str(exc)
    stdout.release_stdin()  # plugin code never waits on the caller's terminal or pipe
    interrupted: KeyboardInterrupt | None = None
    code, depends = "", ()
    handed: set[str] = set()  # the pages handed to the executor (or begun here)

    named_inputs = set(args.inputs)  # the others were found in a folder or by a pattern

    def tasks():  # type: ignore[no-untyped-def]
        for page in pages:
            key = _page_key(page)
            handed.add(key)
            yield PageTask(
                source=page.path,
                out_dir=str(out_root / page.relative_dir),
                stem=page.stem,
                formats=formats,
                reader=reader,
                format_options=format_options,
                strict=args.strict,
                validate=args.validate,
                force=args.force or not batch,
                timeout=args.timeout,
                plugins=plugin_config,
                previous=state.get(key) if state else None,
                key=key,
                debug=args.debug,
                fsync=args.fsync or output.FSYNC,  # BULLETIN_CONVERT_FSYNC=1 too
                root=str(out_root),
                code=code,
                depends=depends,
                secret=state.secret.hex() if state else "",
                trusted=state is not None and state.untrusted is None,
                stdin=stdin_data if page.path == "-" else None,
                stdin_error=stdin_error if page.path == "-" else "",
                listed=page.path not in named_inputs,
            )

    pool: Pool | None = None
    report: ReportWriter | None = None
    batch_run: Any = None  # the batch's generator, once made
    progress = _Progress(len(pages), enabled=False)  # (shown once the pages start)
    counts = dict.fromkeys(_PAGE_ENDS, 0)
    accounted: set[str] = set()  # the pages counted, recorded and reported
    never_started: list[Any] = []  # tasks the executor was given and never started (stopped before them)
    codes: list[int] = [EXIT_INPUT] * len(unlisted)
    started = time.perf_counter()
    broke = False

    def account(result: Any) -> None:
        """Count, record and report a page, all or none of it (a signal waits for its end),
        once: a signal that came before it is done leaves it to :func:`account_last`."""
        with held():
            if result.key in accounted:
                return
            accounted.add(result.key)
            counts[result.status] += 1
            codes.extend(result.exit_codes)
            if state:
                state.record(result)
            if report:
                report.add(result)

    def handle(result: Any) -> None:
        account(result)
        if state and state.due():
            _save_state(state, console, codes, during=True)
        if not batch:
            for path in result.outputs[:20]:
                console.info(f"wrote {path}")
            if len(result.outputs) > 20:
                console.info(f"... and {len(result.outputs) - 20} more files")
            for note in result.notes:
                console.info(note) if note.startswith("valid") else console.warn(note)
        for warning in result.warnings:  # every page's, in a batch too
            progress.print_warning(console, _naming(result.source, warning))
        for error in result.errors:
            if "traceback" in error:
                print(error["traceback"], file=sys.stderr, end="")
            progress.print_error(console, _naming(result.source, error["message"]))
        progress.advance()

    # the result being handled: a signal that comes before it is accounted still leaves it
    # counted, recorded and reported — its worker wrote its outputs, and the next run
    # converted it again
    last: list[Any] = [None]

    def account_last() -> None:
        if last[0] is not None:
            account(last[0])

    planning.begun = True  # (from here a signal is handled as the run's: its report says what was done)
    try:
        try:
            _check_named_files(exporters, format_options, reader, args.timeout)  # one page too: before any output
            code, depends = _code_and_files(exporters, format_options, reader) if state else ("", ())
            if jobs > 1 and args.executor == "process":
                _warm_writers(exporters, format_options, args.timeout)
            # the pool and the report in place before any page can start: a signal that comes
            # while they are made waits until they are (it ended the run without a report)
            with held():
                pool = Pool(args.executor, jobs, args.scheduler, start=False)
                report = ReportWriter(report_path) if report_path else None
            pool.start()  # (a Dask cluster may take long to reach: a signal then stops the run)
            progress, started = _Progress(len(pages), enabled=batch and not args.quiet), time.perf_counter()
            restart = pool.restart if args.executor == "process" and jobs > 1 else None
            # a page that its own --timeout cannot stop (stuck in C code): its worker is killed
            stuck_after = 2 * args.timeout + 2 if args.timeout and restart else None
            batch_run = run_batch(
                tasks(),
                pool.executor,
                in_flight=max(2, jobs * 4),
                restart=restart,
                stuck_after=stuck_after,
                kill=pool.kill_workers,
                notes=pool.notes,
                never_started=never_started,
                finishing=lambda count: progress.print_warning(
                    console, f"interrupted: the {count} page(s) in flight are let finish; Ctrl-C again stops now"
                ),
            )
            for result in batch_run:
                last[0] = result
                handle(result)
        except KeyboardInterrupt as stop:
            # stopped before any page (the writers warmed, a sample page written, the pool
            # made): each is reported and counted as not begun, as a run stopped later says of
            # those it left
            interrupted = stop
            account_last()
            # the signal may have come while a result was handled here, not in the batch's
            # wait: handed to the batch, which gives the pages in flight as they end (they
            # were never recorded, though their workers finished them), or stops now when
            # it comes again
            while batch_run is not None:
                try:
                    for result in _thrown(batch_run, interrupted):
                        last[0] = result
                        handle(result)
                    break
                except StopIteration:
                    break
                except KeyboardInterrupt as again:
                    account_last()
                    if again is interrupted:
                        break
                    interrupted = again
    except BaseException:
        broke = True  # the run cannot go on (out of files...): its workers are not waited for
        raise
    finally:
        if broke and report:
            report.abandon()  # no temporary file left behind
        try:
            if pool is None:
                pass
            elif isinstance(interrupted, Terminated | Hurried) or broke:
                pool.terminate()  # SIGTERM, SIGHUP, Ctrl-C twice: now, not after the page
            else:
                for pid in pool.shutdown(begun=interrupted is not None):
                    console.warn(
                        f"worker process {pid} had not ended {WORKER_EXIT_SECONDS:g} s after its last page "
                        "(held by a plugin's thread or exit handler?); killed it"
                    )
        except KeyboardInterrupt as stop:  # a signal while the workers end: the pages done are still recorded
            interrupted = interrupted or stop
            if pool is not None:
                pool.terminate()
        progress.close()
        if state and (pool is not None or interrupted is not None):  # (not after a usage error)
            _save_state(state, console, codes)
        if (
            pool is not None and pool.workers_lost
        ):  # what they left (pages' folders too: a killed page may not run again)
            sweep_debris(folders | {out_root / page.relative_dir / safe_name(page.stem) for page in pages})
    if report is None and report_path and interrupted is not None:
        # stopped as the hold of the pool and report began: the report is opened now
        with contextlib.suppress(ConvertError):
            report = ReportWriter(report_path)
    deleted = 0
    try:
        if state and interrupted is None:
            state.remove_dropped_pictures()  # those no page uses any more (shared: left to the run's end)
            if not getattr(state, "failed", False):  # (what is gone is forgotten; one error line if it cannot be)
                _save_state(state, console, codes)
        if orphans and state and args.delete and interrupted is None:
            deleted, kept = state.delete_orphans(
                (page.path for page in pages if page.path != "-"),
                (_page_key(page) for page in pages if page.path != "-"),
                [report_path] if report_path else [],
            )
            if state.untrusted is not None:
                console.warn(
                    f"--delete: the outputs of {len(orphans)} gone page(s) are kept: the resume state "
                    f"{printable(str(state.path))} cannot be trusted to say what to remove ({state.untrusted}); "
                    "make it yours and not writable by others, or remove it"
                )
            for path, why in kept[:5]:
                console.warn(f"--delete: kept {printable(path)}: {why}")
            if len(kept) > 5:
                console.warn(f"--delete: kept {len(kept) - 5} more file(s)")
            _save_state(state, console, codes)
        elif orphans:
            first = printable(next(iter(orphans)))
            console.warn(
                f"{len(orphans)} page(s) an earlier run converted into {out_root} are gone (their input removed, "
                f"or now named otherwise), such as {first!r}; their outputs are kept: give --delete to remove them"
            )
    except KeyboardInterrupt as stop:  # stopped as the run tidies up: the pages and report are still recorded
        interrupted = stop
        if state:
            _save_state(state, console, codes)
    if report or interrupted is not None:
        never = {task.key for task in never_started}
        with held():  # (all of them: a late signal leaves no page out of the report)
            for page in pages:
                key = _page_key(page)
                if key not in accounted:  # stopped before it was done, or before it began
                    ended = "unfinished" if _began(key, handed, never, pool.begun if pool else None) else "not_started"
                    account(PageResult(source=page.path, key=key, status=ended))
    elapsed = time.perf_counter() - started
    summary = _summary(
        counts,
        len(pages),
        elapsed,
        interrupted=interrupted is not None,
        formats=list(formats),
        orphaned=len(state.orphaned) if state else 0,
        deleted=deleted,
        jobs=jobs,
        executor=args.executor if jobs > 1 or args.executor == "dask" else "inline",
    )
    if report:
        try:
            with held():  # (a signal now waits until the report is in place)
                report.close(summary)
        except ConvertError as exc:
            console.error(str(exc))
            codes.append(exc.exit_code)
    if batch or interrupted:
        rate = f", {summary['pages_per_second']} pages/s" if summary["pages_per_second"] else ""
        stopped = "".join(f", {counts[end]} {end.replace('_', ' ')}" for end in _PAGE_ENDS[3:] if counts[end])
        console.info(
            f"{counts['converted']} converted, {counts['skipped']} skipped, {counts['failed']} failed{stopped} "
            f"in {elapsed:.1f} s{rate}" + (f"; report: {report_path}" if report_path else "")
        )
    if interrupted is not None:
        how = "interrupted" if not isinstance(interrupted, Terminated) else f"stopped by signal {interrupted.signum}"
        console.error(f"{how}; finished pages are kept, run the same command again to resume")
        return _interrupted_code(interrupted)
    return _final_code(codes)


#: How a page of a batch ends, as its report entry's ``status`` and the summary's counts
#: say: the last two only when the run is stopped (Ctrl-C, SIGTERM, SIGHUP) — before the
#: page was done, or before it began.
_PAGE_ENDS = ("converted", "skipped", "failed", "unfinished", "not_started")


def _began(key: str, handed: set[str], never: set[str], begun: set[str] | None) -> bool:
    """Whether a page the run did not finish was begun: handed to the executor (begun here,
    inline), not among those it never started, and — when the workers note the pages they
    begin (:attr:`.batch.Pool.begun`) — noted by one: a process pool takes a page queued for
    its workers for one running."""
    return key in handed and key not in never and (begun is None or key in begun)


def _page_key(page: Any) -> str:
    """A page's key in the resume state and the report: its outputs' path in the output
    folder without extension, ``-`` for standard input — and ``./-`` for a file ``-.txt``
    at the top, whose key was standard input's: the two pages were one in the resume
    state, and in the run's counts and report."""
    if page.path == "-":
        return "-"
    key = os.path.join(page.relative_dir, page.stem)
    return os.path.join(".", key) if key == "-" else key


def _thrown(batch_run: Any, stop: KeyboardInterrupt) -> Iterator[Any]:
    """The results a batch still gives once ``stop`` is thrown into it (a generator
    suspended at a result: its Ctrl-C handling then runs); the exception it ends with is
    raised (``stop`` itself when it had nothing to finish)."""
    try:
        first = batch_run.throw(stop)
    except StopIteration:
        return
    yield first
    yield from batch_run


def _pages(args: argparse.Namespace, console: Console, unlisted_out: list[str] | None = None) -> list:  # type: ignore[type-arg]
    """The input pages; one read from standard input is named ``page`` (``page.json`` ...)
    unless ``--name`` says otherwise. A folder whose pages cannot be listed is one error
    line each, put in ``unlisted_out``."""
    from dataclasses import replace

    from .planning import find_inputs

    notes: list[str] = []
    unlisted: list[str] = [] if unlisted_out is None else unlisted_out
    pages = find_inputs(args.inputs, notes, follow_links=args.follow_links, unlisted=unlisted)
    for note in notes:
        console.warn(note)
    for problem in unlisted:  # its pages are not converted: the run fails (exit 3), named
        console.error(problem)
    if args.name is None:
        return pages
    return [replace(page, stem=args.name) if page.path == "-" else page for page in pages]


def _is_a_report(path: str) -> bool:
    """Whether ``path`` is a regular file that starts as the batch report does."""
    from .batch import REPORT_OPENING

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(REPORT_OPENING)) == REPORT_OPENING
    except OSError:
        return False
    finally:
        os.close(fd)


def _without_outputs(pages: list, state: Any, out_root: Path, console: Console, named: set[str]) -> list:  # type: ignore[type-arg]
    """The pages but the files an earlier run of this output folder wrote (its state records
    each, and the file still holds the bytes written), found in a folder (a file ``named`` on
    the command line is a page whatever it is): an output folder inside an input folder
    (``-o pages/out``, or ``-o pages``) with a format whose files have a page's name (a
    plugin's ``.txt``) had every run convert the last run's outputs as pages —
    ``out/out/out/…``, twice the pages each time, their names moving (``a-2``, ``a-2-2``)."""
    from .resume import file_digest

    written = state.written_files()
    if not written:
        return pages
    kept, left = [], []
    for page in pages:
        real = os.path.realpath(page.path) if page.path != "-" and page.path not in named else ""
        digest = written.get(real)
        if digest is not None and file_digest(real) == digest:
            left.append(page.path)
        else:
            kept.append(page)
    if left:
        console.warn(
            f"{len(left)} file(s) of the input folders are outputs an earlier run wrote into {out_root}, "
            f"such as {left[0]}: not read as pages (keep the output folder out of the input folders)"
        )
    return kept


def _interrupted_code(stop: KeyboardInterrupt) -> int:
    """130 for Ctrl-C, ``128 + N`` for signal N (143 SIGTERM, 129 SIGHUP)."""
    return 128 + stop.signum if hasattr(stop, "signum") else EXIT_INTERRUPTED


def _state(out_root: Path, console: Console) -> Any:
    from .resume import State

    state = State(out_root)
    if state.problem:
        console.warn(f"not reading the resume state {state.path}: {state.problem}; pages are converted again")
    return state


def _save_state(state: Any, console: Console, codes: list[int], *, during: bool = False) -> None:
    """Save the resume state; a failure (a full disk) is one error line and exit 4 —
    the pages are converted, only the next run will not know it."""
    try:
        state.save()
    except ConvertError as exc:
        if not during or not getattr(state, "failed", False):
            console.error(str(exc))
            codes.append(exc.exit_code)
        state.failed = True
    if state.key_problem and not getattr(state, "key_warned", False):
        console.warn(
            f"resume state {state.path}: {state.key_problem}; "
            "pages whose conversion reads an environment variable are converted again next time"
        )
        state.key_warned = True


def _code_and_files(
    exporters: list[Exporter], format_options: dict[str, dict[str, Any]], reader: dict[str, Any]
) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    """What beyond the options changes the outputs: the code (this package and every
    loaded plugin) and the files path options name (a reference DOCX, a style sheet; the
    role model with the stack and join models ``convert train`` wrote beside it)."""
    from .plugins import get_registry
    from .resume import code_fingerprint, file_digest

    manager = get_registry().pm
    distributions = ["bulletin-convert", *(dist.project_name for _, dist in manager.list_plugin_distinfo())]
    code = code_fingerprint(manager.list_name_plugin(), distributions)
    # each file as it is read: through links (a link retargeted to another model or style
    # sheet changes the outputs, and the link's own bytes were all that was looked at)
    files = [(name, file_digest(real)) for name, real in _named_files(exporters, format_options, reader)]
    return code, tuple(sorted(files))


def _protected(
    exporters: list[Exporter], format_options: dict[str, dict[str, Any]], reader: dict[str, Any]
) -> list[str]:
    """The files options name (:func:`_named_files`), each as given and as read."""
    return [path for pair in _named_files(exporters, format_options, reader) for path in pair]


def _named_files(
    exporters: list[Exporter], format_options: dict[str, dict[str, Any]], reader: dict[str, Any]
) -> list[tuple[str, str]]:
    """The files the run's options name, as given and as read (through links): ``--model``
    (or ``BULLETIN_CONVERT_MODEL``) with the word models beside it, and every format's path
    option (``--epub-css``, ``--reference-docx``). Inputs of the run as its pages are: no
    output, report or bundle may take their place."""
    files: list[tuple[str, str]] = []
    if (model := reader.get("model")) and model != "none":
        from .reader import join_words, stack_words

        real = os.path.realpath(model)
        files.append((str(model), real))  # --model FILE decides the roles
        for suffix in (join_words.SUFFIX, stack_words.SUFFIX):  # and the word models beside it, or none
            files.append((f"{model}{suffix}", real + suffix))
    for exporter in exporters:
        for option in exporter.options:
            value = format_options.get(exporter.name, {}).get(option.key)
            if option.type == "path" and value:
                files.append((str(value), os.path.realpath(value)))
    return files


def _check_named_files(
    exporters: list[Exporter], format_options: dict[str, dict[str, Any]], reader: dict[str, Any], timeout: float | None
) -> None:
    """The files options name (``--model``, ``BULLETIN_CONVERT_MODEL``, ``--epub-css``,
    ``--reference-docx``) and the values of every format's options (``--guid-authority``,
    ``--ninjs-version``…, which only the writer checks), tried once before the pages: one
    that cannot be used is one usage error before any page — it was one error line per
    page and format, and a report of every page failed (a single page had its other formats
    written first). A format given an option writes a small sample page; only its usage
    error stops the run (anything else is left to the pages, which report it)."""
    from .batch import _deadline

    if (model := reader.get("model")) and model != "none":
        from .reader.roles import load_model

        load_model(str(model))
    sample = None
    for exporter in exporters:
        options = format_options.get(exporter.name, {})
        if not options:  # no option of this format given
            continue
        if sample is None:
            from .testing import sample_document

            sample = sample_document()
        try:
            with _deadline(timeout):
                _render(sample, exporter, options, None)
        except UsageError:
            raise
        except Exception:  # the pages report it, each naming itself
            pass


def _warm_writers(
    exporters: list[Exporter], format_options: dict[str, dict[str, Any]], timeout: float | None = None
) -> None:
    """Run every writer once, on a small sample, before the worker processes start:
    forked workers then share what the first page costs (importing lxml, python-docx,
    ebooklib and pypinyin's dictionaries, building the DOCX base) instead of each paying
    it again. A writer that fails (or outlasts ``--timeout``) here is left to fail in its
    pages, where it is reported."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    from .batch import _deadline
    from .testing import sample_document

    sample = sample_document()
    for exporter in exporters:
        with contextlib.suppress(Exception), _deadline(timeout):
            _render(sample, exporter, format_options.get(exporter.name, {}), None)


class _Progress:
    """A progress bar on a terminal (rich), nothing otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled and sys.stderr.isatty():
            try:
                from rich.console import Console as RichConsole
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )
            except ImportError:
                return
            self.bar = Progress(
                TextColumn("[bold]converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} pages/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=RichConsole(stderr=True),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("pages", total=total, rate="-")
            self.started = time.perf_counter()

    def advance(self) -> None:
        if self.bar is not None:
            done = self.bar.tasks[0].completed + 1
            rate = done / max(time.perf_counter() - self.started, 1e-9)
            self.bar.update(self.task, advance=1, rate=f"{rate:.1f}")

    def print_error(self, console: Console, message: str) -> None:
        if self.bar is not None:
            self.bar.console.print(printable(f"{PROG}: error: {message}"), markup=False, highlight=False)
        else:
            console.error(message)

    def print_warning(self, console: Console, message: str) -> None:
        if self.bar is not None:
            self.bar.console.print(printable(f"{PROG}: warning: {message}"), markup=False, highlight=False)
        else:
            console.warn(message)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from .stopping import stop_on_signals

    restore = stop_on_signals()  # SIGTERM, SIGHUP: stop as cleanly as Ctrl-C
    show_warnings_escaped(PROG)  # a plugin's warnings.warn quoting a page: no raw ESC on the terminal
    show_logging_escaped(PROG)  # nor logging.warning(…) shown by Python's default display
    try:
        with stdout.reserved():  # a plugin's prints go to standard error, not into -o - output
            return _main(argv)
    finally:
        restore()


def _main(argv: list[str]) -> int:
    pre = _preparse(argv)
    console = Console(quiet=pre.quiet, debug=pre.debug)
    try:
        if argv[:1] == ["inspect"]:
            return _run_inspect(argv[1:])
        if argv[:1] == ["train"]:
            from .train_cli import run_train

            return run_train(argv[1:])
        if argv[:1] == ["evaluate"]:
            from .evaluate_cli import run_evaluate

            return run_evaluate(argv[1:])
        registry = _registry_from(pre)
        parser = build_parser(registry.exporters())
        args = parser.parse_args(argv)
        for failure in registry.failures:
            console.warn(str(failure))
        if args.list_formats:
            return _list_formats(registry)
        if args.fsync:
            os.environ["BULLETIN_CONVERT_FSYNC"] = "1"  # worker processes read it too
            output.FSYNC = True
        if not args.inputs:
            raise UsageError("no input given (see 'convert --help')")
        return _convert(args, registry, console)
    except KeyboardInterrupt as stop:  # Ctrl-C; SIGTERM or SIGHUP named as the batch names them
        from .stopping import Terminated

        console.error(f"stopped by signal {stop.signum}" if isinstance(stop, Terminated) else "interrupted")
        return _interrupted_code(stop)
    except ConvertError as exc:
        if pre.debug:
            raise
        console.error(str(exc))
        return exc.exit_code
    except BrokenPipeError:  # standard error went away: nothing more can be said
        return EXIT_OUTPUT
    except Exception as exc:  # a bug: one line unless --debug
        if pre.debug:
            raise
        if (exhaustion := exhausted(exc)) is not None:  # out of files or memory: not a bug
            console.error(str(exhaustion))
            return exhaustion.exit_code
        console.error(
            f"internal error: {type(exc).__name__}: {describe(exc)} (run with --debug for the traceback, and please report it)"
        )
        return EXIT_PARTIAL


def run() -> None:
    """Console-script entry point."""
    code = main()
    _end(code)


#: How long the exit handlers registered in the run (``atexit``) may take before the process ends anyway.
EXIT_HANDLER_SECONDS = 10.0


def _exit_interrupted(stop: KeyboardInterrupt) -> None:
    """Ctrl-C (or SIGTERM, SIGHUP) once the run is over, while it ends (exit handlers, the
    threads and children plugins left): interrupted, said as anywhere else in one line
    (``convert: error: interrupted``, exit 130), ending now — it was ``warning: an exit
    handler raised KeyboardInterrupt: ; ignored``, exit 0, or a traceback."""
    from .plugins import real_exit
    from .stopping import Terminated

    with contextlib.suppress(Exception):
        sys.stdout.flush()
    with contextlib.suppress(Exception):
        what = f"stopped by signal {stop.signum}" if isinstance(stop, Terminated) else "interrupted"
        sys.stderr.write(f"{PROG}: error: {what}\n")
        sys.stderr.flush()
    real_exit(_interrupted_code(stop))


def _end(code: int) -> None:
    """:func:`_end_now`; Ctrl-C, SIGTERM or SIGHUP while it runs is :func:`_exit_interrupted`."""
    from .stopping import stop_on_signals

    try:
        stop_on_signals()  # (the run put the previous handlers back: SIGTERM here killed it unsaid)
        _end_now(code)
    except KeyboardInterrupt as stop:
        _exit_interrupted(stop)


def _end_now(code: int) -> None:
    """End the process with ``code`` whatever plugin code left behind: threads still running
    (:func:`.plugins.end_despite_stray_threads`), or exit handlers (``atexit``) that hang,
    raise or call ``sys.exit``/``os._exit`` — they run as plugin calls, bounded by
    :data:`EXIT_HANDLER_SECONDS`, and cannot change the exit code."""
    import atexit
    import threading

    from .plugins import PluginExit, end_despite_stray_threads, plugin_call, real_exit, stop_stray_children
    from .stopping import start_deaf

    stop_stray_children()  # those holding our output: a pipe's reader would wait for them
    end_despite_stray_threads(code)

    def give_up() -> None:
        time.sleep(EXIT_HANDLER_SECONDS)
        with contextlib.suppress(Exception):
            sys.stderr.write(
                f"{PROG}: warning: exit handlers still running after {EXIT_HANDLER_SECONDS:g} s; ending without them\n"
            )
            sys.stderr.flush()
        real_exit(code)

    start_deaf(threading.Thread(target=give_up, name="exit-watch", daemon=True))  # signals are the main thread's

    def unraisable(hook: Any) -> None:
        if isinstance(hook.exc_value, KeyboardInterrupt):  # it was "an exit handler raised KeyboardInterrupt"
            _exit_interrupted(hook.exc_value)
        with contextlib.suppress(Exception):
            error = hook.exc_value
            if isinstance(error, PluginExit):
                what = f"called os._exit({describe(error.code, as_repr=True)})"
            elif isinstance(error, SystemExit):
                what = f"called sys.exit({describe(error.code, as_repr=True)})"
            else:
                what = f"raised {hook.exc_type.__name__}: {describe(error)}"
            sys.stderr.write(printable(f"{PROG}: warning: an exit handler {what}; ignored") + "\n")

    sys.unraisablehook = unraisable
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is not None:
        try:
            with contextlib.suppress(Exception), plugin_call("an exit handler"):
                run_handlers()  # each handler's failure goes to sys.unraisablehook; os._exit raises
        except KeyboardInterrupt as stop:  # between two handlers
            _exit_interrupted(stop)
        except BaseException:  # what else a handler may raise cannot change the exit code
            pass
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    real_exit(code)
