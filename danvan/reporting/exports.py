"""The consolidated report as an official DOCX (Decree 30/2020 layout), an XLSX of its numbers, or a PDF."""

from __future__ import annotations

import re

from danvan.core.dates import date_in_words
from danvan.exports.official import BulletList, Heading, OfficialDocument, Paragraph, Table, build_docx
from danvan.exports.spreadsheet import Sheet, build_xlsx
from danvan.reporting.selectors import Merge

FALLBACK_PARENT = "UBND THÀNH PHỐ CẦN THƠ"
FALLBACK_ISSUER = "SỞ NỘI VỤ"
FALLBACK_PLACE = "Cần Thơ"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_COMMITTEE = re.compile(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+", re.IGNORECASE)
_LEVELS = [("thành phố", "Thành ủy"), ("tỉnh", "Tỉnh ủy"), ("thị xã", "Thị ủy"), ("quận", "Quận ủy"),
           ("huyện", "Huyện ủy"), ("phường", "Đảng ủy phường"), ("xã", "Đảng ủy xã"), ("đặc khu", "Đảng ủy đặc khu")]


def period_phrase(merge: Merge) -> str:
    """ "quý I năm 2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "năm 2025"…"""
    key = merge.key
    if key.period_kind == "quarterly":
        return f"quý {ROMAN.get(key.period_index, key.period_index)} năm {key.period_year}"
    if key.period_kind == "six_months":
        return f"6 tháng {'đầu' if key.period_index in (None, 1) else 'cuối'} năm {key.period_year}"
    if key.period_kind == "nine_months":
        return f"9 tháng năm {key.period_year}"
    if key.period_kind == "monthly":
        return f"tháng {key.period_index} năm {key.period_year}"
    if key.period_kind == "annual":
        return f"năm {key.period_year}"
    due = key.due_date or merge.due_date
    return f"(báo cáo đột xuất, hạn {date_in_words(due)})" if due else "(báo cáo đột xuất)"


def _level(government) -> tuple[str, str, str]:
    """(level word, place, party committee) from a People's Committee's name: ("thành phố", "Cần Thơ", "Thành ủy")."""
    rest = _COMMITTEE.sub("", (government.name if government is not None else "") or "").strip()
    for word, party in _LEVELS:
        if rest.lower().startswith(word + " "):
            return word, rest[len(word):].strip(), party
    return "thành phố", FALLBACK_PLACE, "Thành ủy"


def _initials(name: str) -> str:
    """ "Sở Nội vụ" → "SNV"; the level at the end ("Phòng Nội vụ thị xã") is not part of the symbol."""
    name = re.sub(r"\s+(thành phố|tỉnh|thị xã|huyện|quận|xã|phường)$", "", name.strip(), flags=re.IGNORECASE)
    return "".join(word[0] for word in re.findall(r"\w+", name)).upper()


def issuer_header(coordinator_agency) -> dict[str, str]:
    """Parent body, issuer, symbol suffix, place and recipients for the coordinator's report."""
    if coordinator_agency is None:
        return {"parent_body": FALLBACK_PARENT, "issuer": FALLBACK_ISSUER, "symbol": "BC-SNV",
                "place": FALLBACK_PLACE, "committee": "UBND thành phố", "party": "Thành ủy",
                "issuer_name": "Sở Nội vụ", "head": "GIÁM ĐỐC"}
    government = coordinator_agency.government()
    word, place, party = _level(government)
    issuer_name = coordinator_agency.short_name or coordinator_agency.name
    parent = f"UBND {word} {place}".upper() if government is not coordinator_agency else ""
    head = coordinator_agency.head_title or ("TRƯỞNG PHÒNG" if issuer_name.lower().startswith("phòng") else "GIÁM ĐỐC")
    return {"parent_body": parent or FALLBACK_PARENT, "issuer": issuer_name.upper(),
            "symbol": f"BC-{_initials(issuer_name) or 'SNV'}", "place": place or FALLBACK_PLACE,
            "committee": f"UBND {word}", "party": party, "issuer_name": issuer_name, "head": head.upper()}


def merge_document(*, merge: Merge, coordinator_agency=None) -> OfficialDocument:
    """The consolidated report: indicators summed, narratives per task, who did not report or was late."""
    header = issuer_header(coordinator_agency)
    phrase = period_phrase(merge)
    body: list = []
    plan = merge.plan
    total, done = len(merge.rows), len(merge.submitted)
    if plan is not None:
        issued = f" {date_in_words(plan.issued_on, official=True)}" if plan.issued_on else ""
        body.append(Paragraph(
            f"Thực hiện {plan.label}{issued} của {plan.issuer or header['committee']} về {plan.title.strip()}, "
            f"trên cơ sở báo cáo của {done}/{total} cơ quan, đơn vị, {header['issuer_name']} tổng hợp, "
            f"báo cáo kết quả thực hiện công tác dân vận chính quyền {phrase} như sau:"))
    else:
        body.append(Paragraph(
            f"Trên cơ sở báo cáo của {done}/{total} cơ quan, đơn vị, {header['issuer_name']} tổng hợp, "
            f"báo cáo kết quả thực hiện công tác dân vận chính quyền {phrase} như sau:"))
    body.append(Heading(1, "I. KẾT QUẢ THỰC HIỆN"))
    body.append(Heading(2, "1. Các chỉ tiêu chủ yếu"))
    body.append(Table(
        header=["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
        rows=[[n, t.indicator.name, t.indicator.unit, t.total] for n, t in enumerate(merge.indicators, start=1)],
        caption=f"Bảng 1. Tổng hợp số liệu {phrase}", col_widths=[1.3, 9.7, 2.8, 2.7]))
    body.append(Heading(2, "2. Kết quả thực hiện các nhiệm vụ"))
    if merge.tasks:
        for group in merge.tasks:
            body.append(Heading(3, f"{group.task.path}. {group.task.title.strip()}"))
            items = [f"{entry.agency}: {entry.narrative.strip() or 'Không có nội dung báo cáo'} "
                     f"({entry.state_label.lower()})." for entry in group.entries]
            body.append(BulletList(items))
    else:
        body.append(Paragraph("Chưa có cơ quan, đơn vị nào báo cáo kết quả theo nhiệm vụ."))
    if merge.narratives:
        body.append(Heading(2, "3. Đánh giá chung của các cơ quan, đơn vị"))
        body.append(BulletList([f"{agency}: {text.strip()}" for agency, text in merge.narratives]))
    body.append(Heading(1, "II. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO"))
    body.append(Paragraph(f"Có {done}/{total} cơ quan, đơn vị đã gửi báo cáo."))
    missing = merge.not_reported
    if missing:
        body.append(Paragraph("Các cơ quan, đơn vị chưa báo cáo:", indent=True))
        body.append(BulletList([
            f"{row.request.sender}" + (f" (quá hạn, hạn {row.request.due_date:%d/%m/%Y})" if row.overdue else "")
            + ";" for row in missing]))
    late = merge.submitted_late
    if late:
        body.append(Paragraph("Các cơ quan, đơn vị báo cáo trễ hạn:", indent=True))
        body.append(BulletList([
            f"{row.request.sender} (hạn {row.request.due_date:%d/%m/%Y}, gửi "
            f"{row.report.submitted_at:%d/%m/%Y});" for row in late]))
    body.append(Paragraph(f"Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền {phrase} "
                          f"của {header['issuer_name']}./."))
    return OfficialDocument(
        parent_body=header["parent_body"], issuer=header["issuer"], number=None, symbol=header["symbol"],
        place=header["place"], issued_on=None, draft_year=merge.today.year, kind="BÁO CÁO",
        title=f"Kết quả thực hiện công tác dân vận chính quyền {phrase}", body=body,
        recipients=[f"{header['committee']} (để báo cáo);",
                    f"Ban Tuyên giáo và Dân vận {header['party']} (để báo cáo);", "Lưu: VT, XDCQ."],
        signer_position=header["head"], signer_name="",
    )


def merge_docx(*, merge: Merge, coordinator_agency=None) -> bytes:
    return build_docx(merge_document(merge=merge, coordinator_agency=coordinator_agency))


def merge_xlsx(*, merge: Merge) -> bytes:
    """Totals sheet, per-agency sheet and the reporting status sheet."""
    phrase = period_phrase(merge)
    totals = Sheet(
        title="Tổng hợp", caption=f"Tổng hợp số liệu công tác dân vận chính quyền {phrase}",
        header=["STT", "Nhóm", "Chỉ tiêu", "Đơn vị tính", "Tổng"],
        rows=[[n, t.indicator.group, t.indicator.name, t.indicator.unit, t.total]
              for n, t in enumerate(merge.indicators, start=1)])
    agencies = merge.reporting_agencies
    per_agency = Sheet(
        title="Theo cơ quan", caption=f"Số liệu theo cơ quan, đơn vị {phrase}",
        header=["Chỉ tiêu", "Đơn vị tính", *[str(a) for a in agencies], "Tổng"],
        rows=[[t.indicator.name, t.indicator.unit, *[v.value for v in t.per_agency], t.total]
              for t in merge.indicators])
    status = Sheet(
        title="Tình hình báo cáo", header=["Cơ quan, đơn vị", "Hạn gửi", "Trạng thái", "Gửi lúc", "Ghi chú"],
        rows=[[str(row.request.sender), row.request.due_date, row.state_label,
               row.report.submitted_at.replace(tzinfo=None) if row.report and row.report.submitted_at else None,
               "Quá hạn, chưa báo cáo" if row.overdue else ("Báo cáo trễ hạn" if row.submitted_late else "")]
              for row in merge.rows])
    return build_xlsx([totals, per_agency, status])
