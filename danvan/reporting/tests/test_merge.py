from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import load_workbook

from danvan.agencies.models import Agency, AgencyKind
from danvan.reporting.exports import merge_docx, merge_xlsx
from danvan.reporting.models import ReportRequest
from danvan.reporting.selectors import PeriodKey, report_merge, report_period_groups
from danvan.reporting.services import (
    report_open,
    report_requests_generate,
    report_save_draft,
    report_submit,
)

from .conftest import actor, make_user

KEY = PeriodKey(plan_id=None, period_kind="quarterly", period_year=2025, period_index=1)


def submit(user, request, values, narrative=""):
    report = report_open(request=request, actor=actor(user))
    report_save_draft(report=report, actor=actor(user), expected_version=report.version, narrative=narrative,
                      values=values)
    report_submit(report=report, actor=actor(user))
    return report


@pytest.fixture
def quarter(town):
    """Q1 2025 of An Nhơn: Phòng Tư pháp and Nhơn Hưng submitted; the two others did not."""
    from danvan.accounts.models import Role

    report_requests_generate(plan=town["plan"])
    users = {code: make_user(f"u-{code}", Role.OFFICER, town[code]) for code in ("ptp", "nhonhung")}
    town["coordinator"] = make_user("pnv", Role.COORDINATOR, town["pnv"])
    requests = {code: ReportRequest.objects.get(sender=town[code], period_kind="quarterly") for code in users}
    on_time = submit(users["ptp"], requests["ptp"], {"petitions_received": "10", "petitions_resolved": "7",
                                                     "dialogues_held": "3"},
                     narrative="Phòng Tư pháp hoàn thành kế hoạch")
    type(on_time).objects.filter(pk=on_time.pk).update(submitted_at=dt.datetime(2025, 3, 10, 9, tzinfo=dt.UTC))
    report = submit(users["nhonhung"], requests["nhonhung"], {"petitions_received": "5", "petitions_resolved": "5"})
    # Nhơn Hưng submitted after the due date.
    type(report).objects.filter(pk=report.pk).update(submitted_at=dt.datetime(2025, 3, 20, 9, tzinfo=dt.UTC))
    town["key"] = PeriodKey(plan_id=town["plan"].pk, period_kind="quarterly", period_year=2025, period_index=1)
    return town


def merged(town, today=dt.date(2025, 4, 1)):
    return report_merge(actor=actor(town["coordinator"]), key=town["key"], today=today)


def test_merge_sums_indicators_with_drill_down(quarter):
    merge = merged(quarter)
    totals = {t.indicator.code: t for t in merge.indicators}
    assert totals["petitions_received"].total == 15
    assert totals["petitions_resolved"].total == 12
    assert totals["dialogues_held"].total == 3
    assert {str(v.agency): v.value for v in totals["petitions_received"].per_agency} == {
        "Phòng Tư pháp": 10, "Ủy ban nhân dân phường Nhơn Hưng": 5}
    assert {str(r.request.sender) for r in merge.submitted} == {"Phòng Tư pháp", "Ủy ban nhân dân phường Nhơn Hưng"}


def test_merge_lists_late_and_missing_agencies(quarter):
    merge = merged(quarter)
    assert {str(r.request.sender) for r in merge.late} == {"Phòng Văn hóa và Thông tin",
                                                           "Ủy ban nhân dân xã Nhơn Lộc"}
    assert [str(r.request.sender) for r in merge.submitted_late] == ["Ủy ban nhân dân phường Nhơn Hưng"]
    # Before the due date nobody is late yet, but the missing are still missing.
    early = merged(quarter, today=dt.date(2025, 3, 10))
    assert early.late == [] and len(early.not_reported) == 2


def test_merge_drafts_do_not_count(quarter):
    from danvan.accounts.models import Role

    user = make_user("u-pvh", Role.OFFICER, quarter["pvh"])
    request = ReportRequest.objects.get(sender=quarter["pvh"], period_kind="quarterly")
    report = report_open(request=request, actor=actor(user))
    report_save_draft(report=report, actor=actor(user), expected_version=0, narrative="",
                      values={"petitions_received": "100"})
    totals = {t.indicator.code: t.total for t in merged(quarter).indicators}
    assert totals["petitions_received"] == 15


def test_period_groups_for_the_coordinator(quarter):
    groups = report_period_groups(actor=actor(quarter["coordinator"]))
    assert len(groups) == 4
    q1 = next(g for g in groups if g.key == quarter["key"])
    assert (q1.expected, q1.submitted, q1.due_date) == (4, 2, dt.date(2025, 3, 15))


