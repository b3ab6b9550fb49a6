"""Browse by author (issue 23): beside the page chooser a second chooser lists 全部作者 and each
person the issue's bylines name, with their counts; choosing one by keyboard or mouse lists their
articles and shows the first; it combines with a page; another issue starts on 全部 again; an
issue naming fewer than two people has no author chooser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from issue_texts import BYLINED_ISSUE, SECOND_PAGE, issue_text, write
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionComboBox
from pytestqt.qtbot import QtBot
from test_window import choose_day

from reader.archive.records import ListedArticle
from reader.gui.main_window import MainWindow
from reader.gui.middle.author_filter import AuthorChooser
from reader.gui.middle.list_filter import FilterChooser

pytestmark = pytest.mark.gui

FOOD, PARK, GRAIN, BOOKS, HOURS = (
    "幸福食堂开张 老人吃上热乎饭",
    "城区新增三处口袋公园",
    "夏粮收购有序进行",
    "社区书屋暑期开放",
    "区政务服务中心推出延时服务",
)
ENTRIES = ["全部作者（5篇）", "张三（2篇）", "李四（1篇）", "王五（1篇）", "赵六（1篇）", "未署名（1篇）"]


@pytest.fixture
def bylined_window(window_factory: Callable[..., MainWindow], db_path: Path, tmp_path: Path) -> MainWindow:
    """The window on an issue of two pages whose bylines name four people (2022-07-05), and an
    issue whose bylines name nobody (2022-07-06), both imported from text dumps."""
    write(tmp_path / "dump" / "0705.txt", BYLINED_ISSUE)
    write(tmp_path / "dump" / "0706.txt", issue_text(SECOND_PAGE, date="2022年7月6日", number=1450))
    assert import_at(db_path, [tmp_path / "dump"]).failed == []
    window = window_factory(db_path)
    choose_day(window, "2022-07-05")
    return window


def listed(window: MainWindow) -> list[str]:
    return [window.articles.record(row).headline for row in range(window.articles.rowCount())]


def entries(chooser: FilterChooser) -> list[str]:
    return [chooser.itemText(i) for i in range(chooser.count())]


def shown(window: MainWindow, headline: str) -> Callable[[], bool]:
    return lambda: window.pane.record is not None and window.pane.record.headline == headline


def test_tab_and_the_arrow_keys_on_the_author_chooser_list_one_person_s_articles(
    qtbot: QtBot, bylined_window: MainWindow
) -> None:
    window = bylined_window
    chooser = window.middle.author_filter
    assert chooser.isVisible()
    assert ENTRIES == entries(chooser)
    assert chooser.toolTip().startswith("按作者浏览")
    window.activateWindow()
    window.middle.page_filter.setFocus()
    qtbot.waitUntil(lambda: window.middle.page_filter.hasFocus())
    qtbot.keyClick(window.middle.page_filter, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chooser)
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    assert [FOOD, GRAIN] == listed(window)
    qtbot.waitUntil(shown(window, FOOD))
    assert "列出 2 篇（本期共 5 篇）" == window.statusBar().currentMessage()
    qtbot.keyClick(chooser, Qt.Key.Key_End)  # 未署名
    assert [BOOKS] == listed(window)
    qtbot.waitUntil(shown(window, BOOKS))
    qtbot.keyClick(chooser, Qt.Key.Key_Home)
    assert [FOOD, PARK, GRAIN, BOOKS, HOURS] == listed(window)
    assert "本期共 5 篇" == window.statusBar().currentMessage()
    qtbot.keyClick(chooser, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.middle.table)


@pytest.mark.qt_log_ignore(  # the offscreen platform's words about the popup
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_a_click_on_a_name_in_the_open_chooser_lists_that_person_s_articles(
    qtbot: QtBot, bylined_window: MainWindow
) -> None:
    window = bylined_window
    chooser = window.middle.author_filter
    qtbot.mouseClick(chooser, Qt.MouseButton.LeftButton)
    view = chooser.view()
    qtbot.waitUntil(lambda: view.isVisible())
    assert view.width() >= view.sizeHintForColumn(0)  # the open list shows every entry whole
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # a release this soon only ends the opening click
    rect = view.visualRect(view.model().index(ENTRIES.index("王五（1篇）"), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert "王五（1篇）" == chooser.currentText()
    assert [PARK] == listed(window)
    qtbot.waitUntil(shown(window, PARK))


def test_a_page_and_an_author_together_list_that_person_s_articles_on_that_page(
    qtbot: QtBot, bylined_window: MainWindow
) -> None:
    window = bylined_window
    pages, authors = window.middle.page_filter, window.middle.author_filter
    pages.setFocus()
    qtbot.keyClick(pages, Qt.Key.Key_Down)
    qtbot.keyClick(pages, Qt.Key.Key_Down)
    assert "第2版（3篇）" == pages.currentText()
    assert [GRAIN, BOOKS, HOURS] == listed(window)
    assert ENTRIES == entries(authors)  # the counts stay those of the whole issue
    authors.setFocus()
    qtbot.keyClick(authors, Qt.Key.Key_Down)
    assert [GRAIN] == listed(window)
    qtbot.waitUntil(shown(window, GRAIN))
    qtbot.keyClick(authors, Qt.Key.Key_Down)  # 李四 and 王五 wrote nothing on page 2: skipped
    assert "赵六（1篇）" == authors.currentText()
    assert [HOURS] == listed(window)
    first_page = pages.model().index(1, 0)
    assert not first_page.flags() & Qt.ItemFlag.ItemIsEnabled  # 赵六 is not on page 1: greyed out
    qtbot.keyClick(pages, Qt.Key.Key_Up)  # over 第1版 to 全部版面
    assert "全部版面（5篇）" == pages.currentText()
    assert [HOURS] == listed(window)


def test_another_issue_starts_on_every_article_and_one_naming_nobody_has_no_author_chooser(
    qtbot: QtBot, bylined_window: MainWindow
) -> None:
    window = bylined_window
    window.middle.page_filter.choose(2)
    window.middle.author_filter.choose("张三")
    assert [GRAIN] == listed(window)
    choose_day(window, "2022-07-06")
    assert not window.middle.author_filter.isVisible()
    assert not window.middle.page_filter.isVisible()
    assert [title for title, _body in SECOND_PAGE] == listed(window)
    choose_day(window, "2022-07-05")
    assert 0 == window.middle.page_filter.currentIndex() == window.middle.author_filter.currentIndex()
    assert [FOOD, PARK, GRAIN, BOOKS, HOURS] == listed(window)
    qtbot.waitUntil(shown(window, FOOD))


def test_the_same_issue_read_again_keeps_the_choice_unless_it_hides_the_article_asked_for(
    qtbot: QtBot, bylined_window: MainWindow
) -> None:
    window = bylined_window
    window.middle.author_filter.choose("张三")
    window.navigator.reopen_current()  # what a correction or an outside change does
    assert "张三（2篇）" == window.middle.author_filter.currentText()
    assert [FOOD, GRAIN] == listed(window)
    park = window.session.listed_articles(window.navigator.current_issue_id or 0)[1].id
    window.navigator.open_article(park)  # a bookmark of 王五's article
    assert 0 == window.middle.author_filter.currentIndex()
    assert PARK in listed(window)
    qtbot.waitUntil(shown(window, PARK))


def test_a_day_without_an_issue_leaves_no_chooser_of_the_issue_before(bylined_window: MainWindow) -> None:
    window = bylined_window
    assert window.middle.page_filter.isVisible()
    choose_day(window, "2022-07-04")
    assert "没有" in window.middle.notice_text()
    assert not window.middle.page_filter.isVisible()
    assert not window.middle.author_filter.isVisible()


def test_a_long_name_does_not_widen_the_author_chooser(qtbot: QtBot) -> None:
    chooser = AuthorChooser()
    qtbot.addWidget(chooser)
    chooser.fill([ListedArticle(1, 1, ("张三",)), ListedArticle(2, 1, ("李四",))])
    narrow = chooser.sizeHint().width()
    long_name = "阿卜杜热合曼·买买提依明"
    chooser.fill([ListedArticle(1, 1, (long_name,)), ListedArticle(2, 1, ("李四",))])
    assert f"{long_name}（1篇）" in entries(chooser)
    assert narrow == chooser.sizeHint().width()
    assert chooser.view().minimumWidth() > chooser.fontMetrics().horizontalAdvance(f"{long_name}（1篇）")
    assert chooser.choose(long_name)
    chooser.resize(chooser.sizeHint())
    chooser.show()
    qtbot.waitExposed(chooser)
    painted = QStyleOptionComboBox()
    chooser.initStyleOption(painted)  # what paintEvent draws in the box
    assert painted.currentText.endswith("…") and painted.currentText.startswith("阿卜杜")
    assert not chooser.grab().isNull()


def test_a_chooser_that_hides_on_reading_the_issue_again_lists_every_article(qtbot: QtBot) -> None:
    chooser = AuthorChooser()
    qtbot.addWidget(chooser)
    chooser.fill([ListedArticle(1, 1, ("张三",)), ListedArticle(2, 1, ("李四",))])
    assert chooser.choose("张三")
    chooser.fill([ListedArticle(1, 1, ("张三",)), ListedArticle(2, 1, ())], keep=True)  # 李四 corrected away
    assert chooser.isHidden()
    assert chooser.admits(ListedArticle(2, 1, ()))


def test_both_choosers_fit_in_the_narrowest_middle_column(bylined_window: MainWindow) -> None:
    middle = bylined_window.middle
    assert middle.page_filter.isVisible() and middle.author_filter.isVisible()
    issue_page = middle.widget(0)
    assert issue_page.layout().minimumSize().width() <= middle.minimumWidth()


def test_an_issue_naming_one_person_has_no_author_chooser(qtbot: QtBot) -> None:
    chooser = AuthorChooser()
    qtbot.addWidget(chooser)
    chooser.fill([ListedArticle(1, 1, ("张三",)), ListedArticle(2, 1, ()), ListedArticle(3, 2, ("张三",))])
    assert ["全部作者（3篇）", "张三（2篇）", "未署名（1篇）"] == entries(chooser)
    assert chooser.isHidden()
