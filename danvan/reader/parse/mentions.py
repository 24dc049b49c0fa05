"""Agency mentions: split lists per GUIDE "Roles", find the subject that opens a text, `X phối hợp với Y`."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from danvan.reader.parse.text import afold

# Nouns that name a kind of body, not one body: `các cơ quan, đơn vị, địa phương` is one group.
GENERIC = {
    "co quan", "don vi", "dia phuong", "so", "ban", "nganh", "ban nganh", "phong", "to chuc", "hoi", "doan the",
    "doanh nghiep", "cap uy", "chinh quyen", "cap", "cac cap", "hoi doan the", "hoi - doan the", "truong hoc",
    "co so", "bo phan", "ban, nganh", "don vi truc thuoc", "tinh", "thanh pho", "huyen", "xa", "phuong",
    "thi tran", "quan", "thi xa", "cong dong", "tap the", "ca nhan", "so nganh", "ban ngang", "khoa",
}
_GENERIC_FIRST = {w.split()[0] for w in GENERIC}
LEVELS = {"xa", "phuong", "thi tran", "huyen", "quan", "thi xa", "tinh", "thanh pho", "cap xa", "cap huyen",
          "cap tinh", "khu pho", "ap", "thon", "to dan pho", "ban", "bon", "soc", "xom", "khom", "tieu khu",
          "dac khu"}
_LEVEL_ENDINGS = tuple(" " + level for level in LEVELS)
_LEVEL_OPENINGS = tuple(level + " " for level in LEVELS)
_ORG_HEADS = (
    # the heads of a village or a residential group, before `truong ` (which needs a capitalised name after it)
    "truong thon", "truong ap", "truong khu pho", "truong to dan pho", "to truong", "truong bon", "truong ban",
    # grassroots bodies whose names go on in lower case, before `ban ` (which needs a capitalised name after it)
    "ban cong tac mat tran", "ban thanh tra nhan dan", "ban giam sat dau tu", "ban chi dao", "to hoa giai",
    # working teams named by their work, before `doan ` (which needs a capitalised name after it)
    "doan kiem tra", "doan giam sat", "doan cong tac", "to cong tac", "to kiem tra", "to giup viec",
    "cac ", "so ", "phong ", "ban ", "uy ban", "ubnd", "trung tam", "dai ", "bao ", "co quan", "can bo", "thu truong",
    "truong ", "nguoi dung dau", "cap uy", "hoi dong", "lien doan", "mat tran", "van phong", "cong an", "bo ",
    "thanh tra", "chu tich", "giam doc", "doan ", "hoi ", "doanh nghiep", "lanh dao", "toa an", "vien ", "kho bac",
    "chi cuc", "cuc ", "dang uy", "thanh uy", "tinh uy", "huyen uy", "chinh quyen", "ubmttq", "mttq", "hdnd",
    "bo chi huy", "chanh ", "pho ", "thuong truc", "tat ca", "moi ", "don vi", "dia phuong", "to chuc", "cong doan",
    "ban chi huy", "ban quan ly", "cac cap", "chi bo", "dang bo", "quan uy", "hoi dong nhan dan", "tong cong ty",
    "cong ty", "hop tac xa", "truong hoc", "benh vien", "ttyt", "vks", "tand", "tinh doan", "thanh doan",
    "huyen doan", "cong thong tin", "ban quan ly", "cong chuc", "khoa ", "ngan hang", "thanh vien",
    "hiep hoi", "lien minh", "tram ", "dong chi", "to cong nghe so",
)
# office shorthand for a body or a group of people, when printed in capitals (`VP HĐND&UBND xã`, `CA xã`, `CB, CC`)
_SHORTHAND_HEADS = frozenset(("vp", "ca", "bcd", "bch", "cb", "cc", "vc", "cbcc", "cbccvc", "ccvc", "nld"))
_PEOPLE_SHORTHAND = frozenset(("cb", "cc", "vc", "nld", "cbcc", "ccvc", "cbccvc"))
_ORG_HEAD_WORDS = tuple(head.strip() for head in _ORG_HEADS)
# the first of those words that opens a text as a whole word (the order of _ORG_HEADS decides)
_ORG_HEAD = re.compile("(?:" + "|".join(re.escape(w) for w in _ORG_HEAD_WORDS) + r")(?![^\W_])")
# what `Tổ chức` organises when it is the verb
_EVENTS = ("hoi nghi", "hoi thi", "hoi thao", "le ", "ngay hoi", "dien dan", "cuoc ", "lop ", "dot ", "giai ",
           "tuan le", "thang ", "chuong trinh", "phong trao")
# Heads that need a capitalised name after them (`Sở Nội vụ`, not `Ban hành`).
_NAMED_HEADS = {"to chuc", "so", "phong", "ban", "bo", "cuc", "vien", "hoi", "doan", "dai", "bao", "truong", "chanh", "pho",
                "cong chuc", "khoa", "thanh vien", "hiep hoi", "lien minh", "tram", "dong chi"}
VERBS_VN = {
    "tiếp tục", "tổ chức", "chủ động", "thực hiện", "triển khai", "căn cứ", "có trách nhiệm", "chịu trách nhiệm",
    "phối hợp", "chủ trì", "theo dõi", "xây dựng", "nghiêm túc", "tích cực", "làm tốt", "phải", "quán triệt",
    "tăng cường", "đẩy mạnh", "nâng cao", "rà soát", "hướng dẫn", "kiểm tra", "tham mưu", "giúp", "cân đối", "được",
    "cần", "khẩn trương", "thường xuyên", "bố trí", "ban hành", "báo cáo", "tổng hợp", "đôn đốc", "phát động", "quyết định",
    "xem xét", "trong phạm vi", "có", "nghiên cứu", "đảm bảo", "bảo đảm", "chỉ đạo", "quan tâm", "tuyên truyền",
    "vận động", "phổ biến", "giám sát", "thúc đẩy", "hoàn thành", "đăng ký", "cử", "phân công", "cập nhật",
    "đề xuất", "gửi", "phục vụ", "hỗ trợ", "nắm bắt", "xử lý", "giải quyết", "tiếp nhận", "điều hành", "khảo sát",
    "tập trung", "ưu tiên", "kịp thời", "là", "làm", "đồng thời", "tham gia", "phát huy", "bổ sung", "sửa đổi",
    "đánh giá", "sơ kết", "tổng kết", "củng cố", "kiện toàn", "đưa", "tạo", "ứng dụng", "nhân rộng", "bồi dưỡng",
    "tập huấn", "cung cấp", "chuẩn bị", "trong", "theo", "để", "nhằm", "khi", "sau", "trước", "thông qua",
    "trên cơ sở", "quản lý", "duy trì", "phản ánh", "định kỳ", "chấp hành", "tuân thủ", "xác định", "tiếp thu",
    "đạt", "liên hệ", "vận hành", "đảm nhận", "đảm nhiệm", "hằng năm", "hàng năm", "phát hiện", "điều chỉnh",
    "lựa chọn", "thẩm định", "trình", "phê duyệt", "khen thưởng", "biểu dương", "góp ý", "đổi mới", "định hướng",
    "tiếp", "mở", "ra", "đề nghị", "yêu cầu", "tăng", "thường", "nghiêm", "tích", "kịp", "chủ", "giữ", "cải",
    "công khai", "lồng ghép", "gắn", "thống kê", "phấn đấu", "tiến hành", "huy động", "dự toán", "bố", "xét",
    "hoàn thiện", "phân bổ", "chú trọng", "cụ thể hóa", "thể chế hóa", "lãnh đạo", "gương mẫu", "sớm",
    "phát triển", "mở rộng", "thành lập", "kiểm soát", "tập hợp", "nắm", "bám sát", "nêu gương", "đăng tải",
    "đầu tư", "giao", "ký", "tiếp tục thực hiện", "vận dụng", "chia sẻ", "lắng nghe", "đối thoại", "tiếp xúc",
    "biên soạn", "phát hành", "soạn thảo", "biên tập", "in ấn", "phát sóng", "đưa tin", "xuất bản", "điều tra",
    "lấy ý kiến", "thẩm tra", "số hóa", "trực tiếp", "thông báo", "niêm yết", "công bố", "ghi nhận", "giải đáp",
    "trả lời", "hòa giải", "mời", "xác minh", "xác nhận", "lập",
}
_AMBIGUOUS = {"co", "cu", "la", "lam", "tao", "de", "can", "tang", "dat", "ky", "dua", "tiep", "day", "tham",
              "moi", "phat", "huong", "kip", "nang", "kiem", "tro", "chiu", "xu", "tich", "nghiem", "trien", "chu",
              "mo", "ra", "thuong", "bo", "xet", "giu", "cai", "trong", "theo", "khi", "sau", "lap", "dang ky", "giao",
              "nam", "som", "dau tu", "phat trien", "lanh dao"}
VERBS_FOLD = {afold(v) for v in VERBS_VN} - _AMBIGUOUS
_VN_CHARS = re.compile("[ơưăđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


# precompiled patterns of the helpers below
_NOT_WORD = re.compile(r"[^a-z0-9 -]+")
_WHITE = re.compile(r"\s+")


# Names whose last syllable is also a verb on its own: `Sở Giáo dục và Đào tạo` does not stop at `tạo`
_NOUN_COMPOUNDS = {"đào tạo", "dao tao", "sáng tạo", "sang tao", "cải tạo", "cai tao", "chế tạo", "che tao",
                   "bầu cử", "bau cu", "ban quản", "ban quan", "công lập", "cong lap", "độc lập", "doc lap",
                   "hoạch tổng", "hoach tong",  # `Phòng Kế hoạch tổng hợp`
                   "đoàn kiểm", "doan kiem", "tổ kiểm", "to kiem", "đoàn giám", "doan giam", "tổ giúp", "to giup",
                   # `Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh`
                   "án đầu", "an dau", "tư xây", "tu xay", "công trình", "cong trinh", "trình giao", "trinh giao",
                   "lý xây", "ly xay",  # `Phòng Quản lý xây dựng`
                   "hậu cần", "hau can",  # `Phòng Hậu cần`
                   "phòng đăng", "phong dang", "đăng ký", "dang ky",  # `Văn phòng Đăng ký đất đai`
                   # `các xã không thuộc đối tượng kiểm tra trực tiếp`
                   "tượng kiểm", "tuong kiem", "tra trực", "tra truc", "trực tiếp", "truc tiep"}
# a verb that opens a noun with the words after it: `Phòng Quản lý kết cấu hạ tầng giao thông`
_NOUNS_FROM_VERBS = {"giao thông", "giao thong", "giao dịch", "giao dich",
                     "tổ chức cán", "to chuc can"}  # `Phó Giám đốc phụ trách công tác tổ chức cán bộ`


def _verb_at(tokens: list[str], lowered: list[str], folded: list[str], i: int, diacritics: bool) -> str | None:
    if (lowered[i] not in _VERB_FIRST) if diacritics else (folded[i] not in _VERB_FIRST_FOLDED):
        return None  # no verb opens with this word
    if i > 0 and f"{lowered[i - 1]} {lowered[i]}" in _NOUN_COMPOUNDS:
        return None
    if i + 1 < len(lowered) and (f"{lowered[i]} {lowered[i + 1]}" in _NOUNS_FROM_VERBS or
                                 " ".join(lowered[i:i + 3]) in _NOUNS_FROM_VERBS):
        return None
    if folded[i] == "co" and folded[i + 1:i + 3] == ["du", "an"]:
        return None  # `Ủy ban nhân dân các xã có dự án`: which communes, not what they do
    for n in range(_MAX_VERB_WORDS, 0, -1):
        if diacritics:
            phrase = " ".join(lowered[i:i + n])
            if phrase in VERBS_VN:
                return afold(phrase)
        else:
            phrase = " ".join(folded[i:i + n])
            if phrase in VERBS_FOLD:
                return phrase
    return None


_VERB_FIRST = frozenset(v.split()[0] for v in VERBS_VN)
_VERB_FIRST_FOLDED = frozenset(v.split()[0] for v in VERBS_FOLD)
_MAX_VERB_WORDS = 3
_TOKENS = re.compile(r"[^\s,;:.()]+|[,;:.()]")
_MAX_MENTION_WORDS = 16  # a longer "agency" read from prose is a sentence the verb list did not stop


class Words:
    """The tokens of a text (words and `,;:.()`) with their offsets, lower-cased and folded, read only as far as a
    caller looks: most subjects end at a verb a few words in."""

    __slots__ = ("tokens", "starts", "lowered", "folded", "_matches")

    def __init__(self, text: str, limit: int) -> None:
        self._matches = islice(_TOKENS.finditer(text), limit)
        self.tokens: list[str] = []
        self.starts: list[int] = []
        self.lowered: list[str] = []
        self.folded: list[str] = []

    def has(self, i: int) -> bool:
        """Whether there is a token `i`; reads the tokens `verb_at(i)` looks at (a verb spans up to three words)."""
        tokens = self.tokens
        while len(tokens) < i + _MAX_VERB_WORDS:
            m = next(self._matches, None)
            if m is None:
                break
            token = m.group(0)
            tokens.append(token)
            self.starts.append(m.start())
            self.lowered.append(token.lower())
            self.folded.append(afold(token))
        return i < len(tokens)

    def verb_at(self, i: int, diacritics: bool) -> str | None:
        """The verb (folded) that opens at token `i`, if any; `has(i)` must have been asked."""
        return _verb_at(self.tokens, self.lowered, self.folded, i, diacritics)


_PAREN = re.compile(r"\([^()]{0,300}\)")
_LEADING = re.compile(r"^(?:(?:đề nghị|yêu cầu|giao|giao cho|phân công|đồng thời)\s+)+", re.I)
# `có liên quan` also as a scan reads `có`: `c6`, `cé`, `o`
_TRAILING = re.compile(r"(?:\s+(?:(?:co|c6|ce|o|c)\s+)?lien quan|\s+cung cap|\s+tham gia|\s+tren dia ban)\s*$")
_TRAILING_ENDS = ("lien quan", "cung cap", "tham gia", "dia ban")  # how every `_TRAILING` match ends
_SPLIT_SEMI = re.compile(r"\s*;\s*")
_VA = re.compile(r"\s+(?:và|va|cùng|với)\s+", re.I)
_PHOI_HOP = re.compile(r"\bph\w{0,2}i\s+h\w{0,2}p(?:\s+v\w{0,2}i)?\b\s*", re.I)
_OPENS_WITH_PHOI_HOP = re.compile(r"^[-+•\s]*ph\w{0,2}i\s+h\w{0,2}p\s+v\w{0,2}i\s+", re.I)


def _fold_words(text: str) -> list[str]:
    return afold(text).replace(",", " , ").replace(";", " ; ").split()


# `Thủ trưởng các cơ quan` names the same group as `các cơ quan`
_HEADS_OF_BODIES = (("thu", "truong"), ("truong",), ("lanh", "dao"), ("nguoi", "dung", "dau"), ("chu", "tich"),
                    ("can", "bo"))
_HEAD_FIRST_WORDS = frozenset(lead[0] for lead in _HEADS_OF_BODIES)


def _is_generic_piece(piece: str) -> bool:
    words = _NOT_WORD.sub(" ", afold(piece)).split()
    if words and words[0] in _HEAD_FIRST_WORDS:
        for lead in _HEADS_OF_BODIES:
            if tuple(words[:len(lead)]) == lead and len(words) > len(lead):
                words = words[len(lead):]
                break
    if words and words[0] in ("cac", "moi", "nhung"):
        words = words[1:]
    if not words:
        return False
    joined = " ".join(words)
    if joined in GENERIC:
        return True
    return all(w in {"cong", "chuc", "vien", "can", "bo", "nguoi", "lao", "dong", "nganh", "truc", "thuoc", "chuyen", "mon","co", "quan", "don", "vi", "dia", "phuong", "ban", "so", "phong",
                                         "to", "hoi", "doan", "the", "xa", "thi", "tran", "huyen",
                                         "cap", "uy", "chinh", "quyen", "khoa", "nghiep", "vu"} for w in words)


def names_a_body(mention: str) -> bool:
    """`Sở Tài chính`, not `các cơ quan, đơn vị, địa phương` (kinds of bodies, no body in particular)."""
    return _is_org_start(mention) and not _is_generic_piece(mention.split(",")[0])


def _open(piece: str) -> bool:
    """A list piece that another piece may continue: `các cơ quan`, `UBND xã` (then `phường`)."""
    if _is_generic_piece(piece):
        return True
    folded = afold(piece).strip()
    at = folded.rfind(" cac ")
    if at > 0 and _is_generic_piece(folded[at + 1:]):
        return True  # `Thành viên Ban Chỉ đạo là lãnh đạo các sở`, then `ban, ngành`
    if not folded.endswith(_LEVEL_ENDINGS):
        return False
    for level in LEVELS:
        if folded.endswith(" " + level) and (" cap " in f" {folded} " or "ubnd" in folded or "uy ban nhan dan" in
                                             folded or " cac " in f" {folded} " or " o " in f" {folded} "):
            return True
    return False


def _continues(prev: str, piece: str) -> bool:
    if piece[:1].isupper() and not _is_org_start(piece) and _is_org_start(prev) and prev[:1].isupper() and \
            not afold(prev).startswith("cac "):
        return True  # `Sở Văn hóa, Thể thao và Du lịch`
    folded = afold(piece).strip()
    first = piece.strip()[:1]
    words = folded.split()
    if not words:
        return True
    if words[0] in _PEOPLE_SHORTHAND and afold(prev).split()[-1:] and afold(prev).split()[-1] in _PEOPLE_SHORTHAND:
        return True  # `CB, CC xã`: cán bộ, công chức, one group
    if words[0] in ("cac", "moi", "tat"):
        return False
    if first.islower() and afold(prev).lstrip().startswith("cac ") and not _is_org_start(piece):
        return True  # `Các chi cục, trung tâm, ban quản lý thuộc Sở`: one `các` over kinds of units
    if first.islower() and prev.lstrip()[:1].isupper() and _is_org_start(prev) and len(words) >= 2 and \
            not folded.startswith(_ORG_HEAD_WORDS) and not _is_generic_piece(piece) and words[0] not in LEVELS:
        return True  # `Phòng Phổ biến, giáo dục pháp luật`: a name with a comma in it
    if first.isupper() and _is_org_start(piece) and not _is_generic_piece(piece):
        return False  # `Ủy ban nhân dân tỉnh, Bộ Nội vụ`, `..., Tổ trưởng các tổ dân phố`: a body of its own
    level = next((lv for lv in LEVELS if folded.startswith(lv + " ")), None) if folded.startswith(_LEVEL_OPENINGS) \
        else None
    folded_prev = afold(prev)
    if level and piece.strip()[len(level) + 1:].lstrip()[:1].isupper() and (
            "ubnd" in folded_prev or "uy ban nhan dan" in folded_prev):
        return True  # `Ủy ban nhân dân phường Thành Nhất, xã Hòa Phú`: the same committee of two places
    if folded in LEVELS and afold(prev).rstrip().endswith(_LEVEL_ENDINGS):
        return True  # `Ủy ban Mặt trận Tổ quốc Việt Nam xã, phường`: the same body at another level
    if _open(prev):
        if _is_generic_piece(piece) or words[0] in _GENERIC_FIRST or folded in LEVELS:
            return True
        if folded in LEVELS or folded.startswith(_LEVEL_OPENINGS):
            return True
    return first.islower() and len(words) <= 2 and words[0] not in _GENERIC_FIRST


def _is_org_start(text: str) -> bool:
    text = text.lstrip()[:40]
    folded = afold(text).strip()
    if not folded or not folded.startswith(_ORG_HEAD_WORDS):
        first = text.split(maxsplit=1)[0].rstrip(",;:") if folded else ""
        return first.isupper() and afold(first) in _SHORTHAND_HEADS
    head = _ORG_HEAD.match(folded)
    if head:
        word = head.group(0)
        if word == "moi" and _VN_CHARS.search(text) and not text.lower().startswith("mọi"):
            return False  # `Môi trường` is no `mọi` (every) once the diacritics are there to tell
        if word == "to chuc" and folded[8:].startswith(_EVENTS):
            return False  # `Tổ chức Hội nghị cán bộ ...` is the verb and what it organises
        if word in _NAMED_HEADS:
            rest = text.strip()[len(word):].lstrip()
            if rest[:3].lower() == "và " and rest[3:4].isupper():
                rest = rest[3:]  # `Báo và Phát thanh, Truyền hình Nghệ An`
            if not (rest[:1].isupper() or rest[:1] == "," or (word in ("truong", "pho", "chanh") and
                                                              afold(rest[:4]) == "cac ")):
                return False
        return True
    return False


def clean_mention(text: str) -> str:
    text = _PAREN.sub(" ", text)
    text = _WHITE.sub(" ", text).strip(" ;:,.-")
    text = _LEADING.sub("", text).strip()
    for honorific in ("đồng chí ", "đ/c "):  # `phân công đồng chí Phó Chủ tịch ...`: the honorific before an office
        if text.startswith(honorific) and text[len(honorific):][:1].isupper():
            text = text[len(honorific):]
    for _ in range(2):
        folded = afold(text)
        m = _TRAILING.search(folded) if folded.rstrip().endswith(_TRAILING_ENDS) else None
        if not m:
            break
        text = text[: m.start()].strip(" ;:,.-")
    return text


def split_mentions(text: str) -> list[str]:
    """A fresh list of the mentions in `text` (see `_split_mentions`)."""
    return list(_per_document("mentions", _split_mentions, text or ""))


def _split_mentions(text: str) -> tuple[str, ...]:
    """`Sở Nội vụ, các cơ quan, đơn vị, địa phương` → [`Sở Nội vụ`, `các cơ quan, đơn vị, địa phương`]."""
    text = _LEADING.sub("", _PAREN.sub(" ", text or "").lstrip())  # `Đề nghị các sở, ban, ngành`: one group
    out: list[str] = []
    for chunk in _SPLIT_SEMI.split(text):
        chunk = chunk.strip(" ,.")
        if not chunk:
            continue
        # split on `và` only where an agency follows
        parts: list[str] = []
        pos = 0
        for m in _VA.finditer(chunk):
            right = chunk[m.end():]
            left = chunk[pos:m.start()]
            if afold(left).startswith("van phong") and afold(right).startswith(
                    ("ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan")):
                continue  # `Văn phòng HĐND và UBND huyện`, `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã`
            if _is_org_start(right) and (afold(right).startswith("cac ") or right[:1].isupper()
                                         or not _open(left.split(",")[-1])):
                if afold(m.group(0)).strip() == "voi" and not afold(right).startswith("cac "):
                    continue
                parts.append(left)
                pos = m.end()
        parts.append(chunk[pos:])
        for part in parts:
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            merged: list[str] = []
            for piece in pieces:
                if merged and _continues(merged[-1], piece):
                    merged[-1] = f"{merged[-1]}, {piece}"
                else:
                    merged.append(piece)
            for piece in merged:
                c = clean_mention(piece)
                if out and c.startswith(("mỗi ", "Mỗi ")):
                    continue  # `Các phòng, đơn vị ..., mỗi đơn vị đăng ký ...`: each of those already named
                if c and len(c) > 1 and c not in out:
                    out.append(c)
    return tuple(out)


def _strip_preface(text: str) -> str:
    """Drop an opening `Căn cứ ...,` clause or a short preface (`Với vai trò đầu mối,`)."""
    folded = afold(text[:30])
    if folded.startswith(("can cu ", "tren co so ", "theo ", "voi vai tro ", "trong qua trinh ", "ke tu ", "tu ngay ",
                          "tu thang ", "tu nam ", "sau khi ", "truoc khi ", "dinh ky ", "la co quan ", "la don vi ",
                          "hang quy,", "hang thang,", "hang nam,", "hang tuan,", "moi quy,", "cuoi quy,",
                          "cuoi nam,", "truoc ngay ", "trong quy ", "trong thang ")) or \
            text.lower().startswith("để "):
        comma = text.find(",")
        if 0 < comma < 200:
            return text[comma + 1:].strip()
    return text


def subject_of(text: str) -> tuple[str, str, int]:
    """The agency phrase that opens `text`, the verb that ends it (folded) and its character offset."""
    return _per_document("subjects", _subject_of, text)


def _subject_of(text: str) -> tuple[str, str, int]:
    text = _strip_preface(text.strip()[:600])
    body = _LEADING.sub("", text)
    if not body or not _is_org_start(body):
        return "", "", -1
    offset = len(text) - len(body)
    # walk words; stop at the first verb (1-3 word match)
    # tokens past 40 (+2 for a verb's later words) never change the answer
    words = Words(body, 43)
    diacritics = bool(_VN_CHARS.search(text))
    depth = 0
    i = -1
    while words.has(i + 1):
        i += 1
        tok = words.tokens[i]
        if tok == "(":
            depth += 1
            continue
        if tok == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if tok in (".", ":"):
            return "", "", -1
        if i == 0:
            continue
        if i > 40:
            return "", "", -1
        phrase = words.verb_at(i, diacritics) \
            if tok[:1].islower() and words.folded[i - 1] not in ("cac", "nhung", "moi") else None
        if phrase == "la" and words.folded[i - 1:i] != ["co"]:
            head = _member_of(words, i + 1)
            if head:  # `Thành viên Ban Chỉ đạo là lãnh đạo Sở Nội vụ chủ trì`: who the member is, not the verb
                i += head
                continue
        if phrase == "duoc" and "cac" in words.folded[:i]:
            ahead = _past_defining_clause(words, i, diacritics)
            if ahead:  # `Ủy ban nhân dân các xã được kiểm tra chuẩn bị ...`: which communes, then what they do
                i = ahead - 1
                continue
        if phrase:
            start = words.starts[i]
            subject = body[:start].strip(" ,;")
            if not subject or afold(subject) in _VERB_HEADS:
                return "", "", -1
            return subject, phrase, offset + start
    return "", "", -1


def _past_defining_clause(words: Words, i: int, diacritics: bool) -> int:
    """At `được` after a group (`các xã được kiểm tra chuẩn bị`): the token of the verb after the clause that says
    which of the group, or 0 when `được` is the verb itself (`các sở được giao chủ trì`) or nothing follows."""
    if not words.has(i + 1):
        return 0
    participle = words.verb_at(i + 1, diacritics)
    if not participle or participle == "giao":
        return 0
    j = i + 1 + len(participle.split())
    while words.has(j) and j <= i + 9:
        if words.tokens[j] in (",", ";", ".", ":", "(", ")"):
            return 0
        if words.tokens[j][:1].islower() and words.verb_at(j, diacritics):
            return j
        j += 1
    return 0


_LEADERS = (("lanh", "dao"), ("thu", "truong"), ("dai", "dien"))


def _member_of(words: Words, i: int) -> int:
    """At `lãnh đạo Sở Nội vụ` (`lãnh đạo các sở`) after `là`: how many words the leader's title takes."""
    for leader in _LEADERS:
        n = len(leader)
        if tuple(words.folded[i:i + n]) == leader and words.has(i + n) and \
                (words.tokens[i + n][:1].isupper() or words.folded[i + n] == "cac"):
            return n
    return 0


