"""Working-day arithmetic on a hand-built calendar (no database)."""

from __future__ import annotations

import datetime as dt

from danvan.workcalendar.calendar import DAY_OFF, HOLIDAY, WORKING_DAY, SpecialDay, WorkCalendar, add_months
from danvan.workcalendar.lunar import default_year_days, hung_kings_day, lunar_new_year, tet_days

D = dt.date

SWAP_2025 = WorkCalendar(
    [
        SpecialDay(D(2025, 4, 26), WORKING_DAY, "Làm bù cho Thứ Sáu 2/5/2025"),
        SpecialDay(D(2025, 4, 30), HOLIDAY, "Ngày Chiến thắng 30/4"),
        SpecialDay(D(2025, 5, 1), HOLIDAY, "Ngày Quốc tế Lao động 1/5"),
        SpecialDay(D(2025, 5, 2), DAY_OFF, "Nghỉ hoán đổi"),
    ]
)


def test_weekends_are_not_working_days_unless_worked_in_exchange():
    assert SWAP_2025.is_working_day(D(2025, 4, 19)) is False  # an ordinary Saturday
    assert SWAP_2025.is_working_day(D(2025, 4, 26)) is True  # the make-up Saturday
    assert SWAP_2025.is_working_day(D(2025, 5, 2)) is False  # the Friday swapped away


def test_counting_across_a_make_up_saturday_counts_it():
    """Three working days after Thursday 24/4/2025: Fri 25, Sat 26 (worked), Mon 28."""
    result = SWAP_2025.add_working_days(D(2025, 4, 24), 3)
    assert result.end == D(2025, 4, 28)
    assert [d.date for d in result.made_up] == [D(2025, 4, 26)]
    assert [s.date for s in result.skipped] == [D(2025, 4, 27)]
    without_swap = WorkCalendar().add_working_days(D(2025, 4, 24), 3)
    assert without_swap.end == D(2025, 4, 29)


def test_a_count_unpacks_as_end_and_skipped_days():
    end, skipped = SWAP_2025.add_working_days(D(2025, 4, 29), 1)
    assert end == D(2025, 5, 5)
    assert [(s.date, s.reason) for s in skipped] == [
        (D(2025, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2025, 5, 1), "Ngày Quốc tế Lao động 1/5"),
        (D(2025, 5, 2), "Nghỉ hoán đổi"),
        (D(2025, 5, 3), "Thứ Bảy"),
        (D(2025, 5, 4), "Chủ nhật"),
    ]


def test_calendar_day_period_ending_on_a_holiday_moves_to_next_working_day():
    cal = WorkCalendar(
        [SpecialDay(D(2025, 9, 1), HOLIDAY, "Quốc khánh"), SpecialDay(D(2025, 9, 2), HOLIDAY, "Quốc khánh 2/9")]
    )
    result = cal.add_calendar_days(D(2025, 8, 3), 30)
    assert result.end == D(2025, 9, 3)
    assert result.shifted_from == D(2025, 9, 2)
    assert cal.add_calendar_days(D(2025, 8, 3), 30, end_shift="none").end == D(2025, 9, 2)


def test_next_working_day_and_days_between():
    assert SWAP_2025.next_working_day(D(2025, 4, 30)).end == D(2025, 5, 5)
    assert SWAP_2025.next_working_day(D(2025, 4, 29)).end == D(2025, 4, 29)
    assert SWAP_2025.working_days_between(D(2025, 4, 24), D(2025, 5, 5)) == 5  # 25, 26 (worked), 28, 29, 5/5
    assert SWAP_2025.working_days_between(D(2025, 5, 5), D(2025, 4, 24)) == -5


def test_month_periods_end_on_the_corresponding_day_or_the_month_end():
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)


def test_lunar_holidays_match_the_known_tet_and_hung_kings_days():
    assert lunar_new_year(2026) == D(2026, 2, 17)
    assert tet_days(2026) == [D(2026, 2, 16) + dt.timedelta(days=i) for i in range(5)]
    assert hung_kings_day(2026) == D(2026, 4, 26)
    assert lunar_new_year(2027) == D(2027, 2, 6)
    assert hung_kings_day(2027) == D(2027, 4, 16)


def test_default_year_gives_compensatory_days_for_holidays_on_weekends():
    days = {d.date: d for d in default_year_days(2027)}
    # Tết 2027: 5/2 (Fri) to 9/2 (Tue); Sat 6/2 and Sun 7/2 give days off on Wed 10/2 and Thu 11/2.
    assert days[D(2027, 2, 6)].kind == HOLIDAY
    assert days[D(2027, 2, 10)].kind == DAY_OFF
    assert days[D(2027, 2, 11)].kind == DAY_OFF
    # 1/5/2027 is a Saturday: day off on Monday 3/5.
    assert days[D(2027, 5, 3)].kind == DAY_OFF
    assert sum(1 for d in days.values() if d.kind == HOLIDAY) == 11


def test_a_reminder_lead_time_counts_working_days_backwards():
    """Three working days before Monday 5/5/2025: 29/4, 28/4 and the worked Saturday 26/4."""
    result = SWAP_2025.subtract_working_days(D(2025, 5, 5), 3)
    assert result.end == D(2025, 4, 26)
    assert [d.date for d in result.made_up] == [D(2025, 4, 26)]
    assert len(result.skipped) == 6
