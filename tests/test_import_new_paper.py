"""A paper the program was not written for: its issues, imported one after another into a real
archive, come out under its own name (issue 24, defect 1). The issues are invented for this test."""

from __future__ import annotations

from pathlib import Path

from reader.archive import queries
from reader.archive.db import Archive
from reader.archive.importer import import_paths

ISSUE = """\
{name}
{pinyin}
中共{place}县委员会主办
{date} 星期{weekday}
第{n}期（总第{total}期） 今日4版

{place}县举办第{n}届农民丰收节

本报讯 近日，{place}县第{n}届农民丰收节在县体育中心开幕，各乡镇展出特色农产品300余种。

（记者 王晨）
"""


def write_issue(folder: Path, name: str, pinyin: str, date: str, weekday: str, n: int) -> Path:
    path = folder / f"{name}_{n}.txt"
    text = ISSUE.format(
        name=name, pinyin=pinyin, place=name[:2], date=date, weekday=weekday, n=n, total=500 + n
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_papers_issues_imported_one_after_another_are_filed_under_its_name(
    archive: Archive, tmp_path: Path
) -> None:
    first = write_issue(tmp_path, "松溪时报", "SONGXI SHIBAO", "2024年5月8日", "三", 12)
    second = write_issue(tmp_path, "松溪时报", "SONGXI SHIBAO", "2024年5月15日", "三", 13)
    other = write_issue(tmp_path, "龙山晚报", "LONGSHAN WANBAO", "2024年5月9日", "四", 7)
    for path in (first, second, other):
        report = import_paths(archive, [path])
        assert [path] == report.imported, report
    assert {"松溪时报", "龙山晚报"} <= set(queries.publications(archive))
    filed = [
        (issue.publication, issue.date, issue.number)
        for date in ("2024-05-08", "2024-05-15", "2024-05-09")
        for issue in queries.issues_on(archive, date)
    ]
    assert [
        ("松溪时报", "2024-05-08", 512),
        ("松溪时报", "2024-05-15", 513),
        ("龙山晚报", "2024-05-09", 507),
    ] == filed
