from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.models import AuditEvent
from danvan.plans.models import Assignment, AssignmentDeadline, ImportJob, JobState, Plan, ReportDuty, Task
from danvan.plans.services import (
    PlanError,
    import_job_create,
    import_job_header_update,
    import_job_task_add,
    import_job_task_remove,
    import_job_task_update,
    plan_publish,
)

from .conftest import actor, gold, job_from_result

pytestmark = pytest.mark.django_db


class TestPlanPublish:
    def test_publish_creates_tree_assignments_and_deadlines(self, published, directory):
        """II.3 of 70/KH-UBND: Sở Nội vụ leads, due 31/10/2025; the group cooperates, one row per member."""
        task = published.tasks.get(path="II.3")
        lead = task.assignments.get(role="lead")
        assert lead.agency == directory["snv"]
        assert lead.deadlines.get().due_date == dt.date(2025, 10, 31)
        cooperating = set(task.assignments.filter(role="cooperating").values_list("agency__code", flat=True))
        assert cooperating == {"ct-snv", "ct-stp", "ct-stc", "ct-svhttdl", "ct-ninhkieu"}
        assert task.assignments.filter(role="cooperating").first().resolved_via == directory["group"]
        assert (
            published.tasks.get(path="II.1.b").parent == published.tasks.get(path="II.1")
            if published.tasks.filter(path="II.1").exists()
            else True
        )
        assert published.report_duties.exists()
        assert AuditEvent.objects.filter(action="plans.plan_publish").count() == 1

    def test_continuous_task_has_continuous_deadline(self, published):
        deadline = AssignmentDeadline.objects.filter(
            assignment__task__plan=published, assignment__task__path="II.4"
        ).first()
        assert deadline.is_continuous is True
        assert deadline.due_date is None

    def test_double_publish_is_refused_and_creates_nothing(self, people, published):
        job = published.import_job
        counts = (
            Plan.objects.count(),
            Task.objects.count(),
            Assignment.objects.count(),
            AssignmentDeadline.objects.count(),
            ReportDuty.objects.count(),
        )
        with pytest.raises(PlanError) as err:
            plan_publish(job_id=job.pk, actor=actor(people["noivu"]))
        assert "đã được ban hành/xuất bản rồi" in err.value.message
        assert err.value.url == published.get_absolute_url()
        assert counts == (
            Plan.objects.count(),
            Task.objects.count(),
            Assignment.objects.count(),
            AssignmentDeadline.objects.count(),
            ReportDuty.objects.count(),
        )

    def test_same_document_twice_is_caught(self, people, published):
        job = job_from_result(people["noivu"], gold("000"))
        with pytest.raises(PlanError) as err:
            plan_publish(job_id=job.pk, actor=actor(people["noivu"]))
        assert err.value.code == "duplicate"
        assert err.value.url == published.get_absolute_url()
        assert Plan.objects.count() == 1

    def test_sub_plan_links_to_cited_plan(self, people):
        """A plan citing 30/KH-UBND becomes a sub-plan of the plan given that number in review."""
        noivu = actor(people["noivu"])
        job1 = job_from_result(people["noivu"], gold("001"))
        import_job_header_update(job_id=job1.pk, actor=noivu, version=job1.version, fields={"symbol": "30/KH-UBND"})
        parent = plan_publish(job_id=job1.pk, actor=noivu)
        child_result = gold("000")
        child_result["citations"] = ["30/KH-UBND"]
        job2 = job_from_result(people["noivu"], child_result)
        child = plan_publish(job_id=job2.pk, actor=noivu)
        assert child.parent_plan == parent

    def test_officer_cannot_publish(self, people):
        job = job_from_result(people["noivu"], gold("000"))
        with pytest.raises(PlanError):
            plan_publish(job_id=job.pk, actor=actor(people["tuphap"]))
        assert Plan.objects.count() == 0


class TestReview:
    def test_low_confidence_mention_is_not_assigned(self, people):
        result = gold("000")
        result["tasks"][0]["lead"] = ["Sở Kỳ Lạ Không Có"]
        job = job_from_result(people["noivu"], result)
        entry = job.review["tasks"][0]["roles"]["lead"][0]
        assert entry["agency_id"] is None and entry["confident"] is False
        plan = plan_publish(job_id=job.pk, actor=actor(people["noivu"]))
        task = plan.tasks.get(path=result["tasks"][0]["path"])
        assert not task.assignments.filter(role="lead").exists()
        assert {"role": "lead", "mention": "Sở Kỳ Lạ Không Có"} in task.unassigned_mentions

    def test_stale_version_is_a_conflict(self, people):
        noivu = actor(people["noivu"])
        job = job_from_result(people["noivu"], gold("000"))
        v = job.version
        import_job_header_update(job_id=job.pk, actor=noivu, version=v, fields={"title": "Tên mới"})
        with pytest.raises(PlanError) as err:
            import_job_header_update(job_id=job.pk, actor=noivu, version=v, fields={"title": "Tên khác"})
        assert err.value.code == "conflict"
        assert ImportJob.objects.get(pk=job.pk).review["document"]["title"] == "Tên mới"

    def test_task_edit_add_remove(self, people, directory):
        noivu = actor(people["noivu"])
        job = job_from_result(people["noivu"], gold("000"))
        key = job.review["tasks"][0]["key"]
        job = import_job_task_update(
            job_id=job.pk,
            actor=noivu,
            version=job.version,
            key=key,
            path="II.1.a",
            title="Nội dung sửa",
            timeframe={"kind": "deadline", "date": "2025-12-15", "raw": "Trước 15/12/2025"},
            roles={"lead": [{"mention": "Sở TP", "agency_id": directory["stp"].pk}]},
        )
        assert job.review["tasks"][0]["roles"]["lead"][0]["confident"] is True
        job = import_job_task_add(job_id=job.pk, actor=noivu, version=job.version, path="V.1", title="Thêm")
        job = import_job_task_remove(job_id=job.pk, actor=noivu, version=job.version, key=job.review["tasks"][1]["key"])
        plan = plan_publish(job_id=job.pk, actor=noivu)
        task = plan.tasks.get(path="II.1.a")
        a = task.assignments.get(role="lead")
        assert a.agency == directory["stp"] and a.deadlines.get().due_date == dt.date(2025, 12, 15)
        assert plan.tasks.filter(path="V.1").exists()
        assert not plan.tasks.filter(path="II.1.b").exists()


