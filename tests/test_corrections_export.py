"""已校订 on paper: the source line of a corrected article says so in a real PDF (pdftotext)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import subprocess
from pathlib import Path

import pytest
from correction_support import FIRST, SECOND, import_file, key_of, write_issue
from needs import require_tool
from PySide6.QtWidgets import QApplication

from reader.archive import corrections
from reader.archive.db import open_archive
from reader.cli import main


@pytest.fixture(autouse=True)
def _gui_application(qapp: QApplication) -> None:
    """Fonts need a QGuiApplication; pytest-qt's QApplication is one."""


def test_pdf_source_line_of_a_corrected_article_says_it_was_corrected(tmp_path: Path) -> None:
    require_tool("pdftotext", "poppler-utils")
    db = tmp_path / "archive.sqlite3"
    with open_archive(db) as archive:
        import_file(archive, write_issue(tmp_path / "dump"))
        corrected, plain = key_of(archive, FIRST), key_of(archive, SECOND)
        corrections.retitle(archive, corrected, headline="区领导督导调研幸福食堂")
    out = tmp_path / "clips.pdf"
    assert 0 == main(["export", "--out", str(out), "--key", corrected, "--key", plain, "--db", str(db)])
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout,
    )
    lines = re.findall(r"东昌时讯·2022年7月5日星期二·总第1449期·第1版(·已校订)?", text)
    assert ["·已校订", ""] == lines
    assert "区领导督导调研幸福食堂" in text
