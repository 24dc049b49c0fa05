"""DOCX reading: body order, Word automatic numbering, tables, footnotes, headers; tasks from DOCX plans."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from danvan.reader import Paragraph, Table, extract_path, read_path
from danvan.reader.sources.docx import format_number

from .conftest import load_score, parser_ready, soffice_or_skip

HEADER_LINES = [
    "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/KH-UBND",
    "Cần Thơ, ngày 15 tháng 9 năm 2025",
    "KẾ HOẠCH",
    "Thực hiện công tác dân vận chính quyền năm 2025",
]

NUMBERING_XML = (
    f"<w:abstractNum {nsdecls('w')} w:abstractNumId=\"90\">"
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
    "</w:abstractNum>"
)
ROMAN_XML = (
    f"<w:abstractNum {nsdecls('w')} w:abstractNumId=\"91\">"
    '<w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    "</w:abstractNum>"
)


def add_numbering(document) -> tuple[int, int]:
    """Add a decimal `%1.` / lowerLetter `%2)` / bullet list and an upperRoman list starting at II."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING_XML))
    numbering.insert(1, parse_xml(ROMAN_XML))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    return 90, 91


def numbered(document, text: str, num_id: int, level: int = 0):
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))
    return paragraph


def add_header(document) -> None:
    for line in HEADER_LINES:
        document.add_paragraph(line)


def add_signature(document) -> None:
    for line in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]:
        document.add_paragraph(line)


def build_numbered_docx(path: Path) -> Path:
    """A plan whose outline numbers 1. / a) are drawn by Word, not typed."""
    document = docx.Document()
    decimal, roman = add_numbering(document)
    add_header(document)
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nâng cao hiệu quả công tác dân vận.")
    numbered(document, "NỘI DUNG", roman)
    numbered(document, "Tuyên truyền, phổ biến pháp luật về dân chủ ở cơ sở", decimal)
    numbered(document, "Tổ chức hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở.", decimal, 1)
    document.add_paragraph("Cơ quan chủ trì: Sở Nội vụ.")
    document.add_paragraph("Thời gian thực hiện: Quý IV/2025.")
    numbered(document, "Biên soạn tài liệu tuyên truyền cho cán bộ cơ sở.", decimal, 1)
    document.add_paragraph("Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.")
    document.add_paragraph("Thời gian thực hiện: Thường xuyên.")
    numbered(document, "Kiểm tra việc thực hiện quy chế dân chủ tại các xã, phường.", decimal)
    document.add_paragraph("Cơ quan chủ trì: Thanh tra thành phố.")
    document.add_paragraph("Thời gian thực hiện: Năm 2025.")
    add_signature(document)
    document.save(path)
    return path


def build_table_docx(path: Path) -> Path:
    """A plan whose tasks sit in an appendix table."""
    document = docx.Document()
    add_header(document)
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nâng cao hiệu quả công tác dân vận.")
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph("Các nhiệm vụ cụ thể tại Phụ lục kèm theo.")
    add_signature(document)
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("DANH MỤC NHIỆM VỤ")
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["1", "Xây dựng kế hoạch tuyên truyền Luật Thực hiện dân chủ ở cơ sở", "Sở Nội vụ",
         "Sở Tư pháp", "Quý II/2025"],
        ["2", "Tổ chức tập huấn cho cán bộ cấp xã", "Sở Tư pháp", "Ủy ban nhân dân các xã, phường",
         "Tháng 6/2025"],
        ["3", "Sơ kết việc thực hiện kế hoạch", "Văn phòng Ủy ban nhân dân thành phố", "Sở Nội vụ",
         "Năm 2025"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


# --- reader-level tests (no parser needed) ----------------------------------------------------


def test_word_numbering_labels(tmp_path):
    doc = read_path(build_numbered_docx(tmp_path / "numbered.docx"))
    labelled = [(b.label, b.text[:20]) for b in doc.blocks if isinstance(b, Paragraph) and b.label]
    assert labelled == [
        ("II.", "NỘI DUNG"),
        ("1.", "Tuyên truyền, phổ bi"),
        ("a)", "Tổ chức hội nghị quá"),
        ("b)", "Biên soạn tài liệu t"),
        ("2.", "Kiểm tra việc thực h"),
    ]
    assert doc.format == "docx"
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))


