"""Limits that keep a reader within bounded memory and time whatever the input."""

from __future__ import annotations

import io
import zipfile

from danvan.reader.errors import ReaderError

MB = 1024 * 1024

#: Largest input file accepted (bytes); `read_path(..., max_bytes=...)` overrides it.
MAX_FILE_BYTES = 50 * MB
#: Largest total uncompressed size of a DOCX package.
MAX_ZIP_UNCOMPRESSED = 300 * MB
#: Largest single XML part read from a DOCX.
MAX_ZIP_MEMBER = 100 * MB
#: Highest compression ratio accepted for a large member (real Word XML compresses ~10–30×).
MAX_ZIP_RATIO = 200
#: Most pages read from a PDF or a multi-page image.
MAX_PAGES = 500
#: Most pixels in one image (Pillow's decompression-bomb guard).
MAX_IMAGE_PIXELS = 180_000_000
#: Seconds allowed to one external program run (LibreOffice, Tesseract on one page).
SUBPROCESS_TIMEOUT = 180


def size_label(size: int) -> str:
    """Bytes → `200 MB` / `512 KB` for messages."""
    if size >= MB:
        return f"{round(size / MB)} MB"
    return f"{max(1, round(size / 1024))} KB"


def check_size(size: int, name: str, limit: int | None = None) -> None:
    limit = MAX_FILE_BYTES if limit is None else limit
    if size == 0:
        raise ReaderError(f"Tệp {name} rỗng (0 byte), không có nội dung để đọc.", code="empty")
    if size > limit:
        raise ReaderError(
            f"Tệp quá lớn ({size_label(size)}); giới hạn là {size_label(limit)}.", code="too_large"
        )


def open_zip(data: bytes, name: str, kind: str = "DOCX") -> zipfile.ZipFile:
    """Open a ZIP package after checking it cannot expand beyond the limits (zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReaderError(
            f"Tệp {kind} bị hỏng (không phải tệp ZIP hợp lệ).", code=f"corrupt_{kind.lower()}"
        ) from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            total > MAX_ZIP_UNCOMPRESSED
            or info.file_size > MAX_ZIP_MEMBER
            or (info.file_size > 10 * MB and ratio > MAX_ZIP_RATIO)
        ):
            raise ReaderError(
                f"Tệp {kind} {name} bị từ chối: nội dung nén bung ra quá lớn "
                f"({size_label(max(total, info.file_size))}), có dấu hiệu là “bom nén”.",
                code="zip_bomb",
            )
    if len(infos) > 10_000:
        raise ReaderError(f"Tệp {kind} {name} bị từ chối: chứa quá nhiều phần ({len(infos)}).", code="zip_bomb")
    return archive


def read_member(archive: zipfile.ZipFile, member: str, kind: str = "DOCX") -> bytes | None:
    """One part of a package, at most MAX_ZIP_MEMBER bytes; None if absent."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        return None
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_ZIP_MEMBER + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise ReaderError(f"Tệp {kind} bị hỏng: không giải nén được phần {member}.", code=f"corrupt_{kind.lower()}") from exc
    if len(data) > MAX_ZIP_MEMBER:
        raise ReaderError(f"Tệp {kind} bị từ chối: phần {member} quá lớn.", code="zip_bomb")
    return data
