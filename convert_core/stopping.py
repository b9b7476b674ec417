"""Stopping on SIGTERM and SIGHUP as cleanly as on Ctrl-C.

A service manager's SIGTERM, a closed terminal's SIGHUP: both raise :class:`Terminated`
(a ``KeyboardInterrupt``) in the main thread, so every ``finally`` runs — temporary files
are removed, batch workers are stopped, finished pages are recorded — and the command
exits with ``128 + signum`` (143, 129).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop now, as cleanly as Ctrl-C (finally blocks remove temporary
    files); the command exits with ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The process that set the handlers, and the real ``os._exit`` (a plugin call stands in for it).
_owner: int | None = None
_real_exit = os._exit


def _terminate(signum: int, frame: Any) -> None:
    if _owner is not None and os.getpid() != _owner:
        # a process forked from the run that has not set handlers of its own yet: a batch
        # worker being started when the pool is stopped. It has nothing to clean up, and
        # unwinding would print its traceback from the middle of its start
        _real_exit(128 + signum)
    raise Terminated(signum)


def stop_on_signals() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` in this (main) thread; returns a
    function that puts the previous handlers back."""
    global _owner
    _owner = os.getpid()
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
