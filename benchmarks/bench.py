"""Benchmarks of bulletin-convert, side by side with pandoc. Prints figures; asserts nothing.

    python benchmarks/bench.py                 # everything (about two minutes)
    python benchmarks/bench.py --quick         # fewer runs and pages
    python benchmarks/bench.py --pages 1000 --skip-pandoc

Figures (CPU time is ``time.process_time`` of this process, or the children's rusage for
whole processes). Two yardsticks come first: ``sum(range(10**7))`` and the CPU cost of
creating one file, to scale the figures by when comparing machines:

* the reader on the seed page (17 KB), on a 20 KB page, on the densest fixture page (most
  lines per KB; alone, and repeated to 1 MB) and on a 5 MB concatenation (MB/s), with the
  shipped role model, and the seed and densest page with ``--model none`` too; the target
  is 5 MB/s on the seed and on the densest page; inputs that used to be quadratic, at 1
  and 2 MB;
* each writer on the seed (median of many runs, warm process);
* ``convert PAGE --to json`` as a whole process (wall and CPU), with the compiled-pattern
  cache filled (every run but a machine's first) and without it; the modules' bytecode
  is written first, as an installed package has it, even where ``PYTHONDONTWRITEBYTECODE``
  is set;
* a batch of N seed-sized pages to the four formats of the target (json, newsml, epub,
  docx) and to all five (ninjs too, one file per item) with 1 and 2 worker processes:
  pages/s, CPU ms per page (and the system's share: creating files), and peak memory for
  N and N/10 pages;
* pandoc converting the same pages, as Markdown made from the model, to DOCX and to EPUB,
  one process per page as users run it; and the ratio of our throughput to pandoc's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"
FORMATS = ("json", "newsml", "ninjs", "epub", "docx")
TARGET_FORMATS = ("json", "newsml", "epub", "docx")  # the four formats the target names


def cpu_median(function, runs: int) -> float:
    """Median CPU seconds of ``function()`` over ``runs`` runs (after two warm-up runs)."""
    function()
    function()
    samples = []
    for _ in range(runs):
        start = time.process_time()
        function()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def children_sys() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime


def calibration() -> float:
    """Seconds this machine takes for ``sum(range(10**7))`` (best of five): a yardstick to
    scale the other figures by when comparing machines."""
    samples = []
    for _ in range(5):
        start = time.process_time()
        sum(range(10**7))
        samples.append(time.process_time() - start)
    return min(samples)


def file_cost() -> float:
    """CPU seconds to create, write and rename one small file in the temporary directory
    (the kernel's part of every output file; large on some virtual disks)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.process_time()
        for index in range(300):
            temporary = os.path.join(tmp, f".f{index}.part")
            with open(temporary, "wb") as handle:
                handle.write(b"x" * 4096)
            os.replace(temporary, os.path.join(tmp, f"f{index}"))
        return (time.process_time() - start) / 300


def line(label: str, value: str) -> None:
    print(f"  {label:<52}{value}")


def bench_reader(runs: int) -> None:
    from convert_core.reader import ReaderOptions, read_bytes

    print("reader (with the shipped role model unless said)")
    seed = SEED.read_bytes()
    seconds = cpu_median(lambda: read_bytes(seed), runs)
    line("seed page (17.8 KB)", f"{seconds * 1000:7.2f} ms   {len(seed) / seconds / 1e6:6.2f} MB/s")
    page = seed + seed[: 20_000 - len(seed)] if len(seed) < 20_000 else seed[:20_000]
    page = page.decode("utf-8", "ignore").encode("utf-8")
    seconds = cpu_median(lambda: read_bytes(page), runs)
    line("20 KB page", f"{seconds * 1000:7.2f} ms   {len(page) / seconds / 1e6:6.2f} MB/s")
    pages = [path.read_bytes() for path in sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))]
    pages = [data for data in pages if data.startswith(b"\xef\xbb\xbf") is False]
    texts = []
    for data in [seed, *pages]:
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    densest = max(
        (path for path in (ROOT / "tests" / "fixtures" / "pages").glob("*.txt")),
        key=lambda path: path.read_bytes().count(b"\n") / len(path.read_bytes()),
    )
    dense = densest.read_bytes()
    seconds = cpu_median(lambda: read_bytes(dense), runs * 5)
    lines_per_kb = dense.count(b"\n") / len(dense) * 1000
    line(
        f"densest fixture page ({densest.stem}, {len(dense) / 1000:.1f} KB, {lines_per_kb:.0f} lines/KB)",
        f"{seconds * 1000:7.2f} ms   {len(dense) / seconds / 1e6:6.2f} MB/s   target >= 5",
    )
    line(
        "seed page, target >= 5 MB/s",
        "met" if len(seed) / cpu_median(lambda: read_bytes(seed), runs) >= 5e6 else "NOT met",
    )
    rules_only = ReaderOptions(model="none")  # the figures above read with the shipped role model
    for label, data, repeat in (("seed page", seed, 1), (f"densest page ({densest.stem})", dense, 5)):
        seconds = cpu_median(lambda data=data: read_bytes(data, options=rules_only), runs * repeat)
        line(f"{label}, --model none", f"{seconds * 1000:7.2f} ms   {len(data) / seconds / 1e6:6.2f} MB/s")
    from convert_core.reader.decoding import decode

    text = decode(dense)[0]  # the densest page may be GB18030
    repeated = ((text.rstrip("\n") + "\n\n\n") * (1_000_000 // len(dense) + 1)).encode("utf-8")
    start = time.process_time()
    read_bytes(repeated)
    seconds = time.process_time() - start
    line(
        f"the densest page repeated to {len(repeated) / 1e6:.1f} MB (no per-call cost)",
        f"{seconds:7.2f} s    {len(repeated) / seconds / 1e6:6.2f} MB/s",
    )
    bench_pathological()
    big = ""
    while len(big.encode("utf-8")) < 5_000_000:
        big += "\n\n\n".join(texts) + "\n\n\n"
    data = big.encode("utf-8")
    start = time.process_time()
    document = read_bytes(data)
    seconds = time.process_time() - start
    line(
        f"5 MB concatenation ({len(data) / 1e6:.1f} MB, {len(document.items)} items)",
        f"{seconds:7.2f} s    {len(data) / seconds / 1e6:6.2f} MB/s",
    )


def bench_pathological() -> None:
    """The reader on inputs that used to take quadratic time, at 1 and 2 MB: the second
    should take about twice the first (tests/test_linear_time.py checks the ratio)."""
    from convert_core.reader import ReaderOptions, read_text

    options = ReaderOptions(max_items=10**9)
    cases = {
        "hard-wrapped lines": "全县早稻长势良好，农民群众喜获丰收，各级\n",
        "column-break joins (a blank after every cut line)": "全县早稻长势良好，农民群众喜获丰收，各级干部\n\n",
        "identical articles": "新闻标题\n\n本报讯（记者 李明）正文内容。\n\n",
    }
    for label, unit in cases.items():
        figures = []
        for megabytes in (1, 2):
            text = unit * (megabytes * 1_000_000 // len(unit.encode("utf-8")))
            start = time.process_time()
            read_text(text, options=options)
            figures.append(time.process_time() - start)
        line(
            f"{label}, 1 MB / 2 MB",
            f"{figures[0]:6.2f} s / {figures[1]:6.2f} s (x{figures[1] / figures[0]:.2f})  {1 / figures[0]:5.2f} MB/s",
        )


def bench_writers(runs: int) -> None:
    import convert_core

    print("writers, seed page, warm process (median CPU)")
    document = convert_core.parse(SEED)
    total = 0.0
    for name in FORMATS:
        try:
            seconds = cpu_median(lambda name=name: convert_core.render(document, name), runs)
        except convert_core.ConvertError as exc:
            line(name, f"not installed ({exc})")
            continue
        total += seconds
        line(name, f"{seconds * 1000:7.2f} ms")
    reader = cpu_median(lambda: convert_core.parse(SEED), runs)
    line("reader + all five writers", f"{(reader + total) * 1000:7.2f} ms per page")


def bench_cold_start(runs: int) -> None:
    print("whole process: convert PAGE --to json -o -")
    command = [sys.executable, "-m", "convert_core", str(SEED), "--to", "json", "-o", "-"]
    with tempfile.TemporaryDirectory() as cache:
        # the first run compiles the reader's patterns and fills the pattern cache
        # (convert_core/regex_cache.py), and writes the modules' bytecode as an installed
        # package has it (PYTHONDONTWRITEBYTECODE, set in some shells and CI images, would
        # make every run of a source checkout compile every module: some 70 ms more)
        inherited = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        environment = {**inherited, "BULLETIN_CONVERT_CACHE_DIR": cache}
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=environment)
        for label, env in (
            ("", environment),
            (", pattern cache off (as a first run)", {**environment, "BULLETIN_CONVERT_NO_CACHE": "1"}),
        ):
            walls, cpus = [], []
            for _ in range(runs):
                before = children_cpu()
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
                walls.append(time.perf_counter() - start)
                cpus.append(children_cpu() - before)
            line(
                f"median{label}",
                f"{statistics.median(walls) * 1000:7.1f} ms wall {statistics.median(cpus) * 1000:7.1f} ms CPU",
            )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    line("(of which Python itself starts in)", f"{(time.perf_counter() - start) * 1000:7.1f} ms")


def make_pages(directory: Path, count: int) -> None:
    seed = SEED.read_text("utf-8")
    for index in range(count):
        sub = directory / f"{index // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        # each page differs a little, so no cache can make later pages free
        (sub / f"p{index:05d}.txt").write_text(seed.replace("卫东区", f"卫东{index % 97}区", 1), "utf-8")


def run_batch(pages: Path, out: Path, jobs: int, formats: tuple[str, ...] = FORMATS) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds and system CPU seconds (children) and peak RSS (KB) of
    one batch run."""
    before = children_cpu()
    before_sys = children_sys()
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys\nfrom convert_core.cli import main\ncode = main(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\nsys.exit(code)",
            str(pages),
            "--to",
            ",".join(formats),
            "-o",
            str(out),
            "--jobs",
            str(jobs),
            "--force",
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"batch failed: {result.stderr.strip()[-500:]}")
    rss = max(int(value) for value in result.stderr.split()[-2:])
    return wall, children_cpu() - before, children_sys() - before_sys, rss


def bench_batch(count: int) -> dict[str, float]:
    """Pages/s of the best run for the four formats of the target and for all five."""
    throughput: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        make_pages(pages, count)
        for key, formats in (("four", TARGET_FORMATS), ("five", FORMATS)):
            print(f"batch: {count} seed-sized pages to {', '.join(formats)}")
            for jobs in (1, 2):
                wall, cpu, system, rss = run_batch(pages, Path(tmp) / f"out-{key}-{jobs}", jobs, formats)
                line(
                    f"{jobs} worker{'s' if jobs > 1 else ''}",
                    f"{count / wall:7.1f} pages/s {cpu / count * 1000:6.2f} ms CPU/page "
                    f"({system / count * 1000:.2f} system)  peak {rss / 1024:.0f} MB",
                )
                throughput[key] = max(throughput.get(key, 0.0), count / wall)
        small = max(1, count // 10)
        small_pages = Path(tmp) / "small"
        make_pages(small_pages, small)
        *_, rss_small = run_batch(small_pages, Path(tmp) / "outsmall", 1)
        line(
            f"peak memory, {small} pages vs {count} pages (1 worker)",
            f"{rss_small / 1024:.0f} MB vs {rss / 1024:.0f} MB",
        )
    return throughput


def markdown_of(path: Path) -> str:
    """The page as Markdown (headline stack, byline, paragraphs, captions) for pandoc."""
    import convert_core
    from convert_core.exportkit import byline_line, credit_line

    document = convert_core.parse(path)
    out = [f"% {document.title}", ""]
    for item in document.items:
        if isinstance(item, convert_core.Article):
            if item.kicker:
                out += [f"**{item.kicker}**", ""]
            out += [f"# {item.headline or '无标题'}", ""]
            if item.subheadline:
                out += [f"**{item.subheadline}**", ""]
            if byline_line(item):
                out += [f"*{byline_line(item)}*", ""]
            for block in item.body:
                text = getattr(block, "text", None) or " ".join(getattr(block, "caption", []))
                out += [text, ""]
        else:
            out += [*item.caption, "", f"*{credit_line(item)}*", ""]
    return "\n".join(out)


def bench_pandoc(count: int) -> float | None:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        print("pandoc: not installed (apt-get install pandoc); comparison skipped")
        return None
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"pandoc ({version}): Markdown of each page to DOCX and EPUB, one process per page and format")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.md"
        source.write_text(markdown_of(SEED), "utf-8")
        before = children_cpu()
        start = time.perf_counter()
        for index in range(count):
            for extension in ("docx", "epub"):
                subprocess.run(
                    [pandoc, str(source), "-o", str(Path(tmp) / f"p{index}.{extension}")],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env={**os.environ, "SOURCE_DATE_EPOCH": "1588032000"},
                )
        wall = time.perf_counter() - start
        cpu = children_cpu() - before
    line(f"{count} pages, DOCX + EPUB", f"{count / wall:7.1f} pages/s   {cpu / count * 1000:6.1f} ms CPU/page")
    return count / wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs and pages")
    parser.add_argument("--pages", type=int, help="pages in the batch run (default 1000, quick 200)")
    parser.add_argument("--skip-pandoc", action="store_true")
    args = parser.parse_args(argv)
    runs = 10 if args.quick else 40
    pages = args.pages or (200 if args.quick else 1000)
    print(f"bulletin-convert benchmarks · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs")
    line("calibration: sum(range(10**7))", f"{calibration() * 1000:7.1f} ms CPU")
    line("creating one small file in the temporary directory", f"{file_cost() * 1000:7.3f} ms CPU")
    bench_reader(runs)
    bench_writers(runs)
    bench_cold_start(5 if args.quick else 15)
    ours = bench_batch(pages)
    if not args.skip_pandoc:
        theirs = bench_pandoc(20 if args.quick else 50)
        if theirs:
            print(
                f"ratio: our throughput / pandoc's (DOCX + EPUB) = {ours['four'] / theirs:.1f}x with "
                f"json, newsml, epub, docx; {ours['five'] / theirs:.1f}x with ninjs too"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
