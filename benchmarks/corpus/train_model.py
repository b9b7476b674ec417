"""Train the reader's role model on the development corpus and measure it: the recipe of the
model that ships in ``convert_core/reader/models/``.

    python benchmarks/corpus/train_model.py --corpus corpus/ [--out DIR] [--rules]
    python benchmarks/corpus/train_model.py --corpus corpus/ --words-only   # minutes
    python benchmarks/corpus/train_model.py --corpus corpus/ --cards-only --rules   # no training

The corpus is what ``benchmarks/corpus/build.py`` (real pages and their gold, ``text/``)
and ``benchmarks/corpus/typeset_corpus.py`` (the same pages typeset and extracted from
PDF, ``pdf-*/``) write; ``MANIFEST.json`` says which paper is held out. For every other
paper the last fifth of its dates is kept for testing and the rest trains, in every
input style, together with the project's own fixture pages and the seed. The held-out
paper never trains: it is the check of generality. First the junction table the features
read (``junctions.bin``: counts of characters and character pairs in the training pages'
gold paragraphs, see ``convert_core/reader/junctions.py``) is built; the models are trained
and measured with it. The table, the models, their card (data, settings, scores per paper
and style, date) and the figures for the README are written to ``--out`` (default: the
shipped model's folder). First of all the two word models are trained with the table and
measured on the test pages, each with its card: the stack model (``stacks.crfsuite``, the
words of two-line title stacks, ``convert_core/reader/stack_words.py``) on the training
pages' gold stacks, and the join model (``joins.crfsuite``, the characters either side of a
break between body lines, ``convert_core/reader/join_words.py``) on the breaks of the
training pages in the styles a column break cuts (:data:`JOIN_STYLES`), with the table of
how paragraphs open and close (``edges.bin``, ``convert_core/reader/paragraph_edges.py``)
it reads, built from the training pages' gold too (each training page's features read from
a table built without its fifth of the pages); ``--words-only`` stops there. Training is
deterministic.

``--cards-only`` trains nothing: it measures the reader as it stands (today's rules) with
the models and tables in ``--out``, and rewrites the score tables of their three cards and
``roles.scores.json``, each card keeping the date its model was trained beside the date its
scores were measured. Run it whenever the rules change and the models stay.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from convert_core.evaluate import aggregate, score  # noqa: E402
from convert_core.gold import load_gold  # noqa: E402
from convert_core.output import atomic_write  # noqa: E402
from convert_core.reader import (  # noqa: E402
    ReaderOptions,
    join_words,
    junctions,
    pair_model,
    paragraph_edges,
    read_bytes,
    stack_words,
)
from convert_core.reader import roles as role_models  # noqa: E402
from convert_core.reader.decoding import decode  # noqa: E402
from convert_core.training import DEFAULT_PARAMS, MIN_ALIGNMENT, prepare_page, read_gold, train  # noqa: E402

#: Share of each trained paper's dates (the latest) kept for testing.
TEST_SHARE = 0.2
#: The project's own fixture pages count this many times: they are the reader's
#: specification of conventions that real pages show too rarely to learn (briefs columns,
#: tables, labelled fields, galleries). Raised from 10 to 18 when the e-paper model's corpus
#: part grew from two styles to four, keeping their share of the training about the same.
OWN_WEIGHT = 18
#: The input styles the e-paper model trains on: e-paper text, the seed's shape
#: (``extracted``: paragraphs whole but for column cuts), the same without blank lines
#: (``tight``), and the crawl of a site without indents (``flush``). The typeset PDF styles train only
#: the PDF model: their texts come out of columns in an order their gold cannot follow line
#: by line, and training on them made the e-paper model worse (see the card).
TRAIN_STYLES = ("text", "extracted", "flush", "tight")
#: The input styles whose breaks between body lines train the join model: those where a
#: column break cuts paragraphs and each piece is a line (the seed's shape, with and
#: without blank lines).
JOIN_STYLES = ("extracted", "tight")
#: ... and this many times more in the PDF model's training.
PDF_OWN_FACTOR = 3
#: Folders of a corpus that are not page texts.
NOT_STYLES = {"gold", "pdf", "variants"}


def styles_of(corpus: Path) -> list[str]:
    """The input styles the corpus holds (``text``, ``pdf-pdftotext``, ...)."""
    return sorted(path.name for path in corpus.iterdir() if path.is_dir() and path.name not in NOT_STYLES)


def split(corpus: Path, manifest: dict) -> dict[str, dict[str, list[str]]]:
    """Page ids per paper: ``train`` and ``test`` (the held-out paper: all ``test``)."""
    pages: dict[str, list[tuple[str, str]]] = {}
    for page in manifest["pages"]:
        pages.setdefault(page["paper"], []).append((page.get("date") or "", page["id"]))
    result = {}
    for paper, entries in sorted(pages.items()):
        entries.sort()
        if manifest["papers"][paper].get("held_out"):
            result[paper] = {"train": [], "test": [page for _, page in entries]}
            continue
        dates = sorted({date for date, _ in entries})
        cut = dates[int(len(dates) * (1 - TEST_SHARE))] if len(dates) > 1 else "~"
        result[paper] = {
            "train": [page for date, page in entries if date < cut],
            "test": [page for date, page in entries if date >= cut],
        }
    return result


def gold_of(corpus: Path, paper: str, page: str, style: str) -> Path:
    """The gold a page text of ``style`` is aligned with and scored against: for a typeset
    style (``pdf-*``, text extracted from the typeset page) the gold as that page printed
    it (``pdf/PAPER/ID.gold.json``: ``——`` before subheadlines, ``〓`` for characters no
    font has, see ``README-pdf.md``) where the corpus has it, else the e-paper's gold."""
    printed = corpus / "pdf" / paper / f"{page}.gold.json"
    if style.startswith("pdf-") and printed.is_file():
        return printed
    return corpus / "gold" / paper / f"{page}.json"


