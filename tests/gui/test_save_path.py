"""A save dialog's answer without the suffix: the file the program adds the suffix to is not
replaced without asking (QFileDialog asked only about the name as typed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.gui.save_path import chosen_path


def answering(answer: QMessageBox.StandardButton, asked: list[str]):  # type: ignore[no-untyped-def]
    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    return question


@pytest.mark.parametrize(
    ("answer", "kept"), [(QMessageBox.StandardButton.No, False), (QMessageBox.StandardButton.Yes, True)]
)
def test_an_existing_file_behind_the_added_suffix_is_asked_about(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
    kept: bool,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    (tmp_path / "报告.pdf").write_bytes(b"%PDF old")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", answering(answer, asked))
    chosen = chosen_path(parent, str(tmp_path / "报告"), ".pdf")
    assert 1 == len(asked) and "报告.pdf" in asked[0]
    assert (tmp_path / "报告.pdf" if kept else None) == chosen


def test_a_new_name_or_a_full_name_is_not_asked_about_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    (tmp_path / "old.pdf").write_bytes(b"%PDF old")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", answering(QMessageBox.StandardButton.No, asked))
    assert tmp_path / "new.pdf" == chosen_path(parent, str(tmp_path / "new"), ".pdf")
    assert tmp_path / "old.pdf" == chosen_path(parent, str(tmp_path / "old.pdf"), ".pdf")
    assert tmp_path / "archive.db" == chosen_path(
        parent, str(tmp_path / "archive.db"), ".sqlite3", when_missing_only=True
    )
    assert [] == asked
