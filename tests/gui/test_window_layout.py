"""The window on a laptop screen (1024×700) and a large one (1600×1000), with the 书签 panel open
and closed: the reading pane keeps a line of 20 characters of its font, the article list a
headline of TITLE_CHARS characters, the toolbar every button in view (书签 too), and the source
line under a headline wraps only between its parts (issue 12, items 4 and 6)."""

from __future__ import annotations

import re

import pytest
from corpus_support import LEAD_HEADLINE, MASTHEAD_FILE
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QAction, QTextBlock, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStyle, QTabBar, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from reader.archive.formatting import SEPARATOR, article_source
from reader.gui.bookmarks.model import HEADLINE
from reader.gui.line_breaks import without_joiners
from reader.gui.main_window import MainWindow
from reader.gui.metrics import average_cjk_width
from reader.gui.middle.article_model import COL_TITLE
from reader.gui.middle.pane import TITLE_CHARS
from reader.gui.reading.pane import DOCUMENT_MARGIN, READABLE_CHARS, ReadingPane
from reader.gui.settings import DEFAULT_FONT_PT
from reader.gui.window.layout import ToolbarFit
from reader.text import read_issue

pytestmark = pytest.mark.gui

ISSUE_DAY = str(read_issue(MASTHEAD_FILE).date)
SIZES = [(1024, 700), (1600, 1000)]


def show_lead(window: MainWindow) -> None:
    """Open the masthead issue's lead article, as a click on its day and its row does."""
    window.navigator.open_date(ISSUE_DAY)
    row = next(
        r for r in range(window.articles.rowCount()) if window.articles.record(r).headline == LEAD_HEADLINE
    )
    window.middle.select_article_row(row)
    assert window.pane.record is not None and LEAD_HEADLINE == window.pane.record.headline


def lay_out(qtbot: QtBot, window: MainWindow, size: tuple[int, int], bookmarks_open: bool) -> None:
    """Resize the window and open or close 书签 as the user does (its toolbar button), then let
    the window lay itself out and paint."""
    if window.bookmarks.dock.isVisible() != bookmarks_open:
        window.toolbar.widgetForAction(window.bookmarks.toggle_dock).click()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size() == QSize(*size))
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    window.grab()
    assert window.bookmarks.dock.isVisible() == bookmarks_open


def body_lines(pane: ReadingPane) -> list[str]:
    """The lines the pane has laid out for the article's body paragraphs."""
    body = pane.record.body if pane.record else ""
    lines: list[str] = []
    block: QTextBlock = pane.document().begin()
    while block.isValid():
        text = block.text()
        if text.strip() and text.strip()[-12:] in body:
            layout = block.layout()
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


@pytest.mark.parametrize("bookmarks_open", [False, True], ids=["书签关", "书签开"])
@pytest.mark.parametrize("size", SIZES, ids=["1024x700", "1600x1000"])
def test_every_pane_keeps_a_readable_width(
    qtbot: QtBot, corpus_window: MainWindow, size: tuple[int, int], bookmarks_open: bool
) -> None:
    window = corpus_window
    show_lead(window)
    window.bookmarks.star.action.trigger()  # one bookmark, so the panel has a row to lay out
    qtbot.waitUntil(lambda: window.bookmarks.panel.model.rowCount() == 1, timeout=30_000)
    lay_out(qtbot, window, size, bookmarks_open)

    pane = window.pane
    glyph = average_cjk_width(pane.document().defaultFont())
    assert pane.viewport().width() - 2 * DOCUMENT_MARGIN >= READABLE_CHARS * glyph
    longest = max(len(line.strip()) for line in body_lines(pane))
    assert longest >= READABLE_CHARS, body_lines(pane)

    header = window.middle.table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(header.count())]
    assert widths[COL_TITLE] >= TITLE_CHARS * average_cjk_width(window.middle.table.font())
    assert widths[COL_TITLE] == max(widths)

    toolbar = window.toolbar
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible()
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and not action.isSeparator():
            assert button.isVisible() and toolbar.rect().contains(button.geometry()), action.text()
    bookmarks_button = toolbar.widgetForAction(window.bookmarks.toggle_dock)
    assert "书签" == bookmarks_button.text() and bookmarks_button.isVisible()

    if bookmarks_open:
        assert [window.calendar_dock] == window.tabifiedDockWidgets(window.bookmarks.dock)
        view = window.bookmarks.panel.view
        shown = [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)]
        columns = {c: view.horizontalHeader().sectionSize(c) for c in shown}
        assert columns[HEADLINE] == max(columns.values()), columns
        assert columns[HEADLINE] >= TITLE_CHARS * average_cjk_width(view.font()), columns
    else:
        assert window.calendar.isVisible()


