"""The reader's shortcuts give what the plain rule gives.

Where the reader skips work (a search started late, a pattern tried only where a
character it needs stands, a page's lines handled in one pass, a length measured once),
these tests compare the shortcut with the plain form on random text made of the
characters that matter, and on hand-picked cases.
"""

from __future__ import annotations

import random
import re
import sys
from itertools import pairwise

from convert_core.reader import (
    _language,
    chinese_script,
    cjk_count,
    datelines,
    decoding,
    edition,
    furniture,
    headlines,
    people,
    punctuation,
    read_text,
    segmenter,
    spacing,
    text,
)
from convert_core.reader.body import _lost_character
from convert_core.reader.lines import _CONTROL_RE, _has_controls
from convert_core.reader.text import cre, tc

RNG_SEED = 20260


def _random_texts(alphabet: list[str], count: int, longest: int, seed: int = RNG_SEED) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_tail_credit_widths_are_the_patterns_own():
    """The widths the tail-credit search starts from are those of the pattern's forms with
    each run of spaces one character long (re's own parser measures them)."""
    source = people._TAIL_CREDIT_RE.pattern
    squeezed = source.replace(r"\s*", r"\s?").replace(r"\s+", r"\s")
    body = squeezed[len("(?P<credit>(?:") : -len(r"))\s?$")]
    alternatives = _top_level_alternatives(body)
    assert len(alternatives) == 6
    photographed, agency, label, slash, supplied, archive = (re._parser.parse(a).getwidth()[1] for a in alternatives)
    before_shot = alternatives[0][: alternatives[0].index("(?:[摄攝]影|[摄攝])")]
    assert re._parser.parse(before_shot).getwidth()[1] == people.TAIL_CREDIT_WIDTHS["before 摄"]
    assert label <= people.TAIL_CREDIT_WIDTHS["摄影"]
    assert slash <= people.TAIL_CREDIT_WIDTHS["图/"]
    assert supplied <= people.TAIL_CREDIT_WIDTHS["供图"]
    assert archive == 4 and photographed < 60 and agency > 10**9  # 新华社发's bracket has no bound


def _top_level_alternatives(source: str) -> list[str]:
    parts, depth, current, index = [], 0, "", 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            current += source[index : index + 2]
            index += 2
            continue
        if char == "[":
            close = source.index("]", index + 2)
            current += source[index : close + 1]
            index = close + 1
            continue
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    return [*parts, current]


def test_tail_credit_search_from_its_start_finds_what_a_whole_search_finds():
    alphabet = [
        *"摄攝影图圖供资資料片制製本版报報新华華社发發记記者通讯訊员員王李张高鸿勋。！？!?，,；;：:“”（）()/／ 　\nA1"
    ]
    alphabet += ["摄影", "供图", "新华社发", "记者", "资料图片", " 摄", "图/", "（人民视觉）"]
    texts = _random_texts(alphabet, 8000, 30)
    filler = _random_texts([*"中文字词句测试内容。，"], 8000, 90, seed=RNG_SEED + 1)
    texts += [a + b for a, b in zip(filler, texts)]
    texts += ["建设路东环路至开源路段北侧的人行道。高鸿勋 摄", "新华社发（张三 摄）", "资料图片", "摄影 王平 李明"]
    rng = random.Random(RNG_SEED + 2)
    for _ in range(4000):  # credits of every length after a sentence, as captions end
        names = " ".join(rng.choice(["王平", "李", "张三丰", "欧阳小明", "赵 四"]) for _ in range(rng.randint(1, 7)))
        texts.append(
            rng.choice(["", "市民在公园赏花。", "春暖花开，", "“好！”"])
            + rng.choice(["", "本报", "新华社", " "])
            + rng.choice(["", "记者", "摄影记者", "通讯员 "])
            + rng.choice(["", " "])
            + names
            + rng.choice(["", " ", "/", " /"])
            + rng.choice(["摄", "摄影", "攝"])
            + rng.choice(["", "（人民视觉）", " (CFP)", "（一二三四五六七八九十一二三）"])
            + rng.choice(["", " ", "\n"])
        )
    matched = 0
    for line in texts:
        whole = people._TAIL_CREDIT_RE.search(line)
        late = people._TAIL_CREDIT_RE.search(line, people._tail_credit_start(line))
        assert (whole and (whole.span(), whole.groupdict())) == (late and (late.span(), late.groupdict())), line
        matched += whole is not None
    assert matched > 1000


def test_the_page_marks_are_made_full_width_as_line_by_line():
    lines = _random_texts([*"中文,;:?!()ab1 。“（"], 3000, 12)
    rng = random.Random(RNG_SEED)
    for start in range(0, len(lines), 7):
        page = lines[start : start + rng.randint(1, 7)]
        one_by_one = [punctuation.normalize_punctuation(line) for line in page]
        texts, total = punctuation.normalize_lines(page)
        assert texts == [line for line, _ in one_by_one]
        assert total == sum(count for _, count in one_by_one)
    with_line_end = ["中,\n文", "中,文"]  # a line holding a line end: read one at a time
    assert punctuation.normalize_lines(with_line_end) == (["中，\n文", "中，文"], 2)


def test_full_dates_event_days_and_years_are_found_as_the_digit_first_patterns_find_them():
    full = furniture.FULL_DATE_RE
    event = cre(r"(?P<m>\d\d?)月(?P<d>\d{1,2})日(?=[，,上下中晚早凌傍午夜起前后、]|$)")
    year = cre(r"((?:19|20)\d{2})年")
    alphabet = [*"0123456789１２年月日 \u3000至，后晚x", "2019年", "12月", "2020 年"]
    for line in [*_random_texts(alphabet, 20_000, 24), "123月4日，", "2019 年 3 月 4 日", "١٢月٣日，"]:
        expected = [(m.group("y"), m.group("m"), m.group("d")) for m in full.finditer(line)]
        assert edition._full_dates(line) == expected, line
        days = [(m.start(), m.group("m"), m.group("d")) for m in event.finditer(line)]
        found = [
            (start, line[start : m.start()], m.group("d"))
            for m in edition._EVENT_DAY_RE.finditer(line)
            if (start := edition._month_start(line, m.start())) is not None
        ]
        assert found == days, line
        years = [(m.start(1), m.group(1)) for m in year.finditer(line)]
        assert [(m.start("y"), m.group("y")) for m in edition._YEAR_RE.finditer(line)] == years, line


def test_a_dateline_is_looked_for_only_where_an_agency_can_end():
    """Every agency and suffix the dateline pattern knows ends within the reach searched,
    and on lines with and without one the shortcut matches as the pattern does."""
    longest = max(
        max(map(len, datelines._AGENCIES.split("|"))), 8 + max(map(len, datelines._AGENCY_SUFFIXES.split("|")))
    )
    assert 2 + longest <= datelines._AGENCY_REACH
    alphabet = [
        *"本报新华社据东州日报县融媒体中心北京4月26日电讯记者通讯员，。 【】",
        "本报讯",
        "新华社北京电",
        "东州日报讯",
    ]
    alphabet += [*"0123456789月日·電訊消息道报報 网社", "新华社", "融媒体中心", "广播电视台"]
    for line in [*_random_texts(alphabet, 40000, 40), "据新华社北京4月26日电", "【本报讯】", "快报讯 记者"]:
        plain = datelines.DATELINE_RE.match(line)
        if plain is not None:  # no dateline is refused for want of its last word where it can be
            assert datelines._may_end_dateline(line), line
        shortcut = datelines.match_dateline(line)
        if shortcut is not None:
            assert plain is not None and shortcut.span() == plain.span()
        elif plain is not None:  # refused by the checks after the pattern, not by the reach
            assert datelines._AGENCY_END_RE.search(line, 0, datelines._AGENCY_REACH)


def test_lost_characters_are_found_between_bounds_as_in_a_copy_of_that_text():
    rng = random.Random(RNG_SEED)
    for _ in range(8000):
        page = "".join(rng.choice("ab\ncd") for _ in range(rng.randint(0, rng.choice((30, 400)))))
        left, right = ("".join(rng.choice("abc\n") for _ in range(rng.randint(0, 4))) for _ in range(2))
        start = rng.randint(0, len(page))
        end = rng.randint(start, len(page) + 5)
        assert _lost_character(left, right, page, start, end) == _lost_character(left, right, page[start:end])
    # the join itself on the page says nothing was lost, wherever it stands
    for page in ("abcd abXcd", "abXcd abcd", "ab\ncd abcd"):
        assert _lost_character("xab", "cdy", page) is None
    assert _lost_character("xab", "cdy", "ab\ncd abXcd") == "abXcd"


