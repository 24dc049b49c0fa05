from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.plans.models import Assignment, ImportJob, JobState, Plan, Task

from .conftest import gold, job_from_result

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def note_on(published, agency, text):
    a = Assignment.objects.get(task__plan=published, task__path="II.3", agency=agency, role="cooperating")
    a.internal_note = text
    a.save()
    return a


class TestPlanPages:
    def test_coordinator_sees_plan_with_lead_and_date_in_words(self, client, people, published):
        login(client, people["noivu"])
        response = client.get(reverse("plans:list"))
        assert published.title in response.content.decode()
        page = client.get(published.get_absolute_url()).content.decode()
        assert "Sở Nội vụ" in page
        assert "ngày 31 tháng 10 năm 2025" in page

    def test_search_ignores_accents(self, client, people, published):
        login(client, people["noivu"])
        assert published.title in client.get(reverse("plans:list"), {"q": "dan van"}).content.decode()
        assert published.title in client.get(reverse("plans:list"), {"q": "dân vận"}).content.decode()
        assert published.title not in client.get(reverse("plans:list"), {"q": "khong co dau"}).content.decode()

    def test_officer_sees_only_plans_assigning_its_agency(self, client, people, published, directory):
        login(client, people["tuphap"])
        assert client.get(published.get_absolute_url()).status_code == 200
        login(client, people["annhon"])
        assert client.get(published.get_absolute_url()).status_code == 403

    def test_inbox_lists_assignments_by_role(self, client, people, published):
        login(client, people["tuphap"])
        page = client.get(reverse("plans:inbox")).content.decode()
        assert "Phối hợp" in page and "II.3" in page and "ngày 31 tháng 10 năm 2025" in page

    def test_calendar_and_overdue(self, client, people, published):
        login(client, people["noivu"])
        page = client.get(reverse("plans:calendar"), {"nam": 2025, "thang": 10}).content.decode()
        assert "II.3" in page and "quá hạn" in page
        page = client.get(reverse("plans:overdue")).content.decode()
        assert "ngày 31 tháng 10 năm 2025" in page
        Assignment.objects.filter(task__path="II.3").update(state="done")
        page = client.get(reverse("plans:overdue")).content.decode()
        assert "II.3" not in page


