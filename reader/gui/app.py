"""Start the desktop program: names for QSettings first, then the archive, then the window.

The window is shown before anything heavy: jieba loads only when the first search runs (on a
worker), and the initial queries are one month of dates and one issue's article ids. Known
archive problems (damaged, read-only, newer version) become a Chinese message box naming the
file, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.archive.errors import ArchiveError
from reader.export.fonts import with_simplified_chinese
from reader.gui.plain import literal
from reader.gui.translations import CHINA, MissingQtWords, qt_translator
from reader.resources import DEMO, ICON, USER_DICTIONARY, WORD_LIST, MissingResource, locate

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

ORGANIZATION = "ArchiveReader"
APPLICATION = "ArchiveReader"
DISPLAY_NAME = "报刊档案阅读器"


def set_application_names() -> None:
    """Must run before the first QSettings() is made anywhere."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def use_chinese(app: QApplication) -> None:
    """Chinese month and day names, Qt's own buttons (确定, 取消) in Chinese, and Chinese drawn
    in a Simplified-Chinese cut where the system would take a Japanese one.

    The translators are parented to the application so they live as long as it does.
    """
    QLocale.setDefault(CHINA)
    app.setFont(with_simplified_chinese(app.font()))
    translator = qt_translator(app)
    if translator is not None:
        app.installTranslator(translator)
        app.installTranslator(MissingQtWords(app))  # the last installed is asked first


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (existing one reused), named and in Chinese; `run` adds the window icon."""
    set_application_names()
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv)
    )
    app.setApplicationDisplayName(DISPLAY_NAME)
    use_chinese(app)
    return app


def open_window(
    db_path: Path, demo_dir: Path | None = None, warm_up_ms: int | None = 1500
) -> MainWindow | None:
    """Open the archive and build the window (not shown yet); None after telling the user why not.

    `demo_dir`: the demo issue to import on first start (None: none; `run` passes the shipped one).
    `warm_up_ms`: load the search engine's word list this long after `start()` (None: on first search).
    """
    from reader.gui.main_window import MainWindow
    from reader.gui.session import ArchiveSession

    session = ArchiveSession(db_path)
    try:
        try:
            session.open()
        except ArchiveError as err:
            if err.kind != "outdated":
                raise
            upgrade_with_progress(db_path)
            session.open()
        return MainWindow(session, demo_dir, warm_up_ms)
    except ArchiveError as err:
        session.close()
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "无法打开档案"),
            literal(QCoreApplication.translate("app", "无法打开档案文件：\n{0}").format(str(err))),
        )
        return None


def upgrade_with_progress(db_path: Path) -> None:
    """Bring an older archive's schema up to date in the writer's turn, behind the one progress dialog.

    Called when opening read-only said "outdated", so the normal start opens the file once.
    There is no window yet: the operation has no parent, and a local event loop keeps the dialog
    painted until the upgrade is done.

    Raises what the upgrade raised, here on the GUI thread: an ArchiveError (Chinese message)
    for the caller to show, anything else as the bug it is. The dialog has no cancel button: the
    upgrade is one transaction, and leaving it half done would only mean doing it again at the
    next start.
    """
    from reader.gui.operations import ArchiveWriter, DetachedOp, OpProgress
    from reader.gui.session import prepare_archive

    def upgrade(_progress: OpProgress) -> BaseException | None:
        try:
            prepare_archive(db_path)
        except BaseException as err:  # raised again below, on the caller's stack
            return err
        return None

    outcome: list[BaseException | None] = []
    loop = QEventLoop()

    def ended(error: BaseException | None) -> None:
        outcome.append(error)
        loop.quit()

    writer = ArchiveWriter(lambda: db_path, name="upgrade")
    op = DetachedOp(parent=None, writer=writer, op=upgrade).success(ended)
    op.with_progress(
        QCoreApplication.translate("app", "正在升级档案“{0}”的检索索引，请稍候……").format(db_path.name),
        title=QCoreApplication.translate("app", "升级档案"),
        name="upgradeProgress",
        cancellable=False,
        modality=Qt.WindowModality.ApplicationModal,
        show_after_ms=0,
    )
    op.run_in_background()
    if not outcome:
        loop.exec()
    writer.shutdown()
    if outcome[0] is not None:
        raise outcome[0]


def startup_location() -> tuple[Path, str]:
    """What a start without arguments opens, and a note for the status bar: $ARCHIVE_READER_DB
    if set, else the shared folder this user chose with 打开共享档案… while it holds a published
    archive, else the user's own archive (with a note when the shared folder cannot be reached
    just now: the choice stays, and the next start tries it again)."""
    from reader.archive.paths import ENV_VAR, default_archive_path
    from reader.archive.snapshots import is_published_folder
    from reader.gui.settings import Settings

    shared = Settings().shared_folder
    if not shared or os.environ.get(ENV_VAR):
        return default_archive_path(), ""
    if is_published_folder(Path(shared)):
        return Path(shared), ""
    note = QCoreApplication.translate("app", "共享档案 {0} 现在打不开（网络或共享有问题？），先打开本机档案")
    return default_archive_path(), note.format(shared)


def run(db_path: Path | None = None) -> int:
    """Run the program on `db_path` (default: the user's archive); returns the exit code.

    A file missing from the installation (user dictionary, word list, demo, icon) is a message box naming
    it and exit code 1: without the dictionary searches rank differently, without the demo the
    first start is empty, and either means the installation is broken.
    """
    set_application_names()
    app = application()
    try:
        locate(USER_DICTIONARY)
        locate(WORD_LIST)
        demo_dir = locate(DEMO)
        icon = locate(ICON)
    except MissingResource as err:
        QMessageBox.critical(None, QCoreApplication.translate("app", "安装不完整"), literal(str(err)))
        return 1
    app.setWindowIcon(QIcon(str(icon)))
    location, note = (Path(db_path), "") if db_path is not None else startup_location()
    window = open_window(location, demo_dir)
    if window is None:
        return 1
    window.show()
    QTimer.singleShot(0, window.start)
    if note:
        QTimer.singleShot(0, lambda: window.statusBar().showMessage(note, 15_000))
    code = app.exec()
    window.session.close()
    return int(code)
