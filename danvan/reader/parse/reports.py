"""Reporting duties (GUIDE.md `reports`): period, due dates, sender and recipients of each `báo cáo`."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from danvan.reader.parse.lines import Line, TableItem
from danvan.reader.parse.mentions import _VN_CHARS, Words, _is_org_start, roles_from_text, split_mentions
from danvan.reader.parse.text import afold, afold_sliceable, clean

# Patterns on folded text. A word boundary before the first letter is written as a look-behind after it
# (`b(?<!\wb)...` == `\bb...`), so that the regex engine can skip ahead to the possible first letters.
# `báo cáo`, `phản ánh về`, `gửi kết quả` (results sent on a schedule are a report under another name)
_REPORT = re.compile(r"b(?<!\wb)\w{1,2}o\s+c\w{1,2}o\b|p(?<!\wp)han anh ve\b|g(?<!\wg)ui ket qua\b")
_MAYBE_REPORT = re.compile(r"b(?<!\wb)\w{1,2}o\s+c\w{1,2}o\b|p(?<!\wp)han anh ve\b|g(?<!\wg)ui ket qua\b|"
                           r"v(?<!\wv)\w{1,3}ng\s+m\w{1,2}c\b|k(?<!\wk)ho khan\b")
_TROUBLE = re.compile(r"v(?<!\wv)\w{1,3}ng\s+m\w{1,2}c\b|k(?<!\wk)ho khan\b")
_NOT_DIGIT_AFTER = r"\s*,?\s*nam\b(?!\s*\d)"
# (period, a word every match contains — a cheap test before the regex, pattern)
_PERIODS = [
    ("daily", "ngay", re.compile(r"h(?<!\wh)[ae]ng ngay\b|m(?<!\wm)oi ngay\b")),
    ("weekly", "tuan", re.compile(r"h(?<!\wh)[ae]ng tuan\b|m(?<!\wm)oi tuan\b")),
    ("monthly", "thang", re.compile(r"h(?<!\wh)[ae]ng thang\b|m(?<!\wm)oi thang\b")),
    ("quarterly", "quy", re.compile(r"h(?<!\wh)[ae]ng quy\b|q(?<!\wq)uy\s+(?:i|1)\b|m(?<!\wm)oi quy\b|"
                                    r"b(?<!\wb)ao cao quy\b")),
    ("six_months", "thang", re.compile(r"(?:6(?<!\w6)|0(?<!\w0)6|s(?<!\ws)au) thang\b")),
    ("nine_months", "thang", re.compile(r"(?:9(?<!\w9)|0(?<!\w0)9|c(?<!\wc)hin) thang\b")),
    # `\bh[ae]ng nam\b|\bmoi nam\b|\bcuoi nam\b|(?:thang|quy|bao cao|dinh ky|va|tong ket)\s*,?\s*nam\b(?!\s*\d)`
    # ... and the year's results: `kết quả thực hiện ... năm 2026` (no month or quarter in between; `chính quyền`
    # is no `quý`)
    ("annual", "nam", re.compile(r"h(?<!\wh)[ae]ng nam\b|m(?<!\wm)oi nam\b|c(?<!\wc)uoi nam\b|" + "|".join(
        w + _NOT_DIGIT_AFTER for w in ("thang", "quy", "bao cao", "dinh ky", "va", "tong ket")) +
        r"|k(?<!\wk)et qua thuc hien(?:(?!\b(?:thang|quy|nam)\b)[^;.()]){0,80}?\bnam \d{4}\b"
        # `6 tháng trước ngày 20/6/2026, năm trước ngày 20/11/2026`
        r"|[,;]\s*nam\s+(?=truoc\b|cham nhat\b)")),
    # `đột xuất`; `kịp thời báo cáo`, `báo cáo ngay` (incidents, as they happen)
    ("ad_hoc", "", re.compile(r"d(?<!\wd)ot xuat\b|k(?<!\wk)ip thoi bao cao\b|b(?<!\wb)ao cao ngay\b(?!\s*\d)")),
]
_ON_DEMAND = re.compile(r"(?:k(?<!\wk)hi|t(?<!\wt)heo)\s+(?:co\s+)?y\w{0,2}u\s+c\w{1,2}u\b")
_DIGIT = re.compile(r"\d")
# `trước ngày 15 của tháng cuối quý`: a day of the last month of every quarter
_QUARTER_END_DAY = re.compile(r"(?:t(?<!\wt)ruoc|c(?<!\wc)ham nhat(?: la)?|v(?<!\wv)ao)\s+ngay\s+(\d{1,2})\s+"
                              r"(?:cua\s+)?thang\s+cuoi\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy\b")
_UNSPECIFIED = re.compile(r"\btheo quy dinh\b|\bdinh ky\b")
_DUE = re.compile(r"(?:t(?<!\wt)ruoc|c(?<!\wc)ham nhat(?: la)?|v(?<!\wv)ao|h(?<!\wh)an(?: chot)?|k(?<!\wk)hong qua)"
                  r"\s+(?:ngay\s+)?"
                  # months listed (`15 tháng 3, 6, 9/2025`, `18 tháng 3, tháng 6 và tháng 9`), not the next date
                  # (`15/3, 15/6`)
                  r"(\d{1,2})\s*(?:thang\s*|/\s*)(\d{1,2}(?:\s*(?:,|va)\s*(?:thang\s*)?\d{1,2}(?!\d|\s*/\s*\d{1,2}(?!\d))){0,11})"
                  r"(?:\s*(?:/|,?\s*nam)\s*(\d{4}))?"
                  r"((?:\s*(?:,|va)\s*(?:ngay\s*)?\d{1,2}\s*(?:thang\s*|/\s*)\d{1,2}(?:\s*(?:/|,?\s*nam)\s*\d{4})?){0,6})")
# the further dates of a due group: `, 15/6`, `và ngày 05 tháng 11 năm 2026`
_EXTRA_DATE = re.compile(r"(\d{1,2})\s*(?:thang\s*|/\s*)(\d{1,2})(?:\s*(?:/|,?\s*nam)\s*(\d{4}))?")
_BARE_DAY = re.compile(r"(?:t(?<!\wt)ruoc|c(?<!\wc)ham nhat(?: la)?|v(?<!\wv)ao)\s+ngay\s+(\d{1,2})\b"
                       r"(?!\s*(?:/|-|\.|thang|cua|hang|moi)\s*)")
_EVERY_MONTH = re.compile(r"\b(?:h[ae]ng|moi)\s+thang\b")
_MONTHLY_DAY = re.compile(r"(?:t(?<!\wt)ruoc|c(?<!\wc)ham nhat(?: la)?|v(?<!\wv)ao)\s+ngay\s+(\d{1,2})\s+"
                          r"(?:h[ae]ng|moi|cua moi)\s+thang\b")
_TRIGGER = re.compile(r"(?:^|(?<=[\s,(]))(gửi về|gửi|về|báo cáo ngay|báo cáo|trình|qua|tham mưu|phản ánh về|"
                      r"gui ve|gui|giri ve|ve|vé|bao cao ngay|bao cao|bao cdo|trinh|qua|tham muu)\s+", re.I)
_TRIGGER_WORDS = ("gửi về", "gửi", "về", "báo cáo ngay", "báo cáo", "trình", "qua", "tham mưu", "phản ánh về",
                  "gui ve", "gui", "giri ve", "ve", "vé", "bao cao ngay", "bao cao", "bao cdo", "trinh", "qua",
                  "tham muu")


# precompiled patterns of the helpers below
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_RECIPIENT_LIST = re.compile(r"^(?:noi nhan|noi nhen|kinh gui)")


def _lower_trigger() -> re.Pattern:
    r"""`_TRIGGER` for lower-cased text, grouped by first letter (order kept within a group, the only order that
    matters) so that the regex engine can skip to those letters; `(?<![^\s,(]x)` after the first letter `x`
    is `(?:^|(?<=[\s,(]))` before it."""
    groups: dict[str, list[str]] = {}
    for word in _TRIGGER_WORDS:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    branches = [f"{re.escape(first)}(?<![^\\s,(]{re.escape(first)})(?:{'|'.join(rests)})"
                for first, rests in groups.items()]
    return re.compile(f"(?:{'|'.join(branches)})\\s+")


_TRIGGER_LOWER = _lower_trigger()


def _trigger_ends(sentence: str) -> list[int]:
    """End offsets of the `_TRIGGER` matches in `sentence`."""
    low = sentence.lower()
    # re.I also pairs `i` with `ı`; lower() may change lengths (`İ`): then use the case-insensitive pattern
    if len(low) == len(sentence) and "ı" not in low:
        return [m.end() for m in _TRIGGER_LOWER.finditer(low)]
    return [m.end() for m in _TRIGGER.finditer(sentence)]


_STOPS = {"về", "theo", "trước", "những", "kết", "xem", "để", "trong", "khi", "nếu", "hoặc", "tại", "việc", "của",
          "hằng", "mỗi",  # `báo cáo Ủy ban bầu cử tỉnh hằng tuần`
          "ve", "vé", "de", "dé", "truoc", "ket", "két", "neu", "tai", "cua", "viec", "nhung"}
# `(?<=[^\s.A-ZĐ])\.\s+(?=[A-ZÀ-ỸĐ])|\./\.` with the look-behind after the period (the engine skips to periods)
_SENTENCE = re.compile(r"\.(?:(?<=[^\s.A-ZĐ]\.)\s+(?=[A-ZÀ-ỸĐ])|/\.)")


def _recipients(sentence: str, spans: list[tuple[int, int]] | None = None) -> list[str]:
    out: list[str] = []
    diacritics = bool(_VN_CHARS.search(sentence))
    ends = _trigger_ends(sentence)
    if spans is not None:  # only the clauses that speak of the report: `tham mưu X triển khai; ... báo cáo Y`
        ends = [end for end in ends if any(a <= end <= b for a, b in spans)]
    for n, trigger_end in enumerate(ends):
        if n > 40 or len(out) > 20:
            break
        rest = sentence[trigger_end: trigger_end + 300]
        if not _is_org_start(rest):
            continue
        # the loop below stops by token 15 and a verb spans at most 3 words: later tokens never matter
        words = Words(rest, 17)
        end = len(rest)
        i = -1
        while words.has(i + 1):
            i += 1
            tok, start = words.tokens[i], words.starts[i]
            if tok == "," and i < 14 and rest[start + 1:].lstrip()[:1].isupper():
                continue  # `Ủy ban nhân dân tỉnh, Bộ Nội vụ`, `Sở Văn hóa, Thể thao và Du lịch`: the name goes on
            if tok in (",", ";", ":", ".", "(", ")") or i > 14 or (i and tok[:1].isdigit()):
                end = start
                break
            if i == 0:
                continue
            if words.lowered[i] in _STOPS or (tok[:1].islower() and words.verb_at(i, diacritics)):
                end = start
                break
        for mention in split_mentions(rest[:end]):
            if mention not in out:
                out.append(mention)
    return out


_SEMICOLON = re.compile(";")


def _reporting_clauses(folded: str, tokens: list) -> list[tuple[int, int]] | None:
    """The `;`-separated clauses of a sentence that speak of reports or of a period (None: the whole sentence)."""
    if ";" not in folded:
        return None
    bounds = [-1] + [m.start() for m in _SEMICOLON.finditer(folded)] + [len(folded)]
    spans = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)
             if _MAYBE_REPORT.search(folded, a + 1, b) or any(a < pos < b for pos, _ in tokens)]
    return spans or None


def _dues(folded: str) -> list[tuple[int, list[str], bool]]:
    """Due groups in a reporting sentence: (position, dates, monthly)."""
    groups: list[tuple[int, list[str], bool]] = []
    if not _DIGIT.search(folded):
        return groups  # every due date has a day number
    for m in _MONTHLY_DAY.finditer(folded):
        groups.append((m.start(), [f"---{int(m.group(1)):02d}"], True))
    if "thang" in folded:
        for m in _BARE_DAY.finditer(folded):
            if _EVERY_MONTH.search(folded, 0, m.start()) and 1 <= int(m.group(1)) <= 31:
                groups.append((m.start(), [f"---{int(m.group(1)):02d}"], True))  # `hằng tháng (trước ngày 20)`
    for m in _QUARTER_END_DAY.finditer(folded):
        if 1 <= int(m.group(1)) <= 30:
            groups.append((m.start(), [f"--{month:02d}-{int(m.group(1)):02d}" for month in (3, 6, 9, 12)], False))
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
        extras = list(_EXTRA_DATE.finditer(m.group(4) or ""))
        if not year and extras and extras[-1].group(3):
            # `trước ngày 15/3, 15/6, 15/9 và 15/12/2026`: the year printed last dates them all
            year = extras[-1].group(3)
            dates = [f"{year}{d[1:]}" for d in dates]
        for extra in extras:
            d, mo, y = int(extra.group(1)), int(extra.group(2)), extra.group(3) or year
            if 1 <= mo <= 12 and 1 <= d <= 31:
                dates.append(f"{y}-{mo:02d}-{d:02d}" if y else f"--{mo:02d}-{d:02d}")
        if dates:
            groups.append((m.start(), dates, False))
    groups.sort(key=lambda g: g[0])
    return groups


def reports_in_sentence(sentence: str, sender: list[str], closing: bool = False,
                        folded: str | None = None) -> list[dict]:
    """Reports of one sentence; `folded`, when given, is `afold` of its first 3000 characters."""
    sentence = sentence[:3000]
    if folded is None:
        folded = afold(sentence)
    trouble = _TROUBLE.search(folded)
    if not _REPORT.search(folded) and not (trouble and re.search(r"\bgui\b|\bve\b", folded)):
        return []
    tokens: list[tuple[int, str]] = []
    for period, keyword, rx in _PERIODS:
        if keyword not in folded:
            continue
        for m in rx.finditer(folded):
            tokens.append((m.start(), period))
    tokens.sort()
    # a deadline or a body in a clause that is not about the report is another task's (`hoàn thành trước ngày
    # 15/3/2026; định kỳ báo cáo 6 tháng ...`, `tham mưu X triển khai ...; báo cáo Y`)
    spans = _reporting_clauses(folded, tokens)
    dues = _dues(folded)
    if spans is not None:
        dues = [due for due in dues if any(a <= due[0] < b for a, b in spans)]
    periods = [p for _, p in tokens]
    if trouble and "ad_hoc" not in periods and (closing or not periods):
        tokens.append((trouble.start(), "ad_hoc"))
    if "ad_hoc" not in periods and ("khi" in folded or "theo" in folded):
        on_demand = _ON_DEMAND.search(folded)
        # alone, or as another occasion (`hằng năm ... và khi có yêu cầu`), not a gloss on a period (`(khi yêu cầu)`)
        if on_demand and (not tokens or folded[:on_demand.start()].rstrip().endswith((" va", " hoac"))):
            tokens.append((on_demand.start(), "ad_hoc"))
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
    recipients = _recipients(sentence, spans if len(folded) == len(sentence) else None)
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


def _duty_spans(text: str, folded_text: str | None) -> list[tuple[int, int]]:
    """The sentences of `text`, each cut again before a `;`-clause that names its own sender of a report when
    what comes before speaks of a report too: `Hằng tháng, các thôn báo cáo về UBND xã trước ngày 25; UBND xã
    tổng hợp, báo cáo UBND tỉnh 6 tháng ...` is two duties (`Các sở; UBND các xã báo cáo ...` is one)."""
    def folded(a: int, b: int) -> str:
        return folded_text[a:b] if folded_text is not None else afold(text[a:b])

    spans = []
    for start, end in _sentence_spans(text):
        piece_start = start
        cuts = [m.start() for m in _SEMICOLON.finditer(text, start, end)]
        for cut, clause_end in zip(cuts, cuts[1:] + [end], strict=False):  # no cut: no clause
            if _REPORT.search(folded(cut + 1, clause_end)) and _REPORT.search(folded(piece_start, cut)) and \
                    _subject_sender(text[cut + 1:clause_end]):
                spans.append((piece_start, cut))
                piece_start = cut + 1
        spans.append((piece_start, end))
    return spans


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank pieces `_SENTENCE.split(text)` gives."""
    spans = []
    pos = 0
    for m in _SENTENCE.finditer(text):
        if m.start() > pos and not text[pos:m.start()].isspace():
            spans.append((pos, m.start()))
        pos = m.end()
    if len(text) > pos and not text[pos:].isspace():
        spans.append((pos, len(text)))
    return spans


