"""One dialog of a kind per feature: made when it is first opened, deleted when the user closes it.

The paper names, the dictionary and the failed corrections each have a window-modal dialog
(`open()`) that is filled anew every time it is shown; a change that lands while it is open
fills it again, and one that lands after it closed must find no dialog to fill. The features
kept that life cycle by hand, three times over; this is the one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class DialogSlot(Generic[D]):
    """`dialog` is the open dialog, or None; `opened()` makes one when there is none."""

    def __init__(self, make: Callable[[], D]) -> None:
        self._make = make
        self.dialog: D | None = None

    def opened(self) -> D:
        """The dialog to fill and open: the one still open, or a new one."""
        if self.dialog is None:
            self.dialog = self._make()
            self.dialog.finished.connect(self._closed)
        return self.dialog

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
