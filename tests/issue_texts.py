"""Small issue dumps written for the tests (invented news), in the shapes the parser reads; and
the damage a bad sector does to an archive file."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

MASTHEAD = "东昌时讯\n\n{date}\n\n星期二\n\n总第{number}期\n\n今日4版\n\n"

FRONT_PAGE = (
    ("幸福食堂开张 老人吃上热乎饭", "近日，柳园街道幸福食堂正式开张，辖区六十岁以上老人凭卡就餐可享受补贴。"),
    (
        "城区新增三处口袋公园",
        "位于柳园路、光岳路沿线的三处口袋公园相继完工并向市民开放，总面积约四千平方米。",
    ),
    ("区政务服务中心推出延时服务", "即日起，区政务服务中心在工作日中午和傍晚提供延时服务，方便上班族办事。"),
)
SECOND_PAGE = (("夏粮收购有序进行", "连日来，全区各收储点开秤收购新麦，农户售粮排队时间明显缩短。"),)
THIRD_PAGE = (("社区书屋暑期开放", "暑假期间，各社区书屋每天开放八小时，并开展亲子阅读活动。"),)


# Two pages whose bylines name several people, one article unsigned (browse by author, issue 23).
BYLINED_ISSUE = MASTHEAD.format(date="2022年7月5日", number=1449) + "\n\n".join(
    (
        "第一版",
        "幸福食堂开张 老人吃上热乎饭",
        "东昌府讯 柳园街道幸福食堂正式开张，老人凭卡就餐。",
        "（融媒体 记者 张三 李四）",
        "城区新增三处口袋公园",
        "东昌府讯 三处口袋公园相继完工并向市民开放。",
        "（融媒体 记者 王五）",
        "第二版",
        "夏粮收购有序进行",
        "东昌府讯 全区各收储点开秤收购新麦。",
        "（融媒体 记者 张三）",
        "社区书屋暑期开放",
        "东昌府讯 各社区书屋每天开放八小时。",
        "区政务服务中心推出延时服务",
        "东昌府讯 工作日中午和傍晚提供延时服务。",
        "（通讯员 赵六）",
    )
)


def issue_text(
    articles: Sequence[tuple[str, str]],
    *,
    date: str | None = "2022年7月5日",
    number: int = 1449,
    page: str | None = None,
) -> str:
    """A dump: the masthead (unless `date` is None), a page banner, then each article with a
    dateline, a second paragraph and a credit."""
    parts = [MASTHEAD.format(date=date, number=number)] if date else []
    if page:
        parts.append(f"{page}\n\n")
    for headline, body in articles:
        parts.append(
            f"{headline}\n\n东昌府讯 {body}\n\n这是{headline[:4]}的第二段。\n\n（融媒体 记者甲）\n\n"
        )
    return "".join(parts)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a dump, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage, as a bad sector would."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size + (100 if root == 1 else 0))
        file.write(bytes([0x0D, 0xFF, 0xFF, 0x00, 0x09]) + b"\xa5" * 200)


def many_issues(folder: Path, count: int, undated: int = 0, *, first: int = 0) -> list[Path]:
    """`count` dated issues (one a day from 2020-01-01, three articles each, all different) and
    `undated` undated ones, written into `folder`; returns the files in import order.

    `first` skips that many of each kind: a later call with `first` the count written so far
    makes issues new to an archive that holds the earlier ones (days, numbers and texts follow
    on), for an import that must write something each round."""
    import datetime as dt

    files = []
    day = dt.date(2020, 1, 1)
    for n in range(first, first + count):
        date = day + dt.timedelta(days=n)
        articles = [
            (
                f"第{n}期第{k}篇：{FRONT_PAGE[k][0]}",
                f"{date:%Y年%m月%d日}消息，{FRONT_PAGE[k][1]}（编号{n}-{k}）",
            )
            for k in range(3)
        ]
        text = issue_text(articles, date=f"{date.year}年{date.month}月{date.day}日", number=1000 + n)
        files.append(write(folder / f"{date:%Y-%m-%d}.txt", text))
    for n in range(first, first + undated):
        articles = [(f"扫描件{n}：{THIRD_PAGE[0][0]}", f"{THIRD_PAGE[0][1]}（扫描编号{n}）")]
        files.append(write(folder / f"扫描{n:03d}.txt", issue_text(articles, date=None)))
    return files
