"""Optical character recognition with the Tesseract program (language `vie`), one page at a time."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from danvan.reader.errors import ReaderError
from danvan.reader.sources.safety import SUBPROCESS_TIMEOUT

LANGUAGE = "vie"
_checked: bool = False


@dataclass
class OcrLine:
    text: str
    confidences: list[float]


def tesseract_binary() -> str:
    found = shutil.which("tesseract")
    if not found:
        raise ReaderError(
            "Không nhận dạng được chữ trong bản quét: máy chủ chưa cài chương trình Tesseract OCR.",
            code="ocr_missing",
        )
    return found


def check_tesseract() -> str:
    """The tesseract path, after checking that the Vietnamese language data is installed."""
    global _checked
    binary = tesseract_binary()
    if _checked:
        return binary
    try:
        result = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReaderError("Không chạy được chương trình Tesseract OCR.", code="ocr_missing") from exc
    langs = (result.stdout + result.stderr).decode("utf-8", "replace").split()
    if LANGUAGE not in langs:
        raise ReaderError(
            "Không nhận dạng được chữ trong bản quét: Tesseract chưa có dữ liệu tiếng Việt (gói tesseract-ocr-vie).",
            code="ocr_language_missing",
        )
    _checked = True
    return binary


def ocr_image(image, *, dpi: int = 300) -> list[OcrLine]:
    """A Pillow image → its text lines with word confidences (Tesseract TSV output)."""
    binary = check_tesseract()
    if image.mode not in ("L", "RGB", "1"):
        image = image.convert("RGB")
    with tempfile.TemporaryDirectory(prefix="danvan-ocr-") as tmp:
        path = os.path.join(tmp, "page.png")
        image.save(path, dpi=(dpi, dpi))
        env = dict(os.environ, OMP_THREAD_LIMIT=os.environ.get("OMP_THREAD_LIMIT", "1"))
        try:
            result = subprocess.run(
                [binary, path, "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "--psm", "3", "tsv"],
                capture_output=True,
                timeout=SUBPROCESS_TIMEOUT,
                check=False,
                env=env,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReaderError(
                f"Nhận dạng chữ một trang quá {SUBPROCESS_TIMEOUT} giây nên đã dừng.", code="ocr_timeout"
            ) from exc
        except OSError as exc:
            raise ReaderError("Không chạy được chương trình Tesseract OCR.", code="ocr_missing") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReaderError(
            "Tesseract OCR báo lỗi khi nhận dạng trang: " + (message[-1] if message else "không rõ nguyên nhân") + ".",
            code="ocr_failed",
        )
    return parse_tsv(result.stdout.decode("utf-8", "replace"))


def ocr_workers() -> int:
    """Tesseract processes run at once (DANVAN_OCR_WORKERS, default: CPU count up to 4)."""
    try:
        return max(1, int(os.environ["DANVAN_OCR_WORKERS"]))
    except (KeyError, ValueError):
        return max(1, min(4, os.cpu_count() or 1))


def ocr_pages(keys: list, render: Callable[[object], object], *, dpi: int = 300) -> Iterator[tuple[object, list[OcrLine]]]:
    """OCR many pages: `render(key)` gives each page image (called in this thread, in order); pages are
    recognised by several Tesseract processes at once and yielded in order as (key, lines)."""
    check_tesseract()
    workers = ocr_workers()
    if workers == 1 or len(keys) == 1:
        for key in keys:
            yield key, ocr_image(render(key), dpi=dpi)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[tuple[object, Future]] = deque()
        for key in keys:
            pending.append((key, pool.submit(ocr_image, render(key), dpi=dpi)))
            while len(pending) > workers:
                first, future = pending.popleft()
                yield first, future.result()
        while pending:
            first, future = pending.popleft()
            yield first, future.result()


def parse_tsv(tsv: str) -> list[OcrLine]:
    lines: dict[tuple[str, str, str, str], OcrLine] = {}
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header:
        return []
    for row in reader:
        if len(row) < 12 or row[0] != "5":
            continue
        word = row[11].strip()
        if not word:
            continue
        key = (row[1], row[2], row[3], row[4])  # page, block, paragraph, line
        try:
            conf = float(row[10])
        except ValueError:
            conf = -1.0
        line = lines.setdefault(key, OcrLine("", []))
        line.text = f"{line.text} {word}" if line.text else word
        if conf >= 0:
            line.confidences.append(conf)
    return list(lines.values())
