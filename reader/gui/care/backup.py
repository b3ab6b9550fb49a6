"""文件 → 备份档案…: a consistent copy of the open archive, made on the window's writer.

Wiring (main window): `backup = ArchiveBackup(window, window.writer, lambda: session.path,
settings)`; put `backup.action` into the 文件 menu; show `finished(str)` in the status bar; call
`backup.cancel()` when the window closes.

The copy is a DetachedOp on the one writer: it waits for an import or a bookmark write already
queued, never runs beside them, and reads through reader.archive.backup's own connection (an
archive that cannot be written can still be backed up). The one progress dialog shows while it
waits and can cancel it between steps; a cancelled or failed backup leaves no file behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.archive.backup import DamagedSource, backup_archive
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveWriter, DetachedOp, OpProgress
from reader.gui.operations.errors import describe
from reader.gui.save_path import chosen_path, dialog_folder
from reader.gui.settings import Settings
from reader.text.errors import Cancelled

SUFFIX = ".sqlite3"


def suggested_name(today: dt.date | None = None) -> str:
    """档案备份-YYYY-MM-DD.sqlite3"""
    return f"档案备份-{(today or dt.date.today()).isoformat()}{SUFFIX}"


class ArchiveBackup(QObject):
    """The 备份档案… action and the backup it runs; `finished(message)` for the status bar."""

    finished = Signal(str)

    def __init__(
        self, window: QWidget, writer: ArchiveWriter, db_path: Callable[[], Path], settings: Settings
    ) -> None:
        super().__init__(window)
        self._window = window
        self._writer = writer
        self._db_path = db_path
        self._settings = settings
        self._op: DetachedOp[Path] | None = None
        self.action = QAction(self.tr("备份档案…"), window)
        self.action.setObjectName("backupAction")
        tip = self.tr("把整个档案复制到另一个文件（程序运行时也可以备份；正在写入时，写完后开始）")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda _checked=False: self.choose_and_start())
        window.addAction(self.action)

    @property
    def running(self) -> bool:
        return self._op is not None and self._op.running

    def choose_and_start(self) -> None:
        """Ask for the backup file (a new name for today suggested), then start."""
        if self.running:
            return
        folder = dialog_folder(self._settings.last_backup_dir)
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
        source = self._db_path()

        def work(progress: OpProgress) -> Path:
            backup_archive(source, target, progress.step)
            return target

        op = DetachedOp(parent=self._window, writer=self._writer, op=work)
        op.with_progress(
            self.tr("正在等待其他写入完成…"),
            title=self.tr("备份档案"),
            name="backupProgress",
            cancelling=self.tr("正在取消备份…"),
            step=self.tr("正在备份档案：{0} / {1} 页"),
        )
        self._op = op.success(self._done).failure(self._failed).run_in_background()
        return True

    def cancel(self) -> None:
        """Stop after the step being copied; the partial copy is removed."""
        if self._op is not None:
            self._op.cancel()

    def _done(self, target: Path) -> None:
        size = target.stat().st_size / 1024 / 1024
        self.finished.emit(self.tr("档案已备份到 {0}（{1:.1f} MB）").format(target, size))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.finished.emit(self.tr("备份已取消，没有写入文件。"))
            return
        message = describe(error)
        if isinstance(error, DamagedSource):  # written, but a copy of a damaged archive
            open_warning(self._window, self.tr("档案已损坏"), message, "backupOfDamagedArchive")
        else:
            open_warning(self._window, self.tr("备份失败"), message, "backupFailed")
        self.finished.emit(message)
