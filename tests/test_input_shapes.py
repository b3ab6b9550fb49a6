"""Odd but plausible inputs cost work in proportion to their size (issue 21, item 10).

No timings here (bench/bench_shapes.py prints those): each test counts the work a shape makes,
statements run or lines looked at, and checks that it grows with the input, not faster.
"""

from __future__ import annotations

from pathlib import Path

from archive_helpers import make_article, make_issue

from reader.archive.db import Archive
from reader.archive.importer import import_issue


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
