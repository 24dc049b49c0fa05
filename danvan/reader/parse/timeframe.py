"""Printed time phrases → {"kind", "date", "year", "raw"} (GUIDE.md `timeframe`)."""

from __future__ import annotations

import calendar
import re

from danvan.reader.parse.text import afold, clean

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y = r"(\d{4})"
# `31/10/2025`, `31-10-2025`; a dash between spaces, or after `tháng`, is a range of months (`Tháng 4-5/2026`)
_FULL_NUM = re.compile(r"(?<!thang )(?<!thang)\b(\d{1,2})(?:\s*/\s*|[.-])(\d{1,2})(?:\s*/\s*|[.-])" + _Y + r"\b")
_FULL_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s*(?:thang\s*|/\s*)(\d{1,2})\s*(?:,?\s*nam\s*|/\s*)" + _Y + r"\b")
# `Quý II/2025`; `Quý I, II/2026` and `Quý III và IV năm 2026` end with the last quarter listed
_Q = r"(?:iv|iii|ii|i|[1-4])"
_QUARTER = re.compile(r"\bquy\s+((?:" + _Q + r"\s*(?:,|va|-|–)\s*)*" + _Q + r")\s*(?:/|,?\s*nam\s+)" + _Y + r"\b")
_MONTHS = re.compile(r"\bthang\s+(\d{1,2}(?:\s*(?:,|va|-)\s*\d{1,2}){0,11})\s*(?:/|,?\s*nam\s+)" + _Y + r"\b")
_PERIOD = re.compile(r"\b(?:(?:giai doan|tu nam|nam)\s*|(?<![\d/.-])(?=\d{4}\s*[-–]\s*\d{4}\b))" + _Y +
                     r"\s*(?:-|–|den|toi)\s*(?:nam\s*)?" + _Y + r"\b")
