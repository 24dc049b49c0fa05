"""Report cut-off windows under NĐ 09/2019/NĐ-CP Điều 12."""

from __future__ import annotations

import datetime as dt

from danvan.workcalendar.periods import period_window, periods_in_range

D = dt.date


def test_first_quarter_2025_runs_from_15_december_2024_to_14_march():
    window = period_window("quarterly", 2025, 1)
    assert (window.start, window.end) == (D(2024, 12, 15), D(2025, 3, 14))
    assert "09/2019/NĐ-CP" in window.source


def test_annual_2025_runs_from_15_december_2024_to_14_december_2025():
    start, end = period_window("annual", 2025)
    assert (start, end) == (D(2024, 12, 15), D(2025, 12, 14))


def test_monthly_six_and_nine_month_windows():
    assert tuple(period_window("monthly", 2025, 3)) == (D(2025, 2, 15), D(2025, 3, 14))
    assert tuple(period_window("monthly", 2025, 1)) == (D(2024, 12, 15), D(2025, 1, 14))
    assert tuple(period_window("six_months", 2025, 1)) == (D(2024, 12, 15), D(2025, 6, 14))
    assert tuple(period_window("six_months", 2025, 2)) == (D(2025, 6, 15), D(2025, 12, 14))
    nine = period_window("nine_months", 2025)
    assert tuple(nine) == (D(2024, 12, 15), D(2025, 9, 14))
    assert "tỉnh" in nine.source
    custom = period_window("nine_months", 2025, nine_months=((1, 1), (9, 30)))
    assert tuple(custom) == (D(2025, 1, 1), D(2025, 9, 30))


def test_periods_in_range_lists_every_overlapping_window():
    quarters = periods_in_range("quarterly", D(2025, 1, 1), D(2025, 12, 31))
    assert [(w.year, w.index) for w in quarters] == [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1)]
    assert quarters[0].label == "Quý 1/2025"
