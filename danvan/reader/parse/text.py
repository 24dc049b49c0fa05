"""Text helpers for the parser: length-preserving folding, OCR-tolerant keys, sentence cuts."""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any


def normalise_nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)

def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        if c in "đĐ":
            table[cp] = "d"
            continue
        low = c.lower()
        if len(low) != 1:
            continue
        base = "".join(x for x in unicodedata.normalize("NFD", low) if unicodedata.category(x) != "Mn")
        if len(base) == 1 and base != c:
            table[cp] = base
    return table


_FOLD_TABLE = _build_fold_table()


def afold(text: str) -> str:
    """Fold case and diacritics keeping the length, so spans found in the result index the original.

    Expects NFC text (combining marks that are not composed stay in place).
    """
    if len(text) <= 24:
        out = _SHORT.get(text)
        if out is None:
            out = _afold(text)
            if len(_SHORT) < 50000:
                _SHORT[text] = out
        return out
    return _afold(text)


_MARKS = re.compile("[\u0300-\u036f]+")


def _afold_slow(text: str) -> str:
    """The reference fold: lower, drop combining marks, `đ` → `d`; per-character table if lengths change."""
    out = _MARKS.sub("", unicodedata.normalize("NFD", text.lower())).replace("đ", "d")
    if len(out) == len(text):
        return out
    return text.translate(_FOLD_TABLE)


# Characters outside ASCII and the Latin blocks (quotes, dashes, superscripts, ...): folded text keeps them.
_OTHER = re.compile("([^\x00-\x7f\u00c0-\u024f\u1e00-\u1eff]+)")


def _fold_latin(text: str) -> str | None:
    """ASCII/Latin text folded through NFD and an ASCII encode (fast); None when a character does not map to
    exactly one ASCII letter, so the caller takes the reference path."""
    out = unicodedata.normalize("NFD", text.lower().replace("đ", "d")).encode("ascii", "ignore")
    if len(out) != len(text):
        return None
    return out.decode("ascii")


def _build_fast_fold() -> tuple[Any, str]:
    """A single-byte codec for lower-cased Vietnamese text: the encoding map gives each of 256 characters (ASCII,
    Vietnamese letters, common punctuation, more Latin letters) a byte, the decoding table gives for that byte the
    character's fold. Only characters the reference folds to exactly one character on their own are taken."""
    chars = [chr(i) for i in range(128)]
    vietnamese = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    punctuation = "“”‘’–—…•·°€¹²³«»×§±≤≥™©®¢£¥¤¦¨ª¬¯´¸º¼½¾¿÷"
    latin = "".join(chr(cp) for cp in list(range(0xA0, 0x250)) + list(range(0x1E00, 0x1F00)))
    seen = set(chars)
    for c in vietnamese + punctuation + latin:
        if len(chars) == 256:
            break
        if c in seen or c.lower() != c or _MARKS.match(c) or len(_afold_slow(c)) != 1 or c == "\ufffe":
            continue
        seen.add(c)
        chars.append(c)
    encoding = codecs.charmap_build("".join(chars).ljust(256, "\ufffe"))
    decoding = "".join(_afold_slow(c) for c in chars).ljust(256, "\ufffe")
    return encoding, decoding


def _fold_fast(text: str) -> str | None:
    """The fold through the codec above (C speed), or None when a character is not in it."""
    low = text.lower()
    if len(low) != len(text):
        return None
    try:
        return codecs.charmap_decode(codecs.charmap_encode(low, "strict", _FAST_ENCODING)[0], "strict",
                                     _FAST_DECODING)[0]
    except UnicodeError:
        return None


def afold_sliceable(text: str) -> str | None:
    """`afold(text)` when every character folds on its own, so that `result[a:b] == afold(text[a:b])` for any
    slice; None when the text needs the reference path (then fold each slice by itself)."""
    if text.isascii():
        return text.lower()
    out = _fold_fast(text)
    if out is None:
        out = _fold_latin(text)
    if out is not None:
        return out
    return _fold_pieces(text)


def _fold_pieces(text: str) -> str | None:
    pieces = _OTHER.split(text)
    for i in range(1, len(pieces), 2):
        other = pieces[i]
        if other.lower() != other or not unicodedata.is_normalized("NFD", other) or _MARKS.search(other):
            return None  # the reference would change these (or, with marks to drop, take its table branch)
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        if piece and not piece.isascii():
            folded = _fold_latin(piece)
            if folded is None:
                return None
            pieces[i] = folded
        else:
            pieces[i] = piece.lower()
    return "".join(pieces)


def _afold(text: str) -> str:
    if text.isascii():
        return text.lower()
    # Same result as `_afold_slow`: each character folds on its own to one character (the codec; or every
    # Latin piece maps one character to one ASCII letter and the other pieces are left as they are by lower()
    # and NFD), so the reference takes its first branch.
    out = _fold_fast(text)
    if out is None:
        out = _fold_latin(text)
    if out is None:
        out = _fold_pieces(text)
    return out if out is not None else _afold_slow(text)


