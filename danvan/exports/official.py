"""Administrative documents in the layout of Decree 30/2020/NĐ-CP (Phụ lục I), built as editable DOCX.

The caller fills an `OfficialDocument` (header, body blocks, recipients, signer) and calls `build_docx`.
Everything is real paragraphs and tables in Times New Roman, so the result opens and edits in Word and
LibreOffice. Layout values follow DOMAIN.md §5: A4 portrait, margins 20/20/30/15 mm, the sizes and
styles of the Phụ lục I table, page numbers centred in the top margin from page 2 on.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT_NAME = "Times New Roman"

# Page geometry (Phụ lục I, I.3): A4, top/bottom 20 mm, left 30 mm, right 15 mm.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10  # 16.5 cm

# Sizes in points, per the Phụ lục I table (first value of a range for header lines, 14 for the rest).
SIZE_NATIONAL_TITLE = 12  # Quốc hiệu
SIZE_MOTTO = 13  # Tiêu ngữ
SIZE_PARENT_BODY = 12
SIZE_ISSUER = 12
SIZE_NUMBER = 13
SIZE_PLACE_DATE = 14
SIZE_KIND = 14
SIZE_TITLE = 14
SIZE_CONG_VAN_TITLE = 12
SIZE_BODY = 14
SIZE_TABLE = 13
SIZE_SIGNER = 14
SIZE_RECIPIENTS_LABEL = 12
SIZE_RECIPIENTS = 11
SIZE_PAGE_NUMBER = 13

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

FIRST_LINE_INDENT_CM = 1.27
LINE_SPACING = 1.15
SPACE_AFTER_PT = 6

# Column widths of the two borderless layout tables (they add up to the text width).
HEADER_LEFT_CM = 6.3
HEADER_RIGHT_CM = TEXT_WIDTH_CM - HEADER_LEFT_CM
SIGNATURE_LEFT_CM = 7.5
SIGNATURE_RIGHT_CM = TEXT_WIDTH_CM - SIGNATURE_LEFT_CM

_BLANK = "\u00a0" * 6  # a hand-fillable gap (non-breaking, so Word and LibreOffice keep its width)


# ---------------------------------------------------------------------------------------------------------
# Input model
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A section heading in the body: level 1 ("I. …"), 2 ("1. …"), 3 ("1.1. …" or "a) …"). Always bold."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: 14 pt, justified, first-line indent 1.27 cm unless `indent` is False.

    `align` is one of "justify" (default), "left", "center", "right".
    """

    text: str
    italic: bool = False
    bold: bool = False
    align: str = "justify"
    indent: bool = True


@dataclass(frozen=True)
class BulletList:
    """Items written as indented paragraphs starting with "- ", the usual Vietnamese administrative style."""

    items: list[str]
    marker: str = "-"


@dataclass(frozen=True)
class Table:
    """A bordered table (indicator tables). Numbers are written Vietnamese-style (1.234; 12,5).

    `col_widths` are in centimetres; by default the text width is split evenly.
    """

    header: list[str]
    rows: list[list[object]]
    caption: str | None = None
    col_widths: list[float] | None = None
    font_size: float = SIZE_TABLE


Block = Heading | Paragraph | BulletList | Table


@dataclass
class OfficialDocument:
    """One administrative document (báo cáo, kế hoạch, công văn…) in the Decree 30 layout.

    `kind` is the type name in upper case ("BÁO CÁO"); leave it empty for a công văn, whose trích yếu
    is then printed "V/v …" under the number, and whose `addressees` follow "Kính gửi:".
    `number` may be None or "" for a draft: the number is left blank ("Số:      /BC-SNV").
    `issued_on` None leaves "ngày … tháng … năm …" blank for the Văn thư to fill in.
    """

    issuer: str
    symbol: str
    place: str
    title: str
    signer_position: str
    signer_name: str
    kind: str | None = "BÁO CÁO"
    parent_body: str | None = None
    number: str | int | None = None
    issued_on: date | None = None
    draft_year: int | None = None
    body: list[Block] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str | None = None
    drafter_initials: str | None = None
    copies: int | None = None


