"""Reads: which items need a reminder, who should get it, a user's notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch

from danvan.accounts.models import Profile, Role
from danvan.agencies.models import Agency
from danvan.plans.models import AssignmentDeadline, AssignmentRole, AssignmentState
from danvan.reminders.models import Notification
from danvan.workcalendar.calendar import WorkCalendar
from danvan.workcalendar.selectors import rule_effective

REMINDER_RULE_CODE = "NHAC_VIEC"
DEFAULT_LEAD_WORKING_DAYS = 3


@dataclass
class ReminderItem:
    """Something an agency owes by a date: an assignment deadline or a report request."""

    key: str
    kind: str  # "deadline" | "report"
    title: str
    context: str
    due_date: dt.date
    agency_id: int
    agency_name: str
    government_id: int | None
    link: str


def reminder_lead_days(*, on: dt.date) -> int:
    """Working days before a due date that the first reminder goes out: the `NHAC_VIEC` rule in force, else 3."""
    rule = rule_effective(code=REMINDER_RULE_CODE, on=on)
    return rule.amount if rule is not None else DEFAULT_LEAD_WORKING_DAYS


def government_map() -> dict[int, int]:
    """Every agency id to the id of the root of its tree, in one query (agency trees are small)."""
    parents = dict(Agency.objects.values_list("id", "parent_id"))
    roots: dict[int, int] = {}
    for agency_id in parents:
        node = agency_id
        seen = set()
        while parents.get(node) is not None and node not in seen:
            seen.add(node)
            node = parents[node]
        roots[agency_id] = node
    return roots


def _reporting_available() -> bool:
    return apps.is_installed("danvan.reporting")


def reminder_items_open(*, today: dt.date, horizon: dt.date) -> list[ReminderItem]:
    """Open items due on or before `horizon`: assignment deadlines not done, report requests not submitted.

    Continuous tasks (no date) and the directing role (`Chỉ đạo`) get no reminders.
    """
    items: list[ReminderItem] = []
    deadlines = (
        AssignmentDeadline.objects.filter(due_date__isnull=False, due_date__lte=horizon, is_continuous=False)
        .exclude(assignment__state=AssignmentState.DONE)
        .exclude(assignment__role=AssignmentRole.DIRECTING)
        .select_related("assignment__agency", "assignment__task__plan")
    )
    for d in deadlines:
        a = d.assignment
        plan = a.task.plan
        items.append(ReminderItem(
            key=f"deadline:{d.pk}",
            kind="deadline",
            title=f"Mục {a.task.path}. {_short(a.task.title)}",
            context=f"{plan.label} · {a.get_role_display()}" + (f" · {d.period_label}" if d.period_label else ""),
            due_date=d.due_date,
            agency_id=a.agency_id,
            agency_name=a.agency.name,
            government_id=plan.government_id,
            link=_plan_link(plan, f"#task-{a.task.path}"),
        ))
    if _reporting_available():
        items.extend(_report_items(horizon=horizon))
    return items


def _report_items(*, horizon: dt.date) -> list[ReminderItem]:
    from danvan.reporting.models import ReportRequest, ReportState

    requests = (
        ReportRequest.objects.filter(due_date__lte=horizon)
        .exclude(report__state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
        .select_related("sender", "plan")
    )
    items = []
    for r in requests:
        try:
            link = r.get_absolute_url()
        except NoReverseMatch:
            link = _plan_link(r.plan) if r.plan_id else ""
        items.append(ReminderItem(
            key=f"report:{r.pk}",
            kind="report",
            title=r.period_label,
            context=r.plan.label if r.plan_id else "Yêu cầu báo cáo",
            due_date=r.due_date,
            agency_id=r.sender_id,
            agency_name=r.sender.name,
            government_id=r.plan.government_id if r.plan_id else None,
            link=link,
        ))
    return items


def _plan_link(plan, anchor: str = "") -> str:
    try:
        return plan.get_absolute_url() + anchor
    except NoReverseMatch:  # the plans pages are not mounted (some test URL confs)
        return ""


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class AgencyPeople:
    officers: list
    heads: list


def people_by_agency(*, agency_ids: set[int]) -> dict[int, AgencyPeople]:
    """Officers and heads of each agency, in one query.

    The head is the member whose position is the agency's `head_title` (Giám đốc, Chủ tịch…) or who has the
    leader role there; officers are the members with the officer role.
    """
    out = {agency_id: AgencyPeople(officers=[], heads=[]) for agency_id in agency_ids}
    profiles = (
        Profile.objects.filter(agency_id__in=agency_ids, user__is_active=True)
        .select_related("user", "agency")
        .order_by("user_id")
    )
    for p in profiles:
        head_title = (p.agency.head_title or "").strip().casefold()
        is_head = p.role == Role.LEADER or (head_title and p.position.strip().casefold() == head_title)
        if is_head:
            out[p.agency_id].heads.append(p.user)
        elif p.role in (Role.OFFICER, Role.COORDINATOR):
            out[p.agency_id].officers.append(p.user)
    return out


def coordinators_by_government(*, governments: dict[int, int]) -> dict[int, list]:
    """Active coordinators per government id (the root of their agency's tree)."""
    out: dict[int, list] = {}
    profiles = Profile.objects.filter(role=Role.COORDINATOR, agency__isnull=False, user__is_active=True)
    for p in profiles.select_related("user").order_by("user_id"):
        out.setdefault(governments.get(p.agency_id, p.agency_id), []).append(p.user)
    return out


def step_for(*, item_due: dt.date, today: dt.date, lead: int, calendar: WorkCalendar) -> str | None:
    """The reminder step that applies to an item due `item_due` on working day `today`, or None.

    `due` is sent on the due date, or on the last working day before it when it falls on a day off.
    """
    if today > item_due:
        return "overdue"
    if calendar.next_working_day(today, include_today=False).end > item_due:
        return "due"
    if calendar.subtract_working_days(item_due, lead).end <= today:
        return "before"
    return None


def notification_list_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def notification_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def users_with_email(*, ids: set[int]) -> QuerySet:
    return get_user_model().objects.filter(pk__in=ids).exclude(Q(email="") | Q(email__isnull=True))
