"""Other papers' conventions on real pages: People's Daily's test pages of the development
corpus rewritten one convention at a time, and read. Prints a table (headline F1, structure,
bylines, dateline, characters lost); asserts nothing.

    python benchmarks/convention_stress.py                      # the first 120 test pages, extracted
    python benchmarks/convention_stress.py --pages 0 --style tight
    python benchmarks/convention_stress.py --only "byline 记者,headlines wrapped"
    python benchmarks/convention_stress.py --split train        # tune on training pages

The corpus's papers print their pages in few ways; the pages the reader meets print them in
many. Each rewrite changes one form on every page (its byline lines, its openings, its page
header, its subheadlines' dash, its dashes' character, its long headlines' line breaks) and leaves the text and the
gold alone (but for a field the form itself changes, such as a dateline), so what moves is what
the reader makes of the form (docs/reader-accuracy.md, "City papers' and wire pages' forms,
probed (stop 29)"; the ``city …`` rows, a city tabloid's forms: "A city tabloid's forms (stop
33)"). Needs the corpus (see benchmarks/corpus/README.md).
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "corpus"))

import train_model  # noqa: E402

from convert_core.evaluate import aggregate, score  # noqa: E402
from convert_core.gold import gold_from_dict  # noqa: E402
from convert_core.reader import ReaderOptions, read_text  # noqa: E402

_BYLINE = re.compile(r"^本报记者(\s+)(.+)$", re.MULTILINE)
_OPENING = re.compile(r"^(本报[^\s（(]{2,12}?电)\s*[（(](记者[^）)]{2,20})[）)]", re.MULTILINE)
_HEADER = re.compile(r"\A人民日报\s+(\d{4})年(\d\d)月(\d\d)日\s*\n+\s*(\d+)版[:：]?([^\n]*)")


def _verb_opening(text: str) -> str:
    """``本报北京7月31日电 （记者亓玉昆）`` -> ``本报北京7月31日电 记者亓玉昆报道：``."""

    def rewrite(match: re.Match[str]) -> str:
        return f"{match.group(1)} {''.join(match.group(2).split())}报道："

    return _OPENING.sub(rewrite, text)


def _section_header(text: str) -> str:
    """The page header as a city paper prints it: its section and page code (``新青年 A05``)."""
    return _HEADER.sub(lambda m: f"{m.group(5).strip() or '要闻'} A{m.group(4)[-2:]}", text, count=1)


def _horizontal_bars(text: str, gold: dict) -> str:
    """Every dash (``——``, ``—``) printed as the horizontal bar (``――``, U+2015), as text
    decoded from GB2312 by its standard table, or typed so, gives it; the gold's too (the
    gold is changed in place), so that what moves is how the reader reads the form."""

    def bars(value: object) -> object:
        if isinstance(value, str):
            return value.replace("\u2014", "\u2015")
        if isinstance(value, list):
            return [bars(item) for item in value]
        if isinstance(value, dict):
            return {key: bars(item) for key, item in value.items()}
        return value

    gold.update(bars(gold))  # type: ignore[arg-type]
    return text.replace("\u2014", "\u2015")


def _wrapped_headlines(text: str, gold: dict) -> str:
    """Every headline of 16 characters or more printed over two lines, the first the longer
    (a column fills every line of a wrapped title but the last)."""
    for item in gold.get("items", []):
        headline = (item.get("headline") or "").strip()
        if len(headline) >= 16 and "  " not in headline and f"\n{headline}\n" in text:
            cut = -(-len(headline) // 2)
            text = text.replace(f"\n{headline}\n", f"\n{headline[:cut]}\n{headline[cut:]}\n", 1)
    return text


#: The rewrites: each takes a page's text and its gold and gives the rewritten text.
REWRITES: dict[str, Callable[[str, dict], str]] = {
    "as printed": lambda text, gold: text,
    "byline ■本报记者": lambda text, gold: _BYLINE.sub(lambda m: "■本报记者 " + m.group(2), text),
    "byline 记者": lambda text, gold: _BYLINE.sub(lambda m: "记者 " + m.group(2), text),
    "byline 文/本报记者": lambda text, gold: _BYLINE.sub(lambda m: "文/本报记者 " + m.group(2), text),
    "byline 人民日报首席记者": lambda text, gold: _BYLINE.sub(lambda m: "人民日报首席记者 " + m.group(2), text),
    "opening 记者X报道：": lambda text, gold: _verb_opening(text),
    "opening 【记者 X】": lambda text, gold: _OPENING.sub(lambda m: f"{m.group(1)} 【{m.group(2)}】", text),
    "dateline 本报讯": lambda text, gold: re.sub(
        r"^本报[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电", "本报讯", text, flags=re.MULTILINE
    ),
    "no page header": lambda text, gold: "\n".join(text.split("\n")[2:]) if text.startswith("人民日报") else text,
    "header 新青年 A05": lambda text, gold: _section_header(text),
    "subheadline without its dash": lambda text, gold: re.sub(r"^[—－]{1,2}\s*", "", text, flags=re.MULTILINE),
    "dashes as horizontal bars ――": lambda text, gold: _horizontal_bars(text, gold),
    "headlines wrapped": _wrapped_headlines,
}

#: A wire paper's forms (stop 33): its own datelines and bylines in place of People's Daily's.
#: The gold keeps People's Daily's, so the dateline column falls by construction in the two
#: opening rows, and the bylines column in the last (``据新华社…电`` names no reporter).
REWRITES.update(
    {
        "opening 新华社…电(记者X)": lambda text, gold: _OPENING.sub(
            lambda m: f"新华社{m.group(1)[2:]}({m.group(2)})", text
        ),
        "byline 新华社记者": lambda text, gold: _BYLINE.sub(lambda m: "新华社记者 " + m.group(2), text),
        "credit 新华社记者 X 摄": lambda text, gold: re.sub(
            r"^本报记者\s+(\S.*?)\s*摄$", r"新华社记者 \1 摄", text, flags=re.MULTILINE
        ),
        "opening 据新华社…电": lambda text, gold: _OPENING.sub(lambda m: f"据新华社{m.group(1)[2:]} ", text),
    }
)


# A city tabloid's forms (docs/reader-accuracy.md, "A city tabloid's forms (stop 33)"): each
# rewrites one of People's Daily's forms into the one a city tabloid prints, the gold kept
# in step where the rewrite changes a field it scores (a dateline).
_OWN_BYLINE = re.compile(r"^本报记者\s+(.+)$", re.MULTILINE)
_PHOTO_CREDIT = re.compile(
    r"^(本报记者|新华社记者)?\s*([\u4e00-\u9fff][\u4e00-\u9fff ]{0,6}[\u4e00-\u9fff])\s*摄$", re.MULTILINE
)
_WEEKDAYS = "一二三四五六日"


def _city_byline(label: str, parts: bool = True, form: str = "{label} {names}") -> Callable[[str, dict], str]:
    """``本报记者 X  本报通讯员 Y`` -> ``快报记者 X 通讯员 Y`` (``label`` for ``快报记者``, in
    ``form``); with ``parts=False`` a line the gold keeps as a paragraph (a package's part's
    byline, inside one article) keeps People's Daily's label."""

    def rewrite(text: str, gold: dict) -> str:
        kept = set()
        if not parts:
            kept = {
                "".join(paragraph.split())
                for item in gold.get("items", [])
                for paragraph in item.get("paragraphs") or ()
                if paragraph.lstrip().startswith("本报记者")
            }

        def one(match: re.Match[str]) -> str:
            if "".join(match.group(0).split()) in kept:
                return match.group(0)
            names = " ".join(match.group(1).replace("本报通讯员", "通讯员").split())
            return form.format(label=label, names=names)

        return _OWN_BYLINE.sub(one, text)

    return rewrite


def _city_opening(text: str, gold: dict) -> str:
    """``本报北京7月31日电 (记者亓玉昆)`` -> ``快报讯 (记者 亓玉昆)``; the gold's dateline too."""
    for item in gold.get("items", []):
        if re.fullmatch(r"本报\S{2,12}?电", item.get("dateline") or ""):
            item["dateline"] = "快报讯"

    def rewrite(match: re.Match[str]) -> str:
        bracket = match.group(0)[len(match.group(1)) :].strip()[0]
        return f"快报讯 {bracket}记者 {''.join(match.group(2)[2:].split())}{')' if bracket == '(' else '）'}"

    text = _OPENING.sub(rewrite, text)
    # (an opening a column break cut before its reporters' bracket closes: its dateline alone)
    return re.sub(r"^本报[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电", "快报讯", text, flags=re.MULTILINE)


