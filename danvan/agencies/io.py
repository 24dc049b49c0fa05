"""The agency directory as a CSV or XLSX file: reading, checking and writing rows.

Writing to the database is `services.directory_import`; this module never touches it except to
look up codes that a file refers to.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from danvan.agencies.models import Agency, AgencyKind
from danvan.errors import UserFacingError

COLUMNS = ["code", "name", "short_name", "kind", "parent_code", "valid_from", "valid_to", "successor_codes",
           "aliases", "email", "note"]
REQUIRED_COLUMNS = ["code", "name", "kind"]
LIST_SEPARATOR = ";"
MAX_ROWS = 20_000
_CODE = re.compile(r"^[-a-zA-Z0-9_]+$")
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class DirectoryFileError(UserFacingError):
    """The file cannot be read at all (wrong format, broken, no header); the message is for the user."""


@dataclass
class RowError:
    row: int  # as the user sees it: the header is row 1
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}"


@dataclass
class DirectoryRow:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_codes: list[str]
    aliases: list[str]
    email: str
    note: str


@dataclass
class CheckedFile:
    rows: list[DirectoryRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# ---------------------------------------------------------------- export


def directory_rows(*, agencies: list[Agency]) -> list[dict[str, str]]:
    """One dict per agency in COLUMNS order, parents before children, then by code."""
    ids = {a.pk for a in agencies}
    depth: dict[int, int] = {}
    by_pk = {a.pk: a for a in agencies}

    def depth_of(agency: Agency) -> int:
        if agency.pk not in depth:
            parent = by_pk.get(agency.parent_id)
            depth[agency.pk] = 0 if parent is None else depth_of(parent) + 1
        return depth[agency.pk]

    agencies = Agency.objects.filter(pk__in=ids).select_related("parent").prefetch_related("successors", "aliases")
    rows = []
    for agency in sorted(agencies, key=lambda a: (depth_of(by_pk[a.pk]), a.code)):
        rows.append({
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
            "parent_code": agency.parent.code if agency.parent else "",
            "valid_from": agency.valid_from.isoformat() if agency.valid_from else "",
            "valid_to": agency.valid_to.isoformat() if agency.valid_to else "",
            "successor_codes": LIST_SEPARATOR.join(sorted(s.code for s in agency.successors.all())),
            "aliases": LIST_SEPARATOR.join(sorted(a.text for a in agency.aliases.all())),
            "email": agency.email,
            "note": agency.note,
        })
    return rows


def neutralise_formula(value: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running `=HYPERLINK(...)` typed into a name."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _restore_formula(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def export_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise_formula(row.get(key, "")) for key in COLUMNS})
    # The BOM lets Excel open the file as UTF-8 instead of mangling Vietnamese.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh muc co quan"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([neutralise_formula(row.get(key, "")) for key in COLUMNS])
    # Belt and braces: every cell is a plain string, never a formula.
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.value is not None:
                cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- import


def read_file(*, data: bytes, filename: str) -> list[dict[str, str]]:
    """Raw rows (dicts keyed by column) from a CSV or XLSX upload; raises DirectoryFileError if unreadable."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data)
    raise DirectoryFileError("Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx).")


