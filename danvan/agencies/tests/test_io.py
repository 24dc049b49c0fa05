import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from danvan.agencies import io as directory_io
from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup
from danvan.agencies.services import directory_import
from danvan.core.models import AuditEvent


def export(fmt: str) -> bytes:
    rows = directory_io.directory_rows(agencies=list(Agency.objects.all()))
    return directory_io.export_csv(rows) if fmt == "csv" else directory_io.export_xlsx(rows)


def wipe():
    AgencyGroup.objects.all().delete()
    Agency.successors.through.objects.all().delete()
    AgencyAlias.objects.all().delete()
    while Agency.objects.exists():
        Agency.objects.filter(children__isnull=True).delete()


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, directory_io.COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in directory_io.COLUMNS})
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_import_export(can_tho, an_nhon, fmt):
    """Export, import into an empty directory, export again: the same rows."""
    first = export(fmt)
    rows_before = directory_io.directory_rows(agencies=list(Agency.objects.all()))
    count = Agency.objects.count()
    wipe()
    assert Agency.objects.count() == 0
    result = directory_import(data=first, filename=f"danh-muc.{fmt}")
    assert result.ok, result.errors
    assert result.created == count
    assert directory_io.directory_rows(agencies=list(Agency.objects.all())) == rows_before
    assert export(fmt) == first or fmt == "xlsx"  # xlsx zips carry timestamps; rows compared above


def test_import_twice_changes_nothing(can_tho):
    data = export("csv")
    result = directory_import(data=data, filename="a.csv")
    assert result.ok and result.created == 0 and result.updated == 0


def test_import_updates_by_code_and_creates_new(can_tho):
    data = csv_bytes([
        {"code": "ct-so-noi-vu", "name": "Sở Nội vụ thành phố Cần Thơ", "kind": "so", "parent_code": "ct-ubnd",
         "aliases": "SNV;Sở NV;Nội vụ TP", "email": "snv@cantho.gov.vn"},
        {"code": "ct-so-moi", "name": "Sở Mới", "kind": "so", "parent_code": "ct-ubnd", "valid_from": "01/07/2025"},
    ])
    result = directory_import(data=data, filename="sua.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    snv = Agency.objects.get(code="ct-so-noi-vu")
    assert snv.email == "snv@cantho.gov.vn"
    assert sorted(snv.aliases.values_list("text", flat=True)) == ["Nội vụ TP", "SNV", "Sở NV"]
    assert str(Agency.objects.get(code="ct-so-moi").valid_from) == "2025-07-01"
    assert AuditEvent.objects.filter(action="agencies.directory_import").count() == 1


def test_bad_rows_are_reported_and_nothing_is_written(can_tho):
    before = export("csv")
    data = csv_bytes([
        {"code": "ct-so-noi-vu", "name": "Tên đã đổi", "kind": "so", "parent_code": "ct-ubnd"},
        {"code": "", "name": "Không mã", "kind": "so"},
        {"code": "x1", "name": "", "kind": "so"},
        {"code": "x2", "name": "Loại sai", "kind": "bo"},
        {"code": "x3", "name": "Ngày sai", "kind": "so", "valid_from": "31/02/2025"},
        {"code": "x4", "name": "Cha lạ", "kind": "so", "parent_code": "khong-co"},
        {"code": "x5", "name": "Kế thừa lạ", "kind": "so", "successor_codes": "ct-ubnd;khong-co"},
        {"code": "x6", "name": "Ngày ngược", "kind": "so", "valid_from": "2025-07-01", "valid_to": "2025-06-30"},
        {"code": "x6", "name": "Trùng mã", "kind": "so"},
        {"code": "x7", "name": "Thư sai", "kind": "so", "email": "khong-phai-email"},
    ])
    result = directory_import(data=data, filename="loi.csv")
    assert not result.ok
    rows = {error.row for error in result.errors}
    assert rows == {3, 4, 5, 6, 7, 8, 9, 10, 11}
    text = " ".join(str(error) for error in result.errors)
    assert "Dòng 3: thiếu mã cơ quan" in text
    assert "không có trong tệp hoặc danh mục" in text
    assert "mã “x6” bị trùng với dòng 9" in text
    assert export("csv") == before
    assert Agency.objects.get(code="ct-so-noi-vu").name == "Sở Nội vụ thành phố Cần Thơ"
    assert not Agency.objects.filter(code__startswith="x").exists()


def test_parent_cycle_is_refused(db):
    data = csv_bytes([
        {"code": "a", "name": "A", "kind": "so", "parent_code": "b"},
        {"code": "b", "name": "B", "kind": "so", "parent_code": "a"},
    ])
    result = directory_import(data=data, filename="vong.csv")
    assert not result.ok
    assert "vòng lặp" in str(result.errors[0])
    assert not Agency.objects.exists()


@pytest.mark.parametrize("data, filename, message", [
    (b"", "a.csv", "Tệp trống"),
    (b"ten,loai\nA,so\n", "a.csv", "Thiếu cột bắt buộc"),
    ("code,name,kind\nx,Sở,so\n".encode("utf-16"), "a.csv", "UTF-8"),
    (b"not a zip", "a.xlsx", "Tệp Excel bị hỏng"),
    (b"code,name,kind\n", "a.pdf", "Chỉ nhận tệp CSV"),
])
def test_broken_files_are_refused_with_a_clear_message(db, data, filename, message):
    result = directory_import(data=data, filename=filename)
    assert message in result.file_error
    assert not Agency.objects.exists()


def test_export_neutralises_formulas(db):
    Agency.objects.create(code="bad", name="=HYPERLINK(\"http://x\",\"bấm\")", short_name="+1", kind="khac",
                          note="@SUM(A1)")
    rows = directory_io.directory_rows(agencies=list(Agency.objects.all()))
    text = directory_io.export_csv(rows).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'@SUM" in text
    sheet = load_workbook(io.BytesIO(directory_io.export_xlsx(rows))).active
    values = [cell.value for cell in sheet[2]]
    assert all(not str(v).startswith(("=", "+", "@")) for v in values if v)
    assert sheet["B2"].data_type == "s"
    # …and the apostrophe disappears again on import.
    Agency.objects.all().delete()
    assert directory_import(data=directory_io.export_xlsx(rows), filename="a.xlsx").ok
    assert Agency.objects.get(code="bad").name.startswith("=HYPERLINK")


def test_xlsx_with_real_dates_and_semicolon_csv(db):
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "name", "kind", "valid_from"])
    sheet.append(["a", "Sở A", "so", dt.datetime(2025, 7, 1)])
    out = io.BytesIO()
    workbook.save(out)
    assert directory_import(data=out.getvalue(), filename="a.xlsx").ok
    assert str(Agency.objects.get(code="a").valid_from) == "2025-07-01"
    semicolons = "code;name;kind\nb;Sở B;so\n".encode()
    assert directory_import(data=semicolons, filename="b.csv").ok
    assert Agency.objects.filter(code="b").exists()


def test_management_commands_round_trip(can_tho, tmp_path):
    target = tmp_path / "danh-muc.xlsx"
    call_command("directory_export", str(target), "--government", "ct-ubnd")
    assert target.stat().st_size > 0
    call_command("directory_import", str(target))
    assert Agency.objects.get(code="ct-so-noi-vu").name == "Sở Nội vụ thành phố Cần Thơ"
