"""文件 → 专有名词词典…: the archive's own words (names, places, organisations), edited in the window.

Reads through the session; each change (添加, 删除, 导入…) runs on the window's one writer through
reader.archive.dictionary, which indexes again the articles containing a changed word: with a
progress dialog, since a common name can be in thousands of articles. Searches open the archive
anew and so cut with the new words at once; each change is announced on the window's ChangeBus
(the results in front are searched again with them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.archive import dictionary
from reader.archive.db import Archive
from reader.archive.dictionary import SHIPPED, DictionaryChange, DictionaryWord
from reader.gui.dialog_slot import DialogSlot
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveOp, ArchiveWriter, ChangeBus, Changes, OpProgress

Work = Callable[[Archive, Callable[[int, int], None]], DictionaryChange]


class DictionaryDialog(QDialog):
    """The word list with 添加 / 删除 / 导入…; asks `feature` to make each change."""

    def __init__(self, feature: DictionaryFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._feature = feature
        self.setObjectName("dictionaryDialog")
        self.setWindowTitle(self.tr("专有名词词典"))
        note = QLabel(
            self.tr(
                "人名、地名、单位名等：分词时不再被切开，检索时整词命中排在前面。"
                "列表里也有随程序附带的词；删除它，它就不再整词切分。改动保存在档案文件里。"
            ),
            self,
        )
        note.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("wordList")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.word = QLineEdit(self)
        self.word.setObjectName("wordEdit")
        self.word.setPlaceholderText(self.tr("输入要添加的词，如 江明远"))
        self.add_button = QPushButton(self.tr("添加"), self)
        self.add_button.setObjectName("addWord")
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.remove_button.setObjectName("removeWord")
        self.import_button = QPushButton(self.tr("导入词表…"), self)
        self.import_button.setObjectName("importWords")
        self.status = QLabel("", self)
        self.status.setObjectName("dictionaryStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # names the words
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.word, 1)
        row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.add_button.clicked.connect(self._add)
        self.word.returnPressed.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.import_button.clicked.connect(self._import)
        self.resize(420, 480)

    def show_words(self, words: list[DictionaryWord]) -> None:
        self.list.clear()
        for entry in words:
            if entry.state == SHIPPED:
                text = self.tr("{0}（随程序附带）").format(entry.word)
            elif entry.state == "remove":
                text = self.tr("{0}（不再整词切分）").format(entry.word)
            else:
                text = entry.word
            self.list.addItem(text)
            item = self.list.item(self.list.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, entry.word)
            if entry.state == "remove":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)  # 添加 takes it back
                item.setForeground(Qt.GlobalColor.gray)

    def _add(self) -> None:
        words = self.word.text().split()
        if words:
            self._feature.change(
                lambda archive, report: dictionary.add_words(archive, words, report), "已添加"
            )
            self.word.clear()

    def _remove(self) -> None:
        words = [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()]
        if words:
            self._feature.change(
                lambda archive, report: dictionary.remove_words(archive, words, report), "已删除"
            )

    def _import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("导入词表"), "", self.tr("词表 (*.txt);;所有文件 (*)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Add the words of a word list (what 导入词表… does once a file is chosen)."""
        self._feature.change(lambda archive, report: dictionary.import_words(archive, path, report), "已导入")


class DictionaryFeature(QObject):
    """The 专有名词词典… action, its dialog, and the writes behind it.

    `changed(text)` once a change is in the file (text: what it did, for the status bar).
    """

    changed = Signal(str)

    def __init__(
        self,
        writer: ArchiveWriter,
        changes: ChangeBus,
        window: QWidget,
        words: Callable[[], list[DictionaryWord]],
    ) -> None:
        super().__init__(window)
        self._writer = writer
        self._changes = changes
        self._window = window
        self._words = words
        self._dialog = DialogSlot(lambda: DictionaryDialog(self, self._window))
        self.action = QAction(self.tr("专有名词词典…"), self)
        self.action.setObjectName("dictionaryAction")
        self.action.triggered.connect(self.show)

    def set_read_only(self, reason: str | None) -> None:
        self.action.setEnabled(reason is None)
        self.action.setToolTip(self.tr("只读档案，不能修改词典：{0}").format(reason) if reason else "")

    def show(self) -> None:
        dialog = self._dialog.opened()
        dialog.show_words(self._words())
        dialog.open()

    def change(self, work: Work, verb: str) -> None:
        """Run one change on the writer, with progress while articles are indexed again."""

        def run(archive: Archive, progress: OpProgress) -> DictionaryChange:
            return work(archive, lambda done, total: progress.update(done, total))

        def landed(change: DictionaryChange) -> None:
            text = self.tr("{0} {1} 个词：{2}；重新索引了 {3} 篇文章").format(
                verb, len(change.words), "、".join(change.words), change.reindexed
            )
            if (dialog := self._dialog.dialog) is not None:
                dialog.show_words(self._words())
                dialog.status.setText(text)
            self._changes.announce(Changes(dictionary=True))
            self.changed.emit(text)

        def failed(error: BaseException) -> None:
            open_warning(self._window, self.tr("词典未修改"), str(error), "dictionaryFailed")

        op = ArchiveOp(parent=self._window, writer=self._writer, op=run)
        op.with_progress(
            self.tr("正在重新索引含这些词的文章…"),
            title=self.tr("专有名词词典"),
            name="dictionaryProgress",
            cancellable=False,
        )
        op.success(landed).failure(failed).run_in_background()
