"""The window shows the latest issue before it loads what only later work needs (issue 26): the
PDF renderer, the Word writer, print support, the repair machinery and the word lists. Those
still arrive when asked for: the word list with the warm-up on the search worker, the renderer
with an export. Checked in a fresh process, driving the real window offscreen, since a test
process has imported everything long before."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from cli_support import REPO, build_archive

DEFERRED = (
    "PySide6.QtPrintSupport",
    "reader.export.pdf",
    "reader.export.word",
    "reader.gui.printing.job",
    "reader.archive.repair",
    "reader.text.word_table",
    "rjieba",
)
CHECK = f"""
import sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from reader.gui.app import application, open_window

def wait_until(done):
    deadline = time.monotonic() + 60
    while not done() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    return done()

app = application([])
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
window = open_window(Path(sys.argv[1]), demo_dir=None, warm_up_ms=None)
window.show()
window.start()
QApplication.processEvents()
print("LISTED", window.navigator.current_issue_id, window.articles.rowCount(), window.pane.record is not None)
print("LOADED", *[name for name in {DEFERRED!r} if name in sys.modules])
window.search.warm_up()  # what the window's timer does a moment after the first paint
warmed = wait_until(lambda: "reader.text.word_table" in sys.modules and window.search.is_idle())
print("WARMED", warmed, "rjieba" in sys.modules)
target = Path(sys.argv[2])
window.printing.export_articles([window.pane.record], path=target)
print("EXPORTED", wait_until(lambda: target.exists() and not window.printing.busy), target.stat().st_size > 0)
window.session.close()
"""


def test_the_latest_issue_is_shown_before_what_waits_and_what_waits_arrives(tmp_path: Path) -> None:
    db = build_archive(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", CHECK, str(db), str(tmp_path / "article.pdf")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, env=env, check=False, timeout=180)
    lines = dict(line.split(" ", 1) for line in done.stdout.decode("utf-8").splitlines() if " " in line)
    assert 0 == done.returncode, done.stderr.decode("utf-8")
    issue, listed, shown = lines["LISTED"].split()
    with closing(sqlite3.connect(db)) as conn:
        latest, articles = conn.execute(
            "SELECT i.id, count(*) FROM issues i JOIN articles a ON a.issue_id = i.id"
            " GROUP BY i.id ORDER BY i.date DESC LIMIT 1"
        ).fetchone()
    assert (str(latest), str(articles), "True") == (issue, listed, shown)
    assert "" == lines.get("LOADED", ""), "loaded before the first paint"
    assert "True False" == lines["WARMED"]
    assert "True True" == lines["EXPORTED"]