# Heads that open an item as its verb when nothing follows them (`Lãnh đạo tổ chức tốt ...`), not a body
_VERB_HEADS = {"lanh dao", "chi dao"}

_DOCUMENT = threading.local()
T = TypeVar("T")
_MEMOS = ("roles", "mentions", "subjects")


@contextmanager
def document_scope() -> Iterator[None]:
    """While one document is parsed, `roles_from_text`, `split_mentions` and `subject_of` read each text once (the
    outline and the reports read the same paragraphs). Nothing is kept after the document: a cache keyed by whole
    texts would only ever help a second reading of the same plan (and make a benchmark of many readings lie)."""
    previous = [getattr(_DOCUMENT, name, None) for name in _MEMOS]
    for name in _MEMOS:
        setattr(_DOCUMENT, name, {})
    try:
        yield
    finally:
        for name, memo in zip(_MEMOS, previous, strict=True):
            setattr(_DOCUMENT, name, memo)


def _per_document(memo_name: str, compute: Callable[[str], T], text: str) -> T:
    """`compute(text)`, read once per document inside `document_scope` (a pure function of the text)."""
    memo = getattr(_DOCUMENT, memo_name, None)
    if memo is None:
        return compute(text)
    got = memo.get(text)
    if got is None:
        got = memo[text] = compute(text)
    return got


