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
import threading
from collections.abc import Callable, Iterator
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop now, as cleanly as Ctrl-C (finally blocks remove temporary
    files); the command exits with ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The stopping signals the run was started with ignored (``nohup``: SIGHUP), which it keeps
#: ignored, and so do its batch workers.
IGNORED: set[int] = set()

#: The process that set the handlers, and the real ``os._exit`` (a plugin call stands in for it).
_owner: int | None = None
_real_exit = os._exit


#: How many stopping signals (Ctrl-C, SIGTERM, SIGHUP) this process has taken through the
#: run's handlers: a ``KeyboardInterrupt`` that came with none is code's own (a plugin raised it).
_taken = 0


def taken() -> int:
    """How many stopping signals this process has taken (see :func:`raised_by_code`)."""
    return _taken


def note_taken() -> None:
    """Count a stopping signal taken by a handler of the run's (a batch worker's SIGTERM)."""
    global _taken
    _taken += 1


def raised_by_code(before: int) -> bool:
    """Whether a ``KeyboardInterrupt`` caught now was raised by code rather than by a
    signal: this process takes every stopping signal through the run's handlers (or
    ignores Ctrl-C, as a batch worker does), and none came since :func:`taken` was
    ``before``. Elsewhere (the library in a program of its own) never: Ctrl-C there is
    Python's plain ``KeyboardInterrupt``."""
    handler = signal.getsignal(signal.SIGINT)
    return (handler is _interrupt or handler == signal.SIG_IGN) and _taken == before


def _interrupt(signum: int, frame: Any) -> None:
    """Ctrl-C: ``KeyboardInterrupt``, as Python's own handler raises it, counted."""
    note_taken()
    raise KeyboardInterrupt


def _terminate(signum: int, frame: Any) -> None:
    note_taken()
    if _owner is not None and os.getpid() != _owner:
        # a process forked from the run that has not set handlers of its own yet: a batch
        # worker being started when the pool is stopped. It has nothing to clean up, and
        # unwinding would print its traceback from the middle of its start
        _real_exit(128 + signum)
    raise Terminated(signum)


def stop_on_signals() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` in this (main) thread, and count
    every stopping signal, Ctrl-C's too (:func:`raised_by_code`); returns a function that
    puts the previous handlers back."""
    global _owner
    _owner = os.getpid()
    previous: dict[int, Any] = {}
    with contextlib.suppress(ValueError, OSError):
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (an ignored one stays ignored)
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, _interrupt)
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):
                if signal.getsignal(number) == signal.SIG_IGN:
                    # ignored by whoever started the run (nohup: SIGHUP), as Python keeps
                    # an ignored SIGINT: `nohup convert … &` was stopped by the hang-up
                    IGNORED.add(number)
                    continue
                previous[number] = signal.signal(number, _terminate)

    def restore() -> None:
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, handler)

    return restore


#: The signals that stop a run (Ctrl-C, SIGTERM, SIGHUP): what only the main thread may take.
STOP_SIGNALS = tuple(
    number for number in (getattr(signal, name, None) for name in ("SIGINT", "SIGTERM", "SIGHUP")) if number
)


def start_deaf(thread: Any) -> None:
    """Start ``thread`` with the signals that stop a run blocked in it, so that the kernel
    gives them to the main thread. A signal sent to the process goes to any thread that
    does not block it: taken by a helper thread (the exit handlers' watch, a worker's
    parent watch), Python still runs the handler in the main thread, but only at its next
    bytecode — a main thread asleep in a system call (an exit handler's ``time.sleep``)
    slept on, and Ctrl-C was not the run interrupted (a run under load ended 0 after
    10 s). The thread takes the mask of the thread that starts it."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or not STOP_SIGNALS:
        thread.start()
        return
    try:
        previous = block(signal.SIG_BLOCK, STOP_SIGNALS)
    except (OSError, ValueError):
        thread.start()
        return
    try:
        thread.start()
    finally:
        block(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP while the block runs, then act on the first that
    came (its handler raises at the block's end): a few steps that must be done all or
    none (a page counted, recorded and reported) are never cut between two. Only the main
    thread sets handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        came.append(signum)

    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    held_now = [number for number, handler in previous.items() if callable(handler)]  # (never an ignored one)
    try:
        for number in held_now:
            signal.signal(number, hold)
        yield
    finally:
        for number in held_now:
            signal.signal(number, previous[number])
        if came:
            signal.raise_signal(came[0])
