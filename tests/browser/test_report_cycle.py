"""Issue #4 acceptance: an agency's report goes out, comes back, goes out again and is merged and exported.

With the demo data (load_demo), Sở Tư pháp (`tuphap`) owes the 2025 annual report on Kế hoạch 30/KH-UBND
(seed 001). It fills and submits it in the browser; Sở Nội vụ (`noivu`) returns it with a comment; the
officer corrects a number and resubmits; the coordinator accepts it and downloads the merged DOCX, in which
a second agency's figures (submitted through the service layer) are summed with Sở Tư pháp's.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, login, logout

pytestmark = pytest.mark.django_db(transaction=True)

PLAN_SYMBOL = "30/KH-UBND"
SESSIONS = "Số buổi, cuộc tuyên truyền, phổ biến"
PARTICIPANTS = "Số lượt người tham dự tuyên truyền, phổ biến"
DIALOGUES = "Số cuộc đối thoại với Nhân dân"
# Sở Tư pháp's figures: first draft, then corrected after the coordinator returns the report.
OURS_FIRST = {SESSIONS: "12", PARTICIPANTS: "450", DIALOGUES: "2"}
OURS_CORRECTED_SESSIONS = "14"
# The other agency's figures (through the service layer).
THEIRS = {"propaganda_sessions": 6, "propaganda_participants": 300, "dialogues_held": 1}
SECTION_TEXT = "Đã rà soát, phổ biến kế hoạch tới toàn thể công chức của Sở."
RETURN_COMMENT = "Đề nghị bổ sung số buổi tuyên truyền tháng 12 năm 2025."


@pytest.fixture
def demo(migration_data):
    """load_demo's accounts and published plans, plus a second reporting agency that has already reported."""
    from django.conf import settings
    from django.core.management import call_command

    from danvan.accounts.models import Role
    from danvan.accounts.permissions import actor_for
    from danvan.core.management.commands.load_demo import Command
    from danvan.reporting import services
    from danvan.reporting.models import ReportRequest

    seeds = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    if not any(seeds.glob("001_*.txt")):
        pytest.skip(f"the seed plans are not available under {seeds}")
    call_command("load_demo", verbosity=0)
    ours = ReportRequest.objects.select_related("plan").get(
        sender__code="ct-so-tu-phap", plan__symbol=PLAN_SYMBOL, period_kind="annual", period_year=2025
    )
    theirs = (
        ReportRequest.objects.filter(
            plan=ours.plan,
            period_kind=ours.period_kind,
            period_year=ours.period_year,
            sender__code__startswith="ct-so-",
        )
        .exclude(sender=ours.sender)
        .select_related("sender")
        .order_by("sender__name")
        .first()
    )
    assert theirs is not None, "the plan should ask more than one department for the annual report"
    officer = Command()._user("canbo2", Role.OFFICER, theirs.sender, full_name="Cán bộ cơ quan thứ hai")
    actor = actor_for(officer)
    report = services.report_open(request=theirs, actor=actor)
    services.report_save_draft(
        report=report, actor=actor, expected_version=report.version, narrative="Đã triển khai đầy đủ.", values=THEIRS
    )
    services.report_submit(report=report, actor=actor)
    late = (
        ReportRequest.objects.filter(plan=ours.plan, period_kind=ours.period_kind, period_year=ours.period_year)
        .exclude(pk__in=[ours.pk, theirs.pk])
        .select_related("sender")
        .order_by("sender__name")
        .first()
    )
    assert late is not None, "some agency should still owe the report"
    return {"ours": ours, "theirs": theirs, "late": late}


def _open_our_request(page):
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo", exact=True).click()
    row = page.locator("section[aria-labelledby=own-title] tbody tr").filter(has_text=PLAN_SYMBOL)
    row.get_by_role("link", name="Báo cáo năm 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo năm 2025")