def roles_from_text(text: str) -> dict[str, list[str]]:
    """Roles read from prose: subject → executing (or lead before `chủ trì`); `phối hợp với Y` → cooperating."""
    got = _per_document("roles", _roles_from_text, text)
    return {role: list(names) for role, names in got.items()}  # fresh lists: callers may keep or extend them


def _roles_from_text(text: str) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {"lead": [], "cooperating": [], "executing": []}
    subject, verb, at = subject_of(text)
    if not subject:
        opening = _OPENS_WITH_PHOI_HOP.match(text)
        if opening:  # `Phối hợp với Ủy ban MTTQ xã kiện toàn ...`: the item's doer is above it, its partner here
            roles["cooperating"] = partners(text[opening.end():])
        return roles
    mentions = [m for m in split_mentions(subject) if len(m.split()) <= _MAX_MENTION_WORDS]
    rest = text[at:]
    if verb == "chu tri":
        roles["lead"] = mentions
        rest_after = rest[len("chủ trì"):]
        m = _PHOI_HOP.search(rest_after[:160])
        before = rest_after[:m.start()].strip(" ,;") if m else ""
        if before and rest_after.lstrip()[:1] in ",;" and _is_org_start(before) and \
                afold(m.group(0)).split()[-1] != "voi":
            roles["cooperating"] = split_mentions(before)  # `X chủ trì, Y phối hợp`
        elif m and m.start() < 40:
            roles["cooperating"] = partners(rest_after[m.end():])
    else:
        roles["executing"] = mentions
        m = _PHOI_HOP.search(rest[:40])
        if m and m.group(0).strip() and not afold(rest[:m.start()]).count(" ") <= 6:
            m = None
        if m:
            roles["cooperating"] = partners(rest[m.end():])
    return roles


