"""Noticing what other programs changed in the archive: a colleague's import, a command-line
correction, a date given in another window, or a newer snapshot the archivist published.

The window's own writes refresh what they touched; nothing told it about anyone else's, so a
window left open all day never showed an issue imported at another desk. The session answers
cheaply whether anything that the lists show changed (reader.gui.session.outside_change: SQLite's
data_version, or the file's stamp for an archive opened immutable); this asks every few seconds
and whenever the window comes to the front, and refreshes the lists when it did. It waits while
a dialog is open or the window's own writer is busy, so nothing moves under a user's choice.

A window on a folder of published snapshots (reader.archive.snapshots) is asked the same way,
every minute and on focus, whether a newer snapshot appeared (one folder listing: cheap on a
share). It moves to it by itself when nothing is in the way (`switched(added_issues)`); while a
dialog is open or a write is on its way it only says so (`update_waiting(added_issues)`) and
moves at the next check after, or at once on `switch_now()` (the status bar's 刷新).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.archive.errors import ArchiveError
from reader.gui.operations import ArchiveWriter
from reader.gui.session import ArchiveSession

CHECK_MS = 5000
SNAPSHOT_CHECK_MS = 60_000


class OutsideChanges(QObject):
    """Calls `refresh()` when another program changed what the window lists; follows a
    published folder to its newest snapshot (signals `update_waiting` and `switched`, each with
    how many issues the newer snapshot added)."""

    update_waiting = Signal(int)
    switched = Signal(int)

    def __init__(
        self,
        session: ArchiveSession,
        writer: ArchiveWriter,
        refresh: Callable[[], None],
        parent: QObject,
        interval_ms: int = CHECK_MS,
        snapshot_interval_ms: int = SNAPSHOT_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._writer = writer
        self._refresh = refresh
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.snapshot_timer = QTimer(self)
        self.snapshot_timer.setInterval(snapshot_interval_ms)
        self.snapshot_timer.timeout.connect(self.check_snapshot)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def start(self) -> None:
        self.timer.start()
        self.snapshot_timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.snapshot_timer.stop()

    def _in_the_way(self) -> bool:
        return QApplication.activeModalWidget() is not None or self._writer.busy()

    def check(self) -> bool:
        """Refresh now if the archive changed elsewhere; True when it did."""
        if self._in_the_way():
            return False  # asked again at the next tick: the change is not consumed
        try:
            changed = self._session.outside_change()
        except ArchiveError:
            return False  # unreadable just now (rewritten mid-read); the next tick asks again
        if changed:
            self._refresh()
        return changed

    def check_snapshot(self) -> bool:
        """Move to a newer published snapshot if there is one and nothing is in the way (else
        say that there is one); True when the window moved."""
        try:
            newer = self._session.newer_snapshot()
        except ArchiveError:
            return False  # a half-readable share just now; the next check asks again
        if newer is None:
            return False
        if self._in_the_way():
            self.update_waiting.emit(newer.added_issues)
            return False
        return self._switch(newer.path, newer.added_issues)

    def switch_now(self) -> bool:
        """刷新: move to the newest snapshot now, unless a write of the window is on its way."""
        if self._writer.busy():
            return False
        try:
            newer = self._session.newer_snapshot()
        except ArchiveError:
            return False
        return newer is not None and self._switch(newer.path, newer.added_issues)

    def _switch(self, path: Path, added: int) -> bool:
        try:
            self._session.switch_to(path)
        except ArchiveError:
            return False  # removed or unreadable meanwhile: the next check finds what is there
        self.switched.emit(added)
        return True

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
            self.check_snapshot()