def _texts(document) -> list[str]:
    return [DocxParagraph(p, document._body).text for p in document.element.body.iter(qn("w:p"))]


def test_docx_export(quarter):
    data = merge_docx(merge=merged(quarter), coordinator_agency=quarter["pnv"])
    document = Document(io.BytesIO(data))
    text = "\n".join(_texts(document))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "/BC-PNV" in text
    assert "UBND THỊ XÃ AN NHƠN" in text and "PHÒNG NỘI VỤ THỊ XÃ" in text
    assert "Kết quả thực hiện công tác dân vận chính quyền quý I năm 2025" in text
    assert "Ủy ban nhân dân xã Nhơn Lộc (quá hạn, hạn 15/03/2025);" in text
    assert "Ủy ban nhân dân phường Nhơn Hưng (hạn 15/03/2025, gửi 20/03/2025);" in text
    assert "Lưu: VT, XDCQ." in text
    table = document.tables[1]
    rows = {row.cells[1].text: row.cells[3].text for row in table.rows}
    assert rows["Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận"] == "15"
    assert rows["Số cuộc đối thoại với Nhân dân"] == "3"


def test_docx_fallback_header_is_can_tho():
    from danvan.reporting.exports import issuer_header

    header = issuer_header(None)
    assert header["parent_body"] == "UBND THÀNH PHỐ CẦN THƠ" and header["issuer"] == "SỞ NỘI VỤ"
    assert header["symbol"] == "BC-SNV"


def test_docx_header_from_can_tho_department(city):
    from danvan.reporting.exports import issuer_header

    header = issuer_header(city["snv"])
    assert (header["parent_body"], header["issuer"], header["symbol"], header["place"]) == (
        "UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ", "BC-SNV", "Cần Thơ")
    assert header["party"] == "Thành ủy"


def test_xlsx_export_numbers(quarter):
    workbook = load_workbook(io.BytesIO(merge_xlsx(merge=merged(quarter))))
    assert workbook.sheetnames[:2] == ["Tổng hợp", "Theo cơ quan"]
    totals = {row[2]: row[4] for row in workbook["Tổng hợp"].iter_rows(values_only=True) if row and row[2]}
    assert totals["Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận"] == 15
    per_agency = list(workbook["Theo cơ quan"].iter_rows(values_only=True))
    header = next(r for r in per_agency if r and r[0] == "Chỉ tiêu")
    row = next(r for r in per_agency if r and r[0] == "Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận")
    assert dict(zip(header, row, strict=True))["Phòng Tư pháp"] == 10


def _directory(n: int):
    from danvan.accounts.models import Role
    from danvan.plans.models import Plan, PlanStatus, ReportDuty

    root = Agency.objects.create(code=f"root{n}", name=f"Ủy ban nhân dân thị xã Thử {n}",
                                 kind=AgencyKind.PEOPLES_COMMITTEE_DISTRICT)
    pnv = Agency.objects.create(code=f"pnv{n}", name="Phòng Nội vụ", kind=AgencyKind.DIVISION, parent=root)
    senders = [Agency.objects.create(code=f"a{n}-{i}", name=f"Phòng {i}", kind=AgencyKind.DIVISION, parent=root)
               for i in range(n)]
    plan = Plan.objects.create(title="Kế hoạch thử", government=root, issued_on=dt.date(2025, 1, 2),
                               horizon_start=dt.date(2025, 1, 2), horizon_end=dt.date(2025, 12, 31),
                               status=PlanStatus.PUBLISHED)
    duty = ReportDuty.objects.create(plan=plan, order=0, period="quarterly", due="2025-03-15")
    duty.senders.set(senders)
    duty.recipients.set([pnv])
    report_requests_generate(plan=plan)
    for i, agency in enumerate(senders):
        if i % 5 == 4:
            continue  # one in five does not report
        user = make_user(f"u{n}-{i}", Role.OFFICER, agency)
        submit(user, ReportRequest.objects.get(sender=agency), {"dialogues_held": str(i), "trainees": "1"},
               narrative="ok")
    coordinator = make_user(f"pnv{n}", Role.COORDINATOR, pnv)
    return actor(coordinator), PeriodKey(plan_id=plan.pk, period_kind="quarterly", period_year=2025, period_index=1)