def test_a_toolbar_too_narrow_for_its_texts_shows_icons_and_hides_no_button(qtbot: QtBot) -> None:
    """ToolbarFit on a toolbar of its own, made narrower than its texts and wide again."""
    window = QMainWindow()
    qtbot.addWidget(window)
    toolbar = QToolBar(window)
    window.addToolBar(toolbar)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    icon = window.style().standardIcon(QStyle.StandardPixmap.SP_ArrowUp)
    names = ["上一篇文章", "下一篇文章", "收藏本文", "放大字号", "缩小字号"]
    toolbar.addActions([QAction(icon, name, window) for name in names])
    toolbar.addAction(QAction("书签", window))  # no icon: keeps its text
    wide = toolbar.sizeHint().width() + 40  # every text fits
    fit = ToolbarFit(toolbar)
    with qtbot.waitExposed(window):
        window.show()
    window.resize(wide, 200)
    qtbot.waitUntil(lambda: toolbar.width() >= wide - 20)
    assert fit.showing_texts()
    narrow = wide // 2
    window.resize(narrow, 200)
    qtbot.waitUntil(lambda: not fit.showing_texts())
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(lambda: overflow is None or not overflow.isVisible())  # once laid out again
    window.grab()
    buttons = [toolbar.widgetForAction(action) for action in toolbar.actions()]
    assert all(button.isVisible() and toolbar.rect().contains(button.geometry()) for button in buttons)
    assert "书签" == buttons[-1].text()
    window.resize(wide, 200)
    qtbot.waitUntil(fit.showing_texts)


@pytest.mark.parametrize("pane_side", [True, False], ids=["阅读区最窄", "文章列表最窄"])
def test_dragging_the_divider_stops_at_a_readable_width(
    qtbot: QtBot, corpus_window: MainWindow, pane_side: bool
) -> None:
    """The divider between the list and the reading pane, dragged as far as it goes either way."""
    window = corpus_window
    show_lead(window)
    lay_out(qtbot, window, (1024, 700), bookmarks_open=True)
    splitter = window.splitter
    splitter.moveSplitter(splitter.width() if pane_side else 0, 1)
    window.grab()
    glyph = average_cjk_width(window.pane.document().defaultFont())
    assert window.pane.viewport().width() - 2 * DOCUMENT_MARGIN >= READABLE_CHARS * glyph
    header = window.middle.table.horizontalHeader()
    assert header.sectionSize(COL_TITLE) >= TITLE_CHARS * average_cjk_width(window.middle.table.font())


def _units(text: str) -> set[str]:
    """The parts of a source line that must stay whole: '东昌时讯', '2023年6月13日', '星期二', …"""
    return {unit for unit in re.split(r"[\s·]+", without_joiners(text).replace("\u00a0", " ")) if unit}