def test_a_pairs_places_are_found_by_its_characters_as_the_plain_search_finds_them():
    from convert_core.reader.text import _PLACE_TRIES, pair_places

    def plain(text: str, pair: str, start: int, end: int) -> list[int]:
        found, at = [], text.find(pair, start, end)
        while at != -1:
            found.append(at)
            at = text.find(pair, at + 1, end)
        return found

    rng = random.Random(RNG_SEED)
    alphabet = [*"ab平台的\n", "\U00020000"]
    texts = [*_random_texts(alphabet, 20_000, 60), "的平" * (_PLACE_TRIES + 3) + "平台", "平" * 40, "ab" * 40]
    for page in texts:
        for pair in ("平台", "的平", "aa", "ab", "\U00020000b", "平平"):
            start = rng.randint(0, len(page))
            end = rng.choice((len(page), rng.randint(0, len(page) + 3)))
            assert list(pair_places(page, pair, start, end)) == plain(page, pair, start, end), (page, pair)
            assert list(pair_places(page, pair)) == plain(page, pair, 0, len(page)), (page, pair)


def test_text_decoded_from_utf8_holds_no_surrogate_so_none_is_looked_for():
    from convert_core.errors import InputError
    from convert_core.reader.decoding import decode
    from convert_core.reader.lines import _has_surrogates

    rng = random.Random(RNG_SEED)
    pieces = [b"\xed\xa0\x80", b"\xed\xbf\xbf", "\ud7ff\ue000\U00010000报".encode(), b"a\r\n", b"\xe6\x8a"]
    decoded = 0
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        try:
            text, encoding, _ = decode(data)
        except InputError:  # not text at all: nothing read
            continue
        if encoding == "utf-8":
            decoded += 1
            assert not _has_surrogates(text), data
    assert decoded


def test_word_patterns_in_both_scripts_search_as_the_widened_ones():
    weekday = cre(r"(?:星期|周|礼拜)[一二三四五六日天]")
    credit = cre(r"[图摄发]|提供|漫画")
    alphabet = [*"星期周礼禮拜一日天图圖摄攝发發提供漫画畫：: \n同志编辑您好们"]
    for line in [*_random_texts(alphabet, 20_000, 12), "编辑同志：\n", "你好 ："]:
        found, plain = furniture.WEEKDAY_RE.search(line), weekday.search(line)
        assert (found and found.span()) == (plain and plain.span()), line
        assert furniture.WEEKDAY_RE.sub("", line) == weekday.sub("", line)
        assert bool(people._CREDIT_NEEDS_RE.search(line)) == bool(credit.search(line)), line
        assert segmenter._salutation(line) == bool(segmenter._SALUTATION_RE.search(line)), line
    assert tc(r"(?:星期|周|礼拜)") == r"(?:星期|周|[礼禮]拜)"  # the two scripts written out are these


def test_a_bylines_verb_and_colon_are_found_as_the_widened_alternation_finds_them():
    """The verb-and-colon patterns, each alternative starting with a plain character, match
    where :func:`tc` of the plain alternation matches (``[报報]道|…``), at the same span."""
    plain = r"(?:" + "|".join(people.BYLINE_VERBS) + r")\s*[:：]"
    pairs = (
        (datelines._BYLINE_VERB_COLON_RE, cre(plain)),
        (datelines._VERB_COLON_RE, cre("^" + plain)),
        (datelines._BYLINE_VERB_END_RE, cre(plain + "$")),
    )
    alphabet = [*"报報道导導采写综綜合：: 记者王", "报道", "報導", "综合报道", "采写"]
    for line in [*_random_texts(alphabet, 20_000, 10), "本报记者 王一 报道：近日", "記者張三綜合報導 ："]:
        for fast, widened in pairs:
            found, wide = fast.search(line), widened.search(line)
            assert (found and found.span()) == (wide and wide.span()), line
            found, wide = fast.match(line), widened.match(line)
            assert (found and found.span()) == (wide and wide.span()), line


def test_any_label_is_found_by_the_labels_no_other_holds():
    every = cre("(?:" + "|".join(map(re.escape, sorted(people._LABEL_WORDS))) + ")")
    alphabet = [*"本报记者通讯员文图摄影编辑读者市民王李张，/ ", *sorted(people._LABEL_WORDS)[:20]]
    for line in _random_texts(alphabet, 20_000, 10):
        assert people.has_label(line) == bool(every.search(line)), line


def test_parallel_phrases_and_the_page_language_as_the_plain_rules_read_them():
    for line in [*_random_texts([*"手机扫一下 定位\u3000就明确\t"], 5000, 14), "", " a", "a "]:
        plain = headlines._PARALLEL_RE.match(line) is not None or line.count(" ") >= 2
        assert headlines.is_parallel(line) == plain, line
    for sample in _random_texts([*"中文字abc ，。1"], 300, 1500) + _random_texts([*"abc 中"], 100, 900):
        ideographs = cjk_count(sample)
        if ideographs >= 0.25 * len(sample):
            expected = "zh-Hant" if chinese_script(sample) == "Hant" else "zh-CN"
            assert _language(sample) == expected


def test_visible_lengths_are_remembered_for_one_page_only():
    text.new_page()
    assert text.visible_length("中文 ab") == 3.0 and "中文 ab" in text._LENGTHS
    read_text("一页新闻\n\n本报讯 正文。\n")
    assert "中文 ab" not in text._LENGTHS  # reading a page forgets the one before
    assert text.visible_length("中文 ab") == 3.0
    assert datelines.match_dateline("本报讯 正文。") is not None and "本报讯 正文。" in datelines._DATELINES
    assert people.split_label("记者王平") == ("记者", "王平") and "记者王平" in people._SPLITS
    read_text("另一页\n\n正文。\n")
    assert "本报讯 正文。" not in datelines._DATELINES  # nor the datelines it asked
    assert "记者王平" not in people._SPLITS


def test_memos_asked_by_get_answer_and_remember_as_a_memos_miss_does(monkeypatch):
    """visible_length, match_dateline and parse_closing ask their page memo by ``get`` and
    work a miss out themselves: the answers are the functions' own, kept once (a ``None``
    too: asked again, it is not worked out again), and a memo full at
    :data:`.text.MAX_PAGE_MEMO` starts again as :class:`.text.Memo` does."""
    lines = ["本报讯 正文。", "（记者 王平）", "新华社北京4月26日电 正文", "正文。", "中文 ab", "", "（完）"]
    text.new_page()
    for line in lines * 2:
        assert text.visible_length(line) == text._measure(line)
        found, plain = datelines.match_dateline(line), datelines._match_dateline(line)
        assert (found and found.span()) == (plain and plain.span())
        assert datelines.parse_closing(line) == datelines._parse_closing(line)
    assert set(lines) <= set(text._LENGTHS) and set(lines) <= set(datelines._DATELINES)
    assert set(lines) <= set(datelines._CLOSINGS)
    calls = []
    monkeypatch.setattr(datelines, "_match_dateline", lambda line: calls.append(line))
    assert datelines.match_dateline("正文。") is None and calls == []  # its None kept, not asked again
    monkeypatch.setattr(text, "MAX_PAGE_MEMO", len(text._LENGTHS))
    assert text.visible_length("新的一行") == 4.0 and list(text._LENGTHS) == ["新的一行"]
    text.new_page()


#: What :func:`_edge_characters` gives for ``\d`` (a decimal digit).
_DIGIT = r"\d"


def _edge_characters(items: list, *, from_end: bool = False) -> tuple[set[str], bool]:
    """The characters a match of ``items`` (a parsed pattern, or a piece of one) can start
    with (``from_end``: end with), and whether it can match the empty string;
    :class:`ValueError` for what it cannot tell. The pattern is walked from that edge: an
    anchor at it takes no character, the anchor at the other edge ends the walk."""
    from re import _constants as c

    at_edge, at_other = (c.AT_END, c.AT_BEGINNING) if from_end else (c.AT_BEGINNING, c.AT_END)
    chars: set[str] = set()
    for op, value in reversed(items) if from_end else items:
        if op is c.AT and value is at_edge:
            continue
        if op is c.AT and value is at_other:
            return chars, True  # the text's other edge: nothing beyond it
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue  # a lookaround takes no character
        if op is c.LITERAL:
            return chars | {chr(value)}, False
        if op is c.IN:
            for kind, item in value:
                if kind is c.LITERAL:
                    chars.add(chr(item))
                elif kind is c.CATEGORY and item in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                    chars.update(text.WHITESPACE)  # (checked below to be what \s matches)
                elif kind is c.CATEGORY and item in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
                    chars.add(_DIGIT)  # (checked to be what str.isdecimal tells)
                elif kind is c.RANGE and item[1] - item[0] < 5000:
                    chars.update(map(chr, range(item[0], item[1] + 1)))
                else:
                    raise ValueError(f"a class with {kind}")
            return chars, False
        if op is c.SUBPATTERN:
            if value[1] or value[2]:
                raise ValueError("inline flags")
            found, empty = _edge_characters(list(value[3]), from_end=from_end)
        elif op is c.BRANCH:
            branches = [_edge_characters(list(branch), from_end=from_end) for branch in value[1]]
            found = set().union(*(edge for edge, _ in branches))
            empty = any(empty for _, empty in branches)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, empty = _edge_characters(list(value[2]), from_end=from_end)
            empty = empty or value[0] == 0
        else:
            raise ValueError(f"{op}")
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def test_a_pattern_is_asked_only_of_texts_starting_as_its_matches_can():
    """The characters each anchored pattern is gated by (:func:`.text.starts_of`) hold every
    character its matches can start with, as its parsed form says; and no gate lets an
    empty text by unasked."""
    from re import _parser

    spaces = "".join(char for char in map(chr, range(0x110000)) if re.match(r"\s", char))
    assert spaces == text.WHITESPACE
    assert len(text.STARTS) >= 10
    for pattern, chars in text.STARTS:
        assert not pattern.flags & re.IGNORECASE and not pattern.flags & re.MULTILINE, pattern.pattern
        parsed = list(_parser.parse(pattern.pattern, pattern.flags))
        assert parsed[0] == (_parser.AT, _parser.AT_BEGINNING), pattern.pattern  # anchored
        first, empty = _edge_characters(parsed)
        assert not empty and first <= set(chars), (pattern.pattern, sorted(first - set(chars)))
        assert isinstance(chars, str)  # so that text[:1] of an empty text passes: the pattern decides