def own_pages() -> list[tuple[Path, Path]]:
    """The project's fixture pages and the seed, with their expectations."""
    fixtures = ROOT / "tests" / "fixtures" / "pages"
    pairs = [
        (path, path.with_name(path.name[: -len(".txt")] + ".expected.json")) for path in sorted(fixtures.glob("*.txt"))
    ]
    seed = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"
    return [*pairs, (seed, seed.with_name("000_80fb9983b63b8a66.expected.json"))]


def junction_table(corpus: Path, parts: dict[str, dict[str, list[str]]]) -> junctions.JunctionTable:
    """The junction table of the training pages' gold paragraphs (never a test page's, nor
    the held-out paper's)."""
    return junctions.JunctionTable.build(training_paragraphs(corpus, parts))


def stack_training(corpus: Path, parts: dict[str, dict[str, list[str]]]) -> list[tuple[str, str, str]]:
    """The two-line title stacks the stack model learns from: those of the training pages'
    gold (never a test page's, nor the held-out paper's) and of the project's own pages."""
    stacks = []
    for paper, split_ in parts.items():
        for page in split_["train"]:
            gold = corpus / "gold" / paper / f"{page}.json"
            if gold.is_file():
                stacks += stack_words.gold_stacks(json.loads(gold.read_text("utf-8")))
    for _, gold in own_pages():
        stacks += stack_words.gold_stacks(json.loads(gold.read_text("utf-8")))
    return stacks


def stack_scores(corpus: Path, parts: dict[str, dict[str, list[str]]], path: Path) -> list[dict]:
    """How many of each paper's test stacks (gold) the stack model alone reads right."""
    model = stack_words.StackModel(path)
    rows = []
    for paper, split_ in parts.items():
        right = {stack_words.KICKER_HEADLINE: [0, 0], stack_words.HEADLINE_SUBHEADLINE: [0, 0]}
        for page in split_["test"]:
            gold = corpus / "gold" / paper / f"{page}.json"
            if not gold.is_file():
                continue
            for upper, lower, label in stack_words.gold_stacks(json.loads(gold.read_text("utf-8"))):
                kicker = model.kicker_odds(upper, lower) > 0
                right[label][0] += kicker == (label == stack_words.KICKER_HEADLINE)
                right[label][1] += 1
        if any(total for _, total in right.values()):
            rows.append({"paper": paper, **{label: counts for label, counts in right.items()}})
    return rows


def score_rows(papers: dict, rows: list[dict], labels: tuple[str, str]) -> list[str]:
    """A word model's card table: per paper, ``right/total`` for each of its two labels and
    the share right of both."""
    first, second = labels
    lines = []
    for row in rows:
        name = papers[row["paper"]].get("name", row["paper"])
        held = " (held out)" if papers[row["paper"]].get("held_out") else ""
        right = row[first][0] + row[second][0]
        total = row[first][1] + row[second][1]
        lines.append(
            f"| {name}{held} | {row[first][0]}/{row[first][1]} | {row[second][0]}/{row[second][1]} "
            f"| {right / max(total, 1):.3f} |"
        )
    return lines


