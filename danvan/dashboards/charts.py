"""Chart data for the overview page: plain dicts passed to Chart.js with `json_script`.

Each series names a fill pattern and a dash style, so the charts read without colour (and in grey print).
"""

from __future__ import annotations

from danvan.dashboards.selectors import Rates, ReportPeriodRow


def agency_chart(rows: list[Rates]) -> dict:
    return {
        "labels": [r.label for r in rows],
        "series": [
            {"label": "Hoàn thành đúng hạn", "pattern": "solid", "data": [r.on_time for r in rows]},
            {"label": "Hoàn thành trễ hạn", "pattern": "diagonal", "data": [r.done_late for r in rows]},
            {"label": "Quá hạn chưa xong", "pattern": "cross", "data": [r.overdue for r in rows]},
            {"label": "Chưa đến hạn", "pattern": "dots", "data": [r.open_not_due for r in rows]},
        ],
    }


def trend_chart(rows: list[Rates]) -> dict:
    return {
        "labels": [r.label for r in rows],
        "series": [
            {"label": "Tỷ lệ đúng hạn (%)", "dash": [], "point": "circle", "data": [r.on_time_rate for r in rows]},
            {"label": "Tỷ lệ hoàn thành (%)", "dash": [8, 4], "point": "rect",
             "data": [r.completion_rate for r in rows]},
        ],
    }


def report_chart(rows: list[ReportPeriodRow]) -> dict:
    return {
        "labels": [r.label for r in rows],
        "series": [
            {"label": "Gửi đúng hạn", "pattern": "solid", "data": [r.on_time for r in rows]},
            {"label": "Gửi trễ hạn", "pattern": "diagonal", "data": [r.late for r in rows]},
            {"label": "Quá hạn chưa gửi", "pattern": "cross", "data": [r.missing for r in rows]},
            {"label": "Chưa đến hạn", "pattern": "dots", "data": [r.not_due for r in rows]},
        ],
    }