def _ends_anchored(items: list) -> bool:
    """Whether every match of ``items`` (a parsed pattern) ends at ``$``."""
    from re import _constants as c

    op, value = items[-1]
    if op is c.AT:
        return value is c.AT_END
    if op is c.BRANCH:
        return all(_ends_anchored(list(branch)) for branch in value[1])
    if op is c.SUBPATTERN:
        return _ends_anchored(list(value[3]))
    return False


def test_a_pattern_is_asked_only_of_texts_ending_as_its_matches_can():
    """The characters each end-anchored pattern is gated by (:func:`.text.ends_of`) hold
    every character its matches can end with, as its parsed form says, and a line end
    (``$`` matches before a last one); a gate is a string, so that an empty text is let by
    (the pattern decides)."""
    from re import _parser

    assert len(text.ENDS) >= 4
    for pattern, chars in text.ENDS:
        assert not pattern.flags & re.MULTILINE, pattern.pattern
        parsed = list(_parser.parse(pattern.pattern, pattern.flags))
        assert _ends_anchored(parsed), pattern.pattern
        last, empty = _edge_characters(parsed, from_end=True)
        assert not empty and last <= set(chars), (pattern.pattern, sorted(last - set(chars)))
        assert isinstance(chars, str) and "\n" in chars


def test_a_bracketed_closing_line_reads_as_without_the_gates(monkeypatch):
    """A bracketed closing line (:func:`.datelines._parse_closing`) read with the patterns
    of its notes asked only where its last character lets them match reads as when each
    is asked: on the closings' own words and on random bracketed lines."""
    alphabet = [
        *"党委组部员院所会室局江苏读者王平参与采写访道贡献相关报见第版本系列完结束新华社报网日（）、 ",
        "寫",
        "網",
    ]
    lines = [f"（{inner}）" for inner in _random_texts(alphabet, 20_000, 14)]
    lines += [
        "（王平参与采写）",
        "（相关报道见第二版）",
        "（本系列评论到此结束）",
        "（完）",
        "（新华社）",
        "（某公司党委）",
    ]
    lines += ["（江苏淮安 读者 韩建国）", "（中国日报網）", "（实习生王平亦有贡献）", "（人民日报）"]
    gates = ("_CREDIT_NOTE_ENDS", "_AGENCY_ONLY_ENDS", "_GROUP_AUTHOR_ENDS")
    gated = [datelines._parse_closing(line) for line in lines]
    for gate in gates:  # every character lets every pattern be asked: the plain reading
        monkeypatch.setattr(datelines, gate, _ALL_CHARACTERS)
    plain = [datelines._parse_closing(line) for line in lines]
    assert gated == plain
    assert sum(closing is not None for closing in plain) >= 10


def test_a_credit_reads_as_without_the_gates_of_its_patterns(monkeypatch):
    """``parse_credit`` asks its patterns of names before a word only of a line ending as
    their matches can (:data:`.people._CREDIT_SUFFIX_ENDS` …): the same credits as when each
    is asked, on credits and on random short lines holding a credit's words."""
    alphabet = [*"高鸿勋王平 摄影图供提发新华社（）()/／文本报记者银课堂", "攝", "圖", "拍摄", "供图", "提供"]
    lines = [*_random_texts(alphabet, 30_000, 16), "高鸿勋 摄", "王平摄（人民视觉）", "李华/图", "东州市体育局供图"]
    lines += ["受访者供图", "新华社发（张三 摄）", "为社区“银发课堂”点赞", "图/视觉中国", "本报记者 王平 摄影"]
    gated = [people.parse_credit(line) for line in lines]
    for gate in ("_CREDIT_SUFFIX_ENDS", "_CREDIT_SLASH_ENDS", "_SUPPLIED_ENDS"):
        monkeypatch.setattr(people, gate, _ALL_CHARACTERS)
    assert gated == [people.parse_credit(line) for line in lines]
    assert sum(bool(credit) for credit in gated) >= 100


def test_a_name_is_refused_by_a_column_word_it_ends_with_as_by_every_such_word():
    """``is_name`` asks whether a token ends with a column's or a briefs column's word only
    of the words that end as it does (:data:`.people._NOT_NAME_TAILS`, by their last two
    characters): the same answer as ``endswith`` of them all."""
    words = people._NOT_NAME_ENDS
    assert sorted(word for ends in people._NOT_NAME_TAILS.values() for word in ends) == sorted(words)
    rng = random.Random(RNG_SEED)
    tokens = [*words, *(rng.choice("王李张") + word for word in words), *(word[:-1] for word in words)]
    tokens += _random_texts([*{char for word in words for char in word}, "王", "平"], 20_000, 6)
    for token in tokens:
        folded = text.fold(token)
        tails = people._NOT_NAME_TAILS.get(folded[-2:])
        assert (tails is not None and folded.endswith(tails)) == folded.endswith(words), token


def test_a_latin_folio_is_searched_for_a_weekday_only_where_a_y_stands(monkeypatch):
    """``is_latin_folio`` searches a line for an English weekday only where a ``y`` or ``Y``
    stands (every weekday ends in "day"; under ``IGNORECASE`` no other character matches
    one): no character but those two matches the pattern's ``y``, and on random lines of
    weekdays' letters in every case the gate turns away no line the pattern finds a
    weekday in."""
    ys = {chr(code) for code in range(0x110000) if re.fullmatch("y", chr(code), re.IGNORECASE)}
    assert ys == {"y", "Y"}
    alphabet = [*"MONDAYmondayTUESWHRFIiſK ,.1903", "SUNDAY", "Friday", "wednesday", "\u212a", "—"]
    for line in _random_texts(alphabet, 30_000, 12):
        if furniture._LATIN_WEEKDAY_RE.search(line):
            assert "y" in line or "Y" in line, line
    lines = [
        "NEW-YORK, FRIDAY, MAY 1, 1903.—FOURTEEN PAGES.",
        "THE EVENING STAR, WASHINGTON, THURSDAY, 1910.",
        "2020年4月28日",
    ]
    assert [furniture.is_latin_folio(line) for line in lines] == [True, True, False]

    class _Refused:
        def search(self, *args: object) -> None:
            raise AssertionError("searched for a weekday")

    monkeypatch.setattr(furniture, "_LATIN_WEEKDAY_RE", _Refused())
    assert not furniture.is_latin_folio("4月22日，市民在东安路的花篱前拍照留念。2020")


def _plain_brackets(line: str) -> tuple[str, int]:
    """``punctuation._brackets`` as it was, the brackets found by a pattern of the two."""
    made, stack, length = [], [], len(line)
    for match in re.finditer(r"[()]", line):
        index = match.start()
        if line[index] == "(":
            stack.append(index)
            continue
        if not stack:
            continue
        opening, closing = stack.pop(), index
        inner = line[opening + 1 : closing]
        before = line[opening - 1] if opening > 0 else ""
        after = line[closing + 1] if closing + 1 < length else ""
        chinese_before, chinese_after = punctuation._is_chinese(before), punctuation._is_chinese(after)
        if text.HAN_RE.search(inner) or chinese_before or chinese_after:
            if punctuation._LATIN_INNER_RE.fullmatch(inner) and not (chinese_before and chinese_after):
                continue
            made += (opening, closing)
    changed = list(line)
    for index in made:
        changed[index] = "（" if line[index] == "(" else "）"
    return "".join(changed), len(made)


