"""How the window fits a small screen (1024×700 as well as 1600×1000).

The calendar and the bookmarks share the left column as tabs, so opening 书签 never takes its
width from the reading pane; and the toolbar drops its button texts (icons stay) before it would
hide a button behind its overflow arrow. The panes themselves keep their readable minimum
widths (ReadingPane, MiddlePane); this module only arranges the columns around them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QToolBar, QVBoxLayout, QWidget

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
TEXT = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICONS = Qt.ToolButtonStyle.ToolButtonIconOnly


def stacked(parent: QWidget, main: QWidget, below: QWidget) -> QWidget:
    """`main` taking the height, `below` under it at its own height (the reading pane and its
    find bar): one splitter column, no margins of its own."""
    column = QWidget(parent)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(main, 1)
    layout.addWidget(below)
    return column


class LeftColumn(QObject):
    """The calendar in a fixed dock on the window's left, with `bookmarks` as a tab next to it
    (tabs on top). The calendar's dock has no title bar and cannot be closed: alone it looks
    like the column it always was. Opened, the bookmarks come to the front and the column
    widens to `wanted_width()` as far as the panes' minimum widths let it; closing them gives
    the width back to the panes."""

    def __init__(
        self, window: QMainWindow, calendar: QWidget, bookmarks: QDockWidget, wanted_width: Callable[[], int]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._bookmarks = bookmarks
        self._no_title = QWidget(bookmarks)  # the bookmarks' title bar while docked: none
        self._wanted_width = wanted_width
        self._narrow: int | None = None  # the column's width before the bookmarks were opened
        dock = QDockWidget(window.tr("日历"), window)
        dock.setObjectName("calendarDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget(dock))
        dock.setWidget(calendar)
        window.setTabPosition(LEFT, QTabWidget.TabPosition.North)
        window.addDockWidget(LEFT, dock)
        window.tabifyDockWidget(dock, bookmarks)
        self.calendar_dock = dock
        bookmarks.toggleViewAction().triggered.connect(self._bookmarks_toggled)
        bookmarks.topLevelChanged.connect(self._bookmarks_floated)
        self._bookmarks_floated(bookmarks.isFloating())

    def _bookmarks_floated(self, floating: bool) -> None:
        """Docked, the 书签 tab names the panel: a title bar saying 书签 again under it (with float
        and close buttons the toolbar's 书签 already offers) only takes a line of a narrow
        column. Floating, the panel is a window of its own and gets its title bar back."""
        if floating:  # no widget (nullptr, which the stubs do not know of): Qt's own title bar
            self._bookmarks.setTitleBarWidget(None)  # type: ignore[arg-type]
        else:
            self._bookmarks.setTitleBarWidget(self._no_title)

    def _bookmarks_toggled(self, shown: bool) -> None:
        horizontal = Qt.Orientation.Horizontal
        if shown:  # shown, not yet laid out: the column still has the calendar's width
            self._narrow = self.calendar_dock.width()
            self._bookmarks.raise_()
            wanted = max(self._narrow, self._wanted_width())
            self._window.resizeDocks([self._bookmarks], [wanted], horizontal)
        elif self._narrow is not None:
            self._window.resizeDocks([self.calendar_dock], [self._narrow], horizontal)
            self._narrow = None


class ToolbarFit(QObject):
    """Shows the toolbar's buttons as icons only while their texts would not fit (an action
    without an icon keeps its text), and with texts again once the window is wide enough."""

    def __init__(self, toolbar: QToolBar) -> None:
        super().__init__(toolbar)
        self._toolbar = toolbar
        self._text_width = 0
        toolbar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._toolbar and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return False

    def fit(self) -> None:
        """Texts when they fit in the toolbar's width, else icons."""
        bar = self._toolbar
        if bar.toolButtonStyle() == TEXT:
            self._text_width = bar.sizeHint().width()
            if bar.width() < self._text_width:
                bar.setToolButtonStyle(ICONS)
        elif bar.width() >= self._text_width:
            bar.setToolButtonStyle(TEXT)

    def showing_texts(self) -> bool:
        return self._toolbar.toolButtonStyle() == TEXT
