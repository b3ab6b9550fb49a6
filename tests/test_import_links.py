"""Symbolic links in an imported folder (issue 21, item 8).

A link that leads out of the chosen folder is skipped and reported, naming the link and where it
points; a link to a file inside the folder is followed, and that file read once; a file named on
its own is read even when it is a link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import AUGUST_ISSUE, JULY_ISSUE, out_text, run_cli

from reader.archive.importer import ImportReport
from reader.gui.importing.report import report_html
from reader.text.folders import find_sources

SECRET = JULY_ISSUE.replace("幸福食堂", "机密档案")


def link(path: Path, target: Path) -> None:
    """`path` → `target`, or skip where this platform or user may not make links."""
    try:
        os.symlink(target, path, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError) as err:
        pytest.skip(f"no symbolic links here: {err}")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Someone else's folder, with a dump the user never chose."""
    folder = tmp_path / "别人的文件"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture
def chosen(tmp_path: Path) -> Path:
    folder = tmp_path / "报纸"
    folder.mkdir()
    (folder / "july.txt").write_text(JULY_ISSUE, encoding="utf-8")
    return folder


def test_a_link_out_of_the_folder_is_skipped_and_reported(
    tmp_path: Path, chosen: Path, outside: Path
) -> None:
    link(chosen / "link.txt", outside / "secret.txt")
    db = tmp_path / "a.sqlite3"
    done = run_cli("import", str(chosen), "--db", str(db))
    assert 0 == done.returncode
    said = f"跳过符号链接 {chosen / 'link.txt'}：指向所选文件夹之外（{(outside / 'secret.txt').resolve()}）"
    assert said in out_text(done).splitlines()
    assert 1 == run_cli("search", "机密档案", "--db", str(db)).returncode  # its text is not in the archive


def test_a_linked_folder_out_of_the_folder_is_not_entered_and_reported(
    tmp_path: Path, chosen: Path, outside: Path
) -> None:
    link(chosen / "更多", outside)
    db = tmp_path / "a.sqlite3"
    done = run_cli("import", str(chosen), "--db", str(db))
    assert f"跳过符号链接 {chosen / '更多'}：指向所选文件夹之外（{outside.resolve()}）" in out_text(done)
    assert 1 == run_cli("search", "机密档案", "--db", str(db)).returncode


def test_a_link_to_a_file_inside_the_folder_is_read_once(tmp_path: Path, chosen: Path) -> None:
    (chosen / "副本").mkdir()
    link(chosen / "副本" / "same.txt", chosen / "july.txt")
    done = run_cli("import", str(chosen), "--db", str(tmp_path / "a.sqlite3"))
    assert 0 == done.returncode
    assert out_text(done).startswith("[1/1] 导入 2022-07-05 东昌时讯")


def test_a_link_inside_the_folder_to_a_file_found_no_other_way_is_followed(chosen: Path) -> None:
    (chosen / "原件").mkdir()
    (chosen / "原件" / "august.dat").write_text(AUGUST_ISSUE, encoding="utf-8")
    link(chosen / "august.txt", chosen / "原件" / "august.dat")
    found = find_sources([chosen])
    assert [chosen / "august.txt", chosen / "july.txt"] == found.files
    assert [] == found.skipped


def test_a_file_named_on_its_own_is_read_though_it_is_a_link(
    tmp_path: Path, chosen: Path, outside: Path
) -> None:
    link(chosen / "link.txt", outside / "secret.txt")
    db = tmp_path / "a.sqlite3"
    assert 0 == run_cli("import", str(chosen / "link.txt"), "--db", str(db)).returncode
    assert 0 == run_cli("search", "机密档案", "--db", str(db)).returncode


def test_the_window_report_lists_the_skipped_links() -> None:
    reason = "跳过符号链接 报纸/link.txt：指向所选文件夹之外（/etc/<passwd>）"
    report = ImportReport(skipped=[(Path("报纸/link.txt"), reason)])
    assert "<li>跳过符号链接 报纸/link.txt：指向所选文件夹之外（/etc/&lt;passwd&gt;）</li>" in report_html(
        report, str
    )
