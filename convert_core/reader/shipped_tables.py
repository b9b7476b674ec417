"""Tables of counts shipped with the reader beside its models (:mod:`.junctions`' junction
table, :mod:`.paragraph_edges`' edge table), each read once, on first use; the training
recipe (``benchmarks/corpus/train_model.py``) puts the table it builds in use instead
(:meth:`ShippedTable.use`), so that the models learn from the table they will ship with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from ..errors import UsageError

T = TypeVar("T")


def read_shipped(path: Path, from_bytes: Callable[[bytes], T], what: str) -> T:
    """A table shipped with the reader (``path``), read by ``from_bytes``; a file that cannot
    be read or is damaged is a usage error naming it (``what``: ``junction table`` …)."""
    try:
        return from_bytes(path.read_bytes())
    except OSError as error:
        raise UsageError(f"cannot read the reader's {what} {str(path)!r}: {error.strerror or error}") from None
    except ValueError as error:
        raise UsageError(f"{str(path)!r}: {error}; reinstall bulletin-convert") from None


class ShippedTable(Generic[T]):
    """The table the features read: the one put in use (:meth:`use`), else the one shipped
    at ``path`` (read by ``from_bytes``, once; ``what`` names it in errors). ``on_use`` is
    called whenever :meth:`use` changes the table (to forget answers read from the old one)."""

    def __init__(
        self,
        path: Path,
        from_bytes: Callable[[bytes], T],
        what: str,
        on_use: Callable[[], object] | None = None,
    ) -> None:
        self.path = path
        self.from_bytes = from_bytes
        self.what = what
        self.on_use = on_use
        self._in_use: T | None = None
        self._shipped: T | None = None

    def use(self, table: T | None) -> None:
        """Make the features read ``table`` instead of the shipped one (the training recipe
        trains with the table it builds); ``None`` goes back to the shipped one."""
        self._in_use = table
        if self.on_use is not None:
            self.on_use()

    def current(self) -> T:
        """The table the features read (the shipped one loaded once, on first use)."""
        if self._in_use is not None:
            return self._in_use
        if self._shipped is None:
            self._shipped = read_shipped(self.path, self.from_bytes, self.what)
        return self._shipped

    def forget_shipped(self) -> None:
        """Read the shipped table from :attr:`path` again on next use."""
        self._shipped = None
