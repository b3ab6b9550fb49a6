"""Searching while another process or thread imports: every search sees one consistent snapshot,
never a lock."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from issue_texts import many_issues

from reader.archive import issue_writer
from reader.archive.db import Archive, open_archive
from reader.archive.importer import ImportReport, import_paths
from reader.archive.search import search

REPO = Path(__file__).resolve().parents[1]
WORD = "幸福食堂"
BRUTE = (
    "SELECT count(*) FROM articles WHERE"
    " kicker || headline || subtitle || dateline || byline || body LIKE '%' || ? || '%'"
)


def test_searches_during_an_import_in_another_process_are_exact_and_never_locked(tmp_path: Path) -> None:
    files = many_issues(tmp_path / "dump", 400)
    db = tmp_path / "archive.sqlite3"
    with open_archive(db) as archive:
        assert import_paths(archive, files[:20]).ok
    seen: list[int] = []
    with subprocess.Popen(
        [sys.executable, "-m", "reader", "import", str(tmp_path / "dump"), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
    ) as process:
        try:
            while process.poll() is None or not seen:
                with open_archive(db, readonly=True) as reader:
                    reader.conn.execute("BEGIN")
                    result = search(reader, WORD, limit=1000)
                    brute = reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]
                    reader.conn.execute("COMMIT")
                assert brute == result.total == len(result.hits)
                seen.append(result.total)
        finally:
            _, errors = process.communicate()
    assert 0 == process.returncode, errors.decode("utf-8")
    assert seen == sorted(seen)
    assert len(set(seen)) > 1, "no search ran while the import was writing"


def text_of(archive: Archive, article_id: int) -> str:
    row = archive.conn.execute(
        "SELECT kicker || headline || subtitle || dateline || byline || reader_body(body) FROM articles"
        " WHERE id = ?",
        (article_id,),
    ).fetchone()
    return str(row[0])


def test_searches_on_one_read_connection_while_an_import_thread_writes(tmp_path: Path) -> None:
    """The window's way: the import runs on a worker thread with its own writer connection, the
    searches go through one read-only connection kept open all along (as ArchiveSession does).

    The import waits at three files until two searches have run, so searches do meet it midway
    (every issue of many_issues has one article with WORD: the total is the issues imported)."""
    files = many_issues(tmp_path / "dump", 40)
    db = tmp_path / "archive.sqlite3"
    with open_archive(db) as archive:
        assert import_paths(archive, files[:4]).ok
    searches_done = 0
    reader_gone = False  # the searching stopped (failed): the import must not wait any more
    searched = threading.Condition()
    writer_failures: list[BaseException | str] = []
    reports: list[ImportReport] = []

    def wait_for_two_searches(index: int, _total: int, _path: Path, _outcome: object) -> None:
        if index not in (5, 15, 30):
            return
        with searched:
            target = searches_done + 2
            if not searched.wait_for(lambda: reader_gone or searches_done >= target, timeout=60):
                writer_failures.append(f"no search ran while the import waited after file {index}")

    def write() -> None:
        try:
            with open_archive(db) as archive:
                reports.append(import_paths(archive, files[4:], progress=wait_for_two_searches))
        except BaseException as err:  # reported by the test below
            writer_failures.append(err)

    writer = threading.Thread(target=write, name="test-import")
    seen: list[int] = []
    found: set[int] = set()
    with open_archive(db, readonly=True) as reader:
        writer.start()
        try:
            while writer.is_alive():
                before = reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]
                result = search(reader, WORD, limit=1000)  # takes its own snapshot
                after = reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]
                assert before <= result.total <= after
                assert result.total == len(result.hits)
                reader.conn.execute("BEGIN")  # a search inside the caller's snapshot joins it
                same = search(reader, WORD, limit=1000)
                assert reader.conn.execute(BRUTE, (WORD,)).fetchone()[0] == same.total == len(same.hits)
                reader.conn.execute("COMMIT")
                seen += [result.total, same.total]
                found |= {hit.id for hit in (*result.hits, *same.hits)}
                with searched:
                    searches_done += 1
                    searched.notify_all()
        finally:
            with searched:
                reader_gone = True
                searched.notify_all()
            writer.join(timeout=120)
        assert not writer.is_alive()
        assert [] == writer_failures
        assert reports[0].ok and files[4:] == reports[0].imported
        final = search(reader, WORD, limit=1000)
        assert 40 == final.total == len(final.hits) == reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]
        assert all(WORD in text_of(reader, article_id) for article_id in found)
    assert seen == sorted(seen)
    assert {4 + 5, 4 + 15, 4 + 30} <= set(seen)  # the totals at the three files the import waited at


def test_a_search_is_not_held_up_by_an_import_holding_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import stopped inside its write transaction (rows written and indexed, not committed):
    a reader opened then searches the last committed state, and is neither locked out nor kept
    waiting - the import goes on only after the searches came back."""
    files = many_issues(tmp_path / "dump", 3)
    db = tmp_path / "archive.sqlite3"
    with open_archive(db) as archive:
        assert import_paths(archive, files[:2]).ok
    inside, release = threading.Event(), threading.Event()
    index_for_real = issue_writer.index_articles
    failures: list[BaseException | str] = []

    def slow_index(database: object, ids: list[int]) -> None:
        index_for_real(database, ids)  # type: ignore[arg-type]
        inside.set()
        if not release.wait(timeout=60):
            failures.append("the searches never came back while the import held the write lock")

    monkeypatch.setattr(issue_writer, "index_articles", slow_index)

    def write() -> None:
        try:
            with open_archive(db) as archive:
                assert import_paths(archive, files[2:]).ok
        except BaseException as err:  # reported by the test below
            failures.append(err)

    writer = threading.Thread(target=write, name="test-import")
    writer.start()
    try:
        assert inside.wait(timeout=60), "the import never reached its write"
        with open_archive(db, readonly=True) as reader:
            for _ in range(3):
                result = search(reader, WORD, limit=1000)
                assert 2 == result.total == len(result.hits)
                assert 2 == reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]
    finally:
        release.set()
        writer.join(timeout=120)
    assert not writer.is_alive()
    assert [] == failures
    with open_archive(db, readonly=True) as reader:
        assert 3 == search(reader, WORD).total == reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]


