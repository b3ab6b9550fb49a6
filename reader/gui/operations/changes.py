"""What an operation changed in the archive, told once to every part of the window that shows it.

After Anki's `operation_did_execute(changes, handler)`: the part that made a change (an import,
a correction, a date, the demo removed, a repair, another archive opened, another program's
write noticed) announces one `Changes` value on the window's one `ChangeBus`; every part that
shows something of the archive subscribes and decides for itself what to read again. The window
no longer lists by hand who refreshes after what (it once did, and forgot the corrections' undo
steps when the archive was replaced under them). What the initiator does afterwards for itself
(show the corrected article, open the latest issue) stays with the initiator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """Which kinds of the archive's content changed; each flag names what a part may show.

    - `issues`: issues added, removed or (re)dated: the calendar, the undated list, the date
      span, missing issues, the demo's presence, hits' dates.
    - `articles`: articles' rows or text (an import, a correction): the lists, the search's
      results, the bookmarks' headlines.
    - `bookmarks`: bookmarks or notes themselves (the person's own file).
    - `dictionary`: the archive's own words: how a search cuts its query and ranks.
    - `archive_replaced`: another file is read now, or rows went without a correction or an
      import saying which (a repair that rewrote the file, the demo removed, another archive or
      snapshot opened): undo steps may name rows that are gone.
    - `reopened`: the session opened its archive anew (or another): whether it can be written
      is found again.
    """

    issues: bool = False
    articles: bool = False
    bookmarks: bool = False
    dictionary: bool = False
    archive_replaced: bool = False
    reopened: bool = False

    @classmethod
    def everything(cls, *, archive_replaced: bool = False, reopened: bool = False) -> Changes:
        """Every kind of content (another program's write, a file opened anew)."""
        return cls(True, True, True, True, archive_replaced, reopened)

    @property
    def content(self) -> bool:
        """Issues, articles or the words a search cuts with: what a search may find changed."""
        return self.issues or self.articles or self.dictionary or self.archive_replaced


class ChangeBus(QObject):
    """The window's one channel of `Changes`: `changed(changes)` to every subscriber in the order
    they connected, then `after()` (the session marks what the window has now shown, so that the
    window's own writes are never taken for another program's)."""

    changed = Signal(object)

    def __init__(self, after: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._after = after

    def announce(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self._after()
