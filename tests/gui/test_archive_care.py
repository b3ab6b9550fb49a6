"""The window looks after the archive: the demo issue marked and removable, conflicts resolved
from the import report, a damaged archive checked and repaired from the menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archive_helpers import import_at
from issue_texts import FRONT_PAGE, SECOND_PAGE, damage_table, issue_text, write
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.archive.search import search
from reader.gui.importing import ReportDialog
from reader.gui.main_window import MainWindow
from reader.gui.reading.pane import DEMO_BANNER
from reader.resources import DEMO, locate

DEMO_DIR = locate(DEMO)


def wait_until_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.importer.running and not window.writer.busy(), timeout=60_000)


def report_of(qtbot: QtBot, window: MainWindow) -> ReportDialog:
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None)
    dialog = window.findChild(ReportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def demo_window(qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path) -> MainWindow:
    window = window_factory(db_path, DEMO_DIR)
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.articles.rowCount() > 0)
    return window


def test_the_demo_issue_says_it_is_a_demo_wherever_it_is_read(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path
) -> None:
    window = demo_window(qtbot, window_factory, db_path)
    shown = window.pane.toPlainText()
    assert DEMO_BANNER[:10] in shown
    assert "演示报纸" in shown and "演示内容" in shown
    assert window.care.remove_demo_action.isVisible()


def test_importing_a_real_issue_takes_the_demo_out(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path, tmp_path: Path
) -> None:
    window = demo_window(qtbot, window_factory, db_path)
    window.import_paths([write(tmp_path / "in" / "第1版.txt", issue_text(FRONT_PAGE))])
    wait_until_idle(qtbot, window)
    report = report_of(qtbot, window)
    assert "已移除演示报纸" in report.text.toPlainText()
    report.reject()
    assert not window.care.remove_demo_action.isVisible()
    assert "演示" not in window.pane.toPlainText()


def test_the_demo_removed_from_the_menu_stays_away_after_a_restart(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path
) -> None:
    window = demo_window(qtbot, window_factory, db_path)
    window.care.remove_demo_action.trigger()
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.articles.rowCount() == 0)
    assert not window.care.remove_demo_action.isVisible()
    window.close()
    again = window_factory(db_path, DEMO_DIR)
    wait_until_idle(qtbot, again)
    assert 0 == again.articles.rowCount()
    assert again.session.is_empty()


def conflict_report(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> ReportDialog:
    """The report of importing a whole issue over its two pages imported before: a conflict."""
    first = write(tmp_path / "dump" / "第1版.txt", issue_text(FRONT_PAGE))
    second = write(tmp_path / "dump" / "第2版.txt", issue_text(SECOND_PAGE, page="第二版"))
    window.import_paths([first, second])
    wait_until_idle(qtbot, window)
    report_of(qtbot, window).reject()
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is None)
    window.import_paths([write(tmp_path / "整期.txt", issue_text(FRONT_PAGE + SECOND_PAGE))])
    wait_until_idle(qtbot, window)
    report = report_of(qtbot, window)
    assert "冲突 1" in report.text.toPlainText() and "第1版.txt" in report.text.toPlainText()
    assert report.replace_button is not None
    return report


def test_a_conflicting_file_is_imported_from_the_report_when_the_user_says_replace(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    report = conflict_report(qtbot, empty_window, tmp_path)
    assert report.replace_button is not None
    report.replace_button.click()
    wait_until_idle(qtbot, empty_window)
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None)
    assert "新导入 1" in report_of(qtbot, empty_window).text.toPlainText()
    with open_archive(empty_window.session.path, readonly=True) as archive:
        assert 1 == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        assert 4 == archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_a_replace_asked_while_another_import_runs_is_refused_aloud_and_the_report_stays(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    """The report's buttons start their import as 导入文件… does: one import at a time, with
    the status bar saying why not; they used to call the importer directly and do nothing."""
    window = empty_window
    report = conflict_report(qtbot, window, tmp_path)
    assert report.replace_button is not None
    long_file = write(tmp_path / "long" / "long.txt", "东昌时讯\n\n2022年7月5日\n\n" + "网格员\n" * 400_000)
    assert window.importer.start([long_file], quiet=True)

    report.replace_button.click()
    assert "正在导入，请等当前导入结束" == window.statusBar().currentMessage()
    assert report.isVisible()  # the choice is still there to make once the import is done
    wait_until_idle(qtbot, window)
    report.replace_button.click()
    qtbot.waitUntil(lambda: not report.isVisible())
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) not in (None, report))
    assert "新导入 1" in report_of(qtbot, window).text.toPlainText()


def damaged_archive(tmp_path: Path, table: str) -> Path:
    """An archive of the front page whose `table` has a bad page."""
    path = tmp_path / "archive.sqlite3"
    assert import_at(path, [write(tmp_path / "in" / "第1版.txt", issue_text(FRONT_PAGE))]).ok
    damage_table(path, table)
    return path


def test_a_damaged_archive_is_repaired_from_the_menu(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    path = damaged_archive(tmp_path, "search_chars_data")
    window = window_factory(path)
    window.care.repair_action.trigger()
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "archiveCareMessage") is not None)
    message = window.findChild(QMessageBox, "archiveCareMessage")
    assert "已修复" in message.text() and "3 篇文章" in message.text()
    message.accept()
    assert 3 == window.articles.rowCount()
    with open_archive(path, readonly=True) as archive:
        assert 1 == search(archive, "幸福食堂").total


def test_an_import_stopped_by_damage_offers_the_repair(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = window_factory(damaged_archive(tmp_path, "search_words_data"))
    window.import_paths([write(tmp_path / "in" / "第2版.txt", issue_text(SECOND_PAGE, page="第二版"))])
    wait_until_idle(qtbot, window)
    report = report_of(qtbot, window)
    assert "修复" in report.text.toPlainText()
    assert report.repair_button is not None
    report.repair_button.click()
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "archiveCareMessage") is not None)
    assert "已修复" in window.findChild(QMessageBox, "archiveCareMessage").text()


def test_a_search_in_a_damaged_archive_says_so_in_chinese(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = window_factory(damaged_archive(tmp_path, "search_chars_data"))
    window.search_bar.field.setText("幸福食堂")
    window.search.run_now()
    qtbot.waitUntil(lambda: "检索出错" in window.middle.search_label.text(), timeout=30_000)
    label = window.middle.search_label.text()
    assert "损坏" in label and "修复" in label
    assert "malformed" not in label


def test_cancel_in_the_import_dialog_stops_a_long_file(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    long_file = write(tmp_path / "long.txt", "东昌时讯\n\n2022年7月5日\n\n" + "网格员\n" * 1_500_000)
    empty_window.import_paths([long_file])
    qtbot.waitUntil(lambda: empty_window.importer.running)
    qtbot.wait(300)
    empty_window.importer.cancel()
    wait_until_idle(qtbot, empty_window)
    report = report_of(qtbot, empty_window)
    assert "导入已取消" in report.text.toPlainText()
    with open_archive(empty_window.session.path, readonly=True) as archive:
        assert 0 == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]


def test_bookmarks_on_the_demo_leave_the_panel_when_a_real_import_removes_it(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path, tmp_path: Path
) -> None:
    window = demo_window(qtbot, window_factory, db_path)
    window.bookmarks.star.action.trigger()
    wait_until_idle(qtbot, window)
    panel = window.bookmarks.panel
    qtbot.waitUntil(lambda: 1 == panel.model.rowCount())
    window.import_paths([write(tmp_path / "in" / "第1版.txt", issue_text(FRONT_PAGE))])
    wait_until_idle(qtbot, window)
    report_of(qtbot, window).reject()
    assert 0 == panel.model.rowCount()
