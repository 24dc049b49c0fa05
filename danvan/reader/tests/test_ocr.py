"""Scans through Tesseract: seed 000 drawn as page images into a PDF without a text layer, then extracted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap

import pytest
from PIL import Image, ImageDraw, ImageFont

from danvan.reader import extract_path, read_path

from .conftest import GOLD, load_score, seed_path, seed_text

pytestmark = pytest.mark.ocr

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
]
DPI = 200


def _require_tesseract() -> None:
    binary = shutil.which("tesseract")
    ok = False
    if binary:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, check=False)
        ok = "vie" in (langs.stdout + langs.stderr).split()
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail("Tesseract with Vietnamese data (tesseract-ocr-vie) is required in CI")
        pytest.skip("Tesseract with Vietnamese data (tesseract-ocr-vie) is not installed")


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONTS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    if os.environ.get("CI") == "true":
        pytest.fail("no TrueType font with Vietnamese glyphs (fonts-dejavu-core)")
    pytest.skip("no TrueType font with Vietnamese glyphs")


def render_pages(text: str) -> list[Image.Image]:
    """Text → A4 page images at DPI, word-wrapped, 11 pt, 2 cm margins."""
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    margin = int(0.8 * DPI)
    font = _font(int(11 / 72 * DPI))
    line_height = int(font.size * 1.5)
    chars = int((width - 2 * margin) / (font.getlength("n") * 1.02))
    lines: list[str] = []
    for paragraph in text.splitlines():
        if not paragraph.strip():
            continue
        lines.extend(textwrap.wrap(paragraph.strip(), chars) or [""])
        lines.append("")
    pages = []
    per_page = (height - 2 * margin) // line_height
    for start in range(0, len(lines), per_page):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        y = margin
        for line in lines[start : start + per_page]:
            draw.text((margin, y), line, font=font, fill=0)
            y += line_height
        pages.append(page)
    return pages


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    _require_tesseract()
    pages = render_pages(seed_text("000").replace("¹", ""))
    path = tmp_path_factory.mktemp("ocr") / f"{seed_path('000').stem}.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return path, len(pages)


@pytest.fixture(scope="module")
def ocr_result(scanned_pdf):
    """extract_path on the scan, run once: (plan, the SourceDocument it parsed, progress calls)."""
    import danvan.reader.parse as parse_module

    path, _ = scanned_pdf
    calls: list[tuple[int, int, str]] = []
    seen = []
    original = parse_module.parse_plan

    def spy(doc):
        seen.append(doc)
        return original(doc)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse_module, "parse_plan", spy)
        plan = extract_path(path, progress=lambda done, total, message: calls.append((done, total, message)))
    return plan, seen[0], calls


def test_scanned_pdf_extracts_like_gold(scanned_pdf, ocr_result):
    _, page_count = scanned_pdf
    plan, _, calls = ocr_result
    assert [done for done, _, _ in calls] == list(range(1, page_count + 1))
    assert all(total == page_count for _, total, _ in calls)

    score = load_score()
    gold = json.loads((GOLD / f"{seed_path('000').stem}.json").read_text(encoding="utf-8"))
    baseline = extract_path(seed_path("000"))
    if _lead_failures(score, gold, baseline) or score.score_tasks(gold, baseline)["tasks.f1"] < 0.90:
        pytest.xfail("parser pending: the TXT seed itself does not reach tasks F1 0.90 with every lead yet")
    f1 = score.score_tasks(gold, plan)["tasks.f1"]
    assert f1 >= 0.90, f"tasks F1 {f1:.2f}"
    assert _lead_failures(score, gold, plan) == []


def _lead_failures(score, gold: dict, plan: dict) -> list[str]:
    """Gold task paths whose lead list is not matched (folded) by the plan's task."""
    pairs = {g["path"]: p for g, p in score.match_tasks(gold["tasks"], plan["tasks"])}
    failures = []
    for task in gold["tasks"]:
        got = pairs.get(task["path"])
        want = {score.fold_mention(m) for m in task["lead"]}
        if got is None or {score.fold_mention(m) for m in got["lead"]} != want:
            failures.append(task["path"])
    return failures


def test_scan_is_marked_ocr(scanned_pdf, ocr_result):
    _, page_count = scanned_pdf
    _, doc, _ = ocr_result
    assert doc.ocr and doc.format == "pdf" and doc.pages == page_count
    assert doc.ocr_confidence is not None and doc.ocr_confidence > 70
    text = doc.text()
    assert "KẾ HOẠCH" in text
    assert "Cơ quan thực hiện" in text


def test_multi_page_tiff(tmp_path):
    _require_tesseract()
    pages = render_pages("KẾ HOẠCH\nThực hiện công tác dân vận năm 2025\n\n\n" + "Trang hai: Sở Nội vụ chủ trì.")
    short = [pages[0], render_pages("II. NỘI DUNG\n1. Sở Nội vụ chủ trì tuyên truyền.")[0]]
    path = tmp_path / "scan.tiff"
    short[0].save(path, save_all=True, append_images=short[1:], dpi=(DPI, DPI), compression="tiff_deflate")
    calls = []
    doc = read_path(path, progress=lambda *args: calls.append(args))
    assert doc.format == "image" and doc.ocr and doc.pages == 2
    assert len(calls) == 2
    assert "KẾ HOẠCH" in doc.text() and "Sở Nội vụ" in doc.text()


def test_png_image(tmp_path):
    _require_tesseract()
    page = render_pages("Cơ quan chủ trì: Sở Nội vụ\nThời gian thực hiện: Quý IV/2025")[0]
    path = tmp_path / "trang.png"
    page.save(path, dpi=(DPI, DPI))
    doc = read_path(path)
    assert "Cơ quan chủ trì: Sở Nội vụ" in doc.text()


def test_gold_exists():
    assert GOLD.exists()


@pytest.mark.libreoffice
def test_mixed_pdf_ocrs_only_the_scanned_page(tmp_path):
    """A PDF with text-layer pages and one scanned page: only the scanned page goes through OCR."""
    import docx
    import pypdfium2 as pdfium

    from .conftest import convert_to_pdf

    _require_tesseract()
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Trang có lớp chữ: Sở Nội vụ chủ trì tuyên truyền.")
    source = tmp_path / "text.docx"
    document.save(source)
    text_pdf = convert_to_pdf(source, tmp_path)
    scan = render_pages("III. TỔ CHỨC THỰC HIỆN\nSở Tư pháp chủ trì kiểm tra việc thực hiện.")[0]
    scan_pdf = tmp_path / "scan.pdf"
    scan.save(scan_pdf, "PDF", resolution=DPI)
    merged = pdfium.PdfDocument.new()
    merged.import_pages(pdfium.PdfDocument(str(text_pdf)))
    merged.import_pages(pdfium.PdfDocument(str(scan_pdf)))
    path = tmp_path / "mixed.pdf"
    merged.save(str(path))
    calls = []
    doc = read_path(path, progress=lambda *args: calls.append(args))
    assert doc.ocr and doc.pages == 2
    assert [c[:2] for c in calls] == [(1, 1)]
    by_page = {b.page: b.text for b in doc.blocks}
    assert "Sở Nội vụ" in by_page[1]
    assert "Sở Tư pháp chủ trì" in " ".join(b.text for b in doc.blocks if b.page == 2)
