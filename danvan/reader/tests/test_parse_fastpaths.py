"""The parser's fast paths give exactly what the plain code they replace gives (folds, spacing, case counts,
rewritten regexes, OCR word repairs)."""

from __future__ import annotations

import random
import re

import pytest

from danvan.reader.parse import citations, ocrfix, reports
from danvan.reader.parse.text import _afold_slow, afold, afold_sliceable, mostly_upper_line, squeeze, upper_ratio

SAMPLES = [
    "", "a", "Kế hoạch", "KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 33/CT-TTg", "Sở Nội vụ “chủ trì” – phối hợp…",
    "Đổi mới, nâng cao hiệu quả công tác dân vận¹", "e\u0301 combining", "İstanbul ΣΟΦΙΑ ς", "ǅemal ß ﬁ", "Ⅷ ⓐ K",
    "tab\there\u00a0nbsp  two  spaces ", " leading", "trailing ", "€ 12/2024", "\ufffe odd", "한국어 text",
]


def _random_strings(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    odd = [chr(c) for c in range(0x20, 0x2100)] + ["\u0301", "\u0323", "Σ", "İ", "ß", "ﬁ", "한", "\ufffe"]
    common = list("abcĐđệẾỗ “–.,:;()/-0123456789 \t") + ["  "]
    return ["".join(rng.choice(odd) if rng.random() < 0.3 else rng.choice(common)
                    for _ in range(rng.randint(0, 30))) for _ in range(count)]


STRINGS = SAMPLES + _random_strings(3000, 1)


def test_afold_matches_the_reference_fold():
    for text in STRINGS:
        assert afold(text) == _afold_slow(text), text


def test_a_sliceable_fold_folds_every_slice_the_same():
    rng = random.Random(2)
    for text in STRINGS:
        folded = afold_sliceable(text)
        if folded is None:
            continue
        assert folded == _afold_slow(text)
        for _ in range(3):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert folded[a:b] == _afold_slow(text[a:b]), (text, a, b)


def test_squeeze_is_split_and_join():
    for text in STRINGS:
        assert squeeze(text) == " ".join(text.split()), text


def _upper_ratio_reference(text: str) -> float:
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
    return upper / (upper + lower) if upper + lower else 0.0


def test_upper_ratio_matches_the_plain_count():
    for text in STRINGS + [s.upper() for s in STRINGS]:
        assert upper_ratio(text) == _upper_ratio_reference(text), text


def test_mostly_upper_line_is_the_ratio_test():
    rng = random.Random(5)
    pool = list("aAbBzZ ĐđệỆ.,İΣß") + ["abc", "ABC", "İa", "Ⅷ"]
    texts = STRINGS + ["".join(rng.choice(pool) for _ in range(rng.randint(0, 80))) for _ in range(5000)]
    for text in texts:
        assert mostly_upper_line(text) == (_upper_ratio_reference(text) > 0.7), text


# The original patterns next to the rewritten ones (word boundary / look-behind moved after the first letter).
_ORIGINAL = {
    "daily": r"\bh[ae]ng ngay\b|\bmoi ngay\b",
    "weekly": r"\bh[ae]ng tuan\b|\bmoi tuan\b",
    "monthly": r"\bh[ae]ng thang\b|\bmoi thang\b",
    "quarterly": r"\bh[ae]ng quy\b|\bquy\s+(?:i|1)\b|\bmoi quy\b|\bbao cao quy\b",
    "six_months": r"\b(?:6|06|sau) thang\b",
    "nine_months": r"\b(?:9|09|chin) thang\b",
    "annual": r"\bh[ae]ng nam\b|\bmoi nam\b|\bcuoi nam\b|(?:thang|quy|bao cao|dinh ky|va|tong ket)\s*,?\s*nam\b(?!\s*\d)"
              r"|\bket qua thuc hien(?:(?!thang|quy|nam)[^;.()]){0,80}?nam \d{4}\b",
    "ad_hoc": r"\bdot xuat\b|\bkip thoi bao cao\b|\bbao cao ngay\b(?!\s*\d)",
}
_PAIRS = [(_ORIGINAL[name], rx) for name, _, rx in reports._PERIODS] + [
    (r"\bb\w{1,2}o\s+c\w{1,2}o\b|\bphan anh ve\b|\bgui ket qua\b", reports._REPORT),
    (r"\bb\w{1,2}o\s+c\w{1,2}o\b|\bphan anh ve\b|\bgui ket qua\b|\bv\w{1,3}ng\s+m\w{1,2}c\b|\bkho khan\b",
     reports._MAYBE_REPORT),
    (r"\bv\w{1,3}ng\s+m\w{1,2}c\b|\bkho khan\b", reports._TROUBLE),
    (r"\b(?:khi|theo)\s+(?:co\s+)?y\w{0,2}u\s+c\w{1,2}u\b", reports._ON_DEMAND),
    (r"\b(?:truoc|cham nhat(?: la)?|vao|han(?: chot)?|khong qua)\s+(?:ngay\s+)?"
     r"(\d{1,2})\s*(?:thang\s*|/\s*)(\d{1,2}(?:\s*(?:,|va)\s*(?:thang\s*)?\d{1,2}(?!\d|\s*/\s*\d{1,2}(?!\d))){0,11})"
     r"(?:\s*(?:/|,?\s*nam)\s*(\d{4}))?"
     r"((?:\s*(?:,|va)\s*(?:ngay\s*)?\d{1,2}\s*(?:thang\s*|/\s*)\d{1,2}(?:\s*(?:/|,?\s*nam)\s*\d{4})?){0,6})", reports._DUE),
    (r"\b(?:truoc|cham nhat(?: la)?|vao)\s+ngay\s+(\d{1,2})\s+(?:h[ae]ng|moi|cua moi)\s+thang\b", reports._MONTHLY_DAY),
    (r"(?<=[^\s.A-ZĐ])\.\s+(?=[A-ZÀ-ỸĐ])|\./\.", reports._SENTENCE),
    (r"(?<![\w/.-])(\d{1,5})((?:\s?/\s?\d{4})?)\s?((?:-\s?){1,2}|/\s?)"
     r"([A-ZĐ][A-Za-zĐđ]{0,7}(?:\s?[-/]\s?[A-ZĐ][A-Za-zĐđ&]{0,9}){1,3})", citations._SYMBOL),
    (r"(?<![\w/-])([^\W_]{1,7})(?![\w/-])", ocrfix._TOKEN),
]
_WORDS_TEXT = ("hang heng moi ngay tuan thang quy i 1 ii bao cao 6 06 sau 9 09 chin nam cuoi dinh ky va , dot xuat "
               "truoc cham nhat la vao han chot khong qua 15 10 / 2025 xhang amoi bieo cao vuong mac kho khan khi theo "
               "co yeu cau phan anh ve 33/CT-TTg 23-QĐ/TW 10/2024/NQ-HĐND ./. TP. Sở A. abcdefgh x_y - .")
_WORDS = _WORDS_TEXT.split(" ")


@pytest.mark.parametrize("original,rewritten", _PAIRS)
def test_rewritten_patterns_find_the_same_matches(original, rewritten):
    rng = random.Random(3)
    texts = ["".join(rng.choice(_WORDS) + rng.choice(["", " ", " ", ",", "  ", "-", "a", "/", "."])
                     for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    old = re.compile(original)
    for text in texts + SAMPLES:
        assert [(m.span(), m.groups()) for m in old.finditer(text)] == \
            [(m.span(), m.groups()) for m in rewritten.finditer(text)], text


def test_trigger_ends_match_the_case_insensitive_pattern():
    rng = random.Random(4)
    words = list(reports._TRIGGER_WORDS) + ["Gửi", "GỬI VỀ", "Về", "BÁO CÁO", "Trình", "QUA", "Sở", "ı", "İ", "x"]
    texts = ["".join(rng.choice(words) + rng.choice(["", " ", ",", "  ", "(", "\n"]) for _ in range(rng.randint(1, 10)))
             for _ in range(3000)]
    for text in texts:
        assert reports._trigger_ends(text) == [m.end() for m in reports._TRIGGER.finditer(text)], text