class TestInternalNotes:
    def test_other_agency_cannot_read_note_in_page_partial_or_api(self, client, people, published, directory):
        a = note_on(published, directory["stp"], "Ghi chú mật của Sở Tư pháp")
        login(client, people["taichinh"])
        assert "Ghi chú mật" not in client.get(published.get_absolute_url()).content.decode()
        partial = client.get(reverse("plans:assignment_edit", args=[a.pk]), HTTP_HX_REQUEST="true")
        assert "Ghi chú mật" not in partial.content.decode()
        api = client.get(reverse("api:assignment_detail", args=[a.pk]))
        assert api.status_code == 200 and api.json()["internal_note"] is None
        listing = client.get(reverse("api:assignment_list"), {"plan": published.pk}).json()
        assert all(row["internal_note"] is None for row in listing["results"] if row["agency"] == directory["stp"].pk)

    def test_other_agency_cannot_change_note(self, client, people, published, directory):
        a = note_on(published, directory["stp"], "Ghi chú gốc")
        login(client, people["taichinh"])
        response = client.post(
            reverse("plans:assignment_edit", args=[a.pk]),
            {"version": a.version, "state": "done", "internal_note": "sửa trộm"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 403
        a.refresh_from_db()
        assert a.internal_note == "Ghi chú gốc" and a.state == "not_started"

    def test_own_agency_and_coordinator_read_note_leader_does_not(self, client, people, published, directory):
        note_on(published, directory["stp"], "Ghi chú mật của Sở Tư pháp")
        for name, visible in [("tuphap", True), ("noivu", True), ("admin", True), ("lanhdao", False)]:
            login(client, people[name])
            assert ("Ghi chú mật" in client.get(published.get_absolute_url()).content.decode()) is visible, name

    def test_officer_updates_own_assignment_and_stale_version_is_refused(self, client, people, published, directory):
        a = note_on(published, directory["stp"], "")
        login(client, people["tuphap"])
        response = client.post(
            reverse("plans:assignment_edit", args=[a.pk]),
            {"version": a.version, "state": "in_progress", "internal_note": "Đang làm"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        a.refresh_from_db()
        assert a.state == "in_progress" and a.internal_note == "Đang làm"
        response = client.post(
            reverse("plans:assignment_edit", args=[a.pk]), {"version": 0, "state": "done"}, follow=True
        )
        assert "vừa được người khác cập nhật" in response.content.decode()
        a.refresh_from_db()
        assert a.state == "in_progress"


class TestImportFlow:
    def test_officer_cannot_import_or_publish(self, client, people):
        job = job_from_result(people["noivu"], gold("000"))
        login(client, people["tuphap"])
        assert client.get(reverse("plans:import")).status_code == 403
        assert client.post(reverse("plans:import"), {"text": "abc"}).status_code == 403
        assert client.post(reverse("plans:job_publish", args=[job.pk])).status_code == 403
        assert Plan.objects.count() == 0

    def test_corrupt_upload_gives_reader_message(self, client, people, django_capture_on_commit_callbacks):
        login(client, people["noivu"])
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("hong.docx", b"PK\x03\x04 this is not a real zip archive")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("plans:import"), {"file": upload})
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert job.state == JobState.FAILED
        assert job.error and "Traceback" not in job.error
        page = client.get(job.get_absolute_url()).content.decode()
        assert "Không đọc được văn bản" in page
        assert Plan.objects.count() == 0

    def test_pasted_text_is_read_and_reviewable(self, client, people, django_capture_on_commit_callbacks):
        login(client, people["noivu"])
        text = (
            "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nSố: 99/KH-UBND\nKẾ HOẠCH\nThực hiện công tác dân vận năm 2025\n"
            "I. MỤC ĐÍCH\nII. NHIỆM VỤ\n1. Tuyên truyền về dân chủ ở cơ sở.\n"
            "- Cơ quan chủ trì: Sở Nội vụ.\n- Thời gian thực hiện: Thường xuyên.\n"
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("plans:import"), {"text": text})
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert job.state in (JobState.DONE, JobState.FAILED)
        assert client.get(job.get_absolute_url()).status_code == 200
        assert client.get(reverse("plans:job_progress", args=[job.pk])).status_code == 200

    def test_import_while_another_runs_is_refused(self, client, people):
        ImportJob.objects.create(
            government=people["noivu"].profile.agency.government(),
            created_by=people["noivu"],
            source_name="dang-doc.pdf",
            state=JobState.RUNNING,
        )
        login(client, people["noivu"])
        response = client.post(reverse("plans:import"), {"text": "Kế hoạch"})
        assert response.status_code == 400
        assert "Đang có một tệp khác đang được đọc" in response.content.decode()
        assert ImportJob.objects.count() == 1

    def test_double_publish_gives_message_and_no_duplicate(self, client, people):
        job = job_from_result(people["noivu"], gold("000"))
        login(client, people["noivu"])
        first = client.post(reverse("plans:job_publish", args=[job.pk]), follow=True)
        assert "Đã ban hành" in first.content.decode()
        counts = (Plan.objects.count(), Task.objects.count(), Assignment.objects.count())
        second = client.post(reverse("plans:job_publish", args=[job.pk]), follow=True)
        assert "Kế hoạch này đã được ban hành/xuất bản rồi" in second.content.decode()
        assert counts == (Plan.objects.count(), Task.objects.count(), Assignment.objects.count())

    def test_review_page_and_conflict_message(self, client, people):
        job = job_from_result(people["noivu"], gold("001"))
        login(client, people["noivu"])
        page = client.get(job.get_absolute_url()).content.decode()
        assert "Sở Tư pháp" in page and "II.1.b" in page
        url = reverse("plans:job_header", args=[job.pk])
        client.post(url, {"version": job.version, "symbol": "30/KH-UBND"})
        response = client.post(url, {"version": job.version, "symbol": "31/KH-UBND"}, follow=True)
        assert "vừa được người khác sửa" in response.content.decode()
        job.refresh_from_db()
        assert job.review["document"]["symbol"] == "30/KH-UBND"

    def test_same_document_twice_links_existing_plan(self, client, people, published):
        job = job_from_result(people["noivu"], gold("000"))
        login(client, people["noivu"])
        page = client.get(job.get_absolute_url()).content.decode()
        assert published.get_absolute_url() in page
        response = client.post(reverse("plans:job_publish", args=[job.pk]), follow=True)
        assert "đã được nhập và ban hành trước đó" in response.content.decode()
        assert Plan.objects.count() == 1


class TestReaderIntegration:
    def test_uploaded_seed_is_read_into_a_review(self, client, people, django_capture_on_commit_callbacks):
        """A real plan file goes through danvan.reader: tasks appear in the review, progress is complete."""
        from pathlib import Path

        from django.conf import settings
        from django.core.files.uploadedfile import SimpleUploadedFile

        seeds = sorted((Path(settings.BASE_DIR).parent / "shared" / "seeds").glob("000_*.txt"))
        if not seeds:
            pytest.skip("no seed documents")
        login(client, people["noivu"])
        upload = SimpleUploadedFile(seeds[0].name, seeds[0].read_bytes())
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("plans:import"), {"file": upload})
        job = ImportJob.objects.get()
        assert job.state == JobState.DONE, job.error
        assert len(job.review["tasks"]) > 5
        page = client.get(job.get_absolute_url()).content.decode()
        assert "Ban hành kế hoạch" in page and "II.3" in page


class TestProgressPolling:
    def test_running_job_polls_and_finished_job_refreshes(self, client, people):
        job = ImportJob.objects.create(
            government=people["noivu"].profile.agency.government(),
            created_by=people["noivu"],
            source_name="scan.pdf",
            state=JobState.RUNNING,
            progress_done=2,
            progress_total=5,
            progress_message="Đang nhận dạng trang 2/5",
        )
        login(client, people["noivu"])
        url = reverse("plans:job_progress", args=[job.pk])
        response = client.get(url, HTTP_HX_REQUEST="true")
        body = response.content.decode()
        assert 'hx-trigger="every 2s"' in body and "2/5" in body and "HX-Refresh" not in response
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.DONE)
        response = client.get(url, HTTP_HX_REQUEST="true")
        assert response["HX-Refresh"] == "true"

    def test_other_coordinator_cannot_see_job(self, client, people):
        job = job_from_result(people["noivu"], gold("000"))
        login(client, people["annhon"])
        assert client.get(job.get_absolute_url()).status_code == 403
        assert client.get(reverse("plans:job_progress", args=[job.pk])).status_code == 403


class TestLeaderOverview:
    def test_leader_sees_progress_but_cannot_update(self, client, people, published, directory):
        a = Assignment.objects.get(task__plan=published, task__path="II.3", role="lead")
        Assignment.objects.filter(pk=a.pk).update(state="done")
        login(client, people["lanhdao"])
        page = client.get(reverse("plans:list")).content.decode()
        total = Assignment.objects.filter(task__plan=published).count()
        assert f"1/{total} hoàn thành" in page and "quá hạn" in page
        response = client.post(
            reverse("plans:assignment_edit", args=[a.pk]), {"version": a.version, "state": "blocked"}
        )
        assert response.status_code == 403


class TestReportReview:
    def test_report_duty_is_editable_and_published(self, client, people, directory):
        job = job_from_result(people["noivu"], gold("000"))
        login(client, people["noivu"])
        page = client.get(job.get_absolute_url()).content.decode()
        assert "Chế độ báo cáo" in page
        first = job.review["reports"][0]
        data = {"version": job.version, "period": "quarterly", "to_new": "", "from_new": ""}
        data["from_mention"] = [e["mention"] for e in first["from"]] + ["Sở Tư pháp"]
        data["from_choice"] = [""] * len(first["from"]) + [f"a{directory['stp'].pk}"]
        data["to_mention"] = [e["mention"] for e in first["to"]]
        data["to_choice"] = [f"a{directory['root'].pk}"] * len(first["to"])
        client.post(reverse("plans:job_report", args=[job.pk, 0]), data)
        job.refresh_from_db()
        assert job.review["reports"][0]["period"] == "quarterly"
        client.post(reverse("plans:job_publish", args=[job.pk]))
        duty = Plan.objects.get().report_duties.get(order=0)
        assert duty.period == "quarterly"
        assert directory["stp"] in duty.senders.all() and directory["root"] in duty.recipients.all()
