"""Odd but plausible inputs cost work in proportion to their size (issue 21, item 10).

No timings here (bench/bench_shapes.py prints those): each test counts the work a shape makes,
statements run or lines looked at, and checks that it grows with the input, not faster.
"""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

from archive_helpers import make_article, make_issue
from cli_support import JULY_HEADLINE, JULY_ISSUE

from reader.archive.db import Archive
from reader.archive.importer import import_issue
from reader.archive.keys import BODY_PREFIX_CHARS, article_ident, normalise, normalised_start
from reader.archive.search_tokens import encode_cuts, encode_token
from reader.text.cancel import cancel_scope
from reader.text.fold import fold
from reader.text.lines import list_runs, split_lines
from reader.text.model import Article
from reader.text.parse import explain_text, parse_text
from reader.text.words import PIECE, default_segmenter, pieces


def test_a_file_of_one_article_repeated_looks_its_keys_up_in_linear_time(archive: Archive) -> None:
    copies = 300
    issue = make_issue([make_article("幸福食堂开业")] * copies)
    lookups: list[str] = []
    archive.conn.set_trace_callback(
        lambda sql: lookups.append(sql) if "FROM articles WHERE key" in sql else None
    )
    outcome = import_issue(archive, issue, Path("repeated.txt"))
    archive.conn.set_trace_callback(None)
    assert ("imported", copies) == (outcome.status, outcome.articles)
    assert len(lookups) <= 1 + copies // 500  # the likely keys asked about together


def test_a_long_text_is_cut_into_words_a_piece_at_a_time_with_the_same_words(
    corpus_files: list[Path],
) -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in corpus_files) * 20
    assert len(text) > 4 * PIECE
    segmenter = default_segmenter()
    cut = list(segmenter.cut_pieces(text))
    assert all(sum(map(len, words)) <= PIECE for words in cut)
    assert segmenter.cut(text) == [word for words in cut for word in words]


