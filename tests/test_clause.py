"""A piece of SQL travels with its values (reader.archive.clause): composed, run, refused when they differ."""

from __future__ import annotations

import sqlite3

import pytest

from reader.archive.clause import EMPTY, Clause
from reader.archive.id_lists import CHUNK, rows_where_in
from reader.archive.search_plan import Filters
from reader.text.query import parse_query


def test_composed_clauses_keep_each_value_beside_its_placeholder() -> None:
    statement = Clause("SELECT ? || ?", ("a", "b")) + Clause(" || ?", ("c",))
    assert ("abc",) == statement.execute(sqlite3.connect(":memory:")).fetchone()


def test_and_appends_a_condition_with_its_values() -> None:
    assert Clause(" AND x = ? AND y > ?", (1, 2)) == EMPTY.and_("x = ?", 1).and_("y > ?", 2)


def test_a_clause_with_more_placeholders_than_values_is_refused() -> None:
    with pytest.raises(ValueError, match="2 placeholders, 1 values"):
        Clause("a = ? AND b = ?", (1,))


def test_a_clause_with_values_and_no_placeholder_is_refused() -> None:
    with pytest.raises(ValueError):
        EMPTY.and_("a = 1", "stray")


def test_an_empty_clause_is_false_and_adds_nothing() -> None:
    clause = Clause(" AND a = ?", (1,))
    assert not EMPTY
    assert clause == clause + EMPTY == EMPTY + clause


def test_filters_put_date_and_paper_on_the_issue_and_authors_on_the_article() -> None:
    filters = Filters.build("2022-07-01", None, "东昌时讯").with_authors(parse_query("作者:李华 区长"))
    assert ("2022-07-01", "东昌时讯") == filters.issue.args
    assert ("李华",) == filters.article.args
    assert filters.issue + filters.article == filters.every


def test_rows_where_in_binds_the_tail_after_every_chunk() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, tag TEXT)")
    conn.executemany(
        "INSERT INTO t VALUES (?, ?)", [(i, "odd" if i % 2 else "even") for i in range(3 * CHUNK)]
    )
    rows = rows_where_in(
        conn, "SELECT id FROM t WHERE id", range(3 * CHUNK), Clause(" AND tag = ?", ("odd",))
    )
    assert list(range(1, 3 * CHUNK, 2)) == sorted(r[0] for r in rows)
