"""Document fields: kind, symbol, issuer, place, date, title and signer (GUIDE.md `document`)."""

from __future__ import annotations

import re
from typing import Any

from danvan.reader.parse.lines import Line
from danvan.reader.parse.text import afold, capitalise_places, clean, is_mostly_upper, ocr_key, sentence_case

KINDS = {
    "ke hoach": "Kế hoạch", "chuong trinh": "Chương trình", "de an": "Đề án", "quyet dinh": "Quyết định",
    "cong van": "Công văn", "huong dan": "Hướng dẫn", "chi thi": "Chỉ thị", "nghi quyet": "Nghị quyết",
    "thong bao": "Thông báo", "ke hoach lien tich": "Kế hoạch liên tịch", "chuong trinh hanh dong":
    "Chương trình hành động", "phuong an": "Phương án", "bao cao": "Báo cáo", "ke hoach phoi hop": "Kế hoạch phối hợp",
}
_OCR_KIND = {"ke hoach": ["ke hoach", "ké hoach", "kc hoach"]}
_SO = re.compile(r"^\s*(?:s[oốô6ó0]|s)\s*[:.]?\s*(\d{0,6})\s*([-/]\s*(?:\d{4}\s*/\s*)?[A-ZĐa-zđ][\w.&-]*"
                 r"(?:\s*[-/]\s*[\w&.]+)*)", re.I)
_DATE = re.compile(r"ng[aà]y\s*(\d{0,2})\s*th[aá]ng\s*(\d{0,2})\s*n[aăâ]m\s*(\d{4})?|"
                   # or in figures, on a line of its own after the place: `Tân Phú, ngày 05/3/2026`
                   r"(?<=,)\s*ng[aà]y\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$", re.I)
_VV = re.compile(r"^\s*V/v\.?\s*:?\s*(.*)$", re.I)
_MOTTO = re.compile(r"c[o6]ng h[oò]a|d[eéoô]c\s*[l1i]ap|t[uư]\s*do|h[aạ]nh ph[uú]c|chu nghia|dang cong san", re.I)
_AUTH = re.compile(r"^(TM|KT|Q|TL|TUQ|T\.M|K\.T)\s*\.\s*(.*)$|^(T/M|K/T)\s*\.?\s*(.*)$")
_ABBR = [
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"), (re.compile(r"\bHĐND\b|\bHDND\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bTP\.?\s*"), "thành phố "), (re.compile(r"\bTX\.?\s*"), "thị xã "),
    (re.compile(r"\bMTTQ\b"), "Mặt trận Tổ quốc"),
]
_ORG_WORDS = ("van phong", "so ", "phong ", "ban ", "trung tam", "uy ban", "hoi dong", "thanh tra", "cuc ", "chi cuc",
              "cong an", "bo chi huy", "dang uy", "dai ", "bao ")
_POSITION = re.compile(r"^(?:ph[oó]\s+)?(?:ch[uủ]\s*t[iị]ch|gi[aá]m\s*[dđ][oố]c|ch[aá]nh\s+v[aă]n\s+ph[oò]ng|"
                       r"tr[uư][oở]ng\s+\w+|b[ií]\s*th[uư]|th[uủ]\s*tr[uư][oở]ng|ph[oó]\s+\w+|ch[aá]nh\s+\w+|"
                       r"t[oổ]ng\s+gi[aá]m\s+[dđ][oố]c|vi[eệ]n\s+tr[uư][oở]ng)", re.I)
_NAME = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+\.?\s+){1,4}[A-ZÀ-ỸĐ][a-zà-ỹđ]+$")
# a degree or a rank printed before the signer's name: `BSCKII. Lương Văn Thịnh`, `TS. ...`, `Đại tá ...`
_DEGREE = re.compile(r"^(?:(?:PGS|GS|TS|ThS|BS|BSCK(?:I{1,2}|[12])?|DS|KS|CN|LS)\.\s*)+|"
                     r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|úy|uý)\s+(?=\S+\s+\S)")


# precompiled patterns of the helpers below
_SEGMENTS = re.compile(r"_{2,}|~|\s{3,}|:\s*")
_NAME_CUT = re.compile(r"~|_{2,}|\s{3,}")


def _expand(text: str) -> str:
    for rx, full in _ABBR:
        text = rx.sub(full, text)
    return re.sub(r"\s+", " ", text).strip()


