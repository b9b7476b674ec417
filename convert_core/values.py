"""Values given by users, checked and normalized once, where they enter.

Command-line options, library arguments and the fields of our JSON form go through the
same checks: an edition date is stored as ``YYYY-MM-DD`` whatever ISO form it was typed
in, a language is a well-formed BCP 47 tag in its canonical case, metadata text holds no
control character or lone surrogate (they would break XML outputs and terminals), an
encoding is one that decodes bytes to text, and numbers are finite and in range. Each
check raises the error class its caller gives (:class:`UsageError` for options,
:class:`InputError` for a document's fields), naming the value.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import os
import re
import stat
from typing import Any

from .errors import ConvertError, UsageError, exhausted, reason
from .regex_cache import regex
from .terminal import CONTROLS, CONTROLS_BUT_BREAKS, SURROGATES

# what no text of a document holds: controls, lone surrogates and the noncharacters
# U+FFFE and U+FFFF (XML outputs cannot hold them; terminals obey controls); a page's text
# (a paragraph, a table) may hold tabs and line feeds, metadata is one line
_NONCHARACTERS = "\ufffe\uffff"
_CONTROL_RE = regex(f"[{CONTROLS}{SURROGATES}{_NONCHARACTERS}]")
_TEXT_CONTROL_RE = regex(f"[{CONTROLS_BUT_BREAKS}{SURROGATES}{_NONCHARACTERS}]")


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first control character, lone surrogate or noncharacter (U+FFFE, U+FFFF) in
    ``text`` as ``U+XXXX``, or ``None``; ``multiline`` allows tabs and line feeds."""
    found = (_TEXT_CONTROL_RE if multiline else _CONTROL_RE).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def metadata_text(value: str | None, what: str, error: type[ConvertError] = UsageError) -> str | None:
    """``value`` stripped; ``None`` when empty; an ``error`` naming ``what`` when it holds a
    control character (a line end too: metadata is one line) or a lone surrogate."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise error(f"{what} must be text, not {type(value).__name__}")
    bad = control_character(value)
    if bad:
        raise error(f"{what} holds a control character or lone surrogate ({bad})")
    return value.strip() or None


def iso_date(value: str | dt.date, what: str = "date", error: type[ConvertError] = UsageError) -> str:
    """``value`` as ``YYYY-MM-DD``: a date, or an ISO 8601 calendar date (``2020-04-28``,
    ``20200428``) or week date (``2020-W18-2``)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if not text.isascii():
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise error(f"{what} must be YYYY-MM-DD, not {value!r}") from None


# RFC 5646 well-formed tags (case-insensitive): langtag, private use, irregular grandfathered
_LANGTAG_RE = regex(
    r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*)
    (?P<private>-x(?:-[a-z0-9]{1,8})+)?
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_PRIVATE_RE = regex(r"x(?:-[a-z0-9]{1,8})+", re.IGNORECASE | re.ASCII)
_IRREGULAR = {
    tag.lower(): tag
    for tag in [
        "en-GB-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-BE-FR",
        "sgn-BE-NL",
        "sgn-CH-DE",
    ]
}


def language_tag(value: str, what: str = "language", error: type[ConvertError] = UsageError) -> str:
    """``value`` as a well-formed BCP 47 (RFC 5646) tag in canonical case (``zh-hant-tw``
    -> ``zh-Hant-TW``); no variant or extension singleton twice."""
    text = value.strip() if isinstance(value, str) else ""
    problem = f"{what} must be a BCP 47 tag such as zh-CN or zh-Hant, not {value!r}"
    if not text or not text.isascii():
        raise error(problem)
    if text.lower() in _IRREGULAR:
        return _IRREGULAR[text.lower()]
    if _PRIVATE_RE.fullmatch(text):
        return text.lower()
    match = _LANGTAG_RE.fullmatch(text)
    if not match:
        raise error(problem)
    variants = match["variants"].lower().split("-")[1:]
    singletons = [part for part in match["extensions"].lower().split("-") if len(part) == 1]
    if len(set(variants)) < len(variants) or len(set(singletons)) < len(singletons):
        raise error(f"{problem} (a variant or extension repeats)")
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    tail = (match["variants"] + match["extensions"] + (match["private"] or "")).lower()
    return "-".join(parts) + tail


