"""reader.archive.backup and `python -m reader backup`: consistent copies of an archive in use."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from archive_helpers import import_at

from reader.archive.backup import BackupError, backup_archive
from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.archive.importer import import_paths
from reader.cli import main

if TYPE_CHECKING:
    from conftest import ReadOnlyPlace

REPO = Path(__file__).resolve().parents[1]


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def source(archive: Archive, archive_path: Path, corpus_files: list[Path]) -> Path:
    """An archive of the test corpus with a table another program keeps adding rows to (closed)."""
    assert import_paths(archive, corpus_files).ok
    with archive.transaction() as conn:
        conn.execute("CREATE TABLE visits (n INTEGER)")
        conn.executemany("INSERT INTO visits VALUES (?)", [(n,) for n in range(500)])
    archive.close()
    return archive_path


def test_backup_while_another_connection_inserts_has_what_was_committed_before(
    source: Path, tmp_path: Path
) -> None:
    articles = count(source, "articles")
    other = sqlite3.connect(source, isolation_level=None)
    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        steps.append((done, total))
        other.execute("INSERT INTO visits VALUES (?)", (1000 + done,))  # committed mid-backup

    target = tmp_path / "copies" / "backup.sqlite3"
    target.parent.mkdir()
    try:
        backup_archive(source, target, progress, step_pages=4)  # a small archive: several steps
    finally:
        other.close()
    assert len(steps) > 3
    assert steps[-1][0] == steps[-1][1]
    assert ["backup.sqlite3"] == sorted(p.name for p in target.parent.iterdir())
    assert 500 + len(steps) == count(source, "visits")
    assert "ok" == integrity(target)
    assert 500 == count(target, "visits")  # the archive as it was when the backup began
    with open_archive(target, readonly=True) as copy:
        assert articles == copy.conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_backup_finishes_while_another_thread_writes_all_the_time(source: Path, tmp_path: Path) -> None:
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        conn = sqlite3.connect(source, isolation_level=None, timeout=30)
        try:
            while not stop.is_set():
                conn.execute("INSERT INTO visits VALUES (?)", (len(written),))
                written.append(1)
        finally:
            conn.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    target = tmp_path / "backup.sqlite3"
    try:
        while not written:
            stop.wait(0.01)
        backup_archive(source, target, step_pages=4)
    finally:
        stop.set()
        writer.join()
    assert "ok" == integrity(target)
    assert 500 <= count(target, "visits") <= 500 + len(written)


def test_a_cancelled_backup_leaves_the_older_backup_as_it_was(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"an older backup")

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done < total:
            raise Cancelled

    with pytest.raises(Cancelled):
        backup_archive(source, target, progress, step_pages=16)
    assert b"an older backup" == target.read_bytes()
    assert ["backup.sqlite3"] == sorted(p.name for p in tmp_path.iterdir() if p.is_file())


def test_backup_replaces_an_older_backup(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"an older backup")
    backup_archive(source, target)
    assert "ok" == integrity(target)


def test_backup_refuses_the_archive_itself(source: Path) -> None:
    with pytest.raises(BackupError, match="这就是档案本身"):
        backup_archive(source, source)
    with pytest.raises(BackupError, match="这就是档案本身"):
        backup_archive(source, source.parent / ".." / source.parent.name / source.name)


def test_backup_refuses_a_hard_link_to_the_archive(source: Path, tmp_path: Path) -> None:
    link = tmp_path / "same-file.sqlite3"
    os.link(source, link)
    with pytest.raises(BackupError, match="这就是档案本身"):
        backup_archive(source, link)


def test_backup_refuses_the_archives_own_side_files(source: Path) -> None:
    with pytest.raises(BackupError, match="日志文件"):
        backup_archive(source, source.with_name(source.name + "-wal"))


def test_backup_refuses_a_folder(source: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="文件夹") as refused:
        backup_archive(source, tmp_path)
    assert str(tmp_path) in str(refused.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_backup_refuses_a_fifo(source: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(BackupError, match="不是普通文件"):
        backup_archive(source, fifo)


def test_backup_refuses_a_device(source: Path) -> None:
    if not Path(os.devnull).exists() or sys.platform == "win32":
        pytest.skip("no device file to name")
    with pytest.raises(BackupError, match="不是普通文件"):
        backup_archive(source, Path(os.devnull))


def test_backup_refuses_a_symbolic_link_and_leaves_its_target_alone(source: Path, tmp_path: Path) -> None:
    pointed = tmp_path / "elsewhere.sqlite3"
    pointed.write_bytes(b"kept")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(pointed)
    with pytest.raises(BackupError, match="符号链接"):
        backup_archive(source, link)
    assert b"kept" == pointed.read_bytes() and link.is_symlink()


def test_backup_into_a_missing_folder_says_so_in_chinese(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "backup.sqlite3"
    with pytest.raises(BackupError) as refused:
        backup_archive(source, target)
    assert f"无法备份到 {target}：文件或文件夹不存在" == str(refused.value)


def test_backup_of_a_missing_archive_is_an_archive_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as missing:
        backup_archive(tmp_path / "none.sqlite3", tmp_path / "backup.sqlite3")
    assert "missing" == missing.value.kind
    assert not (tmp_path / "backup.sqlite3").exists()


def test_backup_of_a_damaged_archive_is_an_archive_error_and_writes_nothing(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ArchiveError) as refused:
        backup_archive(damaged, tmp_path / "backup.sqlite3")
    assert "damaged" == refused.value.kind
    assert ["damaged.sqlite3"] == sorted(p.name for p in tmp_path.iterdir())


def test_backup_of_an_archive_in_a_read_only_folder(
    read_only_place: ReadOnlyPlace, tmp_path: Path, corpus_files: list[Path]
) -> None:
    made = read_only_place.source / "archive.sqlite3"
    assert import_at(made, corpus_files[:1]).failed == []
    articles = count(made, "articles")
    read_only_place.lock()
    target = tmp_path / "backup.sqlite3"
    backup_archive(read_only_place.path / "archive.sqlite3", target)
    assert "ok" == integrity(target)
    assert articles == count(target, "articles")


# --- the command ---------------------------------------------------------------------------------


def test_cli_backup_prints_progress_and_a_summary(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "档案备份.sqlite3"
    assert 0 == main(["backup", "--out", str(target), "--db", str(source)])
    out, err = capsys.readouterr()
    assert f"已备份：{source} → {target}（" in out
    assert "备份中 100%" in err
    assert count(source, "articles") == count(target, "articles")


def test_cli_backup_refusal_is_one_line_and_status_1(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 1 == main(["backup", "--out", str(source), "--db", str(source)])
    out, err = capsys.readouterr()
    assert "" == out
    assert f"无法备份到 {source}：这就是档案本身，备份必须写到另一个文件\n" == err


def test_cli_backup_runs_as_a_module(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "backup", "--out", str(target), "--db", str(source)],
        cwd=REPO,
        capture_output=True,
        env=env,
        check=False,
    )
    assert 0 == done.returncode, done.stderr.decode("utf-8")
    assert "已备份" in done.stdout.decode("utf-8")
    assert "ok" == integrity(target)


def test_a_backup_leaves_no_files_beside_the_archive(tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    folder.mkdir()
    path = folder / "archive.sqlite3"
    with open_archive(path):
        pass
    backup_archive(path, tmp_path / "copy.sqlite3")
    assert ["archive.sqlite3"] == sorted(p.name for p in folder.iterdir())
