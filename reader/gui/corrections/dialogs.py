"""The dialogs of the correction commands: 修改标题/引题/署名…, 从此段拆分…, 修改正文… and 查看原文.

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
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.archive.corrections.records import EDITABLE_FIELDS
from reader.archive.records import ArticleRecord

PREVIEW_CHARS = 40
DIALOG_WIDTH_CHARS = 44  # wide enough for a paragraph preview of PREVIEW_CHARS beside its number


def _paragraph_list(parent: QWidget, parts: list[str]) -> QListWidget:
    """The article's paragraphs, numbered from 1 as the reading pane counts them, each cut to a
    preview; the full text is the item's tooltip."""
    listing = QListWidget(parent)
    listing.setObjectName("paragraphList")
    for number, text in enumerate(parts, start=1):
        short = text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"
        item = QListWidgetItem(parent.tr("第{0}段　{1}").format(number, short))
        item.setToolTip(text)
        listing.addItem(item)
    listing.setMinimumWidth(listing.fontMetrics().horizontalAdvance("字") * DIALOG_WIDTH_CHARS)
    return listing


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
        parts = record.body.split("\n") if record.body else []
        self.paragraphs = _paragraph_list(self, parts)
        if parts:
            self.paragraphs.item(0).setFlags(Qt.ItemFlag.NoItemFlags)  # nothing to split off before it
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


class EditTextDialog(QDialog):
    """修改正文…: which paragraph, and its corrected text (the paragraph clicked on is chosen and
    its text filled in, so fixing a typo is: right-click, fix, Enter)."""

    def __init__(self, record: ArticleRecord, paragraph: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editTextDialog")
        self.setWindowTitle(self.tr("修改正文"))
        self._parts = record.body.split("\n") if record.body else []
        self.paragraphs = _paragraph_list(self, self._parts)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("paragraphEdit")
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 6)
        self.paragraphs.currentRowChanged.connect(self._show_paragraph)
        chosen = paragraph if paragraph is not None and 1 <= paragraph <= len(self._parts) else 1
        self.paragraphs.setCurrentRow(chosen - 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self._parts))
        note = QLabel(
            self.tr("只改这一段的文字；原文保留，可在右键菜单“查看原文”中看到，Ctrl+Z 撤销。"), self
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#666;")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("要修改的段落："), self))
        layout.addWidget(self.paragraphs, 1)
        layout.addWidget(QLabel(self.tr("改正后的文字："), self))
        layout.addWidget(self.text, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_paragraph(self, row: int) -> None:
        if 0 <= row < len(self._parts):
            self.text.setPlainText(self._parts[row])

    def paragraph(self) -> int:
        """The chosen paragraph, counted from 1."""
        return self.paragraphs.currentRow() + 1

    def new_text(self) -> str:
        return self.text.toPlainText().strip()


class OriginalTextDialog(QDialog):
    """查看原文: the article's text as the file gave it, before corrections changed it."""

    def __init__(self, headline: str, original: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("originalTextDialog")
        self.setWindowTitle(self.tr("原文：{0}").format(headline))
        self.text = QTextBrowser(self)
        self.text.setPlainText(original)  # text from an imported file: never read as markup
        self.text.setMinimumSize(
            self.text.fontMetrics().horizontalAdvance("字") * DIALOG_WIDTH_CHARS,
            self.text.fontMetrics().lineSpacing() * 16,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("导入时的原文（校订之前）："), self))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
