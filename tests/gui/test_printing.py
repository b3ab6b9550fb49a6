"""打印… and 打印预览… driven from the window's menu as a user does, offscreen.

The preview used to paint on a QPrinter that had already been freed: the program died with a
segmentation fault, which would end this test run, not fail one test. Run this file under
`python -X faulthandler -m pytest` to see where, should it ever come back.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _shown_article(window: MainWindow) -> str:
    window.middle.select_article_row(1)
    record = window.pane.record
    assert record is not None
    return record.headline


def _open_preview(qtbot: QtBot, window: MainWindow) -> QPrintPreviewDialog:
    window.printing.actions.preview.trigger()
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog) is not None)
    dialog = window.findChild(QPrintPreviewDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _pages(dialog: QPrintPreviewDialog) -> int:
    return dialog.findChild(QPrintPreviewWidget).pageCount()


def _preview_action(dialog: QPrintPreviewDialog, *texts: str) -> QAction:
    """The preview's toolbar action with one of these texts (Qt's translation may be loaded or not)."""
    return next(a for a in dialog.findChildren(QAction) if a.text() in texts)


def test_print_preview_opens_paints_and_closes_and_the_window_goes_on(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    headline = _shown_article(corpus_window)
    dialog = _open_preview(qtbot, corpus_window)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: _pages(dialog) > 0)
    dialog.grab()  # paint every widget of the dialog, pages included, as the screen would
    with qtbot.waitSignal(dialog.paintRequested, timeout=30_000):
        _preview_action(dialog, "横向", "Landscape").trigger()
    qtbot.waitUntil(lambda: _pages(dialog) > 0)
    dialog.grab()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: corpus_window.findChild(QPrintPreviewDialog) is None)
    assert corpus_window.isVisible()
    assert headline == corpus_window.pane.record.headline
    corpus_window.commands.next.trigger()
    assert headline != corpus_window.pane.record.headline


def test_print_preview_opens_again_after_closing(qtbot: QtBot, corpus_window: MainWindow) -> None:
    _shown_article(corpus_window)
    for _ in range(3):
        dialog = _open_preview(qtbot, corpus_window)
        qtbot.waitUntil(lambda dialog=dialog: _pages(dialog) > 0)
        dialog.grab()
        dialog.close()
        qtbot.waitUntil(lambda: corpus_window.findChild(QPrintPreviewDialog) is None)
    assert corpus_window.isVisible()


def _open_print_dialog(qtbot: QtBot, window: MainWindow) -> QPrintDialog:
    window.printing.actions.print.trigger()
    qtbot.waitUntil(lambda: window.findChild(QPrintDialog) is not None)
    dialog = window.findChild(QPrintDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_cancelling_the_print_dialog_prints_nothing_and_the_window_goes_on(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    headline = _shown_article(corpus_window)
    export = corpus_window.printing
    dialog = _open_print_dialog(qtbot, corpus_window)
    dialog.grab()
    with qtbot.assertNotEmitted(export.finished, wait=200):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: corpus_window.findChild(QPrintDialog) is None)
    assert not export.busy
    assert headline == corpus_window.pane.record.headline
    dialog = _open_print_dialog(qtbot, corpus_window)  # and it opens again
    dialog.reject()
    qtbot.waitUntil(lambda: corpus_window.findChild(QPrintDialog) is None)


def test_printing_to_a_file_from_the_print_dialog_writes_the_article(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    headline = _shown_article(corpus_window)
    dialog = _open_print_dialog(qtbot, corpus_window)
    out = tmp_path / "printed.pdf"
    dialog.findChild(QLineEdit, "filename").setText(str(out))
    print_button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    export = corpus_window.printing
    with qtbot.waitSignal(export.finished, timeout=30_000) as signal:
        qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
    assert str(out) in signal.args[0]
    qtbot.waitUntil(lambda: not export.busy and corpus_window.findChild(QPrintDialog) is None)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert headline.split()[0] in text.replace("\n", "")


# --- the archive is never an export's or a print's output file (issue 21, item 2) ---------------


def _article_count(window: MainWindow) -> int:
    """Asked through SQLite: it fails if the file is no database any more."""
    with open_archive(window.session.path, readonly=True) as archive:
        return int(archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _refusal(window: MainWindow) -> str:
    """The warning's text (PrintExport opens it before it says `finished`); "" when none."""
    box = window.findChild(QMessageBox, "exportWarning")
    if box is None:
        return ""
    text = box.text()
    box.close()
    return text


@pytest.mark.parametrize("what", ["article", "bookmarks"])
def test_exporting_onto_the_open_archive_is_refused_and_it_stays(
    qtbot: QtBot, corpus_window: MainWindow, what: str
) -> None:
    _shown_article(corpus_window)
    archive = corpus_window.session.path
    before = _article_count(corpus_window)
    export = corpus_window.printing
    with qtbot.waitSignal(export.finished, timeout=30_000):
        if what == "article":
            export.export_articles(corpus_window.current_records(), path=archive)
        else:
            with qtbot.waitSignal(corpus_window.bookmarks.store.changed, timeout=30_000):
                corpus_window.bookmarks.star.action.trigger()  # something to export
            export.export_bookmarks(path=archive)
    assert f"无法写入 {archive}：这就是档案本身" in _refusal(corpus_window)
    assert archive.read_bytes().startswith(b"SQLite format 3\x00")
    assert before == _article_count(corpus_window)


def _replace_when_qt_asks(tries: int = 200) -> None:
    """Answer Yes to the print dialog's own 'already exists, overwrite?' (a blocking question)."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and box.button(QMessageBox.StandardButton.Yes) is not None:
        box.button(QMessageBox.StandardButton.Yes).click()
    elif tries:
        QTimer.singleShot(50, lambda: _replace_when_qt_asks(tries - 1))


def test_printing_to_the_open_archive_from_the_print_dialog_is_refused(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    _shown_article(corpus_window)
    archive = corpus_window.session.path
    before = _article_count(corpus_window)
    dialog = _open_print_dialog(qtbot, corpus_window)
    dialog.findChild(QLineEdit, "filename").setText(str(archive))
    print_button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    export = corpus_window.printing
    _replace_when_qt_asks()
    with qtbot.waitSignal(export.finished, timeout=30_000):
        qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
    assert f"无法写入 {archive}：这就是档案本身" in _refusal(corpus_window)
    assert archive.read_bytes().startswith(b"SQLite format 3\x00")
    assert before == _article_count(corpus_window)
