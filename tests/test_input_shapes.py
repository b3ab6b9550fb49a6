"""Odd but plausible inputs cost work in proportion to their size (issue 21, item 10).

No timings here (bench/bench_shapes.py prints those): each test counts the work a shape makes,
statements run or lines looked at, and checks that it grows with the input, not faster.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from archive_helpers import make_article, make_issue

from reader.archive.db import Archive
from reader.archive.importer import import_issue
from reader.archive.search_index import encode_cuts, encode_token
from reader.text.fold import fold
from reader.text.words import PIECE, default_segmenter, pieces


def test_a_file_of_one_article_repeated_looks_each_new_key_up_once(archive: Archive) -> None:
    copies = 300
    issue = make_issue([make_article("幸福食堂开业")] * copies)
    lookups: list[str] = []
    archive.conn.set_trace_callback(
        lambda sql: lookups.append(sql) if "FROM articles WHERE key" in sql else None
    )
    outcome = import_issue(archive, issue, Path("repeated.txt"))
    archive.conn.set_trace_callback(None)
    assert ("imported", copies) == (outcome.status, outcome.articles)
    assert copies == len(lookups)


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
