"""Mentions → agencies for plan review, through danvan.agencies (with a plain exact-name fallback).

The agency resolver and group selector are owned by danvan.agencies; while they are missing, this module
still resolves a mention whose folded text equals an agency's name or alias, and expands a group by its rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyGroupAlias
from danvan.text import fold_words

RESOLVE_THRESHOLD = 0.85


@dataclass
class MentionChoice:
    mention: str
    agency_id: int | None = None
    group_id: int | None = None
    confidence: float = 0.0
    method: str = ""
    candidates: list[dict] = field(default_factory=list)

    @property
    def is_confident(self) -> bool:
        return self.confidence >= RESOLVE_THRESHOLD

    def as_dict(self) -> dict:
        return {
            "mention": self.mention,
            "agency_id": self.agency_id,
            "group_id": self.group_id,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "candidates": self.candidates,
            "confident": self.is_confident,
        }


def _descendants(scope: Agency) -> list[int]:
    ids, frontier = [scope.pk], [scope.pk]
    while frontier:
        frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def _fallback_resolve(texts: list[str], *, scope: Agency, on: dt.date | None) -> list[MentionChoice]:
    tree = _descendants(scope)
    agencies = Agency.objects.filter(pk__in=tree)
    if on:
        agencies = agencies.valid_on(on)
    choices = []
    for text in texts:
        key = fold_words(text)
        choice = MentionChoice(mention=text)
        group = AgencyGroup.objects.filter(scope=scope, search_key=key).first() or getattr(
            AgencyGroupAlias.objects.filter(group__scope=scope, search_key=key).select_related("group").first(),
            "group",
            None,
        )
        agency = agencies.filter(search_key=key).first() or getattr(
            AgencyAlias.objects.filter(agency__in=agencies, search_key=key).select_related("agency").first(),
            "agency",
            None,
        )
        if group is not None:
            choice.group_id, choice.confidence, choice.method = group.pk, 1.0, "group"
        elif agency is not None:
            choice.agency_id, choice.confidence, choice.method = agency.pk, 1.0, "exact"
        else:
            # Candidates: agencies whose folded name contains every word of the mention.
            words = key.split()
            qs = agencies
            for word in words[-3:]:
                qs = qs.filter(search_key__contains=word)
            choice.candidates = [{"agency_id": a.pk, "name": a.name, "score": 0.5} for a in qs[:5]]
            choice.method = "none"
        choices.append(choice)
    return choices


def mentions_resolve(texts: list[str], *, scope: Agency, on: dt.date | None) -> list[MentionChoice]:
    """Resolve each mention within `scope`'s tree at `on`; low-confidence results keep their candidates."""
    if not texts:
        return []
    try:
        from danvan.agencies.resolve import resolve_mentions
    except ImportError:
        return _fallback_resolve(texts, scope=scope, on=on)
    choices = []
    for res in resolve_mentions(texts, scope=scope, on=on):
        agency = getattr(res, "agency", None)
        group = getattr(res, "group", None)
        candidates = []
        for cand in getattr(res, "candidates", None) or []:
            # Candidates may be agencies, (agency, score) pairs, or objects with .agency/.score.
            obj, score = cand, None
            if isinstance(cand, tuple | list):
                obj, score = cand[0], (cand[1] if len(cand) > 1 else None)
            elif hasattr(cand, "agency"):
                obj, score = cand.agency, getattr(cand, "score", None)
            if isinstance(obj, Agency):
                candidates.append(
                    {
                        "agency_id": obj.pk,
                        "name": obj.name,
                        "score": round(float(score), 3) if score is not None else None,
                    }
                )
        choice = MentionChoice(
            mention=res.mention,
            agency_id=agency.pk if agency is not None else None,
            group_id=group.pk if group is not None else None,
            confidence=float(res.confidence or 0.0),
            method=str(getattr(res, "method", "")),
            candidates=candidates[:5],
        )
        if not res.is_confident:
            # Below the threshold nothing is chosen: an official picks from the candidates.
            if choice.agency_id and not any(c["agency_id"] == choice.agency_id for c in candidates):
                choice.candidates.insert(
                    0, {"agency_id": choice.agency_id, "name": agency.name, "score": round(choice.confidence, 3)}
                )
            choice.agency_id = None
            choice.group_id = None
        choices.append(choice)
    return choices


def _fallback_group_members(group: AgencyGroup, on: dt.date) -> list[Agency]:
    if group.direct_children_only:
        qs = Agency.objects.filter(parent=group.scope)
    else:
        qs = Agency.objects.filter(pk__in=_descendants(group.scope)).exclude(pk=group.scope_id)
    if group.member_kinds:
        qs = qs.filter(kind__in=group.member_kinds)
    members = {a.pk: a for a in qs.valid_on(on)}
    for extra in group.extra_members.valid_on(on):
        members[extra.pk] = extra
    return sorted(members.values(), key=lambda a: a.name)


def group_expand(*, group: AgencyGroup, on: dt.date) -> list[Agency]:
    """The member agencies of `group` on `on`."""
    try:
        from danvan.agencies.selectors import group_members
    except ImportError:
        return _fallback_group_members(group, on)
    return list(group_members(group=group, on=on))
