"""Hand-built parsed issues for archive tests that need control over every field."""

from __future__ import annotations

import hashlib

from reader.text.model import Article, DateHint, ParsedIssue


def make_article(headline: str, body: str = "", page: int | None = 1, **fields: str) -> Article:
    """An article with a body derived from the headline unless given."""
    return Article(page=page, headline=headline, body=body or f"{headline}的正文。第二段。", **fields)  # type: ignore[arg-type]


def make_issue(
    articles: list[Article],
    date: str | None = "2022-07-05",
    number: int | None = 1449,
    publication: str | None = "东昌时讯",
    source: str = "issue.txt",
    **fields: object,
) -> ParsedIssue:
    """A parsed issue whose content hash follows its articles, as a real re-parse would."""
    digest = hashlib.sha256(repr((date, number, publication, articles, fields)).encode()).hexdigest()
    return ParsedIssue(
        source=source,
        content_hash=digest,
        publication=publication,
        date=date,
        date_source="masthead" if date else None,
        number=number,
        articles=tuple(articles),
        **fields,  # type: ignore[arg-type]
    )


FULL_ISSUE = make_issue(
    [
        make_article(
            "我区全力打通基层治理“神经末梢”",
            body="东昌府讯 今年以来……\n第二段。",
            kicker="夯实基层基础 创新治理措施",
            subtitle="网格化服务治理见实效",
            dateline="东昌府讯",
            byline="融媒体 全兴社",
            kind="news",
        ),
        make_article("", body="图为志愿者在社区服务。", page=2, kind="photo"),
        make_article("时政简讯", page=4, kind="brief"),
    ],
    weekday="星期二",
    lunar="农历壬寅年六月初七",
    page_count=4,
    sections=("网址：http://dcf.lcxw.cn",),
    date_hint=DateHint(None, ""),
)
