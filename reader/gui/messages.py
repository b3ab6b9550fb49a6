"""Warnings that do not block: a window-modal QMessageBox opened with open(), deleted when closed.

A static QMessageBox.warning() runs a nested event loop inside whatever slot called it; a
failure reported from a worker's callback should not do that (the callback's caller, and tests,
would wait on the user). The box is a child of `parent` (top-level when there is no window
yet) and deletes itself once closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def open_warning(parent: QWidget | None, title: str, text: str, name: str) -> QMessageBox:
    """Show a warning with an OK button; returns at once. `name` is its objectName."""
    return open_message(parent, QMessageBox.Icon.Warning, title, text, name)


def open_message(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, name: str
) -> QMessageBox:
    """Show a message with an OK button; returns at once. `name` is its objectName."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages name files, headlines, words
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
