"""Shared fixtures for the reader tests: seed texts, gold files, score.py, document builders."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
if not SHARED.exists():  # a checkout elsewhere: the shared folder next to the project root
    SHARED = Path("/work/shared")
SEEDS = SHARED / "seeds"
GOLD = SHARED / "extraction" / "gold"
SCORE = SHARED / "extraction" / "score.py"


def seed_path(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def load_score():
    """score.py loaded as a module (it is run, never copied)."""
    if not SCORE.exists():
        pytest.skip("score.py not available")
    spec = importlib.util.spec_from_file_location("danvan_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["danvan_score"] = module
    spec.loader.exec_module(module)
    return module


def soffice_or_skip() -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary:
        pytest.skip("LibreOffice (soffice) is not installed")
    return binary


def convert_to_pdf(docx: Path, out_dir: Path) -> Path:
    """DOCX → PDF with LibreOffice headless and a private profile."""
    binary = soffice_or_skip()
    profile = out_dir / "lo-profile"
    subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(docx)],
        capture_output=True, timeout=180, check=False,
    )
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice did not convert the test document")
    return pdf


def parser_ready() -> bool:
    """Whether parse_plan finds tasks in seed 000 (False while the parser is still a placeholder)."""
    from danvan.reader import extract_path

    return bool(extract_path(seed_path("000"))["tasks"])


@pytest.fixture(scope="session")
def tmp_session(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reader")
