"""The plugin manager: loads plugins, collects exporters, runs transforms and validators.

Plugins come from the ``bulletin_convert`` entry-point group of installed
distributions. The built-in exporters are distributions of their own under
``plugins/`` and register through that same group; :data:`BUILTIN_PLUGINS` lists
them so they still load when entry-point autoloading is turned off
(``BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD=1`` or ``--no-plugin-autoload``).

Environment variables:

``BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD``
    ``1`` loads only the built-in plugins (and ``--plugin`` modules).
``BULLETIN_CONVERT_PLUGINS``
    comma-separated allow-list of plugin names; others are not loaded.
``BULLETIN_CONVERT_DISABLE_PLUGINS``
    comma-separated plugin names never to load.
"""

from __future__ import annotations

import collections
import contextlib
import importlib
import os
import signal
import stat
import sys
import threading
import time
import warnings
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pluggy

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

from . import callnotes, descriptors, environment, hookspecs, stopping
from .errors import PluginError, ResourceError, UsageError, describe, exhausted
from .exporters import Exporter
from .model import Document

ENTRY_POINT_GROUP = "bulletin_convert"

#: The built-in plugins: (plugin name, module). Each is also an entry point of its
#: own distribution in ``plugins/``; this tuple is the one place they are listed.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("json", "bulletin_convert_json"),
    ("newsml", "bulletin_convert_newsml"),
    ("ninjs", "bulletin_convert_ninjs"),
    ("epub", "bulletin_convert_epub"),
    ("docx", "bulletin_convert_docx"),
)

#: the hooks a plugin implements one of at least (``hookspecs``)
_HOOKS = frozenset({"register_exporters", "transform_document", "validate_output"})

ENV_DISABLE_AUTOLOAD = "BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD"
ENV_ALLOW = "BULLETIN_CONVERT_PLUGINS"
ENV_DENY = "BULLETIN_CONVERT_DISABLE_PLUGINS"


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that could not be loaded or whose hook raised."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.message}"


class PluginExit(BaseException):
    """Raised in place of ``os._exit`` while plugin code runs (see :func:`plugin_call`)."""

    def __init__(self, code: Any) -> None:
        super().__init__(code)
        self.code = code


_exit_guard = threading.Lock()
_exit_depth = 0
#: The process's own ``os._exit``: :func:`plugin_call` replaces ``os._exit`` while plugin code
#: runs, so code that must end the process whatever runs (a worker whose parent is gone) calls this.
real_exit = os._exit
_guard_pid = 0


def _exit_from_plugin(code: Any) -> None:
    if os.getpid() != _guard_pid:  # a child the plugin forked ends as it means to
        real_exit(code)
    raise PluginExit(code)