def card_day() -> dt.date:
    """The date a card gives its training: ``SOURCE_DATE_EPOCH``'s day, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def dates_line(trained: dt.date, scored: dt.date, reader: str) -> str:
    """A card's first line: the day its model was trained and the day its scores were measured."""
    return (
        f"Trained {trained.isoformat()} by `benchmarks/corpus/train_model.py`, scores measured {scored.isoformat()}; "
        f"read by `convert_core/reader/{reader}`."
    )


#: The stack card's score table: its head and the labels of its columns.
STACK_HEADER = ["| paper | KH right | HS right | all |", "|---|---|---|---|"]
STACK_LABELS = (stack_words.KICKER_HEADLINE, stack_words.HEADLINE_SUBHEADLINE)
#: The join card's.
JOIN_HEADER = ["| paper | `cont` right | `para` right | all |", "|---|---|---|---|"]
JOIN_LABELS = (join_words.GOES_ON, join_words.STARTS)


def render_stack_card(day: dt.date, manifest: dict, counts: dict[str, int], rows: list[dict]) -> str:
    """The stack model's card, in Markdown."""
    papers = manifest["papers"]
    kh, hs = stack_words.KICKER_HEADLINE, stack_words.HEADLINE_SUBHEADLINE
    lines = [
        "# The stack model (`stacks.crfsuite`)",
        "",
        dates_line(day, day, "stack_words.py"),
        "",
        "**What it is.** A maximum-entropy classifier (CRFsuite over one-item sequences, L-BFGS,",
        f"{', '.join(f'{key} {value}' for key, value in stack_words.STACK_PARAMS.items())}) of a stack of two",
        "title lines: kicker over headline (`KH`), or headline over subheadline (`HS`). Its",
        "features are the two lines' characters and character pairs, first and last characters,",
        "lengths, spaces, digits, quotes, commas and dashes. The reader adds its log-odds to the",
        "role model's for the same stack and takes the better reading (shipped role models only).",
        "",
        f"**Training data.** The two-line stacks of the training pages' gold ({counts[kh]} `KH`, {counts[hs]} `HS`),",
        "the project's own pages included; never a test page, never the held-out paper.",
        "",
        "**Scores** of the stack model alone on the gold stacks of the test pages (the words",
        "only, without the role model):",
        "",
        *STACK_HEADER,
    ]
    lines += score_rows(papers, rows, STACK_LABELS)
    lines += [
        "",
        "**Limits.** It has learned national and city dailies of mainland China in simplified",
        "script; a paper whose kickers and subheadlines read differently is better served by a",
        "role model of its own (`convert train`), which the stack model then leaves alone.",
        "",
    ]
    return "\n".join(lines)


def train_stack_model(corpus: Path, manifest: dict, parts: dict[str, dict[str, list[str]]], out: Path) -> None:
    """Train the stack model, measure it and write it with its card to ``out``."""
    counts = stack_words.train_stacks(stack_training(corpus, parts), out / stack_words.STACK_MODEL.name)
    rows = stack_scores(corpus, parts, out / stack_words.STACK_MODEL.name)
    atomic_write(out / "stacks.card.md", render_stack_card(card_day(), manifest, counts, rows).encode("utf-8"))
    for row in rows:
        print(json.dumps({"stack_model": row}, ensure_ascii=False))


def training_paragraphs(corpus: Path, parts: dict[str, dict[str, list[str]]], fold: int | None = None):  # type: ignore[no-untyped-def]
    """The gold paragraphs of the training pages (never a test page's, nor the held-out
    paper's); with ``fold``, of those not in that fifth of them (:func:`.paragraph_edges.fold_of`)."""
    for paper, split_ in parts.items():
        for page in split_["train"]:
            if fold is not None and paragraph_edges.fold_of(page) == fold:
                continue
            gold = corpus / "gold" / paper / f"{page}.json"
            if gold.is_file():
                for item in json.loads(gold.read_text("utf-8")).get("items", []):
                    yield from item.get("paragraphs") or []


