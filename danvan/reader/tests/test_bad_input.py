"""Bad input: each case gives its own ReaderError (code + Vietnamese message), never a traceback or a hang."""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from PIL import Image

from danvan.reader import ReaderError, read_bytes, read_path
from danvan.reader.sources.safety import MB


def read_error(path) -> ReaderError:
    with pytest.raises(ReaderError) as info:
        read_path(path)
    error = info.value
    assert error.message and "Traceback" not in error.message
    return error


def test_empty_file(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    error = read_error(path)
    assert error.code == "empty"
    assert "rỗng" in error.message


def test_blank_text_file(tmp_path):
    path = tmp_path / "trang.txt"
    path.write_text("  \n\n \t\n", encoding="utf-8")
    assert read_error(path).code == "empty"


def test_file_does_not_exist(tmp_path):
    error = read_error(tmp_path / "khong-co.docx")
    assert error.code == "not_found"
    assert "Không tìm thấy tệp" in error.message


def test_directory(tmp_path):
    error = read_error(tmp_path)
    assert error.code == "is_directory"
    assert "thư mục" in error.message


def test_200_mb_file_refused_before_reading(tmp_path):
    path = tmp_path / "lon.pdf"
    with open(path, "wb") as handle:  # sparse: nothing is written but the size
        handle.truncate(200 * MB)
    error = read_error(path)
    assert error.code == "too_large"
    assert error.message == "Tệp quá lớn (200 MB); giới hạn là 50 MB."


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "vua.txt"
    path.write_text("Kế hoạch số 1\n" * 1000, encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        read_path(path, max_bytes=1024)
    assert info.value.code == "too_large"
    assert "giới hạn là 1 KB" in info.value.message


def test_corrupt_docx_not_a_zip(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    error = read_error(path)
    assert error.code == "corrupt_docx"
    assert error.message == "Tệp DOCX bị hỏng (không phải tệp ZIP hợp lệ)."


def test_docx_named_file_with_text_content(tmp_path):
    path = tmp_path / "seed.docx"
    path.write_text("không phải docx", encoding="utf-8")
    error = read_error(path)
    assert error.code == "corrupt_docx"


def test_truncated_docx(tmp_path):
    good = tmp_path / "good.docx"
    document = docx.Document()
    document.add_paragraph("Kế hoạch")
    document.save(good)
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert read_error(path).code == "corrupt_docx"


def test_docx_without_document_xml(tmp_path):
    path = tmp_path / "thieu.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    error = read_error(path)
    assert error.code == "corrupt_docx"
    assert "word/document.xml" in error.message


def _write_zip_bomb(path: Path, members: int = 3, member_size: int = 4_000_000_000) -> None:
    """A DOCX-looking zip whose members each inflate to ~4 GB of zeros, written without holding it in memory.

    The deflate stream is one self-contained block for 1 MiB of zeros repeated (Z_FULL_FLUSH makes
    the block independent of what precedes it), so building ~12 GB of content takes milliseconds.
    """
    chunk = 1 << 20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(b"\0" * chunk)
    compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b"\0" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    repeats = member_size // chunk
    size = repeats * chunk
    compressed = len(block) * repeats + len(tail)
    central = []
    with open(path, "wb") as out:
        names = ["[Content_Types].xml", "word/document.xml"] + [f"word/media/p{i}.xml" for i in range(members - 1)]
        for name in names:
            encoded = name.encode()
            offset = out.tell()
            small = name == "[Content_Types].xml"
            data = zlib.compress(b"<Types/>")[2:-4] if small else None
            csize, usize = (len(data), 7) if small else (compressed, size)
            crc = zlib.crc32(b"<Types/>") if small else 0  # never reached by a reader that checks sizes first
            out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, csize, usize,
                                  len(encoded), 0) + encoded)
            if small:
                out.write(data)
            else:
                for _ in range(repeats):
                    out.write(block)
                out.write(tail)
            central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, csize,
                                       usize, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory),
                              start, 0))


