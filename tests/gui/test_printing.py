"""打印… and 打印预览… driven from the window's menu as a user does, offscreen.

The preview used to paint on a QPrinter that had already been freed: the program died with a
segmentation fault, which would end this test run, not fail one test. Run this file under
`python -X faulthandler -m pytest` to see where, should it ever come back.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

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
