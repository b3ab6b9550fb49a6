"""reader.gui.printing offscreen: exports on the worker thread, preview painting, font errors."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive.db import Archive
from reader.archive.importer import import_paths
from reader.archive.queries import article_ids, articles
from reader.archive.records import ArticleRecord
from reader.gui.printing import PrintExport
from reader.gui.printing import job as print_jobs

# Dialogs are top-level windows; the offscreen platform complains about their size hints.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def records(archive: Archive, corpus_files: list[Path]) -> list[ArticleRecord]:
    """The test corpus's first issue's articles, from a fresh archive (the first has a kicker)."""
    assert import_paths(archive, corpus_files).ok
    first_issue = archive.conn.execute("SELECT min(id) FROM issues").fetchone()[0]
    return articles(archive, article_ids(archive, first_issue))


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    made = QMainWindow()
    qtbot.addWidget(made)
    return made


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))


def test_exporting_a_selection_writes_a_clippings_book_off_the_ui_thread(
    qtbot: QtBot, window: QMainWindow, records: list[ArticleRecord], archive_path: Path, tmp_path: Path
) -> None:
    exporter = PrintExport(window, lambda: records[:3], lambda: archive_path)
    out = tmp_path / "selection.pdf"
    with qtbot.waitSignal(exporter.finished, timeout=30_000) as signal:
        exporter.export_articles(records[:3], path=out, title="选中文章")
    assert signal.args[0].startswith("已导出")
    assert _text(out).startswith("选中文章")
    qtbot.waitUntil(lambda: not exporter.busy)


def test_exporting_ids_reads_the_articles_on_the_worker(
    qtbot: QtBot, window: QMainWindow, records: list[ArticleRecord], archive_path: Path, tmp_path: Path
) -> None:
    exporter = PrintExport(window, lambda: [], lambda: archive_path)
    out = tmp_path / "results.pdf"
    with qtbot.waitSignal(exporter.finished, timeout=30_000):
        exporter.export_ids([r.id for r in records[:2]], "检索结果", path=out)
    text = _text(out)
    assert "共2篇" in text
    assert re.sub(r"\s+", "", records[1].headline) in text


def test_exporting_bookmarks_prints_their_notes(
    qtbot: QtBot,
    window: QMainWindow,
    records: list[ArticleRecord],
    archive: Archive,
    archive_path: Path,
    tmp_path: Path,
) -> None:
    bookmarks.add(archive, records[1].key, note="会上讨论")
    exporter = PrintExport(window, lambda: [], lambda: archive_path)
    out = tmp_path / "marks.pdf"
    with qtbot.waitSignal(exporter.finished, timeout=30_000):
        exporter.export_bookmarks(path=out)
    assert "批注：会上讨论" in _text(out)


def test_preview_paints_through_the_same_renderer(
    qapp: QApplication, window: QMainWindow, records: list[ArticleRecord], archive_path: Path, tmp_path: Path
) -> None:
    exporter = PrintExport(window, lambda: records[:1], lambda: archive_path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "preview.pdf"
    printer.setOutputFileName(str(out))
    exporter.paint(records[:1], printer)
    assert _text(out).startswith(re.sub(r"\s+", "", records[0].kicker + records[0].headline))


def test_missing_cjk_font_shows_a_message_and_writes_nothing(
    qtbot: QtBot, window: QMainWindow, records: list[ArticleRecord], archive_path: Path, tmp_path: Path
) -> None:
    exporter = PrintExport(window, lambda: records[:1], lambda: archive_path, fonts=["No Such Font"])
    out = tmp_path / "none.pdf"
    exporter.export_articles(records[:1], path=out)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "exportWarning") is not None)
    boxes = window.findChildren(QMessageBox, "exportWarning")
    seen = [box.text() for box in boxes]
    for box in boxes:
        box.close()
    assert not exporter.busy
    assert not out.exists()
    assert 1 == len(seen) and "找不到中文字体" in seen[0]


def test_shutdown_cancels_a_running_export_and_writes_nothing(
    qtbot: QtBot,
    window: QMainWindow,
    records: list[ArticleRecord],
    archive_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The export waits at its start until it is cancelled, then renders as it would: without
    the hold, a GUI thread kept off the CPU for the fraction of a second the export takes (a
    loaded machine) called shutdown() after the whole file was written, and the test failed."""
    started = threading.Event()
    real_export = print_jobs.export_to

    def held_export(*args: Any, should_cancel: Callable[[], bool], **kwargs: Any) -> Any:
        started.set()
        deadline = time.monotonic() + 60
        while not should_cancel() and time.monotonic() < deadline:
            time.sleep(0.005)
        return real_export(*args, should_cancel=should_cancel, **kwargs)

    monkeypatch.setattr(print_jobs, "export_to", held_export)
    exporter = PrintExport(window, lambda: records, lambda: archive_path)
    out = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(exporter.finished, timeout=30_000) as signal:
        exporter.export_articles(records, path=out)
        assert started.wait(60), "the export never started"  # running on the worker, not queued
        exporter.shutdown()
    assert "已取消" in signal.args[0]
    qtbot.waitUntil(lambda: not exporter.busy)
    assert not out.exists()
