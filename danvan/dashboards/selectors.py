"""Reads for the dashboards: completion, on-time and overdue numbers per agency, per plan and per period.

Each selector is one grouped aggregate query, whatever the number of agencies or plans (grouped `Count(filter=…)`).

Definitions (shown on the page):
* an item is one assignment deadline (an agency's part in a task, for one due date); the directing role
  (`Chỉ đạo`) and continuous tasks (no date) are left out;
* done on time: the assignment is done and was last updated on or before the due date;
* overdue: past the due date and not done;
* on-time rate: done on time ÷ items whose outcome is known (done, or past the due date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth, TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from danvan.accounts.permissions import Actor
from danvan.agencies.models import Agency
from danvan.plans.models import AssignmentDeadline, AssignmentRole, AssignmentState, Plan, PlanStatus


@dataclass
class Rates:
    key: int | str
    label: str
    total: int
    done: int
    on_time: int
    overdue: int

    @property
    def done_late(self) -> int:
        return self.done - self.on_time

    @property
    def open_not_due(self) -> int:
        return self.total - self.done - self.overdue

    @property
    def closed(self) -> int:
        return self.done + self.overdue

    @property
    def completion_rate(self) -> float | None:
        return round(100 * self.done / self.total, 1) if self.total else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.closed, 1) if self.closed else None


def dashboard_governments_for(*, actor: Actor) -> QuerySet[Agency]:
    """Governments whose dashboard the actor may see: their own (coordinator, leader), any (administrator)."""
    if actor.is_admin and actor.government is None:
        return Agency.objects.filter(parent__isnull=True, plans__isnull=False).distinct().order_by("name")
    if actor.is_admin or actor.is_coordinator or actor.is_leader:
        return Agency.objects.filter(pk=actor.government_id) if actor.government_id else Agency.objects.none()
    return Agency.objects.none()


def _items(*, government_id: int, year: int | None) -> QuerySet[AssignmentDeadline]:
    items = AssignmentDeadline.objects.filter(
        due_date__isnull=False,
        is_continuous=False,
        assignment__task__plan__government_id=government_id,
        assignment__task__plan__status=PlanStatus.PUBLISHED,
    ).exclude(assignment__role=AssignmentRole.DIRECTING)
    if year is not None:
        items = items.filter(due_date__year=year)
    return items


class LocalDate(TruncDate):
    """The local date of a datetime column.

    On SQLite, Django's `__date` calls a Python function for every row (a third of the dashboard's time on a
    province); SQLite's own `date(value, '+N seconds')` does the same for a zone with a fixed offset, which
    Asia/Ho_Chi_Minh has been since 1975. Other databases use Django's conversion.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        offset = timezone.localtime().utcoffset()
        return f"date({sql}, %s)", (*params, f"{int(offset.total_seconds()):+d} seconds")


