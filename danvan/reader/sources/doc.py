"""Legacy Word (.doc) files: converted to DOCX by LibreOffice in headless mode, then read as DOCX."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from danvan.reader.document import SourceDocument
from danvan.reader.errors import ReaderError
from danvan.reader.sources.docx import read_docx
from danvan.reader.sources.safety import SUBPROCESS_TIMEOUT


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, suffix: str, target: str, *, timeout: int = SUBPROCESS_TIMEOUT) -> bytes:
    """Convert a document (bytes) to `target` (`docx`, `pdf`) with a private LibreOffice profile."""
    binary = soffice_binary()
    if binary is None:
        raise ReaderError(
            "Không đọc được tệp .doc: máy chủ chưa cài LibreOffice để chuyển đổi định dạng Word cũ; "
            "hãy lưu tệp thành .docx hoặc PDF rồi tải lên lại.",
            code="libreoffice_missing",
        )
    with tempfile.TemporaryDirectory(prefix="danvan-lo-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        out_dir = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        command = [
            binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
            "--convert-to", target, "--outdir", str(out_dir), str(source),
        ]
        try:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       env=dict(os.environ, HOME=tmp), start_new_session=True)
        except OSError as exc:
            raise ReaderError("Không chạy được LibreOffice để chuyển đổi tệp.", code="libreoffice_missing") from exc
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process)
            raise ReaderError(
                f"Chuyển đổi tệp bằng LibreOffice quá {timeout} giây nên đã dừng.", code="convert_timeout"
            ) from exc
        result = out_dir / f"input.{target}"
        if not result.exists():
            raise ReaderError("Tệp .doc bị hỏng: LibreOffice không chuyển đổi được.", code="corrupt_doc")
        return result.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    """Stop LibreOffice and the soffice.bin it started (its own process group, made for this run)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait(timeout=10)


def read_doc(data: bytes, name: str = "") -> SourceDocument:
    converted = convert_with_libreoffice(data, ".doc", "docx")
    document = read_docx(converted, name, format_name="doc")
    document.warnings.append("Tệp Word cũ (.doc) đã được chuyển sang .docx bằng LibreOffice trước khi đọc.")
    return document
