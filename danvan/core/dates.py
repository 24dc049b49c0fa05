"""Dates in words, as Vietnamese officials write them."""

from __future__ import annotations

import datetime as dt


def date_in_words(value: dt.date | None, *, official: bool = False) -> str:
    """`ngày 15 tháng 9 năm 2025`; with `official`, Decree 30/2020 style: `ngày 05 tháng 02 năm 2025`.

    Decree 30/2020/NĐ-CP (Phụ lục I) puts a leading zero on days below 10 and on months 1 and 2.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if official:
        day = f"{value.day:02d}"
        month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    else:
        day, month = str(value.day), str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"