def join_breaks(corpus: Path, parts: dict[str, dict[str, list[str]]], split_: str) -> dict[str, list]:
    """The breaks between body lines of each paper's ``split_`` pages in the
    :data:`JOIN_STYLES`, by page: ``(page, [(before, after, label), …])``, labels from the
    gold's alignment; for ``train`` the project's own pages too (as the page ``None``)."""

    def breaks(text: Path, gold: Path) -> list:
        return prepare_page(text.read_bytes(), read_gold(gold), name=text.name).breaks

    found: dict[str, list] = {}
    for paper, split_pages in parts.items():
        for style in JOIN_STYLES:
            for page in split_pages[split_]:
                text = corpus / style / paper / f"{page}.txt"
                if text.is_file():
                    entry = (page, breaks(text, corpus / "gold" / paper / f"{page}.json"))
                    found.setdefault(paper, []).append(entry)
    if split_ == "train":
        found["own"] = [(None, [entry for text, gold in own_pages() for entry in breaks(text, gold)])]
    return found


def join_examples(found: dict[str, list], full: paragraph_edges.EdgeTable, folds: list) -> list:
    """The join model's training examples ``(features, label)``: each training page's breaks
    read with the edge table built without its fifth of the pages (``folds``), the project's
    own pages (in no table) with the ``full`` one."""
    examples = []
    try:
        for entries in found.values():
            for page, breaks in entries:
                paragraph_edges.use(full if page is None else folds[paragraph_edges.fold_of(page)])
                examples += [(join_words.join_features(before, after), label) for before, after, label in breaks]
    finally:
        paragraph_edges.use(full)
    return examples


def train_join_model(corpus: Path, manifest: dict, parts: dict[str, dict[str, list[str]]], out: Path) -> None:
    """Build the paragraph edge table, train the join model (cross-fitted: see
    :func:`join_examples`), measure it alone on the test pages' breaks and write both, with
    the model's card, to ``out``."""
    full = paragraph_edges.EdgeTable.build(training_paragraphs(corpus, parts))
    folds = [
        paragraph_edges.EdgeTable.build(training_paragraphs(corpus, parts, fold))
        for fold in range(paragraph_edges.FOLDS)
    ]
    atomic_write(out / paragraph_edges.EDGES_FILE.name, full.to_bytes())
    examples = join_examples(join_breaks(corpus, parts, "train"), full, folds)
    path = out / join_words.JOIN_MODEL.name
    trained = pair_model.train_pairs(examples, join_words.JOIN_PARAMS, path, "join model")
    counts = {
        join_words.GOES_ON: trained.get(join_words.GOES_ON, 0),
        join_words.STARTS: trained.get(join_words.STARTS, 0),
    }
    rows = join_scores(corpus, parts, path)
    atomic_write(out / "joins.card.md", render_join_card(card_day(), manifest, counts, rows).encode("utf-8"))
    for row in rows:
        print(json.dumps({"join_model": row}, ensure_ascii=False))


def join_scores(corpus: Path, parts: dict[str, dict[str, list[str]]], path: Path) -> list[dict]:
    """How many of each paper's test breaks (between body lines, in the :data:`JOIN_STYLES`)
    the join model at ``path`` alone reads right."""
    model = join_words.JoinModel(path)
    rows = []
    for paper, pages in join_breaks(corpus, parts, "test").items():
        entries = [entry for _, breaks in pages for entry in breaks]
        odds = model.goes_on_odds([(before, after) for before, after, _ in entries])
        right = {join_words.GOES_ON: [0, 0], join_words.STARTS: [0, 0]}
        for (_, _, label), value in zip(entries, odds):
            right[label][0] += (value > 0) == (label == join_words.GOES_ON)
            right[label][1] += 1
        rows.append({"paper": paper, **right})
    return rows


