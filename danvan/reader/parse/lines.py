"""Blocks → logical lines: markers split off, footnotes and page numbers marked, broken lines joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danvan.reader.document import Paragraph, SourceDocument, Table
from danvan.reader.parse.labels import (
    assignment,
    inline_labels,
    label_of,
    role_of_key,
    split_labels,
    trailing_labels,
)
from danvan.reader.parse.ocrfix import fix_digit_lookalikes, fix_line, is_undiacritised
from danvan.reader.parse.text import afold, mostly_upper_line, ocr_key, squeeze, upper_ratio

KIND_KEYS = {"ke hoach", "chuong trinh", "de an", "quyet dinh", "cong van", "huong dan", "chi thi", "nghi quyet",
             "thong bao", "phuong an", "bao cao", "ke hoach lien tich", "chuong trinh hanh dong"}

# lines that open a section of the outline, above its numbered items; a chapter holds articles as a part holds
# Roman sections
SECTION_KINDS = frozenset(("part", "roman", "chapter", "article"))

_SPACES = re.compile(r"\s+")
_NOISE = re.compile(r"[*¢®©]+|\\(?=[-+.])")
_FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\])\s*")
_FOOTNOTE_START = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰[")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", re.I)
# `II.`, `II)`, `II-`, `II/ ` (a slash before a space: `1/2025` is a date)
_ROMAN = re.compile(r"^(X{0,3}(?:IX|IV|V?I{1,3}|V|X))\s*(?:[.)]|[-–](?=\s*\S)|/(?=\s))\s*(\S.*)$")
_PART = re.compile(r"^([A-H])\s*[.)]\s+(\S.*)$")
_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\s*(?:[.)]|/(?=\s)|-(?=\s+\D))\s*(\S.*)$|"
                  r"^(\d{1,2}(?:\.\d{1,2}){1,2})\s+(\S.*)$")
_BARE_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.$")
_LETTER = re.compile(r"^([a-zđ])\s*\)\s*(\S.*)$|^([a-zđ])[./]\s+(\S.*)$")
_BULLET = re.compile(r"^([-+•–—·∙▪◦○●])\s*(\S.*)$")
_TERMINAL = ".;:!?\"”)»"
_OPENERS = ("Căn cứ ", "Can cu ", "Nơi nhận", "Noi nhan")


@dataclass(slots=True)
class Line:
    text: str
    first: int
    last: int
    kind: str = "para"  # para, part, roman, chapter, article, num, letter, bullet
    label: str = ""  # outline label as printed: `II`, `3`, `b`, `-`
    footnote: bool = False
    role: str | None = None  # attribute label (lead, cooperating, executing, directing, time, task, other)
    value: str = ""  # text after the attribute label
    upper: bool = False
    tail: int = 0  # length of the last physical line joined into this one
    extra: list = field(default_factory=list)  # further (role, value) pairs printed on the same line
    series: str = ""  # `giai phap` of `Giải pháp 2:`: items numbered after a word (see `_number_series`)
    raw: str = ""  # the text with the labels `extra` was read from, to read them again when a broken line joins


@dataclass(slots=True)
class TableItem:
    rows: list[list[str]]
    first: int
    last: int
    kind: str = "table"
    footnote: bool = False
    row_lines: list[int] | None = None  # each row's source line, when the reader knows it


@dataclass(slots=True)
class Prepared:
    items: list = field(default_factory=list)
    broken: bool = False
    undiacritised: bool = False


_MARKER_START = frozenset("IVXABCDEFGHP0123456789abcdefghiklmnopqrstuvxyđ-+•–—·∙▪◦○●")
_LETTER_START = frozenset("abcdefghijklmnopqrstuvwxyzđ")
_AFTER_LETTER = frozenset(")./")  # `a)`, `a.`, `a/` (or a space before the `)`)
# `Phần I`, `PHẦN THỨ HAI:`: parts numbered in words or Roman figures, like `A.`, `B.` (the label is the numeral)
_PART_WORD = re.compile(r"^(?:PHẦN|Phần)\s+(?:(?:THỨ|thứ)\s+(NHẤT|nhất|HAI|hai|BA|ba|TƯ|tư|NĂM|năm|SÁU|sáu)|"
                        r"(X{0,3}(?:IX|IV|V?I{1,3}|V|X)))\b\s*[.:\-–]?\s*(.*)$")
_PART_NUMERALS = {"nhất": "I", "hai": "II", "ba": "III", "tư": "IV", "năm": "V", "sáu": "VI"}
# `Nhiệm vụ 1:`, `Giải pháp 2.`, `Bước 3:`: items numbered after a word, matched on the folded text
_SERIES = re.compile(r"^(nhom nhiem vu|nhom giai phap|nhiem vu|giai phap|buoc|hoat dong|noi dung|cong viec)\s+"
                     r"(\d{1,2}|[ivx]{1,4})\s*(?:[:.)\-–]\s*(?=\S)|:$)")
_SERIES_START = frozenset("NnGgBbHhCc")
# the legal structure of a Quyết định or a Quy chế: `Chương IV` / `TỔ CHỨC THỰC HIỆN`, `Điều 13. Trách nhiệm ...`
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG|Chuong|CHUONG)\s+(X{0,3}(?:IX|IV|V?I{1,3}|V|X)|\d{1,2})\b\s*[.:\-–]?\s*(.*)$")
_ARTICLE = re.compile(r"^[ĐÐD](?:iều|iêu|iểu|ieu|IỀU|IEU)\s+(\d{1,3})\s*[.:]\s*(.*)$")
_LEGAL_START = frozenset("CĐÐD")


def _classify(text: str) -> tuple[str, str, str]:
    first = text[0]
    if first in _LEGAL_START:
        # `Chương III` alone or before its title in capitals, `Điều 5.` before a capital: not a reference that a
        # hard-wrapped line happens to open with (`Chương III Luật Phổ biến ...`, `Điều 1, Điều 2 ...`)
        m = (_CHAPTER if first == "C" else _ARTICLE).match(text)
        if m and first == "C" and (not m.group(2) or upper_ratio(m.group(2)) > 0.6):
            return "chapter", m.group(1), m.group(2)
        if m and first != "C" and not m.group(2)[:1].islower():
            return "article", m.group(1), m.group(2)
    if first not in _MARKER_START:
        return "para", "", text
    if first in _LETTER_START:  # of the patterns below only `_LETTER` opens with a lower-case letter
        second = text[1:2]
        m = _LETTER.match(text) if second in _AFTER_LETTER or second.isspace() else None
        if m:
            label, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            return "letter", label, rest
        return "para", "", text
    m = _ROMAN.match(text)
    if m and (m.group(2)[:1].isupper() or m.group(2)[:1].isdigit()):
        return "roman", m.group(1), m.group(2)
    m = _PART_WORD.match(text)
    if m:
        return "part", _PART_NUMERALS[m.group(1).lower()] if m.group(1) else m.group(2), m.group(3)
    m = _PART.match(text)
    if m and upper_ratio(m.group(2)) > 0.6:
        return "part", m.group(1), m.group(2)
    m = _NUM.match(text)
    if m:
        label, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if not (rest[:1].isdigit() and "/" in rest[:6]):
            return "num", label, rest
    m = _BARE_NUM.match(text)
    if m:
        return "num", m.group(1), ""  # `5.` on a line of its own, its text below (after its role lines, at times)
    m = _LETTER.match(text)
    if m:
        label, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return "letter", label, rest
    m = _BULLET.match(text)
    if m:
        return "bullet", m.group(1), m.group(2)
    return "para", "", text


# a legend of the shorthand a plan uses for its labels: `(Chữ viết tắt: CT - chủ trì; PH - phối hợp; TG - thời gian)`
_LEGEND = re.compile(r"vi[eếệ]t\s+t[aắ]t", re.I)
_LEGEND_PAIR = re.compile(r"\b([A-ZĐ]{2,4})\s*[-–:=]\s*([^;,()]{3,40})")
# without a legend, the common ones count where a line prints two of them as labels (`CT: X; PH: Y; TG: Z`)
_USUAL_SHORTHAND = {"CT": "Chủ trì", "PH": "Phối hợp", "TH": "Thực hiện", "TG": "Thời gian"}
_SHORTHAND_LABEL = re.compile(r"(^|;\s*)([A-ZĐ]{2,4})\s*:")


def label_shorthand(texts: list[str]) -> dict[str, str]:
    """The label shorthand a plan defines in a legend (`CT` → `chủ trì`); {} where it defines none, and then only
    the usual ones count (`_expand_shorthand`)."""
    for text in texts:
        if _LEGEND.search(text):
            pairs = {abbr: words.strip() for abbr, words in _LEGEND_PAIR.findall(text)
                     if role_of_key(words.strip()) is not None}
            if len(pairs) >= 2:
                return pairs
    return {}


def _expand_shorthand(text: str, shorthand: dict[str, str]) -> str:
    """`CT: VP HĐND&UBND xã; PH: Phòng VH-XH; TG: Q.I/2026` → `Chủ trì: ...; Phối hợp: ...; Thời gian: ...`."""
    known = shorthand or _USUAL_SHORTHAND
    found = [m for m in _SHORTHAND_LABEL.finditer(text) if m.group(2) in known]
    if not found or found[0].start() != 0 or (not shorthand and len(found) < 2):
        return text
    for m in reversed(found):
        text = f"{text[:m.start(2)]}{known[m.group(2)]}{text[m.end(2):]}"
    return text


def _line_from(text: str, number: int, footnote: bool, shorthand: dict[str, str] | None = None) -> Line | None:
    if "*" in text or "¢" in text or "®" in text or "©" in text or "\\" in text:
        text = _NOISE.sub("", text)
    text = fix_digit_lookalikes(squeeze(text))
    if shorthand is not None and text[:4].rstrip(" :").isupper() and ":" in text[:6]:
        text = _expand_shorthand(text, shorthand)
    if not text:
        return None
    if text[0] in _FOOTNOTE_START and _FOOTNOTE.match(text):
        footnote = True
    if not footnote and len(text) <= 16 and _PAGE_NUMBER.match(text):  # `trang 123 / 123` is the longest
        return None
    kind, label, rest = ("para", "", text) if footnote else _classify(text)
    series = ""
    if kind == "para" and not footnote and text[0] in _SERIES_START:
        m = _SERIES.match(afold(text[:24]))
        if m:
            kind, label, rest, series = "num", m.group(2).upper(), text[m.end():], m.group(1)
    # positional: a dataclass takes keywords noticeably slower, and this runs once per line
    line = Line(rest, number, number, kind, label, footnote, None, "", False, len(text))
    if not footnote and kind not in SECTION_KINDS:
        pairs = _role_line(rest)
        if pairs:
            (line.role, line.value), *line.extra = pairs
        else:
            line.text, line.extra = _labels_in_text(rest)
            if line.extra:
                line.raw = rest
            if not line.text and line.extra:  # the bracket on a line of its own, under the item it closes
                (line.role, line.value), line.extra = line.extra[0], line.extra[1:]
    line.upper = mostly_upper_line(rest)
    line.series = series
    return line


def _role_line(text: str) -> list[tuple[str, str]]:
    """A line that opens with a label (`Chủ trì: X; phối hợp: Y`) → one (role, value) per label; [] for any other."""
    role, value = label_of(text) if ":" in text[:50] else (None, "")
    if role is None:
        return []
    return split_labels(role, value) if ":" in value else [(role, value)]


def _labels_in_text(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An item's text and the roles and time its own line tells after it: in a closing bracket, in a `Giao:`
    sentence or in labels that follow the text (`. Cơ quan chủ trì: X. Thời gian: Y.`)."""
    if text.rstrip(" .;").endswith(")"):
        found = inline_labels(text)
        if found[1]:
            return found
    if ":" in text:
        found = assignment(text)
        if found[1]:
            return found
        return trailing_labels(text)
    return text, []


