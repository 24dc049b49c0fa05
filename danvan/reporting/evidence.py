"""Checks on uploaded evidence: the type is read from the file's first bytes, not trusted from its name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

KINDS = {
    "pdf": ("application/pdf", {".pdf"}),
    "png": ("image/png", {".png"}),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
}
ALLOWED_TEXT = "DOCX, PDF, PNG hoặc JPEG"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    data: bytes


class EvidenceRejected(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    return int(getattr(settings, "DANVAN_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(data: bytes) -> str | None:
    """The kind of file `data` is, by its magic bytes: pdf, png, jpeg, docx or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


def evidence_check(upload) -> CheckedFile:
    """Read an uploaded file and refuse it (EvidenceRejected, in Vietnamese) unless it is an allowed type and size."""
    name = getattr(upload, "name", "") or "tep"
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise EvidenceRejected(f"Tệp “{name}” quá lớn ({_mb(size)}); dung lượng tối đa là {_mb(limit)}.")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise EvidenceRejected(f"Tệp “{name}” quá lớn; dung lượng tối đa là {_mb(limit)}.")
    if not data:
        raise EvidenceRejected(f"Tệp “{name}” rỗng.")
    kind = sniff(data)
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None:
        raise EvidenceRejected(f"Tệp “{name}” không phải {ALLOWED_TEXT}; chỉ nhận minh chứng ở các định dạng này.")
    content_type, extensions = KINDS[kind]
    if extension not in extensions:
        raise EvidenceRejected(
            f"Tệp “{name}” có đuôi không khớp với nội dung (nội dung là {kind.upper()}); "
            f"hãy đổi tên tệp cho đúng định dạng rồi tải lên lại."
        )
    return CheckedFile(name=name[-255:], content_type=content_type, size=len(data), data=data)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
