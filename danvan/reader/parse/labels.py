"""Role and time labels (`Cơ quan chủ trì:`, `Thời gian thực hiện:`), matched on an OCR-tolerant key."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from danvan.reader.parse.mentions import subject_of
from danvan.reader.parse.text import afold, ocr_key
from danvan.reader.parse.timeframe import parse_timeframe

LABELS: dict[str, str] = {}
for _role, _names in {
    "lead": ["co quan chu tri", "don vi chu tri", "chu tri", "co quan, don vi chu tri", "co quan chu tri thuc hien",
             "don vi chu tri thuc hien", "co quan chiu trach nhiem", "don vi chiu trach nhiem", "chu tri thuc hien",
             "chu tri to chuc"],
    "cooperating": ["co quan phoi hop", "don vi phoi hop", "phoi hop", "co quan, don vi phoi hop",
                    "co quan phoi hop thuc hien", "don vi phoi hop thuc hien", "phoi hop thuc hien",
                    "don vi tham gia", "co quan tham gia", "co quan, don vi tham gia", "tham gia thuc hien"],
    "lead_coop": ["co quan chu tri, phoi hop", "don vi chu tri, phoi hop", "co quan chu tri va phoi hop",
                  "don vi chu tri va phoi hop", "chu tri, phoi hop", "chu tri va phoi hop"],
    "executing": ["co quan thuc hien", "don vi thuc hien", "tham muu thuc hien", "co quan, don vi thuc hien",
                  "trach nhiem thuc hien", "trach nhiem", "co quan tham muu", "don vi tham muu", "tham muu", "thuc hien",
                  "co quan thuc hien, phoi hop", "bo phan thuc hien", "nguoi thuc hien", "co quan, don vi tham muu",
                  "phan cong thuc hien", "co quan, dia phuong thuc hien", "co quan to chuc thuc hien"],
    "directing": ["chi dao", "lanh dao chi dao", "lanh dao phu trach", "phu trach", "chi dao thuc hien",
                  "nguoi chi dao", "nguoi phu trach", "lanh dao phu trach chi dao"],
    "time": ["thoi gian thuc hien", "thoi gian hoan thanh", "thoi gian", "tien do", "tien do thuc hien",
             "thoi han", "thoi han hoan thanh", "tien do hoan thanh", "thoi gian trien khai", "thoi diem hoan thanh",
             "thoi diem", "thoi diem thuc hien", "hoan thanh"],
    "task": ["nhiem vu", "noi dung", "noi dung cong viec", "noi dung thuc hien", "noi dung nhiem vu", "ten nhiem vu"],
    "other": ["san pham", "ket qua", "san pham dau ra", "kinh phi", "nguon kinh phi", "hinh thuc", "dia diem",
              "muc tieu", "chi tieu", "ghi chu", "doi tuong", "yeu cau", "hinh thuc cong khai"],
}.items():
    for _name in _names:
        LABELS[_name] = _role
_FUZZY_KEYS = [k for k in LABELS if len(k) >= 8]
_COLON = re.compile(r"^([^:;.]{2,45}?)\s*:\s*(.*)$")
_CACHE: dict[str, str | None] = {}


def role_of_key(prefix: str) -> str | None:
    """The role a label prefix names, or None; exact folded match first, fuzzy for OCR noise."""
    key = ocr_key(prefix)
    if key in _CACHE:
        return _CACHE[key]
    role = LABELS.get(key)
    if role is None and key.startswith(("thoi han ", "thoi gian ", "tien do ")) and key.count(" ") <= 4 and \
            "bao cao" not in key:
        role = "time"  # `Thời hạn đăng ký:`, `Thời gian tổ chức:`
    if role is None and key.count(" ") <= 7:
        role = _role_by_words(key)
    if role is None and 8 <= len(key) <= 40 and key.count(" ") <= 5:
        found = process.extractOne(key, _FUZZY_KEYS, scorer=fuzz.ratio, score_cutoff=86)
        if found:
            role = LABELS[found[0]]
    if len(_CACHE) < 5000:
        _CACHE[key] = role
    return role


# the words a role label is made of, beyond the listed ones: `Đơn vị thực hiện chính:`, `Cơ quan chủ trì tham mưu:`
_LABEL_WORDS = frozenset([
    "co", "quan", "don", "vi", "bo", "phan", "chu", "tri", "phoi", "hop", "thuc", "hien", "chinh", "tham", "muu",
    "trach", "nhiem", "chiu", "lien", "to", "chuc", "trien", "khai", "dia", "phuong", "va", "cung",
])
_DIRECTING_OPENERS = ("chi huy ", "lanh dao ", "thu truong ", "ban giam doc ", "ban chi huy ")


def _role_by_words(key: str) -> str | None:
    """A label worded otherwise than the list: one naming a body (`đơn vị`, `cơ quan`, `bộ phận`) and a role in role
    words only, or a leader who directs (`Chỉ huy Công an tỉnh chỉ đạo:`, `Lãnh đạo Sở phụ trách:`)."""
    if key.startswith(("co quan", "don vi", "bo phan")) and \
            all(w in _LABEL_WORDS for w in key.replace(",", " ").split()):
        lead, coop = "chu tri" in key, "phoi hop" in key
        if lead:
            return "lead_coop" if coop else "lead"
        if coop:
            return "cooperating"
        if "thuc hien" in key or "tham muu" in key or "trien khai" in key:
            return "executing"
    if key.startswith(_DIRECTING_OPENERS) and key.endswith((" chi dao", " phu trach")):
        return "directing"
    return None


def label_of(text: str) -> tuple[str | None, str]:
    """`Cơ quan chủ trì: Sở Nội vụ;` → ("lead", "Sở Nội vụ;"); a line that is no label → (None, "")."""
    m = _COLON.match(text)
    if not m:
        return None, ""
    role = role_of_key(m.group(1))
    if role is None:
        return None, ""
    return role, m.group(2).strip()


_NEXT_LABEL = re.compile(r"[;.]\s*([^:;.()]{2,40}?)\s*:\s*")
_PAREN_LABELS = re.compile(r"\(([^()]{3,400})\)\s*[.;]?\s*$")


def split_labels(role: str, value: str) -> list[tuple[str, str]]:
    """`Sở Nội vụ; Cơ quan phối hợp: Sở Tư pháp; Thời gian: Quý II/2025` → one (role, value) per label."""
    out: list[tuple[str, str]] = []
    pos = 0
    current = role
    for m in _NEXT_LABEL.finditer(value):
        next_role = role_of_key(m.group(1))
        if next_role is None:
            continue
        out.extend(_one_sentence(current, value[pos:m.start()].strip()))
        current, pos = next_role, m.end()
    out.extend(_one_sentence(current, value[pos:].strip()))
    return out


_VALUE_END = re.compile(r"(?<=[a-zà-ỹđ0-9)]\.)\s+(?=[A-ZĐÀ-Ỹ])")


def _one_sentence(role: str, value: str) -> list[tuple[str, str]]:
    """A label's value ends with its sentence: `Thời hạn: trước ngày 31/3/2026. Phòng X chủ trì; Y phối hợp`
    gives the time, then the roles the next sentence tells (nothing from a sentence that tells none)."""
    m = _VALUE_END.search(value)
    if not m:
        return [(role, value)]
    return [(role, value[:m.start()].rstrip(" .")), *_roles_in_words(value[m.end():].rstrip(" ."), strict=False)]


def inline_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An item ending in `(Chủ trì: Sở X; thời gian: Quý II/2025)` or in the same told in words (`(Sở X chủ trì,
    phối hợp với Sở Y; thời gian: Quý II/2025)`, `(Công an xã thực hiện, quý II/2026)`) → its text without them
    and the labels."""
    m = _PAREN_LABELS.search(text)
    if not m:
        return text, []
    role, value = label_of(m.group(1))
    pairs = split_labels(role, value) if role is not None else _roles_in_words(m.group(1))
    if not pairs:
        return text, []
    return text[: m.start()].rstrip(" ,;:"), pairs