def test_lower_levels_restart_and_bullets(tmp_path):
    document = docx.Document()
    decimal, _ = add_numbering(document)
    numbered(document, "Một", decimal)
    numbered(document, "Một a", decimal, 1)
    numbered(document, "gạch đầu dòng", decimal, 2)
    numbered(document, "Một b", decimal, 1)
    numbered(document, "Hai", decimal)
    numbered(document, "Hai a", decimal, 1)
    path = tmp_path / "restart.docx"
    document.save(path)
    labels = [b.label for b in read_path(path).blocks]
    assert labels == ["1.", "a)", "-", "b)", "2.", "a)"]


def test_style_based_numbering(tmp_path):
    document = docx.Document()
    document.add_paragraph("Đầu tiên", style="List Number")
    document.add_paragraph("Thứ hai", style="List Number")
    document.add_paragraph("Ý phụ", style="List Bullet")
    path = tmp_path / "styles.docx"
    document.save(path)
    blocks = read_path(path).blocks
    assert [b.label for b in blocks] == ["1.", "2.", "-"]
    assert blocks[0].style == "List Number"


def test_number_formats():
    assert [format_number(n, "lowerLetter") for n in (1, 5, 26, 27)] == ["a", "e", "z", "aa"]
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert format_number(3, "lowerRoman") == "iii"
    assert format_number(7, "decimal") == "7"


def test_body_order_tables_merged_cells_and_footnotes(tmp_path):
    document = docx.Document()
    document.add_paragraph("Trước bảng")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "STT"
    table.cell(0, 1).text = "Nhiệm vụ"
    table.cell(0, 2).text = "Chủ trì"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Việc một"
    cell = table.cell(1, 2)
    cell.text = "Sở Nội vụ"
    cell.add_paragraph("Sở Tư pháp")
    table.cell(2, 0).text = "2"
    table.cell(2, 1).text = "Việc hai"
    table.cell(1, 2).merge(table.cell(2, 2))  # vertical merge
    document.add_paragraph("Sau bảng")
    path = tmp_path / "table.docx"
    document.save(path)
    _add_footnote(path, "Nghị quyết số 10/2024/NQ-HĐND ngày 24/7/2024.")
    doc = read_path(path)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Paragraph"]
    assert doc.blocks[0].text == "Trước bảng"
    rows = doc.blocks[1].rows
    assert rows[0] == ["STT", "Nhiệm vụ", "Chủ trì"]
    assert rows[1] == ["1", "Việc một", "Sở Nội vụ\nSở Tư pháp"]
    assert rows[2] == ["2", "Việc hai", "Sở Nội vụ\nSở Tư pháp"]
    assert doc.blocks[2].text == "Sau bảng"
    assert doc.blocks[3].is_footnote and "10/2024/NQ-HĐND" in doc.blocks[3].text


def test_horizontal_merge_repeats_text(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "I. NHÓM NHIỆM VỤ"
    for c, text in enumerate(["1", "Việc", "Sở"]):
        table.cell(1, c).text = text
    path = tmp_path / "hmerge.docx"
    document.save(path)
    table = read_path(path).blocks[0]
    assert isinstance(table, Table)
    assert table.rows == [["I. NHÓM NHIỆM VỤ"] * 3, ["1", "Việc", "Sở"]]


def test_header_block_in_first_page_header(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.paragraphs[0].text = "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"
    header.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    section.header.paragraphs[0].text = "Trang đầu mỗi trang"  # the running header stays out
    document.add_paragraph("KẾ HOẠCH")
    path = tmp_path / "header.docx"
    document.save(path)
    texts = [b.text for b in read_path(path).blocks]
    assert texts == ["ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH"]


def _text_box_run(lines: list[str]) -> str:
    """A run holding a text box, stored twice like Word does (DrawingML choice + VML fallback)."""
    content = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return (
        '<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_text_boxes_read_once_as_their_own_blocks(tmp_path):
    document = docx.Document()
    anchor = document.add_paragraph("KẾ HOẠCH")
    run = parse_xml(_text_box_run(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"]).replace(
        "<w:r ", f"<w:r {nsdecls('w')} ", 1))
    anchor._p.insert(0, run)
    document.add_paragraph("Nội dung")
    path = tmp_path / "box.docx"
    document.save(path)
    texts = [b.text for b in read_path(path).blocks]
    assert texts == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "KẾ HOẠCH", "Nội dung"]


def test_lists_sharing_a_definition_continue(tmp_path):
    document = docx.Document()
    decimal, _ = add_numbering(document)
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="93"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    ))
    numbered(document, "Một", decimal)
    numbered(document, "Hai", 92)  # same abstract list, no restart: continues
    numbered(document, "Lại một", 93)  # restart
    path = tmp_path / "continue.docx"
    document.save(path)
    assert [b.label for b in read_path(path).blocks] == ["1.", "2.", "1."]


