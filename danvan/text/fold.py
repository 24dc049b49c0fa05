"""Accent folding: `Dân vận` and `dan van` compare equal once folded."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """NFC, one space for every run of white space, no leading or trailing space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower case, no diacritics, `đ` as `d`, white space folded; punctuation kept."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", text).strip()


def fold_words(text: str) -> str:
    """`fold` with punctuation turned into spaces: a key for search and matching."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())
