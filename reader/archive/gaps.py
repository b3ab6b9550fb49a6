"""Missing issues per publication: the archive's numbered issues handed to reader.archive.schedule.

The inference itself is pure (schedule.py); this module only reads what it needs — each
publication's dated issues with their 总第N期 — and leaves out an expected day on which the
archive does hold an issue of that paper without a number (most likely the "missing" one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from reader.archive.handle import Archive
from reader.archive.queries import EFFECTIVE_DATE
from reader.archive.schedule import Expected, ScheduleReport, Sighting, infer_schedule


@dataclass(frozen=True)
class PublicationGaps:
    """One publication's schedule report (see ScheduleReport)."""

    publication: str
    report: ScheduleReport


def _issues(archive: Archive, publication: str | None) -> dict[str, tuple[list[Sighting], set[dt.date]]]:
    """Per publication: its numbered dated issues, and the days of its unnumbered dated ones."""
    where = f"p.name IS NOT NULL AND {EFFECTIVE_DATE} IS NOT NULL"
    args: list[str] = []
    if publication is not None:
        where += " AND p.name = ?"
        args.append(publication)
    rows = archive.conn.execute(
        f"SELECT p.name, {EFFECTIVE_DATE}, i.number FROM issues i"
        f" JOIN publications p ON p.id = i.publication_id WHERE {where}",
        args,
    )
    found: dict[str, tuple[list[Sighting], set[dt.date]]] = {}
    for name, date, number in rows:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            continue
        sightings, unnumbered = found.setdefault(name, ([], set()))
        if number is None:
            unnumbered.add(day)
        else:
            sightings.append(Sighting(int(number), day))
    return found


def publication_gaps(archive: Archive, publication: str | None = None) -> list[PublicationGaps]:
    """Each publication's (or only `publication`'s) schedule and missing issues, by name."""
    result: list[PublicationGaps] = []
    for name, (sightings, unnumbered) in sorted(_issues(archive, publication).items()):
        report = infer_schedule(sightings)
        kept = tuple(m for m in report.missing if not (m.exact and m.earliest in unnumbered))
        result.append(PublicationGaps(name, replace(report, missing=kept)))
    return result


def expected_days(gaps: list[PublicationGaps], year: int, month: int) -> dict[str, list[tuple[str, int]]]:
    """The days of one month on which a missing issue is expected for sure (its date is exact):
    ISO day → [(publication, number)]. Spans of possible days are left to `info --gaps`."""
    days: dict[str, list[tuple[str, int]]] = {}
    for entry in gaps:
        for missing in entry.report.missing:
            if _in_month(missing, year, month):
                days.setdefault(missing.earliest.isoformat(), []).append((entry.publication, missing.number))
    return days


def unpinned(gaps: list[PublicationGaps], year: int, month: int) -> list[tuple[str, Expected]]:
    """The missing issues the schedule cannot pin to one day whose span of possible days reaches
    into this month, as (publication, missing issue) in order: the calendar has no day to
    outline for them, so it lists them under itself."""
    first = dt.date(year, month, 1)
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return [
        (entry.publication, missing)
        for entry in gaps
        for missing in entry.report.missing
        if not missing.exact and missing.earliest <= last and missing.latest >= first
    ]


def _in_month(missing: Expected, year: int, month: int) -> bool:
    return missing.exact and (missing.earliest.year, missing.earliest.month) == (year, month)
