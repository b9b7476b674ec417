"""Checking a CRFsuite model file before the C library reads it.

python-crfsuite trusts every offset and count in a model file: a truncated or damaged
file (a copy cut short, a download that stopped) crashes the process with a segmentation
fault instead of an error. :func:`problem` walks the file's structure — the header, the
features, the label and attribute dictionaries (CQDB) and the feature references — and
says what is wrong, so ``--model`` refuses such a file with one line (exit 2).

The layout (little-endian ``uint32`` unless said, offsets from the file's start; in a
CQDB from the chunk's start) is CRFsuite's ``crf1dmodel.c`` and ``cqdb.c``.
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, 3 counts, 5 offsets
_FEATURE = struct.Struct("<iiid")  # type, src, dst, weight
_CQDB_HEADER = struct.Struct("<4sIIIII")  # chunk, size, flag, byteorder, bwd_size, bwd_offset
_TABLES = 256


def _u32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<I", data, offset)[0])


def _chunk(data: bytes, offset: int, tag: bytes) -> tuple[int, int]:
    """The bounds ``(start, end)`` of the chunk ``tag`` at ``offset``; ValueError if it is
    not there or runs past the file."""
    if offset < _HEADER.size or offset + 12 > len(data) or data[offset : offset + 4] != tag:
        raise ValueError(f"no {tag.decode()} chunk where the header says")
    size = _u32(data, offset + 4)
    if size < 12 or offset + size > len(data):
        raise ValueError(f"the {tag.decode()} chunk runs past the end of the file")
    return offset, offset + size


def _cqdb(data: bytes, offset: int) -> int:
    """Check the dictionary (CQDB) at ``offset``; return its number of entries."""
    start, end = _chunk(data, offset, b"CQDB")
    if end - start < _CQDB_HEADER.size + 8 * _TABLES:
        raise ValueError("a dictionary is cut short")
    _, size, _, _, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, start)

    def record(relative: int) -> None:
        """An entry: its id (below ``bwd_size``), its key's length, its key (ending in NUL)."""
        if not relative:
            return
        if relative + 8 > size:
            raise ValueError("a dictionary entry lies outside its dictionary")
        ident, length = struct.unpack_from("<iI", data, start + relative)
        if not 0 <= ident < bwd_size or length < 1 or relative + 8 + length > size:
            raise ValueError("a dictionary entry is damaged")
        if data[start + relative + 8 + length - 1] != 0:
            raise ValueError("a dictionary key is not terminated")

    for table in range(_TABLES):
        where, count = struct.unpack_from("<II", data, start + _CQDB_HEADER.size + 8 * table)
        if bool(where) != bool(count) or (where and where + 8 * count > size):
            raise ValueError("a dictionary table lies outside its dictionary")
        buckets = [_u32(data, start + where + 8 * bucket + 4) for bucket in range(count)]
        if buckets and all(buckets):  # a lookup probes until an empty bucket: it would never end
            raise ValueError("a dictionary table has no empty bucket")
        for relative in buckets:
            record(relative)
    if bwd_offset and bwd_offset + 4 * bwd_size > size:
        raise ValueError("a dictionary index lies outside its dictionary")
    for entry in range(bwd_size if bwd_offset else 0):
        record(_u32(data, start + bwd_offset + 4 * entry))
    return bwd_size


def _references(data: bytes, offset: int, tag: bytes, items: int, features: int) -> None:
    """Check the feature references ``tag`` (``LFRF``/``AFRF``) of ``items`` labels or
    attributes, each naming features below ``features``."""
    start, end = _chunk(data, offset, tag)
    count = _u32(data, start + 8)
    if count < items or start + 12 + 4 * count > end:
        raise ValueError(f"the {tag.decode()} chunk is cut short")
    for index in range(count):
        where = _u32(data, start + 12 + 4 * index)
        if not where:
            continue
        if not start <= where <= end - 4 or where + 4 + 4 * _u32(data, where) > end:
            raise ValueError(f"a reference list of {tag.decode()} lies outside its chunk")
        fids = struct.unpack_from(f"<{_u32(data, where)}I", data, where + 4)
        if any(fid >= features for fid in fids):
            raise ValueError(f"{tag.decode()} names a feature the file does not hold")


def problem(data: bytes) -> str | None:
    """What makes ``data`` not a whole CRFsuite model, or ``None`` when its structure
    holds together (every offset and count within the file)."""
    if len(data) < _HEADER.size:
        return "shorter than a model's header"
    magic, size, kind, _, _, labels, attributes, *offsets = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        return "not a CRFsuite model"
    if size != len(data):
        return f"cut short or padded: its header says {size:,} bytes, the file has {len(data):,}"
    off_features, off_labels, off_attrs, off_labelrefs, off_attrrefs = offsets
    try:
        start, end = _chunk(data, off_features, b"FEAT")
        count = _u32(data, start + 8)
        if start + 12 + _FEATURE.size * count > end:
            raise ValueError("the features are cut short")
        for kind_, source, target, _ in _FEATURE.iter_unpack(data[start + 12 : start + 12 + _FEATURE.size * count]):
            sources = attributes if kind_ == 0 else labels
            if kind_ not in (0, 1) or not 0 <= source < sources or not 0 <= target < labels:
                raise ValueError("a feature names a label or attribute the file does not hold")
        if _cqdb(data, off_labels) < labels or _cqdb(data, off_attrs) < attributes:
            raise ValueError("a dictionary holds fewer entries than the header says")
        _references(data, off_labelrefs, b"LFRF", labels, count)
        _references(data, off_attrrefs, b"AFRF", attributes, count)
    except (ValueError, struct.error) as error:
        return str(error)
    return None


def attribute_names(data: bytes) -> frozenset[str]:
    """The attribute names of a model file whose structure :func:`problem` found whole:
    the keys of its attribute dictionary, by the dictionary's index of ids. CRFsuite skips
    an item's attribute whose name is not among them, so a feature not named here weighs
    nothing."""
    off_attrs = _HEADER.unpack_from(data)[9]
    start = off_attrs
    bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, start)[4:]
    names = set()
    for relative in struct.unpack_from(f"<{bwd_size}I", data, start + bwd_offset) if bwd_offset else ():
        if relative:
            length = _u32(data, start + relative + 4)
            key = start + relative + 8
            names.add(data[key : key + length - 1].decode("utf-8", "surrogateescape"))
    return frozenset(names)


def read_model(path: Path, kind: str, *, called: str = "the model", option: str = "--model", hint: str = "") -> bytes:
    """The bytes of the CRFsuite model of ``kind`` (``"role model"``; ``called`` in the
    message when it cannot be read) at ``path``, or one
    :class:`.errors.UsageError` line saying why not: not a regular file of bounded size
    (:func:`.values.option_file`: never a FIFO's wait or /dev/zero's end), not a CRFsuite
    file, or damaged (:func:`problem`; ``hint`` says what to do about it)."""
    from .errors import UsageError
    from .values import option_file

    try:
        data = option_file(option, path)
    except UsageError as error:
        raise UsageError(f"cannot read {called}: {error}") from None
    if not data.startswith(b"lCRF"):
        raise UsageError(f"{str(path)!r} is not a {kind} (a CRFsuite file made by 'convert train')")
    damage = problem(data)  # the C library trusts every offset: a cut file crashed the process
    if damage:
        raise UsageError(f"{str(path)!r} is not a usable {kind}: {damage}{hint}")
    return data
