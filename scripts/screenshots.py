"""Screenshots of the window as a user sees it, on the corpus, at a large and a small screen size:
the issue view, its list narrowed to one author with the author chooser open over it, a search,
the issue view with the 书签 panel open (two bookmarks, one note), and
the views issue 23 asked to see: find in the article, the search history's drop-down, several
results chosen for a clippings book, the note editor, the naming dialog of an undated issue and
that issue named by the user (its list, and a search finding it), the user guide.

Run under a virtual screen so the real platform plugin (xcb) and real fonts are used:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py OUT_DIR

Writes OUT_DIR/<view>-{1600x1000,1024x700}.png and prints each path with the
size the window really took (a pane's minimum width can make it wider than asked); look at
them after any change to the window.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from collections.abc import Callable

from PySide6.QtCore import QDate, QItemSelectionModel, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from reader.archive.db import open_archive
from reader.archive.importer import import_paths
from reader.archive.issue_names import IssueNames
from reader.gui.app import application, open_window
from reader.gui.bookmarks.note_dialog import NoteDialog
from reader.gui.help.guide import GuideDialog, show_guide
from reader.gui.issue_dates.dialog import IssueNamesDialog
from reader.gui.main_window import MainWindow
from reader.gui.middle.list_filter import ALL

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def wait(app: QApplication, ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def search(app: QApplication, window: MainWindow, query: str) -> None:
    """Type `query` into the search box, run it, and wait (up to 15 s) for its results."""
    window.search_bar.field.setText(query)
    window.search.run_now()
    for _ in range(300):
        wait(app, 50)
        if window.search.is_idle() and window.search.last_outcome:
            break


SIZES = ((1600, 1000), (1024, 700))


def shoot(
    app: QApplication, db: Path, out: Path, size: tuple[int, int], args: argparse.Namespace
) -> list[str]:
    """One window at `size`: the issue, the search, then the issue with the 书签 panel open."""
    window = open_window(db)
    assert window is not None
    window.resize(*size)
    window.show()
    window.start()
    wait(app, 500)
    day = QDate.fromString(args.date, "yyyy-MM-dd")
    window.calendar.calendar.setSelectedDate(day)
    window.calendar.calendar.clicked.emit(day)
    window.middle.select_article_row(1)
    wait(app, 300)
    tag = f"{size[0]}x{size[1]}"
    shots: list[str] = []

    def save(name: str) -> None:
        path = out / f"{name}-{tag}.png"
        window.grab().save(str(path))
        shots.append(f"{path}  (window {window.width()}×{window.height()})")

    save("issue")
    author_views(app, window, save, out / f"author-filter-open-{tag}.png")
    search(app, window, args.query)
    window.middle.open_result(0)
    wait(app, 300)
    save("search")
    window.search_bar.field.clear()
    window.navigator.back_to_issue()
    for row in (1, 2):
        window.middle.select_article_row(row)
        window.bookmarks.star.action.trigger()
        wait(app, 300)
    panel = window.bookmarks.panel
    panel.model.setData(panel.model.index(0, 3), "开会时引用这一段")
    if not window.bookmarks.dock.isVisible():
        window.bookmarks.toggle_dock.trigger()
    wait(app, 500)
    save("bookmarks")
    extra_views(app, window, save, args)
    window.close()
    window.session.close()
    return shots


def author_views(app: QApplication, window: MainWindow, save: Callable[[str], None], opened: Path) -> None:
    """The issue's list narrowed to the author of most of its articles (browse by author), then the author
    chooser open over it (grabbed from the screen: the open list is a window of its own); the
    list is back on 全部作者 afterwards."""
    chooser = window.middle.author_filter
    groups = chooser.groups()
    if not chooser.isVisible() or not groups:
        return
    chooser.choose(groups[0])
    wait(app, 300)
    save("author-filter")
    chooser.showPopup()
    wait(app, 400)
    frame = window.frameGeometry()
    screen = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    screen.save(str(opened))
    chooser.hidePopup()
    chooser.choose(ALL)
    wait(app, 200)


def shot_of_dialog(app: QApplication, window: QWidget, kind: type[QWidget], path: Path) -> None:
    """The dialog of `kind` the window has open, on its own."""
    wait(app, 400)
    dialog = window.findChild(kind)
    if dialog is not None:
        dialog.grab().save(str(path))
        dialog.close()


def extra_views(
    app: QApplication, window: MainWindow, save: Callable[[str], None], args: argparse.Namespace
) -> None:
    """Find in the article, the history drop-down, several results chosen, the note editor, the
    date dialog of an undated issue, the user guide (dialogs grabbed on their own)."""
    window.bookmarks.dock.hide()
    window.middle.select_article_row(1)
    window.pane.setFocus()
    window.find_bar.open()
    window.find_bar.field.setText(args.find)
    wait(app, 300)
    save("find")
    window.find_bar.close_bar()
    window.search_history.remember(args.query)
    window.search_history.remember("东昌府")
    window.search_history.show_all()
    wait(app, 300)
    popup = QApplication.activePopupWidget()
    save("history")
    if popup is not None:
        popup.grab().save(str(Path(args.out) / f"history-popup-{window.width()}.png"))
        popup.close()
    search(app, window, args.query)
    view = window.middle.result_view
    flags = QItemSelectionModel.SelectionFlag.Select
    for row in range(min(3, window.search.model.rowCount())):
        view.selectionModel().select(window.search.model.index(row, 0), flags)
    wait(app, 300)
    save("several-results")
    window.leave_search()
    window.bookmarks.toggle_dock.trigger()
    window.bookmarks.panel.view.selectRow(0)
    window.bookmarks.panel.edit_note()
    shot_of_dialog(app, window, NoteDialog, Path(args.out) / f"note-editor-{window.width()}.png")
    undated = window.calendar.undated_model
    if undated.rowCount():
        issue_id = undated.issue_at(0).id
        window.navigator.open_issue(issue_id)
        window.ask_issue_date(issue_id)
        shot_of_dialog(app, window, IssueNamesDialog, Path(args.out) / f"date-dialog-{window.width()}.png")
        name_undated(app, window, issue_id, save)
    show_guide(window)
    shot_of_dialog(app, window, GuideDialog, Path(args.out) / f"guide-{window.width()}.png")


NAMED = IssueNames(publication="今日开发区", date="2019-08-28", number=1234, page=2)


def name_undated(app: QApplication, window: MainWindow, issue_id: int, save: Callable[[str], None]) -> None:
    """An undated issue named by the user (设定报名和日期…): its heading, list and reading pane
    by paper, date and number; then the same issue in a search's results and the bookmarks."""
    window.issue_dates.assign_names(issue_id, NAMED)
    for _ in range(200):
        wait(app, 50)
        if not window.writer.busy() and window.session.issue(issue_id).user_date:
            break
    window.navigator.open_issue(issue_id)
    window.middle.select_article_row(0)
    wait(app, 400)
    save("named-undated")
    search(app, window, "开发区")
    save("named-undated-search")
    window.leave_search()


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("out", type=Path)
    parser.add_argument("--query", default="幸福食堂")
    parser.add_argument("--find", default="食堂", help="what to find in the article shown")
    parser.add_argument("--date", default="2022-07-05", help="the issue to show")
    parser.add_argument(
        "--db", type=Path, help="shoot this archive (a copy of it) instead of one made from the corpus"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="archive-shots-"))
    app = application([])
    shots: list[str] = []
    for size in SIZES:
        db = work / f"archive-{size[0]}.sqlite3"
        if args.db is not None:
            shutil.copyfile(args.db, db)
        else:
            with open_archive(db) as archive:
                import_paths(archive, [CORPUS])
        QSettings.setPath(
            QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work / f"settings-{size[0]}")
        )
        shots.extend(shoot(app, db, args.out, size, args))
    print("\n".join(shots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
