from __future__ import annotations

import datetime as dt

import pytest

from danvan.reporting.models import ReportRequest
from danvan.reporting.services import ReportingError, report_request_issue, report_requests_generate

from .conftest import actor


def test_an_nhon_shape_quarterly_six_nine_annual_for_every_sender(town):
    created = report_requests_generate(plan=town["plan"])
    assert created == 16
    for sender in town["senders"]:
        rows = list(ReportRequest.objects.filter(sender=sender).order_by("due_date")
                    .values_list("period_kind", "period_year", "period_index", "due_date"))
        assert rows == [
            ("quarterly", 2025, 1, dt.date(2025, 3, 15)),
            ("six_months", 2025, 1, dt.date(2025, 6, 15)),
            ("nine_months", 2025, None, dt.date(2025, 9, 15)),
            ("annual", 2025, None, dt.date(2025, 11, 20)),
        ]
    request = ReportRequest.objects.get(sender=town["ptp"], period_kind="quarterly")
    assert (request.cutoff_start, request.cutoff_end) == (dt.date(2024, 12, 15), dt.date(2025, 3, 14))
    assert request.recipient == town["pnv"]  # "về UBND thị xã (qua Phòng Nội vụ)": Phòng Nội vụ collects
    assert request.period_label == "Báo cáo quý 1/2025"
    # The unspecified duty of Phòng Nội vụ creates nothing automatically.
    assert not ReportRequest.objects.filter(sender=town["pnv"]).exists()


def test_generation_is_idempotent(town):
    assert report_requests_generate(plan=town["plan"]) == 16
    assert report_requests_generate(plan=town["plan"]) == 0
    assert ReportRequest.objects.count() == 16


def test_nq65_shape_yearly_requests_over_the_horizon(plan, city):
    created = report_requests_generate(plan=plan)
    # 2025–2027: 3 agencies × 3 years due 10/11, Sở Nội vụ × 3 years due 15/11; ad hoc creates nothing.
    assert created == 12
    agencies = ReportRequest.objects.filter(sender=city["stp"]).order_by("period_year")
    assert [r.due_date for r in agencies] == [dt.date(2025, 11, 10), dt.date(2026, 11, 10), dt.date(2027, 11, 10)]
    assert {r.recipient for r in agencies} == {city["snv"]}
    own = ReportRequest.objects.filter(sender=city["snv"]).order_by("period_year")
    assert [r.due_date for r in own] == [dt.date(2025, 11, 15), dt.date(2026, 11, 15), dt.date(2027, 11, 15)]
    assert {r.recipient for r in own} == {city["root"]}
    assert report_requests_generate(plan=plan) == 0


def test_duty_without_senders_is_skipped(town):
    from danvan.core.models import AuditEvent
    from danvan.plans.models import ReportDuty

    ReportDuty.objects.create(plan=town["plan"], order=20, period="annual", due="--12-01")
    assert report_requests_generate(plan=town["plan"]) == 16
    event = AuditEvent.objects.get(action="reporting.requests_generate")
    assert len(event.extra["duties_without_sender"]) == 1


def test_coordinator_issues_on_demand_requests(people, city):
    due = dt.date.today() + dt.timedelta(days=7)
    made = report_request_issue(actor=actor(people["noivu"]), senders=[city["stp"], city["ninhkieu"]],
                                recipient=None, due_date=due, note="Báo cáo kết quả đối thoại quý III")
    assert len(made) == 2
    assert all(r.is_ad_hoc and r.recipient == city["snv"] and r.due_date == due for r in made)


def test_on_demand_requests_are_refused_to_officers_and_need_a_due_date_and_content(people, city):
    with pytest.raises(ReportingError) as error:
        report_request_issue(actor=actor(people["tuphap"]), senders=[city["stc"]], recipient=None,
                             due_date=dt.date.today(), note="x")
    assert error.value.code == "forbidden"
    with pytest.raises(ReportingError) as error:
        report_request_issue(actor=actor(people["noivu"]), senders=[], recipient=None,
                             due_date=dt.date(2000, 1, 1), note="")
    assert set(error.value.errors) == {"senders", "due_date", "note"}


def test_management_command_generates_for_published_plans(town):
    from django.core.management import call_command

    call_command("generate_report_requests", stdout=__import__("io").StringIO())
    call_command("generate_report_requests", stdout=__import__("io").StringIO())
    assert ReportRequest.objects.count() == 16
