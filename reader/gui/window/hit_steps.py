"""上一处 / 下一处 (F3 / Shift+F3): one pair of keys for two kinds of hits.

While the find bar (在本文中查找) is open and has found something, the keys step through its
matches; otherwise through the archive search's hits that the reading pane marks. The two
actions are on whenever either has something to step through, and the status bar says which
search hit is selected (第 2/7 处).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.gui.reading.find_bar import FindBar
from reader.gui.reading.pane import ReadingPane
from reader.gui.search.status import SearchStatus
from reader.gui.window.commands import Commands


class HitSteps(QObject):
    """Binds the window's 上一处 / 下一处 to the find bar or the pane's search hits."""

    def __init__(
        self, commands: Commands, pane: ReadingPane, find_bar: FindBar, status: SearchStatus, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._commands = commands
        self._pane = pane
        self._find = find_bar
        self._status = status
        commands.next_hit.triggered.connect(lambda: self.step(1))
        commands.previous_hit.triggered.connect(lambda: self.step(-1))
        pane.hit_changed.connect(self._search_hit_changed)
        find_bar.position_changed.connect(lambda _current, _total: self._enable())

    def step(self, step: int) -> None:
        """+1 next, -1 previous: the find bar's matches when it is in use, else the search hits."""
        if self._find.active():
            self._find.step(step)
        else:
            self._pane.step_hit(step)

    def _search_hit_changed(self, current: int, total: int) -> None:
        self._status.show_hit_position(current, total)
        self._enable()

    def _enable(self) -> None:
        on = self._pane.hit_count > 0 or self._find.active()
        self._commands.previous_hit.setEnabled(on)
        self._commands.next_hit.setEnabled(on)
