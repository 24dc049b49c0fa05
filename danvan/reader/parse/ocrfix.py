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


_CONTEXT_CACHE: dict[tuple[str, str], str | None] = {}


def _in_context(prev: str | None, folded: str) -> str | None:
    """A known word that fits the previous word better (`thanh phe` → `thanh pho`)."""
    if prev is None or f"{prev} {folded}" in BIGRAMS:
        return None
    key = (prev, folded)
    if key in _CONTEXT_CACHE:
        return _CONTEXT_CACHE[key]
    result = _context_candidate(prev, folded)
    if len(_CONTEXT_CACHE) < 20000:
        _CONTEXT_CACHE[key] = result
    return result


def _context_candidate(prev: str, folded: str) -> str | None:
    best, best_score = None, 0.0
    for cand, weight in _variants(folded).items():
        if weight >= 0.5 and f"{prev} {cand}" in BIGRAMS and cand in SYLLABLES:
            score = math.log1p(SYLLABLES[cand][0]) * weight
            if score > best_score:
                best, best_score = cand, score
    return best


def is_undiacritised(texts: list[str]) -> bool:
    """True for a scan with no Vietnamese-specific letters in a long text."""
    total = sum(len(t) for t in texts)
    if total < 400:
        return False
    return not any(_VN.search(t) for t in texts)


def fix_line(text: str) -> str:
    """Repair each garbled word of an undiacritised line, keeping its capitalisation."""
    if text.isupper():
        return text
    prev: str | None = None
    if "&" in text or "¢" in text:
        text = _ORPHAN_O.sub("o", text)
    cache = _FIX_CACHE
    parts = _TOKEN.split(text)  # text between words at even indices, the words at odd ones
    for i in range(1, len(parts), 2):
        word = parts[i]
        key = (prev, word)
        fixed = cache.get(key)
        if fixed is None:
            fixed = _fix_word(prev, word)
            if len(cache) < 50000:
                cache[key] = fixed
        parts[i] = fixed[0]
        prev = fixed[1]
    return "".join(parts)


# (previous word as read, word) → (word as written, what the next word takes as previous): `_fix_word` is pure
_FIX_CACHE: dict[tuple[str | None, str], tuple[str, str | None]] = {}


def _fix_word(prev: str | None, word: str) -> tuple[str, str | None]:
    """One word of `fix_line` after the (repaired, folded) word before it → (output, `prev` for the next word)."""
    if word.isdigit():
        return word, None
    if not (word.isalpha() and word.islower()):  # a lower-case letter rules out an all-capitals abbreviation
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in word):
            return word, None
    folded = afold(word)
    fixed = correct_word(folded)
    if fixed is None and folded in SYLLABLES:
        fixed = _in_context(prev, folded)
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
    folded = [afold(w) if i % 2 else "" for i, w in enumerate(parts)]
    last = len(parts) - 2
    cache = _RESTORE_CACHE
    for i in range(1, len(parts), 2):
        # adjacent words: at most two characters between them
        before = folded[i - 2] if i > 1 and len(parts[i - 1]) <= 2 else None
        after = folded[i + 2] if i < last and len(parts[i + 1]) <= 2 else None
        word = parts[i]
        key = (before, word, after)
        form = cache.get(key)
        if form is None:
            form = _restored(word, folded[i], before, after)
            if len(cache) < 50000:
                cache[key] = form
        parts[i] = form
    return "".join(parts)


# (folded word before if adjacent, word, folded word after if adjacent) → the word as written: `_restored` is pure
_RESTORE_CACHE: dict[tuple[str | None, str, str | None], str] = {}


def _restored(word: str, key: str, before: str | None, after: str | None) -> str:
    """One word of `restore_diacritics`, given the folded adjacent words (None when not adjacent)."""
    if any(c.isdigit() for c in word) or (len(word) > 1 and word.isupper()) or key not in SYLLABLES:
        return word
    form = None
    if before is not None:
        pair = BIGRAMS.get(f"{before} {key}")
        if pair:
            form = pair.split(" ", 1)[1]
    if form is None and after is not None:
        pair = BIGRAMS.get(f"{key} {after}")
        if pair:
            form = pair.split(" ", 1)[0]
    if form is None and SYLLABLES[key][0] >= 2:
        form = SYLLABLES[key][1]
    if form and afold(form) == key:
        return form[:1].upper() + form[1:] if word[:1].isupper() else form
    return word
