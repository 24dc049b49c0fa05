"""Resolving how a plan names an agency (`Sở NV`, `UBND các xã, phường`) to the directory.

The contract other code calls is `resolve_mention` / `resolve_mentions` and `Resolution`. Nothing with
`is_confident` False may be treated as an assignment: such a Resolution has no `agency`/`group`, and the
review screen shows `candidates` instead (best first, with their confidence).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyGroupAlias
from danvan.agencies.selectors import agency_descendants
from danvan.text import fold_words

RESOLVE_THRESHOLD = 0.85
MAX_CANDIDATES = 5

# Abbreviations as plans write them, keyed by the folded token (the same idea as the extraction scorer's
# table, extended with common department short forms).
ABBREVIATIONS = {
    "ubndtp": "ủy ban nhân dân thành phố",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "ubmttqvn": "ủy ban mặt trận tổ quốc việt nam",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "mttqvn": "mặt trận tổ quốc việt nam",
    "mttq": "mặt trận tổ quốc",
    "cbccvc": "cán bộ công chức viên chức",
    "nld": "người lao động",
    "ldld": "liên đoàn lao động",
    "vp": "văn phòng",
    "tp": "thành phố",
    "tx": "thị xã",
    "tw": "trung ương",
    "vn": "việt nam",
    "snv": "sở nội vụ",
    "stp": "sở tư pháp",
    "stc": "sở tài chính",
    "syt": "sở y tế",
    "sct": "sở công thương",
    "sxd": "sở xây dựng",
    "nv": "nội vụ",
    "gd&dt": "giáo dục và đào tạo",
    "gddt": "giáo dục và đào tạo",
    "kh&cn": "khoa học và công nghệ",
    "khcn": "khoa học và công nghệ",
    "nn&mt": "nông nghiệp và môi trường",
    "nnmt": "nông nghiệp và môi trường",
    "vhttdl": "văn hóa thể thao và du lịch",
    "dt&tg": "dân tộc và tôn giáo",
    "ct-xh": "chính trị xã hội",
    "ctxh": "chính trị xã hội",
}
LEADING_WORDS = ("cac ", "de nghi ", "yeu cau ", "giao ", "giao cho ", "chi dao ", "phoi hop voi ", "phoi hop ",
                 "chu tri ", "cho ")
TRAILING_WORDS = (" co lien quan", " lien quan")
# Words that carry no identity in a mention: `UBND các xã` is `UBND xã`.
FILLER_WORDS = {"cac", "nhung"}
LEVEL_WORDS = ("thanh pho", "tinh", "thi xa", "huyen", "quan", "xa", "phuong")
# OCR reads diacritics as digits: `S0 N6i vu`. Only inside words that also contain letters.
_OCR_DIGITS = str.maketrans({"0": "o", "6": "o", "1": "i", "5": "s", "8": "b", "3": "e", "4": "a"})
_TOKEN_EDGE = re.compile(r"^[^\w&]+|[^\w&]+$")
# A folded Vietnamese syllable. OCR noise (`chirc`, `n6i`) is usually not one; a real but different word
# (`ngoai` in `Sở Ngoại vụ`) is, and must not be fuzzily taken for `Sở Nội vụ`.
_SYLLABLE = re.compile(
    r"^(ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"(uyu|uye|uya|uoi|uou|ieu|yeu|oai|oay|oeo|uay|uau|uoi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy"
    r"|ya|ye|a|e|i|o|u|y)"
    r"(ch|ng|nh|c|m|n|p|t|i|y|o|u)?$"
)
# Subset matches (`Sở Văn hóa` inside `Sở Văn hóa, Thể thao và Du lịch`) rank as candidates but never pass.
_SUBSET_WEIGHT = 0.84


@dataclass
class Resolution:
    mention: str
    agency: Agency | None
    group: AgencyGroup | None
    confidence: float  # 0..1
    method: str  # "exact", "alias", "abbreviation", "fuzzy", "group", "none"
    candidates: list[tuple[object, float]] = field(default_factory=list)

    @property
    def is_confident(self) -> bool:
        return self.confidence >= RESOLVE_THRESHOLD

    @property
    def target(self) -> Agency | AgencyGroup | None:
        return self.agency or self.group


def _fold_token(token: str) -> str:
    token = unicodedata.normalize("NFD", token.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in token if unicodedata.category(c) != "Mn")


def normalise_mention(text: str) -> tuple[str, bool]:
    """The matching key of a mention and whether an abbreviation was expanded."""
    words = []
    expanded = False
    for token in re.split(r"[\s.]+", unicodedata.normalize("NFC", text or "")):
        bare = _fold_token(_TOKEN_EDGE.sub("", token))
        if bare in ABBREVIATIONS:
            words.append(ABBREVIATIONS[bare])
            expanded = True
        else:
            words.append(token)
    key = fold_words(" ".join(words))
    changed = True
    while changed:
        changed = False
        for lead in LEADING_WORDS:
            if key.startswith(lead):
                key, changed = key[len(lead):], True
        for trail in TRAILING_WORDS:
            if key.endswith(trail):
                key, changed = key[: -len(trail)], True
    key = " ".join(word for word in key.split() if word not in FILLER_WORDS)
    return key, expanded


def _ocr_repair(key: str) -> str:
    return " ".join(w.translate(_OCR_DIGITS) if any(c.isalpha() for c in w) else w for w in key.split())


def _level_suffix(root: Agency) -> tuple[str, str]:
    """(`thanh pho can tho`, `thanh pho`) for `Ủy ban nhân dân thành phố Cần Thơ`."""
    key, _ = normalise_mention(root.name)
    for prefix in ("uy ban nhan dan ",):
        if key.startswith(prefix):
            key = key[len(prefix):]
    for level in LEVEL_WORDS:
        if key.startswith(level + " "):
            return key, level
    return "", ""


def _variants(key: str, *, suffix: str, level: str, kind: str) -> set[str]:
    """The ways a plan of this government writes the same name: with or without `thành phố Cần Thơ`."""
    if not key:
        return set()
    variants = {key}
    if suffix and key.endswith(" " + suffix):
        base = key[: -len(suffix) - 1]
        variants |= {base, f"{base} {level}"}
    elif suffix and kind not in ("ubnd_xa", "ubnd_huyen") and not key.endswith(" " + level):
        variants |= {f"{key} {level}", f"{key} {suffix}"}
    elif suffix and key.endswith(" " + level):
        variants.add(key[: -len(level) - 1])
    if kind in ("ubnd_xa", "ubnd_huyen", "ubnd_tinh") and key.startswith("uy ban nhan dan "):
        variants.add(key[len("uy ban nhan dan "):])
    return {v for v in variants if len(v.split()) >= 2 or len(v) >= 6}


class MentionIndex:
    """Everything needed to resolve mentions for one scope: loaded once, used for a whole batch."""

    def __init__(self, *, scope: Agency, on: dt.date | None = None):
        self.scope = scope
        self.on = on
        root = scope.government()
        self.root = root
        agencies = [root, *agency_descendants(root=root)]
        # Bodies merged into this government (Sóc Trăng, Hậu Giang) are still named by old plans.
        agencies += list(Agency.objects.filter(successors=root).exclude(pk__in=[a.pk for a in agencies]))
        self.agencies = {a.pk: a for a in agencies}
        suffix, level = _level_suffix(root)
        self.keys: dict[str, dict[int, str]] = {}  # key -> {agency pk: method}
        for agency in agencies:
            for text in (agency.name, agency.short_name):
                key, expanded = normalise_mention(text or "")
                for variant in _variants(key, suffix=suffix, level=level, kind=agency.kind):
                    self._add(variant, agency.pk, "exact")
        for alias in AgencyAlias.objects.filter(agency_id__in=self.agencies):
            key, _ = normalise_mention(alias.text)
            kind = self.agencies[alias.agency_id].kind
            for variant in _variants(key, suffix=suffix, level=level, kind=kind):
                self._add(variant, alias.agency_id, "alias")
        chain = []
        node = scope
        while node is not None:
            chain.append(node.pk)
            node = self.agencies.get(node.parent_id) if node.parent_id else None
        groups = list(AgencyGroup.objects.filter(scope_id__in=chain))
        # The plan's own scope first: its `các phòng, ban` beats a same-named phrase of the government.
        groups.sort(key=lambda g: chain.index(g.scope_id))
        self.groups = {g.pk: g for g in groups}
        self.group_keys: dict[str, int] = {}
        group_texts = [(g.pk, g.name) for g in groups]
        group_texts += [(a.group_id, a.text) for a in AgencyGroupAlias.objects.filter(group_id__in=self.groups)]
        for group_pk, text in group_texts:
            key, _ = normalise_mention(text)
            for variant in _variants(key, suffix=suffix, level=level, kind="group"):
                self.group_keys.setdefault(variant, group_pk)
        self._choices = list(self.keys) + [k for k in self.group_keys if k not in self.keys]

    def _add(self, key: str, pk: int, method: str) -> None:
        bucket = self.keys.setdefault(key, {})
        if bucket.get(pk) != "exact":
            bucket[pk] = method

    def _valid(self, agency: Agency) -> bool:
        return self.on is None or agency.is_valid_on(self.on)

    def _target(self, key: str) -> list[tuple[object, str]]:
        targets: list[tuple[object, str]] = []
        if key in self.group_keys:
            targets.append((self.groups[self.group_keys[key]], "group"))
        for pk, method in self.keys.get(key, {}).items():
            targets.append((self.agencies[pk], method))
        return targets

    def resolve(self, text: str) -> Resolution:
        key, expanded = normalise_mention(text)
        if not key:
            return Resolution(mention=text, agency=None, group=None, confidence=0.0, method="none")
        exact = self._target(key)
        if exact:
            return self._decide(text, exact, base=1.0, expanded=expanded, fuzzy=False)
        repaired = _ocr_repair(key)
        if repaired != key and self._target(repaired):
            return self._decide(text, self._target(repaired), base=0.93, expanded=expanded, fuzzy=True)
        return self._fuzzy(text, repaired, expanded)

    def _decide(self, text: str, targets: list[tuple[object, str]], *, base: float, expanded: bool,
                fuzzy: bool) -> Resolution:
        groups = [(t, m) for t, m in targets if m == "group"]
        agencies = [(t, m) for t, m in targets if m != "group"]
        valid = [(t, m) for t, m in agencies if self._valid(t)]
        pool = valid or agencies
        if groups and not valid:
            group = groups[0][0]
            return Resolution(mention=text, agency=None, group=group, confidence=base if not fuzzy else base,
                              method="fuzzy" if fuzzy else "group", candidates=[(group, base)])
        confidence = base
        if len(pool) > 1:
            confidence = min(confidence, 0.6)  # two agencies answer to this name: a person decides
        if not valid:
            confidence = min(confidence, 0.8)  # the name fits, but that body was not in force on the date
        best, method = pool[0]
        if fuzzy:
            method = "fuzzy"
        elif expanded and method == "exact":
            method = "abbreviation"
        candidates = [(t, round(confidence, 3)) for t, _ in pool[:MAX_CANDIDATES]]
        if len(pool) > 1 or confidence < RESOLVE_THRESHOLD:
            return Resolution(mention=text, agency=None, group=None, confidence=confidence, method=method,
                              candidates=candidates)
        return Resolution(mention=text, agency=best, group=None, confidence=confidence, method=method,
                          candidates=candidates)

    def _fuzzy(self, text: str, key: str, expanded: bool) -> Resolution:
        matches = process.extract(key, self._choices, scorer=_rank_score, limit=25, score_cutoff=50)
        scored: dict[tuple[str, int], tuple[object, float]] = {}
        for choice, score, _ in matches:
            value = score / 100.0
            if value >= RESOLVE_THRESHOLD and _differs_by_real_word(key, choice):
                value = min(value, RESOLVE_THRESHOLD - 0.05)
            for target, _method in self._target(choice):
                ident = (type(target).__name__, target.pk)
                if isinstance(target, Agency) and not self._valid(target):
                    value *= 0.9
                if ident not in scored or scored[ident][1] < value:
                    scored[ident] = (target, value)
        ranked = sorted(scored.values(), key=lambda item: -item[1])[:MAX_CANDIDATES]
        candidates = [(t, round(s, 3)) for t, s in ranked]
        if not ranked:
            return Resolution(mention=text, agency=None, group=None, confidence=0.0, method="none")
        best, score = ranked[0]
        # A near tie between two different bodies is not a decision the machine may take.
        if len(ranked) > 1 and score - ranked[1][1] < 0.05:
            score = min(score, RESOLVE_THRESHOLD - 0.01)
        if score < RESOLVE_THRESHOLD:
            return Resolution(mention=text, agency=None, group=None, confidence=round(score, 3), method="none",
                              candidates=candidates)
        is_group = isinstance(best, AgencyGroup)
        return Resolution(mention=text, agency=None if is_group else best, group=best if is_group else None,
                          confidence=round(score, 3), method="fuzzy", candidates=candidates)


def _rank_score(query: str, choice: str, **_kwargs) -> float:
    return max(fuzz.ratio(query, choice), fuzz.token_set_ratio(query, choice) * _SUBSET_WEIGHT)


def _differs_by_real_word(mention_key: str, choice: str) -> bool:
    """True when a word of the mention is a genuine Vietnamese syllable that the name does not contain."""
    choice_words = set(choice.split())
    return any(word not in choice_words and _SYLLABLE.match(word) for word in mention_key.split())


def resolve_mention(text: str, *, scope: Agency, on: dt.date | None = None) -> Resolution:
    """Resolve one mention against the government tree of `scope` (and its groups), as of `on`."""
    return MentionIndex(scope=scope, on=on).resolve(text)


def resolve_mentions(texts: list[str], *, scope: Agency, on: dt.date | None = None) -> list[Resolution]:
    """Resolve many mentions with one load of the scope's agencies, aliases and groups."""
    index = MentionIndex(scope=scope, on=on)
    return [index.resolve(text) for text in texts]
