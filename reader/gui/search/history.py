"""Recent searches in the search box's drop-down: the user's own, kept between runs, clearable.

A query counts as searched when the user meant it, not at every pause while typing (东, 东昌,
东昌府 would all be kept): when they press Enter in the box or open one of its results. The
newest comes first, a repeat moves to the top, RECENT_LIMIT are kept, in the user's settings
(reader.gui.settings; like the window's layout they belong to the person and to no archive).

The box offers them two ways: while typing, the recent queries that contain what is typed drop
down under it (a QCompleter); ↓ in the box, or the clock button at its left, lists them all, with
清除检索记录 at the end of the button's menu. Choosing one searches for it at once.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QMenu, QStyle

from reader.gui.settings import Settings

RECENT_LIMIT = 20


def remembered(history: list[str], text: str, limit: int = RECENT_LIMIT) -> list[str]:
    """`history` with `text` first (once), at most `limit` long; blank text changes nothing."""
    text = text.strip()
    if not text:
        return history
    return [text, *(item for item in history if item != text)][:limit]


class SearchHistory(QObject):
    """Owns the drop-down of `field`; `chosen(text)` when the user picks a recent query (the
    field already holds it)."""

    chosen = Signal(str)

    def __init__(self, field: QLineEdit, settings: Settings) -> None:
        super().__init__(field)
        self._field = field
        self._settings = settings
        self.model = QStringListModel(settings.recent_searches, self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self._picked)
        field.setCompleter(self.completer)
        icon = field.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.button = QAction(icon, self.tr("最近的检索"), field)
        self.button.setObjectName("recentSearches")
        self.button.setToolTip(self.tr("最近的检索（↓）"))
        self.button.triggered.connect(self.show_menu)
        field.addAction(self.button, QLineEdit.ActionPosition.LeadingPosition)
        self.menu: QMenu | None = None  # the last menu shown (tests look into it)
        field.installEventFilter(self)
        field.returnPressed.connect(lambda: self.remember(field.text()))

    def items(self) -> list[str]:
        return self.model.stringList()

    def remember(self, text: str) -> None:
        """The user searched for `text`: first in the list from now on."""
        history = remembered(self.items(), text)
        if history != self.items():
            self.model.setStringList(history)
            self._settings.recent_searches = history

    def clear(self) -> None:
        """清除检索记录: forget every recent query."""
        self.model.setStringList([])
        self._settings.recent_searches = []

    def show_all(self) -> None:
        """The whole list under the box (↓ in the box)."""
        if self.items():
            self.completer.setCompletionPrefix("")
            self.completer.complete()

    def show_menu(self) -> None:
        """The clock button: every recent query, then 清除检索记录."""
        menu = QMenu(self._field)
        menu.setObjectName("recentSearchesMenu")
        for text in self.items():
            menu.addAction(text.replace("&", "&&"), partial(self._picked, text))
        if not self.items():
            menu.addAction(self.tr("（还没有检索记录）")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("清除检索记录"), self.clear)
        clear.setEnabled(bool(self.items()))
        menu.aboutToHide.connect(menu.deleteLater)
        self.menu = menu
        menu.popup(self._field.mapToGlobal(self._field.rect().bottomLeft()))

    def _picked(self, text: str) -> None:
        self._field.setText(text)
        self.remember(text)
        self.chosen.emit(text)

    def _popup_open(self) -> bool:
        popup = self.completer.popup()
        return popup is not None and popup.isVisible()

    def result_opened(self, _article_id: int, from_search: bool) -> None:
        """A result of the box's query was opened: the query was meant."""
        if from_search:
            self.remember(self._field.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the box with no list open shows every recent query."""
        if (
            watched is self._field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and not self._popup_open()
        ):
            self.show_all()
            return bool(self.items())
        return False
