"""The file a save dialog's answer means, without replacing a file nobody was asked about.

QFileDialog asks before replacing the file whose name the user typed. When the program then adds
the suffix the user left out (报告 → 报告.pdf), that is another file, which may exist: ask about
it before anyone writes there. And where a file dialog opens (`dialog_folder`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.gui.plain import literal


def dialog_folder(last: str = "") -> str:
    """Where a file dialog opens: `last` (the folder used last time), else the user's documents,
    else home — never the working directory, which for a double-clicked program is its own
    folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, documents):
        if folder and Path(folder).is_dir():
            return folder
    return QDir.homePath()


def chosen_path(parent: QWidget, name: str, suffix: str, *, when_missing_only: bool = False) -> Path | None:
    """`name` from a save dialog with `suffix` (".pdf") added when it lacks it; None when that
    added name is an existing file the user, asked now, does not want replaced.

    `when_missing_only`: add the suffix only when the name has none at all (a backup may be
    named archive.db); otherwise whenever it is not `suffix`.
    """
    if not name:
        return None
    path = Path(name)
    lacks = not path.suffix if when_missing_only else path.suffix.lower() != suffix
    if not lacks:
        return path  # the dialog itself asked before replacing it
    path = path.with_name(path.name + suffix)
    if path.exists() and not _may_replace(parent, path):
        return None
    return path


def _may_replace(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("save_path", "替换文件"),
        literal(QCoreApplication.translate("save_path", "“{0}”已存在。要替换它吗？").format(str(path))),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
