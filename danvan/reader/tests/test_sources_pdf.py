"""PDF with a text layer: lines in order, page numbers and running headers removed, two-column header kept."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from danvan.reader import Paragraph, read_path
from danvan.reader.sources.pdf import _remove_running_lines, is_page_number

from .conftest import convert_to_pdf, seed_text

RUNNING_HEADER = "Kế hoạch công tác dân vận chính quyền năm 2025"


def _page_field(paragraph, prefix: str = "", suffix: str = "") -> None:
    if prefix:
        paragraph.add_run(prefix)
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))
    if suffix:
        paragraph.add_run(suffix)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    """Seed 000 as a DOCX (issuer | motto table, running header, page numbers) converted by LibreOffice."""
    folder = tmp_path_factory.mktemp("pdf")
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEADER
    _page_field(section.footer.paragraphs[0], "- ", " -")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 70/KH-UBND"
    table.cell(1, 1).text = "Cần Thơ, ngày 15 tháng 9 năm 2025"
    lines = [line.strip() for line in seed_text("000").splitlines() if line.strip()]
    for line in lines[2:]:
        document.add_paragraph(line)
    path = folder / "seed000.docx"
    document.save(path)
    return convert_to_pdf(path, folder), lines


@pytest.mark.libreoffice
def test_text_layer_lines_without_page_numbers(seed_pdf):
    pdf, lines = seed_pdf
    doc = read_path(pdf)
    assert doc.format == "pdf" and not doc.ocr
    assert doc.pages and doc.pages >= 3
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not [t for t in texts if is_page_number(t)]
    assert RUNNING_HEADER not in texts
    body = " ".join(texts)
    for line in ["II. NỘI DUNG", "Cơ quan thực hiện: Các cơ quan, đơn vị, địa phương;"]:
        assert line in body
    assert {b.page for b in doc.blocks} == set(range(1, doc.pages + 1))


@pytest.mark.libreoffice
def test_two_column_header_left_first(seed_pdf):
    pdf, _ = seed_pdf
    texts = [b.text for b in read_path(pdf).blocks][:10]
    joined = "\n".join(texts)
    assert "ỦY BAN NHÂN DÂN" in joined and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in joined
    assert joined.index("ỦY BAN NHÂN DÂN") < joined.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert "Số: 70/KH-UBND" in joined


@pytest.mark.libreoffice
def test_two_column_header_with_tab_stops(tmp_path):
    """Issuer and motto on the same lines (tab stop, no table): PDFium merges them; we keep them apart."""
    from docx.shared import Cm

    document = docx.Document()
    pairs = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
             ("THÀNH PHỐ CẦN THƠ", "Độc lập - Tự do - Hạnh phúc"),
             ("Số: 70/KH-UBND", "Cần Thơ, ngày 15 tháng 9 năm 2025")]
    for left, right in pairs:
        paragraph = document.add_paragraph(f"{left}\t{right}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(7))
        for run in paragraph.runs:
            run.font.size = docx.shared.Pt(10)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện công tác dân vận chính quyền năm 2025 " * 8)
    path = tmp_path / "tab.docx"
    document.save(path)
    texts = [b.text for b in read_path(convert_to_pdf(path, tmp_path)).blocks]
    assert texts[:7] == [
        "ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "Số: 70/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Cần Thơ, ngày 15 tháng 9 năm 2025",
        "KẾ HOẠCH",
    ]
    assert texts[7].startswith("Thực hiện công tác dân vận")


@pytest.mark.parametrize("line", ["4", "- 4 -", "– 12 –", "Trang 4", "trang 3/10", "12"])
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["1. Mục đích", "Năm 2025", "a) Sở Nội vụ", "2025 - 2030"])
def test_not_page_numbers(line):
    assert not is_page_number(line)


def test_running_lines_removed_only_at_page_edges():
    pages = [
        ["UBND TP", f"Mở đầu {w}", f"a {w}", "UBND TP", f"c {w}", f"Kết {w}", f"Trang {n}"]
        for n, w in enumerate(["một", "hai", "ba", "bốn"], start=1)
    ]
    _remove_running_lines(pages)
    assert pages[0] == ["Mở đầu một", "a một", "UBND TP", "c một", "Kết một"]
