"""The parser's fast paths give exactly what the plain code they replace gives (folds, spacing, case counts,
rewritten regexes, OCR word repairs and restored diacritics, the words that open a body's name, verbs, page
numbers, lettered items)."""

from __future__ import annotations

import random
import re

import pytest

from danvan.reader.parse import citations, lines, mentions, ocrfix, reports
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
              r"|\bket qua thuc hien(?:(?!\b(?:thang|quy|nam)\b)[^;.()]){0,80}?\bnam \d{4}\b",
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
     r"([A-ZĐ][A-Za-zĐđ]{0,7}(?:\s?[-/]\s?[A-ZĐ][A-Za-zĐđ&]{0,15}\d{0,2}){1,3})", citations._SYMBOL),
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


# --- the OCR repairs and the mention helpers against the plain code they replace --------------------------------


def _restore_reference(text: str) -> str:
    """Diacritics restored word by word straight from BIGRAMS and SYLLABLES (the pre-table code)."""
    parts = ocrfix._TOKEN.split(text)
    if len(parts) == 1:
        return text
    folded = [afold(w) if i % 2 else "" for i, w in enumerate(parts)]
    last = len(parts) - 2
    for i in range(1, len(parts), 2):
        word, key = parts[i], folded[i]
        before = folded[i - 2] if i > 1 and len(parts[i - 1]) <= 2 else None
        after = folded[i + 2] if i < last and len(parts[i + 1]) <= 2 else None
        if any(c.isdigit() for c in word) or (len(word) > 1 and word.isupper()) or key not in ocrfix.SYLLABLES:
            continue
        form = None
        if before is not None and ocrfix.BIGRAMS.get(f"{before} {key}"):
            form = ocrfix.BIGRAMS[f"{before} {key}"].split(" ", 1)[1]
        if form is None and after is not None and ocrfix.BIGRAMS.get(f"{key} {after}"):
            form = ocrfix.BIGRAMS[f"{key} {after}"].split(" ", 1)[0]
        if form is None and ocrfix.SYLLABLES[key][0] >= 2:
            form = ocrfix.SYLLABLES[key][1]
        if form and afold(form) == key:
            parts[i] = form[:1].upper() + form[1:] if word[:1].isupper() else form
    return "".join(parts)


def _fix_reference(text: str) -> str:
    """OCR slips repaired word by word, the word before looked up in BIGRAMS each time (the pre-table code)."""
    if text.isupper():
        return text
    if "&" in text or "¢" in text:
        text = ocrfix._ORPHAN_O.sub("o", text)
    parts = ocrfix._TOKEN.split(text)
    prev = None
    for i in range(1, len(parts), 2):
        word = parts[i]
        if word.isdigit():
            prev = None
            continue
        letters = [c for c in word if c.isalpha()]
        if not (word.isalpha() and word.islower()) and len(letters) > 1 and all(c.isupper() for c in letters) \
                and not any(c.isdigit() for c in word):
            prev = None
            continue
        folded = afold(word)
        fixed = ocrfix.correct_word(folded)
        if fixed is None and folded in ocrfix.SYLLABLES and prev is not None and \
                f"{prev} {folded}" not in ocrfix.BIGRAMS:
            best, best_score = None, 0.0
            for cand, weight in ocrfix._variants(folded).items():
                if weight >= 0.5 and f"{prev} {cand}" in ocrfix.BIGRAMS and cand in ocrfix.SYLLABLES:
                    score = ocrfix.math.log1p(ocrfix.SYLLABLES[cand][0]) * weight
                    if score > best_score:
                        best, best_score = cand, score
            fixed = best
        if fixed:
            parts[i] = fixed[:1].upper() + fixed[1:] if word[:1].isupper() or word[:1].isdigit() else fixed
            prev = fixed
        else:
            prev = folded
    return "".join(parts)


def _undiacritised_texts(count: int, seed: int) -> list[str]:
    """Word salads of known syllables, their OCR slips (`d` for `o`, `6` for `o`), capitals, digits, symbols."""
    rng = random.Random(seed)
    known = list(ocrfix.SYLLABLES) + [pair.split(" ")[1] for pair in list(ocrfix.BIGRAMS)[:300]]
    slips = [w.replace("o", "d") for w in known[:200]] + [w.replace("o", "6") for w in known[:100]]
    odd = ["UBND", "Ubnd", "12", "33/CT-TTg", "Phong", "NOI", "a&b", "&", "¢", "xyzzyq", "thudc", "T6", "chirc"]
    pool = known + slips + odd
    return [rng.choice(["", "Tr ", "- "]) + "".join(
        (w.capitalize() if rng.random() < 0.2 else w) + rng.choice([" ", " ", ", ", "; ", "  ", " (", ") ", "-", "/"])
        for w in rng.choices(pool, k=rng.randint(1, 25))) for _ in range(count)]


