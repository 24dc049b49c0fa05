"""Vietnamese public-sector working days, as pure functions over a `WorkCalendar` value.

No database here: the services build a `WorkCalendar` from the `CalendarDay` rows, tests build one by hand.
Every count returns what it skipped and which make-up working days it counted, so a deadline can explain itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

HOLIDAY = "holiday"
DAY_OFF = "day_off"
WORKING_DAY = "working_day"
WEEKEND = "weekend"

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

ONE_DAY = dt.timedelta(days=1)


def weekday_name(day: dt.date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


@dataclass(frozen=True)
class SpecialDay:
    """A day that differs from the normal week; `kind` is holiday, day_off or working_day."""

    date: dt.date
    kind: str
    name: str = ""
    source: str = ""


@dataclass(frozen=True)
class SkippedDay:
    """A day a count passed over, and why: a weekend day, a public holiday or a day off."""

    date: dt.date
    kind: str  # weekend | holiday | day_off
    reason: str  # "Thứ Bảy", "Chủ nhật", "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương"…

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "weekday": weekday_name(self.date),
            "kind": self.kind,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class DayCount:
    """The result of a count: the end day, plus what was skipped and which make-up days were counted.

    Unpacks as `(end, skipped)`.
    """

    end: dt.date
    skipped: tuple[SkippedDay, ...] = ()
    made_up: tuple[SpecialDay, ...] = ()
    shifted_from: dt.date | None = None
    shift_skipped: tuple[SkippedDay, ...] = field(default=())

    def __iter__(self) -> Iterator:
        yield self.end
        yield list(self.skipped)


class WorkCalendar:
    """Saturday and Sunday off, plus the special days an administrator maintains per year."""

    def __init__(self, days: Iterable[SpecialDay] = (), *, weekend: tuple[int, ...] = (5, 6)):
        self._days: dict[dt.date, SpecialDay] = {d.date: d for d in days}
        self.weekend = weekend

    @classmethod
    def from_rows(cls, rows: Iterable) -> WorkCalendar:
        """Build from objects with `date`, `kind`, `name`, `source` (CalendarDay rows)."""
        return cls(SpecialDay(date=r.date, kind=r.kind, name=r.name, source=getattr(r, "source", "")) for r in rows)

    def special(self, day: dt.date) -> SpecialDay | None:
        return self._days.get(day)

    def years(self) -> set[int]:
        return {d.year for d in self._days}

    def is_working_day(self, day: dt.date) -> bool:
        special = self._days.get(day)
        if special is not None:
            return special.kind == WORKING_DAY
        return day.weekday() not in self.weekend

    def why_not_working(self, day: dt.date) -> SkippedDay | None:
        """None for a working day; otherwise the reason, the holiday's own name before the weekday."""
        special = self._days.get(day)
        if special is not None:
            if special.kind == WORKING_DAY:
                return None
            return SkippedDay(date=day, kind=special.kind, reason=special.name or weekday_name(day))
        if day.weekday() in self.weekend:
            return SkippedDay(date=day, kind=WEEKEND, reason=weekday_name(day))
        return None

    def made_up_day(self, day: dt.date) -> SpecialDay | None:
        """The special row when `day` is a weekend day worked in exchange for a day off."""
        special = self._days.get(day)
        if special is not None and special.kind == WORKING_DAY and day.weekday() in self.weekend:
            return special
        return None

    def next_working_day(self, day: dt.date, *, include_today: bool = True) -> DayCount:
        """The first working day on or after `day` (after it, with include_today=False), and the days passed over."""
        skipped: list[SkippedDay] = []
        current = day if include_today else day + ONE_DAY
        while not self.is_working_day(current):
            skipped.append(self.why_not_working(current))
            current += ONE_DAY
        return DayCount(end=current, skipped=tuple(skipped))

    def add_working_days(self, start: dt.date, n: int) -> DayCount:
        """The n-th working day after `start` (the start day itself is not counted)."""
        return self._count_working_days(start, n, ONE_DAY)

    def subtract_working_days(self, end: dt.date, n: int) -> DayCount:
        """The working day n working days before `end` (for reminders: due date minus a lead time)."""
        return self._count_working_days(end, n, -ONE_DAY)

    def _count_working_days(self, origin: dt.date, n: int, step: dt.timedelta) -> DayCount:
        if n < 0:
            raise ValueError("n must not be negative")
        skipped: list[SkippedDay] = []
        made_up: list[SpecialDay] = []
        current = origin
        counted = 0
        while counted < n:
            current += step
            reason = self.why_not_working(current)
            if reason is not None:
                skipped.append(reason)
                continue
            counted += 1
            extra = self.made_up_day(current)
            if extra is not None:
                made_up.append(extra)
        return DayCount(end=current, skipped=tuple(skipped), made_up=tuple(made_up))

    def add_calendar_days(self, start: dt.date, n: int, end_shift: str = "next_working_day") -> DayCount:
        """`start` + n days; the last day moves to the next working day when it is not one (BLDS 2015 Điều 148).

        A calendar-day period skips nothing in its middle: weekends and holidays count. Only the shift at the end
        passes over days, and those are reported in `skipped`.
        """
        end = start + dt.timedelta(days=n)
        return self.shift_end(end, end_shift)

    def shift_end(self, end: dt.date, end_shift: str = "next_working_day") -> DayCount:
        if end_shift != "next_working_day" or self.is_working_day(end):
            return DayCount(end=end)
        shifted = self.next_working_day(end)
        return DayCount(end=shifted.end, skipped=shifted.skipped, shifted_from=end, shift_skipped=shifted.skipped)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`."""
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        current = a
        while current < b:
            current += ONE_DAY
            if self.is_working_day(current):
                count += 1
        return count

    def skipped_between(self, a: dt.date, b: dt.date) -> list[SkippedDay]:
        """Non-working days after `a` up to and including `b`."""
        out = []
        current = a
        while current < b:
            current += ONE_DAY
            reason = self.why_not_working(current)
            if reason is not None:
                out.append(reason)
        return out


def add_months(start: dt.date, n: int) -> dt.date:
    """The corresponding day n months later, or that month's last day if it has none (BLDS 2015 Điều 148.3)."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    next_month_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month_first - ONE_DAY).day
    return dt.date(year, month, min(start.day, last_day))
