"""Plugins that misbehave — exit the process, raise BaseException, print, change the
working directory — cannot turn a failed run into a success, corrupt ``-o -`` or move
the outputs; the error names the plugin."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import HANG_SOURCE, subprocess_env

PAGE = "卫东区积极开展爱国卫生月活动\n\n本报讯（记者 王孟鹤）4月26日，卫东区环卫局局长陈宏杰说。\n"

#: what each rude plugin does, in its writer, its transform hook or when imported
ACTIONS = {
    "sys.exit(0)": "sys.exit(0)",
    "os._exit(0)": "os._exit(0)",
    "BaseException": "raise BaseException('rude')",
    "custom BaseException": "raise type('Rude', (BaseException,), {})('rude')",
    "GeneratorExit": "raise GeneratorExit()",
    # (not Ctrl-C, which stops the run: raised by the plugin, it stopped the run as Ctrl-C
    # would, exit 130, the pages after it not begun — in a worker, the parent took it so)
    "KeyboardInterrupt": "raise KeyboardInterrupt()",
}

PLUGIN = (
    HANG_SOURCE
    + """
import os, sys
from convert_core import Exporter, hookimpl

def act():
    {action}

def write(document, options):
    act() if os.environ.get('RUDE_WHERE') == 'writer' else None
    return b'rude output'

@hookimpl
def register_exporters():
    return [Exporter('rude', '.rude', 'text/plain', 'misbehaves', write)]

@hookimpl
def transform_document(document, options):
    act() if os.environ.get('RUDE_WHERE') == 'transform' else None

act() if os.environ.get('RUDE_WHERE') == 'import' else None
"""
)


def run(tmp_path: Path, action: str, where: str, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    (tmp_path / "rude_plugin.py").write_text(PLUGIN.replace("{action}", action), "utf-8")
    command = [sys.executable, "-m", "convert_core", *args, "--plugin", "rude_plugin"]
    return subprocess.run(
        command, capture_output=True, env=subprocess_env(tmp_path, RUDE_WHERE=where, **env), cwd=tmp_path, timeout=120
    )


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(PAGE, "utf-8")
    return folder


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_writer_that_exits_fails_its_format_only(tmp_path, pages, action):
    result = run(tmp_path, ACTIONS[action], "writer", str(pages / "a.txt"), "--to", "rude,json", "-o", "out")
    assert result.returncode == 7, result.stderr
    assert b"plugin rude_plugin" in result.stderr and b"Traceback" not in result.stderr
    assert (tmp_path / "out" / "a.json").exists() and not (tmp_path / "out" / "a.rude").exists()


@pytest.mark.parametrize("action", ["sys.exit(0)", "os._exit(0)", "BaseException", "KeyboardInterrupt"])
def test_a_writer_that_exits_cannot_end_a_batch_or_its_workers(tmp_path, pages, action):
    result = run(tmp_path, ACTIONS[action], "writer", str(pages), "--to", "rude,json", "-o", "out", "--jobs", "2")
    assert result.returncode == 7, result.stderr
    assert result.stderr.count(b"rude_plugin") == 2 and b"2 converted" not in result.stderr
    assert sorted(path.name for path in (tmp_path / "out").glob("[ab].json")) == ["a.json", "b.json"]
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert report["summary"]["failed"] == 2


@pytest.mark.parametrize("action", ["sys.exit(0)", "os._exit(0)", "custom BaseException", "KeyboardInterrupt"])
def test_a_transform_that_exits_is_a_plugin_error_and_stdout_stays_empty(tmp_path, pages, action):
    result = run(tmp_path, ACTIONS[action], "transform", str(pages / "a.txt"), "--to", "json", "-o", "-")
    assert result.returncode == 7, result.stderr
    assert result.stdout == b""
    assert b"plugin 'rude_plugin': transform_document" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("action", ["sys.exit(0)", "os._exit(3)", "raise KeyboardInterrupt()"])
def test_a_plugin_that_exits_on_import_is_a_warning(tmp_path, pages, action):
    result = run(tmp_path, action, "import", str(pages / "a.txt"), "--to", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["items"]
    words = b"KeyboardInterrupt" if "Keyboard" in action else b"called"
    assert b"warning: plugin 'rude_plugin': failed to load rude_plugin: " + words in result.stderr


CHDIR_PLUGIN = """
import os
from convert_core import Exporter, hookimpl

def write(document, options):
    os.chdir(os.environ['ELSEWHERE'])
    return b'moved?'

@hookimpl
def register_exporters():
    return [Exporter('wander', '.wander', 'text/plain', 'changes directory', write)]

