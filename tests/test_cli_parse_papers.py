"""`reader parse --db ARCHIVE` knows the papers the archive holds, as an import of the file would
(issue 24): a page that names its paper only in its running head comes out under that paper.
Without `--db` the command reads no archive and still parses. Real processes, a real archive."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_support import run_cli

FRONT = """\
河阳视界
HEYANG SHIJIE
2024年3月5日 星期二
第210期 今日4版

河阳县召开春季植树动员会

本报讯 3月4日，河阳县召开春季植树动员会，部署全年国土绿化工作。
"""
INNER = """\
河阳视界 · 第3版 · 文化

老戏台唱响新春大戏

本报讯 正月里，河阳城关镇的老戏台连演十场地方戏，吸引周边群众前来观看。
"""


def _parsed(*args: str) -> dict[str, object]:
    result = run_cli("parse", *args)
    assert 0 == result.returncode, result.stderr.decode("utf-8")
    data: dict[str, object] = json.loads(result.stdout.decode("utf-8"))
    return data


def test_parse_with_db_names_the_paper_the_archive_learnt_and_without_db_reads_no_archive(
    tmp_path: Path,
) -> None:
    front, inner, db = tmp_path / "1.txt", tmp_path / "3.txt", tmp_path / "a.sqlite3"
    front.write_text(FRONT, encoding="utf-8")
    inner.write_text(INNER, encoding="utf-8")
    assert 0 == run_cli("import", str(front), "--db", str(db)).returncode
    assert "河阳视界" == _parsed(str(inner), "--db", str(db))["publication"]
    assert _parsed(str(inner))["publication"] is None
    explained = run_cli("parse", "--explain", str(inner), "--db", str(db))
    assert 0 == explained.returncode


def test_parse_with_a_missing_archive_names_it_and_fails(tmp_path: Path) -> None:
    inner, db = tmp_path / "3.txt", tmp_path / "nowhere.sqlite3"
    inner.write_text(INNER, encoding="utf-8")
    result = run_cli("parse", str(inner), "--db", str(db))
    assert 1 == result.returncode
    assert str(db) in result.stderr.decode("utf-8")
    assert b"" == result.stdout
