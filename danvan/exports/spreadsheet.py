"""Spreadsheets (XLSX) through openpyxl: bold frozen header, column widths, numbers kept as numbers.

Every text cell is safe from formula (CSV/DDE) injection: a string that starts with "=", "+", "-", "@",
a tab or a carriage return is stored as a literal string with the quote-prefix style, so neither Excel
nor LibreOffice evaluates it, not even after the user edits the cell.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_TITLE_LENGTH = 31
_TITLE_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
DEFAULT_DATE_FORMAT = "dd/mm/yyyy"
DEFAULT_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_AUTO_WIDTH = 60
MIN_AUTO_WIDTH = 6


@dataclass
class Sheet:
    """One worksheet. `col_widths` are in Excel character units.

    `number_formats` maps a column (0-based index or header text) to an Excel number format,
    or is a list aligned with the columns (None for "leave as is"). `caption` is a bold title row above
    the header.
    """

    title: str
    header: list[str]
    rows: list[list[object]]
    col_widths: list[float | None] | None = None
    number_formats: Mapping[int | str, str] | Sequence[str | None] | None = None
    caption: str | None = None


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read `text` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def safe_sheet_title(title: str, used: set[str] | None = None) -> str:
    """A valid, unique sheet title: no []:*?/\\, no leading/trailing apostrophe, at most 31 characters."""
    text = _TITLE_FORBIDDEN_RE.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", str(title or "")))
    text = re.sub(r"\s+", " ", text).strip().strip("'").strip() or "Sheet"
    text = text[:MAX_TITLE_LENGTH].rstrip()
    if used is None:
        return text
    candidate = text
    counter = 2
    while candidate.casefold() in {name.casefold() for name in used}:
        suffix = f" ({counter})"
        candidate = text[: MAX_TITLE_LENGTH - len(suffix)].rstrip() + suffix
        counter += 1
    used.add(candidate)
    return candidate


def _clean_text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _write_value(cell, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool | int | float | Decimal):
        cell.value = value
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None) if value.tzinfo else value
        cell.number_format = DEFAULT_DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DEFAULT_DATE_FORMAT
    elif isinstance(value, time):
        cell.value = value
    else:
        _write_text(cell, str(value))


def _write_text(cell, text: str) -> None:
    text = _clean_text(text)
    cell.value = text
    # openpyxl turns any string starting with "=" into a formula; force a literal string instead.
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True


def _column_formats(sheet: Sheet, columns: int) -> list[str | None]:
    formats: list[str | None] = [None] * columns
    spec = sheet.number_formats
    if not spec:
        return formats
    if isinstance(spec, Mapping):
        for key, fmt in spec.items():
            index = sheet.header.index(key) if isinstance(key, str) and key in sheet.header else key
            if isinstance(index, int) and 0 <= index < columns:
                formats[index] = fmt
    else:
        for index, fmt in enumerate(list(spec)[:columns]):
            formats[index] = fmt
    return formats


def _display_length(value: object) -> int:
    if value is None:
        return 0
    text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _fill_sheet(ws, sheet: Sheet) -> None:
    columns = max([len(sheet.header)] + [len(row) for row in sheet.rows]) if (sheet.header or sheet.rows) else 0
    row_index = 1
    if sheet.caption:
        cell = ws.cell(row=1, column=1)
        _write_text(cell, sheet.caption)
        cell.font = Font(bold=True, size=13)
        if columns > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        row_index = 3
    header_row = row_index
    if sheet.header:
        for col, text in enumerate(sheet.header, start=1):
            cell = ws.cell(row=header_row, column=col)
            _write_text(cell, str(text))
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        row_index += 1
        ws.freeze_panes = ws.cell(row=row_index, column=1)

    formats = _column_formats(sheet, columns)
    for values in sheet.rows:
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row_index, column=col)
            _write_value(cell, value)
            fmt = formats[col - 1] if col - 1 < len(formats) else None
            if fmt and value is not None:
                cell.number_format = fmt
        row_index += 1

    for col in range(1, columns + 1):
        width = None
        if sheet.col_widths and col - 1 < len(sheet.col_widths):
            width = sheet.col_widths[col - 1]
        if width is None:
            lengths = [_display_length(sheet.header[col - 1]) if col - 1 < len(sheet.header) else 0]
            lengths += [_display_length(row[col - 1]) for row in sheet.rows[:500] if col - 1 < len(row)]
            width = min(MAX_AUTO_WIDTH, max(MIN_AUTO_WIDTH, max(lengths) + 2))
        ws.column_dimensions[get_column_letter(col)].width = width
    if sheet.header and columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(header_row, row_index - 1)}"


def build_xlsx(sheets: list[Sheet]) -> bytes:
    """An XLSX workbook (bytes) with one worksheet per `Sheet`, in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for sheet in sheets or [Sheet(title="Sheet", header=[], rows=[])]:
        ws = workbook.create_sheet(title=safe_sheet_title(sheet.title, used))
        _fill_sheet(ws, sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