def test_the_source_line_wraps_between_its_parts_never_inside_one(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    show_lead(corpus_window)
    record = corpus_window.pane.record
    source = article_source(record)
    assert "第1版" in source
    pane = ReadingPane(DEFAULT_FONT_PT)
    qtbot.addWidget(pane)
    pane.show_article(record)
    with qtbot.waitExposed(pane):
        pane.show()
    units = _units(source)
    most_lines = 0
    for width in range(pane.minimumWidth(), pane.minimumWidth() + 500, 7):
        pane.resize(width, 500)
        pane.document().size()  # lays the document out at the new width
        block = pane.document().begin()
        while block.isValid() and without_joiners(block.text()).replace("\u00a0", " ") != source:
            block = block.next()
        assert block.isValid(), "the source line is not a paragraph of its own"
        layout = block.layout()
        lines = [
            block.text()[layout.lineAt(n).textStart() :][: layout.lineAt(n).textLength()]
            for n in range(layout.lineCount())
        ]
        most_lines = max(most_lines, len(lines))
        for line in lines:
            assert _units(line) <= units, (width, lines)
            assert not without_joiners(line).strip().startswith(SEPARATOR.strip()), (width, lines)
    assert most_lines >= 2, "the pane was never narrow enough to wrap the source line"


def _laid_out_lines(text: str, label: QLabel, width: int) -> list[str]:
    """The lines a word-wrapping label of `width` pixels breaks `text` into (its font, Qt's
    line breaking)."""
    layout = QTextLayout(text, label.font())
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
    layout.endLayout()
    lines = (layout.lineAt(n) for n in range(layout.lineCount()))
    return [text[line.textStart() :][: line.textLength()] for line in lines]


@pytest.mark.parametrize("size", SIZES)
def test_the_issue_heading_wraps_between_its_parts_never_inside_one(
    qtbot: QtBot, corpus_window: MainWindow, size: tuple[int, int]
) -> None:
    """At 1024 px the heading over the list wrapped inside '总第1449期'."""
    lay_out(qtbot, corpus_window, size, bookmarks_open=False)
    corpus_window.navigator.open_date(ISSUE_DAY)
    label = corpus_window.middle.issue_label
    title = corpus_window.middle.issue_title()
    assert "总第" in title and "期" in title
    units = _units(title)
    widths = [label.contentsRect().width(), *range(60, 600, 11)]
    wrapped = [_laid_out_lines(label.text(), label, width) for width in widths]
    for lines in wrapped:
        for line in lines:
            assert _units(line) <= units, lines
    assert any(len(lines) >= 3 for lines in wrapped), "never narrow enough to wrap"


def test_copying_the_source_line_copies_it_as_printed(qtbot: QtBot, corpus_window: MainWindow) -> None:
    """The joiners that keep '第1版' together are layout only: a selection copied with Ctrl+C
    has none of them."""
    show_lead(corpus_window)
    pane = corpus_window.pane
    pane.selectAll()
    pane.copy()
    assert article_source(pane.record) in QApplication.clipboard().text()
    assert "\u2060" not in QApplication.clipboard().text()


def test_a_headline_the_list_cuts_is_whole_in_its_tooltip(qtbot: QtBot, corpus_window: MainWindow) -> None:
    window = corpus_window
    show_lead(window)
    lay_out(qtbot, window, (1024, 700), bookmarks_open=False)
    window.splitter.moveSplitter(0, 1)  # the list as narrow as it goes
    window.grab()
    table = window.middle.table
    titles = [window.articles.index(row, COL_TITLE) for row in range(window.articles.rowCount())]
    longest = max(titles, key=lambda index: table.fontMetrics().horizontalAdvance(index.data()))
    assert table.fontMetrics().horizontalAdvance(longest.data()) > table.columnWidth(COL_TITLE)  # cut
    tip = longest.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.split("\n")[0] == longest.data()
    assert window.articles.record(longest.row()).headline in tip


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_the_left_column_keeps_its_width_between_the_calendar_and_the_bookmarks(
    qtbot: QtBot, corpus_window: MainWindow, size: tuple[int, int]
) -> None:
    """Issue 23 defect 10: opening 书签, clicking between the 日历 and 书签 tabs and closing 书签
    never moves the article list sideways; the column is wide enough for the bookmarks'
    headlines from the start."""
    window = corpus_window
    show_lead(window)
    window.bookmarks.star.action.trigger()
    qtbot.waitUntil(lambda: window.bookmarks.panel.model.rowCount() == 1, timeout=30_000)

    def place() -> tuple[int, int, int]:
        middle = window.middle.mapTo(window, QPoint(0, 0)).x()
        return window.calendar_dock.width(), middle, window.middle.width()

    lay_out(qtbot, window, size, bookmarks_open=False)
    before = place()
    lay_out(qtbot, window, size, bookmarks_open=True)
    assert before == place()
    (tabs,) = [bar for bar in window.findChildren(QTabBar) if bar.count() == 2]
    assert ["日历", "书签"] == [tabs.tabText(i) for i in range(2)]
    for tab in (0, 1, 0):
        qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(tab).center())
        lay_out(qtbot, window, size, bookmarks_open=True)
        assert before == place(), tabs.tabText(tab)
    lay_out(qtbot, window, size, bookmarks_open=False)
    assert before == place()
    if size == (1600, 1000):  # room for all the bookmarks ask; at 1024 the panes' minimums rule
        assert window.calendar_dock.width() >= window.bookmarks.panel_width()


def test_long_undated_file_names_are_cut_in_the_middle_not_scrolled(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    """An undated file's name longer than the left column (long scan names on a 1024 px screen)
    shows its start and end, the whole name in its tooltip, and never a sideways scroll bar."""
    lay_out(qtbot, corpus_window, (1024, 700), bookmarks_open=False)
    view = corpus_window.calendar.undated_view
    model = view.model()
    assert model.rowCount() > 0
    widest = max(
        view.fontMetrics().horizontalAdvance(model.index(row, 0).data()) for row in range(model.rowCount())
    )
    view.setFixedWidth(widest // 2)  # a name twice as wide as the column
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    view.grab()
    assert widest > view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    assert Qt.TextElideMode.ElideMiddle == view.textElideMode()
    first = model.index(0, 0)
    assert corpus_window.calendar.undated_model.issue_at(0).source_name in first.data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_the_docked_bookmarks_show_their_name_once_on_the_tab_and_floating_in_a_title_bar(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    """Docked, a title bar saying 书签 again under the 书签 tab took a line of the narrow column."""
    window = corpus_window
    lay_out(qtbot, window, (1024, 700), bookmarks_open=True)
    dock, panel = window.bookmarks.dock, window.bookmarks.panel
    tabs = [bar for bar in window.findChildren(QTabBar) if bar.isVisible() and bar.count() == 2]
    assert ["日历", "书签"] == [tabs[0].tabText(n) for n in range(2)]
    docked_top = panel.mapTo(window, panel.rect().topLeft()).y()
    assert docked_top - dock.mapTo(window, dock.rect().topLeft()).y() <= dock.style().pixelMetric(
        QStyle.PixelMetric.PM_DockWidgetFrameWidth
    )  # the panel starts where the dock does: no title bar above it

    dock.setFloating(True)
    qtbot.waitUntil(lambda: dock.isFloating() and dock.isVisible())
    assert dock.titleBarWidget() is None  # Qt's own title bar, with the name and its buttons
    dock.setFloating(False)
    qtbot.waitUntil(lambda: not dock.isFloating())
    assert dock.titleBarWidget() is not None and not dock.titleBarWidget().sizeHint().height() > 0
