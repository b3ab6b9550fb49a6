"""Starting the window from a command line, a double-click or the bundled ArchiveReader(.exe).

One reading of the arguments for every way the window is started (main.py, the console script
archive-reader-gui, the bundle): none, the default archive; one path, that archive; --self-test,
the installation check; --help, the usage. Anything else starting with "-" is refused instead of
being taken for an archive file name (ArchiveReader --help once created a file named --help).
A windowed program has no console (sys.stdout is None), so what it says is shown in a box then.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

USAGE = (
    "用法：ArchiveReader [档案文件或共享文件夹]\n"
    "  不带参数：打开默认档案\n"
    "  档案文件：打开这个档案（.sqlite3）\n"
    "  共享文件夹：打开档案员发布在那里的最新档案（只读），有新版本时自动换上\n"
    "  --self-test：检查安装是否完整（出问题时先运行它）\n"
    "  --help：显示这段说明"
)


def _say(text: str, ok: bool) -> None:
    """Print, or show in a box when there is no console to print to."""
    if sys.stdout is not None:
        print(text, file=sys.stdout if ok else sys.stderr)
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from reader.gui.app import application

    app = application()
    icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
    box = QMessageBox(icon, "报刊档案阅读器", text)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names given as arguments, paths
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    del app


def _captured(command: Callable[[], int]) -> tuple[int, str]:
    report = io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.redirect_stderr(report):
        status = command()
    return status, report.getvalue().rstrip()


def self_test() -> int:
    """The CLI's self-test; in a box when started without a console (staff have no command line)."""
    from reader.cli import main as command_line

    if sys.stdout is not None:
        return command_line(["self-test"])
    status, report = _captured(lambda: command_line(["self-test"]))
    _say(report, status == 0)
    return status


def main(argv: list[str] | None = None) -> int:
    """Start the window as the arguments say; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--self-test"]:
        return self_test()
    if args and args[0] in ("--help", "-h", "/?"):
        _say(USAGE, True)
        return 0
    if len(args) > 1 or (args and args[0].startswith("-")):
        _say(f"无法识别的参数：{' '.join(args)}\n\n{USAGE}", False)
        return 2
    from reader.gui.app import run

    return run(Path(args[0]) if args else None)
