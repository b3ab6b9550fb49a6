"""`export --out` writes only a regular file or a new path, whole or not at all (issue 9, item 11).

Each test looks at what is on disk afterwards: the kind of thing at the path, where a link
points, the old content, and that no temporary file was left behind.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pypdf
import pytest
from cli_support import JULY_HEADLINE, build_archive
from PySide6.QtWidgets import QApplication

from reader.archive.db import open_archive
from reader.archive.queries import article_by_key
from reader.archive.search import search
from reader.cli import main
from reader.export.errors import ExportCancelled
from reader.export.pdf import export_pdf

if TYPE_CHECKING:  # tests/gui has a conftest too: import the fixture's type for the checker only
    from conftest import ReadOnlyPlace

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="FIFOs, /dev/null and symlinks without privileges are POSIX"
)
Capture = pytest.CaptureFixture[str]
OLD = b"%PDF-1.4 the old clippings book"


@pytest.fixture(autouse=True)
def _gui_application(qapp: QApplication) -> None:
    """In-process exports reuse pytest-qt's QApplication (fonts need one)."""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("target"))


@pytest.fixture(scope="module")
def key(db: Path) -> str:
    """The key of the July article."""
    with open_archive(db, readonly=True) as archive:
        return search(archive, f"标题:{JULY_HEADLINE}").hits[0].key


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    place = tmp_path / "out"
    place.mkdir()
    return place


def export(db: Path, key: str, out: Path) -> int:
    return main(["export", "--db", str(db), "--out", str(out), "--key", key])


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def names(folder: Path) -> list[str]:
    """Everything in the folder: a temporary file left behind would show here."""
    return sorted(p.name for p in folder.iterdir())


def test_a_new_path_gets_the_pdf(db: Path, key: str, folder: Path) -> None:
    out = folder / "new.pdf"
    assert 0 == export(db, key, out)
    assert JULY_HEADLINE in pdf_text(out)
    assert ["new.pdf"] == names(folder)


def test_an_existing_regular_file_is_replaced_keeping_its_permissions(
    db: Path, key: str, folder: Path
) -> None:
    out = folder / "old.pdf"
    out.write_bytes(OLD)
    out.chmod(0o640)
    assert 0 == export(db, key, out)
    assert JULY_HEADLINE in pdf_text(out)
    assert 0o640 == stat.S_IMODE(out.stat().st_mode)
    assert ["old.pdf"] == names(folder)


@posix_only
def test_a_new_file_gets_the_usual_permissions_not_a_temporary_file_s(
    db: Path, key: str, folder: Path
) -> None:
    mask = os.umask(0o022)
    try:
        assert 0 == export(db, key, folder / "new.pdf")
    finally:
        os.umask(mask)
    assert 0o644 == stat.S_IMODE((folder / "new.pdf").stat().st_mode)


@posix_only
def test_a_symlink_to_a_file_writes_the_file_and_keeps_the_link(db: Path, key: str, folder: Path) -> None:
    real = folder / "2022" / "剪报.pdf"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = folder / "最新剪报.pdf"
    link.symlink_to(real)
    assert 0 == export(db, key, link)
    assert link.is_symlink()
    assert real == link.readlink()
    assert JULY_HEADLINE in pdf_text(real)
    assert ["剪报.pdf"] == names(real.parent)
    assert ["2022", "最新剪报.pdf"] == names(folder)


@posix_only
def test_a_fifo_is_refused_and_stays_a_fifo(db: Path, key: str, folder: Path, capsys: Capture) -> None:
    out = folder / "pipe.pdf"
    os.mkfifo(out)
    assert 1 == export(db, key, out)
    assert f"无法写入 {out}：这是一个命名管道（FIFO），不是普通文件" in capsys.readouterr().err
    assert stat.S_ISFIFO(out.lstat().st_mode)
    assert ["pipe.pdf"] == names(folder)


@posix_only
def test_a_symlink_to_a_folder_is_refused_and_left_alone(
    db: Path, key: str, folder: Path, capsys: Capture
) -> None:
    target = folder / "dir"
    target.mkdir()
    link = folder / "link.pdf"
    link.symlink_to(target)
    assert 1 == export(db, key, link)
    assert f"无法写入 {link}（链接指向 {target}）：这是一个文件夹，不是文件" in capsys.readouterr().err
    assert link.is_symlink()
    assert [] == names(target)
    assert ["dir", "link.pdf"] == names(folder)


@posix_only
def test_a_link_to_nowhere_is_refused(db: Path, key: str, folder: Path, capsys: Capture) -> None:
    link = folder / "gone.pdf"
    link.symlink_to(folder / "missing.pdf")
    assert 1 == export(db, key, link)
    assert "链接指向的位置不存在" in capsys.readouterr().err
    assert ["gone.pdf"] == names(folder)


def test_a_folder_is_refused_and_left_empty(db: Path, key: str, folder: Path, capsys: Capture) -> None:
    out = folder / "a folder.pdf"
    out.mkdir()
    assert 1 == export(db, key, out)
    assert f"无法写入 {out}：这是一个文件夹，不是文件" in capsys.readouterr().err
    assert out.is_dir()
    assert [] == names(out)
    assert ["a folder.pdf"] == names(folder)


