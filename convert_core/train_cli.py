"""``convert train``: fit the reader's role model to pages whose structure is known.

Imported only when the subcommand runs.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from . import stdout, values
from .api import input_kind, read_source, read_stdin
from .cli import PROG, Console, _checked, _counted, _HelpFormatter, _pages_and_gold_args, _Parser
from .errors import EXIT_OK, InputError, OutputError, UsageError
from .evaluate_cli import pair_pages
from .output import atomic_write, sweep_debris
from .planning import check_output_file
from .reader import MAX_INPUT_BYTES, ReaderOptions, join_words, stack_words
from .reader.stack_words import HEADLINE_SUBHEADLINE, KICKER_HEADLINE, gold_stacks
from .terminal import printable
from .training import DEFAULT_PARAMS, MIN_ALIGNMENT, TrainingPage, prepare_page, read_gold, train

DESCRIPTION = """\
Fit the reader's role model to a paper's own pages: each page (text) is paired with its
gold file (what the page truly holds), as 'convert evaluate' pairs them; the reader reads
every page, each line gets the role the gold gives it (kicker, headline, subheadline,
byline, paragraph, paragraph continued after a column break, subhead, caption, credit,
other), and a conditional random field learns how much each of the line's features says
for each role. Use the model with --model FILE on any command, and measure the gain with
'convert evaluate --model FILE'. Training is deterministic: the same pages give the same
model.

Pages whose lines are mostly not found in their gold (another page's gold, or a gold
made from a different text) are left out and listed.
"""

EPILOG = """\
examples:
  convert train archive/2024/ --gold gold/ -o ourpaper.crfsuite
  convert evaluate archive/2025/ --gold gold/ --model ourpaper.crfsuite

output: the model file and, beside it, MODEL.card.json (pages, lines, roles, settings)
MODEL.stacks, a model of the words of the paper's two-line title stacks (kicker over
headline, or headline over subheadline?), and MODEL.joins, a model of the characters
either side of a column break (does the paragraph go on?), that --model MODEL weighs
beside the role model; each is trained when the pages hold at least 10 cases of each kind
(stacks in the gold; breaks a column cut and breaks between paragraphs, in pages in the
shape PDF extraction gives them), else an older one is removed.

exit codes: 0 trained · 2 usage error (also: no page has a gold file) · 3 a page or gold
file cannot be read, or no page could be used · 4 the model cannot be written
"""


def _prepared(data: bytes, gold: dict[str, object], name: str, options: ReaderOptions) -> TrainingPage:
    """The page read for training; an input error names the page (the reader's own
    messages, such as ``input looks like a binary file``, do not)."""
    try:
        return prepare_page(data, gold, name=name, options=options)
    except InputError as exc:
        message = str(exc)
        if message.startswith(f"{name}:"):
            raise
        raise InputError(f"{name}: {message}") from None


#: What an input that is not a page of text is, in words.
_KINDS = {"pdf": "a PDF", "alto": "ALTO XML", "json": "a document in our JSON form"}

#: Most L-BFGS iterations ``--iterations`` may ask for (CRFsuite keeps the count in a C int).
MAX_ITERATIONS = 1_000_000
# finite penalties of 0 or more (``nan`` and ``inf`` were handed to CRFsuite as they were)
_penalty = _checked(lambda text: values.number(text, minimum=0, what="the penalty"))


def _iteration_count(text: str) -> int:
    """A number of iterations: 1 to :data:`MAX_ITERATIONS`."""
    count = values.count(text, minimum=1, what="the value")
    if count > MAX_ITERATIONS:
        raise UsageError(f"the value must be at most {MAX_ITERATIONS:,}, not {count}")
    return count


_iterations = _checked(_iteration_count)


def train_parser() -> argparse.ArgumentParser:
    """The parser of ``convert train``."""
    parser = _Parser(
        prog=f"{PROG} train",
        usage="%(prog)s PAGE... --gold DIR -o MODEL [--c1 X] [--c2 X] [--iterations N]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
    )
    _pages_and_gold_args(
        parser,
        pages="page text files or directories (every *.txt inside)",
        gold="directory of gold files (searched recursively)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=_checked(values.path_name),
        metavar="MODEL",
        help="the model file to write",
    )
    parser.add_argument(
        "--c1", type=_penalty, default=DEFAULT_PARAMS["c1"], metavar="X", help="L1 penalty (default %(default)s)"
    )
    parser.add_argument(
        "--c2", type=_penalty, default=DEFAULT_PARAMS["c2"], metavar="X", help="L2 penalty (default %(default)s)"
    )
    parser.add_argument(
        "--iterations",
        type=_iterations,
        default=DEFAULT_PARAMS["max_iterations"],
        metavar="N",
        help="most L-BFGS iterations (default %(default)s)",
    )
    parser.add_argument("--encoding", metavar="NAME", help="input encoding (default: detect)")
    parser.add_argument(
        "--max-bytes",
        type=_counted(0),
        default=MAX_INPUT_BYTES,
        metavar="N",
        help="refuse pages larger than N bytes (default 64 MiB)",
    )
    parser.add_argument(
        "--punctuation", choices=("auto", "full", "keep"), default="auto", help="as for convert (default: auto)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    return parser


def _is_a_model(path: str) -> bool:
    """Whether ``path`` is a regular file that starts as a CRFsuite model does."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, 4) == b"lCRF"
    except OSError:
        return False
    finally:
        os.close(fd)


