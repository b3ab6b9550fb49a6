"""The window's side of importing: 导入文件… / 导入文件夹…, files dropped on the window, and the
report afterwards.

The import itself (worker, progress, cancel) is the ImportController's job; this module asks
which files, refuses while the archive is read-only or another import runs, and shows the report.
It tells the window by signals that the archive changed (`imported`) or that a repair was
asked for, so it needs no window attribute.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.gui.importing import ImportController, ReportDialog
from reader.gui.messages import open_warning
from reader.gui.operations import ChangeBus, Changes
from reader.gui.save_path import dialog_folder
from reader.gui.session import ArchiveSession
from reader.gui.settings import Settings

if TYPE_CHECKING:
    from reader.archive.importer import ImportReport, OnConflict


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in dragged data (nothing for web links)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


class ImportCommands(QObject):
    """Starts imports for the window and shows their outcome.

    Signals: `imported()` once an import landed and was announced on the window's ChangeBus
    (before its report opens: the window shows its issue again), `repair_requested()` from the
    report, `status_message(text, ms)`.
    """

    imported = Signal()
    repair_requested = Signal()
    status_message = Signal(str, int)

    def __init__(
        self,
        importer: ImportController,
        session: ArchiveSession,
        settings: Settings,
        changes: ChangeBus,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._importer = importer
        self._changes = changes
        self._session = session
        self._settings = settings
        self._window = window
        importer.finished.connect(self._finished)
        importer.failed.connect(self._failed)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("导入文件"),
            dialog_folder(self._settings.last_import_dir),
            self.tr("报纸文本 (*.txt *.md *.text);;所有文件 (*)"),
        )
        if names:
            self._settings.last_import_dir = str(Path(names[0]).parent)
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("导入文件夹"), dialog_folder(self._settings.last_import_dir)
        )
        if folder:
            self._settings.last_import_dir = folder
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path], on_conflict: OnConflict = "report") -> bool:
        """Start importing; False (with a message) when an import is already running or the
        archive cannot be written."""
        if (blocker := self._session.write_blocker) is not None:
            self.status_message.emit(self.tr("只读档案，不能导入：{0}").format(blocker), 6000)
            return False
        if not self._importer.start(paths, on_conflict=on_conflict):
            self.status_message.emit(self.tr("正在导入，请等当前导入结束"), 4000)
            return False
        return True

    def droppable(self, mime: QMimeData) -> list[Path]:
        """What a drop of `mime` would import: nothing on a read-only archive."""
        return local_paths(mime) if self._session.write_blocker is None else []

    def _finished(self, report: ImportReport, quiet: bool) -> None:
        # Issues and articles added or replaced (a cancelled import may have landed some files);
        # staff corrections are replayed onto the new rows, so their undo steps stay valid.
        self._changes.announce(Changes(issues=True, articles=True))
        self.imported.emit()
        if not quiet:
            dialog = ReportDialog(report, self._window)
            dialog.resolve_requested.connect(lambda paths, how: self._resolve(dialog, paths, how))
            dialog.repair_requested.connect(self.repair_requested)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            self.status_message.emit(self.tr("导入完成"), 4000)  # not for the demo nobody asked for

    def _resolve(self, dialog: ReportDialog, paths: list[Path], how: OnConflict) -> None:
        """用新文件替换 / 两者都保留 in the report: imported as any import is (not while another
        runs, not into a read-only archive: each says so); the report stays open when refused."""
        if self.import_paths(paths, on_conflict=how):
            dialog.accept()

    def _failed(self, message: str) -> None:
        open_warning(self._window, self.tr("出错了"), message, "archiveError")