def partners(text: str) -> list[str]:
    """Agencies that open `text` (after `phối hợp với`), up to the verb or clause that follows them."""
    text = text.lstrip(" ,")[:400]
    if not text or not _is_org_start(text):
        return []
    words = Words(text, 43)  # the loop stops at 41
    diacritics = bool(_VN_CHARS.search(text))
    end = len(text)
    i = -1
    while words.has(i + 1):
        i += 1
        tok = words.tokens[i]
        if tok == "(":  # a short aside after a name (`Ban Tuyên giáo Tỉnh ủy (đề nghị), Ủy ban MTTQ ...`) goes on
            close = next((j for j in range(i + 1, i + 8) if words.has(j) and words.tokens[j] in "()"), None)
            if close is not None and words.tokens[close] == ")":
                i = close
                continue
        if tok in (".", ":", "(", ";") or i > 40:
            end = words.starts[i]
            break
        if i == 0:
            continue
        if tok[:1].islower() and words.folded[i - 1] not in ("cac", "nhung", "moi") and words.verb_at(i, diacritics):
            end = words.starts[i]
            break
    return [m for m in split_mentions(text[:end]) if len(m.split()) <= _MAX_MENTION_WORDS]


_ROLE_WORDS = {"chu tri": "lead", "phoi hop": "cooperating", "tham gia": "cooperating", "thuc hien": "executing",
               "tham muu": "executing", "chi dao": "directing"}