def render_join_card(day: dt.date, manifest: dict, counts: dict[str, int], rows: list[dict]) -> str:
    """The join model's card, in Markdown."""
    papers = manifest["papers"]
    on, new = join_words.GOES_ON, join_words.STARTS
    lines = [
        "# The join model (`joins.crfsuite`)",
        "",
        dates_line(day, day, "join_words.py"),
        "",
        "**What it is.** A maximum-entropy classifier (CRFsuite over one-item sequences, L-BFGS,",
        f"{', '.join(f'{key} {value}' for key, value in join_words.JOIN_PARAMS.items())}) of a break between two",
        "lines of body text: the paragraph goes on (`cont`, a column break cut it) or a new one",
        "starts (`para`). Its features are the characters either side of the break (one to three),",
        "their shapes, the lengths of the two lines and of the clauses either side of the break,",
        "whether the line before holds a sentence's end or a comma, how often the two characters",
        "meet in news text (the junction table), and, after a short line (a subhead?), how many",
        "of the next line's first character pairs it holds, whether it has a comma and how it",
        "opens; before a short line, how that line ends; and how often the one to three",
        "characters either side of the break open or close a paragraph, against how often they",
        "are printed (the edge table, `edges.bin`; each training page read with a table built",
        "without its fifth of the pages). The reader",
        "adds its log-odds to the role model's for the same line where that model is unsure, and",
        "takes the better reading (the shipped e-paper role model, on pages that show column breaks).",
        "",
        f"**Training data.** The breaks between body lines of the training pages in the styles `{'`, `'.join(JOIN_STYLES)}`",
        f"(the seed's shape, with and without blank lines) and of the project's own pages: {counts[on]} `cont`,",
        f"{counts[new]} `para`, labelled by aligning each page with its gold; never a test page, never the held-out paper.",
        "",
        "**Scores** of the join model alone on the test pages' breaks (without the role model):",
        "",
        *JOIN_HEADER,
    ]
    lines += score_rows(papers, rows, JOIN_LABELS)
    lines += [
        "",
        "**Limits.** Alone it is weaker than the role model, which sees the page; its worth is in",
        "the breaks the role model is unsure of. A break after a full sentence stays a guess: a",
        "column may end right after one.",
        "",
    ]
    return "\n".join(lines)


def measure(pairs: list[tuple[Path, Path]], model: str | None) -> dict:
    """Scores of the reader with ``model`` on the pages, as ``convert evaluate`` gives them."""
    scores = []
    for page, gold in pairs:
        data = page.read_bytes()
        document = read_bytes(data, name=page.name, options=ReaderOptions(model=model))
        text, _, _ = decode(data, None)
        scores.append(score(document, load_gold(gold), source_text=text))
    return summary(scores)


def summary(scores: list) -> dict:
    """The totals of pages' scores (:func:`convert_core.evaluate.score`) that the cards and the
    benchmarks print: pages, gold articles, headline F1, the structure fields, lost characters."""
    total = aggregate(scores).to_dict()
    fields = total["article_fields"]
    return {
        "pages": len(scores),
        "articles": total["articles"]["gold"],
        "f1": total["articles"]["f1"],
        "structure": fields["structure"]["accuracy"],
        "kicker": fields["kicker"]["accuracy"],
        "subheadline": fields["subheadline"]["accuracy"],
        "paragraph_count": fields["paragraph_count"]["accuracy"],
        "lost": total["characters_lost"],
    }


def pairs(corpus: Path, paper: str, ids: list[str], style: str) -> list[tuple[Path, Path]]:
    """The page texts of ``style`` of the pages ``ids`` with their golds, where both exist."""
    found = []
    for page in ids:
        text, gold = corpus / style / paper / f"{page}.txt", gold_of(corpus, paper, page, style)
        if text.is_file() and gold.is_file():
            found.append((text, gold))
    return found


def use_models(out: Path) -> None:
    """Read pages with the role and word models in ``out`` as if they shipped (each page
    with the model for its kind, the word models beside them)."""
    role_models.DEFAULT_MODEL = out / role_models.DEFAULT_MODEL.name
    role_models.PDF_MODEL = out / role_models.PDF_MODEL.name
    role_models._load.cache_clear()
    stack_words.STACK_MODEL = out / stack_words.STACK_MODEL.name
    join_words.JOIN_MODEL = out / join_words.JOIN_MODEL.name
    pair_model.shipped.cache_clear()  # (read from their new place)


def measure_shipped(
    corpus: Path, manifest: dict, parts: dict[str, dict[str, list[str]]], rules: bool
) -> tuple[list[dict], dict]:
    """The reader's scores on each paper's test pages in every style (``rows``) and on the
    project's own pages (``own``), with the models in use and, with ``rules``, the
    hand-written rules alone too."""
    rows = []
    for paper in parts:
        held = bool(manifest["papers"][paper].get("held_out"))
        for style in styles_of(corpus):
            test = pairs(corpus, paper, parts[paper]["test"], style)
            if not test:
                continue
            row = {
                "paper": paper,
                "name": manifest["papers"][paper].get("name", paper),
                "style": style,
                "held_out": held,
            }
            row["model"] = measure(test, None)
            if rules:
                row["rules"] = measure(test, "none")
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False))
    own = {"model": measure(own_pages(), None)}
    if rules:
        own["rules"] = measure(own_pages(), "none")
    return rows, own


