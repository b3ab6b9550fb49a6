"""Names read from bylines as papers print them: roles, bodies and marks around the people."""

from __future__ import annotations

import pytest

from reader.text.bylines import authors_of, credits_at_start


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("本报记者 张三 通讯员 李四", ("张三", "李四")),
        ("融媒体 王建文 摄", ("王建文",)),  # 文 is part of the name, 摄 is the mark
        ("□ 赵小川", ("赵小川",)),
        ("（东昌府区融媒体中心记者 刘洋）", ("刘洋",)),
        ("文/图 孙悦", ("孙悦",)),
        ("张三/图", ("张三",)),
        ("张三摄", ("张三",)),
        ("记者：张三、李四、王五、赵六", ("张三", "李四", "王五", "赵六")),
        ("阿卜杜·热合曼 摄", ("阿卜杜·热合曼",)),
        ("记者 张三 张三", ("张三",)),
    ],
)
def test_the_people_a_byline_names_in_print_order(byline: str, names: tuple[str, ...]) -> None:
    assert names == authors_of(byline)


@pytest.mark.parametrize("byline", ["", "区委宣传部", "县统计局 供稿", "通讯员 宣传部", "本报评论员"])
def test_a_byline_that_names_no_person_gives_no_author(byline: str) -> None:
    assert () == authors_of(byline)


def test_paragraphs_that_open_with_neither_credit_nor_dateline_are_left_as_they_are() -> None:
    paragraphs = ["近日，街道的幸福食堂开张。", "本报记者 李华"]
    assert ("", "", paragraphs) == credits_at_start(paragraphs)
