import datetime as dt

from danvan.core.dates import date_in_words


def test_dates_read_as_officials_write_them():
    assert date_in_words(dt.date(2025, 10, 31)) == "ngày 31 tháng 10 năm 2025"
    assert date_in_words(dt.date(2025, 9, 5)) == "ngày 5 tháng 9 năm 2025"


def test_decree_30_puts_leading_zeros_on_small_days_and_on_january_and_february():
    assert date_in_words(dt.date(2025, 2, 5), official=True) == "ngày 05 tháng 02 năm 2025"
    assert date_in_words(dt.date(2025, 3, 12), official=True) == "ngày 12 tháng 3 năm 2025"
