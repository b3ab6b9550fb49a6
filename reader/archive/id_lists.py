"""Statements over a list of ids of any length.

SQLite refuses a statement binding more values than its variable limit (32,766 by default,
250,000 in Debian's build, 999 before SQLite 3.32): a search asked for 260,000 hits
bound one `?` a hit and failed with "too many SQL variables". Every `IN (…)` over ids that
callers do not bound goes through `rows_where_in`, which asks a chunk at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from reader.archive.clause import EMPTY, Clause

CHUNK = 500  # below every default variable limit


def rows_where_in(
    conn: sqlite3.Connection, sql: str, values: Sequence[Any], tail: Clause = EMPTY
) -> Iterator[Any]:
    """The rows of `sql + " IN (…values…)" + tail`, one statement per chunk of `values`.

    `sql` ends where the list goes (`… WHERE a.id`) and binds nothing; `tail` (more conditions)
    carries its own values. The rows come chunk by chunk, so an order the statement gives holds
    within a chunk only.
    """
    head = Clause(sql)
    for start in range(0, len(values), CHUNK):
        chunk = tuple(values[start : start + CHUNK])
        yield from (head + Clause(f" IN ({','.join('?' * len(chunk))})", chunk) + tail).execute(conn)
