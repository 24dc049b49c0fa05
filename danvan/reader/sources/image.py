"""Scanned images (PNG, JPEG, TIFF, multi-page TIFF) through OCR, page by page."""

from __future__ import annotations

import io
import warnings as pywarnings
from collections.abc import Callable

from PIL import Image, UnidentifiedImageError

from danvan.reader.document import Paragraph, SourceDocument
from danvan.reader.errors import ReaderError
from danvan.reader.sources import ocr
from danvan.reader.sources.pdf import LOW_CONFIDENCE, is_page_number
from danvan.reader.sources.safety import MAX_IMAGE_PIXELS, MAX_PAGES

Progress = Callable[[int, int, str], None]


def read_image(data: bytes, name: str = "", *, progress: Progress | None = None) -> SourceDocument:
    ocr.check_tesseract()
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_PAGES:
                raise ReaderError(
                    f"Tệp ảnh {name} có {frames} trang, vượt giới hạn {MAX_PAGES} trang.", code="too_many_pages"
                )
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            def render(index: int):
                image.seek(index)
                image.load()
                return image.copy()

            dpi = int(min(max((image.info.get("dpi") or (300, 300))[0] or 300, 70), 1200))
            pages: list[list[ocr.OcrLine]] = []
            for index, lines in ocr.ocr_pages(list(range(frames)), render, dpi=dpi):
                pages.append(lines)
                if progress:
                    progress(index + 1, frames, f"Đã nhận dạng chữ trang {index + 1}/{frames}")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ReaderError(
            f"Ảnh {name} quá lớn (vượt {MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh), có thể là ảnh độc hại.",
            code="image_too_large",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReaderError(f"Tệp ảnh {name} bị hỏng, không mở được.", code="corrupt_image") from exc
    blocks = []
    confidences: list[float] = []
    for page_no, lines in enumerate(pages, start=1):
        kept = [line for line in lines if line.text.strip()]
        while kept and is_page_number(kept[-1].text):
            kept.pop()
        for line in kept:
            confidences.extend(line.confidences)
            blocks.append(Paragraph(text=line.text, page=page_no, line=len(blocks) + 1))
    if not blocks:
        raise ReaderError(
            f"Không nhận dạng được chữ nào trong ảnh {name}: ảnh trống, quá mờ hoặc không phải văn bản.",
            code="no_text",
        )
    warnings: list[str] = []
    mean = sum(confidences) / len(confidences) if confidences else None
    if mean is not None and mean < LOW_CONFIDENCE:
        warnings.append(
            f"Chất lượng nhận dạng chữ thấp (độ tin cậy trung bình {mean:.0f}/100); hãy kiểm tra lại kết quả."
        )
    return SourceDocument(
        blocks=blocks, source_name=name, format="image", pages=len(pages), ocr=True,
        ocr_confidence=round(mean, 1) if mean is not None else None, warnings=warnings,
    )
