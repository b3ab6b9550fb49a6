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
    like the column it always was. The column has one width, whichever tab is in front and
    whether 书签 is open or not (issue 23, defect 10: a column that widened for the bookmarks
    and narrowed again pushed the article list sideways each time): from the start it is as
    wide as the bookmarks want (`wanted_width()`), as far as the panes' minimum widths let it."""

    def __init__(
        self, window: QMainWindow, calendar: QWidget, bookmarks: QDockWidget, wanted_width: Callable[[], int]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._bookmarks = bookmarks
        self._no_title = QWidget(bookmarks)  # the bookmarks' title bar while docked: none
        self._wanted_width = wanted_width
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
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            self.widen()
        return False

    def widen(self) -> None:
        """The column as wide as the bookmarks want (never narrower than it is): done once the
        window is shown, so the width stays when 书签 is opened or closed."""
        width = max(self.calendar_dock.width(), self._wanted_width())
        self._window.resizeDocks([self.calendar_dock], [width], Qt.Orientation.Horizontal)

    def _bookmarks_floated(self, floating: bool) -> None:
        """Docked, the 书签 tab names the panel: a title bar saying 书签 again under it (with float
        and close buttons the toolbar's 书签 already offers) only takes a line of a narrow
        column. Floating, the panel is a window of its own and gets its title bar back."""
        if floating:  # no widget (nullptr, which the stubs do not know of): Qt's own title bar
            self._bookmarks.setTitleBarWidget(None)  # type: ignore[arg-type]
        else:
            self._bookmarks.setTitleBarWidget(self._no_title)

    def _bookmarks_toggled(self, shown: bool) -> None:
        """Opened, the bookmarks come to the front, in the column as wide as it was (wider only
        when they now want more: their paper column appears once bookmarks of two papers are
        kept). Closed, the column stays as it is."""
        if shown:
            self._bookmarks.raise_()
            self.widen()


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
