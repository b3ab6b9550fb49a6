"""Importing files and folders off the UI thread: progress dialog, cancel, then a report.

The import runs on the window's writer runner (one writer) with its own writable archive, via
`reader.archive.importer.import_into`. Progress travels back by queued signal; cancelling sets an
event the importer checks between issues, so an issue is never half written.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.archive.interrupt import Interrupter
from reader.gui.operations import ArchiveWriter

if TYPE_CHECKING:
    from reader.archive.importer import ImportReport, OnConflict

MAX_LISTED = 200


def report_html(report: ImportReport, tr: Callable[[str], str]) -> str:
    """The report as escaped rich text: counts, then each failed file with its reason."""
    lines = [
        "<p>"
        + tr(
            "共 {total} 个文件：新导入 {imported}，更新 {replaced}，未变 {unchanged}，"
            "冲突 {conflict}，失败 {failed}。"
        ).format(
            total=report.total,
            imported=len(report.imported),
            replaced=len(report.replaced),
            unchanged=len(report.unchanged),
            conflict=len(report.conflict),
            failed=len(report.failed),
        )
        + "</p>"
    ]
    if report.articles:
        lines.append("<p>" + tr("写入文章 {0} 篇。").format(report.articles) + "</p>")
    if report.cancelled:
        lines.append("<p><b>" + tr("导入已取消；已导入的期次保留。") + "</b></p>")
    if report.stopped:
        lines.append("<p><b>" + tr("导入中止：") + html.escape(report.stopped) + "</b></p>")
    if report.demo_removed:
        lines.append("<p>" + tr("已移除演示报纸（{0} 篇虚构文章）。").format(report.demo_removed) + "</p>")
    if report.conflict:
        lines.append(
            "<p><b>"
            + tr("有冲突、未导入的文件：")
            + "</b>"
            + tr(
                "它们与已导入的文件有相同的文章，导入会造成重复或顶替。可以用下面的按钮替换旧文件，或两者都保留。"
            )
            + "</p><ul>"
        )
        for path, reason in report.conflict[:MAX_LISTED]:
            lines.append(f"<li>{html.escape(path.name)}：{html.escape(reason)}</li>")
        if len(report.conflict) > MAX_LISTED:
            lines.append("<li>" + tr("……另有 {0} 个").format(len(report.conflict) - MAX_LISTED) + "</li>")
        lines.append("</ul>")
    if report.failed:
        lines.append("<p><b>" + tr("失败的文件：") + "</b></p><ul>")
        for path, reason in report.failed[:MAX_LISTED]:
            lines.append(f"<li>{html.escape(path.name)}：{html.escape(reason)}</li>")
        if len(report.failed) > MAX_LISTED:
            lines.append("<li>" + tr("……另有 {0} 个").format(len(report.failed) - MAX_LISTED) + "</li>")
        lines.append("</ul>")
    for title, paths in ((tr("新导入："), report.imported), (tr("已更新："), report.replaced)):
        if paths:
            names = "、".join(html.escape(p.name) for p in paths[:MAX_LISTED])
            lines.append(f"<p>{title}{names}</p>")
    return "\n".join(lines)


class ReportDialog(QDialog):
    """What an import did, with the reason for every failure and conflict.

    Conflicting files can be imported from here: `resolve_requested(paths, "replace" | "keep")`.
    An import stopped by damage offers the repair: `repair_requested()`.
    """

    resolve_requested = Signal(list, str)
    repair_requested = Signal()

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("导入结果"))
        self.resize(560, 380)
        heading = self.tr("导入完成") if report.ok else self.tr("导入结束，但有问题")
        self.text = QTextBrowser(self)
        self.text.setHtml(report_html(report, self.tr))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        conflicted = [path for path, _ in report.conflict]
        self.replace_button = self.keep_button = self.repair_button = None
        if conflicted:
            self.replace_button = buttons.addButton(
                self.tr("用新文件替换"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.keep_button = buttons.addButton(
                self.tr("两者都保留"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.replace_button.clicked.connect(lambda: self._resolve(conflicted, "replace"))
            self.keep_button.clicked.connect(lambda: self._resolve(conflicted, "keep"))
        if report.damaged:
            self.repair_button = buttons.addButton(
                self.tr("检查并修复档案…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.repair_button.clicked.connect(self._repair)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{html.escape(heading)}</b>", self))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def _resolve(self, paths: list[Path], how: str) -> None:
        self.accept()
        self.resolve_requested.emit(paths, how)

    def _repair(self) -> None:
        self.accept()
        self.repair_requested.emit()


class ImportController(QObject):
    """Runs one import at a time; emits `finished(report, quiet)` on the GUI thread.

    A quiet import (the demo issue on first start) shows no progress dialog and no report.
    """

    progressed = Signal(int, int, str)
    finished = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, runner: ArchiveWriter, db_path: Callable[[], Path], parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db_path = db_path
        self._window = parent
        self._interrupter = Interrupter()  # one per import; cancelling it is for good
        self._dialog: QProgressDialog | None = None
        self._running = False
        self._quiet = False
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._running

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
        if self._running or not paths:
            return False
        self._running = True
        self._quiet = quiet
        if not quiet:
            dialog = QProgressDialog(self.tr("正在查找文件…"), self.tr("取消"), 0, 0, self._window)
            dialog.setObjectName("importProgress")
            dialog.setWindowTitle(self.tr("导入"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self._dialog = dialog
        from reader.archive.importer import import_into  # the parser loads on first import, not at start-up

        path = self._db_path()
        files = [Path(p) for p in paths]
        interrupter = self._interrupter = Interrupter()

        def progress(index: int, total: int, source: Path, _outcome: Any) -> None:
            self.progressed.emit(index, total, source.name)

        self._runner.submit_detached(  # import_into opens its own connection
            lambda: import_into(
                path,
                files,
                progress=progress,
                should_cancel=interrupter.cancelled,
                on_conflict=on_conflict,
                demo=demo,
                interrupter=interrupter,
            ),
            self._done,
            self._error,
        )
        return True

    def cancel(self) -> None:
        """Stop now: a long file stops being read, the file being written is rolled back, the
        files imported before it stay."""
        self._interrupter.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("正在取消…（已导入的文件保留）"))

    def _on_progress(self, index: int, total: int, name: str) -> None:
        if self._dialog is None or self._interrupter.cancelled():
            return
        self._dialog.setMaximum(total)
        self._dialog.setValue(index)
        self._dialog.setLabelText(self.tr("正在导入第 {0} / {1} 个文件：{2}").format(index, total, name))

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _done(self, report: ImportReport) -> None:
        self._running = False
        self._close_dialog()
        self.finished.emit(report, self._quiet)

    def _error(self, error: BaseException) -> None:
        self._running = False
        self._close_dialog()
        self.failed.emit(str(error))
