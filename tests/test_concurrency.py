"""Searching while another process imports: every search sees one consistent snapshot, never a lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from issue_texts import many_issues

from reader.archive.db import open_archive
from reader.archive.importer import import_paths
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
