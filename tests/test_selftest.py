"""`self-test` and `python main.py --self-test`: a Chinese line per check, status 1 naming what is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from places import ReadOnlyPlace
from PySide6.QtWidgets import QApplication

from reader import resources
from reader.cli import main

REPO = Path(__file__).resolve().parents[1]
CHECKS = [
    "程序",
    "Python",
    "Qt",
    "Qt 平台插件",
    "Qt 翻译",
    "窗口字体",
    "PDF 字体",
    "用户词典",
    "演示报纸",
    "分词",
    "检索切词",
    "默认档案",
    "个人文件",
]


def without_display(archive: Path) -> dict[str, str]:
    """The environment of a machine with no display and no platform chosen, archive in `archive`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "ARCHIVE_READER_DB": str(archive)}


def self_test(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command], cwd=REPO, env=env, capture_output=True, encoding="utf-8", check=False
    )


def checked(lines: list[str]) -> list[str]:
    """The names of the checks in report order ("[正常] 用户词典：…" → "用户词典")."""
    return [line.split("] ", 1)[1].split("：", 1)[0] for line in lines if line.startswith("[")]


def test_self_test_passes_in_the_checkout_with_one_line_per_check(tmp_path: Path) -> None:
    done = self_test("-m", "reader", "self-test", env=without_display(tmp_path / "archive.sqlite3"))
    lines = done.stdout.splitlines()
    assert 0 == done.returncode, done.stdout + done.stderr
    assert CHECKS == checked(lines)
    assert "自检通过" == lines[-1]
    assert "[正常] Qt 平台插件：offscreen（没有显示器，用 offscreen 检查）" in lines
    assert f"[正常] 用户词典：{REPO / 'resources' / 'userdict.txt'}（30 个词）" in lines
    assert f"[正常] 默认档案：{tmp_path / 'archive.sqlite3'}（尚未建立，第一次启动时建立；可写）" in lines
    cut = next(line for line in lines if "分词" in line)
    assert cut.startswith("[正常] 分词：rjieba ") and cut.endswith("，区长江绍华 → 区长 / 江绍华")
    assert f"[正常] 检索切词：{REPO / 'resources' / 'jieba_words.txt'}，区长江绍华 → 区长 / 江绍华" in lines


def test_main_py_runs_the_same_self_test(tmp_path: Path) -> None:
    done = self_test("main.py", "--self-test", env=without_display(tmp_path / "archive.sqlite3"))
    assert 0 == done.returncode, done.stdout + done.stderr
    assert CHECKS == checked(done.stdout.splitlines())


def test_self_test_names_every_missing_file_and_fails(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(resources, "resources_root", lambda: tmp_path / "resources")
    monkeypatch.setenv("ARCHIVE_READER_DB", str(tmp_path / "archive.sqlite3"))
    assert 1 == main(["self-test"])
    lines = capsys.readouterr().out.splitlines()
    missing = tmp_path / "resources" / "userdict.txt"
    assert f"[失败] 用户词典：找不到用户词典：{missing}（安装不完整，请重新安装报刊档案阅读器）" in lines
    assert "[失败] 分词：没有用户词典：区长江绍华 → 区 / 长江 / 绍 / 华（江绍华被切开）" in lines
    words = tmp_path / "resources" / "jieba_words.txt"
    assert f"[失败] 检索切词：找不到分词词表：{words}（安装不完整，请重新安装报刊档案阅读器）" in lines
    assert "自检未通过：用户词典、演示报纸、分词、检索切词" == lines[-1]


def test_a_read_only_archive_is_a_note_not_a_failure(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    read_only_place: ReadOnlyPlace,
) -> None:
    archive = read_only_place.source / "archive.sqlite3"
    archive.write_bytes(b"")
    read_only_place.lock()
    monkeypatch.setenv("ARCHIVE_READER_DB", str(read_only_place.path / "archive.sqlite3"))
    assert 0 == main(["self-test"])
    lines = capsys.readouterr().out.splitlines()
    note = next(line for line in lines if "默认档案" in line)
    assert note.startswith("[注意] 默认档案：") and "不可写" in note
    assert "自检通过" == lines[-1]


def test_self_test_fails_naming_qt_s_chinese_translation_when_it_is_missing(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """A bundle that left out Qt's translations would show Qt's own buttons in English."""
    from PySide6.QtCore import QLibraryInfo

    monkeypatch.setattr(QLibraryInfo, "path", lambda _which: str(tmp_path))
    monkeypatch.setenv("ARCHIVE_READER_DB", str(tmp_path / "archive.sqlite3"))
    assert 1 == main(["self-test"])
    lines = capsys.readouterr().out.splitlines()
    missing = f"找不到 Qt 的中文翻译 qtbase_zh_CN.qm（{tmp_path}），对话框的按钮会是英文"
    assert f"[失败] Qt 翻译：{missing}；安装不完整，请重新安装报刊档案阅读器" in lines
    assert "自检未通过：Qt 翻译" == lines[-1]
