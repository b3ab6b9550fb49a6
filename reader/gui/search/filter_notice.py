"""The row under the search heading when a filter, not the query, left the results empty.

An empty list with "找到 0 篇" is a dead end when the date range or the chosen publication is
the reason: the row offers to clear each filter that was on, one button each, so the user does
not have to guess which control hides the hits. It only says what was clicked
(`clear_requested("dates" | "publication")`); the search status decides what that does.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

DATES, PUBLICATION = "dates", "publication"


class FilterNotice(QWidget):
    """Hidden until `offer(kinds)`; a click emits `clear_requested(kind)` and hides the row."""

    clear_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterNotice")
        self.buttons: dict[str, QPushButton] = {
            DATES: QPushButton(self.tr("清除日期范围"), self),
            PUBLICATION: QPushButton(self.tr("改为全部报纸"), self),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 4)
        for kind, button in self.buttons.items():
            button.setObjectName(f"clear_{kind}")
            button.clicked.connect(lambda _checked=False, kind=kind: self._clicked(kind))
            layout.addWidget(button)
        layout.addStretch(1)
        self.setVisible(False)

    def offer(self, kinds: Sequence[str]) -> None:
        """Show one button per filter in `kinds` (nothing to offer hides the row)."""
        for kind, button in self.buttons.items():
            button.setVisible(kind in kinds)
        self.setVisible(bool(kinds))

    def withdraw(self) -> None:
        self.setVisible(False)

    def _clicked(self, kind: str) -> None:
        self.withdraw()
        self.clear_requested.emit(kind)
