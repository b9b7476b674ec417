"""Cross-validate the role model's training choices on the corpus's training pages only.

    python benchmarks/corpus/cross_validate.py --corpus corpus/ [--folds 3] \\
        [--config base] [--config c1=0.2] [--config drop=rule] [--config c2=0.1,minfreq=5]

The trained paper's (People's Daily's) training dates are cut into ``--folds`` runs of
consecutive dates, as :func:`train_model.split` cuts the test pages off (the latest fifth):
each fold is read by a model trained on the others, so no choice looks at a test page or at
the held-out paper. For each fold, what the recipe builds from the training pages' gold is
built again from the other folds only: the junction table the features read and, unless
``--shipped-words``, the stack and join models with the paragraph edge table. The other
trained papers' training pages and the project's own pages (``--own-weight`` times) train
every fold, as in the recipe; the styles are the recipe's (:data:`train_model.TRAIN_STYLES`).
Each fold's pages are read in ``--score-styles`` (default the seed's shape, with and without
blank lines) with the fold's model in the shipped model's place, and scored as
``convert evaluate`` scores them (:func:`train_model.measure`): headline F1, structure,
paragraph count, characters lost.

A configuration is ``base`` (the recipe's settings) or comma-separated changes of it:
``c1=``, ``c2=``, ``minfreq=``, ``iterations=`` (CRFsuite's settings) and ``drop=GROUP``
(``+``-joined), a group of features (:data:`GROUPS`) left out of training: the model then
has no weight for them, as if they were never computed. The features of a page are computed
once per fold and shared by every configuration. Prints one JSON line per fold and
configuration, then a table of the means. Deterministic.

``--stack-config c1=…,c2=…`` and ``--join-config …`` (or ``base``) cross-validate the word
models' settings the same way, each model alone: the share of the fold's gold stacks, and of
its breaks between body lines, it reads right (without ``--config``, no role model is trained).
The figures of stop 36 are in ``docs/reader-accuracy.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_model as tm

from convert_core.reader import join_words, junctions, pair_model, paragraph_edges, stack_words
from convert_core.reader import roles as role_models
from convert_core.training import DEFAULT_PARAMS, TrainingPage, prepare_page, read_gold, train

#: The trained paper whose training dates are cut into folds.
PAPER = "rmrb"
#: Feature groups that ``drop=`` names: the prefixes of their features (a neighbour's copy,
#: ``-1:rule=text``, belongs to the group too).
GROUPS: dict[str, tuple[str, ...]] = {
    "rule": ("rule=",),  # the hand-written rules' first reading of the line
    "kind": ("kind=",),  # the line's kind (byline, dateline, text …)
    "junction": ("lm=",),  # the junction table's class at a column break
    "join": ("join=",),  # the characters either side of a break, on the page itself
    "cohesion": ("cohesion=", "cohrel=", "tlink="),  # the page's words either side of a short line
    "length": ("len=", "vs-next="),  # lengths and how they compare with the next line's
    "far": ("-2:", "+2:"),  # every feature of the lines two away
    "cuts": ("cuts=",),  # how many of the page's long lines do not end a paragraph
}
_OFFSET = re.compile(r"^[+-]\d:")
#: The measures the table gives, as :func:`train_model.measure` names them.
MEASURES = ("f1", "structure", "paragraph_count")


def folds_of(pages: list[str], dates: dict[str, str], count: int) -> list[list[str]]:
    """``pages`` cut into ``count`` runs of consecutive dates (a date's pages in one run),
    about the same number of dates each."""
    days = sorted({dates[page] for page in pages})
    cuts = [days[len(days) * index // count] for index in range(1, count)]
    folds: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        folds[sum(dates[page] >= cut for cut in cuts)].append(page)
    return folds


def parse_config(text: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A configuration's CRFsuite settings (over :data:`DEFAULT_PARAMS`) and dropped groups."""
    params = dict(DEFAULT_PARAMS)
    dropped: tuple[str, ...] = ()
    names = {"c1": "c1", "c2": "c2", "minfreq": "feature.minfreq", "iterations": "max_iterations"}
    for part in filter(None, text.split(",")):
        if part == "base":
            continue
        key, _, value = part.partition("=")
        if key == "drop":
            dropped += tuple(value.split("+"))
            unknown = [group for group in dropped if group not in GROUPS]
            if unknown:
                raise SystemExit(f"unknown feature groups {unknown} (known: {', '.join(GROUPS)})")
        elif key in names:
            params[names[key]] = float(value) if key in ("c1", "c2") else int(value)
        else:
            raise SystemExit(f"unknown setting {key!r} in {text!r}")
    return params, dropped


def without(page: TrainingPage, dropped: tuple[str, ...]) -> TrainingPage:
    """``page`` with the features of the ``dropped`` groups left out."""
    if not dropped:
        return page
    prefixes = tuple(prefix for group in dropped for prefix in GROUPS[group])
    offsets = tuple(prefix for prefix in prefixes if _OFFSET.match(prefix))

    def kept(feature: str) -> bool:
        if feature.startswith(offsets):
            return False
        return not _OFFSET.sub("", feature).startswith(prefixes)

    features = [[feature for feature in line if kept(feature)] for line in page.features]
    return TrainingPage(page.name, features, page.labels, page.alignment)


def use_word_models(folder: Path | None) -> None:
    """Read the stack and join models and the edge table from ``folder`` (``None``: the
    shipped ones)."""
    models = role_models.MODELS_DIR if folder is None else folder
    stack_words.STACK_MODEL = models / "stacks.crfsuite"
    join_words.JOIN_MODEL = models / "joins.crfsuite"
    pair_model.shipped.cache_clear()
    path = models / paragraph_edges.EDGES_FILE.name
    paragraph_edges.use(None if folder is None else paragraph_edges.EdgeTable.from_bytes(path.read_bytes()))


def use_role_model(path: Path) -> None:
    """Read the pages whose lines are whole paragraphs with the model at ``path`` as if it shipped."""
    role_models.DEFAULT_MODEL = path
    role_models._load.cache_clear()


def run_fold(args: argparse.Namespace, context: dict[str, Any], index: int, configs: list[str]) -> list[dict]:
    """Train every configuration on the folds but ``index`` and score each on fold ``index``."""
    corpus, manifest, folds = context["corpus"], context["manifest"], context["folds"]
    work = args.work / f"fold-{index}"
    work.mkdir(parents=True, exist_ok=True)
    fold_parts = fold_split(context, index)
    started = time.perf_counter()
    table = tm.junction_table(corpus, fold_parts)
    junctions.use(table)
    if args.shipped_words:
        use_word_models(None)
    else:
        scored = {paper: {"train": split_["train"], "test": []} for paper, split_ in fold_parts.items()}
        tm.train_stack_model(corpus, manifest, scored, work)
        tm.train_join_model(corpus, manifest, scored, work)
        use_word_models(work)
    own = [prepare_page(text.read_bytes(), read_gold(gold), name=str(text)) for text, gold in tm.own_pages()]
    pages = [
        prepare_page(text.read_bytes(), read_gold(gold), name=str(text))
        for paper, split_ in fold_parts.items()
        for style in args.train_styles.split(",")
        for page in split_["train"]
        for text, gold in [(corpus / style / paper / f"{page}.txt", tm.gold_of(corpus, paper, page, style))]
        if text.is_file() and gold.is_file()
    ]
    pages += own * args.own_weight
    print(f"fold {index}: {len(pages)} page texts prepared ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    rows = []
    for config in configs:
        params, dropped = parse_config(config)
        path = work / f"roles-{re.sub(r'[^A-Za-z0-9.=+-]', '_', config)}.crfsuite"
        train((without(page, dropped) for page in pages), path, params=params)
        use_role_model(path)
        row: dict[str, Any] = {"fold": index, "config": config}
        for style in args.score_styles.split(","):
            scored_pairs = [
                (corpus / style / PAPER / f"{page}.txt", tm.gold_of(corpus, PAPER, page, style))
                for page in folds[index]
            ]
            row[style] = tm.measure([pair for pair in scored_pairs if pair[0].is_file()], None)
        print(json.dumps(row), flush=True)
        print(f"fold {index} {config}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        rows.append(row)
    return rows


def word_params(text: str, base: dict[str, Any]) -> dict[str, Any]:
    """A word model's CRFsuite settings: ``base`` with the changes ``c1=…,c2=…`` of ``text``."""
    params = dict(base)
    for part in filter(None, text.split(",")):
        key, _, value = part.partition("=")
        if part != "base" and key not in ("c1", "c2"):
            raise SystemExit(f"a word model's setting is c1= or c2=, not {part!r}")
        if part != "base":
            params[key] = float(value)
    return params


def share_right(rows: list[dict]) -> float:
    """The share of the fold's items (stacks or breaks, both labels) a word model reads right."""
    right = sum(row[label][0] for row in rows for label in row if label != "paper")
    total = sum(row[label][1] for row in rows for label in row if label != "paper")
    return right / max(total, 1)


def run_word_fold(args: argparse.Namespace, context: dict[str, Any], index: int) -> list[dict]:
    """Train the stack and join models with each of ``--stack-config`` and ``--join-config``
    on the folds but ``index`` and score each alone on fold ``index``'s gold stacks and breaks."""
    corpus = context["corpus"]
    work = args.work / f"fold-{index}"
    work.mkdir(parents=True, exist_ok=True)
    fold_parts = fold_split(context, index)
    junctions.use(tm.junction_table(corpus, fold_parts))
    rows = []
    stacks = tm.stack_training(corpus, fold_parts)
    for config in args.stack_config or []:
        path = work / f"stacks-{config}.crfsuite"
        examples = ((stack_words.stack_features(upper, lower), label) for upper, lower, label in stacks)
        pair_model.train_pairs(examples, word_params(config, stack_words.STACK_PARAMS), path, "stack model")
        rows.append(_row(index, "stack", config, tm.stack_scores(corpus, fold_parts, path)))
    if args.join_config:
        full = paragraph_edges.EdgeTable.build(tm.training_paragraphs(corpus, fold_parts))
        cross = [
            paragraph_edges.EdgeTable.build(tm.training_paragraphs(corpus, fold_parts, fold))
            for fold in range(paragraph_edges.FOLDS)
        ]
        examples = tm.join_examples(tm.join_breaks(corpus, fold_parts, "train"), full, cross)
        for config in args.join_config:
            path = work / f"joins-{config}.crfsuite"
            pair_model.train_pairs(examples, word_params(config, join_words.JOIN_PARAMS), path, "join model")
            rows.append(_row(index, "join", config, tm.join_scores(corpus, fold_parts, path)))
    return rows


def _row(fold: int, model: str, config: str, scores: list[dict]) -> dict[str, Any]:
    """One word model's figures on a fold, printed as a line of JSON as it comes."""
    row = {"fold": fold, "model": model, "config": config, "right": share_right(scores)}
    print(json.dumps(row), flush=True)
    return row


def fold_split(context: dict[str, Any], index: int) -> dict[str, dict[str, list[str]]]:
    """The split of fold ``index``: the trained paper's other folds train and fold ``index``
    is its test; every other trained paper's training pages train (none of its pages is
    scored); the held-out paper is left out."""
    manifest, parts, folds = context["manifest"], context["parts"], context["folds"]
    fold_parts = {
        paper: {"train": [] if manifest["papers"][paper].get("held_out") else list(split_["train"]), "test": []}
        for paper, split_ in parts.items()
    }
    fold_parts[PAPER] = {
        "train": [page for other, pages in enumerate(folds) if other != index for page in pages],
        "test": folds[index],
    }
    return fold_parts


def table_of(rows: list[dict], styles: list[str]) -> list[str]:
    """The means over the folds, a Markdown table: one row per configuration, for each style
    headline F1, structure and paragraph count."""
    configs = list(dict.fromkeys(row["config"] for row in rows))
    header = " | ".join(f"{style} {measure}" for style in styles for measure in MEASURES)
    lines = [f"| configuration | folds | {header} |", "|---|---|" + "---|" * (len(styles) * len(MEASURES))]
    for config in configs:
        mine = [row for row in rows if row["config"] == config]
        cells = [f"{mean(row[style][measure] for row in mine):.4f}" for style in styles for measure in MEASURES]
        lines.append(f"| {config} | {len(mine)} | {' | '.join(cells)} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=tm.ROOT / "corpus", help="the corpus folder (default: corpus/)")
    parser.add_argument("--work", type=Path, default=Path("cv-work"), help="where the folds' models go")
    parser.add_argument("--folds", type=int, default=3, help="runs of training dates (default 3)")
    parser.add_argument("--only-fold", type=int, action="append", help="run this fold only (may repeat)")
    parser.add_argument("--config", action="append", help="a configuration (default: base); may repeat")
    parser.add_argument("--train-styles", default=",".join(tm.TRAIN_STYLES), help="styles that train")
    parser.add_argument("--score-styles", default="extracted,tight", help="styles scored (default extracted,tight)")
    parser.add_argument("--own-weight", type=int, default=tm.OWN_WEIGHT, help="times the own pages count")
    parser.add_argument(
        "--shipped-words",
        action="store_true",
        help="read with the shipped stack and join models (trained on every fold) instead of each fold's",
    )
    parser.add_argument("--stack-config", action="append", help="a stack model's c1=…,c2=… (or base); may repeat")
    parser.add_argument("--join-config", action="append", help="a join model's c1=…,c2=… (or base); may repeat")
    args = parser.parse_args(argv)
    words = bool(args.stack_config or args.join_config)
    configs = args.config or ([] if words else ["base"])
    for config in configs:
        parse_config(config)
    manifest = json.loads((args.corpus / "MANIFEST.json").read_text("utf-8"))
    parts = tm.split(args.corpus, manifest)
    dates = {page["id"]: page.get("date") or "" for page in manifest["pages"]}
    folds = folds_of(parts[PAPER]["train"], dates, args.folds)
    context = {"corpus": args.corpus, "manifest": manifest, "parts": parts, "folds": folds}
    rows: list[dict] = []
    word_rows: list[dict] = []
    for index in range(args.folds):
        if args.only_fold is None or index in args.only_fold:
            if words:
                word_rows += run_word_fold(args, context, index)
            if configs:
                rows += run_fold(args, context, index, configs)
    for model, config in dict.fromkeys((row["model"], row["config"]) for row in word_rows):
        shares = [row["right"] for row in word_rows if (row["model"], row["config"]) == (model, config)]
        print(f"| {model} model | {config} | {len(shares)} | {mean(shares):.4f} |")
    if rows:
        print("\n".join(table_of(rows, args.score_styles.split(","))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
