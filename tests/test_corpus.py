"""The test corpus reads as the other tests assume (see corpus_support): when the parser changes,
these say which assumption broke before the GUI, export and search tests fail in puzzling ways."""

from __future__ import annotations

import pytest
from corpus_support import (
    APPROVAL_HEADLINE,
    CORPUS_DIR,
    LEAD_HEADLINE,
    MAILBOX_HEADLINE,
    VISIT_HEADLINE,
    VISIT_SENTENCE,
    corpus_files,
)

from reader.text import read_issue
from reader.text.model import Article, ParsedIssue


def parsed(name: str) -> ParsedIssue:
    return read_issue(CORPUS_DIR / name)


def article(issue: ParsedIssue, headline: str) -> Article:
    [found] = [a for a in issue.articles if a.headline == headline]
    return found


@pytest.fixture(scope="module")
def issues() -> list[ParsedIssue]:
    return [read_issue(path) for path in corpus_files()]


def test_the_corpus_holds_two_papers_on_three_days_and_one_undated_issue(issues: list[ParsedIssue]) -> None:
    assert [
        ("东昌时讯", "2023-06-13", 1501),
        ("东昌时讯", "2023-07-04", 1504),
        ("今日开发区", "2023-06-16", 402),
        (None, None, None),
    ] == [(i.publication, i.date, i.number) for i in issues]


def test_the_masthead_issue_reads_its_whole_masthead(masthead_issue: ParsedIssue) -> None:
    assert ("星期二", "农历癸卯年四月廿六", 4, "masthead") == (
        masthead_issue.weekday,
        masthead_issue.lunar,
        masthead_issue.page_count,
        masthead_issue.date_source,
    )


def test_the_lead_has_kicker_subtitle_dateline_byline_and_a_rejoined_paragraph(
    masthead_issue: ParsedIssue,
) -> None:
    lead = masthead_issue.articles[0]
    assert (LEAD_HEADLINE, "聚焦民生实事 提升服务温度", "东昌府讯", "融媒体 记者 林晓东", "news") == (
        lead.headline,
        lead.kicker,
        lead.dateline,
        lead.byline,
        lead.kind,
    )
    assert lead.subtitle.startswith("全区建成幸福食堂86处")
    assert len(lead.body) > 500
    assert any("村集体房屋改造建设，节约建设资金" in p for p in lead.body.split("\n"))


def test_bylines_are_read_after_before_and_around_the_body(masthead_issue: ParsedIssue) -> None:
    assert "融媒体 韩振宇" == article(masthead_issue, VISIT_HEADLINE).byline
    approval = article(masthead_issue, APPROVAL_HEADLINE)
    assert ("融媒体 王海涛", "") == (approval.byline, approval.dateline)
    assert "融媒体 郑雨辰 通讯员 李倩" == article(masthead_issue, MAILBOX_HEADLINE).byline


def test_the_visit_article_has_its_sentence_on_page_one(masthead_issue: ParsedIssue) -> None:
    visit = article(masthead_issue, VISIT_HEADLINE)
    assert 1 == visit.page
    assert VISIT_SENTENCE in visit.body


def test_the_masthead_issue_has_an_untitled_photo_briefs_and_two_pages(masthead_issue: ParsedIssue) -> None:
    kinds = [(a.page, a.kind, bool(a.headline)) for a in masthead_issue.articles]
    assert (1, "photo", False) in kinds
    assert 2 == kinds.count((2, "brief", True))
    assert [1, 2] == sorted({a.page for a in masthead_issue.articles})
    assert [2, 2] == [article(masthead_issue, h).page for h in (APPROVAL_HEADLINE, MAILBOX_HEADLINE)]


def test_the_markdown_dump_keeps_its_sub_heads_as_paragraphs() -> None:
    issue = parsed("02_dongchang_markdown.txt")
    feature = article(issue, "小网格托起大民生")
    assert "我区推进网格化服务管理见闻" == feature.subtitle
    assert "融媒体 林晓东 通讯员 李倩" == feature.byline
    paragraphs = feature.body.split("\n")
    assert {"一张清单摸清底数", "一部手机连通诉求", "一支队伍守护平安"} <= set(paragraphs)
    assert paragraphs[-1].endswith("为居民筑起安全防线。")


def test_the_undated_issue_suggests_2019() -> None:
    issue = parsed("04_kaifaqu_undated.txt")
    assert (None, 2019) == (issue.date, issue.date_hint.year)
    assert "喜迎国庆 开发区——" == issue.articles[0].kicker


def test_searched_words_sit_where_the_search_tests_expect(issues: list[ParsedIssue]) -> None:
    every = [a for issue in issues for a in issue.articles]
    assert [VISIT_HEADLINE] == [a.headline for a in every if "幸福食堂" in a.headline]
    assert [MAILBOX_HEADLINE] == [a.headline for a in every if "红色邮箱" in a.headline]
    assert {"东昌时讯", "今日开发区"} == {
        i.publication for i in issues for a in i.articles if "区长江绍华" in a.body
    }