_SHORT: dict[str, str] = {}
_FAST_ENCODING, _FAST_DECODING = _build_fast_fold()


def _case_tables() -> tuple[dict[int, None], dict[int, None]]:
    upper: dict[int, None] = {}
    letters: dict[int, None] = {}
    for cp in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        if c.isalpha():
            letters[cp] = None
            if c.isupper():
                upper[cp] = None
    return upper, letters


_DROP_UPPER, _DROP_LETTERS = _case_tables()


_LATIN = [chr(c) for c in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))]
_UPPER_RX = re.compile("[" + re.escape("".join(c for c in _LATIN if c.isupper())) + "]")
_LOWER_RX = re.compile("[" + re.escape("".join(c for c in _LATIN if c.islower())) + "]")


def _build_case_codec() -> tuple[Any, bytes, bytes]:
    """A single-byte codec for Vietnamese text (printable ASCII, tab, Vietnamese letters in both cases, common
    punctuation) and, over its bytes, the ones to delete to keep the characters lower() changes / the lower-case
    ones, so that `upper_ratio` counts with bytes.translate."""
    lower = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    chars: list[str] = []
    for c in [chr(i) for i in range(32, 127)] + ["\t"] + list(lower + lower.upper() + "“”‘’–—…•·°¹²³«»×§"):
        if c not in chars and len(c.lower()) == 1 and len(chars) < 256:
            chars.append(c)
    encoding = codecs.charmap_build("".join(chars).ljust(256, "\ufffe"))
    not_upper = bytes(i for i in range(256) if not (i < len(chars) and chars[i].lower() != chars[i]))
    not_lower = bytes(i for i in range(256) if not (i < len(chars) and chars[i].islower()))
    return encoding, not_upper, not_lower


_CASE_ENCODING, _NOT_CHANGED_BY_LOWER, _NOT_LOWER = _build_case_codec()
_ASCII_NOT_UPPER = bytes(b for b in range(256) if not 0x41 <= b <= 0x5A)
_ASCII_NOT_LOWER = bytes(b for b in range(256) if not 0x61 <= b <= 0x7A)


def mostly_upper_line(text: str) -> bool:
    """`upper_ratio(text) > 0.7`, answered at once for the usual line with 18 or more ASCII lower-case letters in
    its first 60 characters: with U upper-case and L >= 18 lower-case letters among n <= 60 characters (no
    character is both, and lower() keeps the length), U / (U + L) <= (n - L) / n <= 0.7."""
    head = text[:60]
    # `İ` is the one character whose lower case is longer (Unicode's unconditional special casing)
    if "\u0130" not in head and len(head.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_LOWER)) >= 18:
        return False
    return upper_ratio(text) > 0.7


def upper_ratio(text: str) -> float:
    """Share of upper-case letters among the (Latin/Vietnamese) letters of `text`."""
    text = text[:60]
    lowered = text.lower()
    if text == lowered:
        return 0.0
    if text.isascii():
        ascii_raw = text.encode("ascii")
        upper = len(ascii_raw.translate(None, _ASCII_NOT_UPPER))
        lower = len(ascii_raw.translate(None, _ASCII_NOT_LOWER))
        return upper / (upper + lower) if upper + lower else 0.0
    try:
        raw: bytes | None = codecs.charmap_encode(text, "strict", _CASE_ENCODING)[0]
    except UnicodeError:
        raw = None
    if raw is not None:
        # each character lowers to one, so the positions where `lowered` differs are those lower() changes
        upper = len(raw.translate(None, _NOT_CHANGED_BY_LOWER))
        lower = len(raw.translate(None, _NOT_LOWER))
    else:
        upper = sum(map(str.__ne__, text, lowered))
        lower = sum(map(str.islower, text))
    if upper + lower == 0:
        return 0.0
    return upper / (upper + lower)


_OCR_TABLE = str.maketrans({"6": "o", "0": "o", "¢": None, "&": None, "®": None, "©": None, "*": None})
_NON_KEY = re.compile(r"[^a-z0-9, ]+")
_SPACES = re.compile(r"\s+")


def ocr_key(text: str) -> str:
    """A folded, OCR-tolerant key for labels: `Thoi gian thyc hién` ~ `thoi gian thyc hien`."""
    if len(text) > 24:
        return _ocr_key(text)
    key = _SHORT_KEYS.get(text)  # short texts (labels, line openings) recur
    if key is None:
        key = _ocr_key(text)
        if len(_SHORT_KEYS) < 50000:
            _SHORT_KEYS[text] = key
    return key


_SHORT_KEYS: dict[str, str] = {}