def _number_series(raw: list) -> None:
    """Give items numbered after a word the outline numbers they stand for. The first word seen in a section
    (`Nhiệm vụ 1:`) numbers items under the numbered item above it, if any; a second word (`Giải pháp 1:`)
    numbers items under the first word's latest item, and so on: `II` / `Nhiệm vụ 2:` / `Giải pháp 3:` is
    `II.2.3`."""
    words: list[str] = []
    current: dict[str, str] = {}
    last_num = ""
    for item in raw:
        if not isinstance(item, Line) or item.footnote:
            continue
        if item.kind in SECTION_KINDS:
            words, current, last_num = [], {}, ""
        elif item.kind == "num" and not item.series:
            last_num, current = item.label, {}
        elif item.series:
            if item.series not in words:
                words.append(item.series)
            rank = words.index(item.series)
            parent = current.get(words[rank - 1], "") if rank else last_num
            item.label = f"{parent}.{item.label}" if parent else item.label
            current[item.series] = item.label
            for deeper in words[rank + 1:]:
                current.pop(deeper, None)


def _is_broken(lines: list[Line]) -> bool:
    long_lines = [ln for ln in lines if not ln.footnote and len(ln.text) >= 40]
    if len(long_lines) < 8:
        return False
    open_end = sum(1 for ln in long_lines if ln.text[-1] not in _TERMINAL)
    return open_end / len(long_lines) > 0.45


