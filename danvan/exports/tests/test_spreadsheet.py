"""XLSX export: header, widths, numbers as numbers, and no formula injection."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from danvan.exports import Sheet, build_xlsx, safe_sheet_title
from danvan.exports.spreadsheet import is_formula_like

INJECTIONS = ["=1+1", "@SUM(A1)", "+cmd", "-2+3", '=HYPERLINK("http://x","y")', "\t=1", "\r=1"]


def reopen(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_header_row_is_bold_frozen_and_sized():
    data = build_xlsx(
        [
            Sheet(
                title="Tổng hợp",
                header=["STT", "Cơ quan, đơn vị", "Số cuộc đối thoại"],
                rows=[[1, "Ủy ban nhân dân phường Ninh Kiều", 12], [2, "Sở Nội vụ", 3]],
                col_widths=[6, 40, None],
            )
        ]
    )
    ws = reopen(data)["Tổng hợp"]
    assert [c.value for c in ws[1]] == ["STT", "Cơ quan, đơn vị", "Số cuộc đối thoại"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == 6
    assert ws.column_dimensions["B"].width == 40
    assert ws.column_dimensions["C"].width >= len("Số cuộc đối thoại")
    assert ws["B2"].value == "Ủy ban nhân dân phường Ninh Kiều"


def test_numbers_stay_numeric():
    data = build_xlsx(
        [
            Sheet(
                title="Số liệu", header=["Chỉ tiêu", "Giá trị"], rows=[["a", 1234], ["b", 92.5], ["c", Decimal("3.25")]]
            )
        ]
    )
    ws = reopen(data).active
    assert ws["B2"].value == 1234 and ws["B2"].data_type == "n"
    assert ws["B3"].value == 92.5 and ws["B3"].data_type == "n"
    assert ws["B4"].value == pytest.approx(3.25) and ws["B4"].data_type == "n"


def test_negative_numbers_are_numbers_not_text():
    ws = reopen(build_xlsx([Sheet(title="x", header=["v"], rows=[[-5], [-2.5]])])).active
    assert ws["A2"].value == -5 and ws["A2"].data_type == "n"
    assert ws["A3"].value == -2.5 and ws["A3"].data_type == "n"


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_injection_comes_back_as_plain_text(payload):
    data = build_xlsx([Sheet(title="Góp ý", header=["Nội dung"], rows=[[payload]])])
    cell = reopen(data).active["A2"]
    assert cell.data_type == "s"
    assert cell.value == payload
    assert cell.quotePrefix


def test_no_formula_elements_in_the_file():
    data = build_xlsx([Sheet(title="Góp ý", header=["=Tiêu đề", "@b"], rows=[[p, p] for p in INJECTIONS])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    header = reopen(data).active["A1"]
    assert header.value == "=Tiêu đề" and header.data_type == "s"


def test_ordinary_text_has_no_quote_prefix():
    cell = reopen(build_xlsx([Sheet(title="x", header=["a"], rows=[["Bình thường"]])])).active["A2"]
    assert cell.data_type == "s" and not cell.quotePrefix


def test_is_formula_like():
    assert all(is_formula_like(p) for p in INJECTIONS)
    assert not is_formula_like("Dân vận khéo")
    assert not is_formula_like("1+1")


def test_dates_and_number_formats():
    data = build_xlsx(
        [
            Sheet(
                title="Hạn",
                header=["Nhiệm vụ", "Hạn", "Tỷ lệ"],
                rows=[["Báo cáo quý", date(2025, 3, 20), 0.925]],
                number_formats={"Tỷ lệ": "0.0%"},
            )
        ]
    )
    ws = reopen(data).active
    assert ws["B2"].is_date and ws["B2"].number_format == "dd/mm/yyyy"
    assert ws["C2"].number_format == "0.0%" and ws["C2"].value == 0.925


def test_caption_row_above_header():
    data = build_xlsx([Sheet(title="x", header=["a", "b"], rows=[[1, 2]], caption="Biểu 01: Tổng hợp kết quả")])
    ws = reopen(data).active
    assert ws["A1"].value == "Biểu 01: Tổng hợp kết quả" and ws["A1"].font.bold
    assert [c.value for c in ws[3]] == ["a", "b"]
    assert ws.freeze_panes == "A4"
    assert ws["A4"].value == 1


def test_control_characters_are_dropped():
    ws = reopen(build_xlsx([Sheet(title="x", header=["a"], rows=[["Tên\x00\x07 cơ quan"]])])).active
    assert ws["A2"].value == "Tên cơ quan"


def test_sheet_titles_are_sanitised_and_unique():
    assert safe_sheet_title("Báo cáo [2025]: Q1/Q2*?") == "Báo cáo 2025 Q1 Q2"
    long = safe_sheet_title("Kết quả thực hiện công tác dân vận chính quyền năm 2025")
    assert len(long) <= 31
    assert safe_sheet_title("") == "Sheet"
    data = build_xlsx(
        [
            Sheet(title="Tổng hợp/Quý I", header=["a"], rows=[]),
            Sheet(title="Tổng hợp/Quý I", header=["a"], rows=[]),
            Sheet(title="x" * 40, header=["a"], rows=[]),
        ]
    )
    names = reopen(data).sheetnames
    assert names[0] == "Tổng hợp Quý I"
    assert names[1] == "Tổng hợp Quý I (2)"
    assert len(names[2]) == 31
    for name in names:
        assert not set(name) & set("[]:*?/\\")


def test_empty_workbook_still_opens():
    assert reopen(build_xlsx([])).sheetnames == ["Sheet"]