def _names_only_the_duty(node) -> bool:
    """`10. Thực hiện chế độ thông tin, báo cáo` over `a)`, `b)` that say who reports what: a title, no report."""
    if not node.children or node.body or not _MAYBE_REPORT.search(afold(node.text)):
        return False
    return all(entry["period"] == "unspecified" and not entry["due"] and not entry["to"]
               for entry in reports_in_sentence(node.text, []))


def collect_reports(nodes, tasks, closing: list[Line]) -> list[dict]:
    from danvan.reader.parse.outline import Node  # local import to avoid a cycle

    # (text, its sender when asked, closing paragraph, recipients when the text names none)
    units: list[tuple[str, Sender, bool, list[str]]] = []

    def walk(node: Node, inherited_sender: Sender) -> None:
        texts = [node.text] if node.kind != "roman" and not _names_only_the_duty(node) else []
        sender = inherited_sender
        if node.text and node.kind != "roman":
            sender = _once(partial(_node_sender, node.text, inherited_sender))
        intro: tuple[Sender, list[str]] | None = None  # `X gửi báo cáo về Y ..., cụ thể:` above bullets
        lines = [item for item in node.body if isinstance(item, Line) and not item.role]
        above_table: set[int] = set()
        if node.kind == "roman":
            for before, item in zip([None, *node.body], node.body, strict=False):
                rows = _report_table(item.rows) if isinstance(item, TableItem) else None
                if rows is None:
                    continue
                own = partial(_subject_sender, before.text) if isinstance(before, Line) else _no_sender
                if isinstance(before, Line) and before.text.rstrip().endswith(":"):
                    above_table.add(id(before))  # `X gửi báo cáo theo thời hạn sau:` says who, the rows say what
                units.extend((row, _once(partial(_either, own, sender)), False, []) for row in rows)
        for n, item in enumerate(lines):
            if id(item) in above_table:
                continue
            if node.kind == "roman":
                own = partial(_subject_sender, item.text)
                if item.kind == "bullet" and intro is not None:
                    units.append((item.text, _once(partial(_either, own, intro[0])), False, intro[1]))
                    continue
                intro = None
                if item.text.rstrip().endswith(":") and n + 1 < len(lines) and lines[n + 1].kind == "bullet":
                    intro = (_once(partial(_either, own, sender)), _recipients(item.text))  # its bullets say what
                    continue
                units.append((item.text, _once(partial(_either, own, sender)), False, []))
            else:
                texts.append(item.text)
        if texts:
            units.append((" ".join(t for t in texts if t), sender, False, []))
        for child in node.children:
            walk(child, sender)

    from danvan.reader.parse.outline import section_is_task

    for node in nodes:
        key = _NOT_LETTERS.sub("", afold(node.text))
        if node.kind == "root" or section_is_task(node) or \
                re.search(r"to chuc th\w{0,2}c hien|bao cao|trach nhiem|phan cong|dieu khoan", key):
            walk(node, _no_sender)
    closing_texts = []
    for line in closing:
        if _RECIPIENT_LIST.match(afold(line.text[:12])):
            break
        closing_texts.append(line.text)
    if closing_texts:
        units.append((" ".join(closing_texts), _no_sender, True, []))
    reports: list[dict] = []
    for text, sender, is_closing, default_to in units:
        folded_text = afold_sliceable(text)
        if not _MAYBE_REPORT.search(folded_text if folded_text is not None else afold(text)):
            continue
        previous: list[dict] = []  # the entries of the sentence before, in this paragraph
        for start, end in _duty_spans(text, folded_text):
            sentence = text[start:end]
            folded = folded_text[start:end] if folded_text is not None else afold(sentence)
            if not _MAYBE_REPORT.search(folded):
                continue
            sent_sender = sender()
            got = roles_from_text(sentence)
            if got.get("lead") or got.get("executing"):
                sent_sender = got.get("lead") or got.get("executing") or []
            else:  # `Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan ... phản ánh về ...`
                m = re.search(r"(?:vướng mắc|vuong mac)\s*,\s*(.*)", sentence, re.I)
                if m:
                    got = roles_from_text(m.group(1))
                    sent_sender = got.get("lead") or got.get("executing") or ([] if is_closing else sent_sender)
            found = reports_in_sentence(sentence, sent_sender, is_closing,
                                        folded[:3000] if folded_text is not None else None)
            open_before = [e for e in previous if e["from"] == sent_sender and e["due"] is None and not e["to"]]
            if open_before and all(e["period"] == "unspecified" for e in found):
                # `X xây dựng báo cáo 6 tháng ... . ... báo cáo gửi về Y trước ngày 20/6/2026`: one duty, two sentences
                for entry in open_before:
                    for later in found:
                        _join(entry, later)
                previous = []
                continue
            previous = found
            for entry in found:
                if not entry["to"]:
                    entry["to"] = list(default_to)
                same = next((existing for existing in reports if existing["from"] and
                             existing["from"] == entry["from"] and existing["period"] == entry["period"]), None)
                if same is not None:
                    _join(same, entry)
                else:
                    reports.append(entry)
    return reports


