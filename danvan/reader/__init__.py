"""danvan.reader: plan documents (TXT, DOCX, DOC, PDF, scans) → the structured plan of GUIDE.md.

Public API (no Django here):

    read_path(path, progress=None) -> SourceDocument
    read_bytes(data, name, progress=None) -> SourceDocument
    extract_path(path, progress=None) -> dict     # read + parse_plan, with "source" set
    validate_plan(plan) -> None                    # raises jsonschema.ValidationError

`progress(done, total, message)` is called page by page while scans go through OCR.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from danvan.reader.document import Paragraph, SourceDocument, Table
from danvan.reader.errors import ReaderError
from danvan.reader.sources import detect_format, read_source
from danvan.reader.sources.safety import check_size

__all__ = [
    "Paragraph", "ReaderError", "SourceDocument", "Table", "detect_format", "extract_bytes", "extract_path",
    "read_bytes", "read_path", "schema", "validate_plan",
]

Progress = Callable[[int, int, str], None]


def read_path(path: str | os.PathLike[str], *, progress: Progress | None = None,
              max_bytes: int | None = None) -> SourceDocument:
    """Read a file from disk; the size limit is checked before any byte is read."""
    path = Path(path)
    name = path.name
    try:
        if path.is_dir():
            raise ReaderError(f"{name or path} là một thư mục, không phải tệp văn bản.", code="is_directory")
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ReaderError(f"Không tìm thấy tệp {path}.", code="not_found") from exc
    except PermissionError as exc:
        raise ReaderError(f"Không có quyền đọc tệp {name}.", code="permission_denied") from exc
    except OSError as exc:
        raise ReaderError(f"Không đọc được tệp {name}: {exc.strerror or exc}.", code="os_error") from exc
    if not path.is_file():
        raise ReaderError(f"{name} không phải là tệp thông thường.", code="not_a_file")
    check_size(size, name, max_bytes)
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise ReaderError(f"Không có quyền đọc tệp {name}.", code="permission_denied") from exc
    except OSError as exc:
        raise ReaderError(f"Không đọc được tệp {name}: {exc.strerror or exc}.", code="os_error") from exc
    return read_source(data, name, progress=progress, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, *, progress: Progress | None = None,
               max_bytes: int | None = None) -> SourceDocument:
    """Read an uploaded file held in memory; `name` is used in messages and as the source name."""
    return read_source(bytes(data), name, progress=progress, max_bytes=max_bytes)


def _plan(doc: SourceDocument, source: str) -> dict:
    from danvan.reader.parse import parse_plan

    plan = parse_plan(doc)
    plan["source"] = source
    return plan


def extract_path(path: str | os.PathLike[str], *, progress: Progress | None = None,
                 max_bytes: int | None = None) -> dict:
    """Read a file and parse it into the structured plan (GUIDE.md), `source` = the file name."""
    doc = read_path(path, progress=progress, max_bytes=max_bytes)
    return _plan(doc, Path(path).name)


def extract_bytes(data: bytes, name: str, *, progress: Progress | None = None,
                  max_bytes: int | None = None) -> dict:
    doc = read_bytes(data, name, progress=progress, max_bytes=max_bytes)
    return _plan(doc, name)


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of the structured plan, shipped in the package (danvan/reader/schema.json)."""
    return json.loads((Path(__file__).parent / "schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    return cls(schema())


def validate_plan(plan: dict) -> None:
    """Raise jsonschema.ValidationError if `plan` does not follow schema.json."""
    _validator().validate(plan)

