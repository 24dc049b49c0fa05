"""Source readers: find a file's format from its content and read it into a SourceDocument."""

from __future__ import annotations

import zipfile
from collections.abc import Callable

from danvan.reader.document import SourceDocument
from danvan.reader.errors import ReaderError
from danvan.reader.sources.safety import check_size

Progress = Callable[[int, int, str], None]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(data: bytes, name: str = "") -> str:
    """The format by magic bytes: txt, docx, doc, pdf, png, jpeg, tiff; ReaderError if none fits."""
    head = data[:1024]
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in data[-2048:]):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(_OLE):
        return "doc"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(head, data, name)
    if head.startswith((b"GIF8", b"BM")) or head[:4] == b"RIFF":
        raise ReaderError(
            f"Định dạng ảnh của tệp {name} chưa được hỗ trợ; hãy dùng PNG, JPEG, TIFF hoặc PDF.",
            code="unsupported_format",
        )
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")):
        raise ReaderError(
            f"Tệp {name} là tệp nén, không phải văn bản; hãy giải nén rồi tải lên từng tệp.",
            code="unsupported_format",
        )
    if head.lstrip().lower().startswith((b"{\\rtf",)):
        raise ReaderError(
            f"Tệp {name} là định dạng RTF, chưa được hỗ trợ; hãy lưu thành .docx hoặc PDF.",
            code="unsupported_format",
        )
    return "txt"


def _zip_kind(head: bytes, data: bytes, name: str) -> str:
    if b"word/" in head or b"[Content_Types].xml" in head:
        return "docx"
    try:
        import io

        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "docx"  # corrupt: the DOCX reader gives the specific message
    if any(n.startswith("word/") for n in names) or "[Content_Types].xml" in names:
        return "docx"
    if any(n.startswith(("xl/", "ppt/")) for n in names) or "content.xml" in names:
        raise ReaderError(
            f"Tệp {name} là bảng tính, trình chiếu hoặc tệp OpenDocument, không phải văn bản Word; "
            "hãy lưu thành .docx hoặc PDF.",
            code="unsupported_format",
        )
    raise ReaderError(f"Tệp {name} là tệp nén ZIP, không phải văn bản Word (.docx).", code="unsupported_format")


_CORRUPT_BY_EXTENSION = {
    ".docx": ("Tệp DOCX bị hỏng (không phải tệp ZIP hợp lệ).", "corrupt_docx"),
    ".doc": ("Tệp .doc bị hỏng (không phải tệp Word hợp lệ).", "corrupt_doc"),
    ".pdf": ("Tệp PDF bị hỏng (thiếu phần đầu %PDF).", "corrupt_pdf"),
    ".png": ("Tệp ảnh bị hỏng (không phải ảnh PNG hợp lệ).", "corrupt_image"),
    ".jpg": ("Tệp ảnh bị hỏng (không phải ảnh JPEG hợp lệ).", "corrupt_image"),
    ".jpeg": ("Tệp ảnh bị hỏng (không phải ảnh JPEG hợp lệ).", "corrupt_image"),
    ".tif": ("Tệp ảnh bị hỏng (không phải ảnh TIFF hợp lệ).", "corrupt_image"),
    ".tiff": ("Tệp ảnh bị hỏng (không phải ảnh TIFF hợp lệ).", "corrupt_image"),
}


def _check_extension(name: str) -> None:
    """Content that is not a known binary format under a binary format's name: the file is damaged."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in _CORRUPT_BY_EXTENSION:
        message, code = _CORRUPT_BY_EXTENSION[suffix]
        raise ReaderError(message, code=code)


def read_source(data: bytes, name: str = "", *, progress: Progress | None = None,
                max_bytes: int | None = None) -> SourceDocument:
    """Bytes of a file → SourceDocument, by its detected format."""
    check_size(len(data), name, max_bytes)
    kind = detect_format(data, name)
    if kind == "txt":
        _check_extension(name)
    if kind == "txt":
        from danvan.reader.sources.text import read_text

        return read_text(data, name)
    if kind == "docx":
        from danvan.reader.sources.docx import read_docx

        return read_docx(data, name)
    if kind == "doc":
        from danvan.reader.sources.doc import read_doc

        return read_doc(data, name)
    if kind == "pdf":
        from danvan.reader.sources.pdf import read_pdf

        return read_pdf(data, name, progress=progress)
    from danvan.reader.sources.image import read_image

    return read_image(data, name, progress=progress)