_REPORT_COLUMNS = (("kind", re.compile(r"^(?:loai|ky|ten)?\s*bao cao$|^loai bao cao|^ky bao cao")),
                   ("due", re.compile(r"^(?:thoi han|thoi gian|han gui|ngay gui|thoi diem)")),
                   ("to", re.compile(r"^(?:noi nhan|co quan nhan|don vi nhan|gui ve|noi gui)")))


def _report_table(rows: list[list[str]]) -> list[str] | None:
    """A table of reports (`Loại báo cáo | Thời hạn gửi | Nơi nhận`) → one sentence per row, as a plan would write
    it (`Báo cáo quý I: Trước ngày 10/3/2026, gửi Phòng Văn hóa - Xã hội`); None for any other table."""
    if len(rows) < 2:
        return None
    header = [afold(cell).strip(" .:") for cell in rows[0]]
    columns = {}
    for name, pattern in _REPORT_COLUMNS:
        at = next((i for i, cell in enumerate(header) if pattern.search(cell)), None)
        if at is not None:
            columns[name] = at
    if "kind" not in columns or "due" not in columns:
        return None

    def cell(row: list[str], name: str) -> str:
        at = columns.get(name)
        return " ".join(row[at].split()) if at is not None and at < len(row) else ""

    sentences = []
    for row in rows[1:]:
        kind, due, to = cell(row, "kind"), cell(row, "due"), cell(row, "to")
        if kind:
            sentences.append(f"{kind}: {due}" + (f", gửi {to}" if to else ""))
    return sentences


