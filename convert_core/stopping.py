"""Stopping on SIGTERM and SIGHUP as cleanly as on Ctrl-C.

A service manager's SIGTERM, a closed terminal's SIGHUP: both raise :class:`Terminated`
(a ``KeyboardInterrupt``) in the main thread, so every ``finally`` runs — temporary files
are removed, batch workers are stopped, finished pages are recorded — and the command
exits with ``128 + signum`` (143, 129).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop now, as cleanly as Ctrl-C (finally blocks remove temporary
    files); the command exits with ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def stop_on_signals() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` in this (main) thread; returns a
    function that puts the previous handlers back."""
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):
                previous[number] = signal.signal(number, _terminate)

    def restore() -> None:
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, handler)

    return restore
