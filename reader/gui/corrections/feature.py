"""Staff corrections in the window: the article commands (titles, split, merge, caption, a
paragraph's text), their undo stack, the list of corrections that did not apply, 查看原文.

The window builds this once, puts `article_actions()` into the context menus of the article list
and the reading pane and `menu` into the menu bar, and tells it which article is shown
(`set_article`) and whether the archive can be written (`set_read_only`). Every write runs on
the window's one writer through ArchiveOp, calling reader.archive.corrections; when it has
landed, it is announced on the window's ChangeBus (articles changed: the parts that show them
read again) and `changed(article_key)` asks the window to show that article. Each correction is
one step of a QUndoStack: Ctrl+Z undoes it (in the file: marked undone, the issue rebuilt),
Ctrl+Shift+Z redoes it; the steps are forgotten when the archive is replaced under them
(`changes_made`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from reader.archive import corrections
from reader.archive.corrections import Correction
from reader.archive.db import Archive
from reader.archive.records import ArticleRecord
from reader.gui.corrections.dialogs import EditTextDialog, OriginalTextDialog, RetitleDialog, SplitDialog
from reader.gui.corrections.failed import FailedCorrectionsDialog
from reader.gui.dialog_slot import DialogSlot
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveOp, ArchiveWriter, ChangeBus, Changes

STATUS_MS = 5000


class _Step(QUndoCommand):
    """One correction on the undo stack. It was applied before it was pushed, so the first
    `redo()` (QUndoStack.push calls it) does nothing."""

    def __init__(self, feature: CorrectionsFeature, correction: Correction) -> None:
        super().__init__(correction.describe())
        self._feature = feature
        self._correction = correction
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        key, number = self._correction.article_key, self._correction.id
        self._feature.submit(lambda archive: corrections.redo(archive, number), key)

    def undo(self) -> None:
        key, number = self._correction.article_key, self._correction.id
        self._feature.submit(lambda archive: corrections.undo(archive, number), key)


class CorrectionsFeature(QObject):
    """Owns the correction actions, dialogs and undo stack of `window`.

    Signals: `changed(article_key)` once a correction, undo or redo is in the file (show that
    article again); `status_message(text, ms)` for the status bar.
    """

    changed = Signal(str)
    status_message = Signal(str, int)

    def __init__(
        self,
        writer: ArchiveWriter,
        changes: ChangeBus,
        window: QMainWindow,
        paragraph: Callable[[], int | None],
        failed: Callable[[], list[Correction]],
        original: Callable[[str], str | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._writer = writer
        self._changes = changes
        self._paragraph = paragraph
        self._failed = failed
        self._original = original
        self._record: ArticleRecord | None = None
        self._read_only: str | None = None
        self.stack = QUndoStack(self)
        self.retitle_action = self._action(self.tr("修改标题/引题/署名…"), self.ask_retitle)
        self.split_action = self._action(self.tr("从此段拆分…"), self.ask_split)
        self.merge_action = self._action(self.tr("与下一篇合并"), self.merge_next)
        self.caption_action = self._action(self.tr("设为图片说明"), self.caption)
        self.edit_action = self._action(self.tr("修改正文…"), self.ask_edit)
        self.original_action = self._action(self.tr("查看原文"), self.show_original)
        self.undo_action = self.stack.createUndoAction(self, self.tr("撤销校订"))
        self.undo_action.setObjectName("undoCorrection")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.stack.createRedoAction(self, self.tr("重做校订"))
        self.redo_action.setObjectName("redoCorrection")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            # Bound where articles are read, not window-wide: the bookmark panel's own Ctrl+Z
            # (撤销删除) must not become ambiguous.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.failed_action = self._action(self.tr("未能应用的校订…"), self.show_failed)
        self.menu = QMenu(self.tr("校订(&C)"), window)
        self.menu.setObjectName("correctionsMenu")
        self.menu.addActions([self.undo_action, self.redo_action])
        self.menu.addSeparator()
        self.menu.addActions(self.article_actions())
        self.menu.addAction(self.original_action)
        self.menu.addSeparator()
        self.menu.addAction(self.failed_action)
        self._failed_dialog = DialogSlot(lambda: FailedCorrectionsDialog(self._window))
        self._update()

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def article_actions(self) -> list[QAction]:
        """修改标题/引题/署名…, 从此段拆分…, 与下一篇合并, 设为图片说明, 修改正文…: for context menus."""
        return [
            self.retitle_action,
            self.split_action,
            self.merge_action,
            self.caption_action,
            self.edit_action,
        ]

    def bind_undo_keys(self, *widgets: QWidget) -> None:
        """Ctrl+Z / Ctrl+Shift+Z undo and redo corrections while the focus is in these widgets."""
        for widget in widgets:
            widget.addActions([self.undo_action, self.redo_action])

    def set_article(self, record: ArticleRecord | None) -> None:
        """The article the commands act on (the one in the reading pane)."""
        self._record = record
        self._update()

    def set_read_only(self, reason: str | None) -> None:
        """An archive that cannot be written: no corrections, and no undo of earlier ones."""
        self._read_only = reason
        if reason is not None:
            self.stack.clear()
        self._update()

    def changes_made(self, changes: Changes) -> None:
        """Subscribed to the window's changes: another archive, or rows gone without a correction
        saying which (a repair, the demo removed): the undo steps may name rows that are gone, so
        Ctrl+Z forgets them rather than act on them. Imports and dates keep them valid."""
        if changes.archive_replaced:
            self.clear_history()

    def clear_history(self) -> None:
        self.stack.clear()

    def _update(self) -> None:
        usable = self._record is not None and self._read_only is None and not self._record.demo
        for action in self.article_actions():
            action.setEnabled(usable)
            action.setToolTip(
                self.tr("只读档案，不能校订：{0}").format(self._read_only) if self._read_only else ""
            )
        if usable and self._record is not None:
            self.split_action.setEnabled(self._record.body.count("\n") >= 1)
            self.edit_action.setEnabled(bool(self._record.body.strip()))
        self.original_action.setEnabled(self._record is not None and self._record.corrected)

    # --- the commands --------------------------------------------------------------------------

    def ask_retitle(self) -> None:
        record = self._record
        if record is None:
            return
        dialog = RetitleDialog(record, self._window)
        dialog.finished.connect(dialog.deleteLater)

        def accepted() -> None:
            fields = dialog.changes()
            if fields:
                self.make(lambda archive: corrections.retitle(archive, record.key, **fields), record.key)

        dialog.accepted.connect(accepted)
        dialog.open()

    def ask_split(self) -> None:
        record = self._record
        if record is None:
            return
        dialog = SplitDialog(record, self._paragraph(), self._window)
        dialog.finished.connect(dialog.deleteLater)

        def accepted() -> None:
            number, headline = dialog.paragraph(), dialog.new_headline()
            self.make(lambda archive: corrections.split(archive, record.key, number, headline), record.key)

        dialog.accepted.connect(accepted)
        dialog.open()

    def ask_edit(self) -> None:
        record = self._record
        if record is None:
            return
        dialog = EditTextDialog(record, self._paragraph(), self._window)
        dialog.finished.connect(dialog.deleteLater)

        def accepted() -> None:
            number, text = dialog.paragraph(), dialog.new_text()
            self.make(lambda archive: corrections.edit_text(archive, record.key, number, text), record.key)

        dialog.accepted.connect(accepted)
        dialog.open()

    def show_original(self) -> None:
        """查看原文: the text as imported, beside the corrected one the reading pane shows."""
        record = self._record
        if record is None:
            return
        original = self._original(record.key)
        if original is None:
            self.status_message.emit(self.tr("这篇文章的正文没有被校订改动过。"), STATUS_MS)
            return
        dialog = OriginalTextDialog(record.headline, original, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def merge_next(self) -> None:
        record = self._record
        if record is not None:
            self.make(lambda archive: corrections.merge_next(archive, record.key), record.key)

    def caption(self) -> None:
        record = self._record
        if record is not None:
            self.make(lambda archive: corrections.caption(archive, record.key), record.key)

    def show_failed(self) -> None:
        """未能应用的校订…: the corrections kept but not applied, with the reason for each."""
        dialog = self._failed_dialog.opened()
        dialog.show_corrections(self._failed())
        dialog.open()

    # --- the writer ----------------------------------------------------------------------------

    def make(self, work: Callable[[Archive], Correction], key: str) -> None:
        """Make a correction on the writer; once it landed it becomes an undo step."""

        def landed(correction: Correction) -> None:
            self.stack.push(_Step(self, correction))
            self._corrected(key)  # first: showing the issue again writes its own status line
            self.status_message.emit(
                self.tr("已校订：{0}（Ctrl+Z 撤销）").format(correction.describe()), STATUS_MS
            )

        self._run(work, landed)

    def submit(self, work: Callable[[Archive], Correction], key: str) -> None:
        """Undo or redo a step on the writer (the stack has already moved)."""

        def landed(correction: Correction) -> None:
            done = self.tr("已撤销") if correction.undone_at else self.tr("已重做")
            self._corrected(key)
            self.status_message.emit(self.tr("{0}：{1}").format(done, correction.describe()), STATUS_MS)

        def failed(error: BaseException) -> None:
            self.stack.clear()  # the file and the stack no longer agree
            self._corrected(key)
            self._warn(error)

        self._run(work, landed, failed)

    def _corrected(self, key: str) -> None:
        """A correction, undo or redo is in the file (or failed part-way): the articles changed."""
        self._changes.announce(Changes(articles=True))
        self.changed.emit(key)

    def _run(
        self,
        work: Callable[[Archive], Correction],
        landed: Callable[[Correction], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        op = ArchiveOp(parent=self._window, writer=self._writer, op=lambda archive, _progress: work(archive))
        op.success(landed).failure(failed or self._warn).run_in_background()

    def _warn(self, error: BaseException) -> None:
        open_warning(self._window, self.tr("无法校订"), str(error), "correctionFailed")
