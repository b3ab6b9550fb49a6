"""What the middle pane shows in place of the article list for a day without an issue.

A day without a paper used to flash a four-second status message while the old issue stayed
listed, as if it belonged to the chosen day. The notice says it where the list was, and offers
the nearest issue as a link ("2022年8月2日 没有报纸；最近的一期：8月9日 ›").
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class DayNotice(QWidget):
    """A line of text and, below it, an optional link; emits `issue_requested(issue_id)` for the link."""

    issue_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayNotice")
        self.text = QLabel(self)
        self.text.setObjectName("dayNoticeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.link = QLabel(self)
        self.link.setObjectName("dayNoticeLink")
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 24, 6, 6)
        layout.addWidget(self.text)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)  # its own line, wide as its words
        layout.addStretch(1)
        self._link_text = ""
        self.link.linkActivated.connect(self._link_activated)

    def show_text(self, text: str, link: tuple[str, int] | None = None) -> None:
        """`text`, then `link` = (its words, the issue it opens), if any."""
        self.text.setText(text)
        self._link_text = link[0] if link else ""
        self.link.setText(f'<a href="issue:{link[1]}">{html.escape(link[0])}</a>' if link else "")
        self.link.setVisible(link is not None)

    def plain_text(self) -> str:
        """What the notice says, link included, as a reader reads it."""
        return self.text.text() + self._link_text

    def _link_activated(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "issue" and value.isdigit():
            self.issue_requested.emit(int(value))
