"""A publication's weekly schedule, inferred from its dated, numbered issues — pure logic, no SQL.

A paper numbers its issues consecutively (总第N期) and appears on fixed weekdays. Between two
issues we hold, the number of publishing days must equal the difference of their numbers; each
set of weekdays (127 of them) either explains a pair or not. The schedule is the set that
explains the most pairs (ties broken by how many of our issues fall on its days), and only when
every such best set agrees on how many issues a week there are: otherwise the data cannot tell
and we say so rather than guess. Where the best sets differ on a weekday, that day stays unknown,
and an expected date they disagree on is given as a span of days.

Numbers missing between two issues are reported only where the schedule explains that pair;
a pair it cannot explain (a holiday break, a misprinted number or date, a change of schedule) is
reported as a disagreement instead, since guessing dates there would be inventing them. A
schedule that explains fewer than half the pairs is no schedule at all: we say the data cannot
tell (a paper that changed, say, from weekly to twice a week may be refused for that reason).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_ALL_SETS = range(1, 1 << 7)  # every non-empty set of weekdays, bit d = weekday d (0 = Monday)
# A schedule must explain at least this share of the pairs of consecutive issues we hold: one
# that fits 33 pairs of 15,000 is a coincidence, not a schedule (holidays and misprints stay few).
MIN_EXPLAINED = 0.5


@dataclass(frozen=True, order=True)
class Sighting:
    """One issue we hold: its number and its (effective) date."""

    number: int
    date: dt.date


@dataclass(frozen=True)
class Schedule:
    """`per_week` issues a week; `weekdays` are the days known for sure (0 = Monday).

    `complete` when every publishing day is known (len(weekdays) == per_week).
    """

    per_week: int
    weekdays: frozenset[int]

    @property
    def complete(self) -> bool:
        return len(self.weekdays) == self.per_week

    def describe(self) -> str:
        """The schedule in Chinese: 每周2期（星期二，另1天无法确定）."""
        if self.per_week == 7:
            return "每天出版"
        known = "、".join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
        unknown = self.per_week - len(self.weekdays)
        if not unknown and self.per_week >= 5:
            off = "、".join(WEEKDAY_NAMES[d] for d in range(7) if d not in self.weekdays)
            return f"每周{self.per_week}期（{off}休刊）"
        if not unknown:
            return f"每周{self.per_week}期（{known}）"
        if not known:
            return f"每周{self.per_week}期（星期几无法确定）"
        return f"每周{self.per_week}期（{known}，另{unknown}天无法确定）"


@dataclass(frozen=True)
class Expected:
    """A missing issue: its number and the day (or span of days) the schedule puts it on."""

    number: int
    earliest: dt.date
    latest: dt.date

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


@dataclass(frozen=True)
class Disagreement:
    """Issues whose numbers and dates the schedule cannot reconcile, in Chinese."""

    numbers: tuple[int, ...]
    message: str


@dataclass(frozen=True)
class ScheduleReport:
    """What one publication's issues say: the schedule (None with `reason` when they cannot
    tell), the missing issues, and the disagreements. `evidence` is how many pairs of
    consecutive issues the schedule explains."""

    issues: int
    schedule: Schedule | None
    reason: str | None
    missing: tuple[Expected, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    evidence: int = 0


def _bits(mask: int) -> int:
    return bin(mask).count("1")


@dataclass(frozen=True)
class _Pair:
    """Two issues consecutive in our holdings; the days between them as whole weeks plus a rest."""

    first: Sighting
    second: Sighting

    @property
    def step(self) -> int:
        return self.second.number - self.first.number

    def shape(self) -> tuple[int, int, int]:
        """(number step, whole weeks, weekday mask of the leftover days) — all a fit depends on."""
        days = (self.second.date - self.first.date).days
        weeks, rest = divmod(days, 7)
        start = self.first.date.weekday()
        mask = 0
        for offset in range(1, rest + 1):
            mask |= 1 << ((start + offset) % 7)
        return self.step, weeks, mask


def _fits(weekdays: int, shape: tuple[int, int, int]) -> bool:
    step, weeks, mask = shape
    return weeks * _bits(weekdays) + _bits(weekdays & mask) == step


def _nth_day(weekdays: int, start: dt.date, n: int) -> dt.date:
    """The n-th publishing day after `start` (n ≥ 1)."""
    day = start
    while n:
        day += dt.timedelta(days=1)
        if weekdays >> day.weekday() & 1:
            n -= 1
    return day


def _chain(sightings: Iterable[Sighting]) -> tuple[list[Sighting], list[Disagreement]]:
    """One sighting per number (the earliest date), and the numbers printed on several dates."""
    dates: dict[int, set[dt.date]] = {}
    for s in sightings:
        dates.setdefault(s.number, set()).add(s.date)
    problems = [
        Disagreement((number,), f"第{number}期有多个日期：" + "、".join(d.isoformat() for d in sorted(days)))
        for number, days in sorted(dates.items())
        if len(days) > 1
    ]
    return [Sighting(n, min(days)) for n, days in sorted(dates.items())], problems


def infer_schedule(sightings: Iterable[Sighting]) -> ScheduleReport:
    """Infer the weekly schedule of one publication and what its issues lack.

    Never extrapolates: missing issues lie between two issues we hold. With fewer than two
    numbered issues, or when the best-fitting schedules disagree on the issues per week, the
    report has no schedule and `reason` says why (Chinese).
    """
    chain, problems = _chain(sightings)
    if len(chain) < 2:
        reason = f"只有{len(chain)}期有日期和期号，无法推算出版规律"
        return ScheduleReport(len(chain), None, reason, disagreements=tuple(problems))
    pairs = [_Pair(a, b) for a, b in itertools.pairwise(chain)]
    shapes = Counter(p.shape() for p in pairs if p.second.date > p.first.date)
    days_held = Counter(s.date.weekday() for s in chain)
    scored = {}
    for weekdays in _ALL_SETS:
        fit = sum(count for shape, count in shapes.items() if _fits(weekdays, shape))
        on_days = sum(count for day, count in days_held.items() if weekdays >> day & 1)
        scored[weekdays] = (fit, on_days)
    best = max(scored.values())
    if best[0] == 0:
        reason = "期号与日期不符合任何每周固定的出版规律，无法推算"
        return ScheduleReport(len(chain), None, reason, disagreements=tuple(problems))
    if best[0] < MIN_EXPLAINED * len(pairs):
        reason = (
            f"期号与日期大多对不上：{len(pairs)} 对相邻期次中只有 {best[0]} 对符合同一个每周固定的规律，"
            "无法推算（也可能中途改过出版规律）"
        )
        return ScheduleReport(len(chain), None, reason, disagreements=tuple(problems), evidence=best[0])
    candidates = [w for w, score in scored.items() if score == best]
    per_week = sorted({_bits(w) for w in candidates})
    if len(per_week) > 1:
        options = "或".join(str(k) for k in per_week)
        reason = f"证据不足：按现有{len(chain)}期，可能每周{options}期，无法确定"
        return ScheduleReport(len(chain), None, reason, disagreements=tuple(problems), evidence=best[0])
    known = 0b1111111
    for w in candidates:
        known &= w
    schedule = Schedule(per_week[0], frozenset(d for d in range(7) if known >> d & 1))
    missing, disagreements = _walk(pairs, candidates)
    return ScheduleReport(
        len(chain), schedule, None, tuple(missing), tuple(problems + disagreements), best[0]
    )


def _walk(pairs: list[_Pair], candidates: list[int]) -> tuple[list[Expected], list[Disagreement]]:
    """Missing issues of the pairs the schedule explains; the pairs it does not, as disagreements."""
    missing: list[Expected] = []
    problems: list[Disagreement] = []
    union = 0
    for w in candidates:
        union |= w
    for pair in pairs:
        a, b = pair.first, pair.second
        fitting = [w for w in candidates if b.date > a.date and _fits(w, pair.shape())]
        if not fitting:
            problems.append(Disagreement((a.number, b.number), _mismatch(pair, candidates)))
            continue
        for number in range(a.number + 1, b.number):
            days = [_nth_day(w, a.date, number - a.number) for w in fitting]
            missing.append(Expected(number, min(days), max(days)))
    held = [pairs[0].first] + [pair.second for pair in pairs]
    for s in held:
        if not union >> s.date.weekday() & 1:
            name = WEEKDAY_NAMES[s.date.weekday()]
            problems.append(
                Disagreement((s.number,), f"第{s.number}期（{s.date.isoformat()}，{name}）不在出版日")
            )
    return missing, problems


def _mismatch(pair: _Pair, candidates: list[int]) -> str:
    a, b = pair.first, pair.second
    head = f"第{a.number}期（{a.date.isoformat()}）与第{b.number}期（{b.date.isoformat()}）"
    if b.date <= a.date:
        return f"{head}：期号增加，日期却没有往后"
    _step, weeks, mask = pair.shape()
    expected = sorted({weeks * _bits(w) + _bits(w & mask) for w in candidates})
    span = "或".join(str(n) for n in expected)
    return f"{head}：期号相差{pair.step}，按出版规律应相差{span}"