def prepare(doc: SourceDocument) -> Prepared:
    raw: list = []
    counter = 0
    shorthand = label_shorthand([b.text for b in doc.blocks if isinstance(b, Paragraph) and b.text])
    for block in doc.blocks:
        counter += 1
        if isinstance(block, Table):
            number = block.line if block.line is not None else counter
            rows = [[str(c or "") for c in row] for row in (block.rows or [])]
            row_lines = list(block.row_lines) if block.row_lines and len(block.row_lines) == len(rows) else None
            raw.append(TableItem(rows=rows, first=number, last=row_lines[-1] if row_lines else number,
                                 row_lines=row_lines))
            continue
        if not isinstance(block, Paragraph):
            continue
        number = block.line if block.line is not None else counter
        text = f"{block.label or ''} {block.text or ''}"
        for part in text.splitlines() or [text]:
            line = _line_from(part, number, bool(block.is_footnote), shorthand)
            if line is not None:
                raw.append(line)
    text_lines = [x for x in raw if isinstance(x, Line)]
    if any(x.series for x in text_lines):
        _number_series(raw)
    undiacritised = is_undiacritised([x.text for x in text_lines])
    if undiacritised:
        for x in text_lines:
            x.text = fix_line(x.text)
            if x.role:
                x.value = fix_line(x.value)
    broken = _is_broken(text_lines)
    lengths = sorted(len(x.text) for x in text_lines if len(x.text) >= 30)
    typical = lengths[len(lengths) // 2] if lengths else 80
    kind_at = next((i for i, x in enumerate(raw[:40]) if isinstance(x, Line) and ocr_key(x.text) in KIND_KEYS), -1)
    items: list = []
    for n, item in enumerate(raw):
        if n <= kind_at + 1:
            items.append(item)
            continue
        prev = items[-1] if items else None
        if isinstance(prev, Line) and prev.kind in ("part", "chapter") and not prev.text and \
                isinstance(item, Line) and item.kind == "para" and item.upper:
            prev.text, prev.last, prev.upper = item.text, item.last, True  # `Phần I` / `KẾT QUẢ ... NĂM 2025`
            continue
        if (
            isinstance(item, Line)
            and item.kind == "para"
            and (item.role is None or _closes_bracket(prev, item))
            and isinstance(prev, Line)
            and prev.footnote == item.footnote
            and not (prev.kind in SECTION_KINDS or (prev.upper and prev.kind == "para"))
            and _continues(prev, item, broken, typical)
        ):
            more = item.raw or item.text  # the broken line with any labels read off it
            if prev.role:
                prev.text = f"{prev.text} {more}"
                # the rest goes on the last label's value, and may hold labels of its own
                pairs = _role_line(prev.text) if prev.extra or item.raw else []
                if pairs:
                    (prev.role, prev.value), *prev.extra = pairs
                else:
                    prev.value = f"{prev.value} {more}".strip()
            elif item.role is None and (prev.raw or item.raw or ":" in item.text):
                # labels after an item's text, broken over lines (`... Cơ quan chủ` / `trì: Sở Nội vụ.`)
                prev.raw = f"{prev.raw or prev.text} {more}"
                prev.text, prev.extra = _labels_in_text(prev.raw)
            else:
                prev.text = f"{prev.text} {item.text}"
                if item.extra:
                    prev.extra = prev.extra + item.extra  # the roles that closed the line joined on
                elif not prev.extra and prev.kind != "para" and prev.text.rstrip(" .;").endswith(")"):
                    prev.text, prev.extra = inline_labels(prev.text)  # `(Cơ quan chủ trì: ...;` broken over lines
            prev.last = item.last
            prev.tail = item.tail
            continue
        items.append(item)
    return Prepared(items=items, broken=broken, undiacritised=undiacritised)


def _closes_bracket(prev: object, item: Line) -> bool:
    """`(X thực hiện;` / `thời gian: thường xuyên).`: a label line that closes the bracket the line above opened
    is the rest of that item's trailing bracket, not a role line of its own."""
    return (isinstance(prev, Line) and not prev.role and prev.kind != "para"
            and item.text.rstrip(" .;").endswith(")") and prev.text.count("(") > prev.text.count(")"))


def _continues(prev: Line, item: Line, broken: bool, typical: int = 80) -> bool:
    first = item.text[:1]
    if prev.text.endswith(("./.", "/.")):
        return False
    if first.islower():
        return True
    if item.text.startswith(_OPENERS):
        return False  # `Căn cứ ...` opens a new paragraph even where a hard-wrapped line would go on
    return broken and prev.text[-1:] not in _TERMINAL and not item.upper and prev.tail >= 0.7 * typical
