"""Message boxes, progress labels and questions name files as written, markup and all (issue 21,
item 7): an archive, a file to import or a file to replace may be called `<b>…</b><img …>`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from plain_support import HOSTILE_NAME, hostile_archive, shown
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from reader import resources
from reader.gui import app, launch
from reader.gui.importing import ReportDialog
from reader.gui.main_window import MainWindow
from reader.gui.save_path import chosen_path

if TYPE_CHECKING:
    from places import ReadOnlyPlace

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(sys.platform == "win32", reason="Windows allows no < > in file names"),
]


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    """An archive named with markup (its folder is an ordinary one)."""
    return hostile_archive(tmp_path / f"{HOSTILE_NAME}.sqlite3")


def wait_until_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.importer.running and not window.writer.busy(), timeout=60_000)


def test_a_warning_names_the_archive_as_written(
    qtbot: QtBot, hostile_path: Path, window_factory: Callable[..., MainWindow]
) -> None:
    window = window_factory(hostile_path)
    window.middle.select_article_row(0)
    with qtbot.waitSignal(window.printing.finished, timeout=30_000):
        window.printing.export_articles(window.current_records(), path=hostile_path)
    box = window.findChild(QMessageBox, "exportWarning")
    assert shown(box.text(), box.textFormat()).startswith(f"无法写入 {hostile_path}：这就是档案本身")
    box.close()


def test_the_repair_s_progress_names_the_archive_as_written(
    qtbot: QtBot, hostile_path: Path, window_factory: Callable[..., MainWindow]
) -> None:
    window = window_factory(hostile_path)
    qtbot.waitUntil(lambda: not window.care.checking(), timeout=60_000)  # a repair asked meanwhile waits
    window.care.repair()
    progress = window.findChild(QProgressDialog, "repairProgress")
    label = progress.findChild(QLabel)
    assert f"正在检查档案“{hostile_path.name}”…" == shown(label.text(), label.textFormat())
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "archiveCareMessage") is not None, timeout=60_000)
    window.findChild(QMessageBox, "archiveCareMessage").accept()


def test_a_read_only_archive_s_note_names_it_as_written(
    read_only_place: ReadOnlyPlace, window_factory: Callable[..., MainWindow]
) -> None:
    name = f"{HOSTILE_NAME}.sqlite3"
    hostile_archive(read_only_place.source / name)
    read_only_place.lock()
    window = window_factory(read_only_place.path / name)
    assert str(read_only_place.path / name) == shown(window.read_only_label.toolTip())


def test_the_question_before_replacing_names_the_file_as_written(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    existing = tmp_path / f"{HOSTILE_NAME}.pdf"
    existing.write_bytes(b"%PDF old")
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    assert chosen_path(parent, str(tmp_path / HOSTILE_NAME), ".pdf") is None
    assert [f"“{existing}”已存在。要替换它吗？"] == [shown(text) for text in asked]


def test_a_broken_installation_names_the_missing_file_as_written(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / HOSTILE_NAME / "resources"
    monkeypatch.setattr(resources, "resources_root", lambda: root)
    monkeypatch.setattr(app, "use_chinese", lambda _app: None)  # keep the shared QApplication as it is
    shown_texts: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text: shown_texts.append(shown(text))
    )
    assert 1 == app.run(tmp_path / "archive.sqlite3")
    assert [f"找不到用户词典：{root / 'userdict.txt'}（安装不完整，请重新安装报刊档案阅读器）"] == shown_texts


def test_arguments_the_program_cannot_use_are_named_as_written_without_a_console(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files dropped on the program's icon, started without a console: a box says why not."""
    boxes: list[str] = []
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(shown(box.text(), box.textFormat())))
    assert 2 == launch.main([f"{HOSTILE_NAME}.sqlite3", "第二个.sqlite3"])
    assert boxes[0].startswith(f"无法识别的参数：{HOSTILE_NAME}.sqlite3 第二个.sqlite3\n")


# --- views that showed markup as written before, and must go on doing so -------------------------


def test_the_about_box_names_the_archive_as_written(
    hostile_path: Path, window_factory: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: texts.append(shown(text)))
    window = window_factory(hostile_path)
    window.commands.about.trigger()
    assert str(hostile_path) in texts[0]


def test_the_import_report_names_a_failed_file_as_written(
    qtbot: QtBot, hostile_path: Path, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    bad = tmp_path / "in" / f"{HOSTILE_NAME}.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    window = window_factory(hostile_path)
    window.import_paths([bad])
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None)
    report = window.findChild(ReportDialog)
    assert f"{bad.name}：" in report.text.toPlainText()
    report.reject()
