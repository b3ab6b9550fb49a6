"""The report after an import: what each file became, why a file failed, and what to do next.

Conflicting files can be imported from the report (replace the old file, or keep both); an import
stopped by damage offers the repair. The report reads only the ImportReport it is given.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from reader.archive.importer import ImportReport

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
            + "</p>"
        )
        lines += _listed([f"{path.name}：{reason}" for path, reason in report.conflict], tr)
    if report.failed:
        lines.append("<p><b>" + tr("失败的文件：") + "</b></p>")
        lines += _listed([f"{path.name}：{reason}" for path, reason in report.failed], tr)
    if report.notes:
        lines.append("<p><b>" + tr("已导入，但请注意：") + "</b></p>")
        lines += _listed([f"{path.name}：{note}" for path, note in report.notes], tr)
    if report.skipped:
        lines.append("<p><b>" + tr("未读取的链接：") + "</b></p>")
        lines += _listed([reason for _, reason in report.skipped], tr)
    for title, paths in ((tr("新导入："), report.imported), (tr("已更新："), report.replaced)):
        if paths:
            names = "、".join(html.escape(p.name) for p in paths[:MAX_LISTED])
            lines.append(f"<p>{title}{names}</p>")
    return "\n".join(lines)


def _listed(items: list[str], tr: Callable[[str], str]) -> list[str]:
    """`items` escaped as a list, the first MAX_LISTED of them and how many more there are."""
    lines = ["<ul>", *(f"<li>{html.escape(item)}</li>" for item in items[:MAX_LISTED])]
    if len(items) > MAX_LISTED:
        lines.append("<li>" + tr("……另有 {0} 个").format(len(items) - MAX_LISTED) + "</li>")
    return [*lines, "</ul>"]


class ReportDialog(QDialog):
    """What an import did, with the reason for every failure and conflict.

    Conflicting files can be imported from here: `resolve_requested(paths, "replace" | "keep")`;
    whoever starts that import closes the dialog (`accept`), so a refused one leaves the choice
    on screen. An import stopped by damage offers the repair: `repair_requested()`.
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
        self.resolve_requested.emit(paths, how)

    def _repair(self) -> None:
        self.accept()
        self.repair_requested.emit()
