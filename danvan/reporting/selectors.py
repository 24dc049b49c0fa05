"""Reads: who sees which progress updates, the agency's report requests, and the coordinator's merge.

The merge runs a fixed number of queries whatever the number of agencies (requests, values, indicators and
sections are read in one query each, as tuples of the columns it shows, then grouped in Python).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from danvan.accounts.permissions import Actor
from danvan.agencies.models import Agency
from danvan.plans.models import AssignmentRole, Plan, Task
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
    return requests.filter(_government_scope(actor))


def _government_scope(actor: Actor, *, one_plan: bool = False) -> Q:
    """The requests of the actor's government's plans, and the on-demand ones (no plan) sent to its agency.

    `one_plan`: the caller also filters on one given plan, so the on-demand part cannot match and is left out
    (a simpler query). Not for admins (who see everything) nor actors without a government (nothing).
    """
    scope = Q(plan__government_id=actor.government_id)
    if actor.agency is not None and not one_plan:
        scope |= Q(plan__isnull=True, recipient=actor.agency)
    return scope


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


@dataclass(slots=True)
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
    """The requests of the period the actor may merge (built as one filter: the merge is read often)."""
    if not actor.is_admin and actor.government_id is None:
        return ReportRequest.objects.none()
    filters = {"period_kind": key.period_kind, "period_year": key.period_year}
    if not key.whole_government:
        filters["plan_id"] = key.plan_id
    if key.period_index is not None:
        filters["period_index"] = key.period_index
    else:
        filters["period_index__isnull"] = True
    if key.due_date is not None:
        filters["due_date"] = key.due_date
    conditions = []  # _government_requests(actor), in the same filter
    if not actor.is_admin:
        conditions.append(_government_scope(actor, one_plan=not key.whole_government and key.plan_id is not None))
    if actor.agency is not None:
        conditions.append(~Q(sender=actor.agency))  # the coordinator's own report is the merge itself
    return ReportRequest.objects.filter(*conditions, **filters)


# The fields the merge reads of each model, in the model's field order (Model.from_db expects that order):
# what the merge page and the DOCX/XLSX exports show. The other fields stay deferred; reading one costs a query
# per object, so add a field here before showing it on the page or in an export.
_REQUEST_FIELDS = ("id", "plan_id", "sender_id", "period_kind", "period_year", "period_index", "due_date",
                   "is_ad_hoc")
_AGENCY_FIELDS = ("id", "name")  # Agency.__str__
_REPORT_FIELDS = ("id", "request_id", "state", "narrative", "submitted_at")
_PLAN_FIELDS = ("id", "kind", "symbol", "issuer", "issued_on", "title", "government_id")
_TASK_FIELDS = ("id", "plan_id", "path", "title", "order")


def _indicator_order(indicator: Indicator) -> tuple[int, int]:
    return indicator.order, indicator.pk


def _section_order(values: tuple) -> tuple[int, int, int]:
    """(task's plan, task's order, report) of a section row read as in report_merge."""
    return values[4], values[7], values[0]


def _lookups(prefix: str, attnames: tuple[str, ...]) -> list[str]:
    """values_list() names of `attnames` across a relation: ("id", "plan_id") → ["task__id", "task__plan"]."""
    return [prefix + name.removesuffix("_id") if name != "id" else prefix + name for name in attnames]


def report_merge(*, actor: Actor, key: PeriodKey, today: dt.date) -> Merge:
    """Who submitted, who is late, indicators summed (with each agency's value) and narratives by task.

    Submitted and accepted reports count; drafts and returned reports do not.

    Four queries whatever the number of agencies: the requests (with their sender's name, their report and,
    for one plan, the plan joined), the indicator values, the indicators and the task sections. Rows are read
    as tuples and turned into model instances holding only the fields above (one per request and report, and
    one per distinct agency, plan and task). In a whole-government merge `row.request.plan` is not joined
    (the merge shows no plan) and would be read on demand.
    """
    queryset = merge_requests(actor=actor, key=key).order_by("sender__name", "id")
    db = queryset.db
    with_plan = not key.whole_government  # a whole-government merge shows no plan
    # The period (and, for one plan, the plan) is the filter's: not read back from each row.
    columns = ["id", "sender", "due_date", "is_ad_hoc", "sender__name", "report__id", "report__state",
               "report__narrative", "report__submitted_at"]
    columns += _lookups("plan__", _PLAN_FIELDS[1:]) if with_plan else ["plan"]
    kind, year, index = key.period_kind, key.period_year, key.period_index
    request_names, agency_names = frozenset(_REQUEST_FIELDS), frozenset(_AGENCY_FIELDS)
    report_names, plan_names = frozenset(_REPORT_FIELDS), frozenset(_PLAN_FIELDS)
    cache_sender = ReportRequest.sender.field.set_cached_value
    cache_plan = ReportRequest.plan.field.set_cached_value
    cache_report = ReportRequest.report.related.set_cached_value
    cache_request = Report.request.field.set_cached_value
    from_request, from_agency, from_report = ReportRequest.from_db, Agency.from_db, Report.from_db
    agencies: dict[int, Agency] = {}
    plan = None
    rows: list[RequestRow] = []
    append = rows.append
    for values in queryset.values_list(*columns):
        request_id, sender_id, due_date, is_ad_hoc, sender_name, report_id = values[:6]
        plan_id = key.plan_id if with_plan else values[9]
        request = from_request(db, request_names,
                               (request_id, plan_id, sender_id, kind, year, index, due_date, is_ad_hoc))
        sender = agencies.get(sender_id)
        if sender is None:
            sender = agencies[sender_id] = from_agency(db, agency_names, (sender_id, sender_name))
        cache_sender(request, sender)
        if report_id is None:  # no report yet (LEFT JOIN)
            report = None
        else:
            report = from_report(db, report_names, (report_id, request_id, *values[6:9]))
            cache_request(report, request)
        cache_report(request, report)
        if with_plan and plan_id is not None:
            if plan is None:
                plan = Plan.from_db(db, plan_names, (plan_id, *values[9:]))
            cache_plan(request, plan)
        append(RequestRow(request=request, report=report, today=today))
    label = (rows[0].request.period_label if rows else
             ReportRequest(period_kind=key.period_kind, period_year=key.period_year, period_index=key.period_index,
                           due_date=key.due_date or dt.date(key.period_year, 12, 31)).period_label)
    merge = Merge(key=key, label=label, today=today, rows=rows, plan=plan)
    counted = [row for row in rows if row.submitted]
    pairs = [(row.report.pk, row.request.sender) for row in counted]  # (report id, agency)
    report_ids = [report_id for report_id, _agency in pairs]

    values_of: dict[int, dict[int, int]] = {}  # indicator → report → value
    if report_ids:
        for report_id, indicator_id, value in ReportValue.objects.filter(report_id__in=report_ids).values_list(
                "report_id", "indicator_id", "value"):
            by_report = values_of.get(indicator_id)
            if by_report is None:
                by_report = values_of[indicator_id] = {}
            by_report[report_id] = value
    empty: dict[int, int] = {}
    merge.indicators = [
        IndicatorTotal(indicator=indicator, total=sum(by_report.values()),
                       per_agency=[AgencyValue(agency, by_report.get(rid)) for rid, agency in pairs])
        # Sorted here (integers, so as the database would): ordering in SQL costs more than sorting ~20 rows.
        for indicator in sorted(Indicator.objects.filter(active=True).order_by(), key=_indicator_order)
        for by_report in (values_of.get(indicator.pk, empty),)]

    if report_ids:
        agency_of = dict(pairs)
        labels = dict(ProgressState.choices)
        task_names = frozenset(_TASK_FIELDS)
        by_task: dict[int, TaskNarratives] = {}
        sections = (ReportTaskSection.objects.filter(report_id__in=report_ids).order_by()
                    .values_list("report_id", "state", "narrative", *_lookups("task__", _TASK_FIELDS)))
        # By plan, task order, report (integers, sorted here as the database would).
        for report_id, state, narrative, *task_values in sorted(sections, key=_section_order):
            group = by_task.get(task_values[0])
            if group is None:
                group = by_task[task_values[0]] = TaskNarratives(
                    task=Task.from_db(db, task_names, task_values), entries=[])
            group.entries.append(TaskEntry(agency=agency_of[report_id], state=state,
                                           state_label=labels.get(state, state), narrative=narrative))
        merge.tasks = list(by_task.values())
    merge.narratives = [(row.request.sender, row.report.narrative) for row in counted if row.report.narrative]
    return merge
