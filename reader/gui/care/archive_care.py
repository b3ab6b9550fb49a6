"""Looking after the archive from the window: removing the demo issue, checking and repairing.

Wiring (main window): `ArchiveCare(session, writer, changes, window)`, narrow collaborators
(the window only as the parent of its dialogs, none of its attributes): the window puts
`remove_demo_action` and `repair_action` into its 文件 menu, and connects `status_message` and
`latest_requested` (open the latest issue once the archive is read again). What an operation
changed is announced on the window's ChangeBus, the archive replaced when rows went without a
correction saying which (the parts decide what to read again; the corrections forget their undo
steps); `changes_made` keeps 删除演示报纸 offered only while the demo issue is in the archive.
Both operations write, so they run on the window's one writer: the demo removal with its
connection (an ArchiveOp), the repair with every connection closed (a DetachedOp: a repair
replaces the file; the window's read connection is closed first), behind the one progress
dialog, application-modal at once, until the archive is open again.

On opening (`check_on_open`, from the window's start) the archive gets SQLite's quick check on a
reader thread of its own (a few seconds on a 100,000-article archive; the window is usable
meanwhile): a damaged archive is named in the status bar and in a window-modal message offering
检查并修复档案… (a read-only one cannot be repaired here, and the message says so). Writes need
no help from here: the window's writer refuses them on a damaged archive.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.archive.db import Archive
from reader.archive.demo import remove_demo
from reader.archive.errors import ArchiveError
from reader.archive.health import damage_of, found
from reader.gui.messages import open_message
from reader.gui.operations import (
    ArchiveOp,
    ArchiveWriter,
    ChangeBus,
    Changes,
    DetachedOp,
    OpProgress,
    ReadOp,
    TaskRunner,
)
from reader.gui.operations.errors import describe
from reader.gui.session import ArchiveSession

# The demo removed: its issue, articles and bookmarks went, and no correction says which rows.
DEMO_REMOVED = Changes(issues=True, articles=True, bookmarks=True, archive_replaced=True)


if TYPE_CHECKING:
    from reader.archive.salvage_rows import RepairReport


class ArchiveCare(QObject):
    """The 删除演示报纸 and 检查并修复档案… actions of one window.

    Signals: `status_message(text, ms)` (0: until the next message), `latest_requested()` once
    the archive is read again after the demo removal or a repair.
    """

    status_message = Signal(str, int)
    latest_requested = Signal()

    def __init__(
        self, session: ArchiveSession, writer: ArchiveWriter, changes: ChangeBus, window: QWidget
    ) -> None:
        super().__init__(window)
        self._session = session
        self._writer = writer
        self._changes = changes
        self._window = window
        self.remove_demo_action = QAction(self.tr("删除演示报纸"), window)
        self.remove_demo_action.setToolTip(self.tr("删除随程序附带的演示报纸（虚构新闻）及其书签"))
        self.remove_demo_action.triggered.connect(self.remove_demo)
        self.repair_action = QAction(self.tr("检查并修复档案…"), window)
        self.repair_action.setToolTip(self.tr("检查档案文件是否损坏；损坏时读出完好的内容并重建检索索引"))
        self.repair_action.triggered.connect(self.repair)
        self._runner = TaskRunner(self, max_workers=1, name="check")
        self._check: ReadOp[list[str]] | None = None
        self._repair_waits = False  # 检查并修复档案… chosen while the check on opening ran
        self.refresh()

    def changes_made(self, changes: Changes) -> None:
        """Subscribed to the window's changes: the demo comes and goes with issues."""
        if changes.issues or changes.archive_replaced:
            self.refresh()

    def refresh(self) -> None:
        """Offer 删除演示报纸 only while the demo issue is in the archive."""
        session = self._session
        self.remove_demo_action.setVisible(session.is_open and session.has_demo())

    def set_read_only(self, reason: str | None) -> None:
        """Nothing here can run on an archive that cannot be written; the tooltip says why."""
        for action in (self.remove_demo_action, self.repair_action):
            action.setEnabled(reason is None)
            if reason is not None:
                action.setToolTip(self.tr("只读档案：{0}").format(reason))

    # --- the demo issue -----------------------------------------------------------------------

    def remove_demo(self) -> None:
        """Take the demo issue (and bookmarks on it) out of the archive, on the writer."""
        op = ArchiveOp(parent=self._window, writer=self._writer, op=_remove_demo)
        op.success(self._demo_removed).failure(self._failed).run_in_background()

    def _demo_removed(self, articles: int) -> None:
        self._changes.announce(DEMO_REMOVED)
        self.latest_requested.emit()
        self.status_message.emit(self.tr("已删除演示报纸（{0} 篇虚构文章）").format(articles), 6000)

    # --- checking and repairing --------------------------------------------------------------

    def check_on_open(self) -> None:
        """Check the open archive for damage off the UI thread; say so when it is damaged."""
        path = self._session.path
        op: ReadOp[list[str]] = ReadOp(
            parent=self._window, runner=self._runner, op=lambda _p: damage_of(path)
        )
        op.success(lambda damage: self._checked(path, damage)).failure(lambda _error: self._checked(path, []))
        self._check = op.run_in_background()

    def checking(self) -> bool:
        """True while the check on opening runs (tests wait for it)."""
        return self._check is not None and self._check.running

    def _checked(self, path: Path, damage: list[str]) -> None:
        window, session = self._window, self._session
        if self._repair_waits:  # the repair checks again, and its connections must be the only ones
            self._repair_waits = False
            self.repair()
            return
        if not damage or path != session.path:
            return
        self.status_message.emit(self.tr("档案已损坏：{0}（{1}）").format(path, found(damage)), 0)
        text = self.tr(
            "档案 {0} 已损坏（{1}）。\n\n"
            "浏览和检索可能出错或缺少内容；导入、收藏、校订等不会写入，以免损坏扩大。"
        ).format(path, found(damage))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("档案已损坏"), text, parent=window)
        box.setObjectName("archiveDamaged")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if session.write_blocker is None:
            box.setInformativeText(
                self.tr("修复会把损坏的原文件另存一份，读出其中所有完好的内容并重建检索索引。")
            )
            repair = box.addButton(self.tr("检查并修复档案…"), QMessageBox.ButtonRole.AcceptRole)
            repair.clicked.connect(self.repair)
            box.addButton(self.tr("稍后"), QMessageBox.ButtonRole.RejectRole)
        else:
            box.setInformativeText(
                self.tr("档案只读（{0}），无法在这里修复；请告诉保管档案的人。").format(session.write_blocker)
            )
            box.addButton(QMessageBox.StandardButton.Ok)
        box.open()

    def shutdown(self) -> None:
        """Stop the check (the window is closing)."""
        self._runner.shutdown(wait=True)

    def repair(self) -> None:
        """Check the archive and repair it if damaged; the window waits behind a modal dialog
        (after the check on opening, if that still runs: a repair needs the archive to itself)."""
        if self.checking():
            self._repair_waits = True
            return
        path = self._session.path
        op = DetachedOp(parent=self._window, writer=self._writer, op=lambda _progress: _repair(path))
        op.with_progress(
            self.tr("正在检查档案“{0}”…").format(path.name),
            title=self.tr("检查并修复档案"),
            name="repairProgress",
            cancellable=False,
            modality=Qt.WindowModality.ApplicationModal,
            show_after_ms=0,
        )
        op.success(self._repaired).failure(self._repair_failed)
        self._session.close()
        op.run_in_background()

    def _reopen(self, *, rewritten: bool) -> None:
        """Open the archive again after the check; `rewritten` when the repair replaced it (or
        failed part-way) and the window's undo steps may name rows that are gone."""
        self._session.open()
        self._changes.announce(Changes.everything(archive_replaced=rewritten, reopened=True))
        self.latest_requested.emit()

    def _repaired(self, report: RepairReport | None) -> None:
        self._reopen(rewritten=report is not None)  # None: found sound, nothing was changed
        text = self.tr("检查完毕：档案完好，无需修复。") if report is None else report.summary()
        self._tell(QMessageBox.Icon.Information, self.tr("检查并修复档案"), text)

    def _repair_failed(self, error: BaseException) -> None:
        try:
            self._reopen(rewritten=True)
        except ArchiveError as again:
            error = again
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        self._tell(QMessageBox.Icon.Warning, self.tr("档案错误"), describe(error))

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """A window-modal message that does not block the event loop (the writer may report more)."""
        open_message(self._window, icon, title, text, "archiveCareMessage")


def _remove_demo(archive: Archive, _progress: OpProgress) -> int:
    """On the writer: the demo issue out, in one transaction; the number of articles removed."""
    with archive.transaction():
        return remove_demo(archive)


def _repair(path: Path) -> RepairReport | None:
    """reader.archive.repair, imported when a repair is asked for: the salvage machinery is no
    part of a start (issue 26)."""
    from reader.archive.repair import repair_if_damaged

    return repair_if_damaged(path)