def test_brackets_are_found_by_their_places_as_by_a_pattern_of_the_two(monkeypatch):
    """``_brackets`` finds a line's brackets by ``str.find`` of each, in the order they
    stand, and pairs them as the pattern's pass did: the same text and count on random lines
    of brackets (nested, unpaired, empty), Chinese and Latin text; no pattern is asked."""

    class _Refused:
        def finditer(self, *args: object) -> None:
            raise AssertionError("a pattern of the brackets was asked")

    monkeypatch.setattr(punctuation, "_BRACKETS_RE", _Refused(), raising=False)
    alphabet = [*"()中文a1 .,%-（）", "(记者王平)", "(2020)", "((", "))"]
    for line in [*_random_texts(alphabet, 30_000, 14), "本报讯(记者王孟鹤)正文", "(站)", ")(", "a(b)c(中)d"]:
        assert punctuation._brackets(line) == _plain_brackets(line), line


def test_names_are_searched_for_a_trailing_text_and_pictures_label_only_where_one_can_stand(monkeypatch):
    """``parse_people`` looks for ``文/图`` or ``摄影报道`` after the names only in a text holding
    图 or 摄 (each of the pattern's forms holds one; it is written in simplified characters
    alone): on random texts of its characters the pattern finds none elsewhere, and a text
    without either is not searched."""
    pattern = people._TRAILING_TEXT_AND_PICTURES_RE
    alphabet = [*"文图摄/／ 影报道记者王平圖攝", "文/图", "摄影报道", " 图/文"]
    for line in _random_texts(alphabet, 30_000, 12):
        if pattern.search(line):
            assert "图" in line or "摄" in line, line
    found = people.parse_people("本报记者 钱七 文/图")  # the label found: they took the pictures too
    assert [(person.role, person.name) for person in found or []] == [("reporter", "钱七"), ("photographer", "钱七")]

    class _Refused:
        def search(self, *args: object) -> None:
            raise AssertionError("searched for a trailing label")

    plain = people.parse_people("本报记者 王平", default_role="writer")
    monkeypatch.setattr(people, "_TRAILING_TEXT_AND_PICTURES_RE", _Refused())
    assert people.parse_people("本报记者 王平", default_role="writer") == plain


class _AllCharacters(str):
    def __contains__(self, _char: object) -> bool:
        return True


_ALL_CHARACTERS = _AllCharacters()


def test_a_spaced_run_is_read_from_the_first_gaps_as_from_the_whole_line():
    alphabet = [*"中文字（）“”，。 　\tab1", "  ", "中文", "本报讯"]
    for line in [*_random_texts(alphabet, 20_000, 40), "本 报 讯 记 者 王 平 李 明 赵 刚 张 三 正文", "全 县 早 稻"]:
        plain = spacing._run_of(spacing._GAP_RE.split(line))[:2]
        head = line[:4]
        assert spacing._leading_run(line) == (plain if " " in head or "\u3000" in head else (0, 0)), line


def test_weather_and_a_cut_sentence_start_are_asked_of_the_pattern_only_where_it_can_match():
    alphabet = [*"天气今日晴雨云雲℃°～-—12 ：:，,、。问答步中（“", "天氣", "今天天气"]
    for line in [*_random_texts(alphabet, 30_000, 24), "今日天气：多云 12℃～20℃", "晴 8℃～15℃", "步，确保"]:
        assert furniture.is_weather(line) == (len(line) <= 60 and furniture._WEATHER_RE.match(line) is not None), line
        plain = bool(line) and (
            line[0] in "，,、；;：:。.！!？?）)》」』】”’" or bool(text._ONE_CHAR_CLAUSE_RE.match(line))
        )
        assert text.starts_as_continuation(line) == plain, line


def test_control_characters_are_found_as_the_pattern_finds_them():
    alphabet = [*map(chr, range(0x200)), *"中文\ufeff\ufffe\uffff\u2028\U00020000"]
    for line in _random_texts(alphabet, 50_000, 6):
        assert _has_controls(line) == bool(_CONTROL_RE.search(line)), repr(line)


def test_a_teaser_is_looked_for_only_in_a_line_ending_as_one_can():
    alphabet = [*"（()）第版2A三 ■要闻\n", "（2版）", "第3版"]
    for line in [*_random_texts(alphabet, 30_000, 16), "■ 全市经济运行稳中向好 （2版）", "（A3版）\n"]:
        if furniture._TEASER_RE.search(line) is not None:  # every teaser found ends as the gate lets by
            assert line[-1:] in furniture._TEASER_ENDS, line


def test_a_papers_name_is_looked_for_only_where_its_last_character_stands():
    alphabet = [*"东州日晚报報都市时時青年新闻聞 2026年4月", "日报", "晚報", "都市报"]
    for line in [*_random_texts(alphabet, 30_000, 14), "东州日报", "青岚都市報", "2026年4月3日 东州日报"]:
        if furniture.PUBLICATION_RE.fullmatch(line):
            assert line.endswith(furniture._PAPER_END), line
        if furniture.PUBLICATION_RE.search(line):
            assert "报" in line or "報" in line, line


def test_ideographs_and_private_use_characters_are_counted_as_the_patterns_count_them():
    edges = [0x33FF, 0x3400, 0x4D00, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xDFFF, 0xE000, 0xF8FF, 0xF900]
    alphabet = [*map(chr, edges), *"中文，a\n\ufeff\U00020000\U0010ffff\ud800"]
    for sample in _random_texts(alphabet, 30_000, 12):
        counted = decoding._ideographs_and_private(sample)
        assert counted == (
            decoding._count(decoding._IDEOGRAPHS_RE, sample),
            decoding._count(decoding._PRIVATE_USE_RE, sample),
        )


def test_a_line_holds_an_ideograph_as_its_count_says():
    alphabet = [*"中文aB 1，\u33ff\u3400\u4dbf\u4dc0\uf900\ufaff\ufb00", "\U00020000", "\U0003134f", "\U00031350"]
    for sample in _random_texts(alphabet, 20_000, 6):
        assert text.has_cjk(sample) == (cjk_count(sample) > 0), sample


def test_ideographs_are_counted_by_their_first_byte_as_the_runs_of_the_class_count_them():
    edges = [0x33FF, 0x3400, 0x4D00, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF, 0xFB00]
    alphabet = [*map(chr, edges), *"中，a\ud800\udc00", "\U00020000", "\U0003134f", "\U00031350", "\U0001ffff"]
    for sample in _random_texts(alphabet, 30_000, 10):
        assert cjk_count(sample) == len(sample) - len(text._CJK_RUN_RE.sub("", sample)), repr(sample)


def test_ideographs_past_the_bmp_are_counted_without_the_runs_pattern(monkeypatch):
    """A text whose only unsure characters are past U+FFFF (a rare name's character, 𫖯)
    is counted by the first bytes and the class's range past U+FFFF, the same count as the
    runs' (the test above), without the runs' pattern; U+4D00 to U+4DFF still take it."""
    samples = ["赵孟𫖯的《胆巴碑》", "𫖯", "\U0003134f\U00031350\U0001ffff中", "a\ud800b中"]
    counts = [len(sample) - len(text._CJK_RUN_RE.sub("", sample)) for sample in samples]

    class _Refused:
        def sub(self, *args: object) -> str:
            raise AssertionError("the runs' pattern was asked")

    monkeypatch.setattr(text, "_CJK_RUN_RE", _Refused())
    assert [cjk_count(sample) for sample in samples] == counts == [7, 1, 2, 1]
    try:
        cjk_count("\u4dc0中")
    except AssertionError:
        pass
    else:
        raise AssertionError("U+4DC0 was counted without the runs' pattern")


def test_a_page_headers_patterns_are_asked_only_where_the_word_they_hold_stands():
    alphabet = [*"第版年月日星期二 1-/.2〇三A：报", "2026年", "第3版", "2026-04-04", "3版"]
    for line in [*_random_texts(alphabet, 30_000, 14), "2020年4月28日 星期二 第3版", "07版：教育", "2026/4/4"]:
        if furniture.FULL_DATE_RE.search(line):
            assert "年" in line, line
        if furniture.ISO_DATE_RE.search(line):
            assert "-" in line or "/" in line or "." in line, line
        if furniture._PAGE_WORD_RE.search(line) or furniture._BARE_PAGE_SECTION_RE.match(line):
            assert "版" in line, line


def test_a_join_is_looked_for_from_the_places_of_its_first_character_as_the_plain_search_finds_it():
    from convert_core.reader.features import _PAIR_TRIES, holds_pair

    alphabet = [*"ab平台的\n", "\U00020000"]
    for line in [*_random_texts(alphabet, 40_000, 40), "的" * (_PAIR_TRIES + 3) + "平台", "平" * 40]:
        for left, right in (("平", "台"), ("的", "平"), ("a", "a"), ("\U00020000", "b")):
            assert holds_pair(line, left, right) == (left + right in line), (line, left, right)


