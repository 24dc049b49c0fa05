"""Reading plans: what an actor may see, inboxes, calendars, overdue lists."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from danvan.accounts.permissions import Actor
from danvan.plans.models import (
    Assignment,
    AssignmentDeadline,
    AssignmentRole,
    AssignmentState,
    ImportJob,
    JobState,
    Plan,
    PlanStatus,
)
from danvan.text import fold_words


def plan_list_visible_to(
    *,
    actor: Actor,
    status: str | None = None,
    year: int | None = None,
    issuer: str | None = None,
    q: str | None = None,
) -> QuerySet[Plan]:
    """Plans the actor may read, filtered; `q` matches without accents (`dan van` finds `dân vận`)."""
    plans = Plan.objects.select_related("government", "parent_plan")
    if not actor.is_authenticated:
        return plans.none()
    if not actor.is_admin:
        if actor.is_coordinator:
            plans = plans.filter(Q(government_id=actor.government_id) | Q(created_by_id=actor.user.pk))
        elif actor.is_leader:
            plans = plans.filter(government_id=actor.government_id)
        elif actor.is_officer and actor.agency is not None:
            plans = plans.filter(pk__in=Assignment.objects.filter(agency=actor.agency).values("task__plan_id"))
        else:
            return plans.none()
        if not (actor.is_coordinator or actor.is_admin):
            plans = plans.filter(status=PlanStatus.PUBLISHED)
    if status:
        plans = plans.filter(status=status)
    if year:
        plans = plans.filter(issued_on__year=year)
    if issuer:
        for word in fold_words(issuer).split():
            plans = plans.filter(search_text__contains=word)
    if q:
        for word in fold_words(q).split():
            plans = plans.filter(search_text__contains=word)
    return plans


def plan_progress(*, plan_ids: list[int], today: dt.date) -> dict[int, dict[str, int]]:
    """Per plan: how many assignments, how many done, in progress, and overdue (derived, never stored)."""
    progress: dict[int, dict[str, int]] = {
        pid: {"total": 0, "done": 0, "in_progress": 0, "overdue": 0} for pid in plan_ids
    }
    rows = (
        Assignment.objects.filter(task__plan_id__in=plan_ids)
        .values("task__plan_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(state=AssignmentState.DONE)),
            in_progress=Count("id", filter=Q(state=AssignmentState.IN_PROGRESS)),
        )
    )
    for row in rows:
        progress[row["task__plan_id"]].update(total=row["total"], done=row["done"], in_progress=row["in_progress"])
    overdue = (
        AssignmentDeadline.objects.filter(assignment__task__plan_id__in=plan_ids, due_date__lt=today)
        .exclude(assignment__state=AssignmentState.DONE)
        .values("assignment__task__plan_id")
        .annotate(n=Count("assignment", distinct=True))
    )
    for row in overdue:
        progress[row["assignment__task__plan_id"]]["overdue"] = row["n"]
    return progress


def plan_years(*, plans: QuerySet[Plan]) -> list[int]:
    return sorted({d.year for d in plans.exclude(issued_on=None).values_list("issued_on", flat=True)}, reverse=True)


def assignment_list_visible_to(*, actor: Actor) -> QuerySet[Assignment]:
    """Assignments in the actor's purview: its own agency's for officers, the government's for others."""
    qs = Assignment.objects.select_related("task__plan", "agency").filter(task__plan__status=PlanStatus.PUBLISHED)
    if actor.is_admin:
        return qs
    if actor.is_coordinator:
        return qs.filter(Q(task__plan__government_id=actor.government_id) | Q(task__plan__created_by_id=actor.user.pk))
    if actor.is_leader:
        return qs.filter(task__plan__government_id=actor.government_id)
    if actor.agency is not None:
        return qs.filter(agency=actor.agency)
    return qs.none()


def _next_due(assignment: Assignment, today: dt.date) -> dt.date | None:
    dates = [d.due_date for d in assignment.deadlines.all() if d.due_date]
    upcoming = [d for d in dates if d >= today]
    if upcoming:
        return min(upcoming)
    return max(dates) if dates else None


def assignment_inbox(*, agency, today: dt.date) -> list[tuple[str, list[tuple[Assignment, dt.date | None]]]]:
    """The agency's assignments grouped by role, nearest deadline first (no deadline last)."""
    assignments = (
        Assignment.objects.filter(agency=agency, task__plan__status=PlanStatus.PUBLISHED)
        .select_related("task__plan", "agency")
        .prefetch_related("deadlines")
    )
    grouped: dict[str, list] = defaultdict(list)
    for a in assignments:
        grouped[a.role].append((a, _next_due(a, today)))
    result = []
    for role in AssignmentRole:
        items = sorted(
            grouped.get(role.value, []),
            key=lambda pair: (pair[0].is_done, pair[1] is None, pair[1] or dt.date.max, pair[0].task.order),
        )
        result.append((role.label, items))
    return result


def deadline_calendar(*, actor: Actor, year: int, month: int) -> list[list[tuple[dt.date | None, list]]]:
    """Weeks of the month (Monday first), each day with the deadlines falling on it."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    visible = assignment_list_visible_to(actor=actor)
    deadlines = (
        AssignmentDeadline.objects.filter(assignment__in=visible, due_date__gte=first, due_date__lte=last)
        .select_related("assignment__task__plan", "assignment__agency")
        .order_by("due_date", "assignment__task__order")
    )
    # One entry per task and day: a group assignment can put a hundred agencies on the same date.
    by_day: dict[dt.date, dict[int, dict]] = defaultdict(dict)
    for d in deadlines:
        task = d.assignment.task
        entry = by_day[d.due_date].setdefault(task.pk, {"task": task, "deadlines": [], "done": 0})
        entry["deadlines"].append(d)
        entry["done"] += d.assignment.is_done
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(day if day.month == month else None, list(by_day.get(day, {}).values())) for day in week])
    return weeks


def deadline_overdue_list(*, actor: Actor, today: dt.date) -> QuerySet[AssignmentDeadline]:
    """Deadlines past due whose assignment is not done: derived each time, never stored."""
    visible = assignment_list_visible_to(actor=actor)
    return (
        AssignmentDeadline.objects.filter(assignment__in=visible, due_date__lt=today)
        .exclude(assignment__state=AssignmentState.DONE)
        .select_related("assignment__task__plan", "assignment__agency")
        .order_by("due_date", "assignment__agency__name")
    )


def plan_tree(*, plan: Plan) -> list[dict]:
    """The plan's tasks in outline order, each with its assignments by role and their deadlines."""
    tasks = plan.tasks.prefetch_related(
        "assignments__agency", "assignments__deadlines", "assignments__resolved_via"
    ).order_by("order")
    rows = []
    for task in tasks:
        roles = []
        for role in AssignmentRole:
            items = [a for a in task.assignments.all() if a.role == role.value]
            if items:
                roles.append((role.label, sorted(items, key=lambda a: a.agency.name)))
        rows.append({"task": task, "roles": roles})
    return rows


def import_job_running_for(*, user) -> ImportJob | None:
    return ImportJob.objects.filter(created_by=user, state__in=[JobState.QUEUED, JobState.RUNNING]).first()


def import_job_list_for(*, actor: Actor) -> QuerySet[ImportJob]:
    qs = ImportJob.objects.select_related("created_by", "plan")
    if actor.is_admin:
        return qs
    if actor.is_coordinator:
        return qs.filter(Q(government_id=actor.government_id) | Q(created_by_id=actor.user.pk))
    return qs.none()
