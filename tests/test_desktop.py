"""`install-desktop`: a menu entry that starts this installation, and the icon, in the XDG data folder."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.desktop import exec_argument, instructions
from reader.resources import ICON, locate

REPO = Path(__file__).resolve().parents[1]


def install_desktop(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        [sys.executable, "-m", "reader", "install-desktop", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_desktop_writes_an_entry_that_starts_this_installation(tmp_path: Path) -> None:
    done = install_desktop(data_home=tmp_path)
    assert 0 == done.returncode, done.stderr
    entry = read_entry(tmp_path / "applications" / "archive-reader.desktop")
    command = Path(entry["Exec"])
    assert "archive-reader-gui" == command.name and os.access(command, os.X_OK)
    assert Path(sys.executable).parent == command.parent
    assert entry["Exec"] == entry["TryExec"]
    assert ("报刊档案阅读器", "archive-reader") == (entry["Name[zh_CN]"], entry["Icon"])


def test_install_desktop_puts_the_shipped_icon_where_the_menu_looks_for_it(tmp_path: Path) -> None:
    assert 0 == install_desktop(data_home=tmp_path).returncode
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "archive-reader.svg"
    assert locate(ICON).read_bytes() == icon.read_bytes()


def test_remove_takes_entry_and_icon_out_of_the_menu(tmp_path: Path) -> None:
    assert 0 == install_desktop(data_home=tmp_path).returncode
    done = install_desktop("--remove", data_home=tmp_path)
    assert 0 == done.returncode
    assert 2 == done.stdout.count("已删除：")
    assert [] == [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_command_path_with_spaces_is_quoted_as_the_desktop_entry_spec_says() -> None:
    command = Path("/home/li ming/.venv/bin/archive-reader-gui")
    assert '"/home/li ming/.venv/bin/archive-reader-gui"' == exec_argument(command)


def test_a_dollar_in_the_command_path_is_escaped_inside_the_quotes() -> None:
    # \$ inside the quotes, and that backslash escaped once more because the value is a string
    assert r'"/opt/a\\$b/archive-reader-gui"' == exec_argument(Path("/opt/a$b/archive-reader-gui"))


def test_a_percent_in_the_command_path_is_doubled() -> None:
    assert "/opt/100%%/archive-reader-gui" == exec_argument(Path("/opt/100%/archive-reader-gui"))


def test_on_windows_it_says_how_to_make_a_shortcut_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert 0 == main(["install-desktop"])
    assert "发送到 → 桌面快捷方式" in capsys.readouterr().out
    assert [] == list(tmp_path.iterdir())


def test_on_macos_it_says_to_start_the_program_from_a_terminal() -> None:
    assert "终端里运行 archive-reader-gui" in instructions("darwin", None)
