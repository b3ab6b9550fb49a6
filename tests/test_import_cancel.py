"""Cancelling an import at each stage of a file (reader.text.cancel): during decoding, during
parsing, between files. The batch reports itself cancelled and the archive holds exactly the
files finished before: nothing of the file being read is written."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from reader.archive.db import open_archive
from reader.archive.handle import Archive
from reader.archive.importer import import_paths
from reader.text.cancel import current

TABLES = ("issues", "sources", "articles")


class CancelWhenAskedFrom:
    """A `should_cancel` that says no until it has been asked `after` times from inside `module`
    (a stage: the decoder, the parser) while the file `source` is read, and yes from then on."""

    def __init__(self, module: str, source: str, after: int = 0) -> None:
        self.module = module
        self.source = source
        self.after = after
        self.asked_there = 0
        self.fired_in: list[str] = []

    def __call__(self) -> bool:
        if self.fired_in:
            return True
        frame = inspect.currentframe()
        callers: list[str] = []
        while frame is not None:
            callers.append(str(frame.f_globals.get("__name__")))
            frame = frame.f_back
        if self.module in callers and current().source == self.source:
            self.asked_there += 1
            if self.asked_there > self.after:
                self.fired_in = callers
        return bool(self.fired_in)


def counts(archive: Archive) -> list[int]:
    return [archive.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES]


def write_page(folder: Path, name: str, lines: int, encoding: str = "utf-8") -> Path:
    """A long page (one article, `lines` paragraphs) that takes many cancel questions to read."""
    body = "\n\n".join(f"东昌府讯 第{n}段，区里修了一条新路，居民出行更方便了。" for n in range(lines))
    path = folder / name
    path.write_bytes(f"新路通车\n\n{body}\n".encode(encoding))
    return path


@pytest.fixture
def first(tmp_path: Path) -> Path:
    return write_page(tmp_path, "2022-07-05.txt", 3)


@pytest.fixture
def after_first(tmp_path: Path, first: Path) -> list[int]:
    """The row counts of an archive that holds the first file alone."""
    with open_archive(tmp_path / "first-alone.sqlite3") as alone:
        assert [first] == import_paths(alone, [first]).imported
        return counts(alone)


def test_a_cancel_while_a_file_is_decoded_writes_nothing_of_it(
    archive: Archive, tmp_path: Path, first: Path, after_first: list[int]
) -> None:
    big = write_page(tmp_path, "2022-07-06.txt", 60_000, encoding="gb18030")  # over 3 MB
    cancel = CancelWhenAskedFrom("reader.text.encoding", big.name)
    report = import_paths(archive, [first, big], should_cancel=cancel)
    assert "reader.text.parse" not in cancel.fired_in  # cancelled before the parse began
    assert report.cancelled and not report.ok
    assert [first] == report.imported and [] == report.failed
    assert after_first == counts(archive)
    assert not archive.conn.in_transaction


def test_a_cancel_while_a_file_is_parsed_writes_nothing_of_it(
    archive: Archive, tmp_path: Path, first: Path, after_first: list[int]
) -> None:
    big = write_page(tmp_path, "2022-07-06.txt", 20_000)
    cancel = CancelWhenAskedFrom("reader.text.parse", big.name, after=3)
    report = import_paths(archive, [first, big], should_cancel=cancel)
    assert "reader.text.parse" in cancel.fired_in
    assert report.cancelled and [first] == report.imported and [] == report.failed
    assert after_first == counts(archive)
    assert not archive.conn.in_transaction


def test_a_cancel_between_files_stops_before_the_next_is_read(
    archive: Archive, tmp_path: Path, first: Path, after_first: list[int]
) -> None:
    second = write_page(tmp_path, "2022-07-06.txt", 3)
    seen: list[Path] = []
    report = import_paths(
        archive,
        [first, second],
        progress=lambda _i, _n, path, _r: seen.append(path),
        should_cancel=lambda: bool(seen),
    )
    assert [first] == seen  # the second file was never finished, nor reported
    assert report.cancelled and [first] == report.imported
    assert after_first == counts(archive)


def test_a_file_cancelled_while_parsed_is_imported_whole_the_next_time(
    archive: Archive, tmp_path: Path, first: Path
) -> None:
    big = write_page(tmp_path, "2022-07-06.txt", 20_000)
    cancel = CancelWhenAskedFrom("reader.text.parse", big.name)
    assert import_paths(archive, [first, big], should_cancel=cancel).cancelled
    report = import_paths(archive, [first, big])
    assert [big] == report.imported and [first] == report.unchanged
