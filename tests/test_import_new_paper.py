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


FRONT = """\
{name}
{pinyin}
2024年3月5日 星期二
第210期 今日4版

{place}县召开春季植树动员会

本报讯 3月4日，{place}县召开春季植树动员会，部署全年国土绿化工作。
"""
INNER = """\
{name} · 第3版 · 文化

老戏台唱响新春大戏

本报讯 正月里，{place}城关镇的老戏台连演十场地方戏，吸引周边群众前来观看。

{name}　2024年3月5日　星期二
"""


def test_a_paper_named_by_its_logo_is_known_from_then_on_by_its_inner_pages_running_heads(
    archive: Archive, tmp_path: Path
) -> None:
    """A name of no paper's shape (…视界, …新闻) is learnt from the front page's logo (the name
    over its pinyin); the archive then passes it to the parser, so the inner pages, which print it
    only in their running head and folio, come out under it: in the same import and in a later one."""
    for name, pinyin in (("河阳视界", "HEYANG SHIJIE"), ("青川新闻", "QINGCHUAN XINWEN")):
        folder = tmp_path / pinyin
        folder.mkdir()
        front, inner, later = folder / "1.txt", folder / "3.txt", folder / "4.txt"
        front.write_text(FRONT.format(name=name, pinyin=pinyin, place=name[:2]), encoding="utf-8")
        inner.write_text(INNER.format(name=name, place=name[:2]), encoding="utf-8")
        page4 = INNER.replace("第3版", "第4版").replace("老戏台唱响新春大戏", "乡村图书馆添新书")
        later.write_text(
            page4.format(name=name, place=name[:2]).replace("老戏台连演十场地方戏", "图书馆新到图书两千册"),
            encoding="utf-8",
        )
        assert [front, inner] == import_paths(archive, [front, inner]).imported
        assert [later] == import_paths(archive, [later]).imported
        assert not queries.undated_issues(archive)
        [issue] = queries.issues_on(archive, "2024-03-05", publication=name)
        headlines = [a.headline for a in queries.articles(archive, queries.article_ids(archive, issue.id))]
        assert [f"{name[:2]}县召开春季植树动员会", "老戏台唱响新春大戏", "乡村图书馆添新书"] == headlines


PLAIN = """\
{place}县图书馆延长开放时间

本报讯 自本月起，{place}县图书馆每天开放至晚上九点，方便上班族借阅图书。
"""


def test_a_folder_named_after_a_paper_the_archive_holds_names_the_issues_in_it(
    archive: Archive, tmp_path: Path
) -> None:
    """A page that prints no paper's name at all (no masthead, no running head, no folio), in a
    folder named after a paper the archive learnt from an earlier issue's logo, is filed under
    that paper: the file-name hint knows the archive's papers, not only the four of the code."""
    for name, pinyin in (("河阳视界", "HEYANG SHIJIE"), ("青川新闻", "QINGCHUAN XINWEN")):
        front = tmp_path / f"{pinyin}.txt"
        front.write_text(FRONT.format(name=name, pinyin=pinyin, place=name[:2]), encoding="utf-8")
        assert [front] == import_paths(archive, [front]).imported
        folder = tmp_path / name
        folder.mkdir()
        plain = folder / "2024-03-06.txt"
        plain.write_text(PLAIN.format(place=name[:2]), encoding="utf-8")
        assert [plain] == import_paths(archive, [plain]).imported
        [issue] = queries.issues_on(archive, "2024-03-06", publication=name)
        [article] = queries.articles(archive, queries.article_ids(archive, issue.id))
        assert f"{name[:2]}县图书馆延长开放时间" == article.headline
