"""The ``convert`` command (also ``python -m convert_core``)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    ConvertError,
    InputError,
    StrictModeError,
    UsageError,
    ValidationFailed,
)
from .exporters import Exporter, ExporterOption
from .plugins import PluginRegistry

PROG = "convert"

DESCRIPTION = """\
Convert newspaper pages given as plain text into a normalized news document and
write it as JSON, IPTC NewsML-G2 and ninjs, EPUB 3, DOCX, or any format a plugin adds.

Inputs are page text files (UTF-8, GB18030/GBK or Big5, detected), '-' for standard
input, directories (every *.txt inside), or documents in our JSON form (a parse you
corrected by hand, re-exported as is).
"""

EPILOG = """\
examples:
  convert page.txt --to json -o -            print the parsed page as JSON
  convert page.txt --to all -o out/          every installed format into out/
  convert page.txt --to docx,epub -o out/ --publication 平顶山日报 --date 2020-04-28 --page 3
  convert out/page.json --to docx -o out/    re-export a hand-corrected parse
  convert inspect page.txt                   the parsed structure as a tree, with diagnostics
  convert --list-formats                     installed formats and their plugins

exit codes:
  0 success · 1 some inputs or formats failed (several kinds of failure) · 2 usage error
  3 input error · 4 output error · 5 --validate found invalid output
  6 --strict and the reader had doubts · 7 plugin error · 130 interrupted

Use 'python -m convert_core' where another 'convert' (ImageMagick's) comes first on PATH.
Plugins: BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD=1 loads only the built-in formats.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and our usage exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _plugin_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("plugins")
    group.add_argument(
        "--plugin", action="append", default=[], metavar="MODULE", help="also load this plugin module (repeatable)"
    )
    group.add_argument(
        "--disable-plugin", action="append", default=[], metavar="NAME", help="do not load the plugin NAME (repeatable)"
    )
    group.add_argument(
        "--no-plugin-autoload",
        action="store_true",
        help="load no entry-point plugins, only the built-in formats (as BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD=1)",
    )


def _reader_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("reading")
    group.add_argument(
        "--input-format", choices=("auto", "text", "json"), default="auto", help="input kind (default: auto)"
    )
    group.add_argument("--encoding", metavar="NAME", help="input encoding (default: detect UTF-8, GB18030, Big5)")
    group.add_argument(
        "--punctuation",
        choices=("auto", "full", "keep"),
        default="auto",
        help="half-width ,;:?!() in Chinese text: made full width for Chinese pages (auto), always (full), or kept (keep)",
    )
    group.add_argument("--max-bytes", type=int, metavar="N", help="refuse inputs larger than N bytes (default 64 MiB)")
    meta = parser.add_argument_group("edition metadata (override what the page shows)")
    meta.add_argument("--publication", metavar="NAME", help="newspaper name, e.g. 平顶山日报")
    meta.add_argument("--date", metavar="YYYY-MM-DD", help="edition date")
    meta.add_argument("--page", metavar="PAGE", help="page number as printed, e.g. 3 or A04")
    meta.add_argument("--section", metavar="NAME", help="page or section name, e.g. 卫东新闻")
    meta.add_argument("--language", metavar="TAG", help="BCP 47 language tag (default: detected, zh-CN)")


def _option_flag(option: ExporterOption) -> str:
    return "--" + option.name


def _exporter_args(parser: argparse.ArgumentParser, exporters: dict[str, Exporter]) -> None:
    seen: dict[str, ExporterOption] = {}
    owners: dict[str, list[str]] = {}
    for exporter in exporters.values():
        for option in exporter.options:
            owners.setdefault(option.name, []).append(exporter.name)
            seen.setdefault(option.name, option)
    if not seen:
        return
    group = parser.add_argument_group("format options (from the exporters)")
    for name, option in sorted(seen.items()):
        formats = ", ".join(owners[name])
        help_text = f"[{formats}] {option.help}"
        kwargs: dict[str, Any] = {"dest": "fmt_" + option.key, "default": None, "help": help_text}
        if option.type == "bool":
            kwargs["action"] = argparse.BooleanOptionalAction
        elif option.type == "int":
            kwargs.update(type=int, metavar="N")
        elif option.type == "choice":
            kwargs.update(choices=option.choices)
        elif option.type == "path":
            kwargs.update(metavar="FILE")
        else:
            kwargs.update(metavar="VALUE")
        try:
            group.add_argument(_option_flag(option), **kwargs)
        except argparse.ArgumentError as exc:
            raise UsageError(
                f"exporter option --{option.name} ({formats}) clashes with a command option: {exc}"
            ) from None


def build_parser(exporters: dict[str, Exporter]) -> argparse.ArgumentParser:
    """The argument parser, with the options of the installed exporters."""
    parser = _Parser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="page text files, '-' for standard input, or directories"
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
        metavar="DIR",
        help="output directory (default: the current one); '-' writes one format of one page to standard output",
    )
    parser.add_argument("--list-formats", action="store_true", help="list the installed formats and exit")
    parser.add_argument("--validate", action="store_true", help="check every output with its format's validator")
    parser.add_argument("--strict", action="store_true", help="refuse a page the reader had doubts about (exit 6)")
    parser.add_argument(
        "--bundle", action="store_true", help="write all inputs into one output (formats that can, e.g. epub)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s (bulletin-convert) {__version__}")
    _reader_args(parser)
    _exporter_args(parser, exporters)
    _plugin_args(parser)
    return parser


