"""The Decree 30/2020/NĐ-CP DOCX builder, checked by reopening the file with python-docx."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from danvan.exports import (
    OfficialDocument,
    Paragraph,
    Table,
    build_docx,
    date_in_words_official,
    format_number_symbol,
)
from danvan.exports.official import _PPR_ORDER, _RPR_ORDER, _TBLPR_ORDER, format_cell_value

from .conftest import TITLE_LINE_1, TITLE_LINE_2, all_paragraphs, find_paragraph, make_report, open_docx


def run_sizes(paragraph) -> set[float]:
    return {run.font.size.pt for run in paragraph.runs if run.text}


def assert_times_new_roman(paragraph) -> None:
    for run in paragraph.runs:
        if not run.text:
            continue
        assert run.font.name == "Times New Roman"
        rfonts = run._r.rPr.find(qn("w:rFonts"))
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert rfonts.get(qn(slot)) == "Times New Roman", slot


def assert_style(paragraph, *, size: float, bold: bool | None = None, italic: bool | None = None) -> None:
    assert paragraph.runs, paragraph.text
    assert_times_new_roman(paragraph)
    assert run_sizes(paragraph) == {size}, paragraph.text
    for run in paragraph.runs:
        if not run.text:
            continue
        if bold is not None:
            assert bool(run.font.bold) is bold, paragraph.text
        if italic is not None:
            assert bool(run.font.italic) is italic, paragraph.text


# ----- helpers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (date(2025, 1, 31), "ngày 31 tháng 01 năm 2025"),
        (date(2025, 3, 12), "ngày 12 tháng 3 năm 2025"),
        (date(2024, 11, 1), "ngày 01 tháng 11 năm 2024"),
        (date(2025, 12, 9), "ngày 09 tháng 12 năm 2025"),
    ],
)
def test_date_in_words_uses_decree_30_leading_zeros(value, expected):
    assert date_in_words_official(value) == expected


def test_date_in_words_left_blank_without_a_date():
    text = date_in_words_official(None)
    assert text.startswith("ngày") and "tháng" in text and "năm" in text
    assert not any(ch.isdigit() for ch in text)
    assert "\u00a0" in text  # room to write by hand
    assert date_in_words_official(None, year=2025).endswith("năm 2025")


def test_number_and_symbol():
    assert format_number_symbol("12", "BC-SNV") == "Số: 12/BC-SNV"
    assert format_number_symbol(5, "BC-SNV") == "Số: 05/BC-SNV"
    assert format_number_symbol(123, "KH-UBND") == "Số: 123/KH-UBND"
    blank = format_number_symbol(None, "BC-SNV")
    assert blank.startswith("Số:") and blank.endswith("/BC-SNV")
    assert not any(ch.isdigit() for ch in blank)


def test_cell_values_are_written_vietnamese_style():
    assert format_cell_value(1234567) == "1.234.567"
    assert format_cell_value(92.5) == "92,5"
    assert format_cell_value(1234.5) == "1.234,5"
    assert format_cell_value(100.0) == "100"
    assert format_cell_value(None) == ""
    assert format_cell_value("Đạt") == "Đạt"


# ----- page setup -----------------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_decree_margins(report_docx):
    section = open_docx(report_docx).sections[0]
    # Word stores page geometry in twips, so compare to a tenth of a millimetre.
    for actual, expected in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 20),
        (section.bottom_margin, 20),
        (section.left_margin, 30),
        (section.right_margin, 15),
    ):
        assert abs(actual.mm - expected) < 0.1, (actual.mm, expected)
    assert section.page_height > section.page_width


def test_page_numbers_from_page_two(report_docx):
    section = open_docx(report_docx).sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    header_paragraph = section.header.paragraphs[0]
    assert header_paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in section.first_page_header._element.xml


def test_default_font_is_times_new_roman_without_theme_fonts(report_docx):
    document = open_docx(report_docx)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "Times New Roman"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(
        f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    assert not [name for name in defaults.attrib if "heme" in name]
    assert defaults.get(qn("w:ascii")) == "Times New Roman"


def test_every_run_is_times_new_roman(report_docx):
    for paragraph in all_paragraphs(open_docx(report_docx)):
        assert_times_new_roman(paragraph)


# ----- header ---------------------------------------------------------------------------------------------


def test_national_title_and_motto(report_docx):
    document = open_docx(report_docx)
    assert_style(find_paragraph(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=12, bold=True)
    motto = find_paragraph(document, "Độc lập - Tự do - Hạnh phúc")
    assert_style(motto, size=13, bold=True, italic=False)
    # The rule under the motto: the next paragraph carries a bottom border.
    following = motto._p.getnext()
    assert following.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_header_is_a_borderless_two_column_table(report_docx):
    document = open_docx(report_docx)
    header = document.tables[0]
    assert len(header.columns) == 2
    left_text = header.cell(0, 0).text
    right_text = header.cell(0, 1).text
    assert "UBND THÀNH PHỐ CẦN THƠ" in left_text and "SỞ NỘI VỤ" in left_text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right_text
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}
    # Number and date share the second row, so they print on the same line.
    assert header.cell(1, 0).text.strip() == "Số: 12/BC-SNV"
    assert header.cell(1, 1).text.strip() == "Cần Thơ, ngày 05 tháng 02 năm 2025"


def test_parent_body_upright_and_issuer_bold(report_docx):
    document = open_docx(report_docx)
    assert_style(find_paragraph(document, "UBND THÀNH PHỐ CẦN THƠ"), size=12, bold=False, italic=False)
    issuer = find_paragraph(document, "SỞ NỘI VỤ")
    assert_style(issuer, size=12, bold=True)
    assert issuer._p.getnext().find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None


def test_number_symbol_and_date(report_docx):
    document = open_docx(report_docx)
    assert_style(find_paragraph(document, "Số: 12/BC-SNV"), size=13, bold=False, italic=False)
    assert_style(find_paragraph(document, "Cần Thơ, ngày 05 tháng 02 năm 2025"), size=14, italic=True)


def test_draft_leaves_number_and_date_blank():
    document = open_docx(build_docx(make_report(number=None, issued_on=None)))
    header = document.tables[0]
    number = header.cell(1, 0).text.strip()
    assert number.startswith("Số:") and number.endswith("/BC-SNV")
    assert not any(ch.isdigit() for ch in number)
    place_date = header.cell(1, 1).text.strip()
    assert place_date.startswith("Cần Thơ, ngày")
    assert not any(ch.isdigit() for ch in place_date)


def test_number_under_ten_takes_a_leading_zero():
    document = open_docx(build_docx(make_report(number=7, issued_on=date(2025, 3, 12))))
    assert document.tables[0].cell(1, 0).text.strip() == "Số: 07/BC-SNV"
    assert document.tables[0].cell(1, 1).text.strip() == "Cần Thơ, ngày 12 tháng 3 năm 2025"


def test_kind_and_title(report_docx):
    document = open_docx(report_docx)
    kind = find_paragraph(document, "BÁO CÁO")
    assert_style(kind, size=14, bold=True)
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for line in (TITLE_LINE_1, TITLE_LINE_2):
        title = find_paragraph(document, line)
        assert_style(title, size=14, bold=True)
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert document.core_properties.title.startswith("BÁO CÁO Kết quả")


# ----- body -----------------------------------------------------------------------------------------------


def test_body_paragraph_layout(report_docx):
    document = open_docx(report_docx)
    paragraph = next(p for p in all_paragraphs(document) if p.text.startswith("Thực hiện Kế hoạch số 70/KH-UBND"))
    assert_style(paragraph, size=14, bold=False, italic=False)
    fmt = paragraph.paragraph_format
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent == Cm(1.27)
    assert fmt.space_after == Pt(6)
    assert 1.0 <= fmt.line_spacing <= 1.5


def test_headings_are_bold(report_docx):
    document = open_docx(report_docx)
    for text in ("I. KẾT QUẢ THỰC HIỆN", "1. Công tác lãnh đạo, chỉ đạo", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025"):
        heading = find_paragraph(document, text)
        assert_style(heading, size=14, bold=True)
        assert heading.paragraph_format.keep_with_next


def test_bullets_are_dashed_paragraphs(report_docx):
    document = open_docx(report_docx)
    bullet = find_paragraph(document, "- Tổ chức 125 hội nghị đối thoại với Nhân dân;")
    assert_style(bullet, size=14)
    assert bullet.paragraph_format.first_line_indent == Cm(1.27)


def test_indicator_table(report_docx):
    document = open_docx(report_docx)
    table = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    assert [c.text for c in table.rows[0].cells] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"]
    assert [c.text for c in table.rows[2].cells] == ["2", "Số lượt tiếp công dân", "lượt", "1.234"]
    assert table.cell(3, 3).text == "92,5"
    assert table.cell(1, 3).text == "125"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"single"}
    assert all(run.font.bold for run in table.cell(0, 1).paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    caption = find_paragraph(document, "Bảng 1. Kết quả các chỉ tiêu chủ yếu")
    assert_style(caption, size=14, bold=True)
    widths = [round(cell.width.cm, 1) for cell in table.rows[0].cells]
    assert widths == [1.5, 8.5, 3.0, 3.5]


def test_table_widths_scaled_to_fit_the_page():
    doc = make_report(body=[Table(header=["A", "B"], rows=[[1, 2]], col_widths=[20, 13])])
    table = open_docx(build_docx(doc)).tables[1]
    assert round(sum(cell.width.cm for cell in table.rows[0].cells), 1) == 16.5


def test_paragraph_options():
    doc = make_report(body=[Paragraph("Căn cứ Luật Tổ chức chính quyền địa phương;", italic=True, indent=False)])
    paragraph = find_paragraph(open_docx(build_docx(doc)), "Căn cứ Luật Tổ chức chính quyền địa phương;")
    assert_style(paragraph, size=14, italic=True, bold=False)
    assert paragraph.paragraph_format.first_line_indent in (None, 0)


# ----- signature and recipients ---------------------------------------------------------------------------


def test_signature_block_and_recipients(report_docx):
    document = open_docx(report_docx)
    signature = document.tables[-1]
    assert len(signature.columns) == 2
    borders = signature._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}
    left = [p.text for p in signature.cell(0, 0).paragraphs if p.text]
    assert left == [
        "Nơi nhận:",
        "- Như trên;",
        "- UBND thành phố (để báo cáo);",
        "- Ban Dân vận Thành ủy;",
        "- Lưu: VT, XDCQ.",
    ]
    assert_style(signature.cell(0, 0).paragraphs[0], size=12, bold=True, italic=True)
    for paragraph in signature.cell(0, 0).paragraphs[1:]:
        assert_style(paragraph, size=11, bold=False, italic=False)

    right = [p.text for p in signature.cell(0, 1).paragraphs if p.text]
    assert right == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    for text in right:
        assert_style(find_paragraph(document, text), size=14, bold=True)
    # Blank lines between the position and the name leave room for the signature and seal.
    right_paragraphs = signature.cell(0, 1).paragraphs
    assert sum(1 for p in right_paragraphs if not p.text) >= 3


def test_last_body_paragraph_stays_with_signature(report_docx):
    document = open_docx(report_docx)
    last = find_paragraph(
        document, "Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2024 của Sở Nội vụ./."
    )
    assert last.paragraph_format.keep_with_next


def test_drafter_initials_and_copies_join_the_archive_line():
    document = open_docx(build_docx(make_report(drafter_initials="NVB", copies=5)))
    left = [p.text for p in document.tables[-1].cell(0, 0).paragraphs if p.text]
    assert left[-1] == "- Lưu: VT, XDCQ, NVB (05)."


def test_cong_van_puts_vv_under_the_number_and_addressees():
    doc = OfficialDocument(
        parent_body="UBND THÀNH PHỐ CẦN THƠ",
        issuer="SỞ NỘI VỤ",
        number="1455",
        symbol="SNV-XDCQ",
        place="Cần Thơ",
        issued_on=date(2025, 10, 3),
        kind=None,
        title="báo cáo kết quả công tác dân vận chính quyền quý III năm 2025",
        addressees=["Các sở, ban, ngành thành phố;", "UBND các xã, phường."],
        body=[Paragraph("Đề nghị các cơ quan, đơn vị gửi báo cáo về Sở Nội vụ trước ngày 10 tháng 10 năm 2025.")],
        recipients=["Như trên;", "Lưu: VT, XDCQ."],
        signer_authority=None,
        signer_position="GIÁM ĐỐC",
        signer_name="Trần Thị Bình",
    )
    document = open_docx(build_docx(doc))
    left = [p.text for p in document.tables[0].cell(1, 0).paragraphs if p.text]
    assert left == ["Số: 1455/SNV-XDCQ", "V/v báo cáo kết quả công tác dân vận chính quyền quý III năm 2025"]
    assert_style(document.tables[0].cell(1, 0).paragraphs[1], size=12, bold=False)
    texts = [p.text for p in all_paragraphs(document)]
    assert "Kính gửi:\t- Các sở, ban, ngành thành phố;" in texts and "- UBND các xã, phường." in texts
    assert "BÁO CÁO" not in texts
    assert [p.text for p in document.tables[-1].cell(0, 1).paragraphs if p.text] == ["GIÁM ĐỐC", "Trần Thị Bình"]


def test_xml_children_follow_schema_order(report_docx):
    """Word refuses files whose rPr/pPr/tblPr children are out of schema order; check every part we write."""
    orders = {qn("w:rPr"): _RPR_ORDER, qn("w:pPr"): _PPR_ORDER, qn("w:tblPr"): _TBLPR_ORDER}
    with zipfile.ZipFile(io.BytesIO(report_docx)) as archive:
        parts = [name for name in archive.namelist() if name.startswith("word/") and name.endswith(".xml")]
        for name in parts:
            root = etree.fromstring(archive.read(name))
            for tag, order in orders.items():
                positions = {qn(t): i for i, t in enumerate(order)}
                for element in root.iter(tag):
                    indexes = [positions[child.tag] for child in element if child.tag in positions]
                    assert indexes == sorted(indexes), (name, [etree.QName(c).localname for c in element])
