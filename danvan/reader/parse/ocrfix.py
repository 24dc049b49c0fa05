"""Repair OCR slips in scans that lost their diacritics (`thudc` → `thuoc`, `T6 chirc` → `To chuc`).

Only used when a document shows no Vietnamese-specific letters at all (a diacritic-free scan). A word is
changed only when it is not a known syllable of administrative writing and a known syllable is reachable by one
or two typical OCR confusions; the most frequent such syllable wins.
"""

from __future__ import annotations

import math
import re

from danvan.reader.parse.text import afold
from danvan.reader.parse.vocab_data import BIGRAMS, SYLLABLES

_CONFUSIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "d": (("o", 1.0), ("a", 0.5), ("u", 0.3)), "6": (("o", 1.0),), "0": (("o", 1.0),), "4": (("o", 0.6), ("a", 0.4)),
    "i": (("a", 0.8), ("u", 0.6), ("o", 0.3)), "e": (("c", 0.6), ("o", 0.5), ("a", 0.3)), "c": (("e", 0.4), ("o", 0.4)),
    "t": (("u", 0.5),), "b": (("d", 0.8), ("o", 0.5)), "p": (("d", 0.8),), "y": (("u", 0.6),), "1": (("l", 1.0), ("i", 0.8)),
    "a": (("u", 0.4), ("o", 0.3)), "u": (("a", 0.3), ("o", 0.3)), "o": (("a", 0.3), ("u", 0.3)), "n": (("u", 0.3),),
    "h": (("b", 0.2),), "j": (("i", 0.8),), "r": (("u", 0.5),), "s": (("o", 0.2),), "m": (("n", 0.2),),
    "3": (("a", 0.5),), "8": (("a", 0.4),), "5": (("s", 0.5),), "€": (("e", 1.0),), "9": (("o", 0.5),),
    "ir": (("u", 0.8),), "ti": (("u", 0.7),), "it": (("u", 0.7),), "tr": (("u", 0.3),), "ii": (("u", 0.6),),
    "rn": (("m", 0.8),), "dn": (("on", 0.5),),
}
_DELETE = 0.15
_PLAUSIBLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
# `(?<![\w/-])([^\W_]{1,7})(?![\w/-])`, the look-behind after the first letter (the engine skips to letters)
_TOKEN = re.compile(r"([^\W_](?<![\w/-][^\W_])[^\W_]{0,6})(?![\w/-])")
_VN = re.compile("[ơưăđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_CACHE: dict[str, str | None] = {}
_ORPHAN_O = re.compile(r"(?<=\s)[&¢](?=\s)")  # `dân chủ & cơ sở`: `ở` read as `&`


def _variants(word: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for i in range(len(word)):
        for src, dsts in _CONFUSIONS.items():
            if word.startswith(src, i):
                for dst, weight in dsts:
                    cand = word[:i] + dst + word[i + len(src):]
                    out[cand] = max(out.get(cand, 0.0), weight)
        cand = word[:i] + word[i + 1:]
        if cand:
            out[cand] = max(out.get(cand, 0.0), _DELETE)
    return out


def correct_word(folded: str) -> str | None:
    """A known syllable for an OCR-garbled folded word, or None to keep it."""
    if folded in _CACHE:
        return _CACHE[folded]
    result = None
    if folded not in SYLLABLES and len(folded) > 1:
        plausible = bool(_PLAUSIBLE.match(folded))
        best, best_score = None, 0.0
        first = _variants(folded)
        for cand, weight in first.items():
            if cand in SYLLABLES:
                score = math.log1p(SYLLABLES[cand][0]) * weight
                if score > best_score:
                    best, best_score = cand, score
        if best is None and not plausible:
            for v, w1 in first.items():
                for cand, w2 in _variants(v).items():
                    if cand in SYLLABLES:
                        score = math.log1p(SYLLABLES[cand][0]) * w1 * w2 / 3
                        if score > best_score:
                            best, best_score = cand, score
        if best is not None and (not plausible or best_score >= 1.5):
            result = best
    if len(_CACHE) < 20000:
        _CACHE[folded] = result
    return result


def _in_context(prev: str | None, folded: str) -> str | None:
    """A known word that fits the previous word better (`thanh phe` → `thanh pho`)."""
    if prev is None:
        return None
    followers = _FOLLOWERS.get(prev, _NONE)
    if folded in followers:
        return None
    best, best_score = None, 0.0
    for cand, score in _context_candidates(folded):
        if score > best_score and cand in followers:
            best, best_score = cand, score
    return best


def _bigram_tables() -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]], dict[str, dict[str, str]],
                             dict[str, str]]:
    """BIGRAMS and SYLLABLES as lookups by folded word: the words known to follow one; the form a word takes after
    (or before) another; a word's usual form. A form whose fold is not the word's is kept as "" (no form)."""
    followers: dict[str, set[str]] = {}
    after: dict[str, dict[str, str]] = {}
    before: dict[str, dict[str, str]] = {}
    for pair, written in BIGRAMS.items():
        first, second = pair.split(" ", 1)
        followers.setdefault(first, set()).add(second)
        first_form, second_form = written.split(" ", 1)
        after.setdefault(first, {})[second] = second_form if afold(second_form) == second else ""
        before.setdefault(second, {})[first] = first_form if afold(first_form) == first else ""
    usual = {key: form if afold(form) == key else "" for key, (count, form) in SYLLABLES.items() if count >= 2}
    return {k: frozenset(v) for k, v in followers.items()}, after, before, usual


