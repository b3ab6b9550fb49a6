"""文件 → 备份档案…: a consistent copy of the open archive, made on the window's writer.

Wiring (main window): `backup = ArchiveBackup(window, window.writer, lambda: session.path,
settings)`; put `backup.action` into the 文件 menu; show `finished(str)` in the status bar; call
`backup.cancel()` when the window closes.

The copy runs on the one writer (after an import or a bookmark write already queued, never
beside them) through reader.archive.backup, behind a window-modal progress dialog that can
cancel it between steps; a cancelled or failed backup leaves no file behind.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from reader.archive.backup import BackupError, backup_archive
from reader.archive.errors import ArchiveError
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveWriter
from reader.gui.save_path import chosen_path
from reader.gui.settings import Settings

SUFFIX = ".sqlite3"
SHOW_AFTER_MS = 300


class BackupCancelled(Exception):
    """Raised in the progress callback to stop the copy (reader.archive.backup then cleans up)."""


def suggested_name(today: dt.date | None = None) -> str:
    """档案备份-YYYY-MM-DD.sqlite3"""
    return f"档案备份-{(today or dt.date.today()).isoformat()}{SUFFIX}"


class ArchiveBackup(QObject):
    """The 备份档案… action and the backup it runs; `finished(message)` for the status bar."""

    finished = Signal(str)
    _progressed = Signal(int, int)

    def __init__(
        self, window: QWidget, writer: ArchiveWriter, db_path: Callable[[], Path], settings: Settings
    ) -> None:
        super().__init__(window)
        self._window = window
        self._writer = writer
        self._db_path = db_path
        self._settings = settings
        self._cancel = threading.Event()
        self._dialog: QProgressDialog | None = None
        self.action = QAction(self.tr("备份档案…"), window)
        self.action.setObjectName("backupAction")
        tip = self.tr("把整个档案复制到另一个文件（程序运行时也可以备份；正在写入时，写完后开始）")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda _checked=False: self.choose_and_start())
        window.addAction(self.action)
        self._progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._dialog is not None

    def choose_and_start(self) -> None:
        """Ask for the backup file (a new name for today suggested), then start."""
        if self.running:
            return
        folder = self._settings.last_backup_dir or QDir.homePath()
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("备份档案"),
            str(Path(folder) / suggested_name()),
            self.tr("档案数据库 (*.sqlite3 *.db);;所有文件 (*)"),
        )
        target = chosen_path(self._window, name, SUFFIX, when_missing_only=True)
        if target is None:
            return
        self._settings.last_backup_dir = str(target.parent)
        self.start(target)

    def start(self, target: Path) -> bool:
        """Back the archive up to `target` on the writer; False when a backup is already running."""
        if self.running:
            return False
        self._cancel.clear()
        dialog = QProgressDialog(self.tr("正在等待其他写入完成…"), self.tr("取消"), 0, 0, self._window)
        dialog.setObjectName("backupProgress")
        dialog.setWindowTitle(self.tr("备份档案"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        # Shown after a moment even while waiting for the writer (Qt alone waits 4 s for a value).
        QTimer.singleShot(SHOW_AFTER_MS, dialog, dialog.show)
        self._dialog = dialog
        source, cancel, progressed = self._db_path(), self._cancel, self._progressed

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise BackupCancelled
            progressed.emit(done, total)

        def job() -> Path:
            if cancel.is_set():
                raise BackupCancelled
            backup_archive(source, target, progress)
            return target

        self._writer.submit_detached(job, self._done, self._failed)  # the backup reads on its own
        return True

    def cancel(self) -> None:
        """Stop after the step being copied; the partial copy is removed."""
        self._cancel.set()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("正在取消备份…"))

    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog is None or self._cancel.is_set():
            return
        self._dialog.setMaximum(total)
        self._dialog.setValue(done)
        self._dialog.setLabelText(self.tr("正在备份档案：{0} / {1} 页").format(done, total))

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _done(self, target: Path) -> None:
        self._close_dialog()
        size = target.stat().st_size / 1024 / 1024
        self.finished.emit(self.tr("档案已备份到 {0}（{1:.1f} MB）").format(target, size))

    def _failed(self, error: BaseException) -> None:
        self._close_dialog()
        if isinstance(error, BackupCancelled):
            self.finished.emit(self.tr("备份已取消，没有写入文件。"))
            return
        if not isinstance(error, (ArchiveError, BackupError)):
            raise error  # a bug: a crash report, not a message
        message = str(error)
        open_warning(self._window, self.tr("备份失败"), message, "backupFailed")
        self.finished.emit(message)