# a group's role after it: in a bracket (`X, Y (phối hợp);`) or as a bare word that closes the group (`X chủ trì;`)
_ROLE_MARK = re.compile(r"\(\s*(chu tri|phoi hop|tham gia|thuc hien|tham muu|chi dao)\s*\)|"
                        r"(?<=\S)\s+(chu tri|phoi hop|tham gia|thuc hien|tham muu|chi dao)\s*(?=[;.]|$)")


def marked_groups(value: str) -> dict[str, list[str]] | None:
    """`X (chủ trì); Y, Z (phối hợp); các thôn (thực hiện)` or `X chủ trì; Y, Z phối hợp`: each group of bodies
    with the role printed after it; None when the value marks no group so."""
    folded = afold(value)
    # `Thành viên Ban Chỉ đạo;` names a body; `Các Phó Trưởng ban chỉ đạo;` says what they do
    marks = [m for m in _ROLE_MARK.finditer(folded) if not (
        m.group(2) == "chi dao" and folded[:m.start()].endswith(" ban") and value[m.start(2)].isupper())]
    if not marks or (len(marks) == 1 and marks[0].group(2) and ";" not in value):
        return None  # one bare `X chủ trì` is prose the other readers know
    roles: dict[str, list[str]] = {"lead": [], "cooperating": [], "executing": [], "directing": []}
    start = 0
    for m in marks:
        named = roles[_ROLE_WORDS[m.group(1) or m.group(2)]]
        named.extend(n for n in split_mentions(value[start:m.start()].strip(" ;,.")) if n not in named)
        start = m.end()
    rest = value[start:].strip(" ;,.")
    if rest:  # `...; Cơ quan Thường trực chuẩn bị tài liệu`: a clause with its own verb, or more bodies
        told = roles_from_text(rest)
        for role, names in (told if told["lead"] or told["executing"] else {"executing": split_mentions(rest)}).items():
            roles[role].extend(n for n in names if n not in roles[role])
    return roles


