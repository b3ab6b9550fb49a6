"""Control characters in file names and headlines reach the terminal escaped (issue 21, item 11).

A terminal obeys what it prints: `ESC]0;…BEL` retitles the window, other sequences move the
cursor or rewrite lines. The command line shows them as visible escapes instead, in every output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_support import JULY_HEADLINE, JULY_ISSUE, run_cli

from reader.commands._terminal import escape_controls

TITLE = "\x1b]0;被改的标题\x07"  # xterm's "set window title"
HEADLINE = f"江绍华督导{TITLE}调研幸福\u202e食堂"
RAW = (b"\x1b", b"\x07", "\u202e".encode())
posix_names = pytest.mark.skipif(sys.platform == "win32", reason="Windows file names hold no controls")


def assert_no_raw_controls(output: bytes) -> None:
    assert not any(raw in output for raw in RAW), output.decode("utf-8", "replace")


def test_controls_become_visible_escapes_and_newlines_and_tabs_stay() -> None:
    text = "a\x1b[2Jb\x07\tc\nd\re\x85f\u202eg\u2066h\x7fi"
    expected = "a\\x1b[2Jb\\x07\tc\nd\\x0de\\u0085f\\u202eg\\u2066h\\u007fi"
    assert expected == escape_controls(text)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    source = tmp_path / "issues"
    source.mkdir()
    (source / "july.txt").write_text(JULY_ISSUE.replace(JULY_HEADLINE, HEADLINE), encoding="utf-8")
    db = tmp_path / "archive.sqlite3"
    assert 0 == run_cli("import", str(source), "--db", str(db)).returncode
    return db


def test_search_shows_a_headline_with_its_controls_escaped(archive: Path) -> None:
    done = run_cli("search", "幸福", "--db", str(archive))
    assert 0 == done.returncode
    assert_no_raw_controls(done.stdout)
    assert "\\x1b]0;被改的标题\\x07" in done.stdout.decode("utf-8")


def test_search_json_stays_json_for_the_same_headline(archive: Path) -> None:
    done = run_cli("search", "幸福", "--db", str(archive), "--json")
    assert_no_raw_controls(done.stdout)
    assert HEADLINE == json.loads(done.stdout)["hits"][0]["headline"]


@posix_names
def test_import_shows_a_file_name_with_its_controls_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    undated = JULY_ISSUE.replace("2022年7月5日", "")
    (folder / f"{TITLE}稿件.txt").write_text(undated, encoding="utf-8")
    (folder / f"{TITLE}空.txt").write_bytes(b"")
    done = run_cli("import", str(folder), "--db", str(tmp_path / "a.sqlite3"))
    assert_no_raw_controls(done.stdout + done.stderr)
    shown = done.stdout.decode("utf-8")
    assert "\\x1b]0;被改的标题\\x07稿件.txt" in shown
    assert "失败：\\x1b]0;被改的标题\\x07空.txt：文件是空的" in shown


@posix_names
def test_parse_error_names_the_file_with_its_controls_escaped(tmp_path: Path) -> None:
    empty = tmp_path / f"{TITLE}.txt"
    empty.write_bytes(b"")
    done = run_cli("parse", str(empty))
    assert 1 == done.returncode
    assert_no_raw_controls(done.stderr)
    assert "\\x1b]0;被改的标题\\x07.txt：文件是空的" in done.stderr.decode("utf-8")
