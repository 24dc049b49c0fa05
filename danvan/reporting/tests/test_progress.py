from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import AuditEvent
from danvan.plans.models import Assignment
from danvan.reporting import rules
from danvan.reporting.models import Evidence, ProgressUpdate
from danvan.reporting.selectors import progress_list_visible_to
from danvan.reporting.services import ReportingError, progress_record

from .conftest import actor

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def record(user, assignment, **kwargs):
    assignment.refresh_from_db()
    params = {"state": "in_progress", "narrative": "", "numbers": {}, "reason": "",
              "expected_version": assignment.version, "files": []}
    params.update(kwargs)
    return progress_record(assignment=assignment, actor=actor(user), **params)


def test_officer_records_progress_and_the_assignment_state_follows(people, plan):
    assignment = plan.asg["stp_dated"]
    update = record(people["tuphap"], assignment, state="done", narrative="Đã tổ chức 2 hội nghị",
                    numbers={"dialogues_held": "2"})
    assignment.refresh_from_db()
    assert assignment.state == "done" and assignment.version == 1
    assert update.numbers == {"dialogues_held": 2}
    assert AuditEvent.objects.filter(action="reporting.progress_record").count() == 1


def test_continuous_task_is_never_done_and_records_its_period(people, plan):
    assignment = plan.asg["stp_cont"]
    with pytest.raises(ReportingError) as error:
        record(people["tuphap"], assignment, state="done")
    assert "thường xuyên" in error.value.message
    assert Assignment.objects.get(pk=assignment.pk).state == "not_started"
    update = record(people["tuphap"], assignment, state="in_progress", narrative="Tuyên truyền 3 buổi")
    assert update.period_label.startswith("Quý ") and update.period_year


def test_continuous_by_task_timeframe_alone(people, plan):
    with pytest.raises(ReportingError):
        record(people["phuong"], plan.asg["phuong_cont"], state="done")


def test_blocked_needs_a_reason(people, plan):
    with pytest.raises(ReportingError) as error:
        record(people["tuphap"], plan.asg["stp_dated"], state="blocked")
    assert error.value.errors["reason"] == "Hãy ghi rõ lý do không thực hiện được."
    update = record(people["tuphap"], plan.asg["stp_dated"], state="blocked", reason="Chưa có kinh phí")
    assert update.reason == "Chưa có kinh phí"


def test_stale_version_is_a_conflict_and_nothing_is_overwritten(people, plan):
    assignment = plan.asg["stp_dated"]
    record(people["tuphap"], assignment, state="in_progress", narrative="Bản thứ nhất")
    with pytest.raises(ReportingError) as error:
        progress_record(assignment=assignment, actor=actor(people["tuphap"]), state="blocked", narrative="",
                        numbers={}, reason="x", expected_version=0, files=[])
    assert error.value.code == "conflict"
    assert "Phân công này vừa được người khác cập nhật" in error.value.message
    assert Assignment.objects.get(pk=assignment.pk).state == "in_progress"
    assert ProgressUpdate.objects.count() == 1


def test_numbers_must_be_non_negative_integers(people, plan):
    for bad in ("-1", "abc", "1,5", -3):
        with pytest.raises(ReportingError) as error:
            record(people["tuphap"], plan.asg["stp_dated"], numbers={"Số buổi": bad})
        assert "số nguyên không âm" in error.value.message
    assert ProgressUpdate.objects.count() == 0


def test_officer_of_another_agency_and_leader_are_refused(people, plan):
    for who in ("taichinh", "lanhdao", "hue"):
        with pytest.raises(ReportingError) as error:
            record(people[who], plan.asg["stp_dated"])
        assert error.value.code == "forbidden"


@pytest.mark.parametrize(("name", "data"), [("bien-ban.pdf", PDF), ("anh.png", PNG),
                                             ("anh.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 20),
                                             ("bao-cao.docx", None)])
def test_allowed_evidence_is_stored(people, plan, name, data):
    data = data if data is not None else docx_bytes()
    update = record(people["tuphap"], plan.asg["stp_dated"], files=[SimpleUploadedFile(name, data)])
    evidence = Evidence.objects.get(update=update)
    assert evidence.original_name == name and evidence.size == len(data)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("virus.exe", b"MZ\x90\0", "không phải DOCX, PDF, PNG hoặc JPEG"),
    ("gia-mao.pdf", b"MZ\x90\0 not a pdf", "không phải DOCX, PDF, PNG hoặc JPEG"),
    ("anh.pdf", PNG, "đuôi không khớp"),
    ("zip.docx", b"PK\x03\x04garbage", "không phải DOCX"),
])
def test_evidence_type_is_checked_by_content(people, plan, name, data, message):
    with pytest.raises(ReportingError) as error:
        record(people["tuphap"], plan.asg["stp_dated"], files=[SimpleUploadedFile(name, data)])
    assert message in error.value.message
    assert ProgressUpdate.objects.count() == 0
    assert Assignment.objects.get(pk=plan.asg["stp_dated"].pk).version == 0


def test_evidence_size_is_bounded(people, plan, settings):
    settings.DANVAN_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ReportingError) as error:
        record(people["tuphap"], plan.asg["stp_dated"], files=[SimpleUploadedFile("to.pdf", PDF + b"0" * 2000)])
    assert "quá lớn" in error.value.message and "dung lượng tối đa" in error.value.message


def test_lead_agency_sees_its_cooperating_agencies_updates(people, plan):
    record(people["taichinh"], plan.asg["stc_dated"], narrative="Phối hợp chuẩn bị tài liệu")
    task = plan.tasks_by_key["dated"]
    assert rules.progress_can_view(actor(people["tuphap"]), plan.asg["stc_dated"])  # Sở Tư pháp leads
    seen = progress_list_visible_to(actor=actor(people["tuphap"]), task=task)
    assert [u.narrative for u in seen] == ["Phối hợp chuẩn bị tài liệu"]
    # The cooperating agency does not see the lead's updates, nor a stranger's.
    record(people["tuphap"], plan.asg["stp_dated"], narrative="Chủ trì")
    assert [u.narrative for u in progress_list_visible_to(actor=actor(people["taichinh"]), task=task)] == [
        "Phối hợp chuẩn bị tài liệu"]
    assert progress_list_visible_to(actor=actor(people["phuong"]), task=task) == []
    # Coordinators and leaders of the government see all; another government sees nothing.
    assert len(progress_list_visible_to(actor=actor(people["noivu"]), task=task)) == 2
    assert len(progress_list_visible_to(actor=actor(people["lanhdao"]), task=task)) == 2
    assert progress_list_visible_to(actor=actor(people["hue"]), task=task) == []
