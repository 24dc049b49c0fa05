"""Text helpers for the parser: length-preserving folding, OCR-tolerant keys, sentence cuts."""

from __future__ import annotations

import re
import unicodedata


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


def _afold(text: str) -> str:
    if text.isascii():
        return text.lower()
    # Same result as `_afold_slow`: every Latin piece maps one character to one ASCII letter, and the other
    # pieces are left as they are by lower() and NFD, so the reference takes its first branch.
    out = _fold_latin(text)
    if out is not None:
        return out
    pieces = _OTHER.split(text)
    for i in range(1, len(pieces), 2):
        other = pieces[i]
        if other.lower() != other or not unicodedata.is_normalized("NFD", other):
            return _afold_slow(text)
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        if piece and not piece.isascii():
            folded = _fold_latin(piece)
            if folded is None:
                return _afold_slow(text)
            pieces[i] = folded
        else:
            pieces[i] = piece.lower()
    return "".join(pieces)


_SHORT: dict[str, str] = {}


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


def upper_ratio(text: str) -> float:
    """Share of upper-case letters among the (Latin/Vietnamese) letters of `text`."""
    text = text[:60]
    lowered = text.lower()
    if text == lowered:
        return 0.0
    if text.isascii():
        upper = sum(1 for c in text if "A" <= c <= "Z")
        lower = sum(1 for c in text if "a" <= c <= "z")
        return upper / (upper + lower) if upper + lower else 0.0
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
    key = afold(normalise_nfc(text)).translate(_OCR_TABLE)
    key = _NON_KEY.sub(" ", key)
    return _SPACES.sub(" ", key).strip(" ,")


def clean(text: str) -> str:
    """NFC, spaces folded, leading/trailing spaces and `;:,.` removed."""
    text = " ".join(normalise_nfc(text).split())
    return text.strip(" ;:,.").strip()


_SENTENCE_END = re.compile(r"(?<=[^\s.])\.\s+(?=[A-ZÀ-ỸĐ“\"])")


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


def cut_title(text: str, limit: int = 300) -> str:
    text = clean(text)
    if len(text) > limit:
        cut = text[:limit]
        if text[limit] != " " and " " in cut:
            cut = cut[: cut.rfind(" ")]
        text = cut
    return clean(text)


def sentence_case(text: str) -> str:
    """`THỰC HIỆN CHỈ THỊ SỐ 33/CT-TTG` → `Thực hiện chỉ thị số 33/CT-TTG`: symbols stay as printed."""
    words = []
    for i, w in enumerate(text.split()):
        if any(ch.isdigit() for ch in w) or "/" in w:
            words.append(w)
        else:
            lw = w.lower()
            words.append(lw[:1].upper() + lw[1:] if i == 0 else lw)
    return " ".join(words)


def is_mostly_upper(text: str) -> bool:
    return upper_ratio(text) > 0.8 and sum(c.isalpha() for c in text[:200]) >= 2
