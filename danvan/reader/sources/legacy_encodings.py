"""Conversion tables for the pre-Unicode Vietnamese font encodings TCVN3 (ABC) and VNI.

Text typed in these fonts is stored as single bytes; read as Latin-1 it looks like mojibake
(`KÕ ho¹ch`, `Keá hoaïch`). The tables below map each Vietnamese letter to the bytes the font
uses (written as Latin-1 characters, one character per byte); decoding inverts them.

TCVN3 (TCVN 5712:1993, the `.VnTime` single font): every lower-case letter with its tone has one
byte; the upper-case letters with tones live in a separate capital font (`.VnTimeH`) that reuses
the lower-case bytes, so only the upper-case base letters Ă Â Ê Ô Ơ Ư Đ have bytes of their own.

VNI (VNI-Windows): a base letter followed by one byte for its mark(s); ơ ư đ and the i/y letters
with tones have single bytes. Upper-case letters use the upper-case forms of the mark bytes.
"""

from __future__ import annotations

import re

# Letters in the order base, grave, acute, hook, tilde, dot below.
_TONED_LOWER = {
    "a": "aàáảãạ", "ă": "ăằắẳẵặ", "â": "âầấẩẫậ", "e": "eèéẻẽẹ", "ê": "êềếểễệ", "i": "iìíỉĩị",
    "o": "oòóỏõọ", "ô": "ôồốổỗộ", "ơ": "ơờớởỡợ", "u": "uùúủũụ", "ư": "ưừứửữự", "y": "yỳýỷỹỵ",
}

# --- TCVN3 -------------------------------------------------------------------------------------
# Bytes for base, grave, acute, hook, tilde, dot below (base None: the plain ASCII letter).
_TCVN3_LOWER = {
    "a": (None, "\xb5", "\xb8", "\xb6", "\xb7", "\xb9"),
    "ă": ("\xa8", "\xbb", "\xbe", "\xbc", "\xbd", "\xc6"),
    "â": ("\xa9", "\xc7", "\xca", "\xc8", "\xc9", "\xcb"),
    "e": (None, "\xcc", "\xd0", "\xce", "\xcf", "\xd1"),
    "ê": ("\xaa", "\xd2", "\xd5", "\xd3", "\xd4", "\xd6"),
    "i": (None, "\xd7", "\xdd", "\xd8", "\xdc", "\xde"),
    "o": (None, "\xdf", "\xe3", "\xe1", "\xe2", "\xe4"),
    "ô": ("\xab", "\xe5", "\xe8", "\xe6", "\xe7", "\xe9"),
    "ơ": ("\xac", "\xea", "\xed", "\xeb", "\xec", "\xee"),
    "u": (None, "\xef", "\xf3", "\xf1", "\xf2", "\xf4"),
    "ư": ("\xad", "\xf5", "\xf8", "\xf6", "\xf7", "\xf9"),
    "y": (None, "\xfa", "\xfd", "\xfb", "\xfc", "\xfe"),
}
_TCVN3_EXTRA = {"đ": "\xae", "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7"}


def _build_tcvn3() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, codes in _TCVN3_LOWER.items():
        for letter, code in zip(_TONED_LOWER[base], codes, strict=True):
            if code is not None:
                table[letter] = code
    table.update(_TCVN3_EXTRA)
    return table


#: Unicode letter → TCVN3 byte (as a Latin-1 character).
TCVN3_ENCODE: dict[str, str] = _build_tcvn3()
#: TCVN3 byte (as a Latin-1 character) → Unicode letter.
TCVN3_DECODE: dict[str, str] = {code: letter for letter, code in TCVN3_ENCODE.items()}

# --- VNI ---------------------------------------------------------------------------------------
# Mark bytes (lower-case form) for: grave, acute, hook, tilde, dot below.
_VNI_TONES = ("\xf8", "\xf9", "\xfb", "\xf5", "\xef")  # ø ù û õ ï
# After a circumflex (â ê ô): base mark, then the combined mark for each tone.
_VNI_CIRCUMFLEX = ("\xe2", "\xe0", "\xe1", "\xe5", "\xe3", "\xe4")  # â à á å ã ä
# After a breve (ă).
_VNI_BREVE = ("\xea", "\xe8", "\xe9", "\xfa", "\xfc", "\xeb")  # ê è é ú ü ë
# i with tones and ỵ are single bytes.
_VNI_I = ("i", "\xec", "\xed", "\xe6", "\xf3", "\xf2")  # ì í æ ó ò


