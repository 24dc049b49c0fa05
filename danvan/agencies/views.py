"""Directory screens: tree and search, agency detail, export, import. Thin: selectors and services do the work."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from danvan.accounts.permissions import actor_for, require
from danvan.agencies import io as directory_io
from danvan.agencies.models import Agency, AgencyGroup
from danvan.agencies.selectors import (
    agency_governments,
    agency_groups_for,
    agency_search,
    agency_successors,
    agency_tree,
    agency_tree_nodes,
    group_members,
)
from danvan.agencies.services import directory_import


def _visible_governments(actor) -> list[Agency]:
    """Admins see every tree; others their own government's, plus the bodies merged into it (Sóc Trăng…)."""
    if actor.is_admin:
        return list(agency_governments())
    if actor.government is None:
        return []
    merged = agency_governments().filter(successors=actor.government)
    return [actor.government, *merged]


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _can_see(actor, agency: Agency) -> bool:
    return actor.is_admin or agency.government().pk in {g.pk for g in _visible_governments(actor)}


@login_required
def directory(request):
    actor = actor_for(request.user)
    require(actor.is_authenticated)
    governments = _visible_governments(actor)
    query = request.GET.get("q", "").strip()
    on = _parse_day(request.GET.get("ngay"))
    results = None
    if query:
        results = []
        for government in governments:
            found = agency_search(query=query, government=government)
            results.extend(a for a in found if on is None or a.is_valid_on(on))
    trees = [(government, agency_tree_nodes(government=government, on=on)) for government in governments]
    return render(request, "agencies/directory.html", {
        "trees": [] if query else trees, "results": results, "query": query, "on": on,
        "can_import": actor.is_admin or actor.is_coordinator,
    })


@login_required
def agency_detail(request, code: str):
    actor = actor_for(request.user)
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code)
    require(_can_see(actor, agency))
    on = _parse_day(request.GET.get("ngay")) or dt.date.today()
    groups = [(group, group_members(group=group, on=on)) for group in agency_groups_for(agency=agency)]
    return render(request, "agencies/detail.html", {
        "agency": agency,
        "on": on,
        "aliases": agency.aliases.order_by("text"),
        "children": agency.children.order_by("kind", "name"),
        "successors": agency.successors.order_by("name"),
        "predecessors": agency.predecessors.order_by("name"),
        "successors_on": agency_successors(agency=agency, on=on),
        "groups": groups,
        "member_of": AgencyGroup.objects.filter(extra_members=agency).order_by("name"),
    })


@login_required
def directory_export(request, fmt: str):
    actor = actor_for(request.user)
    require(actor.is_authenticated)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    governments = _visible_governments(actor)
    code = request.GET.get("goc")
    if code:
        governments = [g for g in governments if g.code == code]
    agencies = [agency for government in governments for agency in agency_tree(government=government)]
    rows = directory_io.directory_rows(agencies=agencies)
    if fmt == "csv":
        response = HttpResponse(directory_io.export_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            directory_io.export_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="danh-muc-co-quan.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def directory_import_view(request):
    actor = actor_for(request.user)
    require(actor.is_admin or actor.is_coordinator)
    result = None
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            messages.error(request, "Hãy chọn tệp CSV hoặc XLSX để nhập.")
        elif upload.size > settings.DANVAN_MAX_UPLOAD_BYTES:
            messages.error(request, "Tệp quá lớn.")
        else:
            result = directory_import(data=upload.read(), filename=upload.name, acting_user=request.user)
            if result.ok:
                messages.success(
                    request, f"Đã nhập danh mục: {result.created} cơ quan mới, {result.updated} cơ quan cập nhật."
                )
                return redirect("agencies:directory")
    status = 400 if result is not None and not result.ok else 200
    return render(request, "agencies/import.html", {"result": result, "columns": directory_io.COLUMNS},
                  status=status)