@pytest.mark.libreoffice
def test_legacy_doc_through_libreoffice(tmp_path):
    import subprocess

    binary = soffice_or_skip()
    source = build_numbered_docx(tmp_path / "plan.docx")
    out = tmp_path / "doc"
    subprocess.run(
        [binary, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(out), str(source)],
        capture_output=True, timeout=180, check=False,
    )
    legacy = out / "plan.doc"
    if not legacy.exists():
        pytest.skip("LibreOffice did not write the .doc fixture")
    assert legacy.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    doc = read_path(legacy)
    assert doc.format == "doc"
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "Cơ quan chủ trì: Sở Nội vụ." in texts
    labelled = [(b.label, b.text[:8]) for b in doc.blocks if isinstance(b, Paragraph) and b.label]
    assert [label for label, _ in labelled][:3] == ["II.", "1.", "a)"]


def _add_footnote(path: Path, text: str) -> None:
    """Add word/footnotes.xml with one footnote (python-docx cannot write footnotes)."""
    import zipfile

    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    source = zipfile.ZipFile(path)
    items = {info.filename: source.read(info) for info in source.infolist()}
    source.close()
    items["word/footnotes.xml"] = footnotes.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in items.items():
            target.writestr(name, data)


# --- tasks through the parser -----------------------------------------------------------------


def _fold(text: str) -> str:
    return load_score().fold_mention(text)


def _require_parser():
    if not parser_ready():
        pytest.xfail("parser pending: parse_plan finds no tasks in seed 000 yet")


def test_table_rows_reach_the_parser_as_tasks(tmp_path):
    """Whatever the paths, the three table rows come out as tasks with their lead agencies."""
    _require_parser()
    plan = extract_path(build_table_docx(tmp_path / "table.docx"))
    leads = {t["title"][:20]: [_fold(m) for m in t["lead"]] for t in plan["tasks"]}
    assert leads["Xây dựng kế hoạch tu"] == [_fold("Sở Nội vụ")]
    assert leads["Tổ chức tập huấn cho"] == [_fold("Sở Tư pháp")]
    assert leads["Sơ kết việc thực hiệ"] == [_fold("Văn phòng Ủy ban nhân dân thành phố")]


def test_tasks_from_word_numbering(tmp_path):
    _require_parser()
    plan = extract_path(build_numbered_docx(tmp_path / "numbered.docx"))
    tasks = {t["path"]: t for t in plan["tasks"]}
    assert set(tasks) == {"II.1.a", "II.1.b", "II.2"}
    assert tasks["II.1.a"]["title"].startswith("Tổ chức hội nghị quán triệt")
    assert [_fold(m) for m in tasks["II.1.a"]["lead"]] == [_fold("Sở Nội vụ")]
    assert [_fold(m) for m in tasks["II.2"]["lead"]] == [_fold("Thanh tra thành phố")]
    assert tasks["II.1.a"]["timeframe"] == {"kind": "deadline", "date": "2025-12-31", "year": None,
                                            "raw": "Quý IV/2025"}
    assert tasks["II.2"]["timeframe"]["year"] == 2025
    assert plan["source"] == "numbered.docx"


def test_agency_name_with_comma_from_word_numbering(tmp_path):
    _require_parser()
    plan = extract_path(build_numbered_docx(tmp_path / "numbered.docx"))
    tasks = {t["path"]: t for t in plan["tasks"]}
    assert [_fold(m) for m in tasks["II.1.b"]["lead"]] == [_fold("Sở Văn hóa, Thể thao và Du lịch")]


def test_tasks_from_table(tmp_path):
    _require_parser()
    plan = extract_path(build_table_docx(tmp_path / "table.docx"))
    tasks = {t["path"]: t for t in plan["tasks"]}
    assert set(tasks) == {"PL.1", "PL.2", "PL.3"}
    assert tasks["PL.1"]["title"].startswith("Xây dựng kế hoạch tuyên truyền")
    assert [_fold(m) for m in tasks["PL.1"]["lead"]] == [_fold("Sở Nội vụ")]
    assert [_fold(m) for m in tasks["PL.2"]["lead"]] == [_fold("Sở Tư pháp")]
    assert [_fold(m) for m in tasks["PL.3"]["lead"]] == [_fold("Văn phòng Ủy ban nhân dân thành phố")]
    assert [_fold(m) for m in tasks["PL.1"]["cooperating"]] == [_fold("Sở Tư pháp")]
    assert tasks["PL.2"]["timeframe"] == {"kind": "deadline", "date": "2025-06-30", "year": None,
                                          "raw": "Tháng 6/2025"}
