"""The dialogs of the correction commands: 修改标题/引题/署名… and 从此段拆分….

They only ask; the feature (reader.gui.corrections.feature) does the writing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.archive.corrections.records import EDITABLE_FIELDS
from reader.archive.records import ArticleRecord

PREVIEW_CHARS = 40


class RetitleDialog(QDialog):
    """引题, 标题, 副题 and 署名 of one article, filled in; `changes()` is what the user altered."""

    def __init__(self, record: ArticleRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retitleDialog")
        self.setWindowTitle(self.tr("修改标题、引题、署名"))
        self._record = record
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in EDITABLE_FIELDS.items():
            edit = QLineEdit(str(getattr(record, name)), self)
            edit.setObjectName(f"{name}Edit")
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("字") * 30)
            form.addRow(self.tr(label) + self.tr("："), edit)
            self.edits[name] = edit
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.edits["headline"].setFocus(Qt.FocusReason.OtherFocusReason)
        self.edits["headline"].selectAll()

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from the article's now."""
        return {
            name: edit.text().strip()
            for name, edit in self.edits.items()
            if edit.text().strip() != str(getattr(self._record, name))
        }


class SplitDialog(QDialog):
    """Which paragraph starts the new article (not the first), and its headline (empty: that
    paragraph becomes the headline)."""

    def __init__(self, record: ArticleRecord, paragraph: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitDialog")
        self.setWindowTitle(self.tr("从此段拆分"))
        self.paragraphs = QListWidget(self)
        self.paragraphs.setObjectName("paragraphList")
        parts = record.body.split("\n") if record.body else []
        for number, text in enumerate(parts, start=1):
            short = text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"
            item = QListWidgetItem(self.tr("第{0}段　{1}").format(number, short))
            if number == 1:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # nothing to split off before the first
            self.paragraphs.addItem(item)
        chosen = paragraph if paragraph is not None and 2 <= paragraph <= len(parts) else 2
        self.paragraphs.setCurrentRow(min(chosen, len(parts)) - 1)
        self.headline = QLineEdit(self)
        self.headline.setObjectName("headlineEdit")
        self.headline.setPlaceholderText(self.tr("留空：以所选的一段作新文章的标题"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(len(parts) >= 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("从哪一段起拆出新文章："), self))
        layout.addWidget(self.paragraphs, 1)
        layout.addWidget(QLabel(self.tr("新文章的标题："), self))
        layout.addWidget(self.headline)
        layout.addWidget(self.buttons)

    def paragraph(self) -> int:
        """The chosen paragraph, counted from 1."""
        return self.paragraphs.currentRow() + 1

    def new_headline(self) -> str:
        return self.headline.text().strip()
