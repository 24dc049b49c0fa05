"""Dashboard pages for coordinators, leaders and administrators of a government."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from danvan.accounts.permissions import actor_for, require
from danvan.dashboards import charts, selectors

AGENCIES_IN_CHART = 15


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(actor.is_admin or actor.is_coordinator or actor.is_leader)
    governments = list(selectors.dashboard_governments_for(actor=actor))
    chosen = request.GET.get("chinh_quyen", "")
    government = next((g for g in governments if str(g.pk) == chosen), governments[0] if governments else None)
    today = timezone.localdate()
    year_text = request.GET.get("nam", "")
    if year_text.isdigit() and 2000 <= int(year_text) <= 2100:
        year = int(year_text)
    elif government is not None:
        year = selectors.dashboard_default_year(government_id=government.pk, today=today)
    else:
        year = today.year
    context = {"governments": governments, "government": government, "year": year, "today": today,
               "years": range(today.year - 3, today.year + 2)}
    if government is not None:
        data = selectors.dashboard_data(government_id=government.pk, today=today, year=year)
        context.update(data)
        context["charts"] = {
            "agencies": charts.agency_chart(data["agencies"][:AGENCIES_IN_CHART]),
            "trend": charts.trend_chart(data["months"]),
            "reports": charts.report_chart(data["reports"]),
        }
        context["agencies_in_chart"] = min(AGENCIES_IN_CHART, len(data["agencies"]))
    return render(request, "dashboards/overview.html", context)
