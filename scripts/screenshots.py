"""Screenshots of the window as a user sees it: the issue view and a search, on the corpus.

Run under a virtual screen so the real platform plugin (xcb) and real fonts are used:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py OUT_DIR

Writes OUT_DIR/issue.png and OUT_DIR/search.png; look at them after any change to the window.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QApplication

from reader.archive.importer import import_into
from reader.gui.app import application, open_window

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def wait(app: QApplication, ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("out", type=Path)
    parser.add_argument("--query", default="幸福食堂")
    parser.add_argument("--date", default="2022-07-05", help="the issue to show")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="archive-shots-"))
    db = work / "archive.sqlite3"
    import_into(db, [CORPUS])
    app = application([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work / "settings"))
    window = open_window(db)
    window.show()
    window.start()
    wait(app, 500)
    day = QDate.fromString(args.date, "yyyy-MM-dd")
    window.calendar.calendar.setSelectedDate(day)
    window.calendar.calendar.clicked.emit(day)
    window.middle.select_article_row(1)
    wait(app, 300)
    window.grab().save(str(args.out / "issue.png"))
    window.search_bar.field.setText(args.query)
    window.search.run_now()
    for _ in range(300):
        wait(app, 50)
        if window.search.is_idle() and window.search.last_outcome:
            break
    window.middle.open_result(0)
    wait(app, 300)
    window.grab().save(str(args.out / "search.png"))
    window.close()
    print(f"{args.out / 'issue.png'}\n{args.out / 'search.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