def run_train(argv: Sequence[str]) -> int:
    """Run ``convert train``; return its exit code."""
    args = train_parser().parse_args(list(argv))
    output = Path(args.output)
    if os.path.isdir(output):
        raise UsageError(f"-o {args.output} is a directory; give the model's file name")
    console = Console(debug=args.debug, quiet=args.quiet)
    # a model an earlier run wrote (a CRFsuite file) where a page's name is, never a page
    # of another name: that stays an input, which -o must never replace
    own = [path for path in (args.output,) if _is_a_model(path)]
    pairs, skipped = pair_pages(args, console, own)
    # the model and its card never replace a page, a gold file or a device (/dev/null)
    inputs = [*args.inputs, *(p.page for p in pairs), *(str(p.gold) for p in pairs), *(s["page"] for s in skipped)]
    check_output_file(args.output, "-o", inputs=inputs)
    check_output_file(args.output + ".card.json", "-o (its card)", inputs=inputs)
    check_output_file(args.output + stack_words.SUFFIX, "-o (its stack model)", inputs=inputs)
    check_output_file(args.output + join_words.SUFFIX, "-o (its join model)", inputs=inputs)
    written = [output.name + suffix for suffix in ("", ".card.json", stack_words.SUFFIX, join_words.SUFFIX)]
    sweep_debris([output.parent], names=written)  # what a killed 'train -o' of these names left
    options = ReaderOptions(punctuation=args.punctuation, encoding=args.encoding)
    started = time.perf_counter()
    pages: list[TrainingPage] = []
    stacks: list[tuple[str, str, str]] = []
    breaks: list[tuple[str, str, str]] = []
    for pair in pairs:
        # the limits of every command: a FIFO, /dev/zero or standard input is read up to
        # --max-bytes, never without end; closed standard input is an input error
        data = read_stdin(args.max_bytes) if pair.page == "-" else read_source(Path(pair.page), args.max_bytes)
        if (kind := input_kind(data, pair.page)) != "text":  # (an ALTO file was taken for text: "0% aligned")
            raise InputError(f"{pair.page} is {_KINDS[kind]}; convert train learns from pages of plain text")
        gold = read_gold(pair.gold)
        pages.append(_prepared(data, gold, pair.page, options))
        if pages[-1].alignment >= MIN_ALIGNMENT:
            stacks += gold_stacks(gold)
            breaks += pages[-1].breaks
    unaligned = [page for page in pages if page.alignment < MIN_ALIGNMENT]
    for page in unaligned:
        console.warn(f"{page.name}: only {page.alignment:.0%} of its lines are in its gold; left out")
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    summary = train(pages, output, params=params)
    stack_card = _train_word_model(
        stacks,
        stack_words.beside(output),
        (KICKER_HEADLINE, HEADLINE_SUBHEADLINE),
        stack_words.MIN_STACKS,
        stack_words.train_stacks,
        "stack model",
    )
    join_card = _train_word_model(
        breaks,
        join_words.beside(output),
        (join_words.GOES_ON, join_words.STARTS),
        join_words.MIN_JOINS,
        join_words.train_joins,
        "join model",
    )
    roles = Counter(label for page in pages if page.alignment >= MIN_ALIGNMENT for label in page.labels)
    card = {
        "model": output.name,
        "trained_pages": summary["pages"],
        "left_out_pages": [page.name for page in unaligned],
        "unpaired_pages": len(skipped),
        "lines": summary["lines"],
        "roles": dict(sorted(roles.items())),
        "settings": {**DEFAULT_PARAMS, **params},
        "stacks": stack_card,
        "joins": join_card,
        "inputs": [os.fspath(path) for path in args.inputs],
        "gold": os.fspath(args.gold),
    }
    card_path = output.with_name(output.name + ".card.json")
    text = json.dumps(card, ensure_ascii=False, indent=2)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept as escapes that read back the same
        data = json.dumps(card, indent=2).encode("ascii")
    atomic_write(card_path, data + b"\n")
    if not args.quiet:
        seconds = time.perf_counter() - started
        stdout.write(
            f"trained {printable(str(output))} on {summary['pages']} page(s), {summary['lines']:,} lines "
            f"({len(unaligned)} left out, {len(skipped)} without gold) in {seconds:.1f} s\n"
            f"roles: {', '.join(f'{name} {count}' for name, count in roles.most_common())}\n"
            f"card: {printable(str(card_path))}\n"
        )
        if stack_card["file"]:
            stdout.write(
                f"stack model: {printable(str(stack_words.beside(output)))} ({stack_card[KICKER_HEADLINE]} "
                f"kicker/headline, {stack_card[HEADLINE_SUBHEADLINE]} headline/subheadline stacks)\n"
            )
        else:
            stdout.write(f"no stack model: {stack_card['reason']}\n")
        if join_card["file"]:
            stdout.write(
                f"join model: {printable(str(join_words.beside(output)))} ({join_card[join_words.GOES_ON]} "
                f"breaks a column cut, {join_card[join_words.STARTS]} between paragraphs)\n"
            )
        else:
            stdout.write(f"no join model: {join_card['reason']}\n")
    return EXIT_OK


def _train_word_model(
    cases: list[tuple[str, str, str]],
    path: Path,
    labels: tuple[str, str],
    minimum: int,
    fit: Callable[[list[tuple[str, str, str]], Path], dict[str, int]],
    what: str,
) -> dict[str, object]:
    """Train one of the paper's word models (``path``, beside its role model: the stack or
    the join model) on ``cases`` (``(first, second, label)``) when there are at least
    ``minimum`` of each of its two ``labels``; else remove an older one, which would no
    longer match the role model. Returns the card's entry for it."""
    counts = {label: sum(1 for *_, kind in cases if kind == label) for label in labels}
    if min(counts.values()) < minimum:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise OutputError(f"cannot remove the older {what} {str(path)!r}: {error.strerror or error}") from None
        found = " and ".join(f"{count} {label}" for label, count in counts.items())
        return {"file": None, "reason": f"the pages hold {found}, fewer than {minimum} of each", **counts}
    fit(cases, path)
    return {"file": path.name, **counts}
