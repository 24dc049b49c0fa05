"""Reporting periods and their data cut-off windows (thời gian chốt số liệu), NĐ 09/2019/NĐ-CP Điều 12.

Pure functions. The 9-month window is not defined in NĐ 09/2019; provinces define it (e.g. Khánh Hòa
QĐ 01/2023/QĐ-UBND: 15/12 of the previous year to 14/9), so it is a parameter with that default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

DECREE_09 = "Nghị định 09/2019/NĐ-CP, Điều 12"


class PeriodKind(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTHS = "six_months"
    NINE_MONTHS = "nine_months"
    ANNUAL = "annual"


PERIOD_LABELS = {
    PeriodKind.MONTHLY: "tháng",
    PeriodKind.QUARTERLY: "quý",
    PeriodKind.SIX_MONTHS: "6 tháng",
    PeriodKind.NINE_MONTHS: "9 tháng",
    PeriodKind.ANNUAL: "năm",
}

# ((start month, start day) in the previous year, (end month, end day) in the report year)
NINE_MONTHS_DEFAULT = ((12, 15), (9, 14))


@dataclass(frozen=True)
class PeriodWindow:
    kind: PeriodKind
    year: int
    index: int | None
    start: dt.date
    end: dt.date
    source: str

    def __iter__(self):
        yield self.start
        yield self.end

    @property
    def label(self) -> str:
        name = PERIOD_LABELS[self.kind]
        if self.kind == PeriodKind.SIX_MONTHS:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.index is not None:
            return f"{name.capitalize()} {self.index}/{self.year}"
        return f"{name.capitalize()} {self.year}" if self.kind != PeriodKind.NINE_MONTHS else f"9 tháng năm {self.year}"


def _month_start(year: int, month: int) -> dt.date:
    """The 15th of the month before `month` (of `year`)."""
    if month == 1:
        return dt.date(year - 1, 12, 15)
    return dt.date(year, month - 1, 15)


def period_window(
    kind: PeriodKind | str,
    year: int,
    index: int | None = None,
    *,
    nine_months: tuple[tuple[int, int], tuple[int, int]] = NINE_MONTHS_DEFAULT,
) -> PeriodWindow:
    """The cut-off window of a report: `index` is the month (1–12), quarter (1–4) or half (1–2)."""
    kind = PeriodKind(kind)
    source = DECREE_09
    if kind == PeriodKind.MONTHLY:
        if index is None or not 1 <= index <= 12:
            raise ValueError("monthly needs index 1-12")
        start, end = _month_start(year, index), dt.date(year, index, 14)
    elif kind == PeriodKind.QUARTERLY:
        if index is None or not 1 <= index <= 4:
            raise ValueError("quarterly needs index 1-4")
        first, last = 3 * index - 2, 3 * index
        start, end = _month_start(year, first), dt.date(year, last, 14)
    elif kind == PeriodKind.SIX_MONTHS:
        index = index or 1
        if index == 1:
            start, end = dt.date(year - 1, 12, 15), dt.date(year, 6, 14)
        elif index == 2:
            start, end = dt.date(year, 6, 15), dt.date(year, 12, 14)
        else:
            raise ValueError("six_months needs index 1 or 2")
    elif kind == PeriodKind.NINE_MONTHS:
        (sm, sd), (em, ed) = nine_months
        start, end = dt.date(year - 1 if sm >= em else year, sm, sd), dt.date(year, em, ed)
        source = "Không quy định trong Nghị định 09/2019/NĐ-CP; theo chế độ báo cáo của tỉnh (mặc định 15/12 – 14/9)"
    else:
        start, end = dt.date(year - 1, 12, 15), dt.date(year, 12, 14)
        source = f"{DECREE_09} khoản 4"
    return PeriodWindow(kind=kind, year=year, index=index, start=start, end=end, source=source)


def _indexes(kind: PeriodKind) -> list[int | None]:
    return {
        PeriodKind.MONTHLY: list(range(1, 13)),
        PeriodKind.QUARTERLY: [1, 2, 3, 4],
        PeriodKind.SIX_MONTHS: [1, 2],
    }.get(kind, [None])


def periods_in_range(kind: PeriodKind | str, start: dt.date, end: dt.date, **options) -> list[PeriodWindow]:
    """Every window of `kind` that overlaps [start, end], in order."""
    kind = PeriodKind(kind)
    out = []
    for year in range(start.year, end.year + 2):
        for index in _indexes(kind):
            window = period_window(kind, year, index, **options)
            if window.start <= end and window.end >= start:
                out.append(window)
    return sorted(out, key=lambda w: (w.start, w.end))