class TestImportJobCreate:
    def test_busy_user_cannot_start_another(self, people):
        ImportJob.objects.create(
            government=people["noivu"].profile.agency.government(),
            created_by=people["noivu"],
            source_name="a.pdf",
            state=JobState.RUNNING,
        )
        with pytest.raises(PlanError) as err:
            import_job_create(actor=actor(people["noivu"]), data=b"abc", name="b.txt")
        assert err.value.message.startswith("Đang có một tệp khác đang được đọc")
        assert ImportJob.objects.count() == 1

    def test_size_limit(self, people, settings):
        settings.DANVAN_MAX_UPLOAD_BYTES = 10
        with pytest.raises(PlanError) as err:
            import_job_create(actor=actor(people["noivu"]), data=b"x" * 11, name="b.txt")
        assert err.value.code == "too_large"
        assert ImportJob.objects.count() == 0

    def test_officer_cannot_import(self, people):
        with pytest.raises(PlanError):
            import_job_create(actor=actor(people["tuphap"]), data=b"abc", name="b.txt")
        assert ImportJob.objects.count() == 0


class TestImportJobRead:
    def test_progress_is_saved_page_by_page(self, people, monkeypatch, django_capture_on_commit_callbacks):
        from danvan.plans import services

        seen = []

        def fake_read_bytes(data, name, *, progress=None):
            for page in (1, 2, 3):
                progress(page, 3, f"Đang nhận dạng trang {page}/3")
                job = ImportJob.objects.get()
                seen.append((job.state, job.progress_done, job.progress_total))

            class Doc:
                def text(self):
                    return "dòng 1\ndòng 2"

            return Doc()

        monkeypatch.setattr(services, "_reader", lambda: (fake_read_bytes, lambda doc: gold("000")))
        with django_capture_on_commit_callbacks(execute=True):
            import_job_create(actor=actor(people["noivu"]), data=b"%PDF-1.7 scan", name="scan.pdf")
        assert seen == [("running", 1, 3), ("running", 2, 3), ("running", 3, 3)]
        job = ImportJob.objects.get()
        assert job.state == JobState.DONE and job.percent == 100
        assert job.review["lines"] == ["dòng 1", "dòng 2"]

    def test_reader_error_is_stored_in_vietnamese(self, people, monkeypatch, django_capture_on_commit_callbacks):
        from danvan.plans import services
        from danvan.reader.errors import ReaderError

        def broken(data, name, *, progress=None):
            raise ReaderError("Tệp PDF bị hỏng, không mở được.", code="corrupt")

        monkeypatch.setattr(services, "_reader", lambda: (broken, None))
        with django_capture_on_commit_callbacks(execute=True):
            import_job_create(actor=actor(people["noivu"]), data=b"%PDF-broken", name="hong.pdf")
        job = ImportJob.objects.get()
        assert job.state == JobState.FAILED
        assert job.error == "Tệp PDF bị hỏng, không mở được."
        assert Plan.objects.count() == 0


class TestAssignmentUpdate:
    def test_leader_is_read_only(self, people, published):
        from danvan.plans.services import assignment_update

        a = Assignment.objects.filter(task__plan=published).first()
        with pytest.raises(PlanError):
            assignment_update(assignment_id=a.pk, actor=actor(people["lanhdao"]), version=a.version, state="done")
        a.refresh_from_db()
        assert a.state == "not_started"

    def test_update_writes_audit(self, people, published, directory):
        from danvan.plans.services import assignment_update

        a = Assignment.objects.get(task__plan=published, task__path="II.3", agency=directory["stp"])
        assignment_update(
            assignment_id=a.pk, actor=actor(people["tuphap"]), version=a.version, state="done", internal_note="Xong"
        )
        assert AuditEvent.objects.filter(action="plans.assignment_update", object_id=str(a.pk)).exists()


class TestStaleJob:
    def test_job_left_running_for_hours_does_not_block(self, people):
        from django.utils import timezone

        stale = ImportJob.objects.create(
            government=people["noivu"].profile.agency.government(),
            created_by=people["noivu"],
            source_name="cu.pdf",
            state=JobState.RUNNING,
        )
        ImportJob.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(hours=3))
        import_job_create(actor=actor(people["noivu"]), data=b"abc", name="moi.txt")
        stale.refresh_from_db()
        assert stale.state == JobState.FAILED and "Quá thời gian" in stale.error
