"""Reads: the working calendar as a value, rule versions by date, deadlines of an owner."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from danvan.workcalendar.calendar import WorkCalendar
from danvan.workcalendar.models import CalendarDay, CalendarYear, Deadline, DeadlineChange, DeadlineRule


def work_calendar() -> WorkCalendar:
    """The calendar every deadline is computed on: all special days an administrator maintains."""
    return WorkCalendar.from_rows(CalendarDay.objects.all())


def rule_effective(*, code: str, on: dt.date) -> DeadlineRule | None:
    """The version of rule `code` in force on `on`, or None when no version covers that day."""
    for rule in DeadlineRule.objects.filter(code=code, effective_from__lte=on).order_by("-effective_from"):
        if rule.effective_to is None or on <= rule.effective_to:
            return rule
    return None


def owner_key(owner) -> tuple[str, str]:
    """`(owner_type, owner_id)` from a model instance or an `(owner_type, owner_id)` pair."""
    if isinstance(owner, tuple | list):
        owner_type, owner_id = owner
        return str(owner_type), str(owner_id)
    return owner._meta.label_lower, str(owner.pk)


def deadlines_for_owner(*, owner) -> QuerySet[Deadline]:
    owner_type, owner_id = owner_key(owner)
    return Deadline.objects.filter(owner_type=owner_type, owner_id=owner_id).select_related("rule")


def calendar_year_days(*, year: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(date__year=year).order_by("date")


def calendar_year_get(*, year: int) -> CalendarYear | None:
    return CalendarYear.objects.filter(year=year).first()


def deadline_changes_recent(*, limit: int = 50) -> QuerySet[DeadlineChange]:
    return DeadlineChange.objects.select_related("deadline", "deadline__rule", "actor")[:limit]