_ROLE_VERBS = ("chu tri", "phoi hop", "thuc hien", "tham muu")
# `X, dưới sự chỉ đạo của Y`, `X, với sự phối hợp của Y`: a second body and its role, told after the first
_UNDER = re.compile(r"[,;]?\s*(?:dưới|duoi)\s+sự\s+(chỉ đạo|phối hợp)(?:\s+(?:trực tiếp|chung))?\s+của\s+|"
                    r"[,;]?\s*(?:với|voi)\s+sự\s+(phối hợp|chỉ đạo)(?:\s+(?:trực tiếp|chặt chẽ))?\s+của\s+", re.I)


def under_clause(value: str) -> tuple[str, dict[str, list[str]]]:
    """`X, dưới sự chỉ đạo của Y` → (`X`, {"directing": [Y]}); the value and {} where it tells no second body."""
    under = _UNDER.search(value) if "sự" in value else None
    if not under or under.start() == 0:
        return value, {}
    role = "directing" if afold(under.group(1) or under.group(2)) == "chi dao" else "cooperating"
    return value[:under.start()], {role: partners(value[under.end():])}


def mentions_from_value(value: str) -> dict[str, list[str]]:
    """A role line's value: plain list, groups with their roles (`X (chủ trì); Y (phối hợp)`), or prose (`Sở Nội vụ
    phối hợp với các cơ quan có liên quan`)."""
    value = value.strip()
    head, second = under_clause(value)
    if second:
        roles = mentions_from_value(head)
        for role, names in second.items():
            roles[role] = roles.get(role, []) + names
        return roles
    if "(" in value or ";" in value:
        groups = marked_groups(value)
        if groups is not None:
            return groups
    m = _PHOI_HOP.search(value)
    if m:
        left = value[:m.start()].strip(" ,")
        if afold(left).endswith("chu tri"):
            return {"lead": split_mentions(left[: -len("chủ trì")]), "cooperating": partners(value[m.end():])}
        subject = subject_of(left)[0]  # `Văn phòng Sở chuẩn bị báo cáo, ..., phối hợp với Y`: the body, not its work
        return {"executing": split_mentions(subject or left), "cooperating": partners(value[m.end():])}
    pieces = [p for p in _SPLIT_SEMI.split(_PAREN.sub(" ", value).strip(" .;")) if p]
    if len(pieces) > 1 and all(_is_org_start(p) for p in pieces):
        if not any(subject_of(p)[1] in _ROLE_VERBS for p in pieces):
            return {"executing": split_mentions(value)}  # a list of names (`Phòng Cảnh sát quản lý ...; ...`)
        # `các bệnh viện, Trung tâm Y tế khu vực; Văn phòng Sở chủ trì tiếp nhận ...`: a clause tells its own role
        roles = {"lead": [], "cooperating": [], "executing": []}
        for piece in pieces:
            told = roles_from_text(piece) if subject_of(piece)[1] in _ROLE_VERBS else {}
            for role, names in (told if told.get("lead") or told.get("executing") else
                                {"executing": split_mentions(piece)}).items():
                roles[role].extend(n for n in names if n not in roles[role])
        return roles
    roles = roles_from_text(value)
    if roles["executing"] or roles["lead"]:
        return roles
    return {"executing": split_mentions(value)}
