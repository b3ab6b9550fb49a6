"""The window's part of the soak (tests/soak_support.py): the real MainWindow, offscreen, in a
process of its own, doing what a user does for a while, then closed as a user closes it.

    python tests/soak_window.py --db ARCHIVE --log WRITES.jsonl --settings FOLDER --seconds N

Each round it stars the next article not yet bookmarked (Ctrl+D), writes a note on that bookmark
in the bookmarks panel, retitles the article through 修改标题/引题/署名…, gives an undated issue a
date through the date dialog (when none is left, one it dated before gets another), and
searches. Every step is one JSON line in --log, flushed at once: {"kind", "key", "value",
"outcome", "detail"}, where outcome is

- "acknowledged": the feature said the write landed and the window shows it (the star lit, the
  note in the panel, the new headline, the issue's date as the window reads them);
- "read": a search answered;
- "busy": refused with the archive's own busy message (档案正被其他程序占用…), said aloud;
- "failed": any other message, an answer the window does not show, or no answer in time.

Tracebacks (sys.excepthook), Qt's messages and every message box go to stderr. The first round
always runs whole, however long it takes; later rounds start until N seconds are over. Exit 0
after the window closed normally (its close event: the writer finishes and closes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this worktree's reader first

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, QMessageLogContext, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QMessageBox

from reader.archive.errors import ArchiveError
from reader.archive.records import ArticleRecord
from reader.gui.app import application, open_window, set_application_names
from reader.gui.bookmarks.model import KEY_ROLE, NOTE
from reader.gui.issue_dates.dialog import IssueNamesDialog
from reader.gui.main_window import MainWindow

STEP_TIMEOUT_S = 120  # a write waits behind an import at most the busy timeout; a loaded machine is slow
PAUSE_MS = 100  # between steps, as a user pauses; the other processes get the processor
QUERIES = ("幸福食堂", "口袋公园", "标题:延时服务")
FIRST_DATE = dt.date(2019, 1, 1)  # dates given to undated issues: before every imported one


def isolate_settings(folder: Path) -> None:
    """QSettings in `folder`, never the user's own (as tests/gui/conftest.py does for GUI tests)."""
    set_application_names()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))


