"""Reads: who sees which progress updates, the agency's report requests, and the coordinator's merge.

The merge runs a fixed number of queries whatever the number of agencies (values and sections are read
in one query each, then grouped in Python).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from danvan.accounts.permissions import Actor
from danvan.plans.models import AssignmentRole, Task
from danvan.reporting.models import (
    Indicator,
    ProgressState,
    ProgressUpdate,
    Report,
    ReportRequest,
    ReportState,
    ReportTaskSection,
    ReportValue,
    RequestPeriodKind,
)

SUBMITTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
ALL_PLANS = "all"


# ---------------------------------------------------------------------------------------------- progress


def progress_list_visible_to(*, actor: Actor, task: Task) -> list[ProgressUpdate]:
    """The updates on `task` the actor may read, newest first.

    Own agency's always; a lead agency (chủ trì) also reads its cooperating agencies'; coordinators and
    leaders of the task's government, and admins, read all.
    """
    updates = (ProgressUpdate.objects.filter(assignment__task=task)
               .select_related("assignment__agency", "author").prefetch_related("evidence"))
    if not actor.is_authenticated:
        return []
    if actor.is_admin or ((actor.is_coordinator or actor.is_leader)
                          and task.plan.government_id == actor.government_id):
        return list(updates)
    if actor.agency is None:
        return []
    leads = task.assignments.filter(agency=actor.agency, role=AssignmentRole.LEAD).exists()
    if not leads:
        updates = updates.filter(assignment__agency=actor.agency)
    return list(updates)


# ---------------------------------------------------------------------------------------------- requests


@dataclass
class RequestRow:
    request: ReportRequest
    report: Report | None
    today: dt.date

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.state in SUBMITTED_STATES

    @property
    def overdue(self) -> bool:
        return self.request.due_date < self.today and not self.submitted

    @property
    def submitted_late(self) -> bool:
        return self.submitted and self.report.submitted_at is not None and (
            self.report.submitted_at.date() > self.request.due_date)

    @property
    def state_label(self) -> str:
        if self.report is None:
            return "Chưa báo cáo"
        return self.report.get_state_display()

    @property
    def state_code(self) -> str:
        return self.report.state if self.report is not None else "none"


def _report_of(request: ReportRequest) -> Report | None:
    try:
        return request.report
    except Report.DoesNotExist:
        return None


def request_list_for_agency(*, agency, today: dt.date, include_done: bool = True) -> list[RequestRow]:
    """The reports `agency` owes, earliest due first, with their report's state and whether overdue."""
    requests = (ReportRequest.objects.filter(sender=agency).select_related("plan", "recipient", "report")
                .order_by("due_date", "id"))
    rows = [RequestRow(request=r, report=_report_of(r), today=today) for r in requests]
    return rows if include_done else [row for row in rows if not row.submitted]


def request_list_to_review(*, actor: Actor, today: dt.date) -> list[RequestRow]:
    """Submitted reports waiting for the coordinator's decision."""
    requests = _government_requests(actor).filter(report__state=ReportState.SUBMITTED)
    return [RequestRow(request=r, report=r.report, today=today)
            for r in requests.select_related("sender", "plan", "report").order_by("due_date", "id")]


def _government_requests(actor: Actor) -> QuerySet[ReportRequest]:
    requests = ReportRequest.objects.all()
    if actor.is_admin:
        return requests
    if actor.government_id is None:
        return requests.none()
    scope = Q(plan__government_id=actor.government_id)
    if actor.agency is not None:
        scope |= Q(plan__isnull=True, recipient=actor.agency)
    return requests.filter(scope)


# ---------------------------------------------------------------------------------------------- merge


@dataclass(frozen=True)
class PeriodKey:
    """Which reports merge together: one plan (or none, for on-demand requests) and one period.

    `whole_government` merges the period across every plan of the government.
    """

    plan_id: int | None
    period_kind: str
    period_year: int
    period_index: int | None = None
    due_date: dt.date | None = None  # only for on-demand requests, which have no period
    whole_government: bool = False

    def as_query(self) -> dict[str, str]:
        plan = ALL_PLANS if self.whole_government else str(self.plan_id or "")
        query = {"plan": plan, "kind": self.period_kind, "year": str(self.period_year)}
        if self.period_index is not None:
            query["index"] = str(self.period_index)
        if self.due_date is not None:
            query["due"] = self.due_date.isoformat()
        return query

    @classmethod
    def from_query(cls, data) -> PeriodKey:
        """From GET parameters; ValueError when they do not describe a period."""
        kind = data.get("kind", "")
        if kind not in RequestPeriodKind.values:
            raise ValueError("kind")
        plan = data.get("plan") or None
        index = data.get("index") or None
        due = data.get("due") or None
        if plan == ALL_PLANS:
            return cls(plan_id=None, period_kind=kind, period_year=int(data.get("year", "")),
                       period_index=int(index) if index else None,
                       due_date=dt.date.fromisoformat(due) if due else None, whole_government=True)
        return cls(plan_id=int(plan) if plan else None, period_kind=kind, period_year=int(data.get("year", "")),
                   period_index=int(index) if index else None,
                   due_date=dt.date.fromisoformat(due) if due else None)


