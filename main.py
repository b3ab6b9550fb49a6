"""Double-click entry: start Archive Reader (报刊档案阅读器) on the default archive.

An optional argument names another archive file: `python main.py path/to/archive.sqlite3`.
`python main.py --self-test` checks the installation instead (the CLI's `self-test`).
Also the script of the bundled program's window, ArchiveReader(.exe) (bundle/ArchiveReader.spec).
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.gui.app import run


def self_test() -> int:
    """The CLI's self-test, printed; in a message box when there is no console to print to.

    The bundled ArchiveReader.exe is a windowed program: started from Explorer, a shortcut or
    the Run box it has no console and sys.stdout is None, so the report would vanish. Staff
    have no command line, so there it is shown in a window, its text selectable for a report.
    """
    from reader.cli import main as command_line

    if sys.stdout is not None:
        return command_line(["self-test"])
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from reader.gui.app import application

    app = application()
    report = io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.redirect_stderr(report):
        status = command_line(["self-test"])
    icon = QMessageBox.Icon.Information if status == 0 else QMessageBox.Icon.Warning
    box = QMessageBox(icon, "自检", report.getvalue().rstrip())
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    del app
    return status


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
