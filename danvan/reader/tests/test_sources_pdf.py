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


TABLE_ROWS = [
    ("Tổ chức quán triệt, triển khai các văn bản của Trung ương, của Tỉnh ủy về công tác dân vận chính quyền "
     "đến toàn thể cán bộ, công chức, viên chức", "Sở Nội vụ", "Các sở, ban, ngành; UBND các xã, phường", "Quý I/2026"),
    ("Kiểm tra việc thực hiện dân chủ ở cơ sở tại các xã, phường trên địa bàn tỉnh", "Sở Nội vụ",
     "Thanh tra tỉnh, Ủy ban MTTQ Việt Nam tỉnh", "Quý III/2026"),
    ("Đẩy mạnh cải cách thủ tục hành chính, nâng cao chỉ số hài lòng của người dân, doanh nghiệp",
     "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Thường xuyên"),
    ("Tuyên truyền trên báo chí, hệ thống thông tin cơ sở về mô hình Dân vận khéo trong lĩnh vực chính quyền",
     "Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình Quảng Trị", "Tháng 6/2026"),
    ("Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân về những vấn đề bức xúc ở cơ sở",
     "UBND các xã, phường", "Ủy ban MTTQ Việt Nam các xã, phường", "Quý II/2026"),
    ("Rà soát, công khai thủ tục hành chính thuộc thẩm quyền giải quyết tại Trung tâm Phục vụ hành chính công",
     "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Tháng 9/2026"),
]


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory):
    """A plan whose tasks sit in a ruled appendix table that runs over a page break (Word repeats its header row
    on the next page), converted to PDF by LibreOffice."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    folder = tmp_path_factory.mktemp("pdf-table")
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "Số: 88/KH-UBND", "KẾ HOẠCH",
                 "Thực hiện công tác dân vận chính quyền năm 2026", "I. MỤC ĐÍCH, YÊU CẦU",
                 "Nâng cao hiệu quả công tác dân vận chính quyền.", "II. NHIỆM VỤ",
                 "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.", "PHỤ LỤC",
                 "NHIỆM VỤ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2026"):
        document.add_paragraph(line)
    for _ in range(22):  # push the table down so that the page breaks inside it
        document.add_paragraph("Nội dung thuyết minh của phụ lục.")
    table = document.add_table(rows=1 + len(TABLE_ROWS), cols=5)
    table.style = "Table Grid"
    table.autofit = False
    for index, width in enumerate((1.2, 6.5, 3.2, 3.4, 2.4)):
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    header = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
    for index, text in enumerate(header):
        table.rows[0].cells[index].text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for number, row in enumerate(TABLE_ROWS, start=1):
        cells = table.rows[number].cells
        cells[0].text = str(number)
        for index, text in enumerate(row, start=1):
            cells[index].text = text
    document.add_paragraph().add_run().add_break(WD_BREAK.LINE)
    document.add_paragraph("Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này.")
    path = folder / "table-plan.docx"
    document.save(path)
    return convert_to_pdf(path, folder)


@pytest.mark.libreoffice
def test_ruled_task_table_in_a_pdf_is_read_as_a_table(table_pdf):
    from danvan.reader.document import Table
    from danvan.reader.parse import parse_plan

    document = read_path(table_pdf)
    assert document.pages >= 2
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert len(tables) == 1, "the part after the page break joins the table, its repeated header dropped"
    assert [row[0] for row in tables[0].rows] == ["STT"] + [str(n) for n in range(1, len(TABLE_ROWS) + 1)]
    tasks = [task for task in parse_plan(document)["tasks"] if task["path"].startswith("PL.")]
    assert [task["title"] for task in tasks] == [row[0] for row in TABLE_ROWS]
    assert [task["lead"] for task in tasks] == [[row[1]] for row in TABLE_ROWS]
    assert [task["timeframe"]["raw"] for task in tasks] == [row[3] for row in TABLE_ROWS]
    assert tasks[0]["cooperating"] == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert tasks[3]["cooperating"] == ["Báo và Phát thanh, Truyền hình Quảng Trị"]
    texts = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert texts[-1] == "Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này."
    assert not any(text == "Sở Nội vụ" for text in texts), "no cell text is left among the page's lines"


def test_a_table_row_cut_by_a_page_break_is_joined():
    from danvan.reader.document import Table
    from danvan.reader.sources.pdf_tables import cell_text, join_continued

    header = ["STT", "Nội dung", "Chủ trì", "Thời gian"]
    pages = [
        ["PHỤ LỤC", Table(rows=[header, ["1", "Quán triệt Luật", "Sở Nội vụ", "Quý I/2026"],
                                ["2", "Tuyên truyền trên báo chí về mô hình", "Sở Văn hóa, Thể thao", ""]])],
        [Table(rows=[header, ["", "Dân vận khéo", "và Du lịch", "Quý II/2026"],
                     ["3", "Kiểm tra", "Sở Nội vụ", "Quý III/2026"]])],
        [Table(rows=[["4", "Sơ kết", "Sở Nội vụ", "Tháng 12/2026"]]), "Nơi nhận:"],
    ]
    join_continued(pages)
    assert pages[1] == [] and pages[2] == ["Nơi nhận:"]
    assert pages[0][1].rows == [
        header,
        ["1", "Quán triệt Luật", "Sở Nội vụ", "Quý I/2026"],
        ["2", "Tuyên truyền trên báo chí về mô hình Dân vận khéo", "Sở Văn hóa, Thể thao và Du lịch", "Quý II/2026"],
        ["3", "Kiểm tra", "Sở Nội vụ", "Quý III/2026"],
        ["4", "Sơ kết", "Sở Nội vụ", "Tháng 12/2026"],
    ]
    assert cell_text("Cơ quan chủ\ntrì") == "Cơ quan chủ trì"
    assert cell_text("Tuyên truyền\nvề Luật:\n- Hội nghị\n- Tờ rơi") == "Tuyên truyền về Luật:\n- Hội nghị\n- Tờ rơi"
