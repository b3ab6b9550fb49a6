"""The import's progress dialog when the import ends while a progress report is being shown."""

from __future__ import annotations

import threading

import pytest
from corpus_support import CORPUS_DIR
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from reader.gui.importing import ReportDialog
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_an_import_ending_while_its_progress_is_shown_closes_the_dialog_cleanly(
    qtbot: QtBot, empty_window: MainWindow
) -> None:
    """What a slow machine does by chance: the GUI thread is busy while the import finishes, so
    its progress reports and its end wait in the queue together. Here the GUI thread waits for
    the writer to be done before it looks at the queue. setValue on the shown, modal dialog runs
    the event loop, so the end of the import arrives in the middle of a progress report (before
    the one writer and ProgressDialog, the report then called setLabelText on None: an
    AttributeError seen in a full test run)."""
    files = sorted(CORPUS_DIR.glob("*.txt"))[:2]
    assert empty_window.import_paths(files)
    dialog = empty_window.findChild(QProgressDialog, "importProgress")
    assert dialog is not None
    dialog.forceShow()  # what the dialog does once the import takes longer than its minimum duration
    writer_done = threading.Event()
    empty_window.writer.submit(lambda _archive: writer_done.set(), lambda _none: None)  # serial
    assert writer_done.wait(timeout=60), "the import did not end"
    qtbot.waitUntil(lambda: not empty_window.importer.running, timeout=60_000)
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None)
    empty_window.findChild(ReportDialog).reject()
    left = empty_window.findChild(QProgressDialog, "importProgress")  # closed, deleted later
    assert left is None or not left.isVisible()
    assert empty_window.articles.rowCount() > 0
