"""Schedule inference on invented issue lists: what it infers, and when it refuses to guess."""

from __future__ import annotations

import datetime as dt

from reader.archive.schedule import Expected, Sighting, infer_schedule

MONDAY = dt.date(2024, 1, 1)


def _run(
    weekdays: set[int], weeks: int, first: int = 100, drop: frozenset[int] = frozenset()
) -> list[Sighting]:
    """Issues numbered from `first` on `weekdays` for `weeks` weeks, without the numbers in `drop`."""
    sightings, number = [], first
    for offset in range(weeks * 7):
        day = MONDAY + dt.timedelta(days=offset)
        if day.weekday() in weekdays:
            if number not in drop:
                sightings.append(Sighting(number, day))
            number += 1
    return sightings


def test_two_tuesdays_ten_numbers_apart_mean_twice_a_week_with_nine_missing() -> None:
    report = infer_schedule([Sighting(1449, dt.date(2022, 7, 5)), Sighting(1459, dt.date(2022, 8, 9))])
    assert report.schedule is not None
    assert report.schedule.per_week == 2
    assert report.schedule.weekdays == frozenset({1})
    assert [m.number for m in report.missing] == list(range(1450, 1459))
    assert Expected(1451, dt.date(2022, 7, 12), dt.date(2022, 7, 12)) in report.missing
    assert Expected(1450, dt.date(2022, 7, 6), dt.date(2022, 7, 11)) in report.missing


def test_daily_except_sunday_is_recognised_and_missing_days_are_exact() -> None:
    report = infer_schedule(_run({0, 1, 2, 3, 4, 5}, weeks=6, drop=frozenset({110, 111})))
    assert report.schedule is not None
    assert report.schedule.describe() == "每周6期（星期日休刊）"
    assert [(m.number, m.earliest, m.exact) for m in report.missing] == [
        (110, dt.date(2024, 1, 12), True),
        (111, dt.date(2024, 1, 13), True),
    ]
    assert report.disagreements == ()


def test_weekly_paper_on_thursdays() -> None:
    report = infer_schedule(_run({3}, weeks=10, drop=frozenset({104})))
    assert report.schedule is not None
    assert report.schedule.describe() == "每周1期（星期四）"
    assert report.missing == (Expected(104, dt.date(2024, 2, 1), dt.date(2024, 2, 1)),)


def test_tuesday_and_friday_with_both_days_known() -> None:
    report = infer_schedule(_run({1, 4}, weeks=8, drop=frozenset({103})))
    assert report.schedule is not None
    assert report.schedule.weekdays == frozenset({1, 4})
    assert report.schedule.complete


def test_one_issue_cannot_tell_a_schedule() -> None:
    report = infer_schedule([Sighting(5, MONDAY)])
    assert report.schedule is None
    assert report.reason == "只有1期有日期和期号，无法推算出版规律"


def test_two_issues_two_days_apart_cannot_tell_how_many_a_week() -> None:
    report = infer_schedule([Sighting(5, MONDAY), Sighting(6, MONDAY + dt.timedelta(days=2))])
    assert report.schedule is None
    assert report.reason is not None and report.reason.startswith("证据不足")
    assert report.missing == ()


def test_a_break_in_publication_is_a_disagreement_not_missing_issues() -> None:
    sightings = _run({0, 1, 2, 3, 4, 5}, weeks=4)
    # Two weeks off (Spring Festival), numbering goes on where it stopped.
    after = [Sighting(s.number + len(sightings), s.date + dt.timedelta(days=42)) for s in sightings]
    report = infer_schedule(sightings + after)
    assert report.schedule is not None and report.schedule.per_week == 6
    assert report.missing == ()
    assert len(report.disagreements) == 1
    assert "按出版规律应相差" in report.disagreements[0].message


def test_a_number_printed_on_two_dates_is_reported() -> None:
    sightings = _run({2}, weeks=5)
    sightings.append(Sighting(sightings[2].number, sightings[2].date + dt.timedelta(days=1)))
    report = infer_schedule(sightings)
    assert any(d.numbers == (sightings[2].number,) and "多个日期" in d.message for d in report.disagreements)


def test_an_issue_off_the_schedule_days_is_reported() -> None:
    sightings = _run({0, 3}, weeks=10)
    moved = sightings[7]
    sightings[7] = Sighting(moved.number, moved.date + dt.timedelta(days=1))  # a Friday
    report = infer_schedule(sightings)
    assert report.schedule is not None and report.schedule.weekdays == frozenset({0, 3})
    assert any("不在出版日" in d.message for d in report.disagreements)


def test_numbers_without_a_schedule_are_not_reported_missing() -> None:
    report = infer_schedule([Sighting(1, MONDAY), Sighting(9, MONDAY + dt.timedelta(days=3))])
    assert report.schedule is None
    assert report.missing == ()


def test_a_schedule_explaining_few_of_the_pairs_is_refused() -> None:
    weekly = _run({3}, weeks=4)  # four Thursdays, numbers 100–103: three pairs fit
    scattered = [Sighting(200 + 7 * k, MONDAY + dt.timedelta(days=40 + 3 * k)) for k in range(8)]
    report = infer_schedule(weekly + scattered)
    assert report.schedule is None
    assert report.reason is not None and "大多对不上" in report.reason
    assert report.missing == ()