_NONE: frozenset[str] = frozenset()
_FOLLOWERS, _FORM_AFTER, _FORM_BEFORE, _USUAL_FORM = _bigram_tables()


_CANDIDATES: dict[str, tuple[tuple[str, float], ...]] = {}


def _context_candidates(folded: str) -> tuple[tuple[str, float], ...]:
    """The known syllables one likely confusion away from `folded`, with their scores (a word's own list: what
    the word before makes of them is looked up per use)."""
    found = _CANDIDATES.get(folded)
    if found is None:
        found = tuple((cand, math.log1p(SYLLABLES[cand][0]) * weight) for cand, weight in _variants(folded).items()
                      if weight >= 0.5 and cand in SYLLABLES)
        if len(_CANDIDATES) < 20000:
            _CANDIDATES[folded] = found
    return found


#: Letters outside ASCII are a fifth of a Vietnamese text's characters; under this share, OCR lost the diacritics
#: of most words (and wrote a few of them wrong: `thuc hién`, `quy dinh`).
UNDIACRITISED_SHARE = 0.08


def is_undiacritised(texts: list[str]) -> bool:
    """True for a scan whose long text lost the diacritics of (almost) all its words."""
    total = sum(len(t) for t in texts)
    if total < 400:
        return False
    if not any(_VN.search(t) for t in texts):
        return True
    text = "".join(texts)
    return len(text) - len(text.encode("ascii", "ignore")) < UNDIACRITISED_SHARE * len(text)


def fix_line(text: str) -> str:
    """Repair each garbled word of an undiacritised line, keeping its capitalisation."""
    if text.isupper():
        return text
    prev: str | None = None
    if "&" in text or "¢" in text:
        text = _ORPHAN_O.sub("o", text)
    cache = _WORD_FIXES
    parts = _TOKEN.split(text)  # text between words at even indices, the words at odd ones
    for i in range(1, len(parts), 2):
        word = parts[i]
        fixed = cache.get(word)
        if fixed is None:
            fixed = _fix_word(word)
            if len(cache) < 50000:
                cache[word] = fixed
        if fixed[0] is None:  # a known syllable: the word before may make another one likelier
            folded = fixed[1]
            better = _in_context(prev, folded)  # type: ignore[arg-type]
            if better:
                parts[i] = better[:1].upper() + better[1:] if word[:1].isupper() or word[:1].isdigit() else better
                prev = better
            else:
                prev = folded
        else:
            parts[i], prev = fixed
    return "".join(parts)


# word → `_fix_word(word)`: a word's own repair does not depend on its neighbours
_WORD_FIXES: dict[str, tuple[str | None, str | None]] = {}


