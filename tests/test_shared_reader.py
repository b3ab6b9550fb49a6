"""A reader of an archive it cannot write, while a colleague writes it: new issues are seen, and
a file rewritten under the reader never shows as a bug or as wrong rows.

The archive lies in a folder that is read-only for the reader (a bind mount as root, see
tests/places.py) and writable for the colleague, who works through the folder itself, in other
processes. The reader opens it immutable (nothing can be created beside it), which promises
SQLite the file never changes: the reader has to notice when it does.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from cli_support import AUGUST_HEADLINE, AUGUST_ISSUE, JULY_ISSUE, REPO, build_archive, err_text, run_cli
from issue_texts import many_issues
from places import ReadOnlyPlace

from reader.archive.db import open_archive
from reader.gui.session import ArchiveSession


def _colleague_can_write(place: ReadOnlyPlace) -> None:
    if place.source == place.path:
        pytest.skip("needs a read-only view of a folder that stays writable (root: a bind mount)")


def test_a_reader_of_a_read_only_folder_sees_a_colleagues_new_issue(read_only_place: ReadOnlyPlace) -> None:
    _colleague_can_write(read_only_place)
    shared = build_archive(read_only_place.source, [("july.txt", JULY_ISSUE)])
    read_only_place.lock()
    session = ArchiveSession(read_only_place.path / shared.name)
    session.open()
    try:
        with open_archive(session.path, readonly=True) as probe:
            assert probe.immutable
        july = session.latest_issue()
        assert july is not None
        assert not session.outside_change()
        august = read_only_place.source / "issues" / "august.txt"
        august.write_text(AUGUST_ISSUE, encoding="utf-8")

        done = run_cli("import", str(august), "--db", str(shared))
        assert 0 == done.returncode, err_text(done)
        assert session.outside_change()
        latest = session.latest_issue()
        assert latest is not None and latest.date == "2022-08-10"
        headlines = [a.headline for a in session.articles(session.article_ids(latest.id))]
        assert AUGUST_HEADLINE in headlines
        assert not session.outside_change()
    finally:
        session.close()


REWRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    end = time.monotonic() + float(sys.argv[2])
    rounds = 0
    while time.monotonic() < end:
        # Rows of another length each round: after VACUUM every page holds other rows.
        conn.execute("UPDATE articles SET byline = ?", ("记" * (rounds % 7 * 150),))
        conn.execute("VACUUM")
        rounds += 1
        time.sleep(0.3)  # a colleague writes in bursts; without a pause no read could ever finish
    conn.close()
    print(rounds - 1)
    """
)


def test_reads_never_fail_or_mislead_while_the_file_is_rewritten_under_them(
    read_only_place: ReadOnlyPlace,
) -> None:
    _colleague_can_write(read_only_place)
    files = many_issues(read_only_place.source / "dump", 40)
    shared = read_only_place.source / "archive.sqlite3"
    done = run_cli("import", str(files[0].parent), "--db", str(shared))
    assert 0 == done.returncode, err_text(done)
    with open_archive(shared, readonly=True) as archive:
        expected = dict(archive.conn.execute("SELECT id, headline FROM articles").fetchall())
    read_only_place.lock()
    session = ArchiveSession(read_only_place.path / shared.name)
    session.open()
    rewriter = subprocess.Popen(
        [sys.executable, "-c", REWRITER, str(shared), "8"], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    reads = 0
    try:
        while rewriter.poll() is None:
            for article_id, headline in expected.items():
                record = session.article(article_id)
                assert record is not None, f"article {article_id} vanished while the file was rewritten"
                assert headline == record.headline
                reads += 1
            issue = session.latest_issue()
            assert issue is not None and issue.date == "2020-02-09"
        last = session.article(next(iter(expected)))
    finally:
        out, _ = rewriter.communicate(timeout=60)
        session.close()  # always: an open file under the read-only mount keeps it from unmounting
    last_round = int(out.strip() or 0)
    assert rewriter.returncode == 0
    assert last_round > 0, "the file was not rewritten while it was read"
    assert reads > len(expected)
    assert last is not None and "记" * (last_round % 7 * 150) == last.byline, "the reader kept the old text"
