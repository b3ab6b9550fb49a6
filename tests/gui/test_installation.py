"""Starting the window from a broken installation: a message naming the missing file, nothing opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import resources
from reader.gui import app

pytestmark = pytest.mark.gui


def test_a_start_without_the_user_dictionary_names_it_and_opens_no_archive(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(resources, "resources_root", lambda: tmp_path / "resources")
    monkeypatch.setattr(app, "use_chinese", lambda _app: None)  # keep the shared QApplication as it is
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    db = tmp_path / "archive.sqlite3"
    assert 1 == app.run(db)
    missing = tmp_path / "resources" / "userdict.txt"
    assert [("安装不完整", f"找不到用户词典：{missing}（安装不完整，请重新安装报刊档案阅读器）")] == shown
    assert not db.exists()