@hookimpl
def transform_document(document, options):
    os.chdir(os.environ['ELSEWHERE'])
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugin_that_changes_directory_cannot_move_the_outputs(tmp_path, pages, jobs):
    (tmp_path / "wander_plugin.py").write_text(CHDIR_PLUGIN, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = subprocess_env(tmp_path, ELSEWHERE=str(elsewhere))
    command = [sys.executable, "-m", "convert_core", "pages", "--to", "wander,json", "-o", "out", "--jobs", jobs]
    result = subprocess.run([*command, "--plugin", "wander_plugin"], capture_output=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(str(path.relative_to(tmp_path / "out")) for path in (tmp_path / "out").rglob("*.*"))
    assert written == [".convert-state.json", "a.json", "a.wander", "b.json", "b.wander", "convert-report.json"]
    assert list(elsewhere.iterdir()) == []


def test_a_thread_a_plugin_leaves_running_does_not_keep_the_process_alive(tmp_path, pages):
    """A writer that starts a thread and leaves it running: the run ends when its work is
    done, with its own exit code and a warning naming the thread (Python would wait for the
    thread for ever)."""
    action = (
        "__import__('threading').Thread(target=__import__('time').sleep, args=(3600,), name='rude-sleeper').start()"
    )
    result = run(tmp_path, action, "writer", str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert b"rude-sleeper" in result.stderr and b"left 2 thread(s)" in result.stderr  # one a page
    assert (tmp_path / "out" / "a.rude").read_bytes() == b"rude output"
    assert (tmp_path / "out" / "b.json").exists()


@pytest.mark.parametrize("where", ["writer", "transform"])
def test_a_thread_a_plugin_leaves_running_in_a_worker_does_not_hang_the_batch(tmp_path, pages, where):
    """With -j N the thread is in a worker process, which Python would keep alive waiting
    for it, and the parent waiting for the worker: each worker ends after its last page
    with a warning naming the thread and the plugin call that started it, and the run has
    its own exit code (3 here: one page is empty)."""
    (pages / "c.txt").write_bytes(b"")
    action = (
        "__import__('threading').Thread(target=__import__('time').sleep, args=(3600,), name='rude-sleeper').start()"
    )
    result = run(tmp_path, action, where, str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", "2")
    assert result.returncode == 3, result.stderr
    # "(2 × rude-sleeper (started by …" when both pages ran in one worker
    assert re.search(
        rb"thread\(s\) running in a worker process \((2 \xc3\x97 )?rude-sleeper \(started by ", result.stderr
    )
    assert b"plugin rude_plugin" in result.stderr or b"plugin 'rude_plugin'" in result.stderr
    assert b"Traceback" not in result.stderr
    assert (tmp_path / "out" / "a.rude").read_bytes() == b"rude output" and (tmp_path / "out" / "b.json").exists()


@pytest.mark.parametrize(
    ("signal_number", "code", "said"), [(2, 130, b"interrupted"), (15, 143, b"stopped by signal 15")]
)
@pytest.mark.parametrize("where", ["in", "between"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_while_the_exit_handlers_run_is_an_interrupted_run(
    tmp_path, pages, signal_number, code, said, where, jobs
):
    """Ctrl-C (or SIGTERM) while a plugin's exit handler runs, or between two, once the
    run is over: it said ``warning: an exit handler raised KeyboardInterrupt: ; ignored``
    and went on (exit 0), or was silently ignored. It is the run interrupted, as anywhere
    else: one line, the exit code of Ctrl-C (130) or of the signal, the handlers left."""
    kill = f"__import__('os').kill(__import__('os').getpid(), {signal_number})"
    if where == "in":
        action = f"__import__('atexit').register(lambda: ({kill}, hang('handler', 600)))"
    else:  # the signal is taken in the next handler, or between the two
        action = (
            "__import__('atexit').register(lambda: hang('handler', 600)); "
            f"__import__('atexit').register(lambda: {kill})"
        )
    marks = tmp_path / "marks"
    marks.mkdir()
    # (the command starts with SIGINT's default, as a terminal's foreground job: run in the
    # background — nohup, a script's "&" — the suite inherits SIGINT ignored, and so did
    # the command, which rightly kept it so: this test failed, exit 0 after 10 s)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = run(
            tmp_path, action, "writer", str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", jobs,
            HANG_MARKS=str(marks),
        )  # fmt: skip
    finally:
        signal.signal(signal.SIGINT, previous)
        (marks / "release").touch()
    # the handlers were left: the hang (600 s, longer than run() waits) never ended (a bound
    # on the run's time failed on a busy machine)
    assert not list(marks.glob("finished-*"))
    assert result.returncode == code, result.stderr
    assert result.stderr.splitlines()[-1] == b"convert: error: " + said, result.stderr
    assert b"exit handler" not in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("handler", ["os._exit(0)", "sys.exit(0)", "1 / 0"])
def test_an_exit_handler_a_plugin_registers_cannot_change_the_exit_code(tmp_path, pages, handler):
    """``atexit`` handlers run when the run ends, after its exit code is decided: one that
    calls ``os._exit(0)`` turned a failed run into a success. They run as plugin calls: a
    one-line warning, the run's own exit code."""
    (pages / "c.txt").write_bytes(b"")
    action = f"__import__('atexit').register(lambda: {handler})"
    result = run(tmp_path, action, "writer", str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", "1")
    assert result.returncode == 3, result.stderr
    assert b"warning: an exit handler " in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.slow
def test_a_worker_that_cannot_end_is_killed_after_the_batch(tmp_path, pages):
    """Whatever holds a worker after its last page (here a plugin's hook that runs before
    threads are joined, and sleeps), the parent waits a bounded time, kills it, says so, and
    ends with the run's own exit code."""
    action = "__import__('threading')._register_atexit(lambda: __import__('time').sleep(3600))"
    result = run(tmp_path, action, "writer", str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert (
        b"had not ended 10 s after its last page (held by a plugin's thread or exit handler?); killed it"
        in result.stderr
    )
    assert (tmp_path / "out" / "a.rude").exists() and (tmp_path / "out" / "b.rude").exists()


def test_a_worker_the_executors_thread_reaped_is_not_taken_for_one_that_cannot_end():
    """The executor's own thread reaps the workers as they end; a worker it had just reaped
    (its status not yet stored: ``Process.is_alive``'s ``waitpid`` then fails and says
    "alive") was killed and reported as held — a false "had not ended 10 s after its last
    page" seen under CPU load, with no wait at all. Here every status is taken by such a
    rival before anyone stores it."""

    from convert_core.batch import Pool

    pool = Pool("process", 2)
    assert pool.executor is not None
    pids = {pool.executor.submit(os.getpid).result(timeout=60) for _ in range(8)}
    workers = dict(pool.executor._processes)  # type: ignore[attr-defined]
    assert pids <= set(workers)
    for process in workers.values():
        popen = process._popen

        def rival(flag: int = os.WNOHANG, popen=popen) -> int | None:
            if popen.returncode is None:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(popen.pid, flag)  # reaped here, the status never stored
            return popen.returncode

        popen.poll = rival
    assert pool.shutdown(grace=30) == []
    assert not pool.workers_lost


def test_a_pool_replaced_after_a_worker_died_ends_with_the_run():
    """When a worker dies the pool is replaced; the old pool's thread goes on ending its other
    workers. It was never waited for: at the run's end it was taken for a thread a plugin
    left running (a warning blaming a plugin, seen when a plugin's fault killed workers),
    and a worker of the old pool that did not end was left behind. Here the old pool's
    other worker is stopped (SIGSTOP: its SIGTERM waits), so its thread cannot end alone."""
    import signal
    import time
    from concurrent.futures import BrokenExecutor

    from convert_core.batch import Pool

    pool = Pool("process", 2)
    old = pool.executor
    assert old is not None
    old.submit(os.getpid).result(timeout=60)
    stopped, killed = list(old._processes)  # type: ignore[attr-defined]
    manager = old._executor_manager_thread  # type: ignore[attr-defined]
    os.kill(stopped, signal.SIGSTOP)
    os.kill(killed, signal.SIGKILL)
    try:
        deadline = time.monotonic() + 60
        while not old._broken and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)
        with pytest.raises(BrokenExecutor):
            old.submit(os.getpid).result(timeout=60)
        pool.restart().submit(os.getpid).result(timeout=60)
        assert pool.shutdown(grace=1) == [stopped]
        assert not manager.is_alive()
    finally:
        with contextlib.suppress(OSError):
            os.kill(stopped, signal.SIGKILL)


def _alarm_state() -> tuple[object, float]:
    import signal

    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)[0]


def test_a_timeout_leaves_the_alarm_timer_and_handler_as_it_found_them(tmp_path):
    """``--timeout`` arms SIGALRM for a page: done, failed or timed out, the handler and the
    timer are put back — an outer timer goes on with what is left of it (it was cancelled)."""
    import signal
    import time

    from convert_core.batch import PageTimeout, _deadline

    def mine(signum, frame):
        raise AssertionError("the outer alarm fired")

    previous = signal.signal(signal.SIGALRM, mine)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with _deadline(5):
            pass
        with pytest.raises(ValueError), _deadline(5):
            raise ValueError
        with pytest.raises(PageTimeout), _deadline(0.05):
            time.sleep(1)
        handler, remaining = _alarm_state()
        assert handler is mine and 90 < remaining <= 100
        signal.setitimer(signal.ITIMER_REAL, 0.05)  # an outer timer due before the page's: it stays the caller's
        with pytest.raises(AssertionError, match="the outer alarm fired"), _deadline(5):
            time.sleep(1)
        assert _alarm_state() == (mine, 0.0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with _deadline(5):
        pass
    assert _alarm_state() == (previous, 0.0)


def test_a_plugin_cannot_set_cancel_or_redirect_the_alarm(tmp_path):
    """A plugin call that calls ``signal.alarm`` or sets a SIGALRM handler: the timer and
    the handler are put back after it — a stray alarm later ended the worker (SIGALRM's
    default), a cancelled one let a page run past ``--timeout``."""
    import signal

    from convert_core.batch import _deadline
    from convert_core.plugins import plugin_call

    before = _alarm_state()
    with plugin_call("plugin 'x'"):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        signal.alarm(30)
    assert _alarm_state() == before
    with _deadline(50):
        deadline = _alarm_state()
        with plugin_call("plugin 'x'"):
            signal.alarm(0)
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
        handler, remaining = _alarm_state()
        assert handler is deadline[0] and 45 < remaining <= 50
    assert _alarm_state() == before


LEAKY_PLUGIN = """
import os
from convert_core import Exporter, hookimpl

def write(document, options):
    leaked = []
    try:
        while True:
            leaked.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        if os.environ.get('LEAK_RAISE'):
            raise
    return b'leaky'

@hookimpl
def register_exporters():
    return [Exporter('leaky', '.leaky', 'text/plain', 'leaks file descriptors', write)]
"""


def _few_files() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (256, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("raises", [False, True])
def test_running_out_of_file_descriptors_is_exit_8_in_one_line(tmp_path, pages, jobs, raises):
    """A plugin that leaks every file descriptor it may have (and our own writes then fail
    too): each failure is one line saying what ran out and what to do, exit 8 — it was
    ``internal error: OSError: [Errno 24]``, exit 1 — and no temporary file is left."""
    (tmp_path / "leaky_plugin.py").write_text(LEAKY_PLUGIN, "utf-8")
    env = subprocess_env(tmp_path, **({"LEAK_RAISE": "1"} if raises else {}))
    command = [sys.executable, "-m", "convert_core", "pages", "--to", "json,leaky", "-o", "out", "-j", jobs]
    result = subprocess.run(
        [*command, "--plugin", "leaky_plugin"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        preexec_fn=_few_files,
    )
    errors = [line for line in result.stderr.decode().splitlines() if "error:" in line]
    assert result.returncode == 8, result.stderr
    assert errors and all("too many open files (the limit is 256, see ulimit -n)" in line for line in errors)
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    if raises and jobs == "1":  # with -j 2 the parent's warm-up call leaks first: the run stops at once
        assert b"format 'leaky' (plugin leaky_plugin): too many open files" in result.stderr
    assert not [path for path in (tmp_path / "out").rglob("*") if path.name.endswith(".part")]


def test_a_plugin_cannot_block_signals_lower_the_recursion_limit_or_make_warnings_errors():
    """More of the process a plugin call must leave as it found it: signals it blocks (a
    blocked SIGTERM made a batch unstoppable but by SIGKILL), the recursion limit (set low,
    later pages failed inside our code) and warning filters that make warnings errors; a
    filter that silences warnings is the plugin's to keep."""
    import signal
    import warnings

    from convert_core.plugins import plugin_call

    blocked, limit, filters = (
        signal.pthread_sigmask(signal.SIG_BLOCK, []),
        sys.getrecursionlimit(),
        list(warnings.filters),
    )
    try:
        with plugin_call("plugin 'x'"):
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
            sys.setrecursionlimit(60)
            warnings.simplefilter("error")
            warnings.filterwarnings("ignore", message="noisy library")
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == blocked
        assert sys.getrecursionlimit() == limit
        assert not [rule for rule in warnings.filters if rule[0] == "error" and rule not in filters]
        assert any(rule[0] == "ignore" and rule[1] and rule[1].pattern == "noisy library" for rule in warnings.filters)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        sys.setrecursionlimit(limit)
        warnings.filters[:] = filters
        warnings._filters_mutated()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_child_process_a_plugin_leaves_running_is_stopped_when_the_run_ends(tmp_path, pages, jobs):
    """A writer that starts a process and leaves it running: it held the run's standard
    output and error open, so ``convert … | cat`` (or anything reading them to their end)
    waited for it. When the run's work is done it is named in a warning and stopped."""
    action = "__import__('subprocess').Popen(['sleep', '3600'])"
    result = run(tmp_path, action, "writer", str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", jobs)
    assert result.returncode == 0, result.stderr  # run() would time out, waiting for the pipes' end
    assert (
        b"child process(es) running" in result.stderr
        and b"sleep 3600, started by format 'rude' (plugin rude_plugin)" in result.stderr
    )
    assert (tmp_path / "out" / "a.rude").exists() and (tmp_path / "out" / "b.json").exists()


@pytest.mark.slow
def test_sigterm_while_workers_are_held_after_the_batch_still_records_the_pages(tmp_path, pages):
    """SIGTERM while the parent waits for workers a plugin holds after their last page: the
    workers are stopped at once and the pages done are recorded (the signal escaped the
    clean-up and the resume state was never saved, so the next run did them all again)."""
    import signal
    import time

    (tmp_path / "rude_plugin.py").write_text(
        PLUGIN.replace("{action}", "__import__('threading')._register_atexit(lambda: __import__('time').sleep(3600))"),
        "utf-8",
    )
    env = subprocess_env(tmp_path, RUDE_WHERE="writer")
    command = [sys.executable, "-m", "convert_core", "pages", "--to", "rude", "-o", "out", "-j", "2"]
    process = subprocess.Popen([*command, "--plugin", "rude_plugin"], stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not ((tmp_path / "out" / "a.rude").exists() and (tmp_path / "out" / "b.rude").exists()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.1)
    time.sleep(2)  # the results are in; the parent waits for its held workers
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert b"Traceback" not in stderr
    again = subprocess.run(
        [*command, "--plugin", "rude_plugin"], capture_output=True, env=env, cwd=tmp_path, timeout=60
    )
    assert b"0 converted, 2 skipped" in again.stderr, again.stderr


def test_a_server_a_plugin_keeps_on_pipes_of_its_own_is_left_to_end_with_them(tmp_path, pages):
    """A child on pipes of its own (as the EPUB plugin keeps EPUBCheck's JVM) holds nothing
    of the run's: no warning; it ends when the run's end closes its input."""
    action = "__import__('subprocess').Popen(['cat'], stdin=-1, stdout=-1, stderr=-3)"
    result = run(tmp_path, action, "writer", str(pages), "--to", "json,rude", "-o", str(tmp_path / "out"), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert b"child process" not in result.stderr


VALIDATOR = """
from convert_core import hookimpl

@hookimpl
def validate_output(exporter, paths, options):
    return {answer}
"""


@pytest.mark.parametrize("answer", ["5", "'one problem'", "['fine', 7]", "[None]"])
@pytest.mark.parametrize("mode", [["-o", "out"], ["-o", "out", "-j", "2"], ["-o", "-"]])
def test_a_validator_answering_what_is_no_list_of_problems_is_its_plugins_error(tmp_path, pages, answer, mode):
    """``validate_output`` must answer ``None`` or a list of problems, each a string: a
    number was ``internal error: TypeError: 'int' object is not iterable``, a list holding
    one ``sequence item 1: expected str instance, int found`` (exit 1, the plugin's fault
    blamed on us), and one string was taken as a problem per character."""
    (tmp_path / "bad_validator.py").write_text(VALIDATOR.replace("{answer}", answer), "utf-8")
    inputs = [str(pages)] if "-j" in mode else [str(pages / "a.txt")]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "convert_core",
            *inputs,
            "--to",
            "json",
            "--validate",
            *mode,
            "--plugin",
            "bad_validator",
        ],
        capture_output=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 7, result.stderr
    assert b"plugin 'bad_validator': validate_output" in result.stderr, result.stderr
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr


def test_a_server_on_dev_null_is_not_taken_for_a_child_holding_the_runs_output(tmp_path, pages):
    """Run as ``convert … >/dev/null`` (a cron job, a script), a server a plugin keeps on
    pipes of its own with its errors sent to ``/dev/null`` (as the EPUB plugin's EPUBCheck
    JVM) held the file the run's standard output is: it was named in a warning (``a plugin
    left 1 child process(es) running … started by plugin 'epub': validate_output``) and
    killed. ``/dev/null`` keeps no reader waiting: no warning, the child left to end."""
    (tmp_path / "rude_plugin.py").write_text(
        PLUGIN.replace("{action}", "__import__('subprocess').Popen(['cat'], stdin=-1, stdout=-1, stderr=-3)"), "utf-8"
    )
    command = [sys.executable, "-m", "convert_core", str(pages / "a.txt"), "--to", "json,rude", "-o", "out"]
    with open(os.devnull, "wb") as null:
        result = subprocess.run(
            [*command, "--plugin", "rude_plugin"],
            stdout=null,
            stderr=subprocess.PIPE,
            env=subprocess_env(tmp_path, RUDE_WHERE="writer"),
            cwd=tmp_path,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    assert b"child process" not in result.stderr, result.stderr


# ---------------------------------------------------------------------------- file descriptors

#: where a plugin closes descriptors it does not own: (action, where, command line)
CLOSERS = {
    "closerange in a batch": ("os.closerange(3, 65536)", "writer", ["-j", "1"]),
    "closerange in a worker": ("os.closerange(3, 65536)", "writer", ["-j", "2"]),
    "close standard error": ("os.close(2)", "writer", ["-j", "1"]),
    "close standard output, -o -": ("os.close(1)", "transform", ["-o", "-"]),
    "closerange, -o -": ("os.closerange(3, 65536)", "transform", ["-o", "-"]),
}


@pytest.mark.parametrize("case", list(CLOSERS))
def test_a_plugin_that_closes_descriptors_it_does_not_own_is_named_and_loses_nothing(tmp_path, pages, case):
    """A plugin that closes the run's descriptors — the report being written, standard
    error, the private copy of standard output (``-o -``), a worker's pipes — is named in
    one line; the run fails (never exit 0), no file is half-written or lost (the report is
    whole and lists every page), and what was meant for one file never lands in another:
    the report's descriptor was reused by the next output, standard error went nowhere."""
    action, where, options = CLOSERS[case]
    batch = "-o" not in options
    inputs = [str(pages)] if batch else [str(pages / "a.txt")]
    formats = "json,rude" if batch else "json"
    result = run(tmp_path, action, where, *inputs, "--to", formats, *(["-o", "out"] if batch else []), *options)
    assert result.returncode in (1, 7), result.stderr  # 1: a worker lost its pipes, its pages failed
    assert b"Traceback" not in result.stderr and result.stdout == b""
    if "worker" in case:
        # a worker whose pipes were closed can only say so on standard error, and the parent,
        # which sees the pipes end at once, may end it first (about 1 run in 6): the parent
        # names the plugin call the worker noted it was in (convert_core/callnotes.py)
        assert result.stderr.count(b"its worker process died in a call of format 'rude' (plugin rude_plugin)") == 2
    else:
        assert b"closed file descriptors it does not own" in result.stderr
    named = [line for line in result.stderr.splitlines() if b"does not own" in line]
    assert all(b"rude_plugin" in line for line in named), result.stderr
    assert not [path for path in tmp_path.rglob("*") if path.name.endswith(".part")]
    if batch:
        report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
        assert sorted(Path(page["source"]).name for page in report["pages"]) == ["a.txt", "b.txt"]
        assert all(page["status"] == "failed" for page in report["pages"])
        fresh = run(tmp_path, "pass", "none", str(pages / "a.txt"), "--to", "json", "-o", "-").stdout
        assert json.loads((tmp_path / "out" / "a.json").read_bytes()) == json.loads(fresh)
        again = run(tmp_path, "pass", "none", str(pages), "--to", formats, "-o", "out", "-j", "1")
        assert again.returncode == 0 and b"2 converted" in again.stderr  # nothing recorded as done


@pytest.mark.parametrize(
    "action",
    ["os.kill(os.getpid(), signal.SIGKILL)", "(os.closerange(3, 65536), os.kill(os.getpid(), signal.SIGKILL))"],
)
def test_a_worker_that_dies_in_a_plugin_call_is_named_by_the_parent(tmp_path, pages, action, monkeypatch):
    """A worker that dies in plugin code without a word (killed, crashed; or its pipes
    closed and the parent ending it before it could say so, the race above made certain)
    fails its pages naming the plugin call it was in: the worker notes each call where the
    parent reads it after the worker is gone. A worker that dies outside plugin code is
    named as before, without a plugin."""
    plugin_action = f"import multiprocessing, signal; multiprocessing.parent_process() and {action}"  # a worker's
    temporary = tmp_path / "tmp"  # the run's own: other runs on the machine leave their notes in the shared one
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    result = run(tmp_path, plugin_action, "writer", str(pages), "--to", "json,rude", "-o", "out", "-j", "2")
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    named = b"its worker process died in a call of format 'rude' (plugin rude_plugin)"
    assert result.stderr.count(named) == 2, result.stderr
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert all(page["status"] == "failed" for page in report["pages"])
    assert all("plugin rude_plugin" in page["errors"][0]["message"] for page in report["pages"])
    assert not list(temporary.glob("bulletin-convert-calls-*"))  # the notes removed


def test_a_temporary_file_whose_descriptor_was_taken_is_never_renamed_into_place(tmp_path, monkeypatch):
    """Code in another thread (a plugin's, in a thread-executor run) closes the descriptor
    an output is being written through and another file takes its number: the output
    would be short; it is refused, the old file kept."""
    from convert_core import output

    target = tmp_path / "page.json"
    target.write_bytes(b"old")
    write = os.write

    def meddle(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        os.close(fd)
        assert os.open(os.devnull, os.O_WRONLY) == fd  # the number taken by another file
        return write(fd, data)

    monkeypatch.setattr(output.os, "write", meddle)
    with pytest.raises(output.OutputError, match="taken by another file"):
        output.atomic_write(target, b"new contents")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["page.json"]


def test_the_notes_of_plugin_calls_are_private_and_swept_when_their_run_was_killed(tmp_path, monkeypatch):
    """The folder where ``-j N`` workers note their plugin calls is the run's own (mode
    0700, named with its process id); one a killed run left (its process gone) is removed
    by the next run; none can be made (a temporary folder not writable): no notes, and
    a worker that dies is named as before."""
    from convert_core import callnotes

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f"{callnotes.PREFIX}{int(gone.stdout)}-abc"
    left.mkdir()
    (left / "123").write_text("{}", "utf-8")
    live = tmp_path / f"{callnotes.PREFIX}{os.getpid()}-def"
    live.mkdir()
    folder = callnotes.new_folder()
    assert folder is not None and Path(folder).parent == tmp_path and (Path(folder).stat().st_mode & 0o777) == 0o700
    assert not left.exists() and live.exists()
    callnotes.start_worker(folder)
    try:
        callnotes.page("pages/a")
        callnotes.enter("format 'rude' (plugin rude_plugin)")
        assert callnotes.died_in(folder, "pages/a") == "format 'rude' (plugin rude_plugin)"
        assert callnotes.died_in(folder, "pages/b") is None
        callnotes.leave()
        assert callnotes.died_in(folder, "pages/a") is None
    finally:
        callnotes.start_worker(None)
        callnotes.remove(folder)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    assert callnotes.new_folder() is None


def test_a_process_forked_from_the_run_ends_quietly_on_sigterm_before_it_sets_its_own_handlers():
    """A batch worker being started as the parent stops a broken pool (SIGTERM to every
    worker) still has the parent's handler: it raised the run's ``Terminated`` from the
    middle of its start, and multiprocessing printed a traceback (about 1 run in 100 of a
    plugin closing a worker's pipes). A process forked from the run now ends at once,
    quietly, with ``128 + signum``."""
    import signal

    from convert_core.stopping import stop_on_signals

    restore = stop_on_signals()
    try:
        pid = os.fork()
        if pid == 0:  # the child: the parent's handler, none of its own yet
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            except BaseException:
                os._exit(99)  # unwound through the forked copy of the caller's stack
            os._exit(98)
        _, status = os.waitpid(pid, 0)
    finally:
        restore()
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM


#: exceptions that cannot be shown as they are: their ``__str__`` or exit code's ``__repr__`` raises, or they are huge
UNPRINTABLE = {
    "str raises": "raise type('Rude', (Exception,), {'__str__': lambda self: 1 / 0})()",
    "BaseException str raises": "raise type('Rude', (BaseException,), {'__str__': lambda self: 1 / 0})()",
    "exit code repr raises": "sys.exit(type('Code', (), {'__repr__': lambda self: 1 / 0})())",
    "10 MB message": "raise ValueError('x' * 10_000_000)",
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("action", list(UNPRINTABLE))
def test_a_plugin_error_that_cannot_be_shown_as_it_is_is_still_one_plugin_error(tmp_path, pages, action, jobs):
    # was: internal error: ZeroDivisionError (exit 1) — the plugin's fault blamed on us
    args = [str(pages / "a.txt") if jobs == "1" else str(pages), "--to", "rude,json", "-o", "out", "-j", jobs]
    result = run(tmp_path, UNPRINTABLE[action], "writer", *args)
    assert result.returncode == 7, result.stderr
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if b"rude_plugin" in line]
    assert len(lines) == (1 if jobs == "1" else 2) and all(len(line) < 3000 for line in lines), result.stderr[:3000]
    assert (tmp_path / "out" / "a.json").exists()


BUNDLING_PLUGIN = """
import time
from convert_core import Exporter, hookimpl

def write(document, options):
    time.sleep(3600)

def combine(documents, options):
    time.sleep(3600)

@hookimpl
def register_exporters():
    return [Exporter('stuck', '.stuck', 'text/plain', 'hangs', write, combine)]
"""


@pytest.mark.parametrize("mode", ["-o -", "--bundle"])
def test_timeout_holds_for_standard_output_and_bundles(tmp_path, pages, mode):
    # was: --timeout ignored there, the run hung with the plugin
    (tmp_path / "stuck_plugin.py").write_text(BUNDLING_PLUGIN, "utf-8")
    args = [str(pages / "a.txt"), "-o", "-"] if mode == "-o -" else [str(pages), "--bundle", "-o", "out"]
    command = [
        sys.executable,
        "-m",
        "convert_core",
        *args,
        "--to",
        "stuck",
        "--plugin",
        "stuck_plugin",
        "--timeout",
        "1",
    ]
    # (the plugin hangs for an hour: the run ended it if it ends at all)
    result = subprocess.run(command, capture_output=True, env=subprocess_env(tmp_path), cwd=tmp_path, timeout=120)
    assert result.returncode == 7 and b"timed out after 1 s" in result.stderr, result.stderr
    assert result.stdout == b"" and b"Traceback" not in result.stderr


MANGLING_PLUGIN = """
from convert_core import hookimpl

@hookimpl
def transform_document(document, options):
    how = __import__('os').environ['MANGLE']
    if how == 'number-item':
        document.items.append(5)
    elif how == 'no-metadata':
        return type(document)(metadata=None)
    elif how == 'number-headline':
        document.items[0].headline = 5
    elif how == 'bad-date':
        document.metadata.edition_date = '<x>&'
    elif how == 'escape':
        document.items[0].headline += '\x1b]0;owned\x07'
    return document
"""


@pytest.mark.parametrize("how", ["number-item", "no-metadata", "number-headline", "bad-date", "escape"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_transform_that_leaves_a_malformed_document_is_its_plugins_error(tmp_path, how, jobs):
    """A ``transform_document`` that puts a number among the items, takes the metadata
    away, or leaves a field our JSON form refuses failed later, far from the plugin:
    ``internal error: AttributeError`` (exit 1), or the error of whichever format wrote it
    first (``format 'newsml' (plugin newsml) failed``). The document is checked after each
    transform as a document read from JSON is: a plugin error naming the plugin, exit 7.
    A control character too: it was let through (the check went through the JSON form and
    stopped at the first text it refused, hiding every fault after it), and the document
    that ``convert_core.parse`` gave was one ``convert_core.export`` refused."""
    (tmp_path / "mangling_plugin.py").write_text(MANGLING_PLUGIN, "utf-8")
    (tmp_path / "a.txt").write_text("新闻标题\n\n本报讯（记者 李明）正文内容。\n", "utf-8")
    (tmp_path / "b.txt").write_text("另一标题\n\n本报讯（记者 李明）别的内容。\n", "utf-8")
    env = subprocess_env(tmp_path, MANGLE=how)
    command = [sys.executable, "-m", "convert_core", "a.txt", "b.txt", "--plugin", "mangling_plugin"]
    result = subprocess.run(
        [*command, "--to", "json,newsml", "-o", "out", "-j", jobs],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 7, result.stderr
    assert "plugin 'mangling_plugin': transform_document left a malformed document" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


MASK_PROBE = """
import os, threading

def _blocked(name):
    for thread in threading.enumerate():
        if thread.name == name and thread.native_id:
            with open(f"/proc/self/task/{thread.native_id}/status") as status:
                line = next(line for line in status if line.startswith("SigBlk:"))
            return int(line.split()[1], 16)
    return None

def report(name):
    with open(os.environ["MASK_REPORT"], "a") as out:
        out.write(f"{name} {_blocked(name)}\\n")
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads a thread's signal mask in /proc")
def test_the_runs_helper_threads_leave_the_stopping_signals_to_the_main_thread(tmp_path, pages):
    """A signal sent to the process may go to any thread that does not block it. Taken by
    the exit handlers' watch thread (or a worker's parent watch), Python runs the handler
    in the main thread only at its next bytecode: a main thread asleep in an exit handler
    sleeps on, and Ctrl-C during the exit handlers would be a run that ends 0 after 10 s.
    Both threads start with SIGINT, SIGTERM and SIGHUP blocked."""
    (tmp_path / "mask_probe.py").write_text(MASK_PROBE, "utf-8")
    report = tmp_path / "masks.txt"
    os.environ["MASK_REPORT"] = str(report)
    try:
        action = (
            "__import__('mask_probe').report('parent-watch'); "
            "__import__('atexit').register(__import__('mask_probe').report, 'exit-watch')"
        )
        for jobs in ("1", "2"):
            result = run(tmp_path, action, "writer", str(pages), "--to", "rude", "-o", str(tmp_path / jobs), "-j", jobs)
            assert result.returncode == 0, result.stderr
    finally:
        del os.environ["MASK_REPORT"]
    stopping = (1 << (2 - 1)) | (1 << (15 - 1)) | (1 << (1 - 1))  # SIGINT, SIGTERM, SIGHUP
    masks = [line.split() for line in report.read_text().splitlines()]
    watched = [(name, int(mask)) for name, mask in masks if mask != "None"]
    assert {name for name, _ in watched} == {"exit-watch", "parent-watch"}, masks
    assert all(mask & stopping == stopping for _, mask in watched), masks


@pytest.mark.parametrize(
    "names",
    [
        ("A.txt", "a.txt"),
        ("\u00e9.txt", "e\u0301.txt"),
        ("a.txt", "a.txt."),
        ("sub/x.txt", "sub"),
        ("Sub", "sub/x.txt"),
        ("\u03c2.txt", "\u03a3.txt"),
    ],
    ids=["case", "normal form", "made safe", "folder then file", "file then folder", "final sigma"],
)
def test_a_formats_files_that_are_one_file_are_refused_before_any_is_written(tmp_path, names):
    """A writer's files that are one where case or the form of characters does not count
    (macOS, Windows), or a name that is a file and a folder of another: refused naming the
    format before any file is written — they were found one at a time as the files were
    written, those before left behind (and ``A.txt``/``a.txt`` not found at all where the
    check lowered the case of ``ς`` but not of every letter a file system folds)."""
    from convert_core import Exporter
    from convert_core.api import write_output
    from convert_core.errors import PluginError

    exporter = Exporter("items", ".items", "text/plain", "writes items", lambda document, options: {})
    with pytest.raises(PluginError, match="format 'items' produced"):
        write_output(exporter, {name: b"x" for name in names}, tmp_path / "out", "a")
    assert not [path for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert write_output(exporter, {"\u03c2.txt": b"1", "\u03c3-2.txt": b"2"}, tmp_path / "out", "a")


TWO_FORMATS = """
from convert_core import Exporter, hookimpl

@hookimpl
def register_exporters():
    return [
        Exporter('upper', '.upper', 'text/plain', 'items', lambda document, options: {'Item.txt': b'upper'}),
        Exporter('lower', '.lower', 'text/plain', 'items', lambda document, options: {'item.txt': b'lower'}),
    ]
"""


def test_two_formats_files_that_are_one_file_where_case_does_not_count_are_refused(tmp_path, pages):
    """Two formats of a page whose files differ only in case: on macOS or Windows the
    second wrote over the first (only exactly equal names were refused)."""
    (tmp_path / "two_formats.py").write_text(TWO_FORMATS, "utf-8")
    command = [sys.executable, "-m", "convert_core", "pages/a.txt", "--to", "upper,lower", "-o", "out"]
    result = subprocess.run(
        [*command, "--plugin", "two_formats"],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
    )
    assert result.returncode == 7, result.stderr
    assert "format 'lower' would overwrite 'item.txt', written by format 'upper'" in result.stderr
    assert (tmp_path / "out" / "a" / "Item.txt").read_bytes() == b"upper"


def test_a_writer_that_changes_the_document_it_is_given_changes_no_other_format():
    """A writer that changed the document it was given (cleared its items) changed the
    page for every format after it: the page's JSON written empty, exit 0. Each writer is
    given a copy."""
    from convert_core import Exporter
    from convert_core.api import parse_pages, render

    document = next(parse_pages(PAGE.encode("utf-8"), name="p.txt"))
    before = render(document, "json")

    def clear(given, options):  # type: ignore[no-untyped-def]
        given.items.clear()
        given.metadata.source.name = "changed.txt"
        return b"cleared"

    assert render(document, Exporter("rude", ".rude", "text/plain", "clears the page", clear)) == b"cleared"
    assert render(document, "json") == before and document.items


def test_a_keyboard_interrupt_a_plugin_raises_is_its_error_only_where_the_run_counts_signals():
    """Where the run's handlers take every stopping signal, a ``KeyboardInterrupt`` that
    came with none is the plugin's own: its error; one that came with a signal stops the
    run. In a program using the library (Python's own Ctrl-C handler) it stays as it is."""
    from convert_core.errors import PluginError
    from convert_core.plugins import plugin_call
    from convert_core.stopping import stop_on_signals

    def raise_it(signal_first: bool) -> None:
        with plugin_call("format 'x' (plugin x)"):
            if signal_first:
                signal.raise_signal(signal.SIGINT)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # Python's handler: left as it is
        raise_it(False)
    restore = stop_on_signals()
    try:
        with pytest.raises(PluginError, match=r"format 'x' \(plugin x\) raised KeyboardInterrupt"):
            raise_it(False)
        with pytest.raises(KeyboardInterrupt):
            raise_it(True)
    finally:
        restore()
