"""A piece of SQL and the values its `?` bind, as one value.

The search's statements are put together from pieces (the match, the date and publication
filters, the 作者: conditions, a page's LIMIT) that each bind their own values. Kept as separate
strings and tuples, a piece could reach a statement without its values, or with another piece's:
the statement then fails, or worse binds a date where a name was meant. A Clause carries both,
composes only with another Clause, and refuses to be built with as many values as its `?`
placeholders differ, so the two cannot drift apart (issue 25).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Clause:
    """`sql` (any fragment: a condition, a whole statement) and `args`, one value a `?`.

    Falsy when it holds no SQL, so `if filters.article:` asks whether there is a condition.
    """

    sql: str = ""
    args: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        if self.sql.count("?") != len(self.args):
            raise ValueError(f"{self.sql.count('?')} placeholders, {len(self.args)} values: {self.sql!r}")

    def __add__(self, other: Clause) -> Clause:
        """This fragment followed by `other`, their values in the same order."""
        return Clause(self.sql + other.sql, self.args + other.args)

    def __bool__(self) -> bool:
        return bool(self.sql)

    def and_(self, condition: str, *args: Any) -> Clause:
        """This fragment followed by ` AND condition`, binding `args`."""
        return self + Clause(f" AND {condition}", args)

    def execute(self, conn: sqlite3.Connection) -> sqlite3.Cursor:
        """Run the fragment as a statement on `conn`."""
        return conn.execute(self.sql, self.args)


EMPTY = Clause()
