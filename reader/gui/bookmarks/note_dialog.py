"""编辑批注…: a note written in a proper editor, not in a 50-pixel table cell.

Staff write notes of a few sentences (why the article matters, where it was used); a cell
editor showed five characters and took one line. The dialog is window-modal and opened with
open(), so the window goes on painting; Ctrl+Enter saves, Esc cancels, as in a mail editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.gui.metrics import chars_width

NOTE_WIDTH_CHARS = 36
NOTE_LINES = 10


class NoteDialog(QDialog):
    """Edits one bookmark's note; `saved(key, note)` when the user saves (the note stripped)."""

    saved = Signal(str, str)

    def __init__(self, key: str, headline: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("编辑批注"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._key = key
        heading = QLabel(headline or self.tr("（无标题）"), self)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a headline from an imported file
        heading.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlainText(note)
        self.editor.setPlaceholderText(self.tr("写下这篇文章的批注（可以多行）"))
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        line = self.editor.fontMetrics().lineSpacing()
        self.editor.setMinimumSize(chars_width(self.editor.font(), NOTE_WIDTH_CHARS), line * NOTE_LINES)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Ctrl+Enter 保存，Esc 取消"), self)
        hint.setStyleSheet("color:#666;")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.editor.setFocus()

    def accept(self) -> None:
        self.saved.emit(self._key, self.editor.toPlainText().strip())
        super().accept()