# a label after the item's own text on its line: `. Cơ quan chủ trì:`, `; chủ trì:`, ` - Chủ trì:`
_TRAILING_LABEL = re.compile(r"(?:[.;]|\s[-–])\s+([^:;.()\-–]{2,40}?)\s*:\s*(?=\S)")
_DASHED_LABEL = re.compile(r"\s[-–]\s+([^:;.()\-–]{2,40}?)\s*:\s*")
_ITEM_ROLES = frozenset(("lead", "cooperating", "executing", "directing", "time"))


def trailing_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An item whose line goes on with its labels after its text (`... sau sắp xếp. Cơ quan chủ trì: Sở Nội vụ.
    Thời gian: Quý I/2026.`, `... - Chủ trì: X - Phối hợp: Y - Thời hạn: Z`, `...; chủ trì: X; phối hợp: Y`) → its
    text before them and the labels; the text and no pairs when it has none."""
    for m in _TRAILING_LABEL.finditer(text):
        role = role_of_key(m.group(1))
        if role not in _ITEM_ROLES or text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
            continue  # not a label, or one inside a bracket still open
        rest = _DASHED_LABEL.sub(lambda d: f"; {d.group(1)}: " if role_of_key(d.group(1)) else d.group(0),
                                 text[m.end():])
        return text[: m.start()].rstrip(" ,;:-–"), split_labels(role, rest.rstrip(" ."))
    return text, []


# `... Giao: Sở X chủ trì; Sở Y phối hợp. Hoàn thành trong quý II/2026.` closing an item's paragraph
_ASSIGNMENT = re.compile(r"(?:^|(?<=[.;])\s+)(?:Giao|GIAO|Phân công|Phan cong|PHÂN CÔNG)"
                         r"(?: nhiệm vụ| nhiem vu| NHIỆM VỤ)?\s*:\s*(?=\S)")
_SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")


def assignment(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An item that ends in `Giao: X chủ trì; Y phối hợp.` and maybe a time sentence (`Hoàn thành trong quý
    II/2026.`) → its text before `Giao:` and the roles and time; the text and no pairs when it has none."""
    m = _ASSIGNMENT.search(text)
    if not m:
        return text, []
    who, *after = _SENTENCE_BREAK.split(text[m.end():])
    pairs = _roles_in_words(who.rstrip(" ."), strict=False)
    if not pairs:
        return text, []
    for sentence in after:
        sentence = sentence.strip(" .")
        if parse_timeframe(sentence)["kind"] != "none":
            pairs.append(("time", sentence))
    return text[: m.start()].rstrip(" ,;:"), pairs