@contextlib.contextmanager
def plugin_call(
    label: str, passthrough: tuple[type[BaseException], ...] = (), *, verb: str = "raised"
) -> Iterator[None]:
    """Run plugin code so that it cannot end or move the run: ``sys.exit``, ``os._exit``
    and any ``BaseException`` but Ctrl-C become a :class:`PluginError` that starts with
    ``label`` (which names the plugin: ``{label} {verb} ValueError: …``, ``{label} called
    sys.exit(0)``; the part after the label is its ``reason``), and a working directory it
    changed is restored. Exceptions of the ``passthrough`` types are left as they are."""
    global _exit_depth, _guard_pid
    with _exit_guard:
        if _exit_depth == 0:
            _guard_pid = os.getpid()
            os._exit = _exit_from_plugin  # type: ignore[assignment]
        _exit_depth += 1
    try:
        cwd: str | None = os.getcwd()
    except OSError:
        cwd = None
    state = _process_state()
    standard = descriptors.standard()
    threads = set(threading.enumerate())
    children = set(_children())
    callnotes.enter(label)  # a batch worker's parent reads it if the worker dies in the call
    signals = stopping.taken()
    try:
        with environment.watching():  # what it reads is in the page's resume key
            yield
    except KeyboardInterrupt as exc:
        if not stopping.raised_by_code(signals):
            raise  # Ctrl-C, SIGTERM, SIGHUP: the run stops
        # raised by the plugin itself: it stopped the whole run as Ctrl-C would (exit 130,
        # every page after it not begun; in a worker, the parent took it for Ctrl-C)
        error = PluginError(f"{label} {verb} {_named(exc)}")
        error.reason = str(error)[len(label) + 1 :]  # type: ignore[attr-defined]
        raise error from exc
    except passthrough:
        raise
    except PluginError:
        raise
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            reason = f"called sys.exit({describe(exc.code, as_repr=True)})"
        elif isinstance(exc, PluginExit):
            reason = f"called os._exit({describe(exc.code, as_repr=True)})"
        elif (exhaustion := exhausted(exc)) is not None:  # out of files or memory: its own code
            raise ResourceError(f"{label}: {exhaustion}") from exc
        else:
            reason = f"{verb} {_named(exc)}"
        error = PluginError(f"{label} {reason}")
        error.reason = reason  # type: ignore[attr-defined]
        raise error from exc
    finally:
        if os.getpid() != state.pid:  # a child the plugin forked came back into the run: end it
            real_exit(0)
        if cwd is not None:
            with contextlib.suppress(OSError):
                if os.getcwd() != cwd:
                    os.chdir(cwd)  # a plugin that changed directory must not move the outputs
        state.restore()
        _note_new_threads(threads, label)
        _note_new_children(children, label)
        with _exit_guard:
            _exit_depth -= 1
            if _exit_depth == 0:
                os._exit = real_exit
        closed = descriptors.check(label, standard)  # a worker that lost its pipes ends here
        callnotes.leave()  # (not reached when the call ends the worker: the note stays)
        if closed is not None:
            raise PluginError(closed)


def _named(exc: BaseException) -> str:
    """An exception as a plugin's error names it: its type, and what it says if anything
    (``StopIteration``, not ``StopIteration: ``)."""
    said = describe(exc)
    return f"{type(exc).__name__}: {said}" if said else type(exc).__name__


#: Threads plugin code started and left running, with the label of the call that started them.
_started_by: weakref.WeakKeyDictionary[threading.Thread, str] = weakref.WeakKeyDictionary()


def _note_new_threads(before: set[threading.Thread], label: str) -> None:
    for thread in threading.enumerate():
        if thread not in before and not thread.daemon and thread not in _started_by:
            _started_by[thread] = label


#: The run's own threads it stopped waiting for: a thread pool's workers, whose pages cannot
#: be stopped, when the run stops at once (Ctrl-C twice) — not a plugin's stray threads.
_abandoned: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def abandon_threads(threads: Iterable[threading.Thread]) -> None:
    """Note ``threads`` as the run's own, left to end with the process (see :func:`stray_threads`)."""
    _abandoned.update(threads)


def stray_threads() -> list[str]:
    """The threads other than the main one that would keep this process alive at its end
    (non-daemon, still running), each named with the plugin call that started it when
    known (``rude-sleeper (started by format 'rude' (plugin rude_plugin))``)."""
    names = [
        thread.name + (f" (started by {_started_by[thread]})" if thread in _started_by else "")
        for thread in threading.enumerate()
        if thread is not threading.main_thread()
        and not thread.daemon
        and thread.is_alive()
        and thread not in _abandoned
    ]
    counts = collections.Counter(names)
    return [name if count == 1 else f"{count} × {name}" for name, count in counts.items()]


def _children() -> list[int]:
    """This process's child processes still there (Linux ``/proc``; none elsewhere)."""
    found: list[int] = []
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return found
    for task in tasks:
        with contextlib.suppress(OSError, ValueError), open(f"/proc/self/task/{task}/children", "rb") as listing:
            found.extend(int(pid) for pid in listing.read().split())
    return found


def _output_files() -> set[tuple[int, int]]:
    """The files (device, inode) of this process's standard output and error, but
    ``/dev/null``: a child holding it keeps no reader waiting — run as ``convert … >/dev/null``,
    a server a plugin keeps with its errors sent to ``/dev/null`` (EPUBCheck's JVM) was
    taken for a child holding the run's output, named in a warning and killed."""
    found = set()
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            info = os.fstat(fd)
            if not _is_dev_null(info):
                found.add((info.st_dev, info.st_ino))
    return found


