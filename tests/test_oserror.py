"""OS errors reach the user in Chinese, whatever the system's language."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from reader.text.oserror import describe_os_error


def test_a_missing_file_is_described_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        (tmp_path / "missing.txt").read_bytes()
    assert "文件或文件夹不存在" == describe_os_error(caught.value)


def test_a_folder_read_as_a_file_is_described_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        tmp_path.read_bytes()
    assert describe_os_error(caught.value) in ("这是一个文件夹，不是文件", "没有权限")


@pytest.mark.parametrize(
    ("number", "reason"),
    [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有权限"), (errno.EROFS, "所在的磁盘或共享是只读的")],
)
def test_known_error_numbers_have_chinese_reasons(number: int, reason: str) -> None:
    assert reason == describe_os_error(OSError(number, "English text the user must not see"))


def test_an_unknown_error_shows_its_number_and_no_english() -> None:
    described = describe_os_error(OSError(99999, "Something odd"))
    assert "99999" in described
    assert "Something" not in described