def report_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Every uncaught exception, in a slot too, as a traceback on stderr."""
    sys.stderr.write("".join(traceback.format_exception(kind, value, tb)))
    sys.stderr.flush()


def report_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    sys.stderr.write(f"Qt {kind.name}: {message}\n")
    sys.stderr.flush()


class SoakUser:
    """Drives `window` step by step and logs each step to `log` (see the module docstring)."""

    def __init__(self, window: MainWindow, log: IO[str]) -> None:
        self.window = window
        self._log = log
        self._busy = str(ArchiveError(window.session.path, "locked"))
        self._round = 0
        self._issue_id = 1  # where the walk for articles not yet bookmarked goes on
        self._dated: list[int] = []  # the issues this window gave a date, in order
        self._messages: list[str] = []
        self._bookmarks_changed = 0
        self._notes_landed: list[str] = []
        self._corrected: list[str] = []
        self._searches: list[str | None] = []  # None: an answer; else the failure's message
        store = window.bookmarks.store
        store.changed.connect(self._count_bookmark_change)
        store.note_changed.connect(self._notes_landed.append)
        window.corrections.changed.connect(self._corrected.append)
        window.search.finished.connect(lambda _outcome: self._searches.append(None))
        window.search.failed.connect(self._searches.append)

    def _count_bookmark_change(self) -> None:
        self._bookmarks_changed += 1

    # --- one round -----------------------------------------------------------------------------

    def play_round(self) -> None:
        """Star, note, retitle (when an article is left to star), date, search."""
        record = self._next_article()
        if record is not None and self.star(record):
            self.note(record.key)
            self.retitle(record)
        issue_id = self._next_undated()
        if issue_id is not None:
            self.date(issue_id)
        self.search(QUERIES[self._round % len(QUERIES)])
        self._round += 1

    def _next_article(self) -> ArticleRecord | None:
        """The first article not yet bookmarked, walking the issues by id (the import adds more)."""
        session = self.window.session
        while (issue := session.issue(self._issue_id)) is not None:
            for article_id in session.article_ids(issue.id):
                record = session.article(article_id)
                if record is not None and not self.window.bookmarks.store.is_bookmarked(record.key):
                    return record
            self._issue_id += 1
        return None

    def _next_undated(self) -> int | None:
        """An issue still undated (the import brings new ones), else one dated before, in turn."""
        undated = self.window.session.undated_issues()
        if undated:
            return undated[0].id
        return self._dated[self._round % len(self._dated)] if self._dated else None

    # --- the steps -----------------------------------------------------------------------------

    def star(self, record: ArticleRecord) -> bool:
        """Open the article from its issue and press the star; True when acknowledged."""
        self.window.navigator.open_article(record.id)
        shown = self.window.pane.record
        if shown is None or shown.id != record.id:
            return self._log_step("bookmark", record.key, True, False, "文章没有显示在阅读区")
        before = self._bookmarks_changed
        star = self.window.bookmarks.star.action
        star.trigger()
        answered = self._wait(lambda: self._bookmarks_changed > before)
        return self._log_step("bookmark", record.key, True, answered, "" if star.isChecked() else "星标未亮")

    def note(self, key: str) -> None:
        """Type a note on the bookmark in the bookmarks panel."""
        model = self.window.bookmarks.panel.model
        text = f"批注{self._round}：写进年终总结"
        rows = [row for row in range(model.rowCount()) if model.index(row, NOTE).data(KEY_ROLE) == key]
        if not rows:
            self._log_step("note", key, text, False, "书签栏里没有这个书签")
            return
        before = len(self._notes_landed)
        model.setData(model.index(rows[0], NOTE), text, Qt.ItemDataRole.EditRole)
        answered = self._wait(lambda: key in self._notes_landed[before:])
        record = self.window.bookmarks.store.record(key)
        shown = record is not None and record.note == text
        self._log_step("note", key, text, answered, "" if shown else "批注没有显示")

    def retitle(self, record: ArticleRecord) -> None:
        """修改标题/引题/署名… on the article in the reading pane: a new headline, OK."""
        headline = f"{record.headline}（校订{self._round}）"
        before = len(self._corrected)
        self.window.corrections.retitle_action.trigger()
        dialog = self._dialog("retitleDialog")
        if dialog is None:
            self._log_step("retitle", record.key, headline, False, "没有出现修改标题的对话框")
            return
        edit = dialog.findChild(QLineEdit, "headlineEdit")
        assert edit is not None
        edit.setText(headline)
        self._press_ok(dialog)
        answered = self._wait(lambda: record.key in self._corrected[before:])
        now = self.window.session.article_by_key(record.key)
        shown = now is not None and now.headline == headline
        self._log_step("retitle", record.key, headline, answered, "" if shown else "新标题没有显示")

    def date(self, issue_id: int) -> None:
        """设定出版日期 for an issue: a new date each round, OK."""
        day = FIRST_DATE + dt.timedelta(days=self._round)
        iso = day.isoformat()
        self.window.ask_issue_date(issue_id)
        dialog = self._dialog("dateDialog")
        if not isinstance(dialog, IssueNamesDialog):
            self._log_step("date", str(issue_id), iso, False, "没有出现设定日期的对话框")
            return
        dialog.edit.setDate(QDate(day.year, day.month, day.day))
        self._press_ok(dialog)

        def shown() -> bool:
            issue = self.window.session.issue(issue_id)
            return issue is not None and issue.user_date == iso

        if self._log_step("date", str(issue_id), iso, self._wait(shown), "") and issue_id not in self._dated:
            self._dated.append(issue_id)

    def search(self, query: str) -> None:
        """Type a query into the search box, wait for the answer, Esc back to the issue."""
        before = len(self._searches)
        self.window.search_bar.field.setText(query)
        answered = self._wait(lambda: len(self._searches) > before and self.window.search.is_idle())
        failure = next((s for s in self._searches[before:] if s is not None), None)
        outcome = self.window.search.last_outcome
        total = outcome.total if outcome is not None else None
        self._log_step("search", query, total, answered, failure or "", read=True)
        self.window.leave_search()

    # --- waiting and logging -------------------------------------------------------------------

    def _wait(self, done: Callable[[], bool]) -> bool:
        """Turn the event loop until `done()`, a message box, or STEP_TIMEOUT_S; True when done."""
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            self._collect_messages()
            if done():
                return True
            if self._messages or time.monotonic() > deadline:
                return False
            QTest.qWait(20)

    def _collect_messages(self) -> None:
        """Every message box now open: its text to stderr and to the step's messages; closed."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                text = widget.text()
                sys.stderr.write(f"soak window: message box {widget.objectName()}: {text}\n")
                sys.stderr.flush()
                self._messages.append(text)
                widget.done(0)

    def _dialog(self, name: str) -> QDialog | None:
        found: list[QDialog] = []

        def opened() -> bool:
            dialog = self.window.findChild(QDialog, name)
            if dialog is not None and dialog.isVisible():
                found.append(dialog)
            return bool(found)

        return found[0] if self._wait(opened) else None

    def _press_ok(self, dialog: QDialog) -> None:
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    def _log_step(
        self, kind: str, key: str, value: object, answered: bool, problem: str, *, read: bool = False
    ) -> bool:
        """One line in the log; True when the step was acknowledged (or answered, for a read)."""
        self._collect_messages()
        messages, self._messages = self._messages, []
        if messages:
            busy = all(self._busy in text for text in messages)
            outcome, detail = ("busy" if busy else "failed"), " | ".join(messages)
        elif not answered:
            outcome, detail = "failed", f"{STEP_TIMEOUT_S} 秒内没有回应"
        elif problem:
            outcome, detail = "failed", problem
        else:
            outcome, detail = ("read" if read else "acknowledged"), ""
        line = {"kind": kind, "key": key, "value": value, "outcome": outcome, "detail": detail}
        self._log.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._log.flush()
        if outcome == "failed":
            sys.stderr.write(f"soak window: {kind} {key} failed: {detail}\n")
        QTest.qWait(PAUSE_MS)
        return outcome == "acknowledged"


def play(window: MainWindow, log_path: Path, seconds: float) -> None:
    """Rounds of steps until `seconds` are over (the first round whole)."""
    deadline = time.monotonic() + seconds
    with log_path.open("a", encoding="utf-8") as log:
        user = SoakUser(window, log)
        user.play_round()
        while time.monotonic() < deadline:
            user.play_round()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The window's part of the soak (tests/soak_support.py).")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--settings", type=Path, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    args = parser.parse_args(argv)
    sys.excepthook = report_exception
    qInstallMessageHandler(report_qt_message)
    isolate_settings(args.settings)
    app = application([sys.argv[0]])
    window = open_window(args.db, demo_dir=None)
    if window is None:
        return 1
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.start()
    try:
        play(window, args.log, args.seconds)
    finally:
        window.close()  # the close event: searches stop, the writer finishes and closes
        window.session.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
