"""Importing files and folders: one import at a time, on the window's one writer.

The import is an ArchiveOp: it runs in the writer's turn with the writer's connection (after a
bookmark or date already queued, never beside them), behind the one progress dialog, through
`reader.archive.importer.import_paths`. The files are found first, so the dialog counts from the
start and names the file being read (it used to stay a busy 0..0 bar until the first file was
done, and then name the file already imported). Cancelling fires the op's interrupter: the file being
written is rolled back (an issue is never half written), the files imported before it stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.archive.db import Archive
from reader.archive.errors import ArchiveError
from reader.gui.operations import ArchiveOp, ArchiveWriter, OpProgress
from reader.gui.operations.errors import describe
from reader.text.errors import Cancelled

if TYPE_CHECKING:
    from reader.archive.importer import ImportReport, OnConflict


class ImportController(QObject):
    """Runs one import at a time; emits `finished(report, quiet)` on the GUI thread.

    A quiet import (the demo issue on first start) shows no progress dialog and no report.
    `failed(message)` carries a known error's Chinese message (a bug is raised, not emitted).
    """

    finished = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, writer: ArchiveWriter, parent: QWidget) -> None:
        super().__init__(parent)
        self._writer = writer
        self._window = parent
        self._op: ArchiveOp[ImportReport] | None = None

    @property
    def running(self) -> bool:
        return self._op is not None and self._op.running

    def start(
        self,
        paths: list[Path],
        quiet: bool = False,
        *,
        demo: bool = False,
        on_conflict: OnConflict = "report",
    ) -> bool:
        """Import `paths` (files or folders); False when an import is already running.

        `demo` marks what is imported as the demo issue; `on_conflict` resolves conflicts
        (see reader.archive.importer).
        """
        if self.running or not paths:
            return False
        from reader.archive.importer import import_paths  # the parser loads on first import, not at start-up
        from reader.text.folders import find_sources

        label = self.tr("正在导入第 {0} / {1} 个文件：{2}")

        def work(archive: Archive, progress: OpProgress) -> ImportReport:
            found = find_sources([Path(p) for p in paths])
            files = found.files

            def announce(done: int) -> None:
                """`done` files imported: the bar counts them, the label names the next one."""
                following = label.format(done + 1, len(files), files[done].name) if done < len(files) else ""
                progress.update(done, len(files), following)

            def step(index: int, _total: int, _source: Path, _outcome: Any) -> None:
                announce(index)

            announce(0)  # the count is known before the first file is read, not after it
            return import_paths(
                archive,
                found,
                progress=step,
                should_cancel=progress.cancelled,
                on_conflict=on_conflict,
                demo=demo,
                interrupter=progress.interrupter,
            )

        op = ArchiveOp(parent=self._window, writer=self._writer, op=work)
        op.success(lambda report: self._done(report, quiet)).failure(lambda error: self._failed(error, quiet))
        if not quiet:
            op.with_progress(
                self.tr("正在查找文件…"),
                title=self.tr("导入"),
                name="importProgress",
                cancelling=self.tr("正在取消…（已导入的文件保留）"),
            )
        self._op = op.run_in_background()
        return True

    def cancel(self) -> None:
        """Stop now: a long file stops being read, the file being written is rolled back, the
        files imported before it stay."""
        if self._op is not None:
            self._op.cancel()

    def _done(self, report: ImportReport, quiet: bool) -> None:
        self._op = None
        self.finished.emit(report, quiet)

    def _failed(self, error: BaseException, quiet: bool) -> None:
        self._op = None
        from reader.archive.importer import ImportReport

        if isinstance(error, Cancelled):  # cancelled while it waited for the writer: nothing done
            self.finished.emit(ImportReport(cancelled=True), quiet)
            return
        if isinstance(error, ArchiveError) and error.kind == "damaged":  # the writer's check
            self.finished.emit(ImportReport(stopped=str(error), damaged=True), quiet)
            return
        self.failed.emit(describe(error))
