"""Text of a plan → the structured plan of ../shared/extraction/GUIDE.md.

`parse_plan` reads a `SourceDocument` (TXT, DOCX, PDF or OCR blocks) and returns the JSON-ready dict:
`source`, `document`, `citations`, `tasks`, `reports`, plus `flags` for what a person should check and, on
each task, `source_lines` and `flags`.
"""

from __future__ import annotations

import re

from danvan.reader.document import SourceDocument
from danvan.reader.parse.citations import collect_citations
from danvan.reader.parse.header import find_kind, issuer_from_opening, parse_header, parse_signer
from danvan.reader.parse.lines import SECTION_KINDS, Line, TableItem, prepare
from danvan.reader.parse.mentions import document_scope, names_a_body
from danvan.reader.parse.ocrfix import restore_diacritics
from danvan.reader.parse.outline import (
    ROLES,
    _task,
    article_is_task,
    build_tree,
    chapter_is_task,
    collect_tasks,
    section_is_task,
)
from danvan.reader.parse.reports import collect_reports
from danvan.reader.parse.tables import dash_tables, is_header_table, table_tasks
from danvan.reader.parse.text import afold, ocr_key
from danvan.reader.parse.timeframe import parse_timeframe

__all__ = ["parse_plan"]

_CLOSING = re.compile(r"^(?:tren day|noi nhan|noi nhen)\b")
_SIGNATURE = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M)\s*\.?\s+\S")
_APPENDIX = re.compile(r"^ph[uụ]\s*l[uụ]c\s*([IVXLC]+|\d+)?\b", re.I)


_FUNDING = re.compile(r"^\s*kinh phi\b")
_BODY_KINDS = SECTION_KINDS | {"num"}
_ISSUES_ATTACHED = re.compile(r"\bkem theo quyet dinh nay\b")


def _names_a_body(task) -> bool:
    """A `KINH PHÍ` item is a task only when it gives a duty to a named body (`Sở Tài chính chủ trì ...`), not a
    rule for everyone (`Các cơ quan, đơn vị, địa phương ... có trách nhiệm lập dự toán`)."""
    return any(names_a_body(m) for role in ("lead", "executing") for m in task.roles.get(role, []))


def _numbered_sections(tree) -> None:
    """A plan with no Roman numerals, its sections `1. MỤC ĐÍCH, YÊU CẦU`, `3. NHIỆM VỤ` numbered in capitals:
    those headings are its sections, read as Roman ones are (which give tasks, paths `3.1`)."""
    if any(child.kind in SECTION_KINDS for child in tree.children):
        return
    headings = [child for child in tree.children if child.kind == "num" and child.upper and "." not in child.label]
    if len(headings) >= 2 and len(headings) * 2 >= sum(child.kind == "num" for child in tree.children):
        for heading in headings:
            heading.kind = "roman"


_ATTACHMENT_HEADING = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem theo\b")


def _under_attachment_heading(items: list, index: int) -> bool:
    """A table straight under the heading of what a Quyết định attaches (`(Kèm theo Quyết định số ...)`)."""
    for item in reversed(items[max(0, index - 4):index]):
        if not isinstance(item, Line) or item.kind != "para":
            return False
        if _ATTACHMENT_HEADING.match(afold(item.text[:30])):
            return True
    return False


def _closes(item) -> bool:
    """The closing of a document's text: `Trên đây là ...`, `Nơi nhận:` or a signature block (`TM. ỦY BAN ...`)."""
    return isinstance(item, Line) and item.kind == "para" and not item.footnote and bool(
        _CLOSING.match(ocr_key(item.text[:20])) or (item.upper and _SIGNATURE.match(item.text)))


def _decision_articles(items: list, start: int, stop: int) -> list:
    """The articles of a Quyết định above what it issues: no tasks, but they may set its reporting duties
    (`Điều 2. ... định kỳ hằng quý báo cáo ...`)."""
    end = next((i for i in range(start, stop) if _closes(items[i])), stop)
    return [node for node in build_tree(items[start:end]).children if node.kind == "article"]


def _empty(source: str) -> dict:
    return {
        "source": source,
        "document": {"kind": None, "symbol": None, "issuer": None, "place": None, "date": None, "title": None,
                     "signer": {"name": None, "position": None, "authority": None}},
        "citations": [],
        "tasks": [],
        "reports": [],
        "flags": [],
    }


def parse_plan(doc: SourceDocument) -> dict:
    """A plan's text → its structured form (see GUIDE.md); never raises on odd input."""
    try:
        with document_scope():
            return _parse(doc)
    except Exception as exc:  # noqa: BLE001 - a reader must get a schema-valid answer for any text
        out = _empty(doc.source_name or "")
        out["flags"].append({"code": "parse_error", "message": f"Lỗi khi phân tích văn bản: {type(exc).__name__}"})
        return out


