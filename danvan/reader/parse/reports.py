"""Reporting duties (GUIDE.md `reports`): period, due dates, sender and recipients of each `báo cáo`."""

from __future__ import annotations

import re

from danvan.reader.parse.lines import Line
from danvan.reader.parse.mentions import _VN_CHARS, _is_org_start, _verb_at, roles_from_text, split_mentions
from danvan.reader.parse.text import afold, clean

_REPORT = re.compile(r"\bb\w{1,2}o\s+c\w{1,2}o\b|\bphan anh ve\b")
_MAYBE_REPORT = re.compile(r"\bb\w{1,2}o\s+c\w{1,2}o\b|\bphan anh ve\b|\bv\w{1,3}ng\s+m\w{1,2}c\b|"
                           r"\bkho khan\b")
_TROUBLE = re.compile(r"\bv\w{1,3}ng\s+m\w{1,2}c\b|\bkho khan\b")
_PERIODS = [
    ("daily", re.compile(r"\bh[ae]ng ngay\b|\bmoi ngay\b")),
    ("weekly", re.compile(r"\bh[ae]ng tuan\b|\bmoi tuan\b")),
    ("monthly", re.compile(r"\bh[ae]ng thang\b|\bmoi thang\b")),
    ("quarterly", re.compile(r"\bh[ae]ng quy\b|\bquy\s+(?:i|1)\b|\bmoi quy\b|\bbao cao quy\b")),
    ("six_months", re.compile(r"\b(?:6|06|sau) thang\b")),
    ("nine_months", re.compile(r"\b(?:9|09|chin) thang\b")),
    ("annual", re.compile(r"\bh[ae]ng nam\b|\bmoi nam\b|\bcuoi nam\b|(?:thang|quy|bao cao|dinh ky|va)\s*,?\s*nam\b(?!\s*\d)")),
    ("ad_hoc", re.compile(r"\bdot xuat\b")),
]
_ON_DEMAND = re.compile(r"\b(?:khi|theo)\s+(?:co\s+)?y\w{0,2}u\s+c\w{1,2}u\b")
_UNSPECIFIED = re.compile(r"\btheo quy dinh\b|\bdinh ky\b")
_DUE = re.compile(r"\b(?:truoc|cham nhat(?: la)?|vao|han(?: chot)?|khong qua)\s+(?:ngay\s+)?"
                  r"(\d{1,2})\s*(?:thang\s*|/\s*)(\d{1,2}(?:\s*,\s*\d{1,2}){0,11})"
                  r"(?:\s*(?:/|,?\s*nam)\s*(\d{4}))?"
                  r"((?:\s*(?:,|va)\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?){0,6})")
_MONTHLY_DAY = re.compile(r"\b(?:truoc|cham nhat(?: la)?|vao)\s+ngay\s+(\d{1,2})\s+(?:h[ae]ng|moi|cua moi)\s+thang\b")
_TRIGGER = re.compile(r"(?:^|(?<=[\s,(]))(gửi về|gửi|về|báo cáo|trình|qua|tham mưu|phản ánh về|"
                      r"gui ve|gui|giri ve|ve|vé|bao cao|bao cdo|trinh|qua|tham muu)\s+", re.I)
_STOPS = {"về", "theo", "trước", "những", "kết", "xem", "để", "trong", "khi", "nếu", "hoặc", "tại", "việc", "của",
          "ve", "vé", "de", "dé", "truoc", "ket", "két", "neu", "tai", "cua", "viec", "nhung"}
_SENTENCE = re.compile(r"(?<=[^\s.A-ZĐ])\.\s+(?=[A-ZÀ-ỸĐ])|\./\.")


