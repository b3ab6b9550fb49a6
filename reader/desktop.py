"""A menu entry and icon for the desktop (Linux, freedesktop.org), written for this installation.

Staff start the program from the applications menu, not from a terminal. resources/ ships the
entry (archive-reader.desktop) with `Exec=archive-reader-gui`, which works only when that
command is on PATH; a virtual environment's is not. So the entry is written at install time
with the absolute path of this installation's `archive-reader-gui` (and the same as TryExec, so
the menu hides the entry once that installation is gone). Entry and icon go to the user's XDG
data folder ($XDG_DATA_HOME, else ~/.local/share): applications/ and
icons/hicolor/scalable/apps/, where every freedesktop menu looks. Nothing is run (no
update-desktop-database): menus notice new entries by themselves.

Windows and macOS have no such menu folder; `instructions` says what to do there instead.
Pure Python: no Qt, no SQLite.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.resources import DESKTOP_ENTRY, ICON, is_frozen, locate

APP_ID = "archive-reader"
GUI_COMMAND = "archive-reader-gui"
# The window program of the standalone build (bundle/contents.py GUI_NAME).
BUNDLED_GUI = "ArchiveReader"
# Characters that make the Desktop Entry spec require a quoted argument in Exec.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class MenuFiles:
    """Where the entry and the icon go (or went)."""

    entry: Path
    icon: Path


def menu_files(data_home: Path | None = None) -> MenuFiles:
    """The two files in `data_home` (default: the user's XDG data folder)."""
    home = data_home if data_home is not None else platformdirs.user_data_path()
    return MenuFiles(
        entry=home / "applications" / f"{APP_ID}.desktop",
        icon=home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    )


def gui_command() -> Path | None:
    """This installation's `archive-reader-gui`: beside this Python (venv, pipx) or in the user's
    scripts folder (pip --user); None when the program was never installed with pip.

    In the standalone program (PyInstaller) it is the window program beside the console one
    this runs as: ArchiveReader in dist/ArchiveReader/.
    """
    suffix = ".exe" if sys.platform == "win32" else ""
    if is_frozen():
        bundled = Path(sys.executable).with_name(f"{BUNDLED_GUI}{suffix}")
        return bundled if bundled.is_file() else None
    for scheme in (sysconfig.get_default_scheme(), f"{os.name}_user"):
        folder = Path(sysconfig.get_path("scripts", scheme))
        candidate = folder / f"{GUI_COMMAND}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def exec_argument(path: Path) -> str:
    """`path` as one argument of an Exec line: quoted and escaped as the Desktop Entry spec says."""
    text = str(path).replace("%", "%%")
    if not _RESERVED.intersection(text):
        return text
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in text)
    # The value as a whole is a string too: its backslashes are escaped once more.
    return '"' + quoted.replace("\\", "\\\\") + '"'


def entry_text(template: str, command: Path) -> str:
    """The shipped entry with Exec (and TryExec) naming `command`; every other key kept."""
    lines: list[str] = []
    for line in template.splitlines():
        if line.startswith("TryExec="):
            continue
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_argument(command)}")
            lines.append("TryExec=" + str(command).replace("\\", "\\\\"))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def install(command: Path, data_home: Path | None = None) -> MenuFiles:
    """Write the entry and copy the icon; returns where they went. OSError if they cannot be written."""
    files = menu_files(data_home)
    template = locate(DESKTOP_ENTRY).read_text(encoding="utf-8")
    files.entry.parent.mkdir(parents=True, exist_ok=True)
    files.entry.write_text(entry_text(template, command), encoding="utf-8")
    files.icon.parent.mkdir(parents=True, exist_ok=True)
    files.icon.write_bytes(locate(ICON).read_bytes())
    return files


def remove(data_home: Path | None = None) -> list[Path]:
    """Delete the entry and the icon; returns those that were there."""
    files = menu_files(data_home)
    removed = []
    for path in (files.entry, files.icon):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def instructions(platform: str, command: Path | None) -> str:
    """What to do instead on a system without a freedesktop menu (Windows, macOS), in Chinese."""
    where = f"（{command}）" if command is not None else ""
    if platform == "win32" and command is not None and command.stem == BUNDLED_GUI:
        return (
            f"Windows 上不需要这一步：要在桌面上放一个图标，请在 {command} 上点右键，"
            "选“发送到 → 桌面快捷方式”。"
        )
    if platform == "win32":
        return (
            "Windows 上不需要这一步：双击仓库里的 scripts\\run.bat 即可启动。"
            f"要在桌面上放一个图标，请在 archive-reader-gui.exe{where}或 run.bat 上点右键，"
            "选“发送到 → 桌面快捷方式”。"
        )
    if platform == "darwin":
        return (
            f"macOS 上还没有 .app 程序包：请在终端里运行 archive-reader-gui{where}，"
            "或在仓库里运行 bash scripts/run.sh。"
        )
    return f"这个系统（{platform}）没有 freedesktop 菜单，请直接运行 archive-reader-gui{where}。"
