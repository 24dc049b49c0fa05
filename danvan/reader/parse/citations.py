"""Cited document symbols (`33/CT-TTg`, `23-QĐ/TW`, `10/2024/NQ-HĐND`), OCR slips repaired."""

from __future__ import annotations

import re
import unicodedata

# `(\d(?<![\w/.-]\d)\d{0,4})` is `(?<![\w/.-])(\d{1,5})` with the look-behind after the first digit, so that
# the regex engine can skip ahead to digits.
_SYMBOL = re.compile(
    r"(\d(?<![\w/.-]\d)\d{0,4})((?:\s?/\s?\d{4})?)\s?((?:-\s?){1,2}|/\s?)"
    r"([A-ZĐ][A-Za-zĐđ]{0,7}(?:\s?[-/]\s?[A-ZĐ][A-Za-zĐđ&]{0,15}\d{0,2}){1,3}|(?:UBTV)?QH\d{1,2}(?![\w/-]))"
)
# a unit code may end in digits: `41/KH-BCA-X03`, `125/KH-CAT-PV05` (police and army units)
# Laws and resolutions of the National Assembly and its Standing Committee: `10/2022/QH15`, `1211/2016/UBTVQH13`
_ASSEMBLY = re.compile(r"(?:UBTV)?QH\d{1,2}")
_REPAIR = {
    "QB": "QĐ", "QP": "QĐ", "QD": "QĐ", "Qb": "QĐ", "Qp": "QĐ", "Qd": "QĐ",
    "ND": "NĐ", "NP": "NĐ", "Nb": "NĐ", "Np": "NĐ",
    "HPND": "HĐND", "HDND": "HĐND", "HbND": "HĐND", "HBND": "HĐND",
    "DU": "ĐU", "HD": "HD", "TTG": "TTg", "QDI": "QĐi", "QĐI": "QĐi", "QDi": "QĐi", "QPi": "QĐi", "Qbi": "QĐi",
    "BCD": "BCĐ", "HDTV": "HĐTV", "TU": "TU",
}


def _repair_part(part: str) -> str:
    return _REPAIR.get(part, part)


_WHITE = re.compile(r"\s+")
_SEPARATORS = re.compile(r"([-/])")


def normalise_symbol(number: str, year: str, sep: str, rest: str) -> str:
    rest = _WHITE.sub("", rest)
    parts = _SEPARATORS.split(rest)
    parts = [_repair_part(p) if p not in "-/" else p for p in parts]
    sep = "-" if "-" in sep else "/"
    year = _WHITE.sub("", year)
    return unicodedata.normalize("NFC", f"{number}{year}{sep}{''.join(parts)}")


def find_symbols(text: str) -> list[str]:
    out: list[str] = []
    if "/" not in text:
        return out
    for m in _SYMBOL.finditer(text):
        number, year, sep, rest = m.groups()
        if _ASSEMBLY.fullmatch(rest):
            if not year or "/" not in sep:
                continue  # the Assembly's symbols always carry the year: `10/2022/QH15`
        elif "-" in sep and "/" not in rest:
            continue
        if "/" in sep and not year and "/" in rest and "-" not in rest:
            continue
        out.append(normalise_symbol(number, year, sep, rest))
    return out


def symbol_key(symbol: str) -> str:
    key = _KEYS.get(symbol)
    if key is None:
        text = unicodedata.normalize("NFD", symbol.lower().replace("đ", "d"))
        key = "".join(c for c in text if unicodedata.category(c) != "Mn" and not c.isspace())
        if len(_KEYS) < 20000:
            _KEYS[symbol] = key
    return key


_KEYS: dict[str, str] = {}  # symbol → key (symbols are short and recur across plans)


def collect_citations(texts: list[str], own: str | None) -> list[str]:
    seen: set[str] = set()
    if own:
        seen.add(symbol_key(own))
    out: list[str] = []
    for text in texts:
        for sym in find_symbols(text):
            key = symbol_key(sym)
            if key not in seen:
                seen.add(key)
                out.append(sym)
    return out
