"""`danvan extract`: stdout JSON for one file, NAME.json per file with --out, exit 0/2, one error line per bad file."""

from __future__ import annotations

import json
import subprocess
import sys

from danvan.cli import main
from danvan.reader import validate_plan
from danvan.reader.cli import extract_command

from .conftest import seed_path


def test_one_file_to_stdout(capsys):
    assert extract_command([str(seed_path("000"))]) == 0
    captured = capsys.readouterr()
    plan = json.loads(captured.out)
    validate_plan(plan)
    assert plan["source"] == seed_path("000").name
    assert captured.err == ""
    assert "\\u" not in captured.out  # ensure_ascii=False


def test_several_files_to_out_dir(tmp_path, capsys):
    files = [str(seed_path(p)) for p in ("000", "001", "004")]
    out = tmp_path / "nested" / "out"
    assert extract_command(files, out_dir=str(out)) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(seed_path(p).stem + ".json" for p in ("000", "001", "004"))
    for path in out.iterdir():
        validate_plan(json.loads(path.read_text(encoding="utf-8")))
    assert capsys.readouterr().out == ""


def test_bad_files_one_line_each_and_status_2(tmp_path, capsys):
    bad_docx = tmp_path / "seed.docx"
    bad_docx.write_text("không phải docx", encoding="utf-8")
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    files = [str(bad_docx), str(seed_path("000")), str(tmp_path / "mat.pdf"), str(empty)]
    status = extract_command(files, out_dir=str(tmp_path / "out"), quiet=True)
    assert status == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "Lỗi: seed.docx: Tệp DOCX bị hỏng (không phải tệp ZIP hợp lệ).",
        f"Lỗi: mat.pdf: Không tìm thấy tệp {tmp_path / 'mat.pdf'}.",
        "Lỗi: rong.txt: Tệp rong.txt rỗng (0 byte), không có nội dung để đọc.",
    ]
    assert [p.name for p in (tmp_path / "out").iterdir()] == [seed_path("000").stem + ".json"]


def test_one_bad_file_to_stdout(tmp_path, capsys):
    assert extract_command([str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1


def test_console_entry_point(tmp_path, capsys):
    assert main(["extract", str(seed_path("001")), "--out", str(tmp_path)]) == 0
    assert (tmp_path / (seed_path("001").stem + ".json")).exists()


def test_subprocess_no_traceback(tmp_path):
    junk = tmp_path / "rac.bin"
    junk.write_bytes(bytes(range(256)) * 64)
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "extract", str(junk)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: rac.bin: ")
    assert "Traceback" not in result.stderr


def test_reader_does_not_import_django():
    code = "import sys, danvan.reader, danvan.reader.cli, danvan.reader.sources.pdf; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"
