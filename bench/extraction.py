"""Extraction benchmark: TXT plans per second, DOCX and PDF read+parse against a floor, a 100-page DOCX.

Run: .venv/bin/python bench/extraction.py [--seeds DIR] [--quick]
Single process, single core. Prints a table; never fails (exit 0). See bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from danvan.reader import read_path  # noqa: E402
from danvan.reader.parse import parse_plan  # noqa: E402

DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
TXT_TARGET = 500.0  # plans per second
FLOOR_TARGET = 2.0  # our time / floor time
BIG_DOCX_TARGET = 1.0  # seconds


ROUNDS = 5


def best_rate(func, items, seconds: float) -> tuple[float, int]:
    """Documents per second: the best of ROUNDS rounds, each running func over items for about seconds / ROUNDS
    (as timeit advises: the slower rounds measure what else the machine was doing, not the code)."""
    best, total = 0.0, 0
    for _ in range(ROUNDS):
        count = 0
        start = time.perf_counter()
        while True:
            for item in items:
                func(item)
            count += len(items)
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / ROUNDS:
                break
        best, total = max(best, count / elapsed), total + count
    return best, total


def median_time(func, item, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(item)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ours(path: Path) -> dict:
    return parse_plan(read_path(path))


# --- floors: open the file with the same library and read all its text, nothing more -------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def floor_docx_lxml(path: Path) -> str:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def floor_docx_python_docx(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def floor_pdf(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    parts = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        parts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return "\n".join(parts)


# --- test documents --------------------------------------------------------------------------------


def seed_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_docx(lines: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def convert_pdf(docx_paths: list[Path], out_dir: Path) -> list[Path] | None:
    import shutil
    import subprocess

    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary:
        return None
    profile = out_dir / "lo-profile"
    subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), *map(str, docx_paths)],
        capture_output=True, timeout=600, check=False,
    )
    pdfs = [out_dir / f"{p.stem}.pdf" for p in docx_paths]
    return pdfs if all(p.exists() for p in pdfs) else None


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


# --- report ----------------------------------------------------------------------------------------

ROWS: list[tuple[str, str, str, str]] = []


def row(name: str, measured: str, target: str, verdict: bool | None) -> None:
    mark = "" if verdict is None else ("đạt / ok" if verdict else "CHƯA ĐẠT / below target")
    ROWS.append((name, measured, target, mark))
    print(f"  {name:<52} {measured:>24}  {target:<14} {mark}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(DEFAULT_SEEDS))
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    args = parser.parse_args(argv)
    seconds = 1.0 if args.quick else 3.0
    runs = 3 if args.quick else 7
    seeds = sorted(Path(args.seeds).glob("*.txt"))
    if not seeds:
        print(f"no seed .txt files in {args.seeds}")
        return 0
    print(f"danvan extraction benchmark: {len(seeds)} seed plans, Python {sys.version.split()[0]}, one core")
    print(f"  {'measure':<52} {'measured':>24}  {'target':<14}")

    # 1. TXT plans per second (read + parse).
    for path in seeds:  # warm caches and imports
        ours(path)
    rate, count = best_rate(ours, seeds, seconds)
    row("TXT read+parse, plans/s (5 seeds)", f"{rate:,.0f}/s ({rate / TXT_TARGET:.2f}× target)",
        f">= {TXT_TARGET:.0f}/s", rate >= TXT_TARGET)
    read_rate, _ = best_rate(read_path, seeds, seconds / 2)
    row("  of which TXT read only, files/s", f"{read_rate:,.0f}/s", "", None)

    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        tmp_path = Path(tmp)
        docx_paths = [build_docx(seed_lines(p), tmp_path / f"{p.stem}.docx") for p in seeds]

        # 2. DOCX: ours vs floors, same files, same run.
        for path in docx_paths:
            ours(path)
        ours_rate, _ = best_rate(ours, docx_paths, seconds)
        reader_rate, _ = best_rate(read_path, docx_paths, seconds / 2)
        lxml_rate, _ = best_rate(floor_docx_lxml, docx_paths, seconds / 2)
        pydocx_rate, _ = best_rate(floor_docx_python_docx, docx_paths, seconds / 2)
        ratio = lxml_rate / ours_rate
        row("DOCX read+parse, ms per plan", f"{1000 / ours_rate:.2f} ms", "", None)
        row("  floor: zip + lxml parse + all w:t text", f"{1000 / lxml_rate:.2f} ms", "", None)
        row("  ours / floor (lxml, the library our reader uses)", f"{ratio:.2f}×", f"<= {FLOOR_TARGET:.0f}×",
            ratio <= FLOOR_TARGET)
        row("  reader only / floor", f"{lxml_rate / reader_rate:.2f}×", "", None)
        row("  for comparison: python-docx open + all paragraph text", f"{1000 / pydocx_rate:.2f} ms", "", None)

        # 3. PDF with a text layer.
        pdfs = convert_pdf(docx_paths, tmp_path)
        if pdfs is None:
            print("  PDF: skipped (LibreOffice `soffice` not found to build the test PDFs)")
        else:
            for path in pdfs:
                ours(path)
            pages = sum(pdf_pages(p) for p in pdfs)
            ours_rate, _ = best_rate(ours, pdfs, seconds)
            reader_rate, _ = best_rate(read_path, pdfs, seconds / 2)
            floor_rate, _ = best_rate(floor_pdf, pdfs, seconds / 2)
            row(f"PDF read+parse, ms per plan ({pages} pages in {len(pdfs)})", f"{1000 / ours_rate:.2f} ms", "", None)
            row("  floor: pypdfium2 open + text of every page", f"{1000 / floor_rate:.2f} ms", "", None)
            ratio = floor_rate / ours_rate
            row("  ours / floor", f"{ratio:.2f}×", f"<= {FLOOR_TARGET:.0f}×", ratio <= FLOOR_TARGET)
            row("  reader only / floor", f"{floor_rate / reader_rate:.2f}×", "", None)

        # 4. A 100-page DOCX.
        lines: list[str] = []
        all_seed_lines = [seed_lines(p) for p in seeds[:4]]
        while sum(len(x) for x in lines) < 100 * 3000:  # ~3000 characters per A4 page
            for block in all_seed_lines:
                lines.extend(block)
        big = build_docx(lines, tmp_path / "big.docx")
        big_pdf = convert_pdf([big], tmp_path) if pdfs is not None else None
        page_note = f"{pdf_pages(big_pdf[0])} pages" if big_pdf else f"~{sum(map(len, lines)) // 3000} pages"
        elapsed = median_time(ours, big, runs)
        row(f"100-page DOCX ({page_note}) read+parse, median of {runs}", f"{elapsed:.3f} s",
            f"< {BIG_DOCX_TARGET:.0f} s", elapsed < BIG_DOCX_TARGET)
        row("  of which read only", f"{median_time(read_path, big, runs):.3f} s", "", None)
        row("  floor: zip + lxml parse + all w:t text", f"{median_time(floor_docx_lxml, big, runs):.3f} s", "", None)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not fail the build
        print(f"benchmark error: {type(exc).__name__}: {exc}")
        sys.exit(0)
    finally:
        io.StringIO()
