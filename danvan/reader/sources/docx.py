"""Word 2007+ (.docx) files, read straight from their XML with lxml.

Paragraphs and tables come in body order; Word's automatic list numbers are computed from
numbering.xml and put in `Paragraph.label`; footnotes are appended at the end.
"""

from __future__ import annotations

import re

from lxml import etree

from danvan.reader.document import Block, Paragraph, SourceDocument, Table
from danvan.reader.errors import ReaderError
from danvan.reader.sources.safety import open_zip, read_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_w = f"{{{W}}}"
_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR = (f"{_w}{t}" for t in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
_R, _HYPHEN, _SDT, _SDTCONTENT, _INS, _HYPERLINK, _SMARTTAG, _FLDSIMPLE = (
    f"{_w}{t}" for t in ("r", "noBreakHyphen", "sdt", "sdtContent", "ins", "hyperlink", "smartTag", "fldSimple")
)
_VAL = f"{_w}val"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _xml(data: bytes | None, part: str) -> etree._Element | None:
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"Tệp DOCX bị hỏng: phần {part} không phải XML hợp lệ.", code="corrupt_docx") from exc


# --- numbering ----------------------------------------------------------------------------------

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word number format (`decimal`, `lowerLetter`, `upperRoman`, ...)."""
    if fmt in ("lowerLetter",):
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Level:
    __slots__ = ("start", "fmt", "text", "legal")

    def __init__(self, start: int, fmt: str, text: str, legal: bool):
        self.start, self.fmt, self.text, self.legal = start, fmt, text, legal


class Numbering:
    """Word's list numbering: numId/ilvl → the label Word draws, with running counters."""

    def __init__(self, root: etree._Element | None, styles: Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = styles
        if root is None:
            return
        for abstract in root.iterfind(f"{_w}abstractNum"):
            aid = abstract.get(f"{_w}abstractNumId")
            self.abstract[aid] = {
                int(lvl.get(f"{_w}ilvl", "0")): self._level(lvl) for lvl in abstract.iterfind(f"{_w}lvl")
            }
            link = abstract.find(f"{_w}numStyleLink")
            if link is not None:
                self.abstract_style_link[aid] = link.get(_VAL, "")
        for num in root.iterfind(f"{_w}num"):
            nid = num.get(f"{_w}numId")
            ref = num.find(f"{_w}abstractNumId")
            starts: dict[int, int] = {}
            overrides: dict[int, _Level] = {}
            for override in num.iterfind(f"{_w}lvlOverride"):
                ilvl = int(override.get(f"{_w}ilvl", "0"))
                start = override.find(f"{_w}startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(_VAL), 1)
                lvl = override.find(f"{_w}lvl")
                if lvl is not None:
                    overrides[ilvl] = self._level(lvl)
            self.nums[nid] = (ref.get(_VAL) if ref is not None else "", starts, overrides)

    @staticmethod
    def _level(lvl: etree._Element) -> _Level:
        start = lvl.find(f"{_w}start")
        fmt = lvl.find(f"{_w}numFmt")
        text = lvl.find(f"{_w}lvlText")
        return _Level(
            _int(start.get(_VAL) if start is not None else None, 1),
            fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
            text.get(_VAL, "") if text is not None else "",
            lvl.find(f"{_w}isLgl") is not None,
        )

    def _levels(self, num_id: str) -> dict[int, _Level]:
        abstract_id, _, overrides = self.nums.get(num_id, ("", {}, {}))
        levels = self.abstract.get(abstract_id, {})
        link = self.abstract_style_link.get(abstract_id)
        if not levels and link:  # the list is defined by a numbering style
            linked = self.styles.num_pr(self.styles.by_id(link))
            if linked and linked[0] != num_id:
                return self._levels(linked[0])
        if overrides:
            levels = {**levels, **overrides}
        return levels

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        levels = self._levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        abstract_id, starts, _ = self.nums[num_id]
        # Lists that share an abstract definition continue one another's numbers, as in Word, unless
        # the list restarts its numbering (startOverride).
        counters = self.counters.setdefault(num_id if starts else f"abstract:{abstract_id}", {})
        start = starts.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return level.text if "%" not in level.text else ""

        def substitute(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            other = levels.get(k)
            if other is None:
                return ""
            value = counters.get(k, starts.get(k, other.start))
            fmt = "decimal" if (level.legal and k != ilvl) else other.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", substitute, level.text).strip()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- styles -------------------------------------------------------------------------------------


_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')
_STYLE_DEFAULT = re.compile(rb'w:type="paragraph"[^>]{0,200}w:default="(?:1|true)"|w:default="(?:1|true)"[^>]{0,200}w:type="paragraph"')
_W_DECL = f'xmlns:w="{W}"'.encode()


class Styles:
    """Paragraph styles, parsed lazily: only the styles a document uses are turned into XML elements.

    Word templates carry hundreds of styles (python-docx's default styles.xml is 350 KB); a style's
    bytes are found by its `w:styleId` and parsed the first time it is asked for.
    """

    def __init__(self, data: bytes | None):
        self.elements: dict[str, etree._Element | None] = {}
        self.names: dict[str, str] = {}
        self.data = data or b""
        self.prefixed = b"<w:style" in self.data
        self._default: str | None = None
        if not self.prefixed and b"styleId" in self.data:  # another namespace prefix: parse the whole part
            root = _xml(self.data, "word/styles.xml")
            self._default = ""
            for style in root.iterfind(f"{_w}style"):
                sid = style.get(f"{_w}styleId", "")
                self.elements[sid] = style
                if style.get(f"{_w}type") == "paragraph" and style.get(f"{_w}default") in ("1", "true"):
                    self._default = sid

    @property
    def default_paragraph(self) -> str:
        if self._default is None:
            self._default = ""
            match = _STYLE_DEFAULT.search(self.data)
            if match is not None:
                start = self.data.rfind(b"<w:style", 0, match.start())
                tag_end = self.data.find(b">", match.start())
                sid = _STYLE_ID.search(self.data, start, tag_end + 1) if start >= 0 else None
                if sid is not None:
                    self._default = sid.group(1).decode("utf-8", "replace")
        return self._default

    def _span(self, sid: str) -> tuple[int, int] | None:
        if not self.prefixed:
            return None
        at = self.data.find(b'w:styleId="' + sid.encode("utf-8") + b'"')
        if at < 0:
            return None
        start = self.data.rfind(b"<w:style", 0, at)
        end = self.data.find(b"</w:style>", at)
        if start < 0 or end < 0:
            return None
        return start, end + len(b"</w:style>")

    def by_id(self, sid: str) -> etree._Element | None:
        if sid in self.elements:
            return self.elements[sid]
        span = self._span(sid)
        element = None
        if span is not None:
            chunk = self.data[span[0] : span[1]]
            chunk = chunk.replace(b"<w:style", b"<w:style " + _W_DECL, 1)
            try:
                element = etree.fromstring(chunk, _PARSER)
            except etree.XMLSyntaxError:
                element = None
        self.elements[sid] = element
        return element

    def name(self, sid: str) -> str:
        if not sid:
            return ""
        if sid not in self.names:
            style = self.by_id(sid)
            name = style.find(f"{_w}name") if style is not None else None
            self.names[sid] = name.get(_VAL, sid) if name is not None else sid
        return self.names[sid]

    def num_pr(self, style: etree._Element | None, depth: int = 0) -> tuple[str, int] | None:
        """(numId, ilvl) that a paragraph style (or the style it is based on) gives its paragraphs."""
        if style is None or depth > 10:
            return None
        num_pr = style.find(f"{_w}pPr/{_w}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_w}numId")
            ilvl = num_pr.find(f"{_w}ilvl")
            if num_id is not None:
                return num_id.get(_VAL, ""), _int(ilvl.get(_VAL) if ilvl is not None else None, 0)
        based = style.find(f"{_w}basedOn")
        if based is not None:
            return self.num_pr(self.by_id(based.get(_VAL, "")), depth + 1)
        return None

    def style_num_pr(self, sid: str) -> tuple[str, int] | None:
        key = f"\0num:{sid}"
        if key not in self.names:
            found = self.num_pr(self.by_id(sid))
            self.names[key] = f"{found[0]}\0{found[1]}" if found else ""
        value = self.names[key]
        if not value:
            return None
        num_id, ilvl = value.split("\0")
        return num_id, int(ilvl)


# --- text ---------------------------------------------------------------------------------------

_TEXT_TAGS = {_T: None, _TAB: "\t", _BR: "\n", _CR: "\n", _HYPHEN: "-"}
_SKIP = {f"{_w}delText", f"{_w}instrText", f"{_w}del", f"{_w}pPr", f"{_w}rPr", f"{_w}footnoteReference"}


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR, _HYPHEN):
        tag = node.tag
        if tag == _T:
            parent = node.getparent()
            grand = parent.getparent() if parent is not None else None
            if grand is not None and grand.tag == f"{_w}del":
                continue
            parts.append(node.text or "")
        elif tag == _BR:
            if node.get(f"{_w}type") in (None, "textWrapping"):
                parts.append("\n")
        else:
            parts.append(_TEXT_TAGS[tag])
    return "".join(parts)


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TXBX = f"{_w}txbxContent"


class _Reader:
    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.boxes: dict[etree._Element, list[etree._Element]] = {}

    def detach_text_boxes(self, root: etree._Element) -> None:
        """Take text boxes out of the paragraphs that anchor them, to be read as blocks of their own.

        Drawing alternatives are stored twice (`mc:Choice` and `mc:Fallback`); the fallback goes.
        """
        for fallback in list(root.iter(f"{{{_MC}}}Fallback")):
            parent = fallback.getparent()
            if parent is not None:
                parent.remove(fallback)
        for box in list(root.iter(_TXBX)):
            anchor = box.getparent()
            while anchor is not None and anchor.tag != _P:
                anchor = anchor.getparent()
            if anchor is None:
                continue
            box.getparent().remove(box)
            self.boxes.setdefault(anchor, []).append(box)

    def paragraph(self, p: etree._Element) -> Paragraph:
        text = _paragraph_text(p)
        ppr = p.find(f"{_w}pPr")
        style_id = ""
        num: tuple[str, int] | None = None
        if ppr is not None:
            style = ppr.find(f"{_w}pStyle")
            if style is not None:
                style_id = style.get(_VAL, "")
            num_pr = ppr.find(f"{_w}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{_w}numId")
                ilvl = num_pr.find(f"{_w}ilvl")
                level = _int(ilvl.get(_VAL) if ilvl is not None else None, -1)
                if num_id is not None:
                    num = (num_id.get(_VAL, ""), max(level, 0))
                else:
                    inherited = self.styles.style_num_pr(style_id or self.styles.default_paragraph)
                    if inherited:
                        num = (inherited[0], level if level >= 0 else inherited[1])
        if num is None and (style_id or self.styles.default_paragraph):
            num = self.styles.style_num_pr(style_id or self.styles.default_paragraph)
        label = ""
        if num is not None and text.strip():
            label = self.numbering.label(num[0], num[1])
        return Paragraph(text=text.strip(), label=label, style=self.styles.name(style_id))

    def table(self, tbl: etree._Element) -> Table:
        rows: list[list[str]] = []
        above: dict[int, str] = {}  # column → text of a vertically merged cell
        for tr in tbl.iterchildren(_TR):
            row: list[str] = []
            for tc in self._cells(tr):
                span = 1
                merge = None
                tcpr = tc.find(f"{_w}tcPr")
                if tcpr is not None:
                    grid = tcpr.find(f"{_w}gridSpan")
                    if grid is not None:
                        span = max(1, _int(grid.get(_VAL), 1))
                    vmerge = tcpr.find(f"{_w}vMerge")
                    if vmerge is not None:
                        merge = vmerge.get(_VAL, "continue")
                column = len(row)
                if merge == "continue":
                    text = above.get(column, "")
                else:
                    text = self.cell_text(tc)
                    if merge == "restart":
                        above[column] = text
                    else:
                        above.pop(column, None)
                row.extend([text] * span)
            rows.append(row)
        return Table(rows=rows)

    @staticmethod
    def _cells(tr: etree._Element):
        for child in tr:
            if child.tag == _TC:
                yield child
            elif child.tag in (_SDT, f"{_w}customXml"):
                yield from child.iter(_TC)

    def cell_text(self, tc: etree._Element) -> str:
        lines: list[str] = []
        for child in tc.iter(_P):
            for box in self.boxes.get(child, ()):
                text = self.cell_text(box)
                if text:
                    lines.append(text)
            para = self.paragraph(child)
            line = f"{para.label} {para.text}".strip() if para.label else para.text
            if line:
                lines.append(line)
        return "\n".join(lines)

    def blocks(self, container: etree._Element) -> list[Block]:
        out: list[Block] = []
        for child in container:
            tag = child.tag
            if tag == _P:
                if self.boxes:
                    for box in self.boxes.get(child, ()):
                        out.extend(self.blocks(box))
                para = self.paragraph(child)
                if para.text or para.label:
                    out.append(para)
            elif tag == _TBL:
                table = self.table(child)
                if any(any(cell for cell in row) for row in table.rows):
                    out.append(table)
            elif tag in (_SDT, f"{_w}customXml"):
                content = child.find(_SDTCONTENT) if tag == _SDT else child
                if content is not None:
                    out.extend(self.blocks(content))
        return out


def _relationships(archive, part: str) -> dict[str, str]:
    folder, _, base = part.rpartition("/")
    root = _xml(read_member(archive, f"{folder}/_rels/{base}.rels"), "rels")
    if root is None:
        return {}
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root.iterfind(f"{{{REL}}}Relationship")}


_MOTTO = re.compile(r"C[ỘO]NG\s+H[ÒOÓ]A", re.IGNORECASE)


def read_docx(data: bytes, name: str = "", *, format_name: str = "docx") -> SourceDocument:
    archive = open_zip(data, name, "DOCX")
    document_xml = read_member(archive, "word/document.xml")
    document = _xml(document_xml, "word/document.xml")
    if document is None:
        raise ReaderError(
            f"Tệp DOCX bị hỏng: thiếu phần nội dung chính (word/document.xml) trong {name}.", code="corrupt_docx"
        )
    body = document.find(f"{_w}body")
    if body is None:
        raise ReaderError("Tệp DOCX bị hỏng: không có phần thân văn bản.", code="corrupt_docx")
    styles = Styles(read_member(archive, "word/styles.xml"))
    numbering = Numbering(_xml(read_member(archive, "word/numbering.xml"), "word/numbering.xml"), styles)
    reader = _Reader(styles, numbering)
    if b"txbxContent" in document_xml or b"AlternateContent" in document_xml:
        reader.detach_text_boxes(body)
    blocks = reader.blocks(body)
    warnings: list[str] = []

    # The issuer | motto block sometimes sits in the first-page header instead of the body.
    head_text = " ".join(b.text if isinstance(b, Paragraph) else " ".join(map(" ".join, b.rows)) for b in blocks[:8])
    if not _MOTTO.search(head_text):
        header_blocks = _first_page_header(archive, body, reader)
        if header_blocks:
            blocks = header_blocks + blocks

    footnotes = _xml(read_member(archive, "word/footnotes.xml"), "word/footnotes.xml")
    if footnotes is not None:
        for note in footnotes.iterfind(f"{_w}footnote"):
            if note.get(f"{_w}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = "\n".join(t for t in (_paragraph_text(p).strip() for p in note.iter(_P)) if t)
            if text:
                blocks.append(Paragraph(text=text, label=note.get(f"{_w}id", ""), style="Footnote Text",
                                        is_footnote=True))
    for number, block in enumerate(blocks, start=1):
        block.line = number
    if not blocks:
        raise ReaderError(f"Tệp {name} không có nội dung chữ nào.", code="empty")
    return SourceDocument(blocks=blocks, source_name=name, format=format_name, warnings=warnings)


def _first_page_header(archive, body: etree._Element, reader: _Reader) -> list[Block]:
    sect = body.find(f"{_w}sectPr")
    if sect is None:
        return []
    refs = {ref.get(f"{_w}type", "default"): ref.get(f"{{{R}}}id", "") for ref in sect.iterfind(f"{_w}headerReference")}
    title_page = sect.find(f"{_w}titlePg") is not None
    rid = refs.get("first") if title_page else refs.get("default")
    if not rid:
        return []
    target = _relationships(archive, "word/document.xml").get(rid, "")
    if not target:
        return []
    part = target.lstrip("/") if target.startswith("/") else f"word/{target}"
    header = _xml(read_member(archive, part), part)
    if header is None:
        return []
    reader.detach_text_boxes(header)
    blocks = reader.blocks(header)
    text = " ".join(b.text if isinstance(b, Paragraph) else " ".join(map(" ".join, b.rows)) for b in blocks)
    return blocks if _MOTTO.search(text) else []
