"""What a source reader hands to the parser: the document's text as blocks, with where each came from.

Readers (TXT, DOCX, PDF, OCR) know formats; the parser knows plans. This module is the only thing
they share, so that a new format needs no change in the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One paragraph (a line of a TXT file, a Word paragraph, a line of a PDF page).

    `label` is the list number that Word draws but does not store in the text (`1.`, `a)`), already
    rendered; readers of other formats leave it empty because the number is part of `text`.
    """

    text: str
    label: str = ""
    page: int | None = None
    line: int | None = None  # 1-based position in the reader's output, for "where was this read"
    style: str = ""  # Word paragraph style name, e.g. "Heading 1", "Footnote Text"
    is_footnote: bool = False


@dataclass
class Table:
    """A table as rows of cell texts; merged cells repeat their text in every row they span."""

    rows: list[list[str]]
    page: int | None = None
    line: int | None = None
    row_lines: list[int] | None = None  # each row's own line, where rows are lines (a table in a TXT file)


Block = Paragraph | Table


@dataclass
class SourceDocument:
    """A read document: its blocks in reading order plus facts about how it was read."""

    blocks: list[Block]
    source_name: str = ""
    format: str = "txt"  # txt, docx, doc, pdf, ocr, image
    pages: int | None = None
    encoding: str | None = None  # for TXT: utf-8, utf-16, cp1258, tcvn3, vni
    ocr: bool = False
    ocr_confidence: float | None = None
    warnings: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The document as plain text, one block per line, tables as ` | `-joined rows."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                lines.extend(" | ".join(row) for row in block.rows)
            else:
                lines.append(f"{block.label} {block.text}".strip())
        return "\n".join(lines)