def test_print_corrections_skipped_for_a_kind_of_line_the_page_lacks_change_nothing():
    from convert_core.reader import print_patterns as pp
    from convert_core.reader.lines import Line

    def plain(units: list, labels: list[str]) -> None:  # every correction, none skipped by the kinds of lines
        pp._columns_over_stories(units, labels)
        if "caption" in labels:
            pp._captions_above_a_pictures_gap(units, labels)
        pp._kickers_over_headlines(units, labels)
        pp._attendance_subheadlines(units, labels)
        if "kicker" in labels:
            pp._speech_headlines(units, labels)
        if "headline" in labels and pp._spaced(units, labels):  # (asked again below, after the changes)
            pp._title_lines_run_onto_a_headline(units, labels)
        pp._wrapped_titles(units, labels)
        if "credit" in labels:
            pp._titles_over_a_credit(labels)
        pp._bylines_over_titles(units, labels)
        if "caption" in labels:
            pp._photo_reports_under_captions(units, labels)
        if "caption" in labels:
            pp._titles_over_a_caption(units, labels)
        if "headline" in labels:
            pp._kickers_under_a_picture(units, labels)
            pp._parallel_subheads(units, labels)
            pp._briefs_of_a_column(units, labels)
        if "byline" in labels:
            pp._titles_under_a_leading_byline(units, labels)

    texts = [
        *[
            "文/记者 张明 图/记者 李华",
            "白元琪 科伊·切阿莫特摄影报道",
            "环球扫描",
            "本报讯 正文。",
            "■新华时评",
            "让“烟火气”回归城市",
            "郭 敬",
            "谌贻琴在宁夏调研时强调",
            "何立峰出席会议并讲话",
            "全国已有20多个省份发放消费券总",
            "额超过190亿元",
            "精细措施保障改造实效",
            "软硬件提升破解出行难题",
            "西湖区一小区",
            "电动自行车棚“上新”",
            "新华社发 徐骏 作",
            "日前，记者从市住建局获悉。",
            "湘湖花海迎来最佳观赏期",
            "4月27日，工作人员在断桥附近引导游客。 记者 张明 摄",
            "中央宣传部、财政部、农业农村部",
            "深入学习贯彻全会精神",
        ],
        "这是一段很长的正文，记者在现场看到，工作人员正在忙碌，市民纷纷表示满意，这项工作还将继续推进下去。",
    ]
    kinds = ["text"] * 6 + ["opening", "byline", "credit", "caption-credit", "sidebar"]
    labels_of = ["para"] * 4 + ["cont", "headline", "kicker", "subheadline", "column", "byline", "caption", "credit"]
    briefs = [Line(0, "环球扫描"), Line(1, "全球卫生进展失衡"), Line(2, "本报讯 正文。", kind="opening")]
    briefs += [Line(3, "精细措施保障改造实效"), Line(4, "本报讯 正文。", kind="opening")]
    for units, labels, expected in (
        (briefs, ["headline", "para", "para", "headline", "para"], ["headline", "para", "para", "para", "para"]),
        (briefs[:3], ["kicker", "headline", "para"], ["headline", "para", "para"]),
    ):  # a briefs column's later brief, and its own name read as a kicker
        plain(units, plain_labels := list(labels))
        pp.correct_print_patterns(units, labels)
        assert labels == plain_labels == expected
    rng = random.Random(RNG_SEED)
    for _ in range(4000):
        size = rng.randint(1, 12)
        units = [
            Line(no, rng.choice(texts), rng.random() < 0.3, rng.choice((0, 0, 1, 2, 3)), rng.choice(kinds))
            for no in range(size)
        ]
        if rng.random() < 0.5:  # pages with no opening and no author's line: the skipped corrections
            units = [unit if unit.kind not in ("opening", "byline") else Line(unit.no, unit.text) for unit in units]
        labels = [rng.choice(labels_of) for _ in units]
        shortcut, expected = list(labels), list(labels)
        pp.correct_print_patterns(units, shortcut)
        plain(units, expected)
        assert shortcut == expected, ([(unit.kind, unit.text) for unit in units], labels)


def test_whether_a_page_sets_its_text_apart_is_asked_once_a_read(monkeypatch):
    """``print_patterns._spaced`` (a pass over the page's labels) is asked once, though two
    corrections need it: of the page as the model read it, before the first of them
    turns some text lines into kickers (the random pages of the test above, which ask it
    again after, and every page of the corpus give the same roles)."""
    from pathlib import Path

    from convert_core.reader import print_patterns as pp

    calls = []
    spaced = pp._spaced
    monkeypatch.setattr(pp, "_spaced", lambda units, labels: calls.append(1) or spaced(units, labels))
    page = Path(__file__).resolve().parent / "fixtures" / "pages" / "29_pdf_hardwrap_indent.txt"
    read_text(page.read_text("utf-8"))
    assert len(calls) == 1  # (it was asked twice)


def test_nfkc_by_the_full_width_marks_decompositions_is_nfkc():
    import unicodedata

    marks = (
        list("，：；！？（）　")
        + list(",.:()a Ａ１卫东区“”…—·ｶﾞ가")
        + ["\u0301", "\u0308", "\u0338", "\u1100", "\u1161", "\u3099"]
    )
    texts = [*_random_texts(marks, 3000, 14), "", "标题，副题", "（记者 王平）", "ＡＢ，ｃ", "，\u0301", "（\u0338）"]
    for sample in texts:
        assert text.nfkc(sample) == unicodedata.normalize("NFKC", sample), repr(sample)


def test_a_line_said_to_name_nobody_is_parsed_to_nobody():
    words = list(
        "卫东区努力开创党务工作新局面把初心落在行动上王平李明本报记者通讯员实习生文图摄影整理报道综合采写编译站组读者"
    )
    marks = [" ", " ", "·", "•", "■", "A", "b", "、", "，", ":", "/", "員", "記", "編"]
    texts = [
        *_random_texts(words + marks, 4000, 16),
        "卫东区努力开创党务工作新局面",
        "把初心落在行动上 把使命担在肩膀上",
    ]
    told = 0
    for sample in texts:
        if people.names_nobody(sample):
            told += 1
            for role in ("writer", "reporter"):
                assert people.parse_people(sample, default_role=role) is None, sample
    assert told > 100
    assert not people.names_nobody("本报记者王孟鹤") and not people.names_nobody("王孟鹤")
    assert not people.names_nobody("卫东区积极开展爱国卫生月活动")  # (生 could glue a label: parsed)


def test_an_opening_is_asked_for_a_dateline_only_where_an_agency_can_end():
    """split_opening asks the dateline memo only of a line with an agency's last character
    where one ends (_match_dateline's first test), keeps the other lines' ``None`` in the
    memo as the memo would, and asks a Latin dateline only of a line opening in a capital;
    the openings are those the plain reading gives."""
    alphabet = [
        *"本报新华社据东州日报北京4月26日电讯记者王平（）() ，。■",
        "本报讯",
        "WASHINGTON, April 20.— ",
        "Havana",
    ]
    for line in [
        *_random_texts(alphabet, 6000, 30),
        "本报讯 （记者王孟鹤）近日，会议召开。",
        "LONDON, May 3 (AP) — Rain.",
    ]:
        stripped = line.lstrip(datelines._BULLETS_AND_SPACE)
        text.new_page()
        opening = datelines.split_opening(line)
        if datelines._AGENCY_END_RE.search(stripped, 0, datelines._AGENCY_REACH) is None:
            assert datelines._match_dateline(stripped) is None
            assert stripped in datelines._DATELINES and datelines._DATELINES[stripped] is None
        if not stripped[:1].isupper():
            assert datelines.match_latin_dateline(stripped) is None
        text.new_page()
        dateline = datelines._match_dateline(stripped)
        if dateline is not None and stripped[dateline.end() : dateline.end() + 1] in datelines._CLAUSE_COMMAS:
            dateline = None  # 本报讯，…: a sentence's clause opens no story (split_opening's comma rule)
        if dateline is None and datelines.match_latin_dateline(stripped) is None:
            assert opening is None, line
        else:
            assert opening is not None and opening.dateline is not None, line


def test_openings_with_the_same_bracket_get_their_own_people():
    """The people of an opening's brackets are read once a page; each opening gets its own
    copies, equal to what a parse of the bracket gives."""
    text.new_page()
    first = datelines.split_opening("本报讯 （记者王孟鹤 通讯员和佳佳）近日，全区会议召开。")
    second = datelines.split_opening("本报讯 （记者王孟鹤 通讯员和佳佳）4月27日，答题活动启动。")
    expected = people.parse_people("记者王孟鹤 通讯员和佳佳", default_role="reporter", lenient=True)
    assert first is not None and second is not None and expected
    assert first.bylines == second.bylines == expected
    assert first.bylines is not second.bylines
    assert all(a is not b for a, b in zip(first.bylines, second.bylines))