def _fix_word(word: str) -> tuple[str | None, str | None]:
    """One word of `fix_line` → (output, `prev` for the next word), or (None, folded word) for a known syllable
    that the word before may change (`_in_context`)."""
    if word.isdigit():
        return word, None
    if not (word.isalpha() and word.islower()):  # a lower-case letter rules out an all-capitals abbreviation
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in word):
            return word, None
    folded = afold(word)
    fixed = correct_word(folded)
    if fixed is None and folded in SYLLABLES:
        return None, folded
    if fixed:
        return (fixed[:1].upper() + fixed[1:] if word[:1].isupper() or word[:1].isdigit() else fixed), fixed
    return word, folded


def restore_diacritics(text: str) -> str:
    """Put back the usual diacritics of administrative words in undiacritised text (`Phong Noi vu` → `Phòng Nội vụ`).

    Each word takes the form it most often has next to the word before (or after) it, else its most frequent
    form; unknown words, abbreviations in capitals and parts of symbols are left as they are.
    """
    parts = _TOKEN.split(text)  # text between words at even indices, the words at odd ones
    if len(parts) == 1:
        return text
    cache = _RESTORABLE
    words = []  # (folded word, whether a known form may replace it) at odd indices
    for i, word in enumerate(parts):
        if i % 2:
            entry = cache.get(word)
            if entry is None:
                entry = _restorable(word)
                if len(cache) < 50000:
                    cache[word] = entry
            words.append(entry)
        else:
            words.append(("", False))
    last = len(parts) - 2
    for i in range(1, len(parts), 2):
        key, restorable = words[i]
        if not restorable:
            continue
        # adjacent words: at most two characters between them
        before = words[i - 2][0] if i > 1 and len(parts[i - 1]) <= 2 else None
        after = words[i + 2][0] if i < last and len(parts[i + 1]) <= 2 else None
        form = _FORM_AFTER.get(before, _NO_FORMS).get(key) if before is not None else None
        if form is None and after is not None:
            form = _FORM_BEFORE.get(after, _NO_FORMS).get(key)
        if form is None:
            form = _USUAL_FORM.get(key)
        if form:
            parts[i] = form[:1].upper() + form[1:] if parts[i][:1].isupper() else form
    return "".join(parts)


_NO_FORMS: dict[str, str] = {}
# word → (its fold, whether it is a known syllable that `restore_diacritics` may write in another form)
_RESTORABLE: dict[str, tuple[str, bool]] = {}


def _restorable(word: str) -> tuple[str, bool]:
    """Numbers, abbreviations in capitals and unknown words are left as they are."""
    key = afold(word)
    return key, not (any(c.isdigit() for c in word) or (len(word) > 1 and word.isupper()) or key not in SYLLABLES)


# OCR reads `0` as `O`/`o` and `1` as `l` inside numbers (`3O/4/2026`, `Số: 1O5/KH-UBND`) and `I` as `l` in the
# Roman numeral of a quarter (`Quý lI/2026`), also in scans that kept their diacritics
_LOOKALIKE_NEAR_DIGIT = re.compile(r"[0-9][Ool]|[Ool][0-9]")
_NUMBER_WITH_LOOKALIKES = re.compile(r"(?<![^\W\d_])(?=[0-9Ool]*[0-9])[0-9Ool]*[Ool][0-9Ool]*(?![^\W\d_])")
_QUARTER_WITH_L = re.compile(r"\b([Qq]u[ýyÝ]|QUÝ)\s+(?=[IVl]*l)([IVl]{1,4})\b")
_TO_DIGITS = str.maketrans("Ool", "001")


def fix_digit_lookalikes(text: str) -> str:
    if _LOOKALIKE_NEAR_DIGIT.search(text):
        text = _NUMBER_WITH_LOOKALIKES.sub(lambda m: m.group(0).translate(_TO_DIGITS), text)
    if "l" in text and ("uý" in text or "uy" in text or "UÝ" in text):
        text = _QUARTER_WITH_L.sub(lambda m: f"{m.group(1)} {m.group(2).replace('l', 'I')}", text)
    return text