# Who sends the reports of a text, worked out when a text turns out to speak of reports (most never do).
Sender = Callable[[], list[str]]


def _no_sender() -> list[str]:
    return []


def _once(compute: Sender) -> Sender:
    """`compute`, run at the first call only."""
    result: list[list[str]] = []

    def sender() -> list[str]:
        if not result:
            result.append(compute())
        return result[0]

    return sender


def _subject_sender(text: str) -> list[str]:
    got = roles_from_text(text)
    return got.get("lead") or got.get("executing") or []


def _either(first: Sender, second: Sender) -> list[str]:
    return first() or second()


def _node_sender(text: str, inherited: Sender) -> list[str]:
    """The body a heading's text names as its subject (or as the heading itself: `1. Sở Nội vụ:` above bullets
    that report), else the sender above it."""
    from danvan.reader.parse.outline import _agency_heading  # local import to avoid a cycle

    own = _subject_sender(text)
    if own:
        return own
    heading = _agency_heading(text)
    return split_mentions(heading[0]) if heading else inherited()


def _join(entry: dict, other: dict) -> None:
    """Another passage of the same duty: its recipients added, its due date taken if `entry` has none."""
    entry["to"] += [t for t in other["to"] if t not in entry["to"]]
    if entry["due"] is None:
        entry["due"] = other["due"]