def test_a_stacks_known_features_are_found_in_their_order_on_random_stacks():
    """known_stack_features' patterns of a model's characters and pairs find what a lookup
    of every character and pair finds, in the same order (random stacks over a vocabulary
    that holds marks a pattern's class would read as syntax)."""
    from convert_core.reader.stack_words import _Vocabulary, known_stack_features, stack_features

    names = frozenset(
        [
            *(f"{side}u={char}" for side in "ab" for char in "卫东区-]^\\_"),
            "ab=卫东",
            "ab=东区",
            "bb=区卫",
            "bb=]^",
            "ab=_东",
            "as=卫",
            "be2=区",
            "alen=2",
            "bsp=True",
            "adig=False",
            "d=0",
            "bcomma=False",
        ]
    )
    known = _Vocabulary(names)
    alphabet = [*"卫东区持续 -]^\\_,1"]
    stacks = _random_texts(alphabet, 3000, 12)
    for upper, lower in zip(stacks, reversed(stacks)):
        assert known_stack_features(upper, lower, known) == [
            feature for feature in stack_features(upper, lower) if feature in names
        ], (upper, lower)


def test_stack_candidates_are_the_runs_of_two_title_labels_the_plain_scan_finds():
    """stack_candidates, which pairs a line's label with the next only when it can open a
    stack, finds what a scan of every two neighbouring labels finds."""
    from convert_core.reader.alignment import LABELS, TITLE_LABELS
    from convert_core.reader.stack_words import _READINGS, stack_candidates

    def plain(labels: list[str]) -> list[int]:
        n = len(labels)
        return [
            index
            for index in range(n - 1)
            if (labels[index], labels[index + 1]) in _READINGS
            and (index == 0 or labels[index - 1] not in TITLE_LABELS)
            and (index + 2 >= n or labels[index + 2] not in TITLE_LABELS)
        ]

    rng = random.Random(RNG_SEED)
    titles = [*sorted(TITLE_LABELS), "para"]
    for _ in range(30_000):
        pool = titles if rng.random() < 0.7 else list(LABELS)
        labels = [rng.choice(pool) for _ in range(rng.randint(0, 10))]
        assert stack_candidates(labels) == plain(labels), labels


def test_a_breaks_join_features_are_those_of_the_plain_forms():
    """join_features, with its lengths' buckets, answers and shapes made once, gives the
    features the plain forms give (random breaks over marks, digits, Latin letters,
    ideographs inside and past the Basic Multilingual Plane)."""
    from convert_core.reader import join_words

    def shape(chars: str) -> str:
        return "".join(
            "H" if text.is_cjk(char) else "D" if char.isdigit() else "L" if char.isascii() and char.isalpha() else "P"
            for char in chars
        )

    alphabet = [*"中国人民，。！？!?,.;：:（）()“”0123456789abXY　 —-", "\U00020001", "\uf901", "㐀", "²"]
    rng = random.Random(RNG_SEED)
    for _ in range(5_000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 260)))
        after = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        features = join_words.join_features(before, after)
        stripped_before, stripped_after = before.strip(), after.strip()
        assert join_words._length_bucket(len(stripped_before)) == features[9].removeprefix("al=")
        assert join_words._length_bucket(len(stripped_after)) == features[10].removeprefix("bl=")
        sentence = join_words._SENTENCE_END_RE.search(stripped_before, 0, len(stripped_before) - 1) is not None
        assert features[11] == "aint=" + str(sentence)
        assert features[12] == "acomma=" + str("，" in stripped_before or "," in stripped_before)
        left = join_words._plain(stripped_before[-join_words._REACH :])
        right = join_words._plain(stripped_after[: join_words._REACH])
        assert features[13:15] == ["ash=" + shape(left[-3:]), "bsh=" + shape(right[:3])]


def test_a_notice_heading_is_asked_only_of_a_line_ending_as_one_can():
    """``classify`` asks :data:`.segmenter._NOTICE_HEADING_RE` only of a short line whose
    last character is among :data:`.segmenter._NOTICE_HEADING_ENDS`: every text the
    pattern matches (its words in both scripts, bracketed or not) ends with one of them,
    and on random lines the gate never turns away one the pattern matches."""
    pattern, ends = segmenter._NOTICE_HEADING_RE, segmenter._NOTICE_HEADING_ENDS
    words = ["公告", "讣告", "声明", "聲明", "启事", "啟事", "广告", "廣告", "通告", "公示"]
    for prefix in ["", "分类", "遗失", "遺失", "债权申报", "债權申報", "严正"]:
        for word in words:
            for left, right in [("", ""), ("【", "】"), ("[", "]"), ("【", "")]:
                heading = left + prefix + word + right
                assert pattern.match(heading) and heading[-1] in ends
                spaced = " ".join(heading) + " "  # the spaces are left out before the match
                assert pattern.match(spaced.replace(" ", "")) and spaced[-1] in ends
    alphabet = [*"公告声明启事示广通类遗失【】[] 中文，。", "啟", "聲"]
    for line in _random_texts(alphabet, 30_000, 12):
        if pattern.match(line.replace(" ", "")):
            assert line[-1:] in ends, line


def test_people_memos_asked_by_get_answer_and_remember_as_a_memos_miss_does(monkeypatch):
    """``split_label`` and ``_tokens`` ask their page memo by ``get`` and work a miss out
    themselves: the answers are the plain functions', kept once for the page, and a memo
    full at ``people.MAX_PAGE_MEMO`` starts again as :class:`.text.Memo` does."""
    tokens = ["记者王孟鹤", "本报记者", "读者", "王平", "", "文/图", "市民公园", "萧山报道组张三"]
    texts = ["本报记者 王 平", "（江苏淮安 读者 韩建国）", "文/图 本报记者 钱七", "记者张家豪通讯员王芳", ""]
    text.new_page()
    for _ in range(2):
        for token in tokens:
            assert people.split_label(token) == people._split_label(token)
        for line in texts:
            assert people._tokens(line) == people._split_tokens(line)
    assert set(tokens) <= set(people._SPLITS) and set(texts) <= set(people._TOKENS)
    calls: list[str] = []
    monkeypatch.setattr(people, "_split_tokens", lambda line: calls.append(line) or ())
    assert people._tokens(texts[0]) == people._TOKENS[texts[0]] and calls == []  # kept, not asked again
    monkeypatch.setattr(people, "MAX_PAGE_MEMO", len(people._SPLITS))
    assert people.split_label("记者李四") == ("记者", "李四") and list(people._SPLITS) == ["记者李四"]
    monkeypatch.setattr(people, "MAX_PAGE_MEMO", len(people._TOKENS))
    assert people._tokens("李四") == () and list(people._TOKENS) == ["李四"] and calls == ["李四"]
    text.new_page()


def test_a_page_is_looked_at_for_magic_numbers_once():
    """``_binary_kind`` looks for the file kinds' magic numbers by one test of the page's
    start (:data:`.decoding._MAGIC_STARTS`) and names the kind as the loop over
    :data:`.decoding._MAGIC` does, on every magic number and on random starts."""
    assert tuple(magic for magic, _ in decoding._MAGIC) == decoding._MAGIC_STARTS

    def plain(data: bytes) -> str | None:
        for magic, kind in decoding._MAGIC:
            if data[:16].startswith(magic) and kind:
                return kind
        return None

    rng = random.Random(RNG_SEED)
    pieces = [magic for magic, _ in decoding._MAGIC] + [b"", b"\x00", b"P", b"%", "中文".encode()]
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) + "正文。\n".encode() * 20
        assert (plain(data) or decoding._binary_kind(data)) == decoding._binary_kind(data)
        if plain(data):
            assert decoding._binary_kind(data) == plain(data)


def test_a_photo_links_pairs_with_the_common_marks_deleted_first_are_the_patterns():
    """The photo links delete the commonest unpaired characters by ``str.replace`` before the
    pattern's pass: each is one the pattern deletes wherever it stands, and the pairs (all
    of them, and those a caption holds) are those of the pattern's pass alone."""
    from convert_core.reader import association

    assert len(association.COMMON_UNPAIRED) >= 4
    for char in association.COMMON_UNPAIRED:
        assert len(char) == 1 and association._UNPAIRED_RE.fullmatch(char)

    def plain(text: str, among: set[int] | None = None) -> set[int]:
        core = association._UNPAIRED_RE.sub("", text)
        pairs = {ord(left) | ord(right) << 32 for left, right in pairwise(core)}
        return pairs if among is None else pairs & among

    alphabet = [*association.COMMON_UNPAIRED, *"卫东区王孟鹤摄ab1 ，,“”在和\u3000_—", "𫖯"]
    texts = _random_texts(alphabet, 3000, 40)
    among = association._pairs("".join(texts[:50]))
    for sample in [*texts, "，的。、", "王，孟的鹤。摄、", "卫东区，卫东区"]:
        assert association._pairs(sample) == plain(sample)
        assert association._pairs(sample, among) == plain(sample, among)