def _restore(out: dict) -> None:
    """Restore diacritics in the text fields read from an undiacritised scan."""
    memo: dict[str, str] = {}  # the same names recur on many tasks and reports

    def restore(text: str) -> str:
        got = memo.get(text)
        if got is None:
            got = memo[text] = restore_diacritics(text)
        return got

    doc = out["document"]
    for key in ("issuer", "place", "title"):
        if doc.get(key):
            doc[key] = restore(doc[key])
    for key in ("position", "authority"):
        if doc["signer"].get(key):
            doc["signer"][key] = restore(doc["signer"][key])
    for task in out["tasks"]:
        task["title"] = restore(task["title"])
        for role in ROLES:
            task[role] = [restore(m) for m in task[role]]
    for report in out["reports"]:
        report["from"] = [restore(m) for m in report["from"]]
        report["to"] = [restore(m) for m in report["to"]]
        if report.get("raw"):
            report["raw"] = restore(report["raw"])


def _header_lines(items: list) -> list:
    """Flatten a two-column header table (issuer | motto, number | place and date) into lines."""
    out = []
    seen_body = False
    for item in items:
        if isinstance(item, Line) and item.kind in SECTION_KINDS:
            seen_body = True
        if isinstance(item, TableItem) and not seen_body and is_header_table(item.rows):
            width = max((len(r) for r in item.rows), default=0)
            for c in range(width):
                for row in item.rows:
                    if c < len(row):
                        for part in str(row[c]).splitlines():
                            part = " ".join(part.split())
                            if part:
                                out.append(Line(text=part, first=item.first, last=item.first,
                                                upper=sum(ch.isupper() for ch in part) > 0.7 * max(
                                                    1, sum(ch.isalpha() for ch in part))))
            continue
        out.append(item)
    return out


_YEAR_IN_TITLE = re.compile(r"\bnăm (20\d\d)\b|\b(20\d\d)\s*[-–]\s*20\d\d\b", re.I)


def _plan_year(document: dict) -> int | None:
    """The year a plan's undated times belong to: the year it was signed, else the one its title names."""
    if document.get("date"):
        return int(document["date"][:4])
    m = _YEAR_IN_TITLE.search(document.get("title") or "")
    return int(m.group(1) or m.group(2)) if m else None


def _date_yearless_times(tasks: list, year: int | None) -> None:
    """`TG: Trước 15/12` in a plan of 2026 is 15 December 2026; the task says so for a reviewer to confirm."""
    if year is None:
        return
    for task in tasks:
        raw = task.timeframe.get("raw")
        if task.timeframe["kind"] not in ("none", "deadline") or not raw:
            continue
        dated = parse_timeframe(raw, plan_year=year)
        if dated != task.timeframe:
            task.timeframe = dated
            task.flags = [f for f in task.flags if f["code"] != "time_unparsed"]
            task.flags.append({"code": "time_year_assumed",
                               "message": f"Thời gian không ghi năm, đã hiểu là năm {year} của văn bản: «{raw}»"})


