"""The 关于 dialog: name, version and what the program is for."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

import reader


def show_about(parent: QWidget, archive_path: str) -> None:
    """Modal box with the version (reader.__version__) and the archive file in use."""
    title = parent.tr("关于 报刊档案阅读器")
    text = parent.tr(
        "<h3>报刊档案阅读器</h3>"
        "<p>版本 {version}</p>"
        "<p>按日期翻阅本地报纸的每一期，按关键词检索全文。所有数据保存在本机，不联网。</p>"
        "<p>当前档案：<br><code>{path}</code></p>"
    ).format(version=html.escape(reader.__version__), path=html.escape(archive_path))
    QMessageBox.about(parent, title, text)
