"""Ruled tables on PDF pages, found by pdfplumber, as Table blocks with the text of each cell.

PDFium's text order walks a table cell by cell, column by column or in drawing order, so a task table
(`STT | Nội dung nhiệm vụ | Cơ quan chủ trì | ...`) comes out as a heap of short lines. pdfplumber finds
the table from its ruling lines and gives each cell's text; it is slow (pure-Python PDF parsing), so only
pages that draw enough lines to hold a table are given to it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from danvan.reader.document import Table

#: Path objects (ruling lines, cell borders) a page must draw before it is searched for a table; the national
#: motto's underline and a stamp draw one or two.
MIN_PATHS = 6

# A wrapped line inside a cell continues the line above, unless it opens a list item or a label.
_NEW_ITEM = re.compile(r"^(?:[-+•*–]\s|\d{1,2}[.)]\s|[a-zđ]\)\s|(?:Chủ trì|Phối hợp|Thời gian|Thực hiện)\s*:)",
                       re.IGNORECASE)


@dataclass
class PageTable:
    """A table on a page: its top and bottom in PDF units from the bottom of the page, and its cells."""

    top: float
    bottom: float
    table: Table


def may_have_table(page) -> bool:
    """A cheap look at a PDFium page (about a tenth of the time it takes to load): does it draw enough lines to
    hold a ruled table? Raw calls: pypdfium2's object wrappers would cost as much again as loading the page."""
    raw = page.raw
    count = 0
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, index)) == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
            if count >= MIN_PATHS:
                return True
    return False


def cell_text(text: str | None) -> str:
    """A cell's text with the lines the cell's width wrapped joined again (`Cơ quan chủ\\ntrì`)."""
    if not text:
        return ""
    lines = [line.strip() for line in unicodedata.normalize("NFC", text).split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not _NEW_ITEM.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


class TableFinder:
    """Tables of one PDF, opened with pdfplumber the first time a page is asked for."""

    def __init__(self, data: bytes):
        self.data = data
        self._pdf = None

    def tables(self, index: int) -> list[PageTable]:
        import pdfplumber

        found = []
        try:
            if self._pdf is None:
                self._pdf = pdfplumber.open(io.BytesIO(self.data))
            page = self._pdf.pages[index]
            for table in page.find_tables():
                rows = _rows(table)
                if len(rows) < 2 or max(len(row) for row in rows) < 2:
                    continue
                _, top, _, bottom = table.bbox
                found.append(PageTable(top=page.height - top, bottom=page.height - bottom, table=Table(rows=rows)))
            page.close()
        except Exception:  # noqa: BLE001 — pdfminer fails in many ways on files PDFium reads; keep the page's lines
            return []
        return sorted(found, key=lambda t: -t.top)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def _rows(table) -> list[list[str]]:
    """The table's rows with merged cells repeating their text in every row and column they span (as a DOCX
    table's are read), so that a group row or a lead merged over three rows reads as in Word."""
    texts = table.extract()
    by_box = {}
    for row, row_texts in zip(table.rows, texts, strict=False):
        for box, text in zip(row.cells, row_texts, strict=False):
            if box is not None:
                by_box[box] = cell_text(text)
    columns = [column.bbox for column in table.columns]
    out = []
    for row in table.rows:
        _, top, _, bottom = row.bbox
        middle_y = (top + bottom) / 2
        cells = []
        for j, box in enumerate(row.cells):
            if box is None and j < len(columns):
                middle_x = (columns[j][0] + columns[j][2]) / 2
                box = next((b for b in by_box if b[0] <= middle_x <= b[2] and b[1] <= middle_y <= b[3]), None)
            cells.append(by_box.get(box, "") if box is not None else "")
        out.append(cells)
    return [row for row in out if any(row)]


def join_continued(pages: list[list]) -> None:
    """A table that runs over page breaks is one table: the part on each next page joins it, without the
    header row Word repeats, and a row cut by the break (its number cell empty) is joined to the row above."""
    open_table: Table | None = None  # the table that ended the page before, if one did
    for items in pages:
        if open_table is not None and items and isinstance(items[0], Table):
            first, second = open_table.rows, items[0].rows
            if first and second and len(first[0]) == len(second[0]):
                rest = second[1:] if second[0] == first[0] else second
                if rest and not rest[0][0] and first[-1][0]:
                    first[-1] = [_join(a, b) for a, b in zip(first[-1], rest[0], strict=True)]
                    rest = rest[1:]
                first.extend(rest)
                items.pop(0)
                if not items:
                    continue  # the whole page was the table: it may go on over the next one
        open_table = items[-1] if items and isinstance(items[-1], Table) else None


def _join(above: str, below: str) -> str:
    """A cell's text on the page before a break and its rest after it (the same text for a merged cell)."""
    return above if not below or below == above else cell_text(f"{above}\n{below}")
