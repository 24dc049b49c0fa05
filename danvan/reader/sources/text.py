"""Plain text files: find the encoding (Unicode, Windows-1258, or the legacy TCVN3 / VNI fonts) and split lines."""

from __future__ import annotations

import contextlib
import re
import unicodedata

from danvan.reader.document import Paragraph, SourceDocument, Table
from danvan.reader.errors import ReaderError
from danvan.reader.sources.legacy_encodings import decode_tcvn3, decode_vni

# Letters that only Vietnamese text in Unicode has (precomposed, NFC).
_VIETNAMESE_ONLY = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\W\d_]+")

# Vietnamese syllable: onset, vowel nucleus, coda; checked on the letters with their tone removed.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?"
)
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

_syllable_cache: dict[str, bool] = {}


def _is_syllable(word: str) -> bool:
    known = _syllable_cache.get(word)
    if known is not None:
        return known
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    ok = tones <= 1 and _SYLLABLE.fullmatch(base) is not None
    if len(_syllable_cache) < 50_000:
        _syllable_cache[word] = ok
    return ok


def vietnamese_score(text: str) -> float:
    """Share of the words that are Vietnamese syllables, weighted towards words with diacritics.

    Mojibake (`KÕ ho¹ch`) breaks words apart and puts non-Vietnamese letters in them, so a
    wrong decoding scores low; a right one scores close to 1.
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    good = 0.0
    total = 0.0
    for word in words:
        weight = 1.0 if word.isascii() else 2.0
        total += weight
        if _is_syllable(word):
            good += weight
    return good / total


# Every byte but the control characters that text never holds (tab, line feed, form feed, carriage return are
# text): deleting these from a sample leaves the controls to count.
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = len(sample.translate(None, _NOT_CONTROL))
    return controls / len(sample) > 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _cp1252_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            table[byte] = bytes([byte]).decode("cp1252")
    return table


_CP1252 = _cp1252_table()


def _legacy_raw(data: bytes) -> str:
    """Bytes → one character per byte: Latin-1 letters for the font tables, cp1252 punctuation."""
    return data.decode("latin-1").translate(_CP1252)


# From a word's first non-ASCII letter to its end: one match per word that is not pure ASCII.
_NON_ASCII_WORD = re.compile(r"[^\s\x00-\x7f]\S*")


def _non_ascii_word_share(text: str) -> float:
    text = text[:20_000]
    words = len(text.split())
    if not words:
        return 0.0
    return len(_NON_ASCII_WORD.findall(text)) / words


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes of a text file → (Unicode NFC text, encoding name: utf-8, utf-16, cp1258, tcvn3, vni)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _nfc(data[3:].decode("utf-8", errors="replace")), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16", errors="replace")), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _nfc(utf16), "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if text.isascii() or _VIETNAMESE_ONLY.search(text):
            return _nfc(text), "utf-8"
        # Valid UTF-8 without Vietnamese letters: maybe TCVN3/VNI text saved as UTF-8 mojibake.
        if _non_ascii_word_share(text) < 0.3:
            return _nfc(text), "utf-8"
        try:
            raw = _legacy_raw(text.encode("cp1252"))
        except UnicodeEncodeError:
            return _nfc(text), "utf-8"
        return _best([(text, "utf-8"), (decode_tcvn3(raw), "tcvn3"), (decode_vni(raw), "vni")])
    raw = _legacy_raw(data)
    try:
        cp1258 = data.decode("cp1258")
    except UnicodeDecodeError:
        cp1258 = None
    if cp1258 is not None and _non_ascii_word_share(cp1258) < 0.3:
        return _nfc(cp1258), "cp1258"
    candidates = [(decode_tcvn3(raw), "tcvn3"), (decode_vni(raw), "vni")]
    if cp1258 is not None:
        candidates.insert(0, (cp1258, "cp1258"))
    return _best(candidates)


def _best(candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """The decoding that reads most like Vietnamese; the first candidate wins unless clearly beaten."""
    best_score, best = -1.0, candidates[0]
    for order, (text, name) in enumerate(candidates):
        score = vietnamese_score(_nfc(text[:20_000])) - (0.05 if order else 0.0)
        if score > best_score:
            best_score, best = score, (text, name)
    return _nfc(best[0]), best[1]


def _nfc(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def read_text(data: bytes, name: str = "") -> SourceDocument:
    """A TXT file → one Paragraph per line (blank lines kept out, line numbers kept)."""
    if _looks_binary(data[:8192]) and _utf16_without_bom(data) is None and not data.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        raise ReaderError(
            f"Không nhận ra định dạng tệp {name}: nội dung không phải văn bản, Word, PDF hay ảnh.",
            code="unknown_format",
        )
    text, encoding = decode_text(data)
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    blocks: list[Paragraph | Table] = [
        Paragraph(stripped, "", None, number) for number, line in enumerate(lines, start=1) if (stripped := line.strip())]
    if "\t" in text or "|" in text:
        blocks = _tables(blocks, lines)
    if not blocks:
        raise ReaderError(f"Tệp {name} không có nội dung chữ nào.", code="empty")
    warnings = []
    if encoding in _LEGACY_NAMES:
        warnings.append(f"Tệp được gõ bằng {_LEGACY_NAMES[encoding]}, đã chuyển sang Unicode (NFC).")
    return SourceDocument(blocks=blocks, source_name=name, format="txt", encoding=encoding, warnings=warnings)


_LEGACY_NAMES = {
    "tcvn3": "bảng mã TCVN3 (ABC)",
    "vni": "bảng mã VNI",
    "cp1258": "bảng mã Windows-1258",
}


def _cells(line: str, in_tab_table: bool = False) -> tuple[str, list[str]] | None:
    """A table row as text keeps it: cells between tabs (a table copied from Word or a spreadsheet) or between
    `|` (a table written out as text) → (the separator, the cells); None for a line that is not a row of at least
    three cells (two inside a table copied with tabs: a group row whose cells Word merged, `I<tab>Tuyên truyền`)."""
    if line.count("\t") >= 2 or (in_tab_table and "\t" in line.strip()):
        separator, cells = "\t", line.split("\t")
    elif line.count("|") >= 2:
        row = line.strip()
        if len(row) > 1 and row[0] == row[-1] == "|":
            row = row[1:-1]  # `| a | b |`; without both outer bars an end bar closes an empty cell (`I | X | |`)
        separator, cells = "|", row.split("|")
    else:
        return None
    cells = [" ".join(cell.split()) for cell in cells]
    return (separator, cells) if len(cells) >= 3 or (in_tab_table and separator == "\t") else None


_GROUP_ROW = re.compile(r"^((?:X{0,3}(?:IX|IV|V?I{1,3}|V|X)|[A-H])[.)/]?)\s+(\S.{0,150})$")


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _tables(paragraphs: list[Paragraph | Table], lines: list[str]) -> list[Paragraph | Table]:
    """Runs of two or more row lines, one straight after the other, → one Table each (at the line of its first
    row). Cells are cut from the line as read, so that an empty first or last cell keeps its column. Rows with
    `|` must all have as many cells (a text rendering of a table is regular); rows copied with tabs may have
    fewer where Word merged cells."""
    out: list[Paragraph | Table] = []
    run: list[tuple[Paragraph, list[str]]] = []
    run_separator = ""

    def flush() -> None:
        if run_separator == "\t" and len(run) > 2:
            _join_broken_rows(run)
        if len(run) >= 2:
            out.append(Table(rows=[cells for _, cells in run], line=run[0][0].line,
                             row_lines=[paragraph.line or 0 for paragraph, _ in run]))
        else:
            out.extend(paragraph for paragraph, _ in run)
        run.clear()

    for block in paragraphs:
        in_tab_table = bool(run) and run_separator == "\t"
        row = _cells(lines[block.line - 1], in_tab_table) if isinstance(block, Paragraph) and block.line else None
        if row is None and in_tab_table and isinstance(block, Paragraph) and block.line and \
                _GROUP_ROW.match(block.text) and _mostly_upper(block.text):
            # `I. LĨNH VỰC NỘI VỤ`: a group row that Word merged into one cell comes out with no tab at all
            row = ("\t", list(_GROUP_ROW.match(block.text).groups()))
        if row is None and in_tab_table and isinstance(block, Paragraph) and block.line and \
                len(run[-1][1]) < len(run[0][1]) and lines[block.line - 1].rstrip("\r\n").endswith("\t"):
            # `Sở Tài chính<tab>`: the rest of a cell broken over two lines, whose row is still short of cells
            row = ("\t", [" ".join(cell.split()) for cell in lines[block.line - 1].rstrip("\r\n").split("\t")])
        if row is not None and run:
            separator, cells = row
            previous = run[-1][0]
            if previous.line is None or block.line != previous.line + 1 or separator != run_separator or (
                    separator == "|" and len(cells) != len(run[0][1])):
                flush()
        if row is None or not isinstance(block, Paragraph):
            flush()
            out.append(block)
        else:
            run_separator = row[0]
            run.append((block, row[1]))
    flush()
    return out


def _join_broken_rows(run: list[tuple[Paragraph, list[str]]]) -> None:
    """A cell that held a line break splits its row over two lines when the table is copied as text: a row short
    of cells followed by one that supplies exactly the rest (`1<tab>Rà soát ...` / `Ưu tiên ...<tab>Văn phòng
    Sở<tab>...`) is one row, the broken cell joined back."""
    width = len(run[0][1])
    i = 1
    while i + 1 < len(run):
        cells, following = run[i][1], run[i + 1][1]
        if 1 < len(cells) < width and len(cells) + len(following) - 1 == width:
            joined = cells[:-1] + [f"{cells[-1]} {following[0]}".strip()] + following[1:]
            run[i] = (run[i][0], joined)
            del run[i + 1]
        i += 1
