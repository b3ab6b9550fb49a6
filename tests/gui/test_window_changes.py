"""Each kind of change reaches exactly the parts of the window that show it (issue 25 item 3).

Every operation announces one Changes value on the window's ChangeBus; each part subscribes and
decides itself what to read again. Driven through the real operations in the real window, on an
archive holding a dated issue, an undated one and the demo, with a correction on the undo stack
and a search's results in front: a bookmark re-runs no search, a correction reads no schedule of
missing issues again, and only the archive replaced (the demo removed) forgets the undo steps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from correction_support import FIRST, write_issue
from issue_texts import SECOND_PAGE, issue_text, write
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from window_support import commit_chars, type_query

from reader.gui.importing import ReportDialog
from reader.gui.main_window import MainWindow
from reader.gui.operations import Changes
from reader.resources import DEMO, locate

pytestmark = pytest.mark.gui

UNDATED = "区图书馆举办读书会\n\n东昌府讯 读书会在区图书馆举行，六十余名读者参加。\n\n（融媒体 某某）\n"
EVERY_PART = {"search", "lists", "missing", "span", "care", "bookmarks", "access", "undo forgotten"}


@pytest.fixture
def archive(db_path: Path, tmp_path: Path) -> Path:
    """A dated issue, an undated one, and the demo (imported as the first start does)."""
    undated = write(tmp_path / "undated" / "003_5402ef8479b560aa.txt", UNDATED)
    assert import_at(db_path, [write_issue(tmp_path / "dump"), undated]).ok
    assert import_at(db_path, [locate(DEMO)], demo=True).ok
    return db_path


@pytest.fixture
def window(qtbot: QtBot, archive: Path, window_factory: Callable[..., MainWindow]) -> MainWindow:
    """The dated issue's first article read, corrected once (an undo step), then searched for."""
    window = window_factory(archive)
    qtbot.waitUntil(lambda: not window.missing_issues.loading() and not window.care.checking())
    issue = next(i for i in window.session.issues_on("2022-07-05"))
    window.navigator.open_issue(issue.id)
    assert window.pane.record is not None and FIRST == window.pane.record.headline
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        window.corrections.caption_action.trigger()
    type_query(qtbot, window, "幸福食堂")
    assert window.middle.showing_search() and 1 == window.corrections.stack.count()
    assert window.care.remove_demo_action.isVisible()
    return window


def watch(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count each part's reading again, the parts still doing it (a spy that calls through)."""
    counts: Counter[str] = Counter()
    parts = {
        "search": (window.search, "archive_changed"),
        "lists": (window.navigator, "refresh_lists"),
        "missing": (window.missing_issues, "reload"),
        "span": (window, "_offer_date_span"),
        "care": (window.care, "refresh"),
        "bookmarks": (window.bookmarks, "reload"),
        "access": (window.read_only, "apply"),
    }
    for name, (owner, method) in parts.items():
        original = getattr(owner, method)

        def spy(*args: object, _name: str = name, _original: Callable[..., None] = original) -> None:
            counts[_name] += 1
            _original(*args)

        monkeypatch.setattr(owner, method, spy)
    return counts


def bookmark(qtbot: QtBot, window: MainWindow, _tmp: Path) -> None:
    with qtbot.waitSignal(window.bookmarks.store.written, timeout=30_000):
        window.bookmarks.star.action.trigger()


def undo_correction(qtbot: QtBot, window: MainWindow, _tmp: Path) -> None:
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        window.corrections.undo_action.trigger()


def date_undated_issue(qtbot: QtBot, window: MainWindow, _tmp: Path) -> None:
    undated = window.session.undated_issues()
    assert 1 == len(undated)
    with qtbot.waitSignal(window.issue_dates.dated, timeout=30_000):
        window.assign_issue_date(undated[0].id, "2022-07-04")


def add_word(qtbot: QtBot, window: MainWindow, _tmp: Path) -> None:
    window.dictionary.action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "dictionaryDialog") is not None)
    dialog = window.findChild(QDialog, "dictionaryDialog")
    commit_chars(dialog.findChild(QLineEdit, "wordEdit"), "江明远")
    with qtbot.waitSignal(window.dictionary.changed, timeout=30_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "addWord"), Qt.MouseButton.LeftButton)
    dialog.reject()


def import_page(qtbot: QtBot, window: MainWindow, tmp: Path) -> None:
    page = write(tmp / "in" / "第2版.txt", issue_text(SECOND_PAGE, page="第二版"))
    with qtbot.waitSignal(window.imports.imported, timeout=60_000):
        window.import_paths([page])
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None)
    window.findChild(ReportDialog).reject()


def remove_demo(qtbot: QtBot, window: MainWindow, _tmp: Path) -> None:
    with qtbot.waitSignal(window.care.latest_requested, timeout=30_000):
        window.care.remove_demo_action.trigger()


@pytest.mark.parametrize(
    ("operation", "announced", "parts"),
    [
        (bookmark, Changes(bookmarks=True), set()),
        (undo_correction, Changes(articles=True), {"search", "lists", "bookmarks"}),
        (
            date_undated_issue,
            Changes(issues=True),
            {"search", "lists", "missing", "span", "care", "bookmarks"},
        ),
        (add_word, Changes(dictionary=True), {"search"}),
        (
            import_page,
            Changes(issues=True, articles=True),
            {"search", "lists", "missing", "span", "care", "bookmarks"},
        ),
        (
            remove_demo,
            Changes(issues=True, articles=True, bookmarks=True, archive_replaced=True),
            EVERY_PART,
        ),
    ],
    ids=["bookmark", "correction undone", "date", "dictionary word", "import", "demo removed"],
)
def test_each_change_reaches_exactly_the_parts_that_show_it(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    operation: Callable[[QtBot, MainWindow, Path], None],
    announced: Changes,
    parts: set[str],
) -> None:
    told: list[Changes] = []
    window.changes.changed.connect(told.append)
    counts = watch(window, monkeypatch)
    generation = window.search.generation

    operation(qtbot, window, tmp_path)

    assert [announced] == told
    forgotten = {"undo forgotten"} if 0 == window.corrections.stack.count() else set()
    assert parts == set(counts) | forgotten
    assert all(1 == n for n in counts.values()), counts
    assert ("search" in parts) == (generation != window.search.generation)  # searched again, or not
    qtbot.waitUntil(lambda: window.search.is_idle() and not window.missing_issues.loading())


def test_the_search_in_front_is_run_again_when_a_word_changes_how_it_cuts(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A name added to the dictionary changes what a query's words are: the results in front
    are searched again (they were left as they were before the dictionary was a change)."""
    with qtbot.waitSignal(window.search.finished, timeout=30_000) as finished:
        add_word(qtbot, window, tmp_path)
    assert finished.args is not None and finished.args[0].request.text == "幸福食堂"
