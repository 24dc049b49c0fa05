"""PDF files with pypdfium2: the text layer line by line, and OCR for pages that have none."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from danvan.reader.document import Block, Paragraph, SourceDocument, Table
from danvan.reader.errors import ReaderError
from danvan.reader.sources import ocr
from danvan.reader.sources.pdf_tables import TableFinder, join_continued, may_have_table
from danvan.reader.sources.safety import MAX_PAGES

Progress = Callable[[int, int, str], None]

#: A page with fewer text characters than this is treated as a scan and sent to OCR.
MIN_TEXT_CHARS = 20
OCR_DPI = 300
#: Mean Tesseract word confidence under which the reader warns that the text needs checking.
LOW_CONFIDENCE = 60

_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?|(?:trang\s+)?\d{1,4}\s+(?:trên|/)\s+\d{1,4}",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_DOC_KIND = re.compile(r"(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|THÔNG BÁO|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN)\b")
_NO_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b")


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise ReaderError(
                f"Tệp PDF {name} được bảo vệ bằng mật khẩu (mã hóa); hãy gỡ mật khẩu rồi tải lên lại.",
                code="pdf_encrypted",
            ) from exc
        if "success" in text or _NO_PAGES.search(data[-200_000:]) or _NO_PAGES.search(data[:200_000]):
            # PDFium refuses an empty page tree with the error "Success".
            raise ReaderError(f"Tệp PDF {name} không có trang nào.", code="pdf_no_pages") from exc
        raise ReaderError(f"Tệp PDF {name} bị hỏng, không mở được.", code="corrupt_pdf") from exc


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER.fullmatch(line.strip()) is not None


def _remove_running_lines(pages: list[list[str | Table]]) -> None:
    """Drop page numbers and headers/footers that repeat on most pages (first/last 3 lines of a page)."""
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for lines in pages:
            edge = {line for line in lines[:3] + lines[-3:] if isinstance(line, str)}
            counts.update(_DIGITS.sub("#", line) for line in edge)
        running = {key for key, n in counts.items() if n >= max(3, len(pages) * 0.6)}
    else:
        running = set()
    for lines in pages:
        edges = set(range(min(3, len(lines)))) | set(range(max(0, len(lines) - 3), len(lines)))
        keep = []
        for index, line in enumerate(lines):
            if index in edges and isinstance(line, str) and (
                    is_page_number(line) or _DIGITS.sub("#", line) in running):
                continue
            keep.append(line)
        lines[:] = keep


def _header_columns(textpage, width: float) -> tuple[list[str], float] | None:
    """The two-column header block at the top of page 1 (issuer | national motto), left column first.

    Returns (lines, y below the block), or None when the top of the page is not in two columns.
    PDFium's text order puts both columns on one line (`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ...`); its text
    rectangles keep them apart, so the block is rebuilt from them.
    """
    count = textpage.count_rects()
    rects = []
    for index in range(min(count, 400)):
        left, bottom, right, top = textpage.get_rect(index)
        rects.append((left, bottom, right, top, index))
    rects.sort(key=lambda r: -r[3])
    lines: list[list[tuple]] = []
    for rect in rects:
        middle = (rect[1] + rect[3]) / 2
        if lines and lines[-1][0][1] - 1 <= middle <= lines[-1][0][3] + 1:
            lines[-1].append(rect)
        else:
            lines.append([rect])
    centre = width / 2
    gap_min = width * 0.04
    left_col: list[str] = []
    right_col: list[str] = []
    split = False
    bottom_y = None
    previous_height = None
    for line in lines[:14]:
        line.sort(key=lambda r: r[0])
        top = max(r[3] for r in line)
        height = top - min(r[1] for r in line)
        if bottom_y is not None and previous_height and bottom_y - top > 2.5 * previous_height:
            break  # a wide vertical gap ends the header block
        first = " ".join(textpage.get_text_bounded(*line[0][:4]).split())
        if _DOC_KIND.match(first):
            break
        pieces: list[list[tuple]] = [[line[0]]]
        for rect in line[1:]:
            if rect[0] - pieces[-1][-1][2] > gap_min:
                pieces.append([rect])
            else:
                pieces[-1].append(rect)
        sides = []
        for piece in pieces:
            left, right = piece[0][0], max(r[2] for r in piece)
            if right <= centre + width * 0.05:
                sides.append("L")
            elif left >= centre - width * 0.05:
                sides.append("R")
            else:
                sides.append("X")
        if "X" in sides or len(pieces) > 2:
            break
        if len(pieces) == 2:
            split = True
        for piece, side in zip(pieces, sides, strict=True):
            text = " ".join(
                " ".join(textpage.get_text_bounded(r[0], r[1], r[2], r[3]).split()) for r in piece
            ).strip()
            if text:
                (left_col if side == "L" else right_col).append(text)
        bottom_y = min(r[1] for r in line)
        previous_height = height
    if not split or bottom_y is None:
        return None
    return left_col + right_col, bottom_y


def _page_items(textpage, page, index: int, text: str, finder: TableFinder) -> list[str | Table]:
    """A page's lines in reading order, with its ruled tables as Table blocks where they stand, and on page 1
    the two-column header block first."""
    width = page.get_width()
    top = page.get_height()
    items: list[str | Table] = []
    if index == 0:
        header = _header_columns(textpage, width)
        if header is not None:
            items, below = header
            top = below - 0.5
    tables = finder.tables(index) if may_have_table(page) else []
    if not tables and not items:
        return _lines(text)
    for found in tables:
        if found.top > top:
            continue  # a table inside the header block
        items.extend(_lines(textpage.get_text_bounded(0, found.top + 0.5, width, top)))
        items.append(found.table)
        top = found.bottom - 0.5
    items.extend(_lines(textpage.get_text_bounded(0, 0, width, top)))
    return items


def read_pdf(data: bytes, name: str = "", *, progress: Progress | None = None) -> SourceDocument:
    document = _open(data, name)
    finder = TableFinder(data)
    try:
        count = len(document)
        if count == 0:
            raise ReaderError(f"Tệp PDF {name} không có trang nào.", code="pdf_no_pages")
        if count > MAX_PAGES:
            raise ReaderError(
                f"Tệp PDF {name} có {count} trang, vượt giới hạn {MAX_PAGES} trang.", code="too_many_pages"
            )
        pages: list[list[str | Table]] = []
        scanned: list[int] = []
        for index in range(count):
            page = document[index]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                if len(text.strip()) < MIN_TEXT_CHARS and _has_image(page):
                    scanned.append(index)
                    pages.append(_lines(text))  # kept if OCR finds nothing
                else:
                    pages.append(_page_items(textpage, page, index, text, finder))
                textpage.close()
            finally:
                page.close()
        _remove_running_lines(pages)
        join_continued(pages)
        confidences: list[float] = []
        warnings: list[str] = []

        def render(index: int):
            page = document[index]
            try:
                return page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()

        for done, (index, lines) in enumerate(ocr.ocr_pages(scanned, render, dpi=OCR_DPI), start=1):
            for line in lines:
                confidences.extend(line.confidences)
            pages[index] = [line.text for line in lines] or pages[index]
            if progress:
                progress(done, len(scanned), f"Đã nhận dạng chữ trang {index + 1}/{count}")
        if scanned:
            _strip_ocr_page_numbers(pages, scanned)
            warnings.append(f"{len(scanned)}/{count} trang là bản quét, đã nhận dạng chữ bằng OCR.")
    finally:
        finder.close()
        document.close()
    blocks: list[Block] = []
    line_no = 0
    for page_no, items in enumerate(pages, start=1):
        for item in items:
            line_no += 1
            if isinstance(item, Table):
                item.page, item.line = page_no, line_no
                blocks.append(item)
            else:
                blocks.append(Paragraph(text=item, page=page_no, line=line_no))
    if not blocks:
        raise ReaderError(f"Không tìm thấy chữ nào trong tệp PDF {name}.", code="no_text")
    mean = sum(confidences) / len(confidences) if confidences else None
    if mean is not None and mean < LOW_CONFIDENCE:
        warnings.append(
            f"Chất lượng nhận dạng chữ thấp (độ tin cậy trung bình {mean:.0f}/100); hãy kiểm tra lại kết quả."
        )
    return SourceDocument(
        blocks=blocks, source_name=name, format="pdf", pages=count, ocr=bool(scanned),
        ocr_confidence=round(mean, 1) if mean is not None else None, warnings=warnings,
    )


def _strip_ocr_page_numbers(pages: list[list[str]], scanned: list[int]) -> None:
    for index in scanned:
        lines = pages[index]
        while lines and is_page_number(lines[-1]):
            lines.pop()
        while lines and is_page_number(lines[0]):
            lines.pop(0)