@posix_only
def test_dev_null_is_refused_and_stays_a_device(db: Path, key: str, capsys: Capture) -> None:
    null = Path("/dev/null")
    assert 1 == export(db, key, null)
    assert "无法写入 /dev/null：这是一个设备，不是普通文件" in capsys.readouterr().err
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".null.")]


def test_a_cancelled_export_keeps_the_old_file(db: Path, key: str, folder: Path) -> None:
    out = folder / "old.pdf"
    out.write_bytes(OLD)
    with open_archive(db, readonly=True) as archive:
        record = article_by_key(archive, key)
    assert record is not None
    with pytest.raises(ExportCancelled):
        export_pdf([record], out, should_cancel=lambda: True)
    assert OLD == out.read_bytes()
    assert ["old.pdf"] == names(folder)


def test_a_failed_write_keeps_the_old_file_and_says_why_in_chinese(
    db: Path, key: str, read_only_place: ReadOnlyPlace, capsys: Capture
) -> None:
    (read_only_place.source / "old.pdf").write_bytes(OLD)
    read_only_place.lock()
    out = read_only_place.path / "old.pdf"
    assert 1 == export(db, key, out)
    reasons = ("所在的磁盘或共享是只读的", "没有权限")  # a bind mount as root, chmod otherwise
    err = capsys.readouterr().err
    assert any(f"无法写入 {out}：{reason}" in err for reason in reasons)
    assert OLD == out.read_bytes()
    assert ["old.pdf"] == names(read_only_place.path)


def test_a_missing_folder_is_named(db: Path, key: str, folder: Path, capsys: Capture) -> None:
    out = folder / "no such folder" / "x.pdf"
    assert 1 == export(db, key, out)
    assert f"无法写入 {out}：文件夹不存在" in capsys.readouterr().err
    assert [] == names(folder)


# --- the archive, its side files and other databases are never an export's target (issue 21, item 2)


@pytest.fixture
def own_db(db: Path, tmp_path: Path) -> Path:
    """A copy of the module's archive that a test may (wrongly) overwrite without harming others."""
    copy = tmp_path / "mine" / "archive.sqlite3"
    copy.parent.mkdir()
    copy.write_bytes(db.read_bytes())  # the module's archive is closed here: a plain copy is whole
    return copy


def articles_in(path: Path) -> int:
    """The archive's article count, read through SQLite: it fails if the file is no database."""
    with open_archive(path, readonly=True) as archive:
        return int(archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_export_onto_the_archive_is_refused_and_the_archive_stays(
    own_db: Path, key: str, capsys: Capture
) -> None:
    before = articles_in(own_db)
    assert 1 == export(own_db, key, own_db)
    out, err = capsys.readouterr()
    assert "" == out
    assert f"无法写入 {own_db}：这就是档案本身" in err
    assert before == articles_in(own_db)


@posix_only
def test_export_onto_a_link_to_the_archive_is_refused(own_db: Path, key: str, capsys: Capture) -> None:
    hard = own_db.with_name("hard.pdf")
    os.link(own_db, hard)
    soft = own_db.with_name("soft.pdf")
    soft.symlink_to(own_db)
    before = articles_in(own_db)
    for link in (hard, soft):
        assert 1 == export(own_db, key, link)
        assert "这就是档案本身" in capsys.readouterr().err
    assert before == articles_in(own_db)
    assert soft.is_symlink()


def test_export_onto_the_archives_side_files_is_refused_and_writes_nothing(
    own_db: Path, key: str, capsys: Capture
) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = own_db.with_name(own_db.name + suffix)
        assert 1 == export(own_db, key, side)
        assert f"无法写入 {side}：这是档案正在使用的日志文件" in capsys.readouterr().err
        assert not side.exists()
    assert ["archive.sqlite3"] == names(own_db.parent)


def test_export_onto_another_sqlite_database_is_refused(
    db: Path, own_db: Path, key: str, capsys: Capture
) -> None:
    """A backup or a colleague's snapshot is as precious as the archive that is open."""
    before = articles_in(own_db)
    assert 1 == export(db, key, own_db)
    assert f"无法写入 {own_db}：这是一个 SQLite 数据库" in capsys.readouterr().err
    assert before == articles_in(own_db)


def test_export_onto_the_side_file_of_another_database_is_refused(
    db: Path, own_db: Path, key: str, capsys: Capture
) -> None:
    wal = own_db.with_name(own_db.name + "-wal")
    assert 1 == export(db, key, wal)
    assert f"无法写入 {wal}：这是 SQLite 数据库 {own_db.name} 的日志文件" in capsys.readouterr().err
    assert not wal.exists()


def test_a_file_that_only_mentions_sqlite_later_is_replaced(db: Path, key: str, folder: Path) -> None:
    """Only the 16-byte header makes a database: a PDF that quotes it is an ordinary old file."""
    out = folder / "notes.pdf"
    out.write_bytes(OLD + b"SQLite format 3\x00")
    assert 0 == export(db, key, out)
    assert JULY_HEADLINE in pdf_text(out)
