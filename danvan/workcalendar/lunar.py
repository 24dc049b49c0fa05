"""Default public holidays for a year under Bộ luật Lao động 2019 Điều 112, using the lunar calendar.

`lunardate` computes the Chinese calendar at UTC+8. Vietnam's lunar calendar is computed at UTC+7, and the two
differ in some years (a new moon close to midnight puts a month start, even Tết, one day apart; 1985 is the famous
case). The Prime Minister also fixes the exact Tết days and the day adjacent to 2/9 every year (Điều 112.3). That is
why these functions only *propose* a year: the calendar the deadlines use is data an administrator maintains and
checks against the year's official notice, not something computed on the fly.
"""

from __future__ import annotations

import datetime as dt

from lunardate import LunarDate

from danvan.workcalendar.calendar import DAY_OFF, HOLIDAY, ONE_DAY, SpecialDay

LABOUR_CODE = "Bộ luật Lao động 2019 Điều 112"


def lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    return LunarDate(year, month, day).to_solar_date()


def lunar_new_year(year: int) -> dt.date:
    """Mùng 1 tháng Giêng of the lunar year that begins in solar `year`."""
    return lunar_to_solar(year, 1, 1)


def tet_days(year: int) -> list[dt.date]:
    """The last day of the old lunar year and mùng 1–4 tháng Giêng: the 5 statutory Tết days."""
    first = lunar_new_year(year)
    return [first - ONE_DAY + dt.timedelta(days=i) for i in range(5)]


def hung_kings_day(year: int) -> dt.date:
    """Giỗ Tổ Hùng Vương, 10 tháng 3 âm lịch."""
    return lunar_to_solar(year, 3, 10)


def national_day_adjacent(year: int) -> dt.date:
    """A guess at the day next to 2/9 the Prime Minister will choose: the one that joins a weekend if possible."""
    national = dt.date(year, 9, 2)
    # Monday or Thursday: the day after joins the weekend (or forms a 4-day block); otherwise the day before.
    if national.weekday() in (0, 3):
        return national + ONE_DAY
    return national - ONE_DAY


def default_year_days(year: int, *, source: str = "") -> list[SpecialDay]:
    """Statutory holidays of `year` plus compensatory days for holidays on Saturday or Sunday (Điều 111.3).

    A proposal for an administrator to check, not the official calendar.
    """
    source = source or f"{LABOUR_CODE}; lịch âm — chưa có thông báo chính thức, quản trị viên cần cập nhật"
    holidays: list[tuple[dt.date, str]] = [(dt.date(year, 1, 1), "Tết Dương lịch")]
    holidays += [(d, "Tết Nguyên đán") for d in tet_days(year)]
    holidays.append((hung_kings_day(year), "Giỗ Tổ Hùng Vương"))
    holidays.append((dt.date(year, 4, 30), "Ngày Chiến thắng 30/4"))
    holidays.append((dt.date(year, 5, 1), "Ngày Quốc tế Lao động 1/5"))
    holidays.append((dt.date(year, 9, 2), "Quốc khánh 2/9"))
    holidays.append((national_day_adjacent(year), "Quốc khánh (ngày liền kề)"))
    holidays.sort()
    taken = {d for d, _ in holidays}
    days = [SpecialDay(date=d, kind=HOLIDAY, name=name, source=source) for d, name in holidays]
    for day, name in holidays:
        if day.weekday() < 5:
            continue
        compensatory = day + ONE_DAY
        while compensatory.weekday() >= 5 or compensatory in taken:
            compensatory += ONE_DAY
        taken.add(compensatory)
        days.append(SpecialDay(date=compensatory, kind=DAY_OFF, name=f"Nghỉ bù {name}", source=source))
    return sorted(days, key=lambda d: d.date)
