"""A file is imported whole or not at all: every row written for it (issue, source, articles)
stays inside the importer's BEGIN IMMEDIATE … COMMIT and goes when it rolls back, whatever
writes the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_helpers import FULL_ISSUE

from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue
from reader.text.cancel import cancel_scope
from reader.text.errors import Cancelled
from reader.text.words import Segmenter


def count(archive: Archive, table: str) -> int:
    return int(archive.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


class BrokenSegmenter(Segmenter):
    """Fails at indexing, which runs after the file's rows are inserted."""

    def cut(self, text: str) -> list[str]:
        raise RuntimeError("segmenter broke")


def test_a_failure_after_the_rows_are_inserted_leaves_nothing_of_the_file(archive_path: Path) -> None:
    with open_archive(archive_path, segmenter=BrokenSegmenter()) as archive:
        with pytest.raises(RuntimeError, match="segmenter broke"):
            import_issue(archive, FULL_ISSUE)
        assert not archive.conn.in_transaction
        counts = [count(archive, t) for t in ("publications", "issues", "sources", "articles")]
    assert [0, 0, 0, 0] == counts
    with open_archive(archive_path) as archive:
        assert "imported" == import_issue(archive, FULL_ISSUE).status
        assert len(FULL_ISSUE.articles) == count(archive, "articles")


def test_a_cancel_that_comes_while_python_indexes_rolls_the_file_back(archive_path: Path) -> None:
    """The window's cancel interrupts SQLite, but while Python cuts a long body into words no
    statement runs and the interrupt finds nothing: the file must still not be committed."""
    asked: list[bool] = []

    def cancel_once_the_rows_are_written() -> bool:
        asked.append(True)
        return True

    with open_archive(archive_path) as archive:
        with pytest.raises(Cancelled), cancel_scope(cancel_once_the_rows_are_written, "x.txt"):
            import_issue(archive, FULL_ISSUE)
        assert asked and not archive.conn.in_transaction
        counts = [count(archive, t) for t in ("issues", "sources", "articles")]
    assert [0, 0, 0] == counts