def _inspect_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} inspect",
        description="Show how the reader understood a page: items, fields, furniture and diagnostics.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  convert inspect page.txt --width 0\n",
    )
    parser.add_argument("inputs", nargs="+", metavar="PAGE", help="page text files or '-'")
    parser.add_argument(
        "--width", type=int, default=60, help="cut texts to this many characters (0: never; default 60)"
    )
    parser.add_argument("--no-diagnostics", action="store_true", help="leave out the diagnostics")
    parser.add_argument("--strict", action="store_true", help="exit 6 if the reader had doubts")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    _reader_args(parser)
    _plugin_args(parser)
    return parser


def _registry_from(args: argparse.Namespace) -> PluginRegistry:
    from .plugins import PluginRegistry, set_registry

    registry = PluginRegistry(
        autoload=False if args.no_plugin_autoload else None,
        plugins=args.plugin,
        disabled=args.disable_plugin,
    )
    set_registry(registry)
    return registry


def _preparse(argv: Sequence[str]) -> argparse.Namespace:
    pre = argparse.ArgumentParser(add_help=False)
    _plugin_args(pre)
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
            print(message, file=sys.stderr)

    def error(self, message: str) -> None:
        print(f"{PROG}: error: {message}", file=sys.stderr)

    def failure(self, exc: BaseException, item: str | None = None) -> None:
        """Report an error of one input or format; the traceback too with --debug."""
        message = str(exc)
        if item and item != "-" and item not in message:
            message = f"{item}: {message}"
        if self.debug:
            traceback.print_exception(exc, file=sys.stderr)
        self.error(message)

    def warn(self, message: str) -> None:
        print(f"{PROG}: warning: {message}", file=sys.stderr)


def _expand_inputs(inputs: Sequence[str]) -> list[str]:
    expanded: list[str] = []
    for item in inputs:
        if item != "-" and os.path.isdir(item):
            found = sorted(str(path) for path in Path(item).rglob("*.txt") if path.is_file())
            if not found:
                raise InputError(f"{item}: directory holds no *.txt pages")
            expanded.extend(found)
        else:
            expanded.append(item)
    return expanded


def _read_input(item: str, args: argparse.Namespace, registry: PluginRegistry):  # type: ignore[no-untyped-def]
    from .api import parse

    kwargs: dict[str, Any] = dict(
        input_format=args.input_format,
        publication=args.publication,
        date=args.date,
        page=args.page,
        section=args.section,
        language=args.language,
        punctuation=args.punctuation,
        encoding=args.encoding,
        registry=registry,
    )
    if args.max_bytes:
        kwargs["max_bytes"] = args.max_bytes
    if item == "-":
        data = sys.stdin.buffer.read()
        return parse(data, name=None, **kwargs)
    return parse(Path(item), **kwargs)


def _strict_check(document: Any, item: str) -> None:
    doubts = document.warnings()
    if doubts:
        first = doubts[0]
        where = f" (line {first.line})" if first.line else ""
        raise StrictModeError(
            f"{item}: the reader had {len(doubts)} doubt(s); first: {first.code}{where}: {first.message}"
        )


def _format_options(args: argparse.Namespace, exporter: Exporter) -> dict[str, Any]:
    options = {}
    for option in exporter.options:
        value = getattr(args, "fmt_" + option.key, None)
        if value is not None:
            options[option.key] = value
    return options


def _run_inspect(argv: Sequence[str]) -> int:
    parser = _inspect_parser()
    args = parser.parse_args(list(argv))
    registry = _registry_from(args)
    from .treeview import render_tree

    codes: list[int] = []
    for item in args.inputs:
        try:
            document = _read_input(item, args, registry)
            sys.stdout.write(render_tree(document, width=args.width, diagnostics=not args.no_diagnostics))
            if args.strict:
                _strict_check(document, item)
        except ConvertError as exc:
            Console(debug=args.debug).failure(exc, item)
            codes.append(exc.exit_code)
    return _final_code(codes)


def _final_code(codes: list[int]) -> int:
    if not codes:
        return EXIT_OK
    kinds = set(codes)
    return codes[0] if len(kinds) == 1 else EXIT_PARTIAL


