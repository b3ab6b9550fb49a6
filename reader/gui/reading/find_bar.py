"""在本文中查找: the find bar under the reading pane (Ctrl+F), apart from searching the archive.

A reader looking for a word in the article in front of them does not want a new archive search
that replaces their results list. The bar finds every occurrence of its text in the shown
article (as laid out, case-insensitive), marks them all with extra selections (the search hits'
own highlight stays), selects the current one and scrolls to it, and says 第 2/5 处 (没有找到).
Enter / Shift+Enter and F3 / Shift+F3 step forward and back, round from the last to the first;
Esc closes it and gives the keyboard back to the pane. Another article shown while it is open is
searched again at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from reader.gui.metrics import chars_width
from reader.gui.reading.pane import ReadingPane

MATCH_COLOUR = QColor("#fff59d")
CURRENT_COLOUR = QColor("#ffb74d")
FIELD_CHARS = 14
# Keys the field keeps for itself although the window binds them (Esc: 返回本期, F3: 下一处).
OWN_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3)


class FindBar(QWidget):
    """`position_changed(current, total)` after each search or step (1-based; 0, n when
    nothing is selected yet, 0, 0 without matches)."""

    position_changed = Signal(int, int)

    def __init__(self, pane: ReadingPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._pane = pane
        self._matches: list[QTextCursor] = []
        self._current = -1
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(self.tr("在本文中查找"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(chars_width(self.field.font(), FIELD_CHARS))
        self.count = QLabel("", self)
        self.count.setObjectName("findCount")
        self.previous = self._button(self.tr("上一处"), self.tr("上一处（Shift+Enter 或 Shift+F3）"))
        self.next = self._button(self.tr("下一处"), self.tr("下一处（Enter 或 F3）"))
        self.close_button = self._button("✕", self.tr("关闭（Esc）"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        # No label before the field: its placeholder says it, and at 1024 px a label made the
        # bar wider than the reading pane, which pushed the window past the screen's width.
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.previous, self.next, self.close_button):
            layout.addWidget(button)
        self.field.textChanged.connect(lambda _text: self.refresh())
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.close_bar)
        pane.article_changed.connect(lambda _record: self.refresh())
        self.field.installEventFilter(self)
        self.hide()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def open(self) -> None:
        """Ctrl+F: show the bar with the field's text selected; a short selection in the pane
        becomes what is looked for."""
        chosen = self._pane.textCursor().selectedText().strip()
        if chosen and "\u2029" not in chosen and len(chosen) <= 40:
            self.field.setText(chosen)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        """Esc: hide the bar and its marks; the keyboard goes back to the article."""
        self.hide()
        self._matches = []
        self._current = -1
        self._pane.setExtraSelections([])
        self._pane.setFocus(Qt.FocusReason.OtherFocusReason)
        self.position_changed.emit(0, 0)

    def active(self) -> bool:
        """Open with something found: F3 and Shift+F3 step through its matches."""
        return self.isVisible() and bool(self._matches)

    def refresh(self) -> None:
        """Find the field's text in the shown article again and select the first match."""
        if self.isHidden():
            return
        self._matches = self._find_all(self.field.text())
        self._current = -1
        if self._matches:
            self.step(1)
        else:
            self._show_marks()

    def step(self, step: int) -> None:
        """The next (+1) or previous (-1) match, round from the last to the first."""
        if not self._matches:
            return
        if self._current < 0:
            self._current = 0 if step > 0 else len(self._matches) - 1
        else:
            self._current = (self._current + step) % len(self._matches)
        self._pane.setTextCursor(self._matches[self._current])
        self._pane.ensureCursorVisible()
        self._show_marks()

    def _find_all(self, text: str) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        if not text or self._pane.record is None:
            return found
        document = self._pane.document()
        cursor = document.find(text, 0)
        while not cursor.isNull():
            found.append(cursor)
            cursor = document.find(text, cursor)
        return found

    def _show_marks(self) -> None:
        selections = []
        for number, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT_COLOUR if number == self._current else MATCH_COLOUR)
            selection.format = fmt
            selection.cursor = cursor
            selections.append(selection)
        self._pane.setExtraSelections(selections)
        total = len(self._matches)
        if total:
            self.count.setText(self.tr("第 {0}/{1} 处").format(self._current + 1, total))
        else:
            self.count.setText(self.tr("没有找到") if self.field.text() else "")
        self.position_changed.emit(self._current + 1, total)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The field's own keys: Enter / Shift+Enter and F3 / Shift+F3 step, Esc closes."""
        if watched is not self.field or not isinstance(event, QKeyEvent) or event.key() not in OWN_KEYS:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the window's Esc / F3 shortcuts wait: the key comes here
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step(-1 if back else 1)
        return True
