"""Shared samples for the export tests (no Django)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from danvan.exports import BulletList, Heading, OfficialDocument, Paragraph, Table, build_docx

TITLE_LINE_1 = "Kết quả thực hiện công tác dân vận chính quyền năm 2024"
TITLE_LINE_2 = "và phương hướng, nhiệm vụ năm 2025"


def make_report(**overrides) -> OfficialDocument:
    values = dict(
        parent_body="UBND THÀNH PHỐ CẦN THƠ",
        issuer="SỞ NỘI VỤ",
        number="12",
        symbol="BC-SNV",
        place="Cần Thơ",
        issued_on=date(2025, 2, 5),
        kind="BÁO CÁO",
        title=f"{TITLE_LINE_1}\n{TITLE_LINE_2}",
        body=[
            Paragraph(
                "Thực hiện Kế hoạch số 70/KH-UBND ngày 19 tháng 02 năm 2024 của Ủy ban nhân dân thành phố về "
                "thực hiện công tác dân vận chính quyền năm 2024, Sở Nội vụ tổng hợp báo cáo kết quả như sau:"
            ),
            Heading(1, "I. KẾT QUẢ THỰC HIỆN"),
            Heading(2, "1. Công tác lãnh đạo, chỉ đạo"),
            Paragraph(
                "Các sở, ban, ngành và Ủy ban nhân dân quận, huyện đã ban hành kế hoạch thực hiện công tác dân vận "
                "chính quyền, gắn với thực hiện dân chủ ở cơ sở và phong trào thi đua “Dân vận khéo”."
            ),
            BulletList(["Tổ chức 125 hội nghị đối thoại với Nhân dân;", "Tiếp 1.234 lượt công dân."]),
            Table(
                header=["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
                rows=[
                    [1, "Số cuộc đối thoại", "cuộc", 125],
                    [2, "Số lượt tiếp công dân", "lượt", 1234],
                    [3, "Tỷ lệ hài lòng", "%", 92.5],
                ],
                caption="Bảng 1. Kết quả các chỉ tiêu chủ yếu",
                col_widths=[1.5, 8.5, 3, 3.5],
            ),
            Heading(1, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025"),
            Paragraph("Tiếp tục nâng cao chất lượng công tác dân vận chính quyền, gắn với cải cách hành chính."),
            Paragraph("Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2024 của Sở Nội vụ./."),
        ],
        recipients=["Như trên;", "UBND thành phố (để báo cáo);", "Ban Dân vận Thành ủy;", "Lưu: VT, XDCQ."],
        signer_authority="KT. GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
        drafter_initials=None,
    )
    values.update(overrides)
    return OfficialDocument(**values)


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def all_paragraphs(document) -> list[DocxParagraph]:
    """Every paragraph of the body, including those inside table cells, in document order."""
    body = document.element.body
    return [DocxParagraph(p, document._body) for p in body.iter(qn("w:p"))]


def find_paragraph(document, text: str) -> DocxParagraph:
    for paragraph in all_paragraphs(document):
        if paragraph.text.strip() == text:
            return paragraph
    texts = [p.text for p in all_paragraphs(document) if p.text.strip()]
    raise AssertionError(f"No paragraph {text!r}; paragraphs: {texts}")


@pytest.fixture
def report() -> OfficialDocument:
    return make_report()


@pytest.fixture
def report_docx(report) -> bytes:
    return build_docx(report)