class Month(ExtractMonth):
    """The month of a date column; SQLite's own strftime instead of Django's per-row Python function."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%m', {sql}) AS INTEGER)", params


def _counts(today: dt.date) -> dict:
    done = Q(assignment__state=AssignmentState.DONE)
    on_time = LessThanOrEqual(LocalDate("assignment__updated_at"), F("due_date"))
    return {
        "total": Count("id"),
        "done": Count("id", filter=done),
        "on_time": Count("id", filter=Q(done, on_time)),
        "overdue": Count("id", filter=Q(due_date__lt=today) & ~done),
    }


def _buckets(*, government_id: int, today: dt.date, year: int | None) -> list[dict]:
    """Counts per (agency, plan, month of the due date): one grouped query that every breakdown sums up.

    One query rather than one per breakdown: the on-time test (`updated_at` as a local date) is the costly part
    of the scan, so the rows are read once.
    """
    return list(
        _items(government_id=government_id, year=year)
        .annotate(month=Month("due_date"))
        .values("assignment__agency_id", "assignment__agency__name", "assignment__task__plan_id", "month")
        .annotate(**_counts(today))
        .order_by()
    )


def _sum_by(buckets: list[dict], key: str, label) -> dict:
    out: dict = {}
    for b in buckets:
        k = b[key]
        row = out.get(k)
        if row is None:
            row = out[k] = Rates(key=k, label=label(b), total=0, done=0, on_time=0, overdue=0)
        row.total += b["total"]
        row.done += b["done"]
        row.on_time += b["on_time"]
        row.overdue += b["overdue"]
    return out


def _plan_label(plan: Plan) -> str:
    title = " ".join(plan.title.split())
    return f"{plan.symbol or '(chưa ghi số)'}: {title[:70]}{'…' if len(title) > 70 else ''}"


def _agencies(buckets: list[dict]) -> list[Rates]:
    out = _sum_by(buckets, "assignment__agency_id", lambda b: b["assignment__agency__name"]).values()
    # Most overdue first, then the lowest on-time rate.
    return sorted(out, key=lambda r: (-r.overdue, r.on_time_rate if r.on_time_rate is not None else 101, r.label))


def _plans(buckets: list[dict]) -> list[Rates]:
    ids = {b["assignment__task__plan_id"] for b in buckets}
    labels = {p.pk: _plan_label(p) for p in Plan.objects.filter(pk__in=ids).only("symbol", "title")}
    rows = _sum_by(buckets, "assignment__task__plan_id", lambda b: labels[b["assignment__task__plan_id"]])
    return sorted(rows.values(), key=lambda r: (-r.overdue, r.label))


def _months(buckets: list[dict], year: int) -> list[Rates]:
    found = _sum_by(buckets, "month", lambda b: "")
    return [Rates(key=m, label=f"Tháng {m}/{year}", total=found[m].total if m in found else 0,
                  done=found[m].done if m in found else 0, on_time=found[m].on_time if m in found else 0,
                  overdue=found[m].overdue if m in found else 0) for m in range(1, 13)]


def rates_by_agency(*, government_id: int, today: dt.date, year: int | None = None) -> list[Rates]:
    """One row per assigned agency, most overdue first."""
    return _agencies(_buckets(government_id=government_id, today=today, year=year))


def rates_by_plan(*, government_id: int, today: dt.date, year: int | None = None) -> list[Rates]:
    return _plans(_buckets(government_id=government_id, today=today, year=year))


def rates_by_month(*, government_id: int, today: dt.date, year: int) -> list[Rates]:
    """The trend: items due in each month of `year` (months with no items are shown as zero)."""
    return _months(_buckets(government_id=government_id, today=today, year=year), year)


def totals(rows: list[Rates]) -> Rates:
    return Rates(key="all", label="Tổng cộng", total=sum(r.total for r in rows), done=sum(r.done for r in rows),
                 on_time=sum(r.on_time for r in rows), overdue=sum(r.overdue for r in rows))


@dataclass
class ReportPeriodRow:
    label: str
    total: int
    on_time: int
    late: int
    missing: int

    @property
    def not_due(self) -> int:
        return self.total - self.on_time - self.late - self.missing


def reports_by_period(*, government_id: int, today: dt.date, year: int) -> list[ReportPeriodRow]:
    """Report requests of the government's plans in `year`, per period: sent on time, sent late, missing."""
    if not apps.is_installed("danvan.reporting"):
        return []
    from danvan.reporting.models import ReportRequest, ReportState, period_name

    sent = Q(report__state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
    rows = (
        ReportRequest.objects.filter(plan__government_id=government_id, period_year=year)
        .values("period_kind", "period_year", "period_index")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=sent & Q(report__submitted_at__date__lte=F("due_date"))),
            late=Count("id", filter=sent & Q(report__submitted_at__date__gt=F("due_date"))),
            missing=Count("id", filter=Q(due_date__lt=today) & ~sent),
        )
        .order_by("period_kind", "period_index")
    )
    order = {k: i for i, k in enumerate(dict(ReportRequest._meta.get_field("period_kind").choices))}
    out = []
    for r in sorted(rows, key=lambda r: (order.get(r["period_kind"], 99), r["period_index"] or 0)):
        label = period_name(r["period_kind"], r["period_year"], r["period_index"])
        out.append(ReportPeriodRow(label=label, total=r["total"], on_time=r["on_time"], late=r["late"],
                                   missing=r["missing"]))
    return out


def dashboard_data(*, government_id: int, today: dt.date, year: int) -> dict:
    """Everything the overview page shows, in three queries whatever the size of the government."""
    buckets = _buckets(government_id=government_id, today=today, year=year)
    agencies = _agencies(buckets)
    reports = reports_by_period(government_id=government_id, today=today, year=year)
    return {
        "agencies": agencies,
        "plans": _plans(buckets),
        "months": _months(buckets, year),
        "reports": reports,
        "reports_missing": sum(r.missing for r in reports),
        "total": totals(agencies),
    }


def dashboard_default_year(*, government_id: int, today) -> int:
    """The year a dashboard opens on: this year if it has deadlines, else the latest earlier year that has."""
    from django.db.models import Max

    from danvan.plans.models import AssignmentDeadline

    latest = AssignmentDeadline.objects.filter(
        assignment__task__plan__government_id=government_id, due_date__year__lte=today.year
    ).aggregate(latest=Max("due_date"))["latest"]
    return latest.year if latest else today.year
