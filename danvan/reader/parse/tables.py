"""Task tables (`STT | Nội dung nhiệm vụ | Cơ quan chủ trì | ...`) → tasks (GUIDE.md "Task tables")."""

from __future__ import annotations

import re

from danvan.reader.parse.labels import label_of, split_labels
from danvan.reader.parse.lines import Line, TableItem
from danvan.reader.parse.mentions import _is_org_start, mentions_from_value, split_mentions
from danvan.reader.parse.outline import Attr, roles_from_attrs
from danvan.reader.parse.text import afold, ocr_key
from danvan.reader.parse.timeframe import parse_timeframe

_COLUMNS = [
    ("number", re.compile(r"^(stt|tt|so tt|so thu tu|thu tu)$")),
    ("lead", re.compile(r"chu tri")),
    ("cooperating", re.compile(r"phoi hop")),
    ("directing", re.compile(r"chi dao|lanh dao phu trach")),
    ("time", re.compile(r"thoi gian|tien do|thoi han|thoi diem|^(?:thang|quy)(?: thuc hien)?$")),
    ("product", re.compile(r"san pham|ket qua|ghi chu|kinh phi|hinh thuc")),
    ("executing", re.compile(r"thuc hien|co quan|don vi|trach nhiem|tham muu")),
    ("title", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|giai phap|ten")),
]
_ROMAN = re.compile(r"^(?:X{0,3}(?:IX|IV|V?I{1,3}|V|X))\.?$")
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$")
_LETTER = re.compile(r"^([a-zđ])[.)]?$")
_GROUP_LETTER = re.compile(r"^[A-H]\.?$")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


_ROLE_COLUMNS = ("lead", "cooperating", "directing", "executing", "time")
_TITLE_FIRST = re.compile(r"^(?:noi dung|nhiem vu|ten nhiem vu|cong viec|hoat dong|giai phap)\b")


def _column_names(row: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for i, cell in enumerate(row):
        key = ocr_key(cell).replace(",", " ")
        if not key or key.startswith("don vi tinh"):
            continue  # `Đơn vị tính` is a unit of measure, not a body
        if _TITLE_FIRST.match(key) and "title" not in found.values():
            found[i] = "title"  # `Nội dung phối hợp` names the task, not the cooperating bodies
            continue
        for name, rx in _COLUMNS:
            if rx.search(key) and name not in found.values():
                found[i] = name
                break
    return found


def header_map(row: list[str]) -> dict[int, str] | None:
    """The columns of a task table's header: a task's text and who does it or when (a table of figures, `Nội dung
    | Đơn vị tính | Kết quả`, is none)."""
    found = _column_names(row)
    if "title" in found.values() and any(name in _ROLE_COLUMNS for name in found.values()):
        return found
    return None


def _second_header(columns: dict[int, str], row: list[str]) -> dict[int, str] | None:
    """A header printed on two rows (`Cơ quan thực hiện` spanning `Chủ trì | Phối hợp` below it): the columns
    with the second row's role names in place of the first row's, or None when `row` is a row of data."""
    if any(len(cell) > 40 for cell in row) or any(_NUMBER.match(cell.strip()) for cell in row[:1]):
        return None  # headings are short; a row with a task's text in it is data
    below = {i: name for i, name in _column_names(row).items()
             if name in _ROLE_COLUMNS and columns.get(i) not in ("title", "number")}
    if not below:
        return None
    merged = {i: name for i, name in columns.items() if name not in below.values()}
    merged.update(below)
    return merged


def is_header_table(rows: list[list[str]]) -> bool:
    """The two-column header of a document (issuer | motto; number | place and date), not a task table."""
    if len(rows) > 6 or any(header_map(r) for r in rows[:3]):
        return False
    text = ocr_key(" ".join(" ".join(str(c) for c in r) for r in rows[:4]))
    cells = [ocr_key(str(c)) for r in rows[:4] for c in r]
    return "cong hoa" in text or "doc lap" in text or any(re.match(r"^so\s*:?\s*\d*\s*$|^so\b.*\b[a-z]{2,}\b", c)
                                                           and len(c) < 40 for c in cells)


_LINE_BREAKS = re.compile(r"\s*;?\s*\n\s*")  # a cell's paragraphs, `Chủ trì: X` over `Phối hợp: Y`


def _cell_roles(cell: str, column: str) -> dict[str, list[str]]:
    """A role column's cell: the bodies of its column's role, or what the labels inside it say (`Chủ trì: Phòng
    Quản lý đất đai; Phối hợp: Phòng Môi trường` in an `Đơn vị thực hiện` column), read as role lines are."""
    role, value = label_of(_LINE_BREAKS.sub("; ", cell)) if ":" in cell[:50] else (None, "")
    if role is None:
        return mentions_from_value(cell) if column == "executing" else {column: split_mentions(cell)}
    roles, _ = roles_from_attrs([Attr(r, v, 0, 0) for r, v in split_labels(role, value)])
    return roles


_DITTO = re.compile(r"^[-–\s]*(?:nt|n\.t|nhu tren)[-–\s.]*$")


def table_tasks(rows: list[list[str]], prefix: list[str], first: int, last: int,
                row_lines: list[int] | None = None) -> list[dict]:
    """Rows of a task table as task dicts (path, title, roles, timeframe); a task's source lines are its row's
    when `row_lines` gives them, else the table's."""
    columns = None
    start = 0
    for i, row in enumerate(rows[:4]):
        columns = header_map(row)
        if columns:
            start = i + 1
            break
    if not columns:
        return []
    if start < len(rows):
        two_rows = _second_header(columns, rows[start])
        if two_rows:
            columns, start = two_rows, start + 1
    col = {v: k for k, v in columns.items()}
    numbers = [row[col["number"]].strip().rstrip(".") for row in rows[start:] if "number" in col and
               col["number"] < len(row)]
    tasks: list[dict] = []
    group: str | None = None
    counter = 0
    above: dict[int, str] = {}  # the cells of the last task row, for the `nt` (như trên) below it
    # a work programme by period (`Tháng | Nội dung công việc | ...`): the time before the work, printed (or merged)
    # once over the rows it covers
    schedule = "time" in col and col["time"] < col["title"]
    for index, row in enumerate(rows[start:], start):
        cells = [(row[i] if i < len(row) else "").strip() for i in range(max(len(row), 1))]
        if not any(cells):
            continue
        if len(set(c for c in cells if c)) == 1 and "number" not in col:
            continue
        number = cells[col["number"]] if "number" in col and col["number"] < len(cells) else ""
        title = cells[col["title"]] if col["title"] < len(cells) else ""
        if all(_COLUMN_NUMBER.fullmatch(c) for c in cells if c):
            continue  # a row of column numbers (1) (2) (3)
        others = [cells[col[k]] for k in ("lead", "cooperating", "executing", "time", "directing")
                  if k in col and col[k] < len(cells) and cells[col[k]] and cells[col[k]] != title]
        if _ROMAN.match(number) or (not others and title and title.isupper() and (
                not number or _GROUP_LETTER.match(number))):  # `A<tab>CÔNG TÁC CHỈ ĐẠO`
            group = number.rstrip(".") or None
            continue
        if not title:
            continue
        if not number and not others and len(set(c for c in cells if c)) == 1:
            continue
        if not others and number and any(n.startswith(number.rstrip(".") + ".") for n in numbers):
            continue  # `1 | Công tác tuyên truyền | | |` above rows `1.1`, `1.2`: a group its rows number
        if _NUMBER.match(number) or _LETTER.match(number):
            label = number.rstrip(".)")
        else:
            counter += 1
            label = str(counter)
        for key in ("lead", "cooperating", "directing", "executing", "time"):
            at = col.get(key)
            if at is not None and at < len(cells) and cells[at][:12] and _DITTO.match(afold(cells[at][:12])):
                cells[at] = above.get(at, "")  # `nt`, `-nt-`, `Như trên`: as in the task row above
        if schedule and not cells[col["time"]]:
            cells[col["time"]] = above.get(col["time"], "")  # `Tháng 3` printed once over its month's rows
        above.update((at, cells[at]) for at in col.values() if at < len(cells))
        roles: dict[str, list[str]] = {"lead": [], "cooperating": [], "executing": [], "directing": []}
        for role in ("lead", "cooperating", "directing", "executing"):
            if role not in col or col[role] >= len(cells):
                continue
            for r, v in _cell_roles(cells[col[role]], role).items():
                roles[r] = roles[r] + [x for x in v if x not in roles[r]]
        time_raw = cells[col["time"]] if "time" in col and col["time"] < len(cells) else None
        path = prefix + ([group] if group else []) + [label]
        tasks.append({"path": ".".join(path), "title": title, "roles": roles,
                      "timeframe": parse_timeframe(time_raw) if time_raw else None,
                      "first": row_lines[index] if row_lines else first, "last": row_lines[index] if row_lines else last})
    return tasks


# A task table flattened into lines of text, its fields between dashes, under a line that names them:
#   `Nội dung – Cơ quan chủ trì – Cơ quan phối hợp – Thời gian`
#   `1. Quán triệt ... – Sở Nội vụ – Các sở, ban, ngành – Quý I/2026`
_DASH = re.compile(r"(?<=\s)[–—](?=\s)")
_HYPHEN = re.compile(r"(?<=\s)-(?=\s)")
_TIME_WORDS = re.compile(r"^(?:quy|thang|nam|hang|hangnam|thuong xuyen|truoc|tu|trong|giai doan|ca nam|dinh ky|"
                         r"cuoi|dau|sau|khi|theo|nam \d)\b")


def _fields(text: str) -> list[str]:
    parts = _DASH.split(text)
    if len(parts) == 1:
        parts = _HYPHEN.split(text)
    return [" ".join(p.split()) for p in parts]


def _opens_with_time_word(piece: str) -> bool:
    return bool(_TIME_WORDS.match(ocr_key(piece[:20])))


def _opens_a_field(piece: str) -> bool:
    """Whether a piece cut at a hyphen can open a field of its own (a body or a time), or is the rest of the text
    before it (`chính trị - xã hội`, `2026 - 2030`)."""
    return not piece or _is_org_start(piece) or _opens_with_time_word(piece)


def _time_like(piece: str) -> bool:
    return bool(piece) and (_opens_with_time_word(piece) or parse_timeframe(piece)["kind"] != "none")


def _row_cells(text: str, columns: list[str]) -> list[str]:
    """One flattened row → a cell per column: the task's text first, then bodies and time in the header's order.
    A row may stop short (`... – Sở Nội vụ`) or leave out a middle field; a time is put in the time column."""
    pieces = _fields(text)
    if not _DASH.search(text):  # hyphens also join words inside names and spans: keep those pieces together
        merged = pieces[:1]
        for piece in pieces[1:]:
            if _opens_a_field(piece) and not (piece[:1].isdigit() and merged[-1][-1:].isdigit()):
                merged.append(piece)
            else:
                merged[-1] = f"{merged[-1]} - {piece}"
        pieces = merged
    width = len(columns)
    if len(pieces) > width:  # the task's text held the separator too
        pieces = [" – ".join(pieces[:len(pieces) - width + 1]), *pieces[len(pieces) - width + 1:]]
    cells = [""] * width
    cells[0] = pieces[0]
    rest = pieces[1:]
    if len(rest) < width - 1 and "time" in columns and rest and _time_like(rest[-1]):
        cells[columns.index("time")] = rest.pop()
    slots = [i for i in range(1, width) if not cells[i]]
    for i, piece in zip(slots, rest, strict=False):
        cells[i] = piece
    return cells


def dash_tables(items: list) -> list:
    """Lines of a task table flattened with dashes → a TableItem that `table_tasks` reads like any other."""
    out: list = []
    i = 0
    while i < len(items):
        item = items[i]
        columns = _dash_header(item)
        if columns is None:
            out.append(item)
            i += 1
            continue
        names, heading = columns
        rows: list[list[str]] = [["STT", *heading]]
        row_lines = [item.first]
        j = i + 1
        while j < len(items):
            row = items[j]
            if not isinstance(row, Line) or row.footnote or row.kind not in ("num", "bullet", "para") or (
                    row.kind == "para" and not (_DASH.search(row.text) or _HYPHEN.search(row.text))):
                break
            number = row.label if row.kind == "num" else ""
            rows.append([number, *_row_cells(row.raw or row.text, names)])
            row_lines.append(row.first)
            j += 1
        if len(rows) < 2:
            out.append(item)
            i += 1
            continue
        out.append(TableItem(rows=rows, first=item.first, last=items[j - 1].last, row_lines=row_lines))
        i = j
    return out


def _dash_header(item) -> tuple[list[str], list[str]] | None:
    if not isinstance(item, Line) or item.kind != "para" or item.role or len(item.text) > 200 or (
            "–" not in item.text and "—" not in item.text and " - " not in item.text):
        return None
    heading = _fields(item.text)
    if len(heading) < 3 or any(not cell or len(cell) > 40 for cell in heading):
        return None
    columns = header_map(heading)
    if columns is None or columns.get(0) not in ("title", "number"):
        return None
    if columns.get(0) == "number":
        heading = heading[1:]
        columns = {k - 1: v for k, v in columns.items() if k}
    if columns.get(0) != "title":
        return None
    return [columns.get(k, "other") for k in range(len(heading))], heading