def test_a_text_without_a_separator_is_cut_where_each_piece_ends() -> None:
    line = "区政府召开常务会议" * (PIECE // 2)
    parts = list(pieces(line))
    assert line == "".join(parts)
    assert [PIECE, PIECE, PIECE, PIECE, len(line) - 4 * PIECE] == [len(p) for p in parts]


def test_the_index_of_a_long_article_is_what_its_whole_cut_gives(
    archive: Archive, corpus_files: list[Path]
) -> None:
    body = "".join(path.read_text(encoding="utf-8") for path in corpus_files) * 20
    folded = fold(body)
    spelled, cuts = archive.tokenizer.word_document(folded)
    words = default_segmenter().cut(folded)
    assert " ".join(map(encode_token, words)) == spelled
    assert encode_cuts(words) == cuts
    assert spelled == archive.tokenizer.recorded_document(folded, cuts)


def test_indexing_an_article_of_a_megabyte_takes_under_twenty_times_its_size(
    archive: Archive, corpus_files: list[Path]
) -> None:
    line = "".join(path.read_text(encoding="utf-8") for path in corpus_files).replace("\n", "")
    body = line * (1_000_000 // len(line.encode()) + 1)
    archive.tokenizer.words("预热")  # the dictionary is loaded once per process, not per article
    tracemalloc.start()
    try:
        import_issue(archive, make_issue([make_article("长文", body=body)]), Path("long.txt"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(body.encode())


# --- a page of short lines is text (issue 21, item 10) -------------------------------------------

NAMES = [f"{family}{given}" for family in "王李张刘陈杨赵黄周吴" for given in "伟芳娜敏静丽强磊军洋"]


def test_a_run_of_short_lines_is_read_as_one_list_not_line_by_line() -> None:
    rows = [NAMES[i % len(NAMES)] for i in range(100_000)]
    lines = split_lines("\n".join(rows) + "\n")
    assert [(1, 100_000)] == [(line.number, line.rows) for line in lines]


def test_reading_a_list_of_short_lines_takes_a_few_times_its_size() -> None:
    text = "\n".join(NAMES[i % len(NAMES)] for i in range(100_000)) + "\n"
    tracemalloc.start()
    try:
        parse_text(text, "名单.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(text.encode())  # no object per row: a copy or two of the text


def test_a_page_of_short_lines_is_the_text_of_one_article() -> None:
    issue = parse_text("\n".join(NAMES) + "\n", "名单.txt")
    assert [] == list(issue.sections)
    assert ["\n".join(NAMES)] == [article.body for article in issue.articles]


def test_a_roll_of_names_under_a_headline_is_that_article_s_text() -> None:
    text = "东昌府区2022年度优秀志愿者名单\n\n" + "\n".join(NAMES[:30]) + "\n"
    (article,) = parse_text(text, "名单.txt").articles
    assert ("东昌府区2022年度优秀志愿者名单", NAMES[:30]) == (article.headline, article.body.split("\n"))


def test_a_long_run_of_heading_shaped_lines_is_text_not_banners() -> None:
    rows = [f"{name}同志荣获东昌府区优秀志愿者" for name in NAMES[:12]]
    issue = parse_text("\n".join(rows) + "\n", "x.txt")
    assert ([], [rows]) == (list(issue.sections), [a.body.split("\n") for a in issue.articles])


def test_a_file_of_headline_shaped_lines_alone_is_one_untitled_article() -> None:
    issue = parse_text("\n\n".join(NAMES) + "\n", "词表.txt")
    assert [] == list(issue.sections)
    assert [("", NAMES)] == [(a.headline, a.body.split("\n")) for a in issue.articles]


def test_explain_gives_every_row_of_a_list_its_own_line() -> None:
    _, roles = explain_text("\n".join(NAMES[:30]) + "\n", "名单.txt")
    assert [(n, name, "body", "list_runs") for n, name in enumerate(NAMES[:30], start=1)] == [
        (r.number, r.text, r.role, r.rule) for r in roles
    ]


def test_a_masthead_printed_again_inside_the_file_stays_page_furniture() -> None:
    masthead = (
        "东昌时讯\nDONGCHANGSHIXUN\n东昌府讯\n2022年7月5日\n星期二\n农历壬寅年六月初七\n总第1449期\n今日4版\n"
    )
    body = JULY_ISSUE.split("今日4版\n", 1)[1]
    issue = parse_text(masthead + body + "\n" + masthead + body, "x.txt")
    assert {"DONGCHANGSHIXUN", "农历壬寅年六月初七", "总第1449期"} <= set(issue.sections)  # the second's
    assert [JULY_HEADLINE, JULY_HEADLINE] == [a.headline for a in issue.articles]
    assert not any("DONGCHANGSHIXUN" in a.body for a in issue.articles)


def test_the_key_of_a_headless_article_reads_only_the_start_of_its_body() -> None:
    body = "\n".join(NAMES[i % len(NAMES)] for i in range(300_000))
    tracemalloc.start()
    try:
        ident = article_ident(Article(page=1, headline="", body=body))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "b:" + normalise(body)[:BODY_PREFIX_CHARS] == ident
    assert peak < len(body.encode()) // 10  # the whole body normalised took 14 times its size


def test_the_start_of_a_text_normalises_as_it_does_within_the_whole() -> None:
    rng = random.Random(21)
    # Combining marks, Hangul jamo, ligatures, circled digits, half-width kana, case and spaces.
    pool = [*"abcAB 东昌古楼\n\t\u3000<=eか", "\u0301", "\u0338", "\u0327", "\u1100", "\u1161", "\u11a8"]
    pool += ["\ufb01", "\u2460", "ß", "İ", "\u3099", "\ufdfa", "ｱ", "\uff9e"]
    for _ in range(3_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 400)))
        for length in (1, 5, BODY_PREFIX_CHARS):
            assert normalise(text)[:length] == normalised_start(text, length), (text, length)


def test_looking_for_lists_in_a_long_line_asks_whether_to_cancel_as_it_goes() -> None:
    asked = 0

    def never() -> bool:
        nonlocal asked
        asked += 1
        return False

    line = "![" * 2_000_000  # 4 million characters that start no list
    with cancel_scope(never, "x.txt"):
        assert [] == list(list_runs(line))
    assert asked >= 3  # a question a megabyte or so, not one after the whole search
