"""文件 → 打开共享档案… / 改回本机档案: a colleague reads the archivist's published folder, and
the program remembers it for them.

The choice is kept in this user's settings (reader.gui.settings.Settings.shared_folder), so the
next start without arguments opens the shared folder again (reader.gui.app.startup_location);
ARCHIVE_READER_DB or an argument still win. The window moves to the chosen archive at once:
another archive is announced on the window's ChangeBus (every part reads again, undo steps
forgotten), then `relocated()` tells the window to open where the user left off there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.archive.errors import ArchiveError
from reader.archive.snapshots import is_published_folder
from reader.gui.messages import open_warning
from reader.gui.operations import ChangeBus, Changes
from reader.gui.save_path import dialog_folder
from reader.gui.session import ArchiveSession
from reader.gui.settings import Settings


class SharedFolder(QObject):
    """The two actions; `relocated()` once the session reads another archive."""

    relocated = Signal()

    def __init__(
        self,
        window: QWidget,
        session: ArchiveSession,
        settings: Settings,
        changes: ChangeBus,
        own_archive: Callable[[], Path],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._changes = changes
        self._settings = settings
        self._own_archive = own_archive
        self.open_shared = QAction(self.tr("打开共享档案…"), window)
        self.open_shared.setObjectName("openSharedAction")
        self.open_shared.setToolTip(self.tr("阅读档案员发布在共享文件夹里的档案；以后启动时都打开它"))
        self.open_own = QAction(self.tr("改回本机档案"), window)
        self.open_own.setObjectName("openOwnAction")
        self.open_shared.triggered.connect(lambda _checked=False: self.choose())
        self.open_own.triggered.connect(lambda _checked=False: self.use_own())
        self.refresh()

    def actions(self) -> list[QAction]:
        return [self.open_shared, self.open_own]

    def refresh(self) -> None:
        """改回本机档案 only while a shared folder is read."""
        self.open_own.setVisible(self._session.follows_folder)

    def choose(self) -> None:
        """Ask for the shared folder, then read it (and remember it) if it holds a published archive."""
        start = dialog_folder(self._settings.shared_folder)
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("打开共享档案"), start)
        if folder:
            self.use_folder(Path(folder))

    def use_folder(self, folder: Path) -> bool:
        if not is_published_folder(folder):
            message = self.tr("{0} 里没有档案员发布的档案（archive-日期-时间-序号.sqlite3）").format(folder)
            open_warning(self._window, self.tr("无法打开共享档案"), message, "sharedFolderRefused")
            return False
        if not self._move(folder):
            return False
        self._settings.shared_folder = str(folder)
        return True

    def use_own(self) -> bool:
        """Back to the user's own archive (the default one); the shared folder is forgotten."""
        if not self._move(self._own_archive()):
            return False
        self._settings.shared_folder = ""
        return True

    def _move(self, location: Path) -> bool:
        try:
            self._session.relocate(location)
        except ArchiveError as err:
            open_warning(self._window, self.tr("无法打开档案"), str(err), "relocateFailed")
            return False
        self.refresh()
        self._changes.announce(Changes.everything(archive_replaced=True, reopened=True))
        self.relocated.emit()
        return True
