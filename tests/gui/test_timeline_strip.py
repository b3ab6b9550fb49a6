"""The keyword timeline in the window: it appears under the count, hovers and clicks like a user's."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from issue_texts import FRONT_PAGE, issue_text, write
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from window_support import commit_text, type_query, wait_for_search

from reader.archive.db import open_archive
from reader.archive.search import search
from reader.archive.timeline import timeline
from reader.gui.main_window import MainWindow
from reader.gui.palette import ISSUE_COLOUR
from reader.gui.search import controller as search_controller
from reader.gui.search.timeline_strip import TimelineStrip

pytestmark = pytest.mark.gui

WORD = "东昌府"  # 2023-06 and 2023-07 in the test corpus


def _expected(db: Path, text: str) -> list[tuple[str, int]]:
    with open_archive(db, readonly=True) as archive:
        return [(p.period, p.count) for p in timeline(archive, text).periods]


def _strip_shown(qtbot: QtBot, window: MainWindow) -> TimelineStrip:
    strip = window.middle.timeline
    qtbot.waitUntil(
        lambda: strip.isVisible() and bool(strip.periods()) and window.search.is_idle(), timeout=30000
    )
    return strip


def _bar_centre(strip: TimelineStrip, period: str) -> QPoint:
    index = [p for p, _ in strip.periods()].index(period)
    rect = strip.bar_rect(index)
    return QPoint(int(rect.center().x()), int(rect.bottom()) - 1)


def test_the_strip_shows_the_hits_per_month_under_the_count(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    type_query(qtbot, corpus_window, WORD)
    strip = _strip_shown(qtbot, corpus_window)
    assert _expected(corpus_db, WORD) == strip.periods()
    assert sum(c for _, c in strip.periods()) == search(open_archive(corpus_db, readonly=True), WORD).total
    label = corpus_window.middle.search_label
    assert label.mapTo(corpus_window, QPoint(0, 0)).y() < strip.mapTo(corpus_window, QPoint(0, 0)).y()
    image = strip.grab().toImage()
    bar = _bar_centre(strip, strip.periods()[0][0])
    assert QColor(ISSUE_COLOUR) == image.pixelColor(bar.x() * image.width() // strip.width(), bar.y())


# The offscreen platform cannot raise the tooltip's window; the tooltip itself is shown.
@pytest.mark.qt_log_ignore("does not support raise", "does not support propagateSizeHints")
def test_hovering_a_bar_names_the_month_and_its_count(qtbot: QtBot, corpus_window: MainWindow) -> None:
    type_query(qtbot, corpus_window, WORD)
    strip = _strip_shown(qtbot, corpus_window)
    period, count = strip.periods()[0]
    pos = _bar_centre(strip, period)
    QApplication.sendEvent(strip, QHelpEvent(QEvent.Type.ToolTip, pos, strip.mapToGlobal(pos)))
    expected = f"{period[:4]}年{int(period[5:])}月：{count} 篇（点击只看这段时间）"
    assert expected == QToolTip.text()


def test_clicking_a_bar_limits_the_search_to_that_month_and_again_clears_it(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    type_query(qtbot, corpus_window, WORD)
    strip = _strip_shown(qtbot, corpus_window)
    everything = corpus_window.search.last_outcome
    assert everything is not None
    period, count = strip.periods()[0]
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=_bar_centre(strip, period))
    bar = corpus_window.search_bar
    qtbot.waitUntil(lambda: bar.chosen_range() is not None)
    wait_for_search(qtbot, corpus_window)
    qtbot.waitUntil(lambda: corpus_window.search.last_outcome.request.date_from is not None, timeout=30000)
    outcome = corpus_window.search.last_outcome
    assert (f"{period}-01", f"{period}-30") == bar.chosen_range()
    assert count == outcome.total
    assert f"找到 {count} 篇" == corpus_window.hit_label.text()
    strip = _strip_shown(qtbot, corpus_window)
    assert period == strip.selected()
    assert len(strip.periods()) > 1  # the strip still shows every month

    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=_bar_centre(strip, period))
    qtbot.waitUntil(lambda: bar.chosen_range() is None)
    qtbot.waitUntil(lambda: corpus_window.search.last_outcome.request.date_from is None, timeout=30000)
    wait_for_search(qtbot, corpus_window)
    assert everything.total == corpus_window.search.last_outcome.total
    assert strip.selected() is None


def test_an_emptied_query_hides_the_strip(qtbot: QtBot, corpus_window: MainWindow) -> None:
    type_query(qtbot, corpus_window, WORD)
    strip = _strip_shown(qtbot, corpus_window)
    qtbot.keyClick(corpus_window.search_bar.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not strip.isVisible())


def test_an_import_while_the_timeline_is_counted_is_in_the_next_strip(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count that was running when an import landed was kept for the query (only the sort
    or the date range changed since): the strip then went on without the imported month until
    the query changed. Here the count is held on its worker until the import has landed; the
    import searches again, and neither the strip nor the cache keeps the held count."""
    counted, release = threading.Event(), threading.Event()
    count_for_real = search_controller.run_timeline

    def held_count(*args: Any, **kwargs: Any) -> Any:
        result = count_for_real(*args, **kwargs)  # the archive as it was before the import
        counted.set()
        release.wait(60)
        return result

    monkeypatch.setattr(search_controller, "run_timeline", held_count)
    commit_text(corpus_window, WORD)
    qtbot.waitUntil(counted.is_set, timeout=30_000)
    dump = write(tmp_path / "in" / "第1版.txt", issue_text(FRONT_PAGE))  # 2022-07-05, 东昌府讯 …
    with qtbot.waitSignal(corpus_window.imports.imported, timeout=60_000):
        assert corpus_window.import_paths([dump])
    monkeypatch.setattr(search_controller, "run_timeline", count_for_real)
    release.set()
    wait_for_search(qtbot, corpus_window)  # the import searched again: a fresh count, not the held one
    strip = _strip_shown(qtbot, corpus_window)
    assert _expected(corpus_db, WORD) == strip.periods()
    assert "2022-07" in [p for p, _ in strip.periods()]

    sort = corpus_window.search_bar.sort
    sort.setCurrentIndex(sort.findData("newest"))  # the same query: the timeline is reused or not
    wait_for_search(qtbot, corpus_window)
    strip = _strip_shown(qtbot, corpus_window)
    assert _expected(corpus_db, WORD) == strip.periods()
    assert "2022-07" in [p for p, _ in strip.periods()]


