"""复制引文: GB/T 7714-2015 references of newspaper articles (作者. 题名[N]. 报纸名, 出版日期(版次).)
and the names a byline credits."""

from __future__ import annotations

import pytest

from reader.archive.citation import citation, citations
from reader.archive.records import ArticleRecord
from reader.text.shapes import credited_names


def record(**fields: object) -> ArticleRecord:
    base: dict[str, object] = {
        "id": 1, "key": "k", "issue_id": 1, "position": 0, "page": 1, "kicker": "夯实基层基础",
        "headline": "我区全力打通基层治理“神经末梢”", "subtitle": "", "dateline": "东昌府讯",
        "byline": "融媒体 全兴社", "body": "今年以来……", "kind": "news", "publication": "东昌时讯",
        "date": "2022-07-05", "weekday": "星期二", "number": 1449,
    }  # fmt: skip
    return ArticleRecord(**{**base, **fields})  # type: ignore[arg-type]


def test_a_newspaper_article_in_the_standard_form() -> None:
    assert "全兴社. 我区全力打通基层治理“神经末梢”[N]. 东昌时讯, 2022-07-05(1)." == citation(record())


def test_subtitle_several_authors_and_a_later_page() -> None:
    cited = citation(record(subtitle="网格化服务治理见实效", byline="本报记者 李四 通讯员 王五", page=3))
    assert (
        "李四, 王五. 我区全力打通基层治理“神经末梢”：网格化服务治理见实效[N]. 东昌时讯, 2022-07-05(3)."
        == cited
    )


def test_what_the_archive_does_not_know_is_said_not_left_out() -> None:
    cited = citation(record(byline="", publication=None, date=None, page=None))
    assert "我区全力打通基层治理“神经末梢”[N]. [报名不详], [出版日期不详]." == cited


def test_an_untitled_photo_is_cited_by_its_caption_and_the_demo_is_marked() -> None:
    photo = record(headline="", kind="photo", body="图为志愿者在社区服务。", byline="融媒体 韩振宇 摄")
    assert citation(photo).startswith("韩振宇. 〔图〕志愿者在社区服务。[N]. 东昌时讯")
    assert citation(record(demo=True)).endswith("（演示内容（虚构新闻，并非真实报道），不可引用）")


def test_several_articles_one_a_line() -> None:
    assert 2 == len(citations([record(), record(page=2)]).split("\n"))


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("融媒体 记者 林晓东", ["林晓东"]),
        ("融媒体 韩振宇 摄", ["韩振宇"]),
        ("本报记者李四 通讯员 王五", ["李四", "王五"]),
        ("东昌府区融媒体中心 张三", ["张三"]),
        ("文/图 张三", ["张三"]),
        ("（通讯员 李四）", ["李四"]),
        ("融媒体", []),
        ("", []),
    ],
)
def test_the_names_a_byline_credits(byline: str, names: list[str]) -> None:
    assert names == credited_names(byline)
