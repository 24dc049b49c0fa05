from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.models import AuditEvent
from danvan.reporting.models import ReportRequest, ReportValue
from danvan.reporting.services import (
    ReportingError,
    progress_record,
    report_accept,
    report_open,
    report_requests_generate,
    report_resubmit,
    report_return,
    report_save_draft,
    report_submit,
)

from .conftest import actor


@pytest.fixture
def request_stp(plan, city):
    report_requests_generate(plan=plan)
    return ReportRequest.objects.get(sender=city["stp"], period_year=2025)


def test_open_prefills_sections_from_progress_in_the_cutoff_window(people, plan, request_stp):
    progress_record(assignment=plan.asg["stp_dated"], actor=actor(people["tuphap"]), state="in_progress",
                    narrative="Đã tổ chức 1 hội nghị đối thoại", numbers={}, reason="", expected_version=0, files=[])
    # Move the request's window around today so the update falls inside it.
    today = timezone.localdate()
    ReportRequest.objects.filter(pk=request_stp.pk).update(cutoff_start=today - dt.timedelta(days=10),
                                                           cutoff_end=today + dt.timedelta(days=10))
    request_stp.refresh_from_db()
    report = report_open(request=request_stp, actor=actor(people["tuphap"]))
    sections = {s.task.path: s for s in report.sections.all()}
    assert set(sections) == {"II.1", "II.2"}
    assert sections["II.1"].narrative == "Đã tổ chức 1 hội nghị đối thoại"
    assert sections["II.1"].state == "in_progress"
    assert sections["II.2"].narrative == ""
    assert report.state == "draft" and report.agency == request_stp.sender
    # Opening again returns the same report.
    assert report_open(request=request_stp, actor=actor(people["tuphap"])).pk == report.pk


def test_only_the_sender_agency_opens_and_edits(people, request_stp):
    for who in ("taichinh", "lanhdao", "hue"):
        with pytest.raises(ReportingError):
            report_open(request=request_stp, actor=actor(people[who]))


def test_workflow_draft_submit_return_resubmit_accept(people, request_stp):
    officer, coordinator = actor(people["tuphap"]), actor(people["noivu"])
    report = report_open(request=request_stp, actor=officer)
    report_save_draft(report=report, actor=officer, expected_version=0, narrative="Đánh giá chung",
                      values={"petitions_received": "10", "petitions_resolved": "8", "dialogues_held": "2"})
    assert report.version == 1
    assert {v.indicator.code: v.value for v in ReportValue.objects.filter(report=report)} == {
        "petitions_received": 10, "petitions_resolved": 8, "dialogues_held": 2}
    # The coordinator cannot review a draft; the officer cannot accept.
    with pytest.raises(ReportingError):
        report_accept(report=report, actor=coordinator)
    report_submit(report=report, actor=officer, expected_version=1)
    assert report.state == "submitted" and report.submitted_at is not None
    with pytest.raises(ReportingError) as error:
        report_save_draft(report=report, actor=officer, expected_version=report.version, narrative="x", values={})
    assert "Đã gửi" in error.value.message
    with pytest.raises(ReportingError):
        report_accept(report=report, actor=officer)
    with pytest.raises(ReportingError):
        report_return(report=report, actor=actor(people["hue"]), comment="x")
    with pytest.raises(ReportingError) as error:
        report_return(report=report, actor=coordinator, comment="  ")
    assert "ý kiến" in error.value.errors["comment"]
    report_return(report=report, actor=coordinator, comment="Bổ sung số liệu tiếp công dân")
    assert report.state == "returned" and report.review_comment == "Bổ sung số liệu tiếp công dân"
    report_save_draft(report=report, actor=officer, expected_version=report.version, narrative="Đã bổ sung",
                      values={"citizens_received": "35"})
    report_resubmit(report=report, actor=officer)
    assert report.state == "submitted"
    report_accept(report=report, actor=coordinator)
    assert report.state == "accepted"
    with pytest.raises(ReportingError):
        report_return(report=report, actor=coordinator, comment="muộn")
    actions = list(AuditEvent.objects.filter(object_type="reporting.report").values_list("action", flat=True))
    for action in ("report_open", "report_save_draft", "report_submit", "report_return", "report_resubmit",
                   "report_accept"):
        assert f"reporting.{action}" in actions


def test_stale_report_version_is_a_conflict(people, request_stp):
    officer = actor(people["tuphap"])
    report = report_open(request=request_stp, actor=officer)
    report_save_draft(report=report, actor=officer, expected_version=0, narrative="Bản 1", values={})
    with pytest.raises(ReportingError) as error:
        report_save_draft(report=report, actor=officer, expected_version=0, narrative="Bản cũ", values={})
    assert error.value.code == "conflict"
    report.refresh_from_db()
    assert report.narrative == "Bản 1"


def test_values_are_validated_with_vietnamese_messages(people, request_stp):
    officer = actor(people["tuphap"])
    report = report_open(request=request_stp, actor=officer)
    with pytest.raises(ReportingError) as error:
        report_save_draft(report=report, actor=officer, expected_version=0, narrative="",
                          values={"dialogues_held": "-2", "trainees": "ba"})
    assert "số nguyên không âm" in error.value.errors["dialogues_held"]
    assert "số nguyên không âm" in error.value.errors["trainees"]
    with pytest.raises(ReportingError) as error:
        report_save_draft(report=report, actor=officer, expected_version=0, narrative="",
                          values={"petitions_received": "3", "petitions_resolved": "5"})
    assert "không được lớn hơn" in error.value.errors["petitions_resolved"]
    with pytest.raises(ReportingError) as error:
        report_save_draft(report=report, actor=officer, expected_version=0, narrative="",
                          values={"dvk_registered": "1", "dvk_recognised": "4"})
    assert "Dân vận khéo" in error.value.errors["dvk_recognised"]
    assert not ReportValue.objects.exists()
    report.refresh_from_db()
    assert report.version == 0