# ---------------------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------------------


def date_in_words_official(value: date | None, *, year: int | None = None) -> str:
    """ "ngày 05 tháng 02 năm 2025": leading zero for days under 10 and for months 1 and 2 (Decree 30).

    Other months stay without a zero ("ngày 12 tháng 3 năm 2025"). With no date the day and month (and the
    year, unless `year` is given) are left blank for the Văn thư to fill in.
    """
    if value is None:
        year_text = f" {year}" if year else _BLANK
        return f"ngày{_BLANK}tháng{_BLANK}năm{year_text}"
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def format_number_symbol(number: str | int | None, symbol: str) -> str:
    """ "Số: 12/BC-SNV"; numbers under 10 take a leading zero ("Số: 05/BC-SNV"); no number leaves a blank."""
    text = "" if number is None else str(number).strip()
    if text.isdigit() and int(text) < 10:
        text = f"{int(text):02d}"
    if not text:
        text = _BLANK
    return f"Số: {text}/{symbol.strip()}" if symbol.strip() else f"Số: {text}"


def format_cell_value(value: object) -> str:
    """Table cell text: integers with "." thousands separators, decimals with "," (Vietnamese usage)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float | Decimal):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _estimate_width_cm(text: str, size_pt: float, em_per_char: float) -> float:
    """Rough printed width of a line in Times New Roman (only used to size the short rules)."""
    return len(text) * em_per_char * size_pt / 72 * 2.54


def _signing_line(text: str) -> str:
    return text.strip().upper()


# ---------------------------------------------------------------------------------------------------------
# Low-level OOXML helpers
# ---------------------------------------------------------------------------------------------------------

# Child order of w:rPr, w:pPr and w:tblPr in the OOXML schema; Word rejects files whose children are out of order.
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip


def _put_child(parent, tag: str, order: tuple[str, ...]):
    """The `tag` child of `parent`, created in its schema position if missing."""
    existing = parent.find(qn(tag))
    if existing is not None:
        return existing
    child = OxmlElement(tag)
    successors = order[order.index(tag) + 1 :]
    for sibling in parent:
        if any(sibling.tag == qn(name) for name in successors):
            sibling.addprevious(child)
            break
    else:
        parent.append(child)
    return child


def _set_fonts_on_rpr(rpr, size_pt: float | None = None) -> None:
    """Times New Roman for every script slot (ascii, hAnsi, eastAsia, cs), so Vietnamese renders in Word."""
    rfonts = _put_child(rpr, "w:rFonts", _RPR_ORDER)
    for attr in list(rfonts.attrib):
        if attr.lower().endswith("theme"):
            del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), FONT_NAME)
    if size_pt is not None:
        half_points = str(int(round(size_pt * 2)))
        for tag in ("w:sz", "w:szCs"):
            _put_child(rpr, tag, _RPR_ORDER).set(qn("w:val"), half_points)


def _add_run(paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT_NAME
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._r.get_or_add_rPr()
    _set_fonts_on_rpr(rpr, size)
    if bold:
        _put_child(rpr, "w:bCs", _RPR_ORDER)
    if italic:
        _put_child(rpr, "w:iCs", _RPR_ORDER)
    return run


def _set_mark_size(paragraph, size_pt: float) -> None:
    """Size of the paragraph mark, which sets the height of an empty paragraph."""
    rpr = _put_child(paragraph._p.get_or_add_pPr(), "w:rPr", _PPR_ORDER)
    _set_fonts_on_rpr(rpr, size_pt)


def _format_paragraph(
    paragraph,
    *,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    line_spacing: float | None = 1.0,
    first_line_cm: float | None = None,
    left_cm: float | None = None,
    right_cm: float | None = None,
    keep_with_next: bool = False,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line_spacing is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE if line_spacing != 1.0 else WD_LINE_SPACING.SINGLE
        if line_spacing != 1.0:
            fmt.line_spacing = line_spacing
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    if left_cm is not None:
        fmt.left_indent = Cm(left_cm)
    if right_cm is not None:
        fmt.right_indent = Cm(right_cm)
    if keep_with_next:
        fmt.keep_with_next = True


def _add_rule(container, width_cm: float, available_cm: float, *, after: float = 0) -> None:
    """A horizontal rule `width_cm` long, centred in a space `available_cm` wide (an empty bordered paragraph)."""
    width_cm = max(1.0, min(width_cm, available_cm))
    side = max(0.0, (available_cm - width_cm) / 2)
    paragraph = container.add_paragraph()
    _format_paragraph(paragraph, before=0, after=after, left_cm=side, right_cm=side)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(4)  # keeps the rule just clear of the descenders above it
    border = _put_child(paragraph._p.get_or_add_pPr(), "w:pBdr", _PPR_ORDER)
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")  # eighths of a point: 0.75 pt
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)
    _set_mark_size(paragraph, 2)


def _add_text_paragraph(
    container,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    line_spacing: float | None = 1.0,
    first_line_cm: float | None = None,
    left_cm: float | None = None,
    keep_with_next: bool = False,
):
    paragraph = container.add_paragraph()
    _format_paragraph(
        paragraph,
        align=align,
        before=before,
        after=after,
        line_spacing=line_spacing,
        first_line_cm=first_line_cm,
        left_cm=left_cm,
        keep_with_next=keep_with_next,
    )
    if text:
        _add_run(paragraph, text, size=size, bold=bold, italic=italic)
    _set_mark_size(paragraph, size)
    return paragraph


def _set_table_borders(table, value: str) -> None:
    """`value` "nil" for a layout table, "single" for a data table."""
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    borders = _put_child(tbl_pr, "w:tblBorders", _TBLPR_ORDER)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), value)
        if value != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)


def _set_cell_margins(table, left_cm: float, right_cm: float) -> None:
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblCellMar"))
    if existing is not None:
        tbl_pr.remove(existing)
    margins = _put_child(tbl_pr, "w:tblCellMar", _TBLPR_ORDER)
    for edge, value in (("left", left_cm), ("right", right_cm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(round(value / 2.54 * 1440))))
        el.set(qn("w:type"), "dxa")
        margins.append(el)


def _set_fixed_layout(table, widths_cm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    layout = _put_child(tbl_pr, "w:tblLayout", _TBLPR_ORDER)
    layout.set(qn("w:type"), "fixed")
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(int(round(sum(widths_cm) / 2.54 * 1440))))
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=False):
        grid_col.set(qn("w:w"), str(int(round(width / 2.54 * 1440))))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _clear_cell(cell) -> None:
    """A new cell holds one empty paragraph; remove it so content starts with our own paragraphs."""
    for p in list(cell._tc.findall(qn("w:p"))):
        cell._tc.remove(p)


def _ensure_cell_not_empty(cell) -> None:
    if cell._tc.find(qn("w:p")) is None:
        cell.add_paragraph()


def _layout_table(doc, widths_cm: list[float], rows: int = 1):
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    _set_table_borders(table, "nil")
    _set_cell_margins(table, 0.05, 0.05)
    _set_fixed_layout(table, widths_cm)
    for row in table.rows:
        for cell in row.cells:
            _clear_cell(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def _add_page_number_field(paragraph, size: float) -> None:
    def fld_char(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = _add_run(paragraph, "", size=size)
    run._r.append(fld_char("begin"))
    run = _add_run(paragraph, "", size=size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    run = _add_run(paragraph, "", size=size)
    run._r.append(fld_char("separate"))
    _add_run(paragraph, "2", size=size)
    run = _add_run(paragraph, "", size=size)
    run._r.append(fld_char("end"))


# ---------------------------------------------------------------------------------------------------------
# Document parts
# ---------------------------------------------------------------------------------------------------------


def _setup_document(doc, meta: OfficialDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    # Defaults: Times New Roman everywhere (document defaults and the Normal style), Vietnamese language.
    styles_el = doc.styles.element
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    if doc_defaults is not None:
        rpr = doc_defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts_on_rpr(rpr, SIZE_BODY)
            _set_language(rpr)
    normal = doc.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(SIZE_BODY)
    normal_rpr = normal.element.get_or_add_rPr()
    _set_fonts_on_rpr(normal_rpr, SIZE_BODY)
    _set_language(normal_rpr)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for style_name in ("Header", "Footer", "Table Grid"):
        try:
            style = doc.styles[style_name]
        except KeyError:
            continue
        style.font.name = FONT_NAME
        _set_fonts_on_rpr(style.element.get_or_add_rPr())

    props = doc.core_properties
    props.title = " ".join(part for part in (meta.kind or "", meta.title) if part).strip()[:250]
    props.author = meta.issuer
    props.language = "vi-VN"
    props.comments = "Thể thức theo Nghị định 30/2020/NĐ-CP"

    # Page numbers: centred in the top margin, not on the first page.
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    _format_paragraph(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER)
    _add_page_number_field(paragraph, SIZE_PAGE_NUMBER)
    first = section.first_page_header
    first.is_linked_to_previous = False
    if not first.paragraphs:
        first.add_paragraph()


def _set_language(rpr) -> None:
    lang = _put_child(rpr, "w:lang", _RPR_ORDER)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")


def _add_header(doc, meta: OfficialDocument) -> None:
    table = _layout_table(doc, [HEADER_LEFT_CM, HEADER_RIGHT_CM], rows=2)
    left_top, right_top = table.rows[0].cells
    left_bottom, right_bottom = table.rows[1].cells
    left_inner = HEADER_LEFT_CM - 0.1
    right_inner = HEADER_RIGHT_CM - 0.1

    # Left column: parent body (upright), issuing body (bold) and a rule of about 1/3–1/2 its length.
    if meta.parent_body:
        for line in meta.parent_body.strip().upper().splitlines():
            _add_text_paragraph(left_top, line, size=SIZE_PARENT_BODY)
    issuer_lines = [line for line in meta.issuer.strip().upper().splitlines() if line.strip()] or [""]
    for line in issuer_lines:
        _add_text_paragraph(left_top, line, size=SIZE_ISSUER, bold=True)
    longest = max(_estimate_width_cm(line, SIZE_ISSUER, 0.6) for line in issuer_lines)
    _add_rule(left_top, max(1.5, min(longest, left_inner) * 0.45), left_inner)

    # Right column: Quốc hiệu, Tiêu ngữ and a rule as long as the motto.
    _add_text_paragraph(right_top, NATIONAL_TITLE, size=SIZE_NATIONAL_TITLE, bold=True)
    _add_text_paragraph(right_top, MOTTO, size=SIZE_MOTTO, bold=True)
    _add_rule(right_top, _estimate_width_cm(MOTTO, SIZE_MOTTO, 0.43), right_inner)

    # Second row: number and symbol on the left, place and date on the right, on the same line.
    _add_text_paragraph(left_bottom, format_number_symbol(meta.number, meta.symbol), size=SIZE_NUMBER, before=6)
    if not meta.kind and meta.title:
        # Công văn: trích yếu "V/v …" under the number, 12 pt upright, 6 pt below the number.
        title = meta.title.strip()
        if not title.lower().startswith("v/v"):
            title = f"V/v {title}"
        _add_text_paragraph(left_bottom, title, size=SIZE_CONG_VAN_TITLE, before=6)
    place_date = f"{meta.place.strip()}, {date_in_words_official(meta.issued_on, year=meta.draft_year)}"
    _add_text_paragraph(right_bottom, place_date, size=SIZE_PLACE_DATE, italic=True, before=6)
    for cell in (left_top, right_top, left_bottom, right_bottom):
        _ensure_cell_not_empty(cell)


def _add_kind_and_title(doc, meta: OfficialDocument) -> None:
    if meta.kind:
        _add_text_paragraph(doc, meta.kind.strip().upper(), size=SIZE_KIND, bold=True, before=18, keep_with_next=True)
        title_lines = [line for line in meta.title.strip().splitlines() if line.strip()]
        for line in title_lines:
            _add_text_paragraph(doc, line, size=SIZE_TITLE, bold=True, keep_with_next=True)
        longest = max((_estimate_width_cm(line, SIZE_TITLE, 0.46) for line in title_lines), default=4.0)
        _add_rule(doc, max(2.5, min(longest, TEXT_WIDTH_CM) * 0.35), TEXT_WIDTH_CM, after=12)
    else:
        _add_text_paragraph(doc, "", size=SIZE_BODY, after=6)
    if meta.addressees:
        _add_addressees(doc, meta.addressees)


ADDRESSEE_LABEL_CM = 2.5  # where "Kính gửi:" starts
ADDRESSEE_TEXT_CM = 5.0  # where the addressees start


def _add_addressees(doc, addressees: list[str]) -> None:
    """ "Kính gửi:" (14 pt upright) with the first addressee on the same line and the others aligned under it.

    A single addressee is written as is; several are written as "- …" lines.
    """
    names = [name.strip() for name in addressees if name and name.strip()]
    if len(names) > 1:
        names = [name if name.startswith("-") else f"- {name}" for name in names]
    for index, name in enumerate(names):
        last = index == len(names) - 1
        paragraph = _add_text_paragraph(
            doc,
            "",
            size=SIZE_BODY,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            left_cm=ADDRESSEE_TEXT_CM,
            after=12 if last else 0,
            keep_with_next=not last,
        )
        if index == 0:
            paragraph.paragraph_format.first_line_indent = Cm(ADDRESSEE_LABEL_CM - ADDRESSEE_TEXT_CM)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(ADDRESSEE_TEXT_CM))
            _add_run(paragraph, "Kính gửi:\t", size=SIZE_BODY)
        _add_run(paragraph, name, size=SIZE_BODY)


_ALIGNMENTS = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _add_body_paragraph(doc, text: str, *, bold=False, italic=False, align="justify", indent=True, keep=False):
    return _add_text_paragraph(
        doc,
        text,
        size=SIZE_BODY,
        bold=bold,
        italic=italic,
        align=_ALIGNMENTS.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY),
        after=SPACE_AFTER_PT,
        line_spacing=LINE_SPACING,
        first_line_cm=FIRST_LINE_INDENT_CM if indent else 0,
        keep_with_next=keep,
    )


def _add_heading(doc, block: Heading) -> None:
    level = min(max(block.level, 1), 3)
    paragraph = _add_body_paragraph(doc, block.text.strip(), bold=True, italic=level == 3, keep=True)
    outline = _put_child(paragraph._p.get_or_add_pPr(), "w:outlineLvl", _PPR_ORDER)
    outline.set(qn("w:val"), str(level - 1))


def _add_table(doc, block: Table) -> None:
    columns = max([len(block.header)] + [len(row) for row in block.rows]) if (block.header or block.rows) else 0
    if columns == 0:
        return
    if block.caption:
        _add_text_paragraph(
            doc, block.caption.strip(), size=SIZE_BODY, bold=True, before=6, after=6, keep_with_next=True
        )
    widths = list(block.col_widths or [])
    if len(widths) != columns or sum(widths) <= 0:
        widths = [TEXT_WIDTH_CM / columns] * columns
    elif sum(widths) > TEXT_WIDTH_CM:
        scale = TEXT_WIDTH_CM / sum(widths)
        widths = [w * scale for w in widths]

    header_rows = 1 if block.header else 0
    table = doc.add_table(rows=header_rows + len(block.rows), cols=columns)
    _set_table_borders(table, "single")
    _set_cell_margins(table, 0.1, 0.1)
    _set_fixed_layout(table, widths)

    if block.header:
        row = table.rows[0]
        tr_pr = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # repeat the header row on each page
        tr_pr.append(repeat)
        for cell, text in zip(row.cells, list(block.header) + [""] * columns, strict=False):
            _clear_cell(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _add_text_paragraph(cell, str(text), size=block.font_size, bold=True, before=2, after=2)
    for row_values, row in zip(block.rows, table.rows[header_rows:], strict=False):
        values = list(row_values) + [None] * (columns - len(row_values))
        for cell, value in zip(row.cells, values, strict=False):
            _clear_cell(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            align = WD_ALIGN_PARAGRAPH.CENTER if _is_number(value) else WD_ALIGN_PARAGRAPH.LEFT
            _add_text_paragraph(cell, format_cell_value(value), size=block.font_size, align=align, before=2, after=2)
    # A little space after the table so the next paragraph does not touch it.
    _add_text_paragraph(doc, "", size=6)


def _add_body(doc, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _add_heading(doc, block)
        elif isinstance(block, Paragraph):
            _add_body_paragraph(
                doc, block.text.strip(), bold=block.bold, italic=block.italic, align=block.align, indent=block.indent
            )
        elif isinstance(block, BulletList):
            for item in block.items:
                text = item.strip()
                marker = block.marker.strip()
                if marker and not text.startswith(marker):
                    text = f"{marker} {text}"
                _add_body_paragraph(doc, text)
        elif isinstance(block, Table):
            _add_table(doc, block)
        else:  # pragma: no cover - guarded by the type
            raise TypeError(f"Unknown block: {block!r}")


_LUU_RE = re.compile(r"^\s*-?\s*Lưu\b", re.IGNORECASE)


def _recipient_lines(meta: OfficialDocument) -> list[str]:
    """Recipient lines, with the drafter's initials and copies appended to the "Lưu: …" line."""
    lines = [line.strip().lstrip("-").strip() for line in meta.recipients if line and line.strip()]
    suffix = ""
    if meta.drafter_initials:
        suffix = meta.drafter_initials.strip()
        if meta.copies:
            suffix += f" ({meta.copies:02d})"
    if suffix:
        for index in range(len(lines) - 1, -1, -1):
            if _LUU_RE.match(lines[index]):
                lines[index] = f"{lines[index].rstrip('.;').rstrip()}, {suffix}."
                break
        else:
            lines.append(f"Lưu: VT, {suffix}.")
    return lines