def _city_photo_credits(text: str, gold: dict) -> str:
    """A picture's credit as a city tabloid prints it: ``本报记者 X摄`` -> ``快报记者 X 摄``,
    ``新华社记者 X摄`` -> ``视觉中国供图``, a bare ``X摄`` -> ``通讯员 X 供图``."""

    def rewrite(match: re.Match[str]) -> str:
        name = "".join(match.group(2).split())
        if match.group(1) == "本报记者":
            return f"快报记者 {name} 摄"
        if match.group(1) == "新华社记者":
            return "视觉中国供图"
        return f"通讯员 {name} 供图"

    return _PHOTO_CREDIT.sub(rewrite, text)


def _city_header(text: str, gold: dict) -> str:
    """The page header as a city tabloid prints it: ``都市快报 2026年4月26日 星期日 A01 要闻``
    (People's Daily's ``人民日报 2026年04月26日 第01版:要闻``, on one line or two)."""
    match = re.match(r"\A人民日报\s+(\d{4})年(\d\d)月(\d\d)日\s*第?(\d+)版[:：]?([^\n]*)", text)
    if match is None:
        return text
    year, month, day = (int(match.group(n)) for n in (1, 2, 3))
    weekday = _WEEKDAYS[datetime.date(year, month, day).weekday()]
    section = match.group(5).strip() or "要闻"
    header = f"都市快报 {year}年{month}月{day}日 星期{weekday} A{match.group(4)[-2:]} {section}"
    return header + text[match.end() :]


