"""An import killed part-way (power cut, Task Manager) loses nothing and leaves no half issue."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from issue_texts import many_issues

from reader.archive import bookmarks, queries
from reader.archive.db import open_archive
from reader.archive.importer import import_paths
from reader.text.load import read_issue

REPO = Path(__file__).resolve().parents[1]
FILES = 300
KILL_AFTER = 60  # progress lines


def articles_per_file(files: list[Path]) -> dict[str, int]:
    return {path.name: len(read_issue(path).articles) for path in files}


def test_a_killed_import_leaves_whole_issues_and_finishes_when_run_again(tmp_path: Path) -> None:
    files = many_issues(tmp_path / "dump", FILES - 2, undated=2)
    db = tmp_path / "archive.sqlite3"
    earlier, rest = files[:10] + files[-2:], files[10:-2]
    with open_archive(db) as archive:
        assert import_paths(archive, earlier).ok
        key = archive.conn.execute("SELECT key FROM articles ORDER BY id LIMIT 1").fetchone()[0]
        bookmarks.add(archive, key, note="杀掉也要在")
        undated = queries.undated_issues(archive)[0]
        queries.set_issue_date(archive, undated.id, "2019-12-31")

    with subprocess.Popen(
        [sys.executable, "-m", "reader", "import", str(tmp_path / "dump"), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    ) as process:
        assert process.stdout is not None
        for _ in range(KILL_AFTER):
            assert process.stdout.readline(), "the import ended before it could be killed"
        process.kill()
        process.wait()
    assert process.returncode != 0

    expected = articles_per_file(files)
    conn = sqlite3.connect(db)
    try:
        assert "ok" == conn.execute("PRAGMA integrity_check").fetchone()[0]
        stored = dict(
            conn.execute(
                "SELECT s.name, count(a.id) FROM sources s LEFT JOIN articles a ON a.source_id = s.id"
                " GROUP BY s.id"
            ).fetchall()
        )
        printed = {path.name for path in sorted(files)[:KILL_AFTER]}  # committed before their line
        assert printed | {path.name for path in earlier} <= set(stored)
        assert len(stored) < len(files)
        for name, count in stored.items():
            assert expected[name] == count, name
    finally:
        conn.close()

    with open_archive(db) as archive:
        report = import_paths(archive, files)
        assert report.ok and [] == report.conflict
        assert len(files) == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        assert sum(expected.values()) == archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert len(files) == archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0]
        mark = bookmarks.get(archive, key)
        assert mark is not None and "杀掉也要在" == mark.note and not mark.deleted
        assert "2019-12-31" == queries.issue(archive, undated.id).user_date
    assert len(rest) > 0
