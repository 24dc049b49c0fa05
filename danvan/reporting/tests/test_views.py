from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from danvan.plans.models import Assignment
from danvan.reporting.models import ProgressUpdate, Report, ReportRequest
from danvan.reporting.services import report_requests_generate


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def requests_made(plan):
    report_requests_generate(plan=plan)
    return plan


def test_assignment_page_records_an_update_with_evidence(client, people, plan):
    assignment = plan.asg["stp_dated"]
    url = reverse("reporting:assignment_progress", args=[assignment.pk])
    login(client, people["tuphap"])
    page = client.get(url)
    assert page.status_code == 200 and "Cập nhật tiến độ" in page.content.decode()
    response = client.post(url, {"version": 0, "state": "in_progress", "narrative": "Đã tổ chức 1 hội nghị",
                                 "numbers": "Số hội nghị: 1",
                                 "files": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 x")}, follow=True)
    assert "Đã ghi nhận cập nhật tiến độ." in response.content.decode()
    assert "bien-ban.pdf" in response.content.decode()
    assert ProgressUpdate.objects.get().numbers == {"Số hội nghị": 1}
    evidence = ProgressUpdate.objects.get().evidence.get()
    download = reverse("reporting:evidence_download", args=[evidence.pk])
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 x"
    login(client, people["phuong"])  # another agency, not the lead of this task
    assert client.get(download).status_code == 403


def test_assignment_page_conflict_message(client, people, plan):
    assignment = plan.asg["stp_dated"]
    Assignment.objects.filter(pk=assignment.pk).update(version=3)
    login(client, people["tuphap"])
    response = client.post(reverse("reporting:assignment_progress", args=[assignment.pk]),
                           {"version": 2, "state": "in_progress"})
    assert response.status_code == 409
    assert "Phân công này vừa được người khác cập nhật" in response.content.decode()


def test_continuous_task_form_offers_no_done(client, people, plan):
    login(client, people["tuphap"])
    page = client.get(reverse("reporting:assignment_progress", args=[plan.asg["stp_cont"].pk])).content.decode()
    assert 'value="done"' not in page and "Kỳ đánh giá" in page


def test_other_agency_cannot_post_and_stranger_cannot_read(client, people, plan):
    url = reverse("reporting:assignment_progress", args=[plan.asg["stp_dated"].pk])
    login(client, people["taichinh"])  # cooperating, not lead: cannot read the lead's assignment
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": 0, "state": "done"}).status_code == 403
    login(client, people["tuphap"])  # lead reads the cooperating agency's page but cannot write there
    coop = reverse("reporting:assignment_progress", args=[plan.asg["stc_dated"].pk])
    assert client.get(coop).status_code == 200
    assert client.post(coop, {"version": 0, "state": "done"}).status_code == 403


def test_report_flow_through_the_pages(client, people, requests_made, city):
    req = ReportRequest.objects.filter(sender=city["stp"]).order_by("period_year").first()
    url = reverse("reporting:report_form", args=[req.pk])
    login(client, people["tuphap"])
    listing = client.get(reverse("reporting:request_list")).content.decode()
    assert "Báo cáo năm 2025" in listing and "(quá hạn)" in listing
    page = client.get(url).content.decode()
    assert "Tổ chức hội nghị đối thoại với Nhân dân" in page  # pre-filled task section
    bad = client.post(url, {"version": 0, "action": "save", "v-petitions_received": "2",
                            "v-petitions_resolved": "3"})
    assert bad.status_code == 400 and "không được lớn hơn" in bad.content.decode()
    client.post(url, {"version": 0, "action": "submit", "narrative": "Tốt", "v-petitions_received": "4"})
    report = Report.objects.get(request=req)
    assert report.state == "submitted"
    login(client, people["noivu"])
    assert "Tiếp nhận" in client.get(url).content.decode()
    review = reverse("reporting:report_review", args=[report.pk])
    response = client.post(review, {"action": "return", "comment": ""}, follow=True)
    assert "Hãy ghi ý kiến" in response.content.decode()
    client.post(review, {"action": "return", "comment": "Bổ sung số liệu", "version": report.version})
    report.refresh_from_db()
    assert report.state == "returned"
    login(client, people["tuphap"])
    assert "Bổ sung số liệu" in client.get(url).content.decode()
    client.post(url, {"version": report.version, "action": "submit", "v-petitions_received": "5"})
    report.refresh_from_db()
    assert report.state == "submitted"
    login(client, people["taichinh"])
    assert client.post(review, {"action": "accept"}).status_code == 403
    assert client.get(url).status_code == 403
    login(client, people["noivu"])
    client.post(review, {"action": "accept", "version": report.version})
    report.refresh_from_db()
    assert report.state == "accepted"


def test_issue_on_demand_request_page(client, people, city):
    login(client, people["noivu"])
    due = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    response = client.post(reverse("reporting:request_issue"),
                           {"senders": [city["stp"].pk, city["stc"].pk], "due_date": due,
                            "note": "Báo cáo nhanh kết quả đối thoại"})
    assert response.status_code == 302
    assert ReportRequest.objects.filter(is_ad_hoc=True).count() == 2
    login(client, people["tuphap"])
    assert client.get(reverse("reporting:request_issue")).status_code == 403
    assert "Báo cáo đột xuất" in client.get(reverse("reporting:request_list")).content.decode()


def test_merge_pages_and_exports(client, people, requests_made, city, monkeypatch):
    login(client, people["noivu"])
    listing = client.get(reverse("reporting:merge_list")).content.decode()
    assert "Báo cáo năm 2025" in listing
    query = f"plan={requests_made.pk}&kind=annual&year=2025"
    page = client.get(reverse("reporting:merge_detail") + "?" + query).content.decode()
    assert "Ủy ban nhân dân phường Ninh Kiều" in page and "(quá hạn)" in page
    docx = client.get(reverse("reporting:merge_export", args=["docx"]) + "?" + query)
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Kết quả thực hiện công tác dân vận chính quyền năm 2025" in text
    xlsx = client.get(reverse("reporting:merge_export", args=["xlsx"]) + "?" + query)
    assert xlsx.content[:2] == b"PK"
    monkeypatch.setattr("danvan.exports.pdf.find_soffice", lambda: None)
    pdf = client.get(reverse("reporting:merge_export", args=["pdf"]) + "?" + query, follow=True)
    assert "LibreOffice" in pdf.content.decode()
    login(client, people["tuphap"])
    assert client.get(reverse("reporting:merge_list")).status_code == 403