def _docx_text(data: bytes) -> tuple[str, list[list[str]]]:
    """All paragraph text (body, tables, header) and the table rows of a DOCX."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    rows = []
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            rows.append(cells)
            lines.extend(cells)
    for section in document.sections:
        lines.extend(p.text for p in section.header.paragraphs)
    return "\n".join(lines), rows


def test_report_submit_return_resubmit_merge_export(demo, live_server, page, screenshot):
    ours, theirs, late = demo["ours"], demo["theirs"], demo["late"]

    # 1. The officer at Sở Tư pháp fills the annual report, saves the draft and submits it.
    login(page, live_server, "tuphap")
    _open_our_request(page)
    expect(page.locator("main")).to_contain_text(PLAN_SYMBOL)
    for label, value in OURS_FIRST.items():
        page.get_by_label(label, exact=True).fill(value)
    sections = page.locator("textarea[id^=s-][id$=-narrative]")
    expect(sections.first).to_be_visible()  # Sở Tư pháp has tasks in the plan, so the form has sections
    sections.first.fill(SECTION_TEXT)
    page.locator("select[name^=s-][name$=-state]").first.select_option(label="Hoàn thành")
    page.get_by_label("Đánh giá chung, khó khăn, kiến nghị").fill("Hoàn thành các nhiệm vụ được giao.")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_role("alert").filter(has_text="Đã lưu dự thảo.")).to_be_visible()
    expect(page.get_by_label(SESSIONS, exact=True)).to_have_value("12")
    screenshot("01-draft-saved")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("alert").filter(has_text="Đã gửi báo cáo.")).to_be_visible()
    expect(page.get_by_role("button", name="Gửi báo cáo")).to_have_count(0)
    screenshot("02-submitted")
    logout(page)

    # 2. The coordinator finds it among the reports to review and returns it with a comment.
    login(page, live_server, "noivu")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo", exact=True).click()
    to_review = page.locator("section[aria-labelledby=review-title]")
    to_review.get_by_role("link", name=str(ours.sender)).click()
    expect(page.get_by_label(SESSIONS, exact=True)).to_have_value("12")
    expect(page.get_by_label(SESSIONS, exact=True)).to_be_disabled()
    page.get_by_label("Ý kiến khi trả lại (bắt buộc)").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_role("alert").filter(has_text="Đã trả lại báo cáo kèm ý kiến.")).to_be_visible()
    screenshot("03-returned")
    logout(page)

    # 3. The officer reads the comment, corrects a figure and sends the report again.
    login(page, live_server, "tuphap")
    _open_our_request(page)
    expect(page.get_by_role("status").filter(has_text="Ý kiến khi trả lại")).to_contain_text(RETURN_COMMENT)
    page.get_by_label(SESSIONS, exact=True).fill(OURS_CORRECTED_SESSIONS)
    screenshot("04-correcting")
    page.get_by_role("button", name="Gửi lại báo cáo").click()
    expect(page.get_by_role("alert").filter(has_text="Đã gửi báo cáo.")).to_be_visible()
    expect(page.get_by_label(SESSIONS, exact=True)).to_have_value(OURS_CORRECTED_SESSIONS)
    logout(page)

    # 4. The coordinator accepts it, opens the merge for the period and downloads the DOCX.
    login(page, live_server, "noivu")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo", exact=True).click()
    page.locator("section[aria-labelledby=review-title]").get_by_role("link", name=str(ours.sender)).click()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_role("alert").filter(has_text="Đã tiếp nhận báo cáo.")).to_be_visible()
    page.get_by_role("link", name="Tổng hợp báo cáo", exact=True).first.click()
    row = page.locator("tbody tr").filter(has_text=PLAN_SYMBOL).filter(has_text="năm 2025")
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dự thảo tổng hợp")
    sessions_total = str(int(OURS_CORRECTED_SESSIONS) + THEIRS["propaganda_sessions"])
    totals = page.locator("tbody tr").filter(has_text=SESSIONS)
    expect(totals.locator("td").last).to_have_text(sessions_total)
    sent = page.locator("section[aria-labelledby=sent-title]")
    expect(sent).to_contain_text(str(ours.sender))
    expect(sent).to_contain_text(str(theirs.sender))
    expect(page.locator("section[aria-labelledby=late-title]")).to_contain_text(str(late.sender))
    screenshot("05-merge")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải DOCX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = SCREENSHOTS.parent / "bao-cao-tong-hop-2025.docx"
    download.save_as(saved)
    data = saved.read_bytes()

    # 5. The DOCX: motto, symbol, summed indicators and the agencies that did not report.
    text, rows = _docx_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert re.search(r"/BC-[A-ZĐ]+", text), "the report's symbol (…/BC-SNV) is missing"
    expected = {
        SESSIONS: sessions_total,
        PARTICIPANTS: str(int(OURS_FIRST[PARTICIPANTS]) + THEIRS["propaganda_participants"]),
        DIALOGUES: str(int(OURS_FIRST[DIALOGUES]) + THEIRS["dialogues_held"]),
    }
    for name, total in expected.items():
        matching = [r for r in rows if name in r]
        assert matching, f"indicator row “{name}” is missing from the DOCX"
        assert matching[0][-1] == total, f"{name}: expected {total}, got {matching[0]}"
    assert "chưa báo cáo" in text
    assert f"{late.sender} (quá hạn, hạn {late.due_date:%d/%m/%Y});" in text, "the late agencies are not listed"
    assert str(ours.sender) in text and str(theirs.sender) in text
    assert f"{ours.sender}: {SECTION_TEXT} (hoàn thành)." in text, "the officer's task narrative is missing"

    # 6. PDF through LibreOffice (required in CI).
    from danvan.exports.pdf import convert_to_pdf, libreoffice_available

    if not libreoffice_available():
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is required in CI to convert the merged report to PDF")
        pytest.skip("LibreOffice is not installed; DOCX checked, PDF conversion skipped")
    pdf = convert_to_pdf(data)
    assert pdf.startswith(b"%PDF")
    (SCREENSHOTS.parent / "bao-cao-tong-hop-2025.pdf").write_bytes(pdf)