def _title_case_org(text: str) -> str:
    text = _expand(clean(text))
    if is_mostly_upper(text) or text.split()[-1].isupper():
        text = sentence_case(text)
        # keep place names capitalised after the admin level words
        text = re.sub(r"\b(thành phố|tỉnh|thị xã|huyện|quận|xã|phường)\s+(\w)",
                      lambda m: f"{m.group(1)} {m.group(2).upper()}", text)
        words = text.split()
        for i in range(1, len(words)):  # capitalised in turn, so that a place's later words follow its first
            w, before = words[i], words[i - 1]
            if before[:1].isupper() and afold(before) not in ("uy", "ban", "van", "hoi", "nhan", "dan") and \
                    afold(w) not in ("nhan", "dan") and not (afold(w) == "dong" and afold(before) == "hoi") \
                    and not (afold(w) == "phong" and afold(before) == "van") \
                    and any(afold(words[j]) in ("pho", "tinh", "xa", "huyen", "quan", "phuong")
                            for j in range(max(0, i - 3), i)):
                words[i] = w[:1].upper() + w[1:]
        text = " ".join(words)
        if words and afold(words[0]) in ("so", "phong", "ban", "cuc", "vu", "chi", "bo") and len(words) > 1 and \
                words[1][:1].islower() and afold(words[1]) not in ("nhan", "cuc"):
            words = text.split()
            words[1] = words[1][:1].upper() + words[1][1:]
            text = " ".join(words)
        text = _PARTY_COMMITTEE.sub(lambda m: f"{m.group(1).capitalize()} ủy " + " ".join(
            w[:1].upper() + w[1:] for w in m.group(2).split()), text)
    return text


# `TỈNH ỦY NGHỆ AN` → `Tỉnh ủy Nghệ An`: a Party committee named by its province or district
_PARTY_COMMITTEE = re.compile(r"\b(Tỉnh|tỉnh|Thành|thành|Huyện|huyện|Quận|quận|Thị|thị)\s+[Ủủ]y\s+(\w[\w\s-]*)$")


def find_kind(lines: list[Line], limit: int = 40) -> int | None:
    """Index of the line that names the document type (`KẾ HOẠCH`)."""
    for i, line in enumerate(lines[:limit]):
        if line.footnote or line.kind != "para" or len(line.text) > 40:
            continue
        key = ocr_key(line.text).replace(",", "")
        if key in KINDS or key.replace("kc ", "ke ") in KINDS:
            return i
    return None


def parse_header(lines: list[Line], kind_index: int | None) -> dict:
    doc: dict[str, Any] = {"kind": None, "symbol": None, "issuer": None, "place": None, "date": None, "title": None,
           "signer": {"name": None, "position": None, "authority": None}}
    flags: list[dict] = []
    head = lines[: (kind_index if kind_index is not None else min(12, len(lines)))]
    if kind_index is not None:
        key = ocr_key(lines[kind_index].text).replace(",", "")
        doc["kind"] = KINDS.get(key) or KINDS.get(key.replace("kc ", "ke "))
    symbol_found = False
    issuer_lines: list[str] = []
    for line in head[:15]:
        text = line.text
        m = _SO.match(text)
        if m:
            symbol_found = True
            number, rest = m.group(1), re.sub(r"\s+", "", m.group(2))
            rest = re.sub(r"[.,;]+$", "", rest)
            if number:
                from danvan.reader.parse.citations import normalise_symbol
                sep = rest[:1]
                doc["symbol"] = normalise_symbol(number, "", sep, rest[1:].lstrip("-/"))
            text = text[m.end():]
        dm = _DATE.search(text)
        if dm and dm.group(4) is not None and (dm.start() > 40 or any(c.isdigit() for c in text[:dm.start()])):
            dm = None
        if dm:
            place = clean(text[: dm.start()])
            if place and len(place) < 40:
                doc["place"] = place if not is_mostly_upper(place) else place.title()
            day, month, year = dm.group(1, 2, 3) if dm.group(4) is None else dm.group(4, 5, 6)
            if day and month and year:
                d, mo, y = int(day), int(month), int(year)
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    doc["date"] = f"{y:04d}-{mo:02d}-{d:02d}"
            continue
        if m:
            continue
        motto = _MOTTO.search(afold(text))
        left = text[: motto.start()] if motto else text
        caps = re.match(r"^(?:[^\w\s]*[A-ZÀ-ỸĐ0-9][^\sa-zà-ỹđ]*\s*)+", left)
        left = clean(caps.group(0)) if caps else ""
        if left and is_mostly_upper(left) and not _VV.match(left):
            issuer_lines.append(left)
        vv = _VV.match(line.text)
        if vv and vv.group(1):
            title = clean(vv.group(1))
            doc["title"] = title[:1].upper() + title[1:]
            doc["kind"] = doc["kind"] or "Công văn"
    if issuer_lines:
        doc["issuer"] = _issuer_from(issuer_lines)
    if kind_index is not None and doc["title"] is None:
        parts: list[str] = []
        for line in lines[kind_index + 1: kind_index + 5]:
            if line.kind != "para" or line.footnote or line.role:
                break
            f = afold(line.text)
            if parts and (f.startswith(("thuc hien ", "can cu ")) or len(" ".join(parts)) > 250):
                break
            if parts and line.upper and not is_mostly_upper(parts[-1]):
                break  # `BỘ TRƯỞNG BỘ NỘI VỤ` under a Quyết định's title: who decides, not the title
            parts.append(line.text)
            ends = line.text.endswith((".", ";", ":")) or (not line.upper and len(line.text) > 60)
            if ends and not (line.upper and len(parts) == 1):
                break
        title = clean(" ".join(parts))
        if title:
            if is_mostly_upper(title):
                title = capitalise_places(sentence_case(title))
            doc["title"] = title[:1].upper() + title[1:]  # `lãnh đạo thực hiện ...` under KẾ HOẠCH is a sentence
    if not symbol_found or doc["symbol"] is None:
        flags.append({"code": "no_symbol", "message": "Văn bản chưa có số, ký hiệu"})
    if doc["date"] is None:
        flags.append({"code": "no_date", "message": "Văn bản chưa có ngày ban hành (có thể là bản dự thảo)"})
    return {"document": doc, "flags": flags}