def _recipients(sentence: str) -> list[str]:
    out: list[str] = []
    diacritics = bool(_VN_CHARS.search(sentence))
    for n, m in enumerate(_TRIGGER.finditer(sentence)):
        if n > 40 or len(out) > 20:
            break
        rest = sentence[m.end(): m.end() + 300]
        if not _is_org_start(rest):
            continue
        tokens = [(t.group(0), t.start()) for t in re.finditer(r"[^\s,;:.()]+|[,;:.()]", rest)]
        lowered = [t.lower() for t, _ in tokens]
        folded = [afold(t) for t, _ in tokens]
        end = len(rest)
        for i, (tok, start) in enumerate(tokens):
            if tok in (",", ";", ":", ".", "(", ")") or i > 14:
                end = start
                break
            if i == 0:
                continue
            if lowered[i] in _STOPS or (tok[:1].islower() and _verb_at([t for t, _ in tokens], lowered, folded, i,
                                                                         diacritics)):
                end = start
                break
        for mention in split_mentions(rest[:end]):
            if mention not in out:
                out.append(mention)
    return out


def _dues(folded: str) -> list[tuple[int, list[str], bool]]:
    """Due groups in a reporting sentence: (position, dates, monthly)."""
    groups: list[tuple[int, list[str], bool]] = []
    for m in _MONTHLY_DAY.finditer(folded):
        groups.append((m.start(), [f"---{int(m.group(1)):02d}"], True))
    for m in _DUE.finditer(folded):
        if any(abs(g[0] - m.start()) < 3 for g in groups):
            continue
        day = int(m.group(1))
        months = [int(x) for x in re.findall(r"\d{1,2}", m.group(2))]
        year = m.group(3)
        if not year:
            tail = folded[m.end(): m.end() + 25]
            ym = re.match(r"\s*(?:,?\s*nam\s*|/\s*)(\d{4})", tail)
            year = ym.group(1) if ym else None
        dates = []
        for mo in months:
            if 1 <= mo <= 12 and 1 <= day <= 31:
                dates.append(f"{year}-{mo:02d}-{day:02d}" if year else f"--{mo:02d}-{day:02d}")
        for extra in re.finditer(r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?", m.group(4) or ""):
            d, mo, y = int(extra.group(1)), int(extra.group(2)), extra.group(3) or year
            if 1 <= mo <= 12 and 1 <= d <= 31:
                dates.append(f"{y}-{mo:02d}-{d:02d}" if y else f"--{mo:02d}-{d:02d}")
        if dates:
            groups.append((m.start(), dates, False))
    groups.sort(key=lambda g: g[0])
    return groups


def reports_in_sentence(sentence: str, sender: list[str], closing: bool = False) -> list[dict]:
    sentence = sentence[:3000]
    folded = afold(sentence)
    trouble = _TROUBLE.search(folded)
    if not _REPORT.search(folded) and not (trouble and re.search(r"\bgui\b|\bve\b", folded)):
        return []
    tokens: list[tuple[int, str]] = []
    for period, rx in _PERIODS:
        for m in rx.finditer(folded):
            tokens.append((m.start(), period))
    tokens.sort()
    dues = _dues(folded)
    periods = [p for _, p in tokens]
    if trouble and "ad_hoc" not in periods and (closing or not periods):
        tokens.append((trouble.start(), "ad_hoc"))
    if not tokens and _ON_DEMAND.search(folded):
        tokens.append((_ON_DEMAND.search(folded).start(), "ad_hoc"))
    if not tokens:
        if any(g[2] for g in dues):
            tokens.append((dues[0][0], "monthly"))
        elif dues:
            tokens.append((dues[0][0], "annual" if any(d.startswith("--") for g in dues for d in g[1]) else
                           "unspecified"))
        else:
            tokens.append((0, "unspecified"))
    tokens.sort()
    # attach due groups to the periods printed before them (or, failing that, to the next one)
    assigned: dict[int, list[str]] = {}
    events = sorted([(pos, "p", i) for i, (pos, _) in enumerate(tokens)] +
                    [(pos, "d", i) for i, (pos, _, _) in enumerate(dues)])
    pending: list[int] = []
    held: list[str] | None = None
    for _, kind, idx in events:
        if kind == "p":
            if tokens[idx][1] == "ad_hoc":
                continue
            if held is not None:
                assigned[idx] = held
                held = None
            else:
                pending.append(idx)
        else:
            dates = dues[idx][1]
            if not pending:
                held = dates
            elif len(dates) == len(pending) and len(dates) > 1:
                for p_idx, d in zip(pending, dates, strict=True):
                    assigned[p_idx] = [d]
                pending = []
            else:
                assigned[pending[-1]] = dates
                pending = []
    recipients = _recipients(sentence)
    entries: dict[str, dict] = {}
    for i, (_, period) in enumerate(tokens):
        due = assigned.get(i)
        if period in ("daily", "weekly"):
            due = None
        entry = entries.get(period)
        if entry is None:
            entry = {"from": list(sender), "to": list(recipients), "period": period, "due": None,
                     "raw": clean(sentence)[:600]}
            entries[period] = entry
        if due:
            current = entry["due"] if isinstance(entry["due"], list) else ([entry["due"]] if entry["due"] else [])
            for d in due:
                if d not in current:
                    current.append(d)
            entry["due"] = current[0] if len(current) == 1 else current
    return list(entries.values())


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s and s.strip()]