def text_encoding(name: str) -> str:
    """The canonical name of a codec that decodes bytes to text (not ``rot13``, ``base64``,
    ``hex``, ``zlib`` or ``undefined``)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        raise UsageError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise UsageError(f"{name!r} is not a text encoding (give one such as utf-8, gb18030 or big5)")
    return info.name


#: A number as options take it: ASCII digits, an optional sign, point and exponent. Python's
#: ``int`` and ``float`` also take other scripts' digits (``１``, ``٣``) and underscores
#: (``1_0``), which read as numbers the user may never have meant.
_DECIMAL_RE = regex(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*", re.ASCII)
_WHOLE_RE = regex(r"\s*[+-]?[0-9]+\s*", re.ASCII)
_WORDS = ("nan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity", "+nan", "-nan")


def _ascii_float(text: str) -> float:
    """``float(text)`` for what it names in ASCII (and the words ``nan``/``inf``, which the
    callers refuse by name); ``ValueError`` for other digits and underscores."""
    text = str(text)
    if not _DECIMAL_RE.fullmatch(text) and text.strip().lower() not in _WORDS:
        raise ValueError(text)
    return float(text)


def seconds(text: str) -> float:
    """A positive, finite number of seconds (``--timeout``)."""
    try:
        value = _ascii_float(text)
    except (TypeError, ValueError):
        raise UsageError(f"expected a number of seconds, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"expected a positive number of seconds, not {text!r}")
    if value > 10**8:
        raise UsageError(f"{text} seconds is longer than this can wait (at most 100000000)")
    return value


_EPOCH_RE = regex(r"-?[0-9]+", re.ASCII)


def source_date_epoch(value: str | None = None) -> dt.datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` (the environment's unless ``value`` is given) sets
    for the outputs, in UTC; ``None`` when unset or empty. As the reproducible-builds
    specification says, a malformed value is an error, not ignored: an integer of ASCII
    digits (``date +%s``), its time within years 1–9999 — ``abc``, ``1e9``, ``١٢``,
    ``5_000`` or a year past 9999 gave the edition's time without a word, a build that was
    not reproducible as asked."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "") if value is None else value
    if not text.strip():
        return None
    if not _EPOCH_RE.fullmatch(text.strip()):
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (date +%s), not {text!r}")
    try:
        return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH {text.strip()} is no time of years 1 to 9999") from None


def count(text: str, *, minimum: int, what: str = "number") -> int:
    """A whole number of at least ``minimum`` (option values such as ``--jobs``)."""
    try:
        if not _WHOLE_RE.fullmatch(str(text)):  # not ``１`` or ``1_0``, which int() takes
            raise ValueError(text)
        value = int(str(text).strip(), 10)
    except ValueError:
        raise UsageError(f"expected a whole number in ASCII digits, not {text!r}") from None
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum}, not {value}")
    return value


_PAGE_PART_RE = regex(r"[0-9]+(?:-[0-9]*)?", re.ASCII)


def page_list(text: str) -> str:
    """A PDF page list (``--pages``): ``3``, ``3-5``, ``2,4-6`` or ``7-`` (to the end),
    1-based, in ASCII digits, each range forward; returned without spaces."""
    parts = [part.strip() for part in str(text).split(",")]
    problem = f"pages must look like 3, 3-5 or 2,4-6, not {text!r}"
    for part in parts:
        if not _PAGE_PART_RE.fullmatch(part):
            raise UsageError(problem)
        low, _, high = part.partition("-")
        try:
            first, last = int(low), int(high) if high else None
        except ValueError:  # more digits than int() takes
            raise UsageError(problem) from None
        if first < 1 or (last is not None and last < first):
            raise UsageError(problem)
    return ",".join(parts)


def number(text: str, *, minimum: float = 0.0, what: str = "value") -> float:
    """A finite number of at least ``minimum`` (``train --c1``): never ``nan`` or ``inf``."""
    try:
        value = _ascii_float(text)
    except (TypeError, ValueError):
        raise UsageError(f"expected a number, not {text!r}") from None
    if not math.isfinite(value) or value < minimum:
        raise UsageError(f"{what} must be a finite number of at least {minimum:g}, not {text!r}")
    return value


#: The longest name of one file or folder, and of a whole path, a file system takes (bytes:
#: ``NAME_MAX`` and ``PATH_MAX`` of Linux and macOS); the operating system refuses a
#: longer one (``ENAMETOOLONG``) before any file system is asked.
NAME_MAX_BYTES = 255
PATH_MAX_BYTES = 4095


def path_name(text: str) -> str:
    """A path given on the command line (a page, a folder, ``-o``, ``--report``, ``--gold``,
    ``--model``, a file an option names): one the system can look up — every name in it at
    most :data:`NAME_MAX_BYTES` bytes and the whole at most :data:`PATH_MAX_BYTES`. A longer
    one failed with ``internal error: OSError: File name too long`` where its kind was asked
    (``Path.is_dir`` raises that error, not "no"), or named its 100,000 bytes in the error.
    Never empty: ``''`` (an unset shell variable, ``convert "$PAGES"``) was taken as the
    current folder — every page in it converted, evaluated or learnt from, and ``-o ''``
    or ``--gold ''`` the current folder too."""
    if not text:
        raise UsageError("expected a file name, not an empty value (an unset variable?)")
    encoded = os.fsencode(text)
    longest = max(encoded.split(b"/"), key=len)
    if len(longest) > NAME_MAX_BYTES:
        shown = os.fsdecode(longest[:40])
        raise UsageError(
            f"'{shown}…' is too long a name for a file ({len(longest):,} bytes; at most {NAME_MAX_BYTES} a name)"
        )
    if len(encoded) > PATH_MAX_BYTES:
        shown = os.fsdecode(encoded[:40])
        raise UsageError(f"'{shown}…' is too long a path ({len(encoded):,} bytes; at most {PATH_MAX_BYTES})")
    return text


def input_name(text: str) -> str:
    """A page given on the command line (a :func:`path_name`); one that names standard
    input by another name — ``/dev/stdin``, ``/dev/fd/0``, ``/proc/self/fd/0`` or a link to
    one — is ``-``: the run reads standard input once, before any plugin code runs, and
    then points it at ``/dev/null``, so such a page read ``/dev/null`` (``input is empty``,
    exit 3, the piped page lost)."""
    text = path_name(text)
    return "-" if text != "-" and _names_standard_input(text) else text


def _names_standard_input(text: str) -> bool:
    names = {"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", f"/proc/{os.getpid()}/fd/0"}
    path = os.path.abspath(text)
    for _ in range(40):  # (a loop of links is no standard input)
        if path in names:
            return True
        try:
            target = os.readlink(path)
        except OSError:  # not a link (or not there): a page of its own
            return False
        path = os.path.normpath(os.path.join(os.path.dirname(path), target))
    return False


def file_name(text: str) -> str:
    """A file an option names (``--epub-css``, ``--reference-docx``): never empty, which
    read as "no file" and so gave the default without a word; a :func:`path_name`."""
    if not str(text):
        raise UsageError("expected a file name, not an empty value")
    return path_name(str(text))


#: Largest file an option may name (``--model``, ``--epub-css``, ``--reference-docx``).
MAX_OPTION_FILE_BYTES = 64 * 1024 * 1024


def option_file(option: str, path: str | os.PathLike[str], max_bytes: int = MAX_OPTION_FILE_BYTES) -> bytes:
    """The bytes of the file an ``option`` names, or a :class:`UsageError` naming it: a
    regular file (a link to one) of at most ``max_bytes``. A directory, a FIFO (opened
    without blocking, never waited on), a device such as ``/dev/zero`` or a socket is
    refused before anything is read, and no more than ``max_bytes + 1`` bytes ever are."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UsageError(f"{option} {os.fspath(path)}: no such file") from None
    except OSError as exc:
        raise exhausted(exc) or UsageError(f"{option} {os.fspath(path)}: cannot read: {reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{option} {os.fspath(path)} is a directory; give a file")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{option} {os.fspath(path)} is not a regular file (a FIFO, device or socket)")
        if info.st_size > max_bytes:
            raise UsageError(f"{option} {os.fspath(path)}: {info.st_size:,} bytes, over the limit of {max_bytes:,}")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= max_bytes and (chunk := os.read(fd, min(1 << 20, max_bytes + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while read
            raise UsageError(f"{option} {os.fspath(path)}: more than {max_bytes:,} bytes, over the limit")
        return b"".join(chunks)
    except OSError as exc:
        raise exhausted(exc) or UsageError(f"{option} {os.fspath(path)}: cannot read: {reason(exc)}") from None
    finally:
        os.close(fd)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    """A JSON number with a fraction or exponent, refused when no float holds it (``1e400``
    read as infinity, which ``NaN`` and ``Infinity`` already were)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is beyond any number a float holds")
    return value


def strict_json(text: str) -> Any:
    """``json.loads`` of text that must be JSON as the standard writes it: ``NaN``,
    ``Infinity`` and numbers no float holds (``1e400``) are refused (``ValueError``), not
    read as floats no JSON holds. Our JSON form and gold files are read through it."""
    return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
