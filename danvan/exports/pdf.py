"""PDF conversion through LibreOffice in headless mode (DOCX/XLSX → PDF).

Each conversion uses a private, throw-away LibreOffice profile, so conversions can run side by side
and never touch a user's profile. The executable is `soffice` (or `libreoffice`) on PATH, or the path
in the environment variable DANVAN_SOFFICE.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

from danvan.exports.errors import ExportError

SOFFICE_ENV = "DANVAN_SOFFICE"
MESSAGE_NOT_INSTALLED = "Máy chủ chưa cài LibreOffice nên không xuất được PDF; hãy tải bản DOCX."
MESSAGE_TIMEOUT = "LibreOffice chuyển sang PDF quá {seconds} giây nên đã dừng; hãy thử lại sau hoặc tải bản DOCX."
MESSAGE_FAILED = "LibreOffice không chuyển được tài liệu sang PDF; hãy tải bản DOCX."


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return configured if (os.path.isfile(configured) and os.access(configured, os.X_OK)) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    return find_soffice() is not None


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def convert_to_pdf(data: bytes, suffix: str = ".docx", timeout: float = 120) -> bytes:
    """Convert a document (bytes, of the type given by `suffix`) to PDF bytes.

    Raises ExportError (Vietnamese message) if LibreOffice is missing, fails, or runs past `timeout` seconds.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(MESSAGE_NOT_INSTALLED, code="libreoffice_missing")
    if not suffix.startswith("."):
        suffix = f".{suffix}"
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as workdir:
        work = Path(workdir)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        outdir = work / "out"
        outdir.mkdir()
        profile = Path(tempfile.gettempdir()) / f"lo-profile-{uuid.uuid4().hex}"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = dict(os.environ, HOME=str(work))
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                cwd=work,
                env=env,
                start_new_session=True,  # own process group, so a timeout kills soffice.bin too
            )
            try:
                _stdout, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                raise ExportError(MESSAGE_TIMEOUT.format(seconds=int(timeout)), code="libreoffice_timeout") from None
        except OSError as exc:
            raise ExportError(MESSAGE_NOT_INSTALLED, code="libreoffice_missing") from exc
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        result = outdir / "document.pdf"
        if process.returncode != 0 or not result.is_file():
            detail = stderr.decode("utf-8", "replace").strip()[-500:] if stderr else ""
            error = ExportError(MESSAGE_FAILED, code="libreoffice_failed")
            error.detail = detail  # for logs, not for users
            raise error
        pdf = result.read_bytes()
    if not pdf.startswith(b"%PDF"):
        raise ExportError(MESSAGE_FAILED, code="libreoffice_failed")
    return pdf