def _read_csv(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DirectoryFileError("Tệp CSV không phải mã UTF-8. Hãy lưu lại tệp với mã hóa UTF-8.") from None
    if "\x00" in text:
        raise DirectoryFileError("Tệp CSV bị hỏng hoặc không phải tệp văn bản.")
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        table = [row for row in reader]
    except csv.Error as exc:
        raise DirectoryFileError(f"Không đọc được tệp CSV: {exc}.") from None
    return _table_to_dicts(table)


def _read_xlsx(data: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise DirectoryFileError("Tệp Excel bị hỏng hoặc không phải định dạng .xlsx.") from None
    sheet = workbook.worksheets[0]
    table = []
    for values in sheet.iter_rows(values_only=True):
        table.append([_cell_text(v) for v in values])
        if len(table) > MAX_ROWS + 1:
            break
    workbook.close()
    return _table_to_dicts(table)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table_to_dicts(table: list[list[str]]) -> list[dict[str, str]]:
    table = [row for row in table if any((cell or "").strip() for cell in row)] if table else []
    if not table:
        raise DirectoryFileError("Tệp trống: không có dòng tiêu đề và dữ liệu.")
    header = [(cell or "").strip().lower() for cell in table[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise DirectoryFileError(
            "Thiếu cột bắt buộc: " + ", ".join(missing) + ". Các cột của danh mục: " + ", ".join(COLUMNS) + "."
        )
    if len(table) - 1 > MAX_ROWS:
        raise DirectoryFileError(f"Tệp có quá nhiều dòng (tối đa {MAX_ROWS}).")
    rows = []
    for values in table[1:]:
        row = {}
        for index, column in enumerate(header):
            if column in COLUMNS:
                row[column] = _restore_formula((values[index] if index < len(values) else "") or "").strip()
        rows.append(row)
    return rows


def _parse_date(value: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(LIST_SEPARATOR) if part.strip()]


def check_rows(raw_rows: list[dict[str, str]]) -> CheckedFile:
    """Validate every row against the file and the database; collect all errors, write nothing."""
    checked = CheckedFile()
    kinds = set(AgencyKind.values)
    seen_codes: dict[str, int] = {}
    for index, raw in enumerate(raw_rows, start=2):
        errors_before = len(checked.errors)

        def error(message: str, row: int = index) -> None:
            checked.errors.append(RowError(row=row, message=message))

        code = raw.get("code", "")
        name = raw.get("name", "")
        kind = raw.get("kind", "")
        if not code:
            error("thiếu mã cơ quan (cột code).")
        elif not _CODE.match(code) or len(code) > 80:
            error(f"mã “{code}” chỉ được gồm chữ không dấu, số, “-” và “_” (tối đa 80 ký tự).")
        elif code in seen_codes:
            error(f"mã “{code}” bị trùng với dòng {seen_codes[code]}.")
        else:
            seen_codes[code] = index
        if not name:
            error("thiếu tên cơ quan (cột name).")
        elif len(name) > 255:
            error("tên cơ quan dài quá 255 ký tự.")
        if len(raw.get("short_name", "")) > 120:
            error("tên ngắn dài quá 120 ký tự.")
        if kind not in kinds:
            error(f"loại “{kind}” không hợp lệ; dùng một trong: {', '.join(sorted(kinds))}.")
        dates: dict[str, dt.date | None] = {}
        for column, label in (("valid_from", "hiệu lực từ"), ("valid_to", "hiệu lực đến")):
            value = raw.get(column, "")
            dates[column] = None
            if value:
                try:
                    dates[column] = _parse_date(value)
                except ValueError:
                    error(f"ngày {label} “{value}” không đúng dạng YYYY-MM-DD hoặc DD/MM/YYYY.")
        if dates["valid_from"] and dates["valid_to"] and dates["valid_from"] > dates["valid_to"]:
            error("ngày hiệu lực từ sau ngày hiệu lực đến.")
        email = raw.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error(f"thư điện tử “{email}” không hợp lệ.")
        if len(checked.errors) == errors_before:
            checked.rows.append(DirectoryRow(
                row=index, code=code, name=name, short_name=raw.get("short_name", ""), kind=kind,
                parent_code=raw.get("parent_code", ""), valid_from=dates["valid_from"], valid_to=dates["valid_to"],
                successor_codes=_split(raw.get("successor_codes", "")), aliases=_split(raw.get("aliases", "")),
                email=email, note=raw.get("note", ""),
            ))

    # References: codes in the file or already in the directory.
    referenced = {row.parent_code for row in checked.rows if row.parent_code}
    referenced |= {code for row in checked.rows for code in row.successor_codes}
    known_in_db = set(Agency.objects.filter(code__in=referenced - set(seen_codes)).values_list("code", flat=True))
    known = set(seen_codes) | known_in_db
    for row in checked.rows:
        if row.parent_code and row.parent_code not in known:
            checked.errors.append(RowError(row.row, f"cơ quan cấp trên “{row.parent_code}” không có trong tệp "
                                                    "hoặc danh mục."))
        if row.parent_code == row.code:
            checked.errors.append(RowError(row.row, "cơ quan không thể là cấp trên của chính nó."))
        for code in row.successor_codes:
            if code not in known:
                checked.errors.append(RowError(row.row, f"cơ quan kế thừa “{code}” không có trong tệp hoặc danh mục."))
            elif code == row.code:
                checked.errors.append(RowError(row.row, "cơ quan không thể kế thừa chính nó."))
    checked.errors.extend(_parent_cycles(checked.rows))
    checked.errors.sort(key=lambda e: e.row)
    return checked


def _parent_cycles(rows: list[DirectoryRow]) -> list[RowError]:
    parents = dict(Agency.objects.filter(parent__isnull=False).values_list("code", "parent__code"))
    parents.update({row.code: row.parent_code for row in rows})
    errors = []
    for row in rows:
        seen = {row.code}
        current = parents.get(row.code)
        while current:
            if current in seen:
                errors.append(RowError(row.row, f"cấp trên của “{row.code}” tạo thành vòng lặp."))
                break
            seen.add(current)
            current = parents.get(current)
    return errors