def write_scores(out: Path, trained: dt.date, scored: dt.date, rows: list[dict], own: dict) -> None:
    """``roles.scores.json``: the role card's scores as data."""
    data = {"trained": trained.isoformat(), "scored": scored.isoformat(), "rows": rows, "own_pages": own}
    atomic_write(out / "roles.scores.json", (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


#: A card's first line as :func:`dates_line` writes it, or as cards before it did.
_DATES_RE = re.compile(r"^Trained (\d{4}-\d{2}-\d{2}) by .*$", re.MULTILINE)


def rescored(card: str, scored: dt.date, table: list[str], reader: str) -> tuple[str, dt.date]:
    """``card`` with its score table (the first Markdown table after its ``**Scores**``
    paragraph) replaced by ``table`` and its first line dated ``scored`` for the scores (its
    training date kept); and that training date. A card without either is a ``ValueError``."""
    found = _DATES_RE.search(card)
    scores = card.find("**Scores**")
    if found is None or scores == -1:
        raise ValueError("not a model card of train_model.py (no training date or no scores)")
    trained = dt.date.fromisoformat(found.group(1))
    card = card[: found.start()] + dates_line(trained, scored, reader) + card[found.end() :]
    scores = card.find("**Scores**")
    lines = card[scores:].split("\n")
    first = next(index for index, line in enumerate(lines) if line.startswith("|"))
    last = next((index for index in range(first, len(lines)) if not lines[index].startswith("|")), len(lines))
    return card[:scores] + "\n".join(lines[:first] + table + lines[last:]), trained


def rescore_cards(corpus: Path, manifest: dict, parts: dict[str, dict[str, list[str]]], out: Path, rules: bool) -> None:
    """Measure the reader with the models, tables and cards in ``out`` as they are, and rewrite
    the score tables of the three cards and ``roles.scores.json`` (the models untouched)."""
    junctions.use(junctions.JunctionTable.from_bytes((out / junctions.TABLE_FILE.name).read_bytes()))
    paragraph_edges.use(paragraph_edges.EdgeTable.from_bytes((out / paragraph_edges.EDGES_FILE.name).read_bytes()))
    use_models(out)
    day = card_day()
    papers = manifest["papers"]
    stacks = stack_scores(corpus, parts, out / stack_words.STACK_MODEL.name)
    joins = join_scores(corpus, parts, out / join_words.JOIN_MODEL.name)
    rows, own = measure_shipped(corpus, manifest, parts, rules)
    tables = {
        "stacks.card.md": (STACK_HEADER + score_rows(papers, stacks, STACK_LABELS), "stack_words.py"),
        "joins.card.md": (JOIN_HEADER + score_rows(papers, joins, JOIN_LABELS), "join_words.py"),
        "roles.card.md": (ROLE_HEADER + role_score_rows(rows, own), "roles.py"),
    }
    trained = {}
    for name, (table, reader) in tables.items():
        card, trained[name] = rescored((out / name).read_text("utf-8"), day, table, reader)
        atomic_write(out / name, card.encode("utf-8"))
    write_scores(out, trained["roles.card.md"], day, rows, own)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="the corpus folder (default: corpus/)")
    parser.add_argument("--out", type=Path, default=role_models.MODELS_DIR, help="where the models and their card go")
    parser.add_argument("--rules", action="store_true", help="also measure the hand-written rules alone")
    parser.add_argument(
        "--train-styles",
        default=",".join(TRAIN_STYLES),
        metavar="STYLE[,STYLE…]",
        help=f"input styles that train the e-paper model (default {','.join(TRAIN_STYLES)}); the PDF "
        "model trains on every style; every style is measured",
    )
    parser.add_argument(
        "--own-weight",
        type=int,
        default=OWN_WEIGHT,
        metavar="N",
        help=f"how many times the project's own pages count in training (default {OWN_WEIGHT})",
    )
    parser.add_argument(
        "--words-only",
        action="store_true",
        help="train and measure only the junction table and the word models (stacks.crfsuite, "
        "joins.crfsuite; minutes), leaving the role models",
    )
    parser.add_argument(
        "--cards-only",
        action="store_true",
        help="train nothing: measure the reader with the models in --out as they are (the junction and "
        "edge tables too) and rewrite the score tables of their cards and roles.scores.json",
    )
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    manifest = json.loads((corpus / "MANIFEST.json").read_text("utf-8"))
    styles = styles_of(corpus)
    parts = split(corpus, manifest)
    started = time.perf_counter()
    if args.cards_only:
        rescore_cards(corpus, manifest, parts, args.out, args.rules)
        print(
            f"measured the models in {args.out} and rewrote their cards' scores in {time.perf_counter() - started:.0f} s"
        )
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    # the junction table the features read is built from the training pages' gold first;
    # the models are trained and measured with it, and it ships beside them
    table = junction_table(corpus, parts)
    junctions.use(table)
    atomic_write(args.out / junctions.TABLE_FILE.name, table.to_bytes())
    train_stack_model(corpus, manifest, parts, args.out)
    train_join_model(corpus, manifest, parts, args.out)
    if args.words_only:
        print(
            f"wrote the junction table and the word models with their cards to {args.out} in {time.perf_counter() - started:.0f} s"
        )
        return 0

    trained_styles = [style for style in args.train_styles.split(",") if style in styles]

    def training(chosen: list[str], weight: int) -> list:
        chosen_pairs = [
            pair for paper in parts for style in chosen for pair in pairs(corpus, paper, parts[paper]["train"], style)
        ]
        chosen_pairs += own_pages() * weight
        return [prepare_page(text.read_bytes(), read_gold(gold), name=str(text)) for text, gold in chosen_pairs]

    pages = training(trained_styles, args.own_weight)
    summary = train(pages, args.out / role_models.DEFAULT_MODEL.name)
    print(
        f"e-paper model: {summary['pages']} pages, {summary['lines']:,} lines ({time.perf_counter() - started:.0f} s)"
    )
    # the own pages are mostly PDF text in reading order (the seed's style), which the
    # typeset corpus pages, extracted out of order, seldom are: they count more here
    pdf_pages = training(styles, args.own_weight * PDF_OWN_FACTOR)
    pdf_summary = train(pdf_pages, args.out / role_models.PDF_MODEL.name)
    print(
        f"PDF model: {pdf_summary['pages']} pages, {pdf_summary['lines']:,} lines ({time.perf_counter() - started:.0f} s)"
    )
    used = [page for page in pages if page.alignment >= MIN_ALIGNMENT]
    use_models(args.out)
    rows, own = measure_shipped(corpus, manifest, parts, args.rules)
    roles = Counter(label for page in used for label in page.labels)
    day = card_day()
    card = render_card(
        day, manifest, parts, (trained_styles, styles), (summary, pdf_summary), roles, rows, own, args.own_weight
    )
    (args.out / "roles.card.md").write_text(card, encoding="utf-8")
    write_scores(args.out, day, day, rows, own)
    print(f"wrote the models, their card and scores to {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


#: The head of the role card's score table.
ROLE_HEADER = [
    "| paper | style | pages | F1 | structure | lost | rules alone: F1 | structure |",
    "|---|---|---|---|---|---|---|---|",
]


def role_score_rows(rows: list[dict], own: dict) -> list[str]:
    """The role card's score table's rows: each paper and style (:func:`measure_shipped`),
    then the project's own pages."""
    lines = []
    for row in rows:
        model, rules = row["model"], row.get("rules", {})
        held = " (held out)" if row["held_out"] else ""
        lines.append(
            f"| {row['name']}{held} | {row['style']} | {model['pages']} | {_cell(model['f1'])} | "
            f"{_cell(model['structure'])} | {model['lost']} | {_cell(rules.get('f1'))} | {_cell(rules.get('structure'))} |"
        )
    model, rules = own["model"], own.get("rules", {})
    lines.append(
        f"| the project's fixture pages and seed (trained on) | text | {model['pages']} | {_cell(model['f1'])} | "
        f"{_cell(model['structure'])} | {model['lost']} | {_cell(rules.get('f1'))} | {_cell(rules.get('structure'))} |"
    )
    return lines


def render_card(day, manifest, parts, styles, summaries, roles, rows, own, weight) -> str:  # type: ignore[no-untyped-def]
    """The models' card, in Markdown."""
    papers = manifest["papers"]
    epaper_styles, all_styles = styles
    summary, pdf_summary = summaries
    lines = [
        "# The reader's role models (`roles.crfsuite`, `roles-pdf.crfsuite`)",
        "",
        dates_line(day, day, "roles.py"),
        "",
        "**What they are.** Linear-chain conditional random fields (CRFsuite, L-BFGS) over the lines",
        "of a page. Each line's features (`convert_core/reader/features.py`) are shapes, layout,",
        "the hand-written rules' first reading and how much of the text after a short line the text",
        "before it shares (lexical cohesion, the page's own words compared, none kept) — never the",
        "page's words —, and at a column break how strongly the characters either side read as one",
        "paragraph in news text (the junction table `junctions.bin`, counts of characters and of",
        "character pairs in the training pages' gold paragraphs, built by this recipe and shipped",
        "with the models); the model gives each",
        f"line one of the roles {', '.join(f'`{label}`' for label in sorted(roles))}.",
        "The reader picks the model by the page's kind: `roles.crfsuite` for pages whose lines are",
        "whole paragraphs (e-paper and web text, with or without blank lines between, and PDF text",
        "whose paragraphs only a column break cuts, as the seed's), and `roles-pdf.crfsuite` for",
        "pages where every printed line is its own line (hard-wrapped PDF text). `--model FILE`",
        "reads every page with one model. Beside the shipped models, a stack of two title lines is",
        "weighed by its words too (`stacks.crfsuite`, see `stacks.card.md`).",
        "",
        "**Training data.** Real pages of papers nobody here wrote (the development corpus of",
        "`benchmarks/corpus/`, never committed), and the project's own fixture pages and the seed",
        f"(counted {weight} times, {weight * PDF_OWN_FACTOR} in the PDF model: they hold conventions the corpus",
        "shows too rarely to learn, and the PDF text in reading order of the seed's kind).",
        "The PDF styles were made for part of the corpus (`benchmarks/corpus/typeset_corpus.py`",
        "typesets each gold page and extracts it); the table says how many pages each style has.",
        f"`roles.crfsuite` trained on the styles {', '.join(f'`{style}`' for style in epaper_styles)}"
        f" ({summary['pages']} page texts, {summary['lines']:,} lines); `roles-pdf.crfsuite` on every",
        f"style, {', '.join(f'`{style}`' for style in all_styles)} ({pdf_summary['pages']} page texts,",
        f"{pdf_summary['lines']:,} lines). Pages whose lines were mostly not found in their gold (under",
        f"{MIN_ALIGNMENT:.0%}) were left out. The typeset styles (`pdf-*`) are aligned with, and scored",
        "against, the gold as their page printed it (`pdf/PAPER/ID.gold.json`, see",
        "`benchmarks/corpus/README-pdf.md`), the other styles against the e-paper's gold.",
        f"Settings: {', '.join(f'{key} {value}' for key, value in DEFAULT_PARAMS.items())}.",
        "",
        "| paper | pages trained | pages tested | held out |",
        "|---|---|---|---|",
    ]
    for paper, split_ in parts.items():
        held = "yes: never trained on" if papers[paper].get("held_out") else "no"
        lines.append(
            f"| {papers[paper].get('name', paper)} (`{paper}`) | {len(split_['train'])} | {len(split_['test'])} | {held} |"
        )
    lines += [
        "",
        "**Scores** of the reader as it ships (each page read with the model for its kind) on the",
        "test pages (the latest fifth of each trained paper's dates; the held-out paper whole), as",
        "`convert evaluate` measures them: headline F1, structure (kicker, subheadline and",
        "paragraph count all right, of the articles found), characters lost; and the hand-written",
        "rules alone (`--model none`) on the same pages.",
        "",
        *ROLE_HEADER,
        *role_score_rows(rows, own),
        "",
        "**Limits.** The trained papers are national and city dailies of mainland China in simplified",
        "script. Two-line title stacks without layout (is the first line a kicker or the headline?)",
        "remain the hardest call in plain text. PDF-extracted text is read far worse than e-paper",
        "text: extractors put a multi-column page's blocks out of order and cut its paragraphs at",
        "every column, so stories interleave; read the PDF itself (`convert page.pdf`) where you can.",
        "A paper reads best with a model fitted to its own archive: `convert train` (see the README).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