def test_restore_diacritics_matches_the_plain_lookups():
    for text in _undiacritised_texts(3000, 6) + SAMPLES:
        assert ocrfix.restore_diacritics(text) == _restore_reference(text), text


def test_fix_line_matches_the_plain_lookups():
    for text in _undiacritised_texts(3000, 7) + SAMPLES:
        assert ocrfix.fix_line(text) == _fix_reference(text), text


def _is_org_start_reference(text: str) -> bool:
    text = text.lstrip()[:40]
    folded = afold(text).strip()
    for word in mentions._ORG_HEAD_WORDS:
        if folded.startswith(word) and (len(folded) == len(word) or not folded[len(word)].isalnum()):
            if word == "moi" and mentions._VN_CHARS.search(text) and not text.lower().startswith("mọi"):
                return False
            if word in mentions._NAMED_HEADS:
                rest = text.strip()[len(word):].lstrip()
                if rest[:3].lower() == "và " and rest[3:4].isupper():
                    rest = rest[3:]
                if not (rest[:1].isupper() or rest[:1] == "," or (word in ("truong", "pho", "chanh") and
                                                                  afold(rest[:4]) == "cac ")):
                    return False
            return True
    return False


def test_org_start_pattern_matches_the_word_loop():
    rng = random.Random(8)
    heads = [h for h in mentions._ORG_HEADS] + ["Sở", "Ủy ban", "Môi trường", "Mọi", "Trường", "Phòng", "Ban hành"]
    tails = ["", " ", "Nội vụ", "nội vụ", "các", "_x", "1", "-", ", ", "và Phát thanh", "trường", "ban", "x"]
    texts = [rng.choice(["", " ", "  "]) + (h.title() if rng.random() < 0.3 else h) + rng.choice(["", " ", "_", "1"]) +
             rng.choice(tails) for h in heads for _ in range(20)]
    for text in texts + STRINGS:
        assert mentions._is_org_start(text) == _is_org_start_reference(text), text


def test_a_verb_opens_only_with_a_first_word_of_the_verb_lists():
    for verbs, first in ((mentions.VERBS_VN, mentions._VERB_FIRST), (mentions.VERBS_FOLD, mentions._VERB_FIRST_FOLDED)):
        assert all(verb.split()[0] in first for verb in verbs)
        assert all(" " not in word for word in first)


def test_page_numbers_are_short_lines():
    rng = random.Random(9)
    pool = ["-", " ", "Trang", "trang", "PAGE", "page", "/", "1", "12", "123", "1234", "x"]
    texts = [squeeze("".join(rng.choice(pool) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(1, 9))))
             for _ in range(5000)]
    for text in texts:
        if lines._PAGE_NUMBER.match(text):
            assert len(text) <= 16, text


def test_lines_opening_in_lower_case_are_only_ever_lettered_items():
    for pattern in (lines._ROMAN, lines._PART_WORD, lines._PART, lines._NUM, lines._BULLET):
        for first in lines._LETTER_START:
            assert not any(pattern.match(first + rest) for rest in (")", ". x", " x", "I. Xa", ".1 X", "HẦN I"))


def test_a_trailing_phrase_ends_in_one_of_its_words():
    rng = random.Random(10)
    pool = ["co", "c6", "ce", "o", "c", "lien", "quan", "cung", "cap", "tham", "gia", "tren", "dia", "ban", "so", "x"]
    texts = ["".join(rng.choice(pool) + rng.choice([" ", "  ", "\t", "", " \n"]) for _ in range(rng.randint(1, 8)))
             for _ in range(5000)]
    for text in texts + STRINGS:
        if mentions._TRAILING.search(text):
            assert text.rstrip().endswith(mentions._TRAILING_ENDS), text


def test_a_lettered_item_has_its_mark_or_a_space_second():
    rng = random.Random(11)
    pool = list("abđx)./ ,:-1") + ["  ", "\u00a0", "\t"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 8))) for _ in range(5000)]
    for text in texts:
        if lines._LETTER.match(text):
            assert text[1] in lines._AFTER_LETTER or text[1].isspace(), text