def test_zip_bomb_disguised_as_docx(tmp_path):
    path = tmp_path / "bom.docx"
    _write_zip_bomb(path)
    assert path.stat().st_size < 50 * MB
    # It is a real bomb: the first megabytes of word/document.xml inflate to zeros.
    with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as stream:
        assert stream.read(4 * MB) == b"\0" * (4 * MB)
        assert archive.getinfo("word/document.xml").file_size > 3_000_000_000
    error = read_error(path)
    assert error.code == "zip_bomb"
    assert "bom nén" in error.message


def test_random_bytes(tmp_path):
    path = tmp_path / "ngau-nhien.bin"
    path.write_bytes(os.urandom(64 * 1024))
    error = read_error(path)
    assert error.code == "unknown_format"
    assert "Không nhận ra định dạng" in error.message


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal PDF file with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R" % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return out


def test_pdf_with_no_pages():
    data = _pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])
    with pytest.raises(ReaderError) as info:
        read_bytes(data, "trong.pdf")
    assert info.value.code == "pdf_no_pages"
    assert "không có trang nào" in info.value.message


def test_corrupt_pdf():
    with pytest.raises(ReaderError) as info:
        read_bytes(b"%PDF-1.7\n" + os.urandom(4096), "hong.pdf")
    assert info.value.code == "corrupt_pdf"


def test_encrypted_pdf(tmp_path):
    """A PDF with a user password (Standard security handler): the empty password does not open it."""
    key = b"<" + b"11" * 32 + b">"
    file_id = b"<0102030405060708090a0b0c0d0e0f10>"
    data = _pdf(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
            b"<</Filter/Standard/V 1/R 2/O " + key + b"/U " + key + b"/P -4>>",
        ],
        b"/Encrypt 4 0 R/ID[" + file_id + file_id + b"]",
    )
    path = tmp_path / "khoa.pdf"
    path.write_bytes(data)
    error = read_error(path)
    assert error.code == "pdf_encrypted"
    assert "mật khẩu" in error.message


def _tesseract_ready() -> bool:
    import shutil
    import subprocess

    binary = shutil.which("tesseract")
    if not binary:
        return False
    langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, check=False)
    return "vie" in (langs.stdout + langs.stderr).split()


def test_image_with_no_text(tmp_path):
    if not _tesseract_ready():
        if os.environ.get("CI") == "true":
            pytest.fail("tesseract with the vie language is required in CI")
        pytest.skip("tesseract with the vie language is not installed")
    path = tmp_path / "trang.png"
    Image.new("L", (800, 600), 255).save(path)
    error = read_error(path)
    assert error.code == "no_text"
    assert error.message.startswith("Không nhận dạng được chữ nào trong ảnh")


def test_image_decompression_bomb(tmp_path):
    path = tmp_path / "bom.png"
    # A PNG whose header declares 60000 × 60000 pixels (3.6 billion): tiny on disk, ~3.6 GB decoded.
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (60_001 * 16), 9)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    error = read_error(path)
    assert error.code in ("image_too_large", "ocr_missing", "ocr_language_missing")


def test_corrupt_image(tmp_path):
    path = tmp_path / "hong.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    error = read_error(path)
    assert error.code in ("corrupt_image", "ocr_missing", "ocr_language_missing")


def test_legacy_doc_without_libreoffice(tmp_path, monkeypatch):
    from danvan.reader.sources import doc

    monkeypatch.setattr(doc, "soffice_binary", lambda: None)
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    error = read_error(path)
    assert error.code == "libreoffice_missing"
    assert "LibreOffice" in error.message


def test_unsupported_container(tmp_path):
    path = tmp_path / "bang.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert read_error(path).code == "unsupported_format"


def test_libreoffice_conversion_timeout(tmp_path, monkeypatch):
    from danvan.reader.sources import doc

    hang = tmp_path / "soffice"
    hang.write_text("#!/bin/sh\nsleep 60\n")
    hang.chmod(0o755)
    monkeypatch.setattr(doc, "soffice_binary", lambda: str(hang))
    with pytest.raises(ReaderError) as info:
        doc.convert_with_libreoffice(b"\xd0\xcf\x11\xe0", ".doc", "docx", timeout=1)
    assert info.value.code == "convert_timeout"
    assert "quá 1 giây" in info.value.message
