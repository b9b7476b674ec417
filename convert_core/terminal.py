"""Text shown on a terminal: nothing in it can drive the terminal.

File names, metadata options and the fields of a page (a JSON document can say anything)
reach error messages and ``convert inspect``. A terminal obeys control characters in them:
ESC starts sequences that move the cursor, clear the screen or (OSC) set the window title,
BEL rings, C1 controls do the same as ESC sequences in 8-bit terminals, line ends forge
extra lines, and bidirectional controls reorder what is shown. :func:`printable` shows each
as a visible escape instead.
"""

from __future__ import annotations

from .regex_cache import regex

# The characters that drive a terminal, spelled once for every module that keeps them out
# of what it shows or stores (file names, option values, a document's fields); each is
# ranges for a regular-expression class ``[...]``.

#: The C0 controls but tab and line feed, DEL and the C1 controls.
CONTROLS_BUT_BREAKS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
#: Every C0 control (tab and line feed too), DEL and the C1 controls.
CONTROLS = "\t\n" + CONTROLS_BUT_BREAKS
#: Bidirectional controls and the line and paragraph separators: invisible, they reorder
#: what is shown or start a line.
BIDI_CONTROLS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
#: Lone surrogates (U+DC80 to U+DCFF: the bytes of a file name that is not UTF-8).
SURROGATES = "\ud800-\udfff"
#: All of them: what :func:`printable` escapes and no file name holds.
UNPRINTABLE = CONTROLS + BIDI_CONTROLS + SURROGATES

_UNPRINTABLE_RE = regex(f"[{UNPRINTABLE}]")


def _escape(match) -> str:  # type: ignore[no-untyped-def]
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could drive a terminal shown as ``\\x1b``,
    ``\\u202e``...; a byte of a non-UTF-8 file name as ``\\xff``."""
    if _UNPRINTABLE_RE.search(text) is None:
        return text
    return _UNPRINTABLE_RE.sub(_escape, text)


def show_warnings_escaped(program: str) -> None:
    """Show Python warnings (``warnings.warn`` in a plugin or a library, whose message may
    quote a page's text) as one line each, ``program: warning: …``, with control
    characters escaped as :func:`printable` shows them — Python printed the message raw,
    and the line of source under it."""
    import contextlib
    import sys
    import warnings

    def show(message, category, filename, lineno, file=None, line=None) -> None:  # type: ignore[no-untyped-def]
        stream = file if file is not None else sys.stderr
        if stream is None:
            return
        text = f"{program}: warning: {message} ({category.__name__}, {filename}:{lineno})"
        with contextlib.suppress(OSError, ValueError):  # a closed or full standard error: nowhere to show it
            stream.write(printable(text) + "\n")

    warnings.showwarning = show


def show_logging_escaped(program: str) -> None:
    """Show log records that reach Python's own display — no handler configured (the
    "last resort"), or the default one ``logging.error(…)`` and ``basicConfig()`` set up —
    as ``program: log: MESSAGE (LOGGER, LEVEL)``, the message on one line with control
    characters escaped as :func:`printable` shows them, a traceback's lines each escaped.
    A plugin logging a page's headline wrote it raw (a bidirectional override, or ESC from
    a plugin's own text). Set up when :mod:`logging` is first imported, so that a run that
    never logs does not import it. Handlers a plugin configures itself keep their formats;
    what those write to standard error or output is escaped too (:func:`_escape_stream_handlers`)."""
    import sys

    if "logging" in sys.modules:
        _escape_logging(sys.modules["logging"], program)
    elif not any(isinstance(finder, _LoggingImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LoggingImported(program))


class _LoggingImported:
    """A finder that finds nothing but, when :mod:`logging` is imported, sets up
    :func:`_escape_logging` once the module has run."""

    def __init__(self, program: str) -> None:
        self.program = program

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name != "logging":
            return None
        import sys
        from importlib.machinery import PathFinder

        with _suppress_value_error():
            sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run, program = spec.loader.exec_module, self.program

        def exec_module(module):  # type: ignore[no-untyped-def]
            run(module)
            _escape_logging(module, program)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _suppress_value_error():  # type: ignore[no-untyped-def]
    import contextlib

    return contextlib.suppress(ValueError)


def _escape_logging(logging, program: str) -> None:  # type: ignore[no-untyped-def]
    import contextlib
    import sys

    if getattr(logging.lastResort, "escaped_by", None) == program:
        return

    class Escaped(logging.Handler):
        escaped_by = program

        def emit(self, record) -> None:  # type: ignore[no-untyped-def]
            stream = sys.stderr
            if stream is None:
                return
            try:
                lines = [printable(f"{program}: log: {record.getMessage()} ({record.name}, {record.levelname})")]
                if record.exc_info:
                    import traceback

                    lines += [
                        printable(line) for line in "".join(traceback.format_exception(*record.exc_info)).splitlines()
                    ]
                elif record.stack_info:
                    lines += [printable(line) for line in record.stack_info.splitlines()]
            except Exception:
                self.handleError(record)
                return
            with contextlib.suppress(OSError, ValueError):  # a closed or full standard error
                stream.write("\n".join(lines) + "\n")
                stream.flush()

    last_resort = Escaped(logging.WARNING)
    logging.lastResort = last_resort
    configure = logging.basicConfig

    def basic_config(**kwargs):  # type: ignore[no-untyped-def]
        # called with nothing by logging.error(…) & co when the root logger has no handler:
        # the default display, escaped; any setting given is the caller's own
        if kwargs or logging.root.handlers:
            return configure(**kwargs)
        logging.root.addHandler(Escaped())
        return None

    basic_config.__doc__ = configure.__doc__
    logging.basicConfig = basic_config
    _escape_stream_handlers(logging, program)


def _escape_stream_handlers(logging, program: str) -> None:  # type: ignore[no-untyped-def]
    """Make what a :class:`logging.StreamHandler` writes to standard error or output (a
    plugin's own ``basicConfig(level=…)``, a handler it adds with its own format) escaped
    as :func:`printable` shows it: the message on one line, then each line of the
    handler's display (a traceback's) escaped. The handler's format is kept; a handler on
    any other stream (a ``FileHandler``, a ``StringIO``) gets the text as logged."""
    import copy

    handler_class = logging.StreamHandler
    if getattr(handler_class.format, "escaped_by", None) == program:
        return
    plain = handler_class.format

    def format(self, record):  # type: ignore[no-untyped-def]
        if not _standard_stream(getattr(self, "stream", None)):
            return plain(self, record)
        shown = copy.copy(record)  # (the record itself goes on to the other handlers as it is)
        shown.msg, shown.args = printable(record.getMessage()), None
        return "\n".join(printable(line) for line in plain(self, shown).split("\n"))

    format.escaped_by = program  # type: ignore[attr-defined]
    handler_class.format = format


def _standard_stream(stream) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``stream`` writes to standard error or output (the terminal, as a rule)."""
    import sys

    if stream is None:
        return False
    if any(stream is known for known in (sys.stderr, sys.stdout, sys.__stderr__, sys.__stdout__)):
        return True
    try:
        return stream.fileno() in (1, 2)
    except (AttributeError, OSError, ValueError):
        return False