def _roles_in_words(inner: str, strict: bool = True) -> list[tuple[str, str]]:
    """The `;`-clauses of a bracket, each a label, `X chủ trì[, phối hợp với Y]`, `Y phối hợp`, `X thực hiện[,
    <time>]` or a time; nothing unless every clause is one of those and one names a body. Not `strict` (after
    `Giao:`), words after `X thực hiện` that tell no time are left aside."""
    pairs: list[tuple[str, str]] = []
    for clause in inner.split(";"):
        clause = clause.strip(" .,")
        if not clause:
            continue
        role, value = label_of(clause) if ":" in clause else (None, "")
        if role is not None:
            pairs.append((role, value))
            continue
        subject, verb, at = subject_of(clause)
        if subject and verb == "chu tri":
            pairs.append(("lead_coop", clause))
        elif subject and verb == "phoi hop" and afold(clause[at + len("phối hợp"):].strip(" ,"))[:4] != "voi ":
            pairs.append(("cooperating", subject))  # `Sở Y phối hợp`, `Sở Y phối hợp hướng dẫn`
        elif subject and verb == "thuc hien":
            pairs.append(("executing", subject))
            when = clause[at + len("thực hiện"):].strip(" ,")
            if when and parse_timeframe(when)["kind"] != "none":
                pairs.append(("time", when))
            elif when and strict:
                return []  # `(X thực hiện, quý II/2026)` is a role bracket; `(X thực hiện mô hình)` is not
        elif parse_timeframe(clause)["kind"] != "none":
            pairs.append(("time", clause))
        elif subject and not strict and verb in ("chiu trach nhiem", "co trach nhiem", "dam nhiem"):
            pairs.append(("executing", subject))  # `thủ trưởng các đơn vị chịu trách nhiệm ban hành ...`
        else:
            return []
    return pairs if any(role in ("lead", "lead_coop", "executing") for role, _ in pairs) else []