def _add_signature_block(doc, meta: OfficialDocument) -> None:
    _add_text_paragraph(doc, "", size=SIZE_BODY, after=0, keep_with_next=True)
    table = _layout_table(doc, [SIGNATURE_LEFT_CM, SIGNATURE_RIGHT_CM])
    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # keep the signature and Nơi nhận on one page
    left, right = row.cells

    recipients = _recipient_lines(meta)
    if recipients:
        _add_text_paragraph(
            left, "Nơi nhận:", size=SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT
        )
        for line in recipients:
            _add_text_paragraph(left, f"- {line}", size=SIZE_RECIPIENTS, align=WD_ALIGN_PARAGRAPH.LEFT)

    for line in (meta.signer_authority or "").splitlines():
        if line.strip():
            _add_text_paragraph(right, _signing_line(line), size=SIZE_SIGNER, bold=True)
    for line in meta.signer_position.splitlines():
        if line.strip():
            _add_text_paragraph(right, _signing_line(line), size=SIZE_SIGNER, bold=True)
    for _ in range(4):  # room for the handwritten signature and the seal
        _add_text_paragraph(right, "", size=SIZE_SIGNER)
    _add_text_paragraph(right, meta.signer_name.strip(), size=SIZE_SIGNER, bold=True)
    for cell in (left, right):
        _ensure_cell_not_empty(cell)


def build_docx(doc: OfficialDocument) -> bytes:
    """Render `doc` as a DOCX file (bytes) in the Decree 30/2020/NĐ-CP layout."""
    document = Document()
    _setup_document(document, doc)
    body = document.element.body
    # The default template starts with no paragraphs; nothing to remove except the final sectPr, which stays.
    _add_header(document, doc)
    _add_kind_and_title(document, doc)
    _add_body(document, doc.body)
    # Decree 30 practice: the signature page must carry some of the content, so keep the last body
    # paragraph with the signature block.
    if doc.body and len(body) >= 2 and body[-2].tag == qn("w:p"):
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    _add_signature_block(document, doc)
    # Word requires a paragraph after a table at the end of the body; keep it tiny.
    last = body[-2] if len(body) >= 2 else None
    if last is not None and last.tag == qn("w:tbl"):
        _add_text_paragraph(document, "", size=2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
