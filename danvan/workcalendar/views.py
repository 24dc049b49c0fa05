from __future__ import annotations

import calendar as std_calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import actor_for, require
from danvan.workcalendar import selectors, services
from danvan.workcalendar.calendar import WEEKDAY_NAMES
from danvan.workcalendar.explain import explanation_sentences
from danvan.workcalendar.forms import CalendarDayForm, CalendarDayRemoveForm
from danvan.workcalendar.models import Deadline

SHORT_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def _month_grid(year: int, month: int, special: dict) -> list[list[dict | None]]:
    weeks = []
    for week in std_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            row.append({"date": day, "special": special.get(day), "weekend": day.weekday() >= 5})
        weeks.append(row)
    return weeks


@login_required
def calendar_index(request):
    return redirect("workcalendar:calendar_year", year=timezone.localdate().year)


@login_required
def calendar_year(request, year: int):
    actor = actor_for(request.user)
    require(actor.is_admin)
    days = list(selectors.calendar_year_days(year=year))
    special = {d.date: d for d in days}
    months = [
        {"number": m, "weeks": _month_grid(year, m, special), "days": [d for d in days if d.date.month == m]}
        for m in range(1, 13)
    ]
    form = CalendarDayForm(initial={"date": dt.date(year, 1, 1)})
    return render(
        request,
        "workcalendar/calendar_year.html",
        {
            "year": year,
            "calendar_year": selectors.calendar_year_get(year=year),
            "months": months,
            "days": days,
            "weekdays": SHORT_WEEKDAYS,
            "weekday_names": WEEKDAY_NAMES,
            "form": form,
            "changes": selectors.deadline_changes_recent(),
        },
    )


@login_required
@require_POST
def calendar_day_add(request):
    actor = actor_for(request.user)
    require(actor.is_admin)
    form = CalendarDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Dữ liệu chưa hợp lệ: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("workcalendar:calendar_index")
    data = form.cleaned_data
    try:
        day = services.calendar_day_set(
            date=data["date"], kind=data["kind"], name=data["name"], source=data["source"], actor=actor
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("workcalendar:calendar_year", year=data["date"].year)
    messages.success(request, f"Đã lưu ngày {day.date:%d/%m/%Y}: {day.name}. Các thời hạn đang mở đã được tính lại.")
    return redirect("workcalendar:calendar_year", year=day.date.year)


@login_required
@require_POST
def calendar_day_remove(request):
    actor = actor_for(request.user)
    require(actor.is_admin)
    form = CalendarDayRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày không hợp lệ.")
        return redirect("workcalendar:calendar_index")
    day = form.cleaned_data["date"]
    if services.calendar_day_remove(date=day, actor=actor):
        messages.success(request, f"Đã bỏ ngày {day:%d/%m/%Y} khỏi lịch. Các thời hạn đang mở đã được tính lại.")
    else:
        messages.warning(request, f"Ngày {day:%d/%m/%Y} không có trong lịch.")
    return redirect("workcalendar:calendar_year", year=day.year)


@login_required
def deadline_explain(request, pk: int):
    deadline = get_object_or_404(Deadline.objects.select_related("rule"), pk=pk)
    return render(
        request,
        "workcalendar/deadline_explain.html",
        {
            "deadline": deadline,
            "sentences": explanation_sentences(deadline.explanation),
            "changes": deadline.changes.select_related("actor"),
        },
    )