@dataclass
class PeriodGroup:
    key: PeriodKey
    label: str
    plan_label: str
    due_date: dt.date
    expected: int
    submitted: int


def report_period_groups(*, actor: Actor) -> list[PeriodGroup]:
    """The periods the coordinator can merge, newest due first, with how many reports are in."""
    requests = _government_requests(actor)
    if actor.agency is not None:
        requests = requests.exclude(sender=actor.agency)
    rows = (requests.values("plan_id", "plan__symbol", "period_kind", "period_year", "period_index")
            .annotate(expected=Count("id"), submitted=Count("id", filter=Q(report__state__in=SUBMITTED_STATES)))
            .order_by())
    ad_hoc_rows = {}
    groups = []
    for row in rows:
        if row["period_kind"] == RequestPeriodKind.AD_HOC:
            ad_hoc_rows[(row["plan_id"], row["period_year"])] = row
            continue
        key = PeriodKey(row["plan_id"], row["period_kind"], row["period_year"], row["period_index"])
        sample = ReportRequest(period_kind=key.period_kind, period_year=key.period_year,
                               period_index=key.period_index, due_date=dt.date(key.period_year, 1, 1))
        groups.append((key, sample.period_label, row))
    if ad_hoc_rows:  # on-demand requests merge per due date
        dated = (requests.filter(period_kind=RequestPeriodKind.AD_HOC)
                 .values("plan_id", "plan__symbol", "period_year", "due_date")
                 .annotate(expected=Count("id"),
                           submitted=Count("id", filter=Q(report__state__in=SUBMITTED_STATES))).order_by())
        for row in dated:
            key = PeriodKey(row["plan_id"], RequestPeriodKind.AD_HOC, row["period_year"], None, row["due_date"])
            groups.append((key, f"Báo cáo đột xuất, hạn {row['due_date']:%d/%m/%Y}", row))
    # A period asked by several plans can also be merged across the whole government.
    by_period: dict[tuple, list] = defaultdict(list)
    for key, _label, row in groups:
        if key.period_kind != RequestPeriodKind.AD_HOC:
            by_period[(key.period_kind, key.period_year, key.period_index)].append(row)
    for (kind, year, index), period_rows in by_period.items():
        if len(period_rows) > 1:
            key = PeriodKey(None, kind, year, index, whole_government=True)
            label = next(lbl for k, lbl, _r in groups if (k.period_kind, k.period_year, k.period_index) == (
                kind, year, index))
            groups.append((key, label, {"plan__symbol": "Tất cả kế hoạch",
                                        "expected": sum(r["expected"] for r in period_rows),
                                        "submitted": sum(r["submitted"] for r in period_rows)}))
    due_by_key = _due_dates(requests)
    out = [PeriodGroup(key=key, label=label, plan_label=row["plan__symbol"] or "Không thuộc kế hoạch",
                       due_date=row.get("due_date") or due_by_key.get(
                           key, max((d for k, d in due_by_key.items() if (k.period_kind, k.period_year,
                                     k.period_index) == (key.period_kind, key.period_year, key.period_index)),
                                    default=dt.date(key.period_year, 12, 31))),
                       expected=row["expected"], submitted=row["submitted"])
           for key, label, row in groups]
    return sorted(out, key=lambda g: (g.due_date, g.plan_label), reverse=True)


def _due_dates(requests: QuerySet[ReportRequest]) -> dict[PeriodKey, dt.date]:
    from django.db.models import Max

    rows = (requests.exclude(period_kind=RequestPeriodKind.AD_HOC)
            .values("plan_id", "period_kind", "period_year", "period_index").annotate(due=Max("due_date")).order_by())
    return {PeriodKey(r["plan_id"], r["period_kind"], r["period_year"], r["period_index"]): r["due"] for r in rows}