_YEAR = re.compile(r"\b(?:trong\s+)?nam\s+" + _Y + r"\b")
_HALF = re.compile(r"\b(6|06|sau)\s+thang\s+(dau|cuoi)\s+nam\s+" + _Y + r"\b")
_ANNUAL = re.compile(r"\bh[aă]ng\s+nam\b|\bhang nam\b|\bmoi nam\b|\bhang nam\b")
# recurring more often than once a year (`Hằng quý`, `Định kỳ hằng tháng`): work that goes on, like `Thường xuyên`
# `Cả năm`, `Quanh năm` with no year after them: all year round, as `Thường xuyên`
_CONT = re.compile(r"\bthuong xuyen\b|\blien tuc\b|\bh[ae]ng (?:quy|thang|tuan)\b|\b(?:ca|quanh|suot) nam\b(?!\s*\d)")
_DAY_MONTH = re.compile(r"\bngay\s+(\d{1,2})\s*(?:thang\s*|/\s*)(\d{1,2})\b|\b(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_FROM = re.compile(r"^\s*(?:bat dau\s+)?tu\b")
_TO = re.compile(r"\b(?:den|toi)\b")


def _iso(y: int, m: int, d: int) -> str | None:
    if not (1 <= m <= 12) or y < 1900 or y > 2200:
        return None
    if not (1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month_end(y: int, m: int) -> str | None:
    if not (1 <= m <= 12) or y < 1900 or y > 2200:
        return None
    return _iso(y, m, calendar.monthrange(y, m)[1])


def _elements(folded: str) -> list[tuple[int, str, str | None, int | None]]:
    """Dated elements in `folded` as (position, kind, date, year)."""
    out: list[tuple[int, str, str | None, int | None]] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for rx in (_FULL_WORDS, _FULL_NUM):
        for m in rx.finditer(folded):
            date = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if date and free(m.span()):
                out.append((m.start(), "deadline", date, None))
                taken.append(m.span())
    for m in _HALF.finditer(folded):
        if free(m.span()):
            y = int(m.group(3))
            out.append((m.start(), "deadline", _month_end(y, 6 if m.group(2) == "dau" else 12), None))
            taken.append(m.span())
    for m in _QUARTER.finditer(folded):
        if free(m.span()):
            q = _ROMAN_Q[re.split(r"\s*(?:,|va|-|–)\s*", m.group(1))[-1]]
            out.append((m.start(), "deadline", _month_end(int(m.group(2)), q * 3), None))
            taken.append(m.span())
    for m in _MONTHS.finditer(folded):
        if free(m.span()):
            last = int(re.findall(r"\d{1,2}", m.group(1))[-1])
            date = _month_end(int(m.group(2)), last)
            if date:
                out.append((m.start(), "deadline", date, None))
            taken.append(m.span())
    for m in _PERIOD.finditer(folded):
        if free(m.span()):
            out.append((m.start(), "period", None, int(m.group(2))))
            taken.append(m.span())
    for m in _YEAR.finditer(folded):
        if free(m.span()):
            out.append((m.start(), "year", None, int(m.group(1))))
            taken.append(m.span())
    out.sort(key=lambda e: e[0])
    return out


def _dated_on_both_sides(elements: list, span_to: re.Match) -> bool:
    """`Tháng 7/2026 đến tháng 10/2026`: a span printed without its `Từ`."""
    after = [e for e in elements if e[0] > span_to.start()]
    return any(e[0] < span_to.start() for e in elements) and bool(after) and after[0][0] - span_to.end() <= 8


def none_timeframe(raw: str | None = None) -> dict:
    return {"kind": "none", "date": None, "year": None, "raw": raw}


# office shorthand: `Q.II/2026`, `QIII/2026` (quarter), `T3/2026`, `T3 - T6/2026` (month)
_SHORT_QUARTER = re.compile(r"\bq\.?\s*(iv|iii|ii|i)\b(?=\s*(?:/|,|-|–|va\b))")
_SHORT_MONTHS = re.compile(r"\bt\.?\s*(\d{1,2})\s*([-–,]|va)\s*t\.?\s*(\d{1,2})(?=\s*/\s*\d{4})")
_SHORT_MONTH = re.compile(r"\bt\.?\s*(\d{1,2})(?=\s*/\s*\d{4})")
# a day and month, a month or a quarter printed without its year (`Trước 15/12`, `Tháng 02`, `Quý III`)
_YEARLESS = re.compile(r"\b(\d{1,2}\s*/\s*\d{1,2})\b(?!\s*/)|"
                       r"\b(ngay\s+\d{1,2}\s+thang\s+\d{1,2})\b(?!\s*(?:/|,?\s*nam\s+\d))|"
                       r"\b((?:thang|quy)\s+(?:iv|iii|ii|i|\d{1,2})(?:\s*(?:,|-|–|va)\s*(?:iv|iii|ii|i|\d{1,2}))*)\b"
                       r"(?!\s*(?:/|,?\s*nam\s+\d|(?:,|-|–|va|den)\s*(?:thang\s+|quy\s+)?(?:\d|[iv]+\b)))")


def _expand_shorthand(folded: str) -> str:
    if "q" in folded:
        folded = _SHORT_QUARTER.sub(r"quy \1", folded)
    if "t" in folded:
        folded = _SHORT_MONTHS.sub(r"thang \1 \2 \3", folded)
        folded = _SHORT_MONTH.sub(r"thang \1", folded)
    return folded


def parse_timeframe(raw: str | None, plan_year: int | None = None) -> dict:
    """`Quý II/2025` → deadline 2025-06-30; `Thường xuyên` → continuous; see GUIDE.md for every kind.

    With `plan_year`, a date printed without its year (`Trước 15/12`) is read in that year, where nothing else in
    the phrase is dated."""
    if raw is None:
        return none_timeframe()
    raw = clean(raw)[:500]
    if not raw:
        return none_timeframe()
    folded = _expand_shorthand(afold(raw))
    found = _parse(raw, folded)
    if found["kind"] in ("none", "deadline") and plan_year:
        # also where a dated step comes first: `T6/2026 (sơ kết); Trước 15/12 (tổng kết)` ends on 15 December
        dated = _YEARLESS.sub(lambda m: f"{m.group(0)}/{plan_year}", folded)
        if dated != folded:
            found = _parse(raw, dated)
    return found


def _parse(raw: str, folded: str) -> dict:
    elements = _elements(folded)
    span_to = _TO.search(folded)
    periods = [e for e in elements if e[1] == "period"]
    if periods and (not elements or elements[0][1] == "period" or _FROM.match(folded)):
        e = periods[0]
        return {"kind": "period", "date": None, "year": e[3], "raw": raw}
    if _FROM.match(folded) or (span_to and (re.search(r"\btu\b", folded[: span_to.start()])
                                            or _dated_on_both_sides(elements, span_to))):
        if not span_to:
            return {"kind": "continuous", "date": None, "year": None, "raw": raw}
        after = [e for e in elements if e[0] > span_to.start()]
        if not after:
            return none_timeframe(raw)
        e = after[0]
        return {"kind": e[1], "date": e[2], "year": e[3], "raw": raw}
    annual = _ANNUAL.search(folded)
    if annual and not any(e[1] in ("deadline", "year", "period") for e in elements):
        date = None
        dm = _DAY_MONTH.search(folded)
        if dm:
            d, m = (dm.group(1), dm.group(2)) if dm.group(1) else (dm.group(3), dm.group(4))
            if _iso(2000, int(m), int(d)):
                date = f"--{int(m):02d}-{int(d):02d}"
        cont = _CONT.search(folded)
        if cont and cont.start() < annual.start() and date is None:
            return {"kind": "continuous", "date": None, "year": None, "raw": raw}
        return {"kind": "annual", "date": date, "year": None, "raw": raw}
    if elements:
        deadlines = [e for e in elements if e[1] == "deadline"]
        e = elements[0]
        if e[1] == "deadline" and len(deadlines) > 1 and re.search(r"\+|\bbuoc\b|;|\bva\b", folded):
            e = max(deadlines, key=lambda x: x[2] or "")
        return {"kind": e[1], "date": e[2], "year": e[3], "raw": raw}
    if _CONT.search(folded):
        return {"kind": "continuous", "date": None, "year": None, "raw": raw}
    return none_timeframe(raw)