def _parse(doc: SourceDocument) -> dict:
    out = _empty(doc.source_name or "")
    prepared = prepare(doc)
    items = dash_tables(_header_lines(prepared.items))
    lines = [x for x in items if isinstance(x, Line)]
    kind_index = find_kind(lines)
    header = parse_header(lines, kind_index)
    document = header["document"]
    flags = header["flags"]

    # body: from the first outline heading after the title to the closing
    start_line = lines[kind_index].first if kind_index is not None else -1
    body_start = None
    decision_at = None  # the first article of a Quyết định that issues what follows its signature
    for idx, item in enumerate(items):
        if item.first <= start_line or item.footnote:
            continue
        if isinstance(item, Line) and item.kind == "article":
            # a Quyết định whose `Điều 1. Ban hành kèm theo ...` issues a plan, a Quy chế or a list of tasks: the
            # body is what it issues; its own articles (in force, who executes it) give no tasks
            if decision_at is None and _ISSUES_ATTACHED.search(afold(item.text)):
                decision_at = idx
            if decision_at is not None:
                continue
        if (isinstance(item, Line) and (item.kind in _BODY_KINDS or _APPENDIX.match(item.text))) or \
                (isinstance(item, TableItem) and not is_header_table(item.rows)):
            body_start = idx
            break
    if body_start is None:
        body_start = len(items)
    body_end = len(items)
    for idx in range(body_start + 1, len(items)):
        item = items[idx]
        if _closes(item) or (isinstance(item, Line) and item.kind == "para" and not item.footnote and item.upper
                             and len(item.text) < 40 and _APPENDIX.match(item.text)):
            body_end = idx
            break
    opening = [x for x in items[:body_start] if isinstance(x, Line)]
    if document["issuer"] is None:
        k = (kind_index or 0)
        document["issuer"] = issuer_from_opening(opening, k, len(opening))
    if document["issuer"] is None:
        flags.append({"code": "no_issuer", "message": "Không xác định được cơ quan ban hành"})
    tail = [x for x in items[body_end:] if isinstance(x, Line) and not x.footnote]
    appendix_at = next((i for i, x in enumerate(tail) if i and len(x.text) < 40 and _APPENDIX.match(x.text)), None)
    document["signer"] = parse_signer(tail[:appendix_at])  # an appendix after the signature is no part of it
    if not document["signer"]["name"]:
        recipients = next((i for i, x in enumerate(opening) if _CLOSING.match(ocr_key(x.text[:20]))), None)
        if recipients is not None:
            document["signer"] = parse_signer(opening[recipients:])
    if not document["signer"]["name"]:
        flags.append({"code": "no_signer", "message": "Không tìm thấy người ký"})
    if document["kind"] is None:
        flags.append({"code": "no_kind", "message": "Không xác định được loại văn bản"})

    texts = []
    for item in items:
        if isinstance(item, Line):
            texts.append(item.text)
        else:
            texts.extend(" ".join(str(c) for c in row) for row in item.rows)
    out["citations"] = collect_citations(texts, document["symbol"])

    tree = build_tree(items[body_start:body_end])
    appendix: dict = {"prefix": None}
    last_appendix = None
    for idx in range(body_start, body_end):
        item = items[idx]
        if isinstance(item, Line):
            m = _APPENDIX.match(item.text)
            if m:
                last_appendix = "PL" + (m.group(1) or "")
        elif last_appendix:
            appendix[id(item)] = last_appendix
        elif _under_attachment_heading(items, idx):
            appendix[id(item)] = "PL"  # `DANH MỤC NHIỆM VỤ` / `(Kèm theo Quyết định số ...)` above the table

    def tables_cb(table: TableItem, base: list[str]) -> list:
        prefix = base
        if appendix.get(id(table)):
            prefix = [appendix[id(table)]]
        elif appendix["prefix"]:
            prefix = [appendix["prefix"]]
        found = []
        for t in table_tasks(table.rows, prefix, table.first, table.last, table.row_lines):
            found.append(_task(t["path"].split("."), t["title"], t["roles"], t["timeframe"], t["first"], t["last"],
                               None))
        return found

    _numbered_sections(tree)
    tasks = []
    sections: list = []
    rules: set[int] = set()  # articles that lay down rules rather than assign work
    for child in tree.children:
        if child.kind == "part":
            romans = [c for c in child.children if c.kind == "roman"]
            if romans:
                sections.extend((r, [child.label, r.label]) for r in romans)
            else:
                sections.append((child, [child.label]))
        elif child.kind == "chapter":
            # a Quy chế: only a chapter that assigns duties (`TỔ CHỨC THỰC HIỆN`) gives tasks; the rest are rules
            for article in (a for a in child.children if a.kind == "article"):
                sections.append((article, [child.label, article.label]))
                if not chapter_is_task(child):
                    rules.add(id(article))
        elif child.kind in ("roman", "article"):
            sections.append((child, [child.label]))
    report_nodes = _decision_articles(items, decision_at, body_start) if decision_at is not None else []
    if sections:
        for node, base in sections:
            if _APPENDIX.match(node.text or ""):
                continue
            if id(node) in rules or (node.kind == "article" and not article_is_task(node)):
                pass
            elif section_is_task(node):
                tasks.extend(collect_tasks(node, base, tables_cb))
            elif _FUNDING.match(afold(node.text)):
                tasks.extend(t for t in collect_tasks(node, base, tables_cb) if _names_a_body(t))
            report_nodes.append(node)
    else:
        tasks.extend(collect_tasks(tree, [], tables_cb, document["kind"] == "Công văn"))
        report_nodes.append(tree)
    # appendix tables after the closing
    for idx in range(body_end, len(items)):
        item = items[idx]
        if isinstance(item, Line):
            m = _APPENDIX.match(item.text)
            if m:
                appendix["prefix"] = "PL" + (m.group(1) or "")
        elif isinstance(item, TableItem) and not is_header_table(item.rows):
            tasks.extend(tables_cb(item, ["PL"]))

    _date_yearless_times(tasks, _plan_year(document))
    seen_paths = set()
    for t in tasks:
        path = t.path
        n = 2
        while path in seen_paths:
            path = f"{t.path}#{n}"
            n += 1
        seen_paths.add(path)
        out["tasks"].append({
            "path": path,
            "title": t.title,
            **{r: t.roles.get(r, []) for r in ROLES},
            "timeframe": t.timeframe,
            "source_lines": [t.first, t.last],
            "flags": t.flags,
        })
    closing = [x for x in items[body_end:] if isinstance(x, Line) and not x.footnote]
    out["reports"] = collect_reports(report_nodes, tasks, closing)
    if not out["tasks"]:
        flags.append({"code": "no_tasks", "message": "Không tìm thấy nhiệm vụ nào"})
    out["document"] = document
    if prepared.undiacritised:
        _restore(out)
        flags.append({"code": "diacritics_restored",
                      "message": "Văn bản quét mất dấu: dấu tiếng Việt đã được khôi phục tự động, cần kiểm tra lại"})
    out["flags"] = flags
    _ = afold
    return out
