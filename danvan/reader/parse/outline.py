"""Logical lines → outline tree (parts, Roman sections, numbered and lettered items) → tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danvan.reader.parse.lines import SECTION_KINDS, Line, TableItem
from danvan.reader.parse.mentions import (
    _PHOI_HOP,
    _is_org_start,
    _strip_preface,
    mentions_from_value,
    partners,
    roles_from_text,
    split_mentions,
    subject_of,
    under_clause,
)
from danvan.reader.parse.text import afold, clean, cut_title, first_sentence, later_sentences
from danvan.reader.parse.timeframe import none_timeframe, parse_timeframe

LEVEL = {"root": 0, "part": 1, "chapter": 1, "roman": 2, "article": 2, "num": 3, "letter": 5}
ROLES = ("lead", "cooperating", "executing", "directing")
_NON_TASK = re.compile(
    r"^\s*(?:muc dich|yeu cau|muc tieu|doi tuong|pham vi|thoi gian|thanh phan|tieu chi|danh gia|thuc trang|nguy co|"
    r"kinh phi|quan diem|can cu|ket qua|tinh hinh|dac diem|bo cuc|giai thich|che do bao cao|che do thong tin|"
    r"thong tin bao cao|bao cao|chi tieu|dinh huong|su can thiet|co so|ton tai|han che|uu diem|nguyen nhan|bai hoc|"
    r"hinh thuc|co cau|de xuat|kien nghi|nguyen tac)"
)
_REPORT_SECTION = re.compile(r"che do bao cao|thong tin bao cao|bao cao")
_OUTLINE_KINDS = SECTION_KINDS | {"num", "letter"}
_AGENCY_HEAD = re.compile(r"^(?:đề nghị|giao|yêu cầu)?\s*", re.I)


# precompiled patterns of the helpers below
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SEMICOLON = re.compile(r"\s*;\s*")
_LEAD_OR_COOP = re.compile(r"\b(chu tri|phoi hop)\b")


@dataclass(slots=True)
class Node:
    kind: str
    label: str
    text: str = ""
    first: int = 0
    last: int = 0
    children: list = field(default_factory=list)
    body: list = field(default_factory=list)  # Line (para, bullet, attribute) and TableItem
    parent: Node | None = None
    upper: bool = False

    @property
    def level(self) -> int:
        if self.kind == "num":
            return LEVEL["num"] + self.label.count(".")
        return LEVEL[self.kind]


def build_tree(items: list) -> Node:
    root = Node("root", "")
    stack = [root]
    for item in items:
        if isinstance(item, TableItem):
            stack[-1].body.append(item)
            continue
        if item.footnote:
            continue
        if item.kind in ("num", "letter") and item.role:
            # an attribute item (`2. Cơ quan chủ trì: ...`) belongs to the heading above its level
            level = LEVEL["num"] + item.label.count(".") if item.kind == "num" else LEVEL["letter"]
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            stack[-1].body.append(item)
            continue
        if item.kind == "letter" and not item.role and _is_card(stack[-1]):
            stack[-1].body.append(item)  # `a)`, `b)` points of a task card's `Nội dung:`, before its role lines
            continue
        if item.kind in _OUTLINE_KINDS and not item.role:
            node = Node(item.kind, item.label, item.text, item.first, item.last, upper=item.upper)
            for role, value in item.extra:
                node.body.append(Line(text="", first=item.first, last=item.last, kind="para", role=role, value=value))
            while len(stack) > 1 and stack[-1].level >= node.level:
                stack.pop()
            # a lettered item straight after a Roman/num parent is fine; a part letter only at top
            node.parent = stack[-1]
            stack[-1].children.append(node)
            stack.append(node)
            continue
        stack[-1].body.append(item)
    return root


def _is_card(node: Node) -> bool:
    """A task card: a numbered item whose parts are label lines, its task told in `Nội dung:` (GUIDE.md)."""
    return node.kind == "num" and any(isinstance(b, Line) and b.role == "task" for b in node.body)


def _path(node: Node | None) -> list[str]:
    out = []
    while node is not None and node.kind != "root":
        out.append(node.label)
        node = node.parent
    return out[::-1]


_NON_TASK_ANYWHERE = re.compile(r"muc dich|yeu cau|muc tieu|kinh phi|che do bao cao|thoi gian")


def section_is_task(node: Node) -> bool:
    key = _NOT_LETTERS.sub("", afold(node.text))
    if _NON_TASK.search(key):
        return False
    return not (len(key.split()) <= 4 and _NON_TASK_ANYWHERE.search(key))


_DUTIES = re.compile(r"\b(?:to chuc thuc hien|trach nhiem|nhiem vu|phan cong|dieu khoan thi hanh)\b")
# articles of a Quyết định or a Quy chế that issue, approve, set up or bring into force rather than assign work
_ENACTING = re.compile(r"^(?:ban hanh|phe duyet|thanh lap|kien toan|cong nhan|bai bo|quyet dinh nay)\b|"
                       r"\bhieu luc\b|\bthi hanh quyet dinh\b|^dieu khoan (?:thi hanh|chuyen tiep)")


def chapter_is_task(node: Node) -> bool:
    """A chapter of a Quy chế gives tasks only when it assigns duties (`TỔ CHỨC THỰC HIỆN`, `TRÁCH NHIỆM ...`)."""
    return bool(_DUTIES.search(afold(node.text)))


def article_is_task(node: Node) -> bool:
    return not _ENACTING.search(afold(node.text)) and section_is_task(node)


def is_report_section(node: Node) -> bool:
    return bool(_REPORT_SECTION.search(afold(node.text)))


def _agency_heading(text: str) -> tuple[str, str] | None:
    """`Sở Y tế:` / `Giao Trưởng Phòng X:` / `Sở Xây dựng: Chủ trì ...` → (agency, rest)."""
    if ":" in text[:120]:
        head, rest = text.split(":", 1)
    else:
        head, rest = text, ""
    head = head.strip()
    # up to 14 words; a heading that ends in a colon may name two bodies (`UBND phường X, UBND xã Y:`)
    limit = 24 if text.rstrip().endswith(":") else 14
    words = head.split(maxsplit=limit + 1)  # only counted
    if not words or len(words) > limit or not _is_org_start(_AGENCY_HEAD.sub('', head, count=1)):
        return None
    if not rest and ((len(words) > 13 and limit == 14) or text.rstrip().endswith(".")):
        return None
    fw = afold(" ".join(w if w[:1].islower() else "|" for w in head.split())).replace("dau tu xay dung", "")
    if re.search(r"\b(thuc hien|trien khai|tang cuong|xay dung|nang cao|day manh|tiep tuc)\b", fw) or \
            (not rest and subject_of(head)[1]):
        return None  # a sentence with its verb (`Sở Nội vụ triển khai ...:`, `Công chức ... kiểm tra, giám sát`)
    return head, rest.strip()


@dataclass(slots=True)
class Attr:
    role: str
    value: str
    first: int
    last: int
    bullets: list = field(default_factory=list)


def _attrs(node: Node) -> list[Attr]:
    out: list[Attr] = []
    current: Attr | None = None
    for item in node.body:
        if not isinstance(item, Line):
            continue
        if item.role:
            current = Attr(item.role, item.value, item.first, item.last)
            out.append(current)
            for role, value in item.extra:
                out.append(Attr(role, value, item.first, item.last))
        elif item.extra and item.kind in ("bullet", "para"):
            for role, value in item.extra:
                out.append(Attr(role, value, item.first, item.last))
        elif current is not None and item.kind == "bullet" and not current.value.strip(" .;:"):
            current.bullets.append(item)
            current.last = item.last
        elif current is not None and item.kind != "bullet":
            current = None
    return out


def roles_from_attrs(attrs: list[Attr]) -> tuple[dict[str, list[str]], bool]:
    """Roles from role lines (`Cơ quan chủ trì: X`, `Chủ trì: X; Phối hợp: Y`, bullets under an empty label), and
    whether any was printed."""
    roles: dict[str, list[str]] = {r: [] for r in ROLES}
    found = False

    def add(role: str, values: list[str]) -> None:
        for v in values:
            if v not in roles[role]:
                roles[role].append(v)

    for a in attrs:
        if a.role in ("lead", "cooperating", "directing"):
            found = True
            head, second = under_clause(a.value)  # `Chủ trì: X, với sự phối hợp của Y`
            add(a.role, split_mentions(head))
            for role, names in second.items():
                add(role, names)
            for b in a.bullets:
                add(a.role, split_mentions(b.text))
        elif a.role == "lead_coop":
            found = True
            parts = [p for p in _SEMICOLON.split(a.value) if p.strip(" .")]
            marked = False
            for part in parts:
                fp = afold(part)
                m = _LEAD_OR_COOP.search(fp)
                if m:
                    marked = True
                    names = part[: m.start()] if m.start() > 0 else part[m.end():]
                    add("lead" if m.group(1) == "chu tri" else "cooperating", split_mentions(names))
                    after = _PHOI_HOP.search(part, m.end()) if m.start() > 0 and m.group(1) == "chu tri" else None
                    if after:  # `Phòng Kinh tế chủ trì, phối hợp với Văn phòng ..., các thôn tổ chức ...`
                        add("cooperating", partners(part[after.end():]))
            if not marked:
                ms = split_mentions(a.value)
                add("lead", ms[:1])
                add("cooperating", ms[1:])
        elif a.role == "executing":
            found = True
            texts = [a.value] if a.value.strip(" .;:") else []
            texts += [b.text for b in a.bullets]
            for t in texts:
                got = mentions_from_value(t)
                for role, vals in got.items():
                    add(role, vals)
    return roles, found


def _time_from_attrs(attrs: list[Attr]) -> dict | None:
    for a in attrs:
        if a.role == "time":
            raw = a.value
            if not raw.strip(" .;:") and a.bullets:
                raw = " ; ".join("+ " + b.text for b in a.bullets)
            return parse_timeframe(raw)
    return None


def _paragraphs(node: Node) -> list[Line]:
    return [x for x in node.body if isinstance(x, Line) and not x.role and x.kind in ("para", "bullet")]


# the closing formula `Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, ... báo cáo ...` asks for reports
_DIFFICULTIES = re.compile(r"^(?:trong qua trinh (?:to chuc )?(?:trien khai )?thuc hien|qua trinh thuc hien)\b.*"
                           r"\bvuong mac\b")


@dataclass(slots=True)
class ItemParagraph:
    line: Line
    attrs: list
    last: int
    more: list = field(default_factory=list)  # the texts of the lines that belong to it (`+` bullets, a closing line)


def _paragraphs_with_labels(section: Node) -> list[ItemParagraph]:
    """Unnumbered paragraphs, each with the role and time lines printed under it (`Thời gian hoàn thành: ...`) or
    in a bracket at its end, and its last line: `+` bullets under a `-` bullet are part of it, and so is a plain
    line after those `+` bullets (`Trưởng bản ... chịu trách nhiệm triển khai.`)."""
    out: list[ItemParagraph] = []
    after_sub_bullets = False
    for item in section.body:
        if not isinstance(item, Line):
            continue
        current = out[-1] if out else None
        if item.role and current is not None:
            current.attrs.append(Attr(item.role, item.value, item.first, item.last))
            current.attrs.extend(Attr(role, value, item.first, item.last) for role, value in item.extra)
            current.last = item.last
        elif current is not None and current.line.kind == "bullet" and current.line.label != "+" and (
                (item.kind == "bullet" and item.label == "+") or (item.kind == "para" and after_sub_bullets)):
            current.last = item.last
            current.more.append(item.text)
            after_sub_bullets = True
            continue
        elif not item.role and item.kind in ("para", "bullet") and "phu luc" not in afold(item.text) and \
                not (item.kind == "para" and _DIFFICULTIES.match(afold(item.text[:160]))):
            attrs = [Attr(role, value, item.first, item.last) for role, value in item.extra]
            out.append(ItemParagraph(item, attrs, item.last))
        after_sub_bullets = False
    return out


def _opening_roles(texts: list[str]) -> dict[str, list[str]]:
    for t in texts:
        got = roles_from_text(t)
        if any(got.values()):
            return got
        break
    return {}


@dataclass(slots=True)
class TaskOut:
    path: str
    title: str
    roles: dict
    timeframe: dict
    first: int
    last: int
    flags: list
    node: Node | None = None


def _task(path: list[str], title: str, roles: dict, tf: dict | None, first: int, last: int,
          node: Node | None) -> TaskOut:
    flags = []
    if not any(roles.get(r) for r in ROLES):
        flags.append({"code": "no_agency", "message": "Nhiệm vụ chưa có cơ quan thực hiện"})
    tf = tf or none_timeframe()
    if tf["kind"] == "none" and tf.get("raw"):
        flags.append({"code": "time_unparsed", "message": f"Không hiểu được thời gian: «{tf['raw']}»"})
    elif tf["kind"] == "none":
        flags.append({"code": "no_time", "message": "Nhiệm vụ chưa có thời gian thực hiện"})
    return TaskOut(".".join(path), cut_title(first_sentence(title)) or "", {r: roles.get(r, []) for r in ROLES},
                   tf, first, last, flags, node)


def _last_line(node: Node) -> int:
    last = node.last
    for item in node.body:
        last = max(last, item.last)
    for child in node.children:
        last = max(last, _last_line(child))
    return last


def collect_tasks(section: Node, base: list[str], tables_cb, paragraphs_are_tasks: bool = True) -> list[TaskOut]:
    """Tasks of one task section (GUIDE.md `tasks`)."""
    out: list[TaskOut] = []
    items = [c for c in section.children if c.kind in ("num", "letter", "roman", "part")]
    if not items and not paragraphs_are_tasks:
        for t in section.body:
            if isinstance(t, TableItem):
                out.extend(tables_cb(t, base))
        return out
    if not items:
        from_tables = [task for t in section.body if isinstance(t, TableItem) for task in tables_cb(t, base)]
        paragraphs = _paragraphs_with_labels(section)
        if from_tables:  # `UBND tỉnh phân công nhiệm vụ cụ thể như sau:` above the table of tasks
            paragraphs = [p for p in paragraphs if not p.line.text.rstrip().endswith(":")]
        for i, p in enumerate(paragraphs, 1):
            roles: dict[str, list[str]] = {r: [] for r in ROLES}
            labelled, found = roles_from_attrs(p.attrs)
            if found:
                roles.update(labelled)
            else:
                roles.update(_opening_roles([p.line.text]))
                if not any(roles.values()):
                    roles.update(_lead_in_later_sentence(p.line.text, p.more))
            out.append(_task(base + [str(i)], p.line.text, roles, _time_from_attrs(p.attrs), p.line.first, p.last,
                             None))
        out.extend(from_tables)
        return out
    for t in section.body:
        if isinstance(t, TableItem):
            out.extend(tables_cb(t, base))
    section_attrs = [a for a in _attrs(section) if a.role != "task"]
    agency = _duty_holder(section.text) if section.kind == "article" else None
    for child in items:
        _walk(child, base, section_attrs, agency, None, out, tables_cb)
    return out


_DUTIES_OF = re.compile(r"^(?:trach nhiem|nhiem vu)(?:,? (?:quyen han|quyen han va trach nhiem))?\s+(?:cua\s+)?")


def _duty_holder(title: str) -> str | None:
    """`Điều 13. Trách nhiệm của Sở Nội vụ` → `Sở Nội vụ`: the body whose duties the article lists."""
    m = _DUTIES_OF.match(afold(title))  # afold keeps the length, so the match indexes the title
    heading = _agency_heading(title[m.end():]) if m else None
    return heading[0] if heading and not heading[1] else None


def _walk(node: Node, base: list[str], inherited: list[Attr], agency: str | None, agency_role: str | None,
          out: list[TaskOut], tables_cb) -> None:
    path = base + _path_from(node)
    attrs = _attrs(node)
    children = [c for c in node.children]
    heading = _agency_heading(node.text)
    if heading is None and node.kind in ("num", "letter"):
        holder = _duty_holder(node.text)  # `1. Trách nhiệm của Ủy ban nhân dân xã` over its duties
        heading = (holder, "") if holder else None
    own_attrs = attrs
    # a run of one-line children with no `cụ thể:` shares the trailing role block of the last child
    if children and not attrs:
        last = children[-1]
        last_attrs = _attrs(last)
        if last_attrs and not last.children and not _paragraphs(last) and \
                not afold(last.text).rstrip(" :").endswith("cu the") and not last.text.rstrip().endswith(":") and \
                all(not _attrs(c) and not _paragraphs(c) for c in children[:-1]) and len(children) > 1:
            own_attrs = last_attrs
            last.body = [b for b in last.body if not (isinstance(b, Line) and b.role)]
    merged = _merge_attrs(own_attrs, inherited)
    from_tables = 0
    for t in node.body:
        if isinstance(t, TableItem):
            found_in_table = tables_cb(t, path)
            from_tables += len(found_in_table)
            out.extend(found_in_table)
    if children:
        child_agency, child_role = agency, agency_role
        if heading and not heading[1]:
            child_agency = heading[0]
        for child in children:
            _walk(child, base, merged, child_agency, child_role, out, tables_cb)
        return
    if from_tables and not attrs:
        return  # `2. Hai cơ quan phân công ... như sau:` above a task table: the rows are the tasks
    # a leaf: one task
    roles, found = roles_from_attrs(merged)
    title = node.text
    paras = _paragraphs(node)
    task_attr = next((a for a in attrs if a.role == "task"), None)
    if heading is not None:
        name, rest = heading
        if rest:
            title = rest
        elif paras:
            title = paras[0].text
        if not found:
            body = rest or (paras[0].text if paras else "")
            roles[_lead_or_exec(body)] = split_mentions(name)
            roles["cooperating"] = _heading_partners([rest] + [p.text for p in paras])
            found = True
    elif agency and not found and not (_collective(agency) and _opens_with_own_subject(node.text)):
        roles[_lead_or_exec(node.text)] = split_mentions(agency)
        m = _PHOI_HOP.search(first_sentence(node.text))
        if m:
            roles["cooperating"] = partners(node.text[m.end():])
        found = True
    if not found:
        got = roles_from_text(node.text)
        if not (got["lead"] or got["executing"]) and paras:
            in_body = roles_from_text(paras[0].text)  # the heading names only partners; the body, who does it
            got = in_body if any(in_body.values()) else got
        if not any(got.values()):
            got = _lead_in_later_sentence(node.text, [p.text for p in paras])
        for r, v in got.items():
            roles[r] = v
    if task_attr is not None and not node.text:
        title = task_attr.value
    elif not title and paras:
        title = paras[0].text  # `5.` alone, its text printed below
    tf = _time_from_attrs(merged)
    out.append(_task(path, title, roles, tf, node.first, _last_line(node), node))


def _collective(agency: str) -> bool:
    return afold(agency[:4]) == "cac "


def _opens_with_own_subject(text: str) -> bool:
    """`Sở Tài chính tham mưu ...` under `Trách nhiệm của các cơ quan liên quan`: the item names who of them does
    it."""
    got = roles_from_text(text)
    return bool(got["lead"] or got["executing"])


_OPENS_WITH_PARTNERS = re.compile(r"^[-+\s]*(?:chu tri\s*,?\s*)?ph\w{0,2}i\s+h\w{0,2}p\b")


def _heading_partners(texts: list[str]) -> list[str]:
    """Under an agency heading the agency is the subject of every line: `Chủ trì, phối hợp với Y ...` and
    `Phối hợp với Z ...` make Y and Z cooperating."""
    found: list[str] = []
    for text in texts:
        text = _strip_preface(text.lstrip("-+ ")) if text else text
        if text and _OPENS_WITH_PARTNERS.match(afold(text[:40])):
            m = _PHOI_HOP.search(text)
            if m:
                found += [p for p in partners(text[m.end():]) if p not in found]
    return found


def _lead_in_later_sentence(text: str, paragraphs: list[str]) -> dict[str, list[str]]:
    """`Tổ chức hội nghị thôn ... Giao Trưởng thôn chủ trì, phối hợp với Y ...`: an item that opens with a verb
    may still name who leads it, in a later sentence or paragraph (`X chủ trì` anywhere gives the lead), or who
    does it, in a sentence that assigns it (`Giao Văn phòng thực hiện.`, `Việc này giao cho X thực hiện, Y phối
    hợp.`, `... do X đảm nhiệm.`, `Phân công X phụ trách.`, `X chịu trách nhiệm ...`)."""
    for sentence in later_sentences(text) + [s for p in paragraphs for s in [first_sentence(p), *later_sentences(p)]]:
        got = roles_from_text(sentence)
        if got.get("lead") or (got.get("executing") and afold(sentence[:5]) == "giao "):
            return got
        if got.get("executing") and subject_of(sentence)[1] in _TAKES_ON:
            return got
        got = _assigned(sentence)
        if got:
            return got
    for clause in first_sentence(text).split(";")[1:]:  # `...; nội dung này do Công an xã đảm nhiệm`
        got = _assigned(clause)
        if got:
            return got
    return {}


_TAKES_ON = ("chiu trach nhiem", "dam nhiem", "thuc hien", "chu tri", "tham muu")
_ASSIGNING = re.compile(r"\b(?:do|giao cho|giao|phan cong|phan cong cho)\s+(?=\S)")
_PHU_TRACH = re.compile(r"\s+ph[uụ] tr[aá]ch\b")
_DIRECTS = re.compile(r"\s*phu trach(?:,| va)? chi dao\b")


def _assigned(sentence: str) -> dict[str, list[str]]:
    """The body a sentence hands the work to after `do`, `giao (cho)` or `phân công` (`... do Công an xã đảm
    nhiệm, phối hợp với Y`), with the partners it names (`, Y phối hợp`)."""
    for m in _ASSIGNING.finditer(afold(sentence)):
        rest = sentence[m.end():]
        if not _is_org_start(rest):
            continue
        doer, verb, at = subject_of(rest)
        if not doer or verb not in _TAKES_ON:
            charge = _PHU_TRACH.search(rest[:160])
            if not charge or not _is_org_start(rest[:charge.start()]):
                continue
            doer, verb, at = rest[:charge.start()], "phu trach", charge.start()
        got: dict[str, list[str]] = {"lead": [], "cooperating": [], "executing": [], "directing": []}
        after = rest[at:]
        # `Phân công đồng chí Phó Chủ tịch phụ trách chỉ đạo; Văn phòng chuẩn bị nội dung`: who directs, who does it
        directs = verb == "phu trach" and _DIRECTS.match(afold(after[:40])) is not None
        got["directing" if directs else "lead" if verb == "chu tri" else "executing"] = split_mentions(doer)
        phoi_hop = _PHOI_HOP.search(after[:60])
        if phoi_hop and phoi_hop.group(0).strip().lower().endswith(("với", "voi")):
            got["cooperating"] = partners(after[phoi_hop.end():])
        else:
            for clause in re.split(r"[,;]", after)[1:]:  # `..., Y phối hợp` / `...; Y phối hợp`
                partner, partner_verb, _ = subject_of(clause.strip())
                if partner and partner_verb == "phoi hop":
                    got["cooperating"] = split_mentions(partner)
                    break
                if partner and directs and not got["executing"]:
                    got["executing"] = split_mentions(partner)
        return got
    return {}


def _lead_or_exec(text: str) -> str:
    f = afold(_strip_preface(text.lstrip("-+ "))).lstrip("-+ ")
    comma = f.find(",")
    if 0 < comma < 40 and not f.startswith("chu tri"):
        f = f[comma + 1:].strip()
    return "lead" if f.startswith("chu tri") else "executing"


def _merge_attrs(own: list[Attr], inherited: list[Attr]) -> list[Attr]:
    own_roles = {a.role for a in own}
    out = list(own)
    for a in inherited:
        if a.role in own_roles:
            continue
        if a.role in ("lead", "cooperating", "executing", "directing", "lead_coop") and \
                own_roles & {"lead", "cooperating", "executing", "directing", "lead_coop"} and False:
            continue
        out.append(a)
    return out


def _path_from(node: Node | None) -> list[str]:
    out = []
    while node is not None and node.kind != "root" and node.kind not in SECTION_KINDS:
        label = node.label
        parent = node.parent
        if node.kind == "num" and parent is not None and parent.kind in ("num", "roman") and \
                label.startswith(parent.label + "."):
            label = label[len(parent.label) + 1:]  # `1.2` under `1.` is `...1.2`, not `...1.1.2`
        out.append(label)
        node = parent
    return out[::-1]


def clean_title(text: str) -> str:
    return clean(text)