def _looks_past_its_match(pattern: re.Pattern[str]) -> list[str]:
    """The parts of a pattern that can look past its match: anchors, word boundaries,
    negative lookarounds."""
    from re import _constants as codes
    from re import _parser

    found: list[str] = []

    def walk(items) -> None:
        for op, av in items:
            if op is codes.AT:
                found.append(f"anchor {av}")
            elif op is codes.ASSERT_NOT:
                found.append("negative lookaround")
            if op in (codes.ASSERT, codes.ASSERT_NOT):
                walk(av[1])
            elif op is codes.SUBPATTERN:
                walk(av[3])
            elif op is codes.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (codes.MAX_REPEAT, codes.MIN_REPEAT, codes.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op is codes.ATOMIC_GROUP:
                walk(av)
            elif op is codes.GROUPREF_EXISTS:
                walk(av[1])
                if av[2] is not None:
                    walk(av[2])

    walk(_parser.parse(pattern.pattern, pattern.flags))
    return found


def test_the_short_lines_patterns_find_in_the_lines_joined_what_they_find_in_one():
    """``short_lines_hold`` searches a page's short lines joined for an imprint's word or code
    and a hotline: each pattern finds there whatever it finds in one line, as none looks past
    its match (and the check fails on a pattern that does)."""
    assert furniture.HELD_PATTERNS == (furniture._CN_CODE_RE, furniture._IMPRINT_RE, furniture._AD_COPY_RE)
    for pattern in furniture.HELD_PATTERNS:
        assert _looks_past_its_match(pattern) == []
    assert _looks_past_its_match(re.compile(r"^a|b$|\bc|d(?!e)|(?<!f)g")) == [
        "anchor AT_BEGINNING",
        "anchor AT_END",
        "anchor AT_BOUNDARY",
        "negative lookaround",
        "negative lookaround",
    ]


def test_imprint_and_ad_lines_of_a_page_without_their_words_are_those_the_plain_tests_find():
    """Where a page's short lines hold no imprint word or code (or no hotline), ``is_imprint``
    (``is_advertisement``) told so is the plain test, on random pages of imprint, staff,
    hotline and e-mail lines and plain text; and the page reads the same with the tests
    asked of every line."""
    pieces = [
        "地址：东州市人民路1号",
        "邮编 450000",
        "CN41-0001",
        "邮发代号：35-12",
        "鄂ICP备05001234号",
        "版权所有",
        "定价：1.50元",
        "服务热线：0375-8888888",
        "联系电话 0771-2345678",
        "E-mail:pdsrb@163.com",
        "邮箱：news@example.cn",
        "责任编辑 张三",
        "卫东区持续完善社区治理",
        "本报讯",
        "，",
        "。",
        " ",
        "12",
        "广告",
    ]
    rng = random.Random(RNG_SEED)
    asked = 0
    for _ in range(1500):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))]
        words, hotline = furniture.short_lines_hold(lines)
        for line in lines:
            if len(line) > furniture.SHORT_LINE:
                continue
            assert furniture.is_imprint(line, words) == furniture.is_imprint(line)
            assert furniture.is_advertisement(line, hotline) == furniture.is_advertisement(line)
            asked += not (words and hotline)
    assert asked > 1000
    assert furniture.short_lines_hold(["卫东区持续完善社区治理", "x" * 81 + "版权所有"]) == (False, False)
    assert furniture.short_lines_hold(["地址：人民路1号", "热线：0375-8888888"]) == (True, True)


def test_a_page_reads_the_same_with_the_furniture_tests_asked_of_every_line(monkeypatch):
    from convert_core.jsonform import dumps

    pages = [
        "卫东区持续完善社区治理\n\n本报讯 （记者王孟鹤）近日，全区召开会议。\n\n地址：东州市人民路1号 邮编 450000\n"
        "定价：1.50元\n\n服务热线：0375-8888888\n\nE-mail:pdsrb@163.com\n",
        "标题一行\n\n正文一段，说了些事。\n\n邮箱：news@example.cn\n\n鄂ICP备05001234号 版权所有\n",
        "标题一行\n\n正文一段，说了些事。\n\n扫码看视频\n\n邮箱：desk@example.cn\n",
    ]
    assert furniture.short_lines_hold(pages[-1].split("\n")) == (False, False)
    read = [dumps(read_text(page)) for page in pages]
    assert '"imprint"' in read[-1] and '"advertisement"' in read[-1]
    monkeypatch.setattr(segmenter, "short_lines_hold", lambda texts: (True, True))
    assert [dumps(read_text(page)) for page in pages] == read


def test_own_line_dates_are_the_multiline_patterns_matches():
    """The full dates on a line of their own, asked at the start of the lines holding 年,
    are what the ``re.M`` pattern's pass over the whole text finds (the same spans and
    groups), on random texts of the characters that matter and on hand-picked cases."""
    spaces = ["", "", " ", "\u3000", "\t", "x", "\n"]
    parts = ["2026", "1999", "7", "12", "年", "月", "日", "，", "佳木斯大学"]
    rng = random.Random(RNG_SEED)
    matched = 0
    for _ in range(4000):
        lines = []
        for _ in range(rng.randint(0, 5)):
            if rng.random() < 0.6:  # a date, its spaces and words at random, some cut short
                words = [rng.choice(["2026", "1999", "826"]), "年", rng.choice(["7", "12"]), "月", "20", "日"]
                words = words[: rng.randint(3, 6)] if rng.random() < 0.3 else words
                lines.append("".join(rng.choice(spaces) + word for word in words) + rng.choice(spaces))
            else:
                lines.append("".join(rng.choice(parts + spaces) for _ in range(rng.randint(0, 8))))
        page = "\n".join(lines)
        plain = [(m.span(), m.groups()) for m in edition._OWN_LINE_DATE_RE.finditer(page)]
        assert [(m.span(), m.groups()) for m in edition.own_line_dates(page)] == plain, page
        matched += bool(plain)
    assert matched > 50
    page = "佳木斯大学\n　2026年7月20日 \n2027年7月20日，将喜迎\n年\n2020 年 1 月 2 日"
    assert [m.groups() for m in edition.own_line_dates(page)] == [("2026", "7", "20"), ("2020", "1", "2")]
    assert edition.own_line_dates("2026年7月20日") and not edition.own_line_dates("x2026年7月20日")


def test_a_paragraph_opening_is_asked_only_of_lines_starting_as_its_matches_can(monkeypatch):
    """The first characters :func:`.story_lines.opens_a_paragraph` asks its pattern of (its
    gate, and a decimal digit) hold every character a match can start with, as the
    pattern's parsed form says (``\\d`` is what ``str.isdecimal`` tells); a line opening
    otherwise is not asked, and the answers are the pattern's."""
    from re import _parser

    from convert_core.reader import story_lines
    from convert_core.reader.lines import Line

    pattern = story_lines.PARAGRAPH_OPENING_RE
    first, empty = _edge_characters(list(_parser.parse(pattern.pattern, pattern.flags)))
    assert not pattern.flags & re.ASCII  # (\d: any decimal digit)
    assert not empty and _DIGIT in first and first - {_DIGIT} <= set(story_lines.PARAGRAPH_OPENING_STARTS)
    digits = [char for char in map(chr, range(0x110000)) if char.isdecimal()]
    assert all(re.match(r"\d", char) for char in digits) and len(digits) == len(
        re.findall(r"\d", "".join(map(chr, range(0x110000))))
    )
    lines = [
        "近日，全区召开会议。",
        "當前，",
        "２０２０年５月，",
        "5月20日，",
        "同时，全区召开会议。",
        "",
        "对此，",
        "對此，",
        "卫东区持续完善",
    ]
    answers = [pattern.match(line) is not None for line in lines]
    assert answers[0] and answers[2] and answers[3] and answers[6] and not answers[4] and not answers[5]
    assert [story_lines.opens_a_paragraph(Line(1, line)) for line in lines] == answers
    asked = []
    monkeypatch.setattr(
        story_lines, "PARAGRAPH_OPENING_RE", type("P", (), {"match": lambda self, t: asked.append(t)})()
    )
    story_lines.opens_a_paragraph(Line(1, "同时，全区召开会议。"))
    assert asked == []