def _is_dev_null(info: os.stat_result) -> bool:
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(info.st_mode) and stat.S_ISCHR(null.st_mode) and info.st_rdev == null.st_rdev


def _holds(pid: int, files: set[tuple[int, int]]) -> bool:
    """Whether process ``pid`` has one of ``files`` open as its standard output or error
    (a child that would keep them open after we end: a pipe's reader would wait for it)."""
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            info = os.stat(f"/proc/{pid}/fd/{fd}")
            if (info.st_dev, info.st_ino) in files:
                return True
    return False


def _command(pid: int) -> str:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        words = cmdline.read(200).rstrip(b"\0").split(b"\0")
        return " ".join(word.decode("utf-8", "backslashreplace") for word in words)[:60]
    return "?"


#: Child processes plugin code started (seen new after a plugin call), with the call's label.
_children_started_by: dict[int, str] = {}


def _note_new_children(before: set[int], label: str) -> None:
    now = set(_children())
    for pid in [pid for pid in _children_started_by if pid not in now]:
        _children_started_by.pop(pid, None)  # gone: its number may be given to another process
    for pid in now - before:
        _children_started_by.setdefault(pid, label)


def stop_stray_children(where: str = "", grace: float = 2.0) -> None:
    """Stop the child processes plugin code started and left running with this process's
    standard output or error, once its work is done (they held those pipes open, so
    ``convert … | cat`` never ended): a warning naming them and the plugin call that started
    them, SIGTERM, SIGKILL after ``grace`` seconds. Only children first seen after a plugin
    call — never our own workers or an executor's helpers — and only those holding our
    output: a server a plugin keeps on pipes of its own (EPUBCheck's JVM) ends with them."""
    ours = _output_files()
    children = [pid for pid in _children() if pid in _children_started_by and _holds(pid, ours)]
    if not children:
        return
    from .terminal import printable

    named = [f"{pid} {_command(pid)}, started by {_children_started_by[pid]}" for pid in children[:5]]
    named += [f"{len(children) - 5} more"] if len(children) > 5 else []
    with contextlib.suppress(Exception):
        sys.stderr.write(
            f"convert: warning: a plugin left {len(children)} child process(es) running{where} "
            f"({printable('; '.join(named))}); stopping them\n"
        )
        sys.stderr.flush()
    for pid in children:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    waiting = set(children)
    while waiting and time.monotonic() < deadline:
        for pid in list(waiting):
            with contextlib.suppress(ChildProcessError, OSError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            waiting.discard(pid)
        time.sleep(0.05)
    for pid in waiting:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def end_despite_stray_threads(code: int, where: str = "") -> None:
    """End the process now, with ``code``, when threads a plugin started and left running
    would keep it alive after its work is done (Python waits for every non-daemon thread
    before it exits, a worker process too): say so on standard error, naming them, and
    end. Called once the process's own threads (executors) are done, so any such thread
    is a plugin's."""
    stray = stray_threads()
    if not stray:
        return
    from .terminal import printable

    total = sum(int(name.split(" × ")[0]) if " × " in name else 1 for name in stray)
    if len(stray) > 5:  # one line, however many a plugin started
        stray = [*stray[:5], f"{len(stray) - 5} more"]
    with contextlib.suppress(Exception):
        sys.stderr.write(
            f"convert: warning: a plugin left {total} thread(s) running{where} "
            f"({printable('; '.join(stray))}); ending without waiting for them\n"
        )
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    real_exit(code)


#: Signals whose handlers a plugin call leaves as it found them: every one a handler can be
#: set for — those that decide how a run stops (Ctrl-C, SIGTERM, SIGHUP, a closed pipe,
#: ``--timeout``'s SIGALRM), and the others a plugin might catch or ignore for good
#: (SIGCHLD ignored: children reaped behind ``subprocess``'s back; SIGPROF, SIGXFSZ…).
_SIGNALS = tuple(
    sorted(
        set(signal.valid_signals())
        - {getattr(signal, name, None) for name in ("SIGKILL", "SIGSTOP")}
        - set(range(getattr(signal, "SIGRTMIN", 10**6), getattr(signal, "SIGRTMAX", -1) + 1))
    )
)

#: Interval timers besides ``ITIMER_REAL`` (``--timeout``'s, kept apart): each ends the
#: process with its signal (SIGVTALRM, SIGPROF) when it fires and nothing catches it.
_CPU_TIMERS = tuple(getattr(signal, name) for name in ("ITIMER_VIRTUAL", "ITIMER_PROF") if hasattr(signal, name))

#: Resource limits a plugin may lower for the pages after it: files of more than
#: ``RLIMIT_FSIZE`` bytes fail (``File too large``), ``RLIMIT_NOFILE`` starves the run of
#: files, ``RLIMIT_CPU`` ends it (SIGXCPU)… (the soft limits; a lowered hard limit cannot
#: be raised again without privilege).
_LIMITS = tuple(
    getattr(resource, name)
    for name in (
        "RLIMIT_FSIZE",
        "RLIMIT_NOFILE",
        "RLIMIT_CPU",
        "RLIMIT_AS",
        "RLIMIT_DATA",
        "RLIMIT_STACK",
        "RLIMIT_NPROC",
    )
    if resource is not None and hasattr(resource, name)
)


def _limits() -> dict[int, tuple[int, int]]:
    found = {}
    for limit in _LIMITS:
        with contextlib.suppress(OSError, ValueError):
            found[limit] = resource.getrlimit(limit)
    return found


def _umask() -> int | None:
    """The process's umask, read without changing it (``os.umask`` would, for a moment,
    for every thread); ``None`` where ``/proc`` does not say."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass
class _ProcessState:
    """What a plugin call must leave as it found it: the umask (a plugin's ``0o777`` made
    every later output unreadable), the environment (``SOURCE_DATE_EPOCH`` set by one page
    changed the next pages' outputs), the stop signals' handlers (Ctrl-C ignored), the
    standard streams, the SIGALRM timer, the blocked signals (SIGTERM blocked: a batch could
    not be stopped), the recursion limit (set low: later pages failed in our code), the
    warning filters that turn warnings into errors (a warning in our code became a failure),
    the handlers of every other signal, the CPU-time timers (``ITIMER_PROF`` ended the run
    with SIGPROF, exit 155, no word said) and the resource limits (``RLIMIT_FSIZE`` lowered:
    every later output ``File too large``)."""

    pid: int
    umask: int | None
    environ: dict[str, str]
    handlers: dict[int, Any]
    streams: tuple[Any, Any, Any]
    timer: tuple[float, float, float] | None = None  # the real-time timer (remaining, interval) and when read
    blocked: set[int] | None = None  # the signals blocked in this thread
    recursion: int = 0
    warning_filters: list[Any] | None = None
    cpu_timers: dict[int, tuple[float, float]] | None = None  # ITIMER_VIRTUAL and ITIMER_PROF
    limits: dict[int, tuple[int, int]] | None = None  # the resource limits (soft, hard)

    def _restore_timer(self) -> None:
        """A plugin that set, cancelled or moved the SIGALRM timer (``signal.alarm``): put it
        back as it would be now (``--timeout`` counts on it; a stray alarm ends a process)."""
        if self.timer is None:
            return
        remaining, interval, when = self.timer
        expected = max(remaining - (time.monotonic() - when), 1e-3) if remaining else 0.0
        now = signal.getitimer(signal.ITIMER_REAL)
        if abs(now[0] - expected) > 0.05 or (remaining and now[1] != interval):
            signal.setitimer(signal.ITIMER_REAL, expected, interval if remaining else 0.0)

    def restore(self) -> None:
        if self.umask is not None and _umask() != self.umask:
            os.umask(self.umask)
        with environment.unwatched():
            if os.environ != self.environ:
                for key in set(os.environ) - set(self.environ):
                    del os.environ[key]
                os.environ.update(self.environ)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self._restore_timer()  # first: a plugin's alarm must not fire into our handler
        for timer, (remaining, interval) in (self.cpu_timers or {}).items():
            with contextlib.suppress(OSError, ValueError):
                now = signal.getitimer(timer)
                if not remaining and now[0]:  # set by the plugin: it would end the run
                    signal.setitimer(timer, 0.0)
                elif remaining and (not now[0] or now[1] != interval):  # cancelled or moved: set again
                    signal.setitimer(timer, remaining, interval)
        for limit, (soft, _hard) in (self.limits or {}).items():
            with contextlib.suppress(OSError, ValueError):
                now_soft, now_hard = resource.getrlimit(limit)
                if now_soft != soft:
                    resource.setrlimit(
                        limit,
                        (soft if now_hard == resource.RLIM_INFINITY or 0 <= soft <= now_hard else now_hard, now_hard),
                    )
        for number, handler in self.handlers.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                if signal.getsignal(number) is not handler:
                    signal.signal(number, handler)
        sys.stdin, sys.stdout, sys.stderr = self.streams
        if self.blocked is not None:
            with contextlib.suppress(OSError, ValueError):
                if signal.pthread_sigmask(signal.SIG_BLOCK, []) != self.blocked:
                    signal.pthread_sigmask(signal.SIG_SETMASK, self.blocked)
        if self.recursion and sys.getrecursionlimit() != self.recursion:
            sys.setrecursionlimit(self.recursion)
        if self.warning_filters is not None and warnings.filters != self.warning_filters:
            # a plugin may silence warnings for good (its import quietens a library), never make them errors
            kept = [rule for rule in warnings.filters if rule[0] != "error" or rule in self.warning_filters]
            if kept != warnings.filters:
                warnings.filters[:] = kept
                warnings._filters_mutated()  # type: ignore[attr-defined]  # as warnings.resetwarnings does


def _environ() -> dict[str, str]:
    with environment.unwatched():
        return dict(os.environ)


def _process_state() -> _ProcessState:
    main = threading.current_thread() is threading.main_thread()  # handlers are set there only
    return _ProcessState(
        pid=os.getpid(),
        umask=_umask(),
        environ=_environ(),
        handlers={number: signal.getsignal(number) for number in _SIGNALS} if main else {},
        streams=(sys.stdin, sys.stdout, sys.stderr),
        timer=(*signal.getitimer(signal.ITIMER_REAL), time.monotonic())
        if main and hasattr(signal, "setitimer")
        else None,
        blocked=set(signal.pthread_sigmask(signal.SIG_BLOCK, [])) if hasattr(signal, "pthread_sigmask") else None,
        recursion=sys.getrecursionlimit(),
        warning_filters=list(warnings.filters),
        cpu_timers={timer: signal.getitimer(timer) for timer in _CPU_TIMERS},
        limits=_limits(),
    )


def _split_env(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class PluginRegistry:
    """The loaded plugins and the formats they provide.

    :param autoload: load entry-point plugins (default: unless
        ``BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD`` is set)
    :param builtins: load the built-in plugins listed in :data:`BUILTIN_PLUGINS`
    :param plugins: extra plugins to register: modules, objects, or module names
    :param disabled: plugin names not to load (added to ``BULLETIN_CONVERT_DISABLE_PLUGINS``)
    :param allowed: if given, only these plugin names load (else ``BULLETIN_CONVERT_PLUGINS``)
    :param environment: ``False`` ignores the ``BULLETIN_CONVERT_*`` plugin variables (for
        tests, whose registry must not depend on the shell they run in)
    """

    def __init__(
        self,
        *,
        autoload: bool | None = None,
        builtins: bool = True,
        plugins: Iterable[Any] = (),
        disabled: Iterable[str] = (),
        allowed: Iterable[str] | None = None,
        environment: bool = True,
    ) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.failures: list[PluginFailure] = []
        #: every plugin name met: entry points (loaded or not), built-ins, plugins added
        self.known: set[str] = set()
        self.disabled = set(disabled) | (_split_env(ENV_DENY) if environment else set())
        allow = set(allowed) if allowed is not None else _split_env(ENV_ALLOW) if environment else set()
        self.allowed: set[str] | None = allow or None
        #: where the allow-list came from, for the errors it explains (the variable, or the argument)
        self._allowed_by = ENV_ALLOW if allowed is None else "the allowed plugins"
        if autoload is None:
            autoload = environment and not _truthy(os.environ.get(ENV_DISABLE_AUTOLOAD))
        if autoload:
            self._load_entry_points()
        if builtins:
            for name, module in BUILTIN_PLUGINS:
                if not self.pm.has_plugin(name):
                    self._load(name, module, missing_ok=True)
        for plugin in plugins:
            self.add(plugin)
        self._exporters: dict[str, Exporter] | None = None
        self._disabled_unknown(disabled)

    def _disabled_unknown(self, disabled: Iterable[str]) -> None:
        """A failure for each name ``disabled`` gives that no plugin has (a typo of
        ``--disable-plugin``: the plugin meant was loaded, without a word)."""
        unknown = sorted(set(disabled) - self.known - {name for name, _ in BUILTIN_PLUGINS})
        if unknown:
            from .entrypoints import entry_points

            self.known.update(name for name, _ in entry_points(ENTRY_POINT_GROUP))  # not loaded: --no-plugin-autoload
            unknown = [name for name in unknown if name not in self.known]
        for name in unknown:
            names = ", ".join(sorted(self.known | {name for name, _ in BUILTIN_PLUGINS}))
            self.failures.append(PluginFailure(name, f"not disabled: no plugin has that name (plugins: {names})"))

    # -- loading -------------------------------------------------------------------

    def _wanted(self, name: str) -> bool:
        if name in self.disabled:
            return False
        return self.allowed is None or name in self.allowed

    def _load_entry_points(self) -> None:
        from .entrypoints import entry_points

        seen: set[tuple[str, str]] = set()
        for name, value in entry_points(ENTRY_POINT_GROUP):
            if (name, value) in seen:
                continue
            seen.add((name, value))
            self.known.add(name)
            if not self._wanted(name) or self.pm.has_plugin(name):
                continue
            module, _, attribute = value.partition(":")
            try:
                with plugin_call(f"plugin {name!r}: loading {value}", verb="failed:"):
                    plugin = importlib.import_module(module.strip())
                    for part in filter(None, attribute.strip().split(".")):
                        plugin = getattr(plugin, part)
            except PluginError as exc:
                self.failures.append(PluginFailure(name, f"failed to load {value}: {_cause(exc)}"))
                continue
            self._register(name, plugin)

    def _load(self, name: str, module: str, *, missing_ok: bool = False) -> None:
        self.known.add(name)  # (--plugin tagger --disable-plugin tagger: a name it has)
        if not self._wanted(name):
            return
        try:
            with plugin_call(f"plugin {name!r}: loading {module}", verb="failed:"):
                plugin = importlib.import_module(module)
        except PluginError as exc:
            missing = exc.__cause__
            if missing_ok and isinstance(missing, ModuleNotFoundError) and missing.name == module:
                return  # a built-in distribution that is not installed
            self.failures.append(PluginFailure(name, f"failed to load {module}: {_cause(exc)}"))
            return
        self._register(name, plugin)

    def _register(self, name: str, plugin: Any) -> None:
        self.known.add(name)
        try:
            self.pm.register(plugin, name=name)
        except ValueError as exc:  # already registered under another name
            self.failures.append(PluginFailure(name, f"not registered: {exc}"))
            return
        except pluggy.PluginValidationError as exc:
            self.failures.append(PluginFailure(name, f"invalid hook implementation: {exc}"))
            return
        if not self.pm.get_hookcallers(plugin):  # (--plugin os: it was taken without a word)
            self.pm.unregister(plugin, name=name)
            hooks = ", ".join(sorted(_HOOKS))
            self.failures.append(
                PluginFailure(name, f"not a plugin: it implements none of the hooks ({hooks}); not loaded")
            )

    def add(self, plugin: Any, name: str | None = None) -> None:
        """Register a plugin given as an object or an importable module name."""
        if isinstance(plugin, str):
            self._load(name or plugin, plugin)
        else:
            self._register(name or getattr(plugin, "__name__", None) or repr(plugin), plugin)
        self._exporters = None

    # -- exporters -----------------------------------------------------------------

    def _collect(self) -> dict[str, Exporter]:
        exporters: dict[str, Exporter] = {}
        for impl in reversed(self.pm.hook.register_exporters.get_hookimpls()):
            try:
                with plugin_call(f"plugin {impl.plugin_name!r}: register_exporters"):
                    returned = list(impl.function() or ())
            except PluginError as exc:
                self.failures.append(PluginFailure(impl.plugin_name, f"register_exporters {_cause(exc)}"))
                continue
            for exporter in returned:
                if not isinstance(exporter, Exporter):
                    self.failures.append(
                        PluginFailure(
                            impl.plugin_name, f"register_exporters returned {type(exporter).__name__}, not Exporter"
                        )
                    )
                    continue
                exporter = replace(exporter, plugin=impl.plugin_name)
                if problems := exporter.problems():
                    self.failures.append(
                        PluginFailure(impl.plugin_name, f"format {exporter.name!r} refused: " + "; ".join(problems))
                    )
                    continue
                other = exporters.get(exporter.name)
                if other is not None:
                    raise PluginError(
                        f"format {exporter.name!r} is registered by two plugins: {other.plugin!r} and "
                        f"{exporter.plugin!r}; disable one with --disable-plugin NAME"
                    )
                exporters[exporter.name] = exporter
        return dict(sorted(exporters.items()))

    def exporters(self) -> dict[str, Exporter]:
        """All registered formats by name (sorted)."""
        if self._exporters is None:
            self._exporters = self._collect()
        return self._exporters

    def exporter(self, name: str) -> Exporter:
        """The exporter of format ``name``; a clear error if there is none."""
        exporters = self.exporters()
        if name in exporters:
            return exporters[name]
        raise self._unknown([name])

    def _unknown(self, names: Sequence[str]) -> UsageError:
        """The error for formats that are not installed: every one of them, with the
        installed format each was probably meant to be (``did you mean 'docx'?``)."""
        import difflib

        exporters = self.exporters()
        noun = "format" if len(names) == 1 else "formats"
        guesses = [difflib.get_close_matches(name, [*exporters, "all"], n=1, cutoff=0.6) for name in names]
        meant = [repr(found[0]) for found in guesses if found]
        suggestion = f" (did you mean {', '.join(dict.fromkeys(meant))}?)" if meant else ""
        hint = ""
        if self.failures:
            hint = "; plugins that failed to load: " + ", ".join(f.plugin for f in self.failures)
        if self.allowed is not None:  # (an allow-list that names no installed plugin leaves none)
            hint += f"; only the plugins {self._allowed_by} names load: {', '.join(sorted(self.allowed))}"
        listed = ", ".join(repr(name) for name in names)
        return UsageError(f"unknown {noun} {listed}{suggestion} (available: {', '.join(exporters) or 'none'}){hint}")

    def resolve_formats(self, spec: str | Sequence[str]) -> list[Exporter]:
        """Turn ``"json,docx"``, ``"all"`` or a list of names into exporters; every name
        that is not an installed format is reported at once."""
        names = spec.split(",") if isinstance(spec, str) else list(spec)
        names = [name.strip().lower() for name in names if name.strip()]
        if not names:
            raise UsageError("no output format given")
        exporters = self.exporters()
        unknown = [name for name in dict.fromkeys(names) if name not in exporters and name != "all"]
        if unknown:
            raise self._unknown(unknown)
        chosen = list(exporters.values()) if "all" in names else [exporters[name] for name in dict.fromkeys(names)]
        by_extension: dict[str, list[str]] = {}
        for exporter in chosen:
            by_extension.setdefault(exporter.extension.casefold(), []).append(exporter.name)
        for extension, owners in by_extension.items():
            if len(owners) > 1:  # each would write NAME.EXT over the other's: one output lost
                choose = "disable all but one with --disable-plugin NAME" if "all" in names else "give one of them"
                raise UsageError(
                    f"formats {', '.join(repr(name) for name in owners)} all write {extension!r} files, "
                    f"which would overwrite each other: {choose}"
                )
        return chosen

    # -- transforms and validators -------------------------------------------------------

    def transform(self, document: Document, options: Mapping[str, Any]) -> Document:
        """Run every ``transform_document`` implementation, in registration order
        (``tryfirst`` ones first, ``trylast`` ones last), each on the previous one's result."""
        impls = self.pm.hook.transform_document.get_hookimpls()
        ordered = (
            [impl for impl in impls if impl.tryfirst]
            + [impl for impl in impls if not impl.tryfirst and not impl.trylast]
            + [impl for impl in impls if impl.trylast]
        )
        for impl in ordered:
            with plugin_call(f"plugin {impl.plugin_name!r}: transform_document"):
                result = impl.function(document=document, options=options)
            if result is not None:
                if not isinstance(result, Document):
                    raise PluginError(
                        f"plugin {impl.plugin_name!r}: transform_document returned {type(result).__name__}, not Document"
                    )
                document = result
            _check_transformed(document, impl.plugin_name)
        return document

    def validate(self, exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
        """Validate written files; ``None`` when no plugin validates this format.

        Validators receive the options as the writer did: the defaults updated with
        ``options``. A validator that raises is a :class:`PluginError` naming it."""
        merged = {**exporter.option_defaults(), **{key.replace("-", "_"): value for key, value in options.items()}}
        answered = False
        problems: list[str] = []
        for impl in self.pm.hook.validate_output.get_hookimpls():
            with plugin_call(f"plugin {impl.plugin_name!r}: validate_output"):
                answer = impl.function(exporter=exporter, paths=list(paths), options=merged)
            if answer is not None:
                answered = True
                problems.extend(_problems(answer, impl.plugin_name))
        return problems if answered else None


def _problems(answer: Any, plugin: str) -> list[str]:
    """What a ``validate_output`` hook answered, checked to be what it must be: a list of
    problems, each a string — anything else (a number, one string, a list holding ``None``)
    is the plugin's error, not an internal one."""
    if not isinstance(answer, list | tuple):
        raise PluginError(
            f"plugin {plugin!r}: validate_output returned {type(answer).__name__}, not a list of problems (strings)"
        )
    for index, problem in enumerate(answer):
        if not isinstance(problem, str):
            raise PluginError(
                f"plugin {plugin!r}: validate_output's problem {index} is {type(problem).__name__}, not a string"
            )
    return list(answer)


def _cause(error: PluginError) -> str:
    """What went wrong, without the label (``failed: ImportError: …``, ``called sys.exit(1)``)."""
    return str(getattr(error, "reason", error)).removeprefix("failed: ")


@dataclass(frozen=True)
class PluginConfig:
    """How to build a registry: the command line's plugin options (picklable, so that
    batch workers build the same registry as the parent)."""

    autoload: bool | None = None
    plugins: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()


_registries: dict[PluginConfig, PluginRegistry] = {}


def registry_for(config: PluginConfig) -> PluginRegistry:
    """The registry of ``config``, built once per process."""
    registry = _registries.get(config)
    if registry is None:
        registry = PluginRegistry(autoload=config.autoload, plugins=config.plugins, disabled=config.disabled)
        _registries[config] = registry
    return registry


_default: PluginRegistry | None = None


def get_registry() -> PluginRegistry:
    """The process-wide registry (created on first use, from the environment)."""
    global _default
    if _default is None:
        _default = PluginRegistry()
    return _default


def set_registry(registry: PluginRegistry | None) -> None:
    """Replace the process-wide registry (``None``: build it again on next use)."""
    global _default
    _default = registry


def _check_transformed(document: Document, plugin: str) -> None:
    """A plugin's ``transform_document`` must leave a document of the model's shape, held
    to what the reader gives as a document read from our JSON form is, text included
    (:func:`convert_core.shape.check_document`, which walks the dataclasses without
    serialising them): one that put a number among the items or took the metadata away
    failed later, far from the plugin, as ``internal error: AttributeError`` (exit 1), or
    as the error of whichever format wrote it first; one that left a control character
    gave a document :func:`convert_core.export` then refused, blaming its caller."""
    from .shape import MalformedDocument, check_document

    try:
        check_document(document)
    except MalformedDocument as exc:
        raise PluginError(f"plugin {plugin!r}: transform_document left a malformed document: {describe(exc)}") from None