def _line_painted(strip: TimelineStrip, line: int) -> bool:
    """Something other than the background is painted on text line `line` under the bars."""
    image = strip.grab().toImage()
    scale = image.width() / strip.width()
    top = strip._line_top(line)
    height = strip.fontMetrics().height()
    background = image.pixelColor(image.width() - 1, int((top + height // 2) * scale))
    return any(
        image.pixelColor(x, y) != background
        for y in range(int(top * scale), int((top + height) * scale))
        for x in range(0, image.width() // 2)
    )


def test_hits_in_undated_issues_have_their_own_line_and_the_strip_adds_up_to_the_count(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    type_query(qtbot, corpus_window, "开发区")  # 3 in June 2023, 3 in the undated issue
    strip = _strip_shown(qtbot, corpus_window)
    total = corpus_window.search.last_outcome.total
    assert 3 == strip.undated()
    assert total == sum(c for _, c in strip.periods()) + strip.undated()
    assert "未定日期：3 篇（不在上面的柱中）" == strip.caption_lines()[-1]
    assert strip.height() >= strip._line_top(2)
    assert _line_painted(strip, 1)


def test_a_query_found_only_in_undated_issues_still_shows_its_line(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    type_query(qtbot, corpus_window, "小菜园")
    strip = corpus_window.middle.timeline
    qtbot.waitUntil(lambda: strip.isVisible() and corpus_window.search.is_idle(), timeout=30000)
    assert [] == strip.periods()
    assert corpus_window.search.last_outcome.total == strip.undated() > 0
    assert [f"未定日期：{strip.undated()} 篇（不在上面的柱中）"] == strip.caption_lines()
    assert _line_painted(strip, 0)