def _issuer_from(issuer_lines: list[str]) -> str | None:
    issuer_lines = [x for x in issuer_lines if len(x) > 2 and not x.startswith(("Số", "SỐ"))][:3]
    if not issuer_lines:
        return None
    if len(issuer_lines) == 3 and afold(issuer_lines[1]).startswith(_ORG_WORDS) and \
            not afold(issuer_lines[2]).startswith(_ORG_WORDS):
        # `BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ` / `DÂN CHỦ Ở CƠ SỞ`: the body's name wrapped onto the next line
        issuer_lines = [issuer_lines[0], f"{issuer_lines[1]} {issuer_lines[2]}"]
    if len(issuer_lines) >= 2 and afold(issuer_lines[0]).startswith("dang bo ") and \
            re.search(r"\buy\b|^(?:ban|chi bo|dang uy)\b", afold(issuer_lines[-1])):
        return _title_case_org(issuer_lines[-1])  # `ĐẢNG BỘ TỈNH X` above `HUYỆN ỦY Y`: the committee issues
    if len(issuer_lines) == 2:
        joint = [_title_case_org(x) for x in issuer_lines]
        places = [_PLACE_OF.search(x) for x in joint]
        if all(afold(x).startswith(_PEER_BODIES) for x in issuer_lines) and all(places) and \
                places[0].group(0) == places[1].group(0):
            return " và ".join(joint)  # `ỦY BAN NHÂN DÂN XÃ X` over `ỦY BAN MẶT TRẬN ... XÃ X`: a joint plan
    if len(issuer_lines) >= 2 and afold(issuer_lines[-1]).startswith(_ORG_WORDS) and \
            afold(issuer_lines[0]).startswith(("ubnd", "uy ban", "bo ", "tinh uy", "thanh uy", "so ")):
        body = _title_case_org(issuer_lines[-1])
        if _PLACE_OF.search(body):
            return body  # `SỞ NỘI VỤ TỈNH LÀO CAI` names its place itself
        parent = _title_case_org(" ".join(issuer_lines[:-1]))
        if afold(parent).startswith("uy ban nhan dan ") and not afold(body).startswith("van phong"):
            # a department of a People's Committee is named by its locality: `Sở Nội vụ tỉnh Nghệ An`; only
            # the Committee's own office carries its name (`Văn phòng Ủy ban nhân dân thành phố Cần Thơ`)
            parent = parent[len("Ủy ban nhân dân "):]
            level = parent.split()[0] if parent.split() else ""
            if level and afold(body).endswith(" " + afold(level)):
                parent = parent[len(level):].strip()  # `Thanh tra tỉnh` of `tỉnh Lào Cai`: `Thanh tra tỉnh Lào Cai`
        return clean(f"{body} {parent[:1].upper() if parent[:1].isupper() else parent[:1]}{parent[1:]}")
    if len(issuer_lines) >= 2:
        # `SỞ Y TẾ TỈNH LÀO CAI` above `BỆNH VIỆN ĐA KHOA TỈNH`: the unit of the province the line above names
        body = _title_case_org(issuer_lines[-1])
        place = _PLACE_OF.search(_title_case_org(" ".join(issuer_lines[:-1])))
        if place and afold(body).endswith(" " + afold(place.group(1))):
            return f"{body} {place.group(2)}"
    return _title_case_org(" ".join(issuer_lines))