def test_a_paragraph_is_searched_for_a_closing_bracket_only_where_it_ends_in_one(monkeypatch):
    """:func:`.datelines.split_trailing_closing` asks its pattern only of a paragraph whose
    last character past white space is a closing bracket: a match ends so (the pattern's
    ``[）)]\\s*$``), on random texts of the characters that matter; and the answers stay."""
    pattern = datelines._TRAILING_BRACKET_RE
    pieces = ["（", "(", "）", ")", "记者 张三", "说。", " ", "\u3000", "\n", "\t", "。", "x", "新华社"]
    rng = random.Random(RNG_SEED)
    found = 0
    for _ in range(6000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        if line.rstrip()[-1:] not in "）)":
            assert pattern.search(line) is None, line
        found += pattern.search(line) is not None
    assert found > 100
    paragraph = "卫东区委书记王迎波说。（记者 张三）"
    assert datelines.split_trailing_closing(paragraph)[1] == "（记者 张三）"
    assert datelines.split_trailing_closing(paragraph + " \n")[1] == "（记者 张三）"
    asked = []
    monkeypatch.setattr(datelines, "_TRAILING_BRACKET_RE", type("P", (), {"search": lambda self, t: asked.append(t)})())
    assert datelines.split_trailing_closing("（记者 张三）提升道路卫生质量。") is None and asked == []


def test_a_byline_opening_is_searched_for_only_where_a_colon_stands_near_the_start(monkeypatch):
    """:func:`.datelines.split_opening` asks for a byline verb and its colon only of a line
    with a colon within the search's reach: every match ends with one (``[:：]``), on random
    texts of the characters that matter; and the answers stay."""
    pattern, reach = datelines._BYLINE_VERB_COLON_RE, datelines._BYLINE_OPENING_REACH
    pieces = ["报道", "撰稿", "：", ":", " ", "记者", "本报记者 王一 ", "近日", "x" * 9, "，"]
    rng = random.Random(RNG_SEED)
    found = 0
    for _ in range(6000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        if ":" not in line[:reach] and "：" not in line[:reach]:
            assert pattern.search(line, 0, reach) is None, line
        found += pattern.search(line, 0, reach) is not None
    assert found > 300
    opening = datelines.split_opening("本报记者 王一 报道：近日，全区召开会议。")
    assert opening is not None and [person.name for person in opening.bylines] == ["王一"]
    asked = []
    monkeypatch.setattr(
        datelines, "_BYLINE_VERB_COLON_RE", type("P", (), {"search": lambda self, *a: asked.append(a)})()
    )
    assert datelines.split_opening("卫东区持续完善社区治理体系，记者王一报道") is None and asked == []


def test_a_table_row_and_a_verse_line_are_never_longer_than_the_bound_they_are_asked_within():
    """:func:`.segmenter.find_tables` asks only lines of at most ``_TABLE_ROW_MAX`` characters
    whether they are a table's row, and :func:`.body.mark_verse` only lines of at most
    ``_VERSE_MAX`` whether they are a poem's: no longer line is either, on random lines of
    short spaced cells and short unended words."""
    from convert_core.reader import body
    from convert_core.reader.lines import Line

    rows, verses = 0, 0
    for line in _random_texts(["胜", "负", "3.5", " ", "排名", "山", "月", "x", "+0.9%"], 4000, 60):
        line = " ".join(line.split())
        row = segmenter._is_table_row(line)
        verse = body._verse_line(Line(1, line))
        if len(line) > segmenter._TABLE_ROW_MAX:
            assert not row, line
        if len(line) > body._VERSE_MAX:
            assert not verse, line
        rows += row
        verses += verse
    assert rows > 100 and verses > 100


def test_lines_without_layout_are_not_asked_for_their_type(monkeypatch):
    """A line without layout (text input) has no title evidence and no caption type
    (``None``, :func:`.layout_roles.title_evidence`, :func:`.layout_roles.caption_type`):
    the segmenter's stack and table tests and the uncredited captions' search do not ask a
    line for them (a page with no caption), and the page reads the same as when they are
    asked of every line."""
    from convert_core.jsonform import dumps
    from convert_core.reader import layout_roles, photo_regions
    from convert_core.reader.lines import Line

    assert layout_roles.title_evidence(Line(1, "标题一行")) is None
    assert layout_roles.caption_type(Line(1, "标题一行")) is None
    page = (
        "卫东区持续完善社区治理\n\n本报讯 （记者王孟鹤）近日，全区召开会议。\n\n"
        "排名 球队 胜 负\n1 东州 3 0\n2 西州 2 1\n\n群众在社区服务中心办事。\n\n会议要求，扎实推进各项工作。\n"
    )
    read = dumps(read_text(page))
    callers: list[str] = []

    def record(original):
        def asked(line):
            callers.append(sys._getframe(1).f_code.co_name)
            return original(line)

        return asked

    monkeypatch.setattr(segmenter, "title_evidence", record(layout_roles.title_evidence))
    monkeypatch.setattr(photo_regions, "caption_type", record(layout_roles.caption_type))
    assert dumps(read_text(page)) == read
    assert not {"_stack_line_test", "<listcomp>", "_find_uncredited_captions"} & set(callers), callers


def test_a_reporters_byline_is_asked_of_bylines_alone():
    """:func:`.byline_stacks._a_reporters_byline_left_in_a_story` holds only for a byline
    line, so the rules that loop over a page's lines ask it of no other (they test the
    line's kind first)."""
    import inspect

    from convert_core.reader import byline_stacks
    from convert_core.reader.datelines import parse_byline_line
    from convert_core.reader.lines import Line

    unit = Line(1, "本报记者 王平")
    unit.data = parse_byline_line(unit.text)
    for kind in ("text", "opening", "closing", "credit", "byline"):
        unit.kind = kind
        assert byline_stacks._a_reporters_byline_left_in_a_story(unit, "para") is (kind == "byline")
    for rule in (
        byline_stacks.titles_where_no_package_goes_on,
        byline_stacks.no_package_in_a_dispatch,
        byline_stacks.titles_that_ask_over_a_byline,
    ):
        source = inspect.getsource(rule)
        asked = source.index("_a_reporters_byline_left_in_a_story(unit")
        assert 'unit.kind != "byline"' in source[:asked] or 'unit.kind == "byline"' in source[:asked], rule


def test_a_date_line_is_asked_of_its_pattern_only_past_white_space(monkeypatch):
    """:func:`.furniture.is_date_line` tells a line opening with a digit (``^\\s*\\d``) by
    ``str.isdecimal`` and ``str.isspace`` of its first character, asking the pattern only
    past white space: ``\\d`` and ``\\s`` match what the two methods tell, over all of
    Unicode; on random lines the gate agrees with the pattern, and the answers stay."""
    pattern = furniture._DIGIT_START_RE
    assert not pattern.flags & re.ASCII
    chars = "".join(map(chr, range(0x110000)))
    assert "".join(re.findall(r"\d", chars)) == "".join(char for char in chars if char.isdecimal())
    assert "".join(re.findall(r"\s", chars)) == "".join(char for char in chars if char.isspace())
    lines = _random_texts(["2", "２", "٣", " ", "\u3000", "\t", "年", "月", "日", "-", "a"], 5000, 8)
    for line in lines:
        first = line[:1]
        gate = first.isdecimal() or (first.isspace() and pattern.match(line) is not None)
        assert gate == (pattern.match(line) is not None), line
    assert furniture.is_date_line("2026-04-04") and furniture.is_date_line(" 2026年4月4日 星期六")
    asked = []
    monkeypatch.setattr(furniture, "_DIGIT_START_RE", type("P", (), {"match": lambda self, t: asked.append(t)})())
    assert not furniture.is_date_line("年度报告") and not furniture.is_date_line("（2026年）") and asked == []


def test_a_line_is_asked_whether_it_is_a_jump_only_where_one_can_start(monkeypatch):
    """:meth:`.segmenter.Segmenter._furniture_kind` asks :func:`.furniture.is_jump` only of a
    line opening with one of its first characters (``JUMP_STARTS``, the test it starts
    with), and the page reads the same."""
    from convert_core.jsonform import dumps

    page = (
        "卫东区持续完善社区治理\n\n本报讯 近日，全区召开会议。\n\n（下转第2版）\n\n群众满意\n\n会议要求，扎实推进。\n"
    )
    read = dumps(read_text(page))
    asked: list[str] = []

    def recorded(line: str) -> bool:
        asked.append(line)
        return furniture.is_jump(line)

    monkeypatch.setattr(segmenter, "is_jump", recorded)
    assert dumps(read_text(page)) == read
    assert asked and all(line[:1] in furniture.JUMP_STARTS for line in asked), asked


def test_a_token_is_matched_against_the_labels_only_where_one_can_start(monkeypatch):
    """:func:`.people._split_label` asks the labels' pattern (an alternation of the labels,
    matched at the token's start) only of a token opening with a label's first character:
    every label is a word of the alternation and none is empty; and the answers stay."""
    labels = [label for label, _roles in people._LABELS]
    assert people._LABELS_RE.pattern == "|".join(map(re.escape, labels))
    assert all(label and label[0] in people._LABEL_FIRSTS for label in labels)
    assert people._split_label("记者王孟鹤") == ("记者", "王孟鹤")
    asked = []
    monkeypatch.setattr(people, "_LABELS_RE", type("P", (), {"match": lambda self, t: asked.append(t)})())
    assert people._split_label("王孟鹤") == (None, "王孟鹤") and asked == []


def test_a_title_line_leaving_a_quotation_open_for_the_next_to_close_is_one_wrapped_title():
    from convert_core.reader import print_patterns as pp
    from convert_core.reader.lines import Line

    units = [Line(0, "新型稻种“青禾早", blank_before=1), Line(1, "3号”试种成功", blank_before=1)]
    labels = ["kicker", "headline"]
    pp._wrapped_titles(units, labels)
    assert labels == ["headline", "headline"]
    closed = [Line(0, "“青禾早3号”试种", blank_before=1), Line(1, "山区农户增收", blank_before=1)]
    labels = ["kicker", "headline"]
    pp._wrapped_titles(closed, labels)
    assert labels == ["kicker", "headline"]