@dataclass
class AgencyValue:
    agency: object
    value: int | None


@dataclass
class IndicatorTotal:
    indicator: Indicator
    total: int
    per_agency: list[AgencyValue]


@dataclass
class TaskEntry:
    agency: object
    state: str
    state_label: str
    narrative: str


@dataclass
class TaskNarratives:
    task: Task
    entries: list[TaskEntry]


@dataclass
class Merge:
    key: PeriodKey
    label: str
    today: dt.date
    rows: list[RequestRow]
    indicators: list[IndicatorTotal] = field(default_factory=list)
    tasks: list[TaskNarratives] = field(default_factory=list)
    narratives: list[tuple[object, str]] = field(default_factory=list)
    plan: object | None = None

    @property
    def submitted(self) -> list[RequestRow]:
        return [row for row in self.rows if row.submitted]

    @property
    def late(self) -> list[RequestRow]:
        """Due passed and not submitted."""
        return [row for row in self.rows if row.overdue]

    @property
    def submitted_late(self) -> list[RequestRow]:
        return [row for row in self.rows if row.submitted_late]

    @property
    def not_reported(self) -> list[RequestRow]:
        return [row for row in self.rows if not row.submitted]

    @property
    def reporting_agencies(self) -> list[object]:
        return [row.request.sender for row in self.submitted]

    @property
    def due_date(self) -> dt.date | None:
        return max((row.request.due_date for row in self.rows), default=None)


def merge_requests(*, actor: Actor, key: PeriodKey) -> QuerySet[ReportRequest]:
    requests = _government_requests(actor).filter(period_kind=key.period_kind, period_year=key.period_year)
    if not key.whole_government:
        requests = requests.filter(plan_id=key.plan_id)
    requests = requests.filter(period_index=key.period_index) if key.period_index is not None else (
        requests.filter(period_index__isnull=True))
    if key.due_date is not None:
        requests = requests.filter(due_date=key.due_date)
    if actor.agency is not None:
        requests = requests.exclude(sender=actor.agency)  # the coordinator's own report is the merge itself
    return requests


def report_merge(*, actor: Actor, key: PeriodKey, today: dt.date) -> Merge:
    """Who submitted, who is late, indicators summed (with each agency's value) and narratives by task.

    Submitted and accepted reports count; drafts and returned reports do not.
    """
    requests = list(merge_requests(actor=actor, key=key).select_related("sender", "report", "plan")
                    .order_by("sender__name", "id"))
    rows = [RequestRow(request=r, report=_report_of(r), today=today) for r in requests]
    label = (rows[0].request.period_label if rows else
             ReportRequest(period_kind=key.period_kind, period_year=key.period_year, period_index=key.period_index,
                           due_date=key.due_date or dt.date(key.period_year, 12, 31)).period_label)
    plan = rows[0].request.plan if rows and not key.whole_government else None
    merge = Merge(key=key, label=label, today=today, rows=rows, plan=plan)
    counted = [row for row in rows if row.submitted]
    report_ids = [row.report.pk for row in counted]
    agency_of = {row.report.pk: row.request.sender for row in counted}

    values: dict[int, dict[int, int]] = defaultdict(dict)  # indicator → report → value
    for report_id, indicator_id, value in ReportValue.objects.filter(report_id__in=report_ids).values_list(
            "report_id", "indicator_id", "value"):
        values[indicator_id][report_id] = value
    for indicator in Indicator.objects.filter(active=True).order_by("order", "id"):
        by_report = values.get(indicator.pk, {})
        merge.indicators.append(IndicatorTotal(
            indicator=indicator, total=sum(by_report.values()),
            per_agency=[AgencyValue(agency=agency_of[rid], value=by_report.get(rid)) for rid in report_ids]))

    labels = dict(ProgressState.choices)
    by_task: dict[int, TaskNarratives] = {}
    for section in (ReportTaskSection.objects.filter(report_id__in=report_ids).select_related("task")
                    .order_by("task__plan_id", "task__order", "report_id")):
        group = by_task.setdefault(section.task_id, TaskNarratives(task=section.task, entries=[]))
        group.entries.append(TaskEntry(agency=agency_of[section.report_id], state=section.state,
                                       state_label=labels.get(section.state, section.state),
                                       narrative=section.narrative))
    merge.tasks = list(by_task.values())
    merge.narratives = [(row.request.sender, row.report.narrative) for row in counted if row.report.narrative]
    return merge