def _ocr_key(text: str) -> str:
    key = afold(normalise_nfc(text)).translate(_OCR_TABLE)
    key = _NON_KEY.sub(" ", key)
    return _SPACES.sub(" ", key).strip(" ,")


def squeeze(text: str) -> str:
    """`" ".join(text.split())`, without the work when the text has no other spacing than single spaces (every
    other white-space character is non-printable)."""
    if text.isprintable() and "  " not in text:
        return text.strip(" ")  # single spaces only: at most one at either end
    return " ".join(text.split())


def clean(text: str) -> str:
    """NFC, spaces folded, leading/trailing spaces and `;:,.` removed."""
    text = squeeze(normalise_nfc(text))
    return text.strip(" ;:,.").strip()


# `(?<=[^\s.])\.\s+(?=...)` with the look-behind after the period, so that the regex engine can skip to periods
_SENTENCE_END = re.compile(r"\.(?<=[^\s.]\.)\s+(?=[A-ZÀ-ỸĐ“\"])")


def first_sentence(text: str) -> str:
    """Text up to the end of its first sentence (a period followed by a capital; not after abbreviations)."""
    for m in _SENTENCE_END.finditer(text):
        start = text.rfind(" ", 0, m.start()) + 1
        word = text[start:m.start()]
        if word.isupper() and len(word) <= 5:  # TP. / TT. / UBND.
            continue
        if len(word) <= 1:
            continue
        return text[:m.start()]
    return text


def later_sentences(text: str) -> list[str]:
    """The sentences of `text` after its first one (cut as `first_sentence` cuts)."""
    out: list[str] = []
    rest = text
    while True:
        head = first_sentence(rest)
        if len(head) >= len(rest):
            return out
        rest = rest[len(head):].lstrip(". ")
        if rest:
            out.append(first_sentence(rest))


def cut_title(text: str, limit: int = 300) -> str:
    text = clean(text)
    if len(text) > limit:
        cut = text[:limit]
        if text[limit] != " " and " " in cut:
            cut = cut[: cut.rfind(" ")]
        text = cut
    return clean(text)


def sentence_case(text: str) -> str:
    """`THỰC HIỆN CHỈ THỊ SỐ 33/CT-TTG` → `Thực hiện chỉ thị số 33/CT-TTG`: symbols stay as printed, and the proper
    names of organisations keep their capitals (`Ủy ban Mặt trận Tổ quốc Việt Nam`, `Ban Chỉ đạo`)."""
    words = []
    for i, w in enumerate(text.split()):
        if any(ch.isdigit() for ch in w) or "/" in w:
            words.append(w)
        else:
            lw = w.lower()
            words.append(lw[:1].upper() + lw[1:] if i == 0 else lw)
    return _PROPER_NAME.sub(lambda m: _PROPER_NAMES[m.group(0).lower()], " ".join(words))


# names written with capitals inside a sentence, as official texts print them
_PROPER_NAMES = {name.lower(): name for name in (
    "Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc", "Đảng Cộng sản Việt Nam", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Hội Liên hiệp Phụ nữ Việt Nam", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Hội Nông dân", "Ban Chỉ đạo",
    "Dân vận khéo", "Hồ Chí Minh", "Việt Nam",
)}
_PROPER_NAME = re.compile(r"\b(?:" + "|".join(sorted(_PROPER_NAMES, key=len, reverse=True)) + r")\b", re.I)


# an administrative level and up to three words after it
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+"
                    r"([^\W\d_]+(?:\s+[^\W\d_]+){0,2})")
# words that end a place name in a title (`xã Kiến Giang năm 2026`, `tỉnh Quảng Trị giai đoạn ...`)
_AFTER_PLACE = {"năm", "giai", "đoạn", "về", "và", "trong", "đến", "từ", "theo", "của", "trên", "tại", "với", "cho",
                "đối", "nhằm", "để", "các", "những", "thực", "hiện", "sau", "trước", "khi", "lần", "thứ", "nhiệm", "kỳ",
                "đợt", "quý", "tháng", "giữa", "gắn", "mới", "hằng", "hàng", "đã", "được", "là", "có"}


def _capitalise_place(match: re.Match) -> str:
    parts = re.split(r"(\s+)", match.group(1))  # words at even indices
    for i in range(0, len(parts), 2):
        if parts[i].lower() in _AFTER_PLACE:
            break
        parts[i] = parts[i][:1].upper() + parts[i][1:]
    return match.group(0)[: match.start(1) - match.start(0)] + "".join(parts)


def capitalise_places(text: str) -> str:
    """A title printed in capitals, once in sentence case, gets its place names back: `xã kiến giang năm 2026` →
    `xã Kiến Giang năm 2026` (up to three words after an administrative level, to the first common word)."""
    return _PLACE.sub(_capitalise_place, text)


def is_mostly_upper(text: str) -> bool:
    return upper_ratio(text) > 0.8 and sum(c.isalpha() for c in text[:200]) >= 2
