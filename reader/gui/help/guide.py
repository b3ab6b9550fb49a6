"""帮助 → 使用说明 (F1): the user guide (resources/guide.md) inside the program.

Staff look for help in the program, not in a README beside its source. The guide is Markdown,
shown by QTextBrowser's own Markdown reader; one window, opened again if asked twice, and not
modal, so the user can follow it while using the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from reader.gui.window.commands import window_action
from reader.resources import GUIDE, MissingResource, locate

GUIDE_SIZE = (720, 640)


def guide_text() -> str:
    """The guide's Markdown; a Chinese line naming the missing file when the installation lost it."""
    try:
        return locate(GUIDE).read_text(encoding="utf-8")
    except (MissingResource, OSError) as err:
        return QCoreApplication.translate("guide", "找不到使用说明：{0}").format(err)


class GuideDialog(QDialog):
    """The guide in a browser window of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("使用说明"))
        self.text = QTextBrowser(self)
        self.text.setObjectName("guideText")
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(*GUIDE_SIZE)


def show_guide(parent: QWidget) -> GuideDialog:
    """Show the guide (the one already open, raised, when there is one)."""
    dialog = parent.findChild(GuideDialog)
    if dialog is None:
        dialog = GuideDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def guide_action(window: QMainWindow) -> QAction:
    """帮助 → 使用说明 (F1), for the window to put first in its 帮助 menu."""
    action = window_action(
        window, QCoreApplication.translate("guide", "使用说明"), QKeySequence.StandardKey.HelpContents
    )
    action.setObjectName("showGuide")
    action.triggered.connect(lambda: show_guide(window))
    return action
