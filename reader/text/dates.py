"""Dates as people type them, read one way for every command and the window.

Staff write 2022-07-01, 2022/7/1, 2022.7.1, 20220701 or 2022年7月1日, and often mean a whole year
or month ("2022", "2022年7月"). A date range filter needs a day at each end, so a year or month
alone is a span: `--from 2022-07` starts on its first day, `--to 2022-07` ends on its last.

The archive compares dates as ISO text (YYYY-MM-DD); `require_iso` is the check its filters
apply, so text that was never read through here cannot reach SQL and match nothing in silence.
Pure text: no SQLite, no Qt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

ACCEPTED_FORMS = (
    "2022-07-01、2022-7-1、2022/7/1、2022.7.1、20220701、2022年7月1日；"
    "只写年或年月表示整年或整月：2022、2022年、2022-07、2022/7、2022年7月"
)

_SEPARATED = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?")
_CHINESE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号]?)?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateError(ValueError):
    """Text that is no date; `str()` is a complete Chinese message for the user."""


def date_span(text: str) -> tuple[str, str]:
    """The first and last day (ISO) that `text` names: equal for a day, wider for a year or month.

    Full-width digits and separators are read like ASCII ones. Raises DateError, whose message
    quotes the input and lists the accepted forms, or says that the date does not exist (2022-02-30, 2022-13).
    """
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    parts = _parts(cleaned)
    if not cleaned:
        raise DateError(f"没有填写日期。可以这样写：{ACCEPTED_FORMS}")
    if parts is None:
        raise DateError(f"看不懂的日期：{text}。可以这样写：{ACCEPTED_FORMS}")
    year, month, day = parts
    try:
        if day is not None:
            first = last = dt.date(year, month or 1, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            last = first.replace(day=calendar.monthrange(year, month)[1])
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError as err:
        raise DateError(f"日期不存在：{text}。可以这样写：{ACCEPTED_FORMS}") from err
    return first.isoformat(), last.isoformat()


def date_start(text: str) -> str:
    """The ISO day a range starting at `text` starts on (a year or month alone: its first day)."""
    return date_span(text)[0]


def date_end(text: str) -> str:
    """The ISO day a range ending at `text` ends on (a year or month alone: its last day)."""
    return date_span(text)[1]


DAY_FORMS = "2022-07-05、2022-7-5、2022/07/05、2022.7.5、20220705、2022年7月5日"


def exact_day(text: str) -> str:
    """The one day (ISO) that `text` names, for a date given to an issue: every form `date_span`
    reads, but a year or month alone is refused (an issue appears on one day).

    Raises DateError with a complete Chinese message quoting the input."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    parts = _parts(cleaned)
    if parts is not None and parts[2] is None:
        raise DateError(f"请写到哪一天：{text}。可以这样写：{DAY_FORMS}")
    try:
        first, _last = date_span(text)
    except DateError as err:
        if not cleaned:
            raise DateError(f"没有填写日期。可以这样写：{DAY_FORMS}") from err
        if parts is None:
            raise DateError(f"看不懂的日期：{text}。可以这样写：{DAY_FORMS}") from err
        raise DateError(f"日期不存在：{text}") from err
    return first


def require_iso(value: str) -> str:
    """`value` itself when it is a real day written YYYY-MM-DD, else DateError.

    For code that hands dates on to the archive: it accepts only what `date_span` produces, so
    a caller that skipped reading the user's text fails loudly instead of matching nothing.
    """
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        raise DateError(f"日期须写成 YYYY-MM-DD（如 2022-07-01），收到的是：{value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError as err:
        raise DateError(f"日期不存在：{value}") from err
    return value


def _parts(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) as written, month and day None when left out; None when unreadable."""
    for pattern in (_COMPACT, _SEPARATED, _CHINESE):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        numbers = [g for g in match.groups() if g is not None and g.isdigit()]
        year = int(numbers[0])
        month = int(numbers[1]) if len(numbers) > 1 else None
        day = int(numbers[2]) if len(numbers) > 2 else None
        return year, month, day
    return None
