"""Archive text, file names and notes shown as written, never as Qt rich text.

Qt guesses the format of text it is given: a QLabel, a QMessageBox and every tooltip take text
that looks like HTML (Qt::mightBeRichText: a known tag, or "&lt;", before the first line break) as
rich text. A headline `<b>x</b><img src="file:///…">` then showed bold and loaded a local image,
and `<font size=100>` filled the screen. Whatever a widget shows of the archive (headlines,
publications, file names, notes, dictionary words) or of the file system (paths in messages)
goes through here:

- a QLabel or QMessageBox is told PlainText (`plain_label`, or setTextFormat where it is made);
- where the format cannot be chosen (a tooltip, a model's ToolTipRole, a static QMessageBox
  call) the text is given as `literal(text)`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget


def literal(text: str) -> str:
    """`text` for a place where Qt guesses the format: unchanged when Qt shows it as plain text
    anyway (every ordinary tooltip stays as it was), otherwise escaped inside a pre-wrap
    paragraph, a rich text that displays every character of `text` and keeps its line breaks."""
    if not GuiQt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows `text` (and whatever is set later) exactly as written."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
