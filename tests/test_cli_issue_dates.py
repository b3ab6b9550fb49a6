"""`correct date KEY|FILE YYYY-MM-DD|--clear`: a date given to an undated issue can be changed and
cleared, typed in any form staff write, and each choice stays through a re-import (issue 23,
defect 2), in real processes on a real archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import build_archive, err_text, out_text, run_cli

from reader.archive.db import open_archive
from reader.archive.issue_dates import find_issue, suggested_date

UNDATED = (
    "区图书馆举办读书会\n\n东昌府讯 7月4日，读书会在区图书馆举行，六十余名读者参加。\n\n（融媒体 某某）\n"
)
NAME = "003_5402ef8479b560aa.txt"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_archive(tmp_path, [(NAME, UNDATED)])


def user_date(db: Path) -> str | None:
    with open_archive(db, readonly=True) as archive:
        return find_issue(archive, NAME).user_date


def reimport(db: Path) -> None:
    done = run_cli("import", str(db.parent / "issues"), "--db", str(db))
    assert 0 == done.returncode, err_text(done)


def test_a_date_is_given_changed_and_cleared_and_each_stays_through_a_reimport(db: Path) -> None:
    done = run_cli("correct", "date", NAME, "2022年7月5日", "--db", str(db))
    assert 0 == done.returncode, err_text(done)
    assert "2022年7月5日" in out_text(done)
    reimport(db)
    assert "2022-07-05" == user_date(db)
    with open_archive(db, readonly=True) as archive:
        key = find_issue(archive, NAME).key
    assert 0 == run_cli("correct", "date", key, "20220706", "--db", str(db)).returncode
    reimport(db)
    assert "2022-07-06" == user_date(db)
    done = run_cli("correct", "date", NAME, "--clear", "--db", str(db))
    assert 0 == done.returncode and "已清除" in out_text(done)
    reimport(db)
    assert user_date(db) is None
    assert "未定日期的期次（1）" in out_text(run_cli("info", "--db", str(db)))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("nosuch.txt", "2022-7-5"), "档案中没有键或文件名为“nosuch.txt”的期次"),
        ((NAME, "2022年7月"), "请写到哪一天"),
        ((NAME, "2022-02-30"), "日期不存在"),
        ((NAME,), "YYYY-MM-DD"),
    ],
)
def test_what_cannot_be_done_is_one_chinese_line(db: Path, args: tuple[str, ...], says: str) -> None:
    done = run_cli("correct", "date", *args, "--db", str(db))
    assert 0 != done.returncode
    assert says in err_text(done)
    assert user_date(db) is None


def test_the_suggested_date_is_a_day_the_text_mentions_or_the_date_given(db: Path) -> None:
    with open_archive(db, readonly=True) as archive:
        issue = find_issue(archive, NAME)
        assert issue.date_hint_year is None  # the text names no year: no day can be suggested
        assert suggested_date(archive, issue.id) is None
    assert 0 == run_cli("correct", "date", NAME, "2022-7-5", "--db", str(db)).returncode
    with open_archive(db, readonly=True) as archive:
        assert "2022-07-05" == suggested_date(archive, find_issue(archive, NAME).id)