def _list_formats(registry: PluginRegistry) -> int:
    exporters = registry.exporters()
    if not exporters:
        print("no formats installed")
    rows = [(e.name, e.extension, e.plugin, e.description) for e in exporters.values()]
    widths = [
        max([len(header)] + [len(row[i]) for row in rows]) for i, header in enumerate(("FORMAT", "EXT", "PLUGIN"))
    ]
    print(f"{'FORMAT':<{widths[0]}}  {'EXT':<{widths[1]}}  {'PLUGIN':<{widths[2]}}  DESCRIPTION")
    for name, ext, plugin, description in rows:
        print(f"{name:<{widths[0]}}  {ext:<{widths[1]}}  {plugin:<{widths[2]}}  {description}")
    for failure in registry.failures:
        Console().warn(str(failure))
    return EXIT_OK


def _convert(args: argparse.Namespace, registry: PluginRegistry, console: Console) -> int:
    from .api import output_stem, render_many, write_output

    exporters = registry.resolve_formats(args.to)
    inputs = _expand_inputs(args.inputs)
    to_stdout = args.output == "-"
    if to_stdout and (len(exporters) != 1 or len(inputs) != 1):
        raise UsageError("-o - writes one format of one input to standard output; give a directory for more")
    codes: list[int] = []
    documents = []
    for item in inputs:
        try:
            document = _read_input(item, args, registry)
            if args.strict:
                _strict_check(document, item)
        except ConvertError as exc:
            console.failure(exc, item)
            codes.append(exc.exit_code)
            continue
        if args.bundle:
            documents.append(document)
            continue
        codes.extend(_export_one(document, item, exporters, args, registry, console))
    if args.bundle and documents:
        for exporter in exporters:
            try:
                result = render_many(documents, exporter, _format_options(args, exporter), registry=registry)
                if to_stdout:
                    _write_stdout(result)
                    continue
                paths = write_output(exporter, result, args.output, output_stem(documents[0]) + "-bundle")
                for path in paths:
                    console.info(f"wrote {path}")
                codes.extend(_validate(exporter, paths, args, registry, console))
            except ConvertError as exc:
                console.failure(exc)
                codes.append(exc.exit_code)
    return _final_code(codes)


def _write_stdout(result: Any) -> None:
    if isinstance(result, dict):
        raise UsageError("this format writes several files with these options; give a directory with -o")
    sys.stdout.buffer.write(result)
    sys.stdout.buffer.flush()


def _export_one(
    document: Any,
    item: str,
    exporters: list[Exporter],
    args: argparse.Namespace,
    registry: PluginRegistry,
    console: Console,
) -> list[int]:
    from .api import output_stem, render, write_output

    codes: list[int] = []
    for exporter in exporters:
        try:
            result = render(document, exporter, _format_options(args, exporter), registry=registry)
            if args.output == "-":
                _write_stdout(result)
                continue
            paths = write_output(exporter, result, args.output, output_stem(document) if item != "-" else "page")
            for path in paths[:20]:
                console.info(f"wrote {path}")
            if len(paths) > 20:
                console.info(f"... and {len(paths) - 20} more files")
            codes.extend(_validate(exporter, paths, args, registry, console))
        except ConvertError as exc:
            console.failure(exc, item)
            codes.append(exc.exit_code)
    return codes


def _validate(
    exporter: Exporter, paths: list[Path], args: argparse.Namespace, registry: PluginRegistry, console: Console
) -> list[int]:
    if not args.validate:
        return []
    problems = registry.validate(exporter, paths, _format_options(args, exporter))
    if problems is None:
        console.warn(f"no validator installed for format {exporter.name!r}; not checked")
        return []
    if problems:
        for problem in problems[:50]:
            console.error(f"{exporter.name}: {problem}")
        return [ValidationFailed.exit_code]
    console.info(f"valid {exporter.name}: {', '.join(str(p) for p in paths[:3])}{' ...' if len(paths) > 3 else ''}")
    return []


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    pre = _preparse(argv)
    console = Console(quiet=pre.quiet, debug=pre.debug)
    try:
        if argv[:1] == ["inspect"]:
            return _run_inspect(argv[1:])
        registry = _registry_from(pre)
        parser = build_parser(registry.exporters())
        args = parser.parse_args(argv)
        for failure in registry.failures:
            console.warn(str(failure))
        if args.list_formats:
            return _list_formats(registry)
        if not args.inputs:
            raise UsageError("no input given (see 'convert --help')")
        return _convert(args, registry, console)
    except KeyboardInterrupt:
        console.error("interrupted")
        return EXIT_INTERRUPTED
    except ConvertError as exc:
        if pre.debug:
            raise
        console.error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except Exception as exc:  # a bug: one line unless --debug
        if pre.debug:
            raise
        console.error(
            f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback, and please report it)"
        )
        return EXIT_PARTIAL
    return EXIT_USAGE  # pragma: no cover


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