def collect_reports(nodes, tasks, closing: list[Line]) -> list[dict]:
    from danvan.reader.parse.outline import Node  # local import to avoid a cycle

    units: list[tuple[str, list[str], bool]] = []

    def walk(node: Node, inherited_sender: list[str]) -> None:
        texts = [node.text] if node.kind != "roman" else []
        sender = inherited_sender
        if node.text and node.kind != "roman":
            got = roles_from_text(node.text)
            sender = got.get("lead") or got.get("executing") or inherited_sender
        for item in node.body:
            if isinstance(item, Line) and not item.role:
                if node.kind == "roman":
                    got = roles_from_text(item.text)
                    s = got.get("lead") or got.get("executing") or sender
                    units.append((item.text, s, False))
                else:
                    texts.append(item.text)
        if texts:
            units.append((" ".join(t for t in texts if t), sender, False))
        for child in node.children:
            walk(child, sender)

    from danvan.reader.parse.outline import section_is_task

    for node in nodes:
        key = re.sub(r"[^a-z ]+", "", afold(node.text))
        if node.kind == "root" or section_is_task(node) or \
                re.search(r"to chuc th\w{0,2}c hien|bao cao|trach nhiem|phan cong|dieu khoan", key):
            walk(node, [])
    closing_texts = []
    for line in closing:
        if re.match(r"^(?:noi nhan|noi nhen|kinh gui)", afold(line.text[:12])):
            break
        closing_texts.append(line.text)
    if closing_texts:
        units.append((" ".join(closing_texts), [], True))
    reports: list[dict] = []
    for text, sender, is_closing in units:
        if not _MAYBE_REPORT.search(afold(text)):
            continue
        for sentence in _sentences(text):
            if not _MAYBE_REPORT.search(afold(sentence)):
                continue
            sent_sender = sender
            got = roles_from_text(sentence)
            if got.get("lead") or got.get("executing"):
                sent_sender = got.get("lead") or got.get("executing")
            elif is_closing:
                m = re.search(r"(?:vướng mắc|vuong mac)\s*,\s*(.*)", sentence, re.I)
                if m:
                    got = roles_from_text(m.group(1))
                    sent_sender = got.get("lead") or got.get("executing") or []
            for entry in reports_in_sentence(sentence, sent_sender, is_closing):
                merged = False
                for existing in reports:
                    if existing["from"] and existing["from"] == entry["from"] and existing["period"] == entry["period"]:
                        existing["to"] += [t for t in entry["to"] if t not in existing["to"]]
                        if existing["due"] is None:
                            existing["due"] = entry["due"]
                        merged = True
                        break
                if not merged:
                    reports.append(entry)
    return reports