def test_merge_query_count_does_not_grow_with_agencies(db):
    counts = {}
    for n in (5, 50):
        coordinator, key = _directory(n)
        with CaptureQueriesContext(connection) as queries:
            merge = report_merge(actor=coordinator, key=key, today=dt.date(2025, 4, 1))
            merge_xlsx(merge=merge)
            merge_docx(merge=merge, coordinator_agency=coordinator.agency)
        counts[n] = len(queries)
        assert len(merge.submitted) == n - n // 5
        assert {t.indicator.code: t.total for t in merge.indicators}["trainees"] == n - n // 5
    assert counts[5] == counts[50]


def test_a_period_asked_by_two_plans_merges_across_the_government(quarter):
    from danvan.accounts.models import Role
    from danvan.plans.models import Plan, PlanStatus, ReportDuty

    other = Plan.objects.create(title="Kế hoạch thực hiện dân chủ ở cơ sở", government=quarter["root"],
                                issued_on=dt.date(2025, 1, 5), horizon_start=dt.date(2025, 1, 5),
                                horizon_end=dt.date(2025, 12, 31), status=PlanStatus.PUBLISHED)
    duty = ReportDuty.objects.create(plan=other, order=0, period="quarterly", due="2025-03-15")
    duty.senders.set([quarter["pvh"]])
    duty.recipients.set([quarter["pnv"]])
    report_requests_generate(plan=other)
    user = make_user("u-pvh2", Role.OFFICER, quarter["pvh"])
    submit(user, ReportRequest.objects.get(plan=other), {"petitions_received": "1"})
    groups = report_period_groups(actor=actor(quarter["coordinator"]))
    whole = next(g for g in groups if g.key.whole_government)
    assert (whole.plan_label, whole.expected, whole.submitted) == ("Tất cả kế hoạch", 5, 3)
    key = PeriodKey.from_query(whole.key.as_query())
    merge = report_merge(actor=actor(quarter["coordinator"]), key=key, today=dt.date(2025, 4, 1))
    assert {t.indicator.code: t.total for t in merge.indicators}["petitions_received"] == 16
    assert "Kết quả thực hiện" in "\n".join(
        p.text for p in Document(io.BytesIO(merge_docx(merge=merge, coordinator_agency=quarter["pnv"]))).paragraphs)


def test_merge_shows_sections_by_task_and_reads_nothing_more(quarter):
    """The merge reads only some fields of each row; the page and the exports must not need the others."""
    from danvan.plans.models import Task
    from danvan.reporting.exports import merge_document
    from danvan.reporting.models import Report, ReportTaskSection

    tasks = [Task.objects.create(plan=quarter["plan"], path=path, order=order, title=f"Nhiệm vụ {path}")
             for path, order in (("II.2", 20), ("II.1", 10))]
    reports = Report.objects.filter(request__period_kind="quarterly", state="submitted").order_by("id")
    for report in reports:
        for task in tasks:
            ReportTaskSection.objects.update_or_create(report=report, task=task,
                                                       defaults={"narrative": f"{report.agency}: {task.path}",
                                                                 "state": "done"})
    assert len(tasks) == 2 and reports.count() == 2, (tasks, list(reports))
    merge = merged(quarter)
    with CaptureQueriesContext(connection) as queries:
        assert [(g.task.plan_id, g.task.order) for g in merge.tasks] == sorted(
            (g.task.plan_id, g.task.order) for g in merge.tasks)
        assert [g.task.path for g in merge.tasks] == ["II.1", "II.2"]
        group = next(g for g in merge.tasks if g.task.pk == tasks[0].pk)
        assert [(str(e.agency), e.narrative, e.state_label) for e in group.entries] == [
            (str(r.agency), f"{r.agency}: {tasks[0].path}", "Hoàn thành") for r in reports]
        assert [(str(a), text) for a, text in merge.narratives] == [
            ("Phòng Tư pháp", "Phòng Tư pháp hoàn thành kế hoạch")]
        shown = [(str(row.request.sender), row.request.get_absolute_url(), row.request.due_date, row.state_label,
                  row.overdue, row.submitted_late, row.report and row.report.submitted_at) for row in merge.rows]
        shown += [(t.indicator.name, t.indicator.unit, t.indicator.group, [(str(v.agency), v.value)
                                                                         for v in t.per_agency])
                  for t in merge.indicators]
        shown += [(merge.label, merge.plan.label, merge.plan.title, merge.plan.issued_on, merge.plan.issuer)]
        merge_xlsx(merge=merge)
        merge_document(merge=merge)
    assert shown and len(queries) == 0, [q["sql"] for q in queries]