# bodies of one locality that issue joint plans, each under its own name
_PEER_BODIES = ("uy ban", "ubnd", "hoi dong", "hdnd", "dang uy")
# an administrative level and the place's name after it, at the end of a body's name
_PLACE_OF = re.compile(r"\b(tỉnh|thành phố|xã|phường|đặc khu)\s+([A-ZÀ-ỸĐ][\w\s-]*)$")


_ISSUES = re.compile(r"(?:^|[.;,:]\s+)((?:Ủy|Uỷ|UBND|Ban|Sở|Văn|Vin|Hội|Phòng|Trung|Đảng|Thành|Tỉnh|Uy|Bộ|Cục)"
                     r"[^.;,:]{2,120}?)\s+(?:ban h[aà]nh|x[aâ]y d[uự]ng)\s+(?:K[eếé]|k[eếé]|Ch|ch|Đ|đ)", re.M)


def issuer_from_opening(lines: list[Line], start: int, stop: int) -> str | None:
    """`..., Ủy ban nhân dân thành phố ban hành Kế hoạch ...` → `Ủy ban nhân dân thành phố`."""
    best = None
    for line in lines[start:stop]:
        if line.kind == "roman":
            break
        for m in _ISSUES.finditer(line.text):
            cand = clean(m.group(1))
            if afold(cand).split()[:1] and " cua " not in f" {afold(cand)} ":
                best = cand
    return best


def _position_case(printed: str) -> str:
    """`PHÓ CHỦ TỊCH THƯỜNG TRỰC` → `Phó Chủ tịch Thường trực`, `CHÁNH VĂN PHÒNG` → `Chánh Văn phòng`: a title is
    capitalised on its first word and on the office after `Phó`/`Chánh`."""
    words = sentence_case(printed).split()
    if len(words) > 1 and afold(words[0]) in ("pho", "chanh"):
        words[1] = words[1][:1].upper() + words[1][1:]
    text = " ".join(words)
    at = afold(text).find(" thuong truc")
    return text if at < 0 else text[:at + 1] + text[at + 1].upper() + text[at + 2:]


def parse_signer(tail: list[Line]) -> dict:
    signer: dict[str, str | None] = {"name": None, "position": None, "authority": None}
    authority: list[str] = []
    position = None
    name = None
    signed_at = None  # the line of the last authority or position: the name is printed below it
    for at, line in enumerate(tail):
        segments = _SEGMENTS.split(line.text)
        if line.kind == "bullet" and len(segments) == 1 and "; " in line.text:
            segments = line.text.split("; ", 1)  # `- Bộ Nội vụ; KT. CHỦ TỊCH`: the signature block beside the list
        for seg in segments:
            seg = clean(seg.replace("*", ""))
            if not seg or line.kind == "bullet" and seg is segments[0]:
                continue
            am = _AUTH.match(seg)
            if am and is_mostly_upper(seg):
                if am.group(1):
                    authority.append(f"{am.group(1)}. {sentence_case(am.group(2))}".strip())
                else:  # `T/M BAN THƯỜNG VỤ` as printed: `T/M Ban Thường vụ`
                    authority.append(f"{am.group(3)} {_title_case_org(am.group(4))}".strip())
                signed_at = at
                continue
            if is_mostly_upper(seg) and _POSITION.match(afold(seg)) and len(seg) < 50:
                position = _position_case(seg)
                signed_at = at
                continue
    below = tail[signed_at + 1: signed_at + 5] if signed_at is not None else []
    for line in below + list(reversed(tail[-6:])):  # under the position first, else the last lines
        text = line.text.split("; ", 1)[-1] if line.kind == "bullet" else line.text
        seg = _DEGREE.sub("", clean(_NAME_CUT.split(text)[-1].replace("*", "")))
        if _NAME.match(seg) and not _POSITION.match(afold(seg)):
            name = seg
            break
    signer["authority"] = "; ".join(authority) or None
    signer["position"] = position
    signer["name"] = name
    return signer