def test_an_import_committing_in_the_middle_of_a_search_does_not_change_its_answer(tmp_path: Path) -> None:
    """A file committed between the statements of one search (its count, then its page): the
    search answers from the snapshot it began with, so its total and its hits still agree."""
    files = many_issues(tmp_path / "dump", 3)
    db = tmp_path / "archive.sqlite3"
    with open_archive(db) as archive:
        assert import_paths(archive, files[:2]).ok
    go, committed = threading.Event(), threading.Event()
    failures: list[BaseException | str] = []

    def write() -> None:
        try:
            if go.wait(timeout=60):
                with open_archive(db) as archive:
                    assert import_paths(archive, files[2:]).ok
        except BaseException as err:  # reported by the test below
            failures.append(err)
        finally:
            committed.set()

    statements: list[str] = []

    def in_the_middle(statement: str) -> None:
        statements.append(statement)
        if len(statements) == 3:  # BEGIN, the count, and now the page: let the import commit
            go.set()
            if not committed.wait(timeout=60):
                failures.append("the import did not commit")

    writer = threading.Thread(target=write, name="test-import")
    writer.start()
    with open_archive(db, readonly=True) as reader:
        reader.conn.set_trace_callback(in_the_middle)
        try:
            result = search(reader, WORD, limit=1000)
        finally:
            reader.conn.set_trace_callback(None)
            go.set()
            writer.join(timeout=120)
        assert [] == failures
        assert len(statements) > 3, statements  # the import did commit in the middle
        assert 2 == result.total == len(result.hits)
        assert (
            3 == search(reader, WORD, limit=1000).total == reader.conn.execute(BRUTE, (WORD,)).fetchone()[0]
        )