def _build_vni() -> dict[str, str]:
    lower: dict[str, str] = {}
    for base in "aeouy":
        for letter, mark in zip(_TONED_LOWER[base][1:], _VNI_TONES, strict=True):
            lower[letter] = base + mark
    for base, plain in (("â", "a"), ("ê", "e"), ("ô", "o")):
        for letter, mark in zip(_TONED_LOWER[base], _VNI_CIRCUMFLEX, strict=True):
            lower[letter] = plain + mark
    for letter, mark in zip(_TONED_LOWER["ă"], _VNI_BREVE, strict=True):
        lower[letter] = "a" + mark
    for base, single in (("ơ", "\xf4"), ("ư", "\xf6")):  # ô ö
        lower[base] = single
        for letter, mark in zip(_TONED_LOWER[base][1:], _VNI_TONES, strict=True):
            lower[letter] = single + mark
    for letter, code in zip(_TONED_LOWER["i"][1:], _VNI_I[1:], strict=True):
        lower[letter] = code
    lower["ỵ"] = "\xee"  # î
    lower["đ"] = "\xf1"  # ñ
    table = dict(lower)
    for letter, code in lower.items():
        table[letter.upper()] = code.upper()
    return table


#: Unicode letter → VNI byte sequence (Latin-1 characters).
VNI_ENCODE: dict[str, str] = _build_vni()
#: VNI byte sequence → Unicode letter.
VNI_DECODE: dict[str, str] = {code: letter for letter, code in VNI_ENCODE.items()}

_TCVN3_TRANS = str.maketrans(TCVN3_DECODE)
_VNI_PAIRS = {code: letter for code, letter in VNI_DECODE.items() if len(code) == 2}
_VNI_SINGLES = {code: letter for code, letter in VNI_DECODE.items() if len(code) == 1}
_VNI_MARKS = frozenset(code[1] for code in _VNI_PAIRS)


_CONVERTED = frozenset(TCVN3_DECODE.values())
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([" + "".join(sorted(c for c in _CONVERTED if c.islower())) + r"])", re.M)


def _fix_capitals(text: str) -> str:
    """Restore the capitals the single-font TCVN3 cannot store.

    A line typed in the capital font (`KÕ HO¹CH`) is upper-cased when a word holding converted letters
    has two or more ASCII letters, all capitals, and no such word has a small ASCII letter (so
    `Sè: /KH-UBND` stays `Số: /KH-UBND`). A converted letter opening a line or a sentence is a capital.
    """
    out = []
    for line in text.split("\n"):
        caps = False
        for word in line.split():
            if not any(c in _CONVERTED for c in word):
                continue
            ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
            if any(c.islower() for c in ascii_letters):
                caps = False
                break
            if len(ascii_letters) >= 2:
                caps = True
        out.append(line.upper() if caps else line)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), "\n".join(out))


def decode_tcvn3(raw: str) -> str:
    """TCVN3 text read as Latin-1 → Unicode (NFC); lines typed in capitals stay capitals."""
    return _fix_capitals(raw.translate(_TCVN3_TRANS))


def decode_vni(raw: str) -> str:
    """VNI text read as Latin-1 → Unicode (NFC)."""
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if i + 1 < n and raw[i + 1] in _VNI_MARKS:
            pair = _VNI_PAIRS.get(raw[i : i + 2])
            if pair is None:  # a mark typed in the other case than its letter
                pair = _VNI_PAIRS.get(ch + raw[i + 1].swapcase())
                if pair is not None:
                    pair = pair.upper() if ch.isupper() else pair.lower()
            if pair is not None:
                out.append(pair)
                i += 2
                continue
        out.append(_VNI_SINGLES.get(ch, ch))
        i += 1
    return "".join(out)


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (as Latin-1 characters); upper-case toned letters fall back to lower case."""
    out = []
    for ch in text:
        code = TCVN3_ENCODE.get(ch)
        if code is None and ch.lower() in TCVN3_ENCODE and ch.lower() != ch and not ch.isascii():
            code = TCVN3_ENCODE[ch.lower()]
        out.append(code if code is not None else ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode → VNI (as Latin-1 characters)."""
    return "".join(VNI_ENCODE.get(ch, ch) for ch in text)
