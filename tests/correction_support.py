"""An issue written for the correction tests, and helpers to import it and find its articles.

Three articles on page 1; the first has two paragraphs (the second is where a split goes), the
second is followed directly by the third (a merge). EDITED_ISSUE is the same issue with the third
article's last sentence changed: a re-import of it is an edited file replacing its earlier import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.archive import corrections
from reader.archive.db import Archive
from reader.archive.importer import import_paths
from reader.archive.queries import article_ids, articles
from reader.archive.records import ArticleRecord

FIRST = "江绍华督导调研幸福食堂"
SECOND = "古楼街道举办消夏晚会"
THIRD = "新区路网改造启动"
SPLIT_PARAGRAPH = "江绍华指出，幸福食堂是民生工程，要让老人吃得放心。"

ISSUE = f"""东昌时讯

2022年7月5日

星期二

总第1449期

今日4版

{FIRST}

东昌府讯 7月4日，区长江绍华到古楼街道督导调研幸福食堂建设运营情况，要求把好事办好。

{SPLIT_PARAGRAPH}

{SECOND}

本报讯 7月3日晚，古楼街道在柳园广场举办消夏文艺晚会，居民载歌载舞。

（融媒体 全兴社）

{THIRD}

本报讯 新区路网改造工程7月1日启动，计划年底完工。

工程分三期进行，首期改造主干道五条。

（记者 李明）
"""

EDITED_ISSUE = ISSUE.replace("首期改造主干道五条。", "首期改造主干道六条，二期改造支路。")


def write_issue(folder: Path, text: str = ISSUE, name: str = "20220705.txt") -> Path:
    """The issue as a file in `folder` (made when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def import_file(archive: Archive, path: Path) -> None:
    """Import one file; it must be handled (imported, replaced or unchanged)."""
    report = import_paths(archive, [path])
    assert report.ok, (report.failed, report.conflict)


def issue_articles(archive: Archive) -> list[ArticleRecord]:
    """The archive's one issue's articles in reading order."""
    issue_id = archive.conn.execute("SELECT id FROM issues").fetchone()[0]
    return articles(archive, article_ids(archive, issue_id))


def key_of(archive: Archive, headline: str) -> str:
    """The key of the article with this headline."""
    return next(a.key for a in issue_articles(archive) if a.headline == headline)


def headlines(archive: Archive) -> list[str]:
    return [a.headline for a in issue_articles(archive)]


# --- one correction of each kind on ISSUE, and a check that it is in effect ---------------------

SECOND_BODY = "7月3日晚，古楼街道在柳园广场举办消夏文艺晚会，居民载歌载舞。"
THIRD_BODY = "新区路网改造工程7月1日启动，计划年底完工。\n工程分三期进行，首期改造主干道五条。"


def retitle_first(archive: Archive) -> None:
    corrections.retitle(
        archive, key_of(archive, FIRST), headline="区领导督导调研幸福食堂", byline="融媒体 记者"
    )


def was_retitled(archive: Archive) -> bool:
    first = issue_articles(archive)[0]
    return ("区领导督导调研幸福食堂", "融媒体 记者") == (first.headline, first.byline)


def split_first(archive: Archive) -> None:
    corrections.split(archive, key_of(archive, FIRST), 2)


def was_split(archive: Archive) -> bool:
    items = issue_articles(archive)
    return [FIRST, SPLIT_PARAGRAPH, SECOND, THIRD] == [a.headline for a in items] and "" == items[1].body


def merge_second(archive: Archive) -> None:
    corrections.merge(archive, key_of(archive, SECOND), key_of(archive, THIRD))


def was_merged(archive: Archive, third_body: str = THIRD_BODY) -> bool:
    items = issue_articles(archive)
    return [FIRST, SECOND] == [a.headline for a in items] and items[1].body == "\n".join(
        (SECOND_BODY, THIRD, third_body)
    )


def caption_second(archive: Archive) -> None:
    corrections.caption(archive, key_of(archive, SECOND))


def was_captioned(archive: Archive) -> bool:
    return "photo" == issue_articles(archive)[1].kind


EDITED_PARAGRAPH = "江绍华指出，幸福食堂是民生工程，要让老人吃得放心、吃得舒心。"


def edit_first(archive: Archive) -> None:
    corrections.edit_text(archive, key_of(archive, FIRST), 2, EDITED_PARAGRAPH)


def was_edited(archive: Archive) -> bool:
    first = issue_articles(archive)[0]
    return first.body.split("\n")[1] == EDITED_PARAGRAPH


KINDS: dict[str, tuple[Callable[[Archive], None], Callable[[Archive], bool]]] = {
    "retitle": (retitle_first, was_retitled),
    "split": (split_first, was_split),
    "merge": (merge_second, was_merged),
    "caption": (caption_second, was_captioned),
    "edit": (edit_first, was_edited),
}