def _city_staff(text: str, gold: dict) -> str:
    """The page's staff line as a city tabloid prints it: ``本版责编:X`` -> ``责任编辑 X``,
    ``版式设计:Y`` -> ``美术编辑 Y``."""
    text = re.sub(r"^本版责编[:：]\s*", "责任编辑 ", text, flags=re.MULTILINE)
    return re.sub(r"^版式设计[:：]\s*", "美术编辑 ", text, flags=re.MULTILINE)


def _city_hotline(text: str, gold: dict) -> str:
    """A tabloid's news hotline printed under the page header (first on a page with none)."""
    line = "快报热线 85100000 微信 dskb0571"
    header = re.match(r"\A人民日报[^\n]*日\s*(?:\n\s*)?第?\d+版[^\n]*\n", text)
    if header is None:
        return f"{line}\n\n{text}"
    return f"{text[: header.end()]}\n{line}\n{text[header.end() :]}"


#: A city tabloid's forms, one at a time (stop 33).
CITY_REWRITES: dict[str, Callable[[str, dict], str]] = {
    "city byline 快报记者": _city_byline("快报记者"),
    "city byline 快报记者 (parts kept)": _city_byline("快报记者", parts=False),
    "city byline 快报首席记者": _city_byline("快报首席记者", parts=False),
    "city byline 晚报记者": _city_byline("晚报记者", parts=False),
    "city byline 文/图 快报记者": _city_byline("快报记者", parts=False, form="文/图 {label} {names}"),
    "city byline 文/X": _city_byline("", parts=False, form="文/{names}"),
    "city opening 快报讯 (记者 X)": _city_opening,
    "city photo credits": _city_photo_credits,
    "city header 都市快报": _city_header,
    "city staff 责任编辑": _city_staff,
    "city hotline": _city_hotline,
}


def _city_page(text: str, gold: dict) -> str:
    """Every city form above at once, on one page (the package parts' bylines kept)."""
    for name in (
        "city byline 快报记者 (parts kept)",
        "city opening 快报讯 (记者 X)",
        "city photo credits",
        "city staff 责任编辑",
        "city hotline",
        "city header 都市快报",
    ):
        text = CITY_REWRITES[name](text, gold)
    return text


CITY_REWRITES["city page (all these forms)"] = _city_page
REWRITES.update(CITY_REWRITES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="the corpus folder (default: corpus/)")
    parser.add_argument("--style", default="extracted", help="the input style read (default: extracted)")
    parser.add_argument("--pages", type=int, default=120, help="the first N pages of the split (0: all; default 120)")
    parser.add_argument(
        "--split",
        choices=("train", "test"),
        default="test",
        help="People's Daily's pages read: train (to tune a rule on) or test (to report; default)",
    )
    parser.add_argument("--only", help="the rewrites to run, by name, comma-separated (default: all)")
    parser.add_argument("--model", help="a role model file, or 'none' (default: the shipped one)")
    args = parser.parse_args()
    manifest_path = args.corpus / "MANIFEST.json"
    if not manifest_path.is_file():
        print(f"no corpus at {args.corpus} (see benchmarks/corpus/README.md)", file=sys.stderr)
        return 2
    parts = train_model.split(args.corpus, json.loads(manifest_path.read_text(encoding="utf-8")))
    pages = parts["rmrb"][args.split][: args.pages or None]
    chosen = args.only.split(",") if args.only else list(REWRITES)
    unknown = [name for name in chosen if name not in REWRITES]
    if unknown:
        print(f"unknown rewrite(s): {', '.join(unknown)} (known: {', '.join(REWRITES)})", file=sys.stderr)
        return 2
    print(f"{len(pages)} People's Daily {args.split} pages, {args.style}")
    print(f"{'every … printed as':32s} {'F1':>6s} {'struct':>7s} {'bylines':>8s} {'dateline':>9s} {'lost':>5s}")
    for name in chosen:
        scores = []
        for page in pages:
            path = args.corpus / args.style / "rmrb" / f"{page}.txt"
            gold_path = train_model.gold_of(args.corpus, "rmrb", page, args.style)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = REWRITES[name](path.read_text(encoding="utf-8"), gold)
            document = read_text(text, name=path.name, options=ReaderOptions(model=args.model))
            scores.append(score(document, gold_from_dict(gold, path=str(gold_path)), source_text=text))
        total = aggregate(scores).to_dict()
        fields = total["article_fields"]
        print(
            f"{name:32s} {total['articles']['f1']:6.3f} {fields['structure']['accuracy']:7.3f} "
            f"{fields['bylines']['accuracy']:8.3f} {fields['dateline']['accuracy']:9.3f} {total['characters_lost']:5d}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
