"""Benchmarks of bulletin-convert, side by side with pandoc. Prints figures; asserts nothing.

    python benchmarks/bench.py                 # everything (about two minutes)
    python benchmarks/bench.py --quick         # fewer runs and pages
    python benchmarks/bench.py --pages 1000 --skip-pandoc

Figures (CPU time is ``time.process_time`` of this process, or the children's rusage for
whole processes):

* the reader on the seed page (17 KB), on a 20 KB page and on a 5 MB concatenation (MB/s);
* each writer on the seed (median of many runs, warm process);
* ``convert PAGE --to json`` as a whole process (wall and CPU);
* a batch of N seed-sized pages to all four formats (json, newsml, ninjs, epub, docx) with
  1 and 2 worker processes: pages/s and CPU ms per page, and peak memory for N and N/10 pages;
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


def line(label: str, value: str) -> None:
    print(f"  {label:<52}{value}")


def bench_reader(runs: int) -> None:
    from convert_core.reader import read_bytes

    print("reader")
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
    walls, cpus = [], []
    for _ in range(runs):
        before = children_cpu()
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "convert_core", str(SEED), "--to", "json", "-o", "-"],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - before)
    line("wall (median)", f"{statistics.median(walls) * 1000:7.1f} ms")
    line("CPU (median)", f"{statistics.median(cpus) * 1000:7.1f} ms")


def make_pages(directory: Path, count: int) -> None:
    seed = SEED.read_text("utf-8")
    for index in range(count):
        sub = directory / f"{index // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        # each page differs a little, so no cache can make later pages free
        (sub / f"p{index:05d}.txt").write_text(seed.replace("卫东区", f"卫东{index % 97}区", 1), "utf-8")


def run_batch(pages: Path, out: Path, jobs: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (children) and peak RSS (KB) of one batch run."""
    before = children_cpu()
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
            ",".join(FORMATS),
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
    return wall, children_cpu() - before, rss


def bench_batch(count: int) -> float:
    print(f"batch: {count} seed-sized pages to {', '.join(FORMATS)}")
    throughput = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        make_pages(pages, count)
        for jobs in (1, 2):
            wall, cpu, rss = run_batch(pages, Path(tmp) / f"out{jobs}", jobs)
            line(
                f"{jobs} worker{'s' if jobs > 1 else ''}",
                f"{count / wall:7.1f} pages/s   {cpu / count * 1000:6.2f} ms CPU/page   peak {rss / 1024:.0f} MB",
            )
            throughput = max(throughput, count / wall)
        small = max(1, count // 10)
        small_pages = Path(tmp) / "small"
        make_pages(small_pages, small)
        _, _, rss_small = run_batch(small_pages, Path(tmp) / "outsmall", 1)
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
    bench_reader(runs)
    bench_writers(runs)
    bench_cold_start(5 if args.quick else 15)
    ours = bench_batch(pages)
    if not args.skip_pandoc:
        theirs = bench_pandoc(20 if args.quick else 50)
        if theirs:
            print(f"ratio: our throughput (all five formats) / pandoc's (DOCX + EPUB) = {ours / theirs:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
