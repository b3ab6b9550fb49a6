"""Noticing what other programs changed in the archive: a colleague's import, a command-line
correction, a date given in another window.

The window's own writes refresh what they touched; nothing told it about anyone else's, so a
window left open all day never showed an issue imported at another desk. The session answers
cheaply whether anything that the lists show changed (reader.gui.session.outside_change: SQLite's
data_version, or the file's stamp for an archive opened immutable); this asks every few seconds
and whenever the window comes to the front, and refreshes the lists when it did. It waits while
a dialog is open or the window's own writer is busy, so nothing moves under a user's choice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.archive.errors import ArchiveError
from reader.gui.operations import ArchiveWriter
from reader.gui.session import ArchiveSession

CHECK_MS = 5000


class OutsideChanges(QObject):
    """Calls `refresh()` when another program changed what the window lists."""

    def __init__(
        self,
        session: ArchiveSession,
        writer: ArchiveWriter,
        refresh: Callable[[], None],
        parent: QObject,
        interval_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._writer = writer
        self._refresh = refresh
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> bool:
        """Refresh now if the archive changed elsewhere; True when it did."""
        if QApplication.activeModalWidget() is not None or self._writer.busy():
            return False  # asked again at the next tick: the change is not consumed
        try:
            changed = self._session.outside_change()
        except ArchiveError:
            return False  # unreadable just now (rewritten mid-read); the next tick asks again
        if changed:
            self._refresh()
        return changed

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
