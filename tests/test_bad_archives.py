"""Every kind of archive file that is no usable archive, in every command and in the window:
a clear Chinese message that names the file, a non-zero status, and the file left as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import FULL_ISSUE

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.archive.migrations import MIGRATIONS

REPO = Path(__file__).resolve().parents[1]


def _good(path: Path) -> None:
    with open_archive(path) as archive:
        import_issue(archive, FULL_ISSUE)


def truncated(path: Path) -> None:
    _good(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def not_sqlite(path: Path) -> None:
    path.write_bytes("这是一份 Word 文档，不是档案。".encode() * 200)


def folder(path: Path) -> None:
    path.mkdir()


def newer(path: Path) -> None:
    _good(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()


def foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts(name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()


KINDS: dict[str, Callable[[Path], None]] = {
    "truncated": truncated,
    "not_sqlite": not_sqlite,
    "folder": folder,
    "newer": newer,
    "foreign": foreign,
}
WORDS = {
    "truncated": "损坏",
    "not_sqlite": "损坏",
    "folder": "文件夹",
    "newer": "较新版本",
    "foreign": "其他程序",
}


def snapshot(path: Path) -> bytes | list[str]:
    return sorted(p.name for p in path.iterdir()) if path.is_dir() else path.read_bytes()


def commands(path: Path, tmp_path: Path) -> dict[str, list[str]]:
    issue = tmp_path / "in.txt"
    issue.write_text("东昌时讯\n\n2022年7月6日\n\n总第1450期\n\n标题\n\n东昌府讯 正文。\n", encoding="utf-8")
    db = ["--db", str(path)]
    return {
        "info": ["info", *db],
        "search": ["search", "神经末梢", *db],
        "import": ["import", str(issue), *db],
        "export": ["export", "--query", "神经末梢", "--out", str(tmp_path / "out.pdf"), *db],
        "backup": ["backup", "--out", str(tmp_path / "copy.sqlite3"), *db],
    }


# A backup copies any SQLite file as it is, a newer archive or another program's database too:
# nothing to refuse there.
CASES = [
    (command, kind)
    for command in ("info", "search", "import", "export", "backup")
    for kind in KINDS
    if not (command == "backup" and kind in ("newer", "foreign"))
]


@pytest.mark.parametrize(("command", "kind"), CASES)
def test_each_command_names_the_bad_archive_and_leaves_it_alone(
    tmp_path: Path, kind: str, command: str
) -> None:
    path = tmp_path / "archive.sqlite3"
    KINDS[kind](path)
    before = snapshot(path)
    done = subprocess.run(
        [sys.executable, "-m", "reader", *commands(path, tmp_path)[command]],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert str(path) in said and WORDS[kind] in said, said
    assert "Traceback" not in said and "sqlite3." not in said
    assert before == snapshot(path)
    assert not (tmp_path / "out.pdf").exists() and not (tmp_path / "copy.sqlite3").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_the_window_names_the_bad_archive_and_leaves_it_alone(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reader.gui.app import open_window

    path = tmp_path / "archive.sqlite3"
    KINDS[kind](path)
    before = snapshot(path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: shown.append(text))
    assert open_window(path, demo_dir=None, warm_up_ms=None) is None
    assert 1 == len(shown)
    assert str(path) in shown[0] and WORDS[kind] in shown[0]
    assert before == snapshot(path)


def test_a_search_while_another_program_holds_the_write_lock_still_answers(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    _good(path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM articles")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", "search", "神经末梢", "--db", str(path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert 0 == done.returncode, done.stderr
    assert "共找到 1 篇" in done.stdout
