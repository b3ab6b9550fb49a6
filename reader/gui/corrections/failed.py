"""未能应用的校订: the corrections the archive keeps but could not apply, each with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from reader.archive.corrections import Correction


class FailedCorrectionsDialog(QDialog):
    """A list of corrections that did not apply at the last import, and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failedCorrections")
        self.setWindowTitle(self.tr("未能应用的校订"))
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("failedList")
        self.list.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def show_corrections(self, items: list[Correction]) -> None:
        self.list.clear()
        if not items:
            self.summary.setText(self.tr("所有校订都已应用。"))
            return
        self.summary.setText(
            self.tr(
                "以下 {0} 条校订在最近一次导入后未能应用；它们仍保存在档案中，原文恢复后会再次应用。"
            ).format(len(items))
        )
        for item in items:
            self.list.addItem(
                self.tr("[{0}] {1}\n原因：{2}").format(item.issue_key, item.describe(), item.reason)
            )
