"""A result's snippet is the text around the first hit in the body, not the dateline or the byline
(issue 23, defect 8): a search for the place every local article is datelined from showed
「东昌府讯…」 and nothing else."""

from __future__ import annotations

from pathlib import Path

from archive_helpers import make_article, make_issue

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.archive.search import search

ARTICLES = [
    make_article(
        "区政府常务会议部署防汛工作",
        body="7月3日，区长主持召开区政府常务会议，研究部署防汛工作。\n会议要求东昌府区各部门落实责任。",
        dateline="东昌府讯",
        byline="融媒体 东昌府",
    ),
    make_article("图书馆开展读书活动", body="7月1日，区图书馆流动借阅车开进社区。", dateline="东昌府讯"),
    make_article("幸福食堂开业", body="东昌府讯 6月14日，幸福食堂在东城街道开门迎客。"),
    make_article("城区绿化综述", body="全区绿化成效明显。", kicker="东昌府区 绿化专题"),
]


def snippets(path: Path, text: str) -> dict[str, str]:
    """Headline → snippet of every result for `text`, in an archive of ARTICLES."""
    with open_archive(path) as archive:
        import_issue(archive, make_issue(ARTICLES))
        return {hit.headline: hit.snippet for hit in search(archive, text).hits}


def test_a_snippet_shows_the_bodys_first_hit_not_the_dateline_or_byline(tmp_path: Path) -> None:
    shown = snippets(tmp_path / "archive.sqlite3", "东昌府")
    assert 4 == len(shown)
    assert shown["区政府常务会议部署防汛工作"].startswith("…会议要求【东昌府】区各部门落实责任")
    assert "7月1日，区图书馆流动借阅车开进社区。" == shown["图书馆开展读书活动"]  # only its dateline hit
    assert shown["幸福食堂开业"].startswith("6月14日，幸福食堂")  # a dateline the body begins with
    assert "【东昌府】区 绿化专题" in shown["城区绿化综述"]  # no hit in the body: the kicker's
    assert not any(snippet.startswith("【东昌府】讯") for snippet in shown.values())
