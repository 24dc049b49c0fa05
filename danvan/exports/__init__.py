"""Exports: official documents (DOCX, Decree 30/2020/NĐ-CP layout), spreadsheets (XLSX) and PDF via LibreOffice.

Pure Python: no Django import, no models. Callers map their data onto the dataclasses here.
"""

from danvan.exports.errors import ExportError
from danvan.exports.official import (
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    build_docx,
    date_in_words_official,
    format_number_symbol,
)
from danvan.exports.pdf import convert_to_pdf, libreoffice_available
from danvan.exports.spreadsheet import Sheet, build_xlsx, safe_sheet_title

__all__ = [
    "Block",
    "BulletList",
    "ExportError",
    "Heading",
    "OfficialDocument",
    "Paragraph",
    "Sheet",
    "Table",
    "build_docx",
    "build_xlsx",
    "convert_to_pdf",
    "date_in_words_official",
    "format_number_symbol",
    "libreoffice_available",
    "safe_sheet_title",
]
