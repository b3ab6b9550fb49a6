"""Citing a newspaper article the way Chinese references do: GB/T 7714-2015, type [N].

    作者. 题名[N]. 报纸名, 出版日期(版次).
    张三, 李四. 区长走访网格员[N]. 东昌时讯, 2022-07-05(1).

Staff paste these into reports and theses, so the form follows the standard (section 8 and
its newspaper example): authors separated by ', ', more than three cut to the first three and
'等', a subtitle after the title with a colon, the date in ISO form, the page (版次) in brackets
after it. An article without a byline starts with its title, as the standard allows; a paper
or date the archive does not know is said in brackets ([出版日期不详]), as the standard does for
an unknown publisher, so a citation never looks complete when it is not. Plain text only (no
Qt): the window, the command line and the Word export share it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.archive.formatting import DEMO_NOTE, article_source, display_title
from reader.archive.records import ArticleRecord
from reader.text.bylines import authors_of

MAX_AUTHORS = 3  # GB/T 7714-2015 8.1.2: the first three, then 等
UNKNOWN_PAPER = "[报名不详]"
UNKNOWN_DATE = "[出版日期不详]"


def author_part(byline: str) -> str:
    """'张三, 李四' (or '张三, 李四, 王五, 等' beyond three); '' when the byline names nobody."""
    names = list(authors_of(byline))
    if len(names) > MAX_AUTHORS:
        return ", ".join([*names[:MAX_AUTHORS], "等"])
    return ", ".join(names)


def citation(article: ArticleRecord) -> str:
    """The article's reference entry; invented demo news says so, so it is never cited as news."""
    authors = author_part(article.byline)
    title = display_title(article)
    if article.headline.strip() and article.subtitle.strip():
        title = f"{title}：{article.subtitle.strip()}"
    page = f"({article.page})" if article.page is not None else ""
    entry = f"{title}[N]. {article.publication or UNKNOWN_PAPER}, {article.date or UNKNOWN_DATE}{page}."
    if authors:
        entry = f"{authors}. {entry}"
    return f"{entry}（{DEMO_NOTE}，不可引用）" if article.demo else entry


def reference_list(articles: Sequence[ArticleRecord]) -> str:
    """Numbered entries, one per line ('[1] …'), in the order given: a reference list to paste."""
    return "\n".join(f"[{number}] {citation(a)}" for number, a in enumerate(articles, start=1))


def text_with_source(article: ArticleRecord) -> str:
    """The article as one pastes it into a document (复制全文): kicker, headline, subtitle, source
    line, byline, the body's paragraphs, and its citation last, so pasted text always says where
    it came from."""
    heading = [article.kicker.strip(), article.headline.strip()]
    if article.subtitle.strip():
        heading.append(f"——{article.subtitle.strip()}")
    lines = [x for x in heading if x]
    lines.append(article_source(article))
    if article.byline.strip():
        lines.append(article.byline.strip())
    paragraphs = [line.strip() for line in article.body.split("\n") if line.strip()]
    dateline = article.dateline.strip()
    if dateline and paragraphs and not paragraphs[0].startswith(dateline):
        paragraphs[0] = f"{dateline}\u3000{paragraphs[0]}"
    return "\n".join([*lines, "", *paragraphs, "", f"引用：{citation(article)}"])
