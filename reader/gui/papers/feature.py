"""文件 → 报纸名称…: rename a paper or merge two spellings of one (issue 24, defect 1).

The parser reads a paper's name from the page, and may read it wrongly or spell one paper two
ways; staff put it right here. A name typed over the chosen paper renames it, or, when another
paper has that name already, merges the chosen one into it (the dialog says which before 应用).
The work is reader.archive.papers on the window's one writer; every view reads the paper's name
through the issue, and the change is announced on the window's ChangeBus (issues and articles
changed), so every part reads it again and shows the new name. Files printing the old name stay
filed under the paper (its old names are kept).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QStringListModel, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reader.archive.db import Archive
from reader.archive.papers import Paper, merge_papers, rename_paper
from reader.gui.dialog_slot import DialogSlot
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveOp, ArchiveWriter, ChangeBus, Changes
from reader.gui.plain import plain_label

ERROR_STYLE = "color:#b00020;"


def paper_line(paper: Paper) -> str:
    """How a paper is listed: '东昌时讯（12 期；曾用名：东昌时报）'."""
    old = f"；曾用名：{'、'.join(paper.old_names)}" if paper.old_names else ""
    return f"{paper.name}（{paper.issues} 期{old}）"


class PapersDialog(QDialog):
    """The papers, the new name for the chosen one, and what 应用 will do."""

    def __init__(self, feature: PapersFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._feature = feature
        self._papers: list[Paper] = []
        self.setObjectName("papersDialog")
        self.setWindowTitle(self.tr("报纸名称"))
        note = plain_label(
            self.tr("选中一份报纸，输入新名称后按回车：改名；输入的是另一份报纸的名称时，两者合并为一份。"),
            self,
        )
        note.setWordWrap(True)
        self.model = QStringListModel(self)
        self.list = QListView(self)
        self.list.setObjectName("paperList")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._chosen_changed)
        self.name = QLineEdit(self)
        self.name.setObjectName("paperName")
        self.name.setPlaceholderText(self.tr("新的名称"))
        self.plan = plain_label("", self)
        self.plan.setObjectName("paperPlan")
        self.plan.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(self.tr("应用"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        close.setAutoDefault(False)  # Enter in the name field applies, never closes
        self.apply_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("新名称："), self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.plan)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self._apply)
        self.name.textEdited.connect(lambda _text: self._say_plan())
        self.resize(420, 360)

    def show_papers(self, papers: list[Paper]) -> None:
        """List `papers`, the first (or the one chosen before) chosen, its name in the field."""
        chosen = self.chosen()
        self._papers = papers
        self.model.setStringList([paper_line(paper) for paper in papers])
        names = [paper.name for paper in papers]
        row = names.index(chosen.name) if chosen is not None and chosen.name in names else 0
        if papers:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._chosen_changed(self.list.currentIndex())

    def chosen(self) -> Paper | None:
        row = self.list.currentIndex().row()
        return self._papers[row] if 0 <= row < len(self._papers) else None

    def _chosen_changed(self, _current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        paper = self.chosen()
        self.name.setText(paper.name if paper is not None else "")
        self.name.selectAll()
        self.name.setFocus()
        self._say_plan()

    def _plan(self) -> tuple[str, bool]:
        """What 应用 will do, said in Chinese, and whether it can be done."""
        paper, new = self.chosen(), " ".join(self.name.text().split())
        if paper is None:
            return self.tr("档案中还没有报纸"), False
        if not new or new == paper.name:
            return self.tr("输入新的名称"), False
        if any(other.name == new for other in self._papers):
            return self.tr("把“{0}”的 {1} 期并入已有的“{2}”").format(paper.name, paper.issues, new), True
        return self.tr("把“{0}”改名为“{1}”").format(paper.name, new), True

    def _say_plan(self) -> None:
        text, possible = self._plan()
        self.plan.setText(text)
        self.apply_button.setEnabled(possible)

    def _apply(self) -> None:
        paper, new = self.chosen(), " ".join(self.name.text().split())
        if paper is None or not self._plan()[1]:
            return
        merging = any(other.name == new for other in self._papers)
        self._feature.change(paper.name, new, merging)


class PapersFeature(QObject):
    """The 报纸名称… action, its dialog, and the writes behind it.

    `changed(text)` once a rename or merge is in the file (text: what it did, for the status bar).
    """

    changed = Signal(str)

    def __init__(
        self, writer: ArchiveWriter, changes: ChangeBus, window: QWidget, papers: Callable[[], list[Paper]]
    ) -> None:
        super().__init__(window)
        self._writer = writer
        self._changes = changes
        self._window = window
        self._papers = papers
        self._dialog = DialogSlot(lambda: PapersDialog(self, self._window))
        self.action = QAction(self.tr("报纸名称…"), self)
        self.action.setObjectName("papersAction")
        self.action.setToolTip(self.tr("给报纸改名，或把同一份报纸的两种写法合并"))
        self.action.triggered.connect(self.show)

    def set_read_only(self, reason: str | None) -> None:
        self.action.setEnabled(reason is None)
        self.action.setToolTip(
            self.tr("只读档案，不能修改报纸名称：{0}").format(reason)
            if reason
            else self.tr("给报纸改名，或把同一份报纸的两种写法合并")
        )

    def show(self) -> None:
        dialog = self._dialog.opened()
        dialog.show_papers(self._papers())
        dialog.open()

    def change(self, old: str, new: str, merging: bool) -> None:
        """Rename `old` to `new`, or merge it into the paper `new`, on the writer."""

        def run(archive: Archive, _progress: object) -> str:
            if merging:
                moved = merge_papers(archive, old, new)
                return self.tr("已把“{0}”的 {1} 期并入“{2}”").format(old, moved, new)
            rename_paper(archive, old, new)
            return self.tr("已把报纸“{0}”改名为“{1}”").format(old, new)

        def landed(text: str) -> None:
            self._changes.announce(Changes(issues=True, articles=True))
            if (dialog := self._dialog.dialog) is not None:
                dialog.show_papers(self._papers())
                dialog.plan.setText(text)
            self.changed.emit(text)

        def failed(error: BaseException) -> None:
            open_warning(self._window, self.tr("报纸名称未修改"), str(error), "papersFailed")

        op = ArchiveOp(parent=self._window, writer=self._writer, op=run)
        op.success(landed).failure(failed).run_in_background()
