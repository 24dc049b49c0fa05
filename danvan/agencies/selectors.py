"""Reading the agency directory: trees, validity at a date, group members, successors, search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup
from danvan.text import fold_words


def agency_list_valid_on(*, on: dt.date, government: Agency | None = None) -> list[Agency]:
    """Agencies in force on `on`; with `government`, only that government's tree."""
    if government is None:
        return list(Agency.objects.valid_on(on).order_by("name"))
    return [agency for agency in agency_tree(government=government) if agency.is_valid_on(on)]


def agency_descendants(*, root: Agency) -> list[Agency]:
    """Every agency below `root` (not `root` itself), breadth first; one query per level."""
    found: list[Agency] = []
    seen = {root.pk}
    level = [root.pk]
    while level:
        children = list(Agency.objects.filter(parent_id__in=level).exclude(pk__in=seen).order_by("name"))
        found.extend(children)
        level = [child.pk for child in children]
        seen.update(level)
    return found


def agency_tree(*, government: Agency, on: dt.date | None = None) -> list[Agency]:
    """The government and everything under it, optionally only what is in force on `on`."""
    agencies = [government, *agency_descendants(root=government)]
    if on is not None:
        agencies = [agency for agency in agencies if agency.is_valid_on(on)]
    return agencies


@dataclass
class TreeNode:
    agency: Agency
    depth: int


def agency_tree_nodes(*, government: Agency, on: dt.date | None = None) -> list[TreeNode]:
    """The tree as a flat list in display order (each parent followed by its children), with depths."""
    agencies = agency_tree(government=government)
    by_parent: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        by_parent.setdefault(agency.parent_id, []).append(agency)
    nodes: list[TreeNode] = []

    def walk(agency: Agency, depth: int) -> None:
        if on is None or agency.is_valid_on(on):
            nodes.append(TreeNode(agency=agency, depth=depth))
        for child in sorted(by_parent.get(agency.pk, []), key=lambda a: (a.kind, a.name)):
            walk(child, depth + 1)

    walk(government, 0)
    return nodes


def agency_governments() -> QuerySet[Agency]:
    return Agency.objects.filter(parent__isnull=True).order_by("name")


def group_members(*, group: AgencyGroup, on: dt.date) -> list[Agency]:
    """The agencies a group phrase means on `on`: kinds under its scope, in force that day, plus extra members.

    An empty list is a real answer (e.g. `UBND cấp huyện` after 1 July 2025); callers flag it.
    """
    if group.direct_children_only:
        under = list(Agency.objects.filter(parent=group.scope))
    else:
        under = agency_descendants(root=group.scope)
    kinds = set(group.member_kinds or [])
    members = {agency.pk: agency for agency in under if agency.kind in kinds and agency.is_valid_on(on)}
    for agency in group.extra_members.all():
        if agency.is_valid_on(on):
            members[agency.pk] = agency
    return sorted(members.values(), key=lambda a: (a.kind, a.name))


def agency_successors(*, agency: Agency, on: dt.date) -> list[Agency]:
    """Who carries on `agency`'s work on `on`.

    The agency itself if it is still in force; otherwise follow successor links (n:m, chains allowed)
    until reaching agencies in force on `on`. Empty when the line ends (e.g. district committees).
    """
    if agency.is_valid_on(on):
        return [agency]
    result: dict[int, Agency] = {}
    seen = {agency.pk}
    frontier = [agency]
    while frontier:
        successors = list(Agency.objects.filter(predecessors__in=frontier).distinct())
        frontier = []
        for successor in successors:
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if successor.is_valid_on(on):
                result[successor.pk] = successor
            else:
                frontier.append(successor)
    return sorted(result.values(), key=lambda a: a.name)


def agency_search(*, query: str, government: Agency | None = None, limit: int = 200) -> list[Agency]:
    """Agencies whose name or an alias contains every word of `query`, ignoring case and diacritics."""
    words = fold_words(query).split()
    if not words:
        return []
    by_name = Q()
    for word in words:
        by_name &= Q(search_key__contains=word)
    alias_q = Q()
    for word in words:
        alias_q &= Q(search_key__contains=word)
    alias_agency_ids = AgencyAlias.objects.filter(alias_q).values("agency_id")
    results = Agency.objects.filter(by_name | Q(pk__in=alias_agency_ids)).order_by("name")
    if government is not None:
        allowed = {a.pk for a in agency_tree(government=government)}
        return [agency for agency in results if agency.pk in allowed][:limit]
    return list(results[:limit])


def agency_groups_for(*, agency: Agency) -> list[AgencyGroup]:
    """Groups scoped to `agency` (the phrases its plans may use)."""
    return list(AgencyGroup.objects.filter(scope=agency).prefetch_related("aliases"))
