"""Pictures as files: PNG encoding of raw pixels and content-addressed names.

A picture is written once, under a name made from the first 16 hex digits of the
SHA-256 of its bytes and its extension (``images/3f2a…9c.jpg``), so the same picture
on two pages or in two formats is one file, and names never depend on the order of
work.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

from ..model import ImageRef

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif"}
#: Folder, next to the outputs, that holds the pictures.
IMAGE_DIR = "images"


def encode_png(rows: list[bytes], width: int, height: int, *, gray: bool = False) -> bytes:
    """A PNG of 8-bit RGB (or grey) rows, deterministic (fixed compression, no times)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 0 if gray else 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def image_ref(data: bytes, media_type: str, width: int, height: int) -> ImageRef:
    """The model's reference to a picture, its bytes attached for the writers."""
    digest = hashlib.sha256(data).hexdigest()
    href = f"{IMAGE_DIR}/{digest[:16]}{_EXTENSIONS.get(media_type, '.bin')}"
    ref = ImageRef(href=href, media_type=media_type, width=width, height=height, sha256=digest)
    ref.data = data
    return ref
