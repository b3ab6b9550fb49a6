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

CHUNK = 500  # below every default variable limit


def rows_where_in(
    conn: sqlite3.Connection, sql: str, values: Sequence[Any], tail: str = "", tail_args: Sequence[Any] = ()
) -> Iterator[Any]:
    """The rows of `sql + " IN (…values…)" + tail`, one statement per chunk of `values`.

    `sql` ends where the list goes (`… WHERE a.id`) and binds nothing; `tail` (more conditions)
    binds `tail_args`. The rows come chunk by chunk, so an order the statement gives holds
    within a chunk only.
    """
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        yield from conn.execute(f"{sql} IN ({','.join('?' * len(chunk))}){tail}", (*chunk, *tail_args))
