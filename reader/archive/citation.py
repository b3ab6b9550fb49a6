"""An article cited in the Chinese standard form for newspaper articles, GB/T 7714-2015:

    作者. 题名[N]. 报纸名, 出版日期(版次).
    全兴社. 我区全力打通基层治理“神经末梢”：网格化服务治理见实效[N]. 东昌时讯, 2022-07-05(1).

Staff paste these into reports and papers; the form is the standard's (its section on
newspaper articles), with authors separated by ", ", the subtitle after the title with a colon,
the date as YYYY-MM-DD and the page in brackets. The authors are the people the byline credits
(reader.text.shapes.credited_names: no 融媒体, 记者 or 摄); an article without a byline starts
with its title, as the standard allows. What the archive does not know is said in brackets
([出版日期不详]) rather than left out, so a citation never looks complete when it is not. The
demo issue's invented news says that it is not to be cited. Pure Python: the window, printouts
and the command line cite alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.archive.formatting import DEMO_NOTE, display_title
from reader.archive.records import ArticleRecord
from reader.text.shapes import credited_names

UNKNOWN_PAPER = "[报名不详]"
UNKNOWN_DATE = "[出版日期不详]"


def citation(record: ArticleRecord) -> str:
    """The article's GB/T 7714-2015 reference (作者. 题名[N]. 报纸名, 出版日期(版次).)."""
    authors = ", ".join(credited_names(record.byline))
    title = display_title(record)
    if record.headline.strip() and record.subtitle.strip():
        title = f"{title}：{record.subtitle.strip()}"
    page = f"({record.page})" if record.page is not None else ""
    text = f"{title}[N]. {record.publication or UNKNOWN_PAPER}, {record.date or UNKNOWN_DATE}{page}."
    if authors:
        text = f"{authors}. {text}"
    return f"{text}（{DEMO_NOTE}，不可引用）" if record.demo else text


def citations(records: Iterable[ArticleRecord]) -> str:
    """Several articles' references, one a line, in the order given."""
    return "\n".join(citation(record) for record in records)
