"""文件 → 发布到共享文件夹…: the archivist publishes the open archive for colleagues.

Wiring (main window): `publishing = ArchivePublish(window, window.writer, lambda: session.path,
settings)`; put `publishing.action` into the 文件 menu; show `finished(str)` in the status bar;
call `set_read_only(reason)` with the archive's write blocker (only the archivist's own archive
is published, never a copy) and `cancel()` when the window closes.

The publish (reader.archive.publish) is a DetachedOp on the one writer, as a backup is: it waits
for an import or a bookmark write already queued, then copies through its own connection behind
the one progress dialog, which can cancel it between steps (the previous snapshot stays in use
and no half file is left). An unchanged archive writes nothing, and the message says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.archive.publish import PublishReport, publish
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveWriter, DetachedOp, OpProgress
from reader.gui.operations.errors import describe
from reader.gui.save_path import dialog_folder
from reader.gui.settings import Settings
from reader.text.errors import Cancelled


class ArchivePublish(QObject):
    """The 发布到共享文件夹… action and the publish it runs; `finished(message)` for the status bar."""

    finished = Signal(str)

    def __init__(
        self, window: QWidget, writer: ArchiveWriter, db_path: Callable[[], Path], settings: Settings
    ) -> None:
        super().__init__(window)
        self._window = window
        self._writer = writer
        self._db_path = db_path
        self._settings = settings
        self._op: DetachedOp[PublishReport] | None = None
        self.action = QAction(self.tr("发布到共享文件夹…"), window)
        self.action.setObjectName("publishAction")
        self._tip = self.tr(
            "把档案的只读副本发布到共享文件夹，同事打开那个文件夹阅读（档案没有改动时不写入；书签不会发布）"
        )
        self.set_read_only(None)
        self.action.triggered.connect(lambda _checked=False: self.choose_and_start())
        window.addAction(self.action)

    @property
    def running(self) -> bool:
        return self._op is not None and self._op.running

    def set_read_only(self, reason: str | None) -> None:
        """Only an archive this program may write is the archivist's: a published copy or an
        archive in a read-only place is not published again; the tooltip says why."""
        self.action.setEnabled(reason is None)
        tip = self.tr("只读档案，不能发布：{0}").format(reason) if reason else self._tip
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def choose_and_start(self) -> None:
        """Ask for the shared folder (the last one offered again), then start."""
        if self.running:
            return
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("发布到共享文件夹"), dialog_folder(self._settings.last_publish_dir)
        )
        if folder:
            self._settings.last_publish_dir = folder
            self.start(Path(folder))

    def start(self, folder: Path) -> bool:
        """Publish the archive into `folder` on the writer; False when a publish is running."""
        if self.running:
            return False
        source = self._db_path()

        def work(progress: OpProgress) -> PublishReport:
            return publish(source, folder, progress.step)  # a cancel leaves the previous snapshot

        op = DetachedOp(parent=self._window, writer=self._writer, op=work)
        op.with_progress(
            self.tr("正在等待其他写入完成…"),
            title=self.tr("发布到共享文件夹"),
            name="publishProgress",
            cancelling=self.tr("正在取消发布…"),
            step=self.tr("正在发布：{0} / {1} 页"),
        )
        self._op = op.success(self._done).failure(self._failed).run_in_background()
        return True

    def cancel(self) -> None:
        """Stop after the step being copied; the partial copy is removed."""
        if self._op is not None:
            self._op.cancel()

    def _done(self, report: PublishReport) -> None:
        self.finished.emit(report.summary())

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.finished.emit(self.tr("发布已取消；同事仍使用上一个版本。"))
            return
        message = describe(error)
        open_warning(self._window, self.tr("发布失败"), message, "publishFailed")
        self.finished.emit(message)
