from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from danvan.agencies.models import Agency, AgencyKind
from danvan.dashboards import selectors
from danvan.plans.models import Assignment, AssignmentDeadline, AssignmentState, Task
from danvan.reporting.models import Report, ReportRequest, ReportState

TODAY = dt.date(2026, 10, 15)


def finish(deadline: AssignmentDeadline, on: dt.date) -> None:
    with freeze_time(timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))):
        deadline.assignment.state = AssignmentState.DONE
        deadline.assignment.save()


@pytest.fixture
def progress(province, deadline_for):
    """Sở Tư pháp: one done on time, one done late, one overdue, one not yet due. Sở Nội vụ: one on time."""
    finish(deadline_for(dt.date(2026, 9, 30)), dt.date(2026, 9, 29))
    finish(deadline_for(dt.date(2026, 9, 30)), dt.date(2026, 10, 2))
    deadline_for(dt.date(2026, 10, 5))
    deadline_for(dt.date(2026, 11, 5))
    finish(deadline_for(dt.date(2026, 10, 1), agency=province["snv"]), dt.date(2026, 10, 1))
    return province


def test_rates_per_agency(progress):
    rows = {r.label: r for r in selectors.rates_by_agency(government_id=progress["root"].pk, today=TODAY, year=2026)}
    stp = rows["Sở Tư pháp"]
    assert (stp.total, stp.done, stp.on_time, stp.done_late, stp.overdue, stp.open_not_due) == (4, 2, 1, 1, 1, 1)
    assert stp.completion_rate == 50.0
    assert stp.on_time_rate == pytest.approx(33.3)
    assert rows["Sở Nội vụ"].on_time_rate == 100.0
    # Most overdue first.
    assert list(rows)[0] == "Sở Tư pháp"


def test_trend_by_month_and_by_plan(progress):
    months = selectors.rates_by_month(government_id=progress["root"].pk, today=TODAY, year=2026)
    assert len(months) == 12
    assert (months[8].total, months[8].on_time) == (2, 1)  # September
    assert (months[9].total, months[9].overdue) == (2, 1)  # October
    [plan] = selectors.rates_by_plan(government_id=progress["root"].pk, today=TODAY, year=2026)
    assert plan.total == 5 and plan.label.startswith("70/KH-UBND")


def test_report_submission_per_period(progress):
    for index, state, sent_on in [(8, ReportState.SUBMITTED, dt.date(2026, 9, 5)),
                                  (9, ReportState.ACCEPTED, dt.date(2026, 10, 9)), (9, None, None)]:
        sender = progress["stp"] if state or index == 8 else progress["snv"]
        request = ReportRequest.objects.create(plan=progress["plan"], sender=sender, period_kind="monthly",
                                               period_year=2026, period_index=index,
                                               due_date=dt.date(2026, index + 1, 7))
        if state:
            Report.objects.create(request=request, agency=sender, state=state, submitted_at=timezone.make_aware(
                dt.datetime.combine(sent_on, dt.time(10, 0))))
    rows = selectors.reports_by_period(government_id=progress["root"].pk, today=TODAY, year=2026)
    assert [(r.total, r.on_time, r.late, r.missing) for r in rows] == [(1, 1, 0, 0), (2, 0, 1, 1)]
    assert [r.label for r in rows] == ["Tháng 8/2026", "Tháng 9/2026"]


def _grow(province, n: int) -> None:
    task = Task.objects.create(plan=province["plan"], path=f"X{n}", title="Việc thêm", order=900 + n)
    for i in range(n):
        agency = Agency.objects.create(code=f"xa-{n}-{i}", name=f"Ủy ban nhân dân xã {n}-{i}",
                                       kind=AgencyKind.PEOPLES_COMMITTEE_COMMUNE, parent=province["root"])
        a = Assignment.objects.create(task=task, agency=agency, role="executing")
        AssignmentDeadline.objects.create(assignment=a, due_date=dt.date(2026, 10, 1 + i % 20), period_label="x")


def test_query_count_does_not_grow_with_the_number_of_agencies(province):
    gid = province["root"].pk
    _grow(province, 5)
    with CaptureQueriesContext(connection) as small:
        data = selectors.dashboard_data(government_id=gid, today=TODAY, year=2026)
    assert len(data["agencies"]) == 5
    _grow(province, 50)
    with CaptureQueriesContext(connection) as large:
        data = selectors.dashboard_data(government_id=gid, today=TODAY, year=2026)
    assert len(data["agencies"]) == 55
    assert len(small.captured_queries) == len(large.captured_queries) <= 3


@pytest.mark.parametrize("who, status", [("noivu", 200), ("lanhdao", 200), ("tuphap", 403), ("annhon", 200)])
def test_who_may_see_the_dashboard(client, progress, who, status):
    client.force_login(progress[who])
    assert client.get(reverse("dashboards:overview")).status_code == status


def test_the_dashboard_shows_each_chart_with_its_table(client, progress):
    client.force_login(progress["noivu"])
    with freeze_time("2026-10-15 03:00:00"):
        page = client.get(reverse("dashboards:overview"), {"nam": 2026}).content.decode()
    assert "Ủy ban nhân dân thành phố Cần Thơ" in page
    assert "vendor/chart.js/dist/chart.umd.min.js" in page and "cdn" not in page.lower()
    assert page.count("<details") == 2  # agency and trend charts (no report requests yet)
    assert page.count("<canvas") == 2
    assert "Sở Tư pháp" in page and "33,3%" in page
    assert "ngày 15 tháng 10 năm 2026" in page


def test_another_governments_coordinator_sees_only_their_own(client, progress):
    client.force_login(progress["annhon"])
    page = client.get(reverse("dashboards:overview")).content.decode()
    assert "Sở Tư pháp" not in page


def test_the_dashboard_opens_on_the_latest_year_with_deadlines(client, progress):
    """In January 2027, before any 2027 deadline, the dashboard shows 2026 rather than an empty year."""
    with freeze_time("2027-01-10 03:00:00"):
        client.force_login(progress["noivu"])
        page = client.get(reverse("dashboards:overview")).content.decode()
    assert "Sở Tư pháp" in page
    assert '<option value="2026" selected>' in page
