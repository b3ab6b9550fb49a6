"""Fixtures for the GUI tests: offscreen Qt, throw-away settings, archives and a ready window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from archive_helpers import import_at
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.gui.app import open_window, set_application_names
from reader.gui.main_window import MainWindow

# The offscreen platform cannot pass size hints to a window system and says so on every top-level
# window with a minimum size, nor raise one (a dock made to float); that is the test platform
# talking, not a problem of the program. A regular expression.
OFFSCREEN_NOISE = r"does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test starts with empty QSettings in a temporary folder, never the user's own."""
    folder = tmp_path_factory.mktemp("settings")
    set_application_names()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    """Leave no data on the clipboard: the offscreen platform frees it after QApplication is gone,
    which ends the test run in a segmentation fault after every test has passed."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.sqlite3"


@pytest.fixture
def corpus_db(db_path: Path, corpus_dir: Path) -> Path:
    """An archive holding the test corpus, imported through the real importer."""
    report = import_at(db_path, [corpus_dir])
    assert report.failed == []
    return db_path


def make_window(qtbot: QtBot, path: Path, demo_dir: Path | None = None) -> MainWindow:
    window = open_window(path, demo_dir=demo_dir)
    assert window is not None
    qtbot.addWidget(window, before_close_func=lambda w: w.session.close())
    window.show()
    qtbot.waitExposed(window)
    window.start()
    return window


@pytest.fixture
def window_factory(qtbot: QtBot) -> Callable[..., MainWindow]:
    """Opens another window on an archive, as a second start of the program would."""
    return lambda path, demo_dir=None: make_window(qtbot, path, demo_dir)


@pytest.fixture
def corpus_window(qtbot: QtBot, corpus_db: Path) -> MainWindow:
    """The window on the corpus archive, shown and filled."""
    return make_window(qtbot, corpus_db)


@pytest.fixture
def empty_window(qtbot: QtBot, db_path: Path) -> MainWindow:
    """The window on a new, empty archive (no demo import)."""
    return make_window(qtbot, db_path)
