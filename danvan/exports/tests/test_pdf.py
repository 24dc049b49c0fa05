"""PDF conversion through LibreOffice. Skipped without LibreOffice, except on CI (CI=true), where it fails."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest

from danvan.exports import ExportError, Paragraph, Sheet, build_docx, build_xlsx, convert_to_pdf, libreoffice_available
from danvan.exports.pdf import MESSAGE_NOT_INSTALLED, SOFFICE_ENV

from .conftest import TITLE_LINE_1, make_report


def require_tools(*tools: str) -> None:
    missing = [tool for tool in tools if tool != "soffice" and shutil.which(tool) is None]
    if "soffice" in tools and not libreoffice_available():
        missing.insert(0, "LibreOffice (soffice)")
    if missing:
        reason = f"needs {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, which CI must provide")
        pytest.skip(reason)


def pdf_text(pdf: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout


@pytest.mark.libreoffice
def test_docx_converts_to_pdf(tmp_path):
    require_tools("soffice", "pdftotext")
    pdf = convert_to_pdf(build_docx(make_report()))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert TITLE_LINE_1 in text
    assert "Cần Thơ, ngày 05 tháng 02 năm 2025" in text
    assert "Nguyễn Văn An" in text
    assert "1.234" in text


@pytest.mark.libreoffice
def test_pdf_is_a4_and_page_one_has_no_page_number(tmp_path):
    require_tools("soffice", "pdftotext", "pdfinfo")
    filler = Paragraph("Tiếp tục nâng cao chất lượng công tác dân vận chính quyền. " * 20)
    long_body = make_report().body + [filler] * 3
    pdf = convert_to_pdf(build_docx(make_report(body=long_body)))
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "A4" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    first = pdf_text(pdf, tmp_path, "-f", "1", "-l", "1").strip()
    assert first.startswith("UBND THÀNH PHỐ CẦN THƠ")
    second = pdf_text(pdf, tmp_path, "-f", "2", "-l", "2").strip()
    assert second.splitlines()[0].strip() == "2"


@pytest.mark.libreoffice
def test_libreoffice_does_not_evaluate_injected_formulas(tmp_path):
    require_tools("soffice", "pdftotext")
    data = build_xlsx([Sheet(title="Góp ý", header=["Nội dung", "Số"], rows=[["=1+1", 7], ["+40+2", 8]])])
    text = pdf_text(convert_to_pdf(data, suffix=".xlsx"), tmp_path)
    assert "=1+1" in text and "+40+2" in text
    assert "42" not in text


def fake_soffice(tmp_path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_missing_libreoffice_gives_a_vietnamese_message(monkeypatch, tmp_path):
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    assert not libreoffice_available()
    with pytest.raises(ExportError) as info:
        convert_to_pdf(b"PK")
    assert info.value.message == MESSAGE_NOT_INSTALLED
    assert info.value.code == "libreoffice_missing"
    assert "LibreOffice" in str(info.value) and "DOCX" in str(info.value)


def test_failed_conversion_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv(SOFFICE_ENV, fake_soffice(tmp_path, "echo boom >&2; exit 1"))
    with pytest.raises(ExportError) as info:
        convert_to_pdf(b"PK")
    assert info.value.code == "libreoffice_failed"
    assert "không chuyển được" in info.value.message


def test_timeout_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv(SOFFICE_ENV, fake_soffice(tmp_path, f"exec {sys.executable} -c 'import time; time.sleep(30)'"))
    with pytest.raises(ExportError) as info:
        convert_to_pdf(b"PK", timeout=1)
    assert info.value.code == "libreoffice_timeout"
    assert "quá 1 giây" in info.value.message
