"""The day an undated issue's text suggests, to start the date dialog on it.

A dump without a masthead still says when it was written: "7月4日，区长来到…", "2022年7月5日上午".
News tells of the days just before the paper appeared, and sometimes of a day to come, so the
suggestion is the month most days mentioned fall in (of the year the text suggests, see
reader.text.masthead.year_hint, or a year written with the day), and in it the latest day
mentioned. It is only where the dialog starts: the user confirms or types another day.
Pure text: no SQLite, no Qt.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.text.masthead import valid_date

# 2022年7月5日 / 7月5日 / 7月5号; spaces bounded (as the other date patterns) so nothing backtracks.
_MENTION = re.compile(
    r"(?:((?:19|20)\d{2})\s{0,2}年\s{0,2})?(?<!\d)(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}[日号]"
)


def day_hint(text: str, year: int | None) -> str | None:
    """The ISO day `text` most likely appeared on, or None when it mentions no usable day.

    `year` is the year the text suggests: days written without a year count in it; days written
    with another year are left out (an anniversary, a plan for next year). Without `year` only
    days written with their year count."""
    days: list[tuple[int, int, int]] = []
    for match in _MENTION.finditer(text):
        written = int(match[1]) if match[1] else None
        day_year = written or year
        if day_year is None or (year is not None and day_year != year):
            continue
        month, day = int(match[2]), int(match[3])
        if valid_date(day_year, month, day) is not None:
            days.append((day_year, month, day))
    if not days:
        return None
    (best_year, best_month), _count = Counter((y, m) for y, m, _d in days).most_common(1)[0]
    latest = max(d for y, m, d in days if (y, m) == (best_year, best_month))
    return valid_date(best_year, best_month, latest)
