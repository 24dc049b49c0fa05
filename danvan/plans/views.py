"""Plan pages: thin function views over selectors, services and rules."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import actor_for, require
from danvan.agencies.models import Agency, AgencyGroup
from danvan.plans import rules, selectors, services
from danvan.plans.models import (
    Assignment,
    AssignmentRole,
    AssignmentState,
    ImportJob,
    JobState,
    Plan,
    PlanStatus,
    ReportDuty,
    TimeframeKind,
)
from danvan.plans.services import PlanError

MONTHS = [
    "",
    "Tháng 1",
    "Tháng 2",
    "Tháng 3",
    "Tháng 4",
    "Tháng 5",
    "Tháng 6",
    "Tháng 7",
    "Tháng 8",
    "Tháng 9",
    "Tháng 10",
    "Tháng 11",
    "Tháng 12",
]


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _refuse(request: HttpRequest, error: PlanError) -> None:
    messages.error(request, error.message)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    year = request.GET.get("nam", "")
    filters = {
        "status": request.GET.get("trang_thai") or None,
        "year": int(year) if year.isdigit() else None,
        "issuer": request.GET.get("co_quan") or None,
        "q": request.GET.get("q") or None,
    }
    plans = list(selectors.plan_list_visible_to(actor=actor, **filters))
    progress = selectors.plan_progress(plan_ids=[p.pk for p in plans], today=timezone.localdate())
    for plan in plans:
        plan.progress = progress[plan.pk]
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "years": selectors.plan_years(plans=selectors.plan_list_visible_to(actor=actor)),
            "statuses": PlanStatus.choices,
            "filters": request.GET,
            "jobs": selectors.import_job_list_for(actor=actor).exclude(state=JobState.PUBLISHED)[:10],
            "can_import": rules.plan_can_import(actor),
        },
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_for(request.user)
    plan = get_object_or_404(Plan.objects.select_related("government", "parent_plan", "issuer_agency"), pk=plan_id)
    require(rules.plan_can_view(actor, plan))
    tree = selectors.plan_tree(plan=plan)
    for row in tree:
        for _label, items in row["roles"]:
            for a in items:
                a.note_visible = rules.assignment_can_view_note(actor, a)
                a.can_update = rules.assignment_can_update(actor, a)
                # Forms only on the actor's own rows; others open theirs on demand (a plan can have 1,000+ rows).
                a.show_form = a.can_update and actor.agency is not None and a.agency_id == actor.agency.pk
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tree": tree,
            "sub_plans": [p for p in plan.sub_plans.all() if rules.plan_can_view(actor, p)],
            "reports": plan.report_duties.prefetch_related("senders", "recipients"),
            "today": timezone.localdate(),
            "states": AssignmentState.choices,
        },
    )


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(rules.plan_can_import(actor))
    if request.method == "POST":
        upload = request.FILES.get("file")
        text = request.POST.get("text", "")
        try:
            if upload is not None:
                limit = settings.DANVAN_MAX_UPLOAD_BYTES
                if upload.size > limit:
                    # Checked before reading the upload into memory.
                    raise PlanError(
                        f"Tệp quá lớn ({upload.size / 1048576:.1f} MB). Dung lượng tối đa là {limit / 1048576:.0f} MB.",
                        code="too_large",
                    )
                job = services.import_job_create(actor=actor, data=upload.read(), name=upload.name)
            else:
                job = services.import_job_create(actor=actor, text=text)
        except PlanError as error:
            _refuse(request, error)
            return render(request, "plans/import.html", {"text": text, "busy_url": error.url}, status=400)
        return redirect("plans:job_review", job_id=job.pk)
    return render(request, "plans/import.html", {"text": ""})


def _job_for(request: HttpRequest, job_id: int) -> tuple[object, ImportJob]:
    actor = actor_for(request.user)
    job = get_object_or_404(ImportJob.objects.select_related("government", "plan", "created_by"), pk=job_id)
    require(rules.job_can_review(actor, job))
    return actor, job


def _review_context(actor, job: ImportJob) -> dict:
    ctx = {"job": job, "roles": AssignmentRole.choices, "timeframe_kinds": TimeframeKind.choices}
    if job.review:
        ids = set()
        for task in job.review["tasks"]:
            for entries in task["roles"].values():
                for e in entries:
                    ids.add(e.get("agency_id"))
                    ids.update(c.get("agency_id") for c in e.get("candidates") or [])
        ctx["agency_names"] = dict(Agency.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))
        ctx["group_names"] = dict(AgencyGroup.objects.filter(scope=job.government).values_list("pk", "name"))
        ctx["agencies"] = _tree_agencies(job.government)
        lines = job.review.get("lines") or []
        labels = dict(AssignmentRole.choices)
        tasks = []
        for raw in job.review["tasks"]:
            t = dict(raw)
            t["role_rows"] = []
            attention = bool(raw.get("flags"))
            for role in services.ROLES:
                entries = []
                for e in raw["roles"].get(role, []):
                    e = dict(e)
                    e["chosen"] = bool(e.get("agency_id") or e.get("group_id"))
                    e["in_candidates"] = any(
                        c.get("agency_id") == e.get("agency_id") for c in e.get("candidates") or []
                    )
                    attention = attention or not e["chosen"]
                    entries.append(e)
                t["role_rows"].append(
                    {
                        "code": role,
                        "label": labels[role],
                        "placeholder": f"Thêm cơ quan {labels[role].lower()}…",
                        "entries": entries,
                    }
                )
            t["needs_attention"] = attention
            span = raw.get("source_lines")
            if lines and span:
                t["source_text"] = "\n".join(lines[max(0, span[0] - 1) : span[-1]])
            tasks.append(t)
        ctx["tasks"] = tasks
        reports = []
        for index, raw in enumerate(job.review.get("reports") or []):
            rows = []
            for code, label, placeholder in (
                ("from", "Cơ quan báo cáo", "Thêm cơ quan báo cáo…"),
                ("to", "Gửi đến", "Thêm nơi nhận báo cáo…"),
            ):
                entries = []
                for e in raw.get(code) or []:
                    e = dict(e)
                    e["chosen"] = bool(e.get("agency_id") or e.get("group_id"))
                    e["in_candidates"] = any(
                        c.get("agency_id") == e.get("agency_id") for c in e.get("candidates") or []
                    )
                    entries.append(e)
                rows.append({"code": code, "label": label, "placeholder": placeholder, "entries": entries})
            reports.append({"index": index, "period": raw.get("period"), "raw": raw.get("raw"), "role_rows": rows})
        ctx["reports"] = reports
        ctx["periods"] = list(ReportDuty.PERIOD_LABELS.items())
        ctx["duplicate"] = services.plan_duplicate_of(
            review=job.review, government=job.government, exclude_job_id=job.pk
        )
    return ctx


def _tree_agencies(root: Agency) -> list[Agency]:
    ids, frontier = [root.pk], [root.pk]
    while frontier:
        frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return list(Agency.objects.filter(pk__in=ids).only("pk", "name").order_by("name"))


@login_required
def job_review(request: HttpRequest, job_id: int) -> HttpResponse:
    actor, job = _job_for(request, job_id)
    return render(request, "plans/job_review.html", _review_context(actor, job))


@login_required
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    actor, job = _job_for(request, job_id)
    response = render(request, "plans/_job_progress.html", {"job": job})
    if not job.is_busy and _is_htmx(request):
        # Reading finished: reload the whole page to show the review.
        response["HX-Refresh"] = "true"
    return response


def _after_edit(request: HttpRequest, job_id: int, error: PlanError | None = None) -> HttpResponse:
    if error is not None:
        _refuse(request, error)
    else:
        messages.success(request, "Đã lưu.")
    return redirect("plans:job_review", job_id=job_id)


@login_required
@require_POST
def job_header(request: HttpRequest, job_id: int) -> HttpResponse:
    fields = {k: request.POST.get(k, "") for k in services.HEADER_FIELDS + ["issuer_agency_id"] if k in request.POST}
    return _review_edit(request, job_id, services.import_job_header_update, fields=fields)


@login_required
@require_POST
def job_task(request: HttpRequest, job_id: int, key: int) -> HttpResponse:
    return _review_edit(
        request,
        job_id,
        services.import_job_task_update,
        key=key,
        path=request.POST.get("path", ""),
        title=request.POST.get("title", ""),
        timeframe={k: request.POST.get(f"tf_{k}", "") for k in ("kind", "date", "year", "raw")},
        roles={role: _entries_from_post(request, role) for role in services.ROLES},
    )


def _review_edit(request: HttpRequest, job_id: int, service, **changes) -> HttpResponse:
    """Apply one review edit through its service; a refused or stale edit comes back as a message."""
    actor, job = _job_for(request, job_id)
    try:
        service(job_id=job.pk, actor=actor, version=request.POST.get("version", -1), **changes)
    except PlanError as error:
        return _after_edit(request, job.pk, error)
    return _after_edit(request, job.pk)


def _entries_from_post(request: HttpRequest, prefix: str) -> list[dict]:
    """Mention rows posted as `<prefix>_mention` / `<prefix>_choice` (a<agency id> or g<group id>) + `<prefix>_new`."""
    entries = []
    mentions = request.POST.getlist(f"{prefix}_mention")
    choices = request.POST.getlist(f"{prefix}_choice")
    for mention, choice in zip(mentions, choices, strict=False):
        entry = {"mention": mention}
        if choice.startswith("g"):
            entry["group_id"] = choice[1:]
        elif choice.startswith("a"):
            entry["agency_id"] = choice[1:]
        entries.append(entry)
    new = request.POST.get(f"{prefix}_new", "").strip()
    if new:
        entries.append({"mention": new})
    return entries


@login_required
@require_POST
def job_report(request: HttpRequest, job_id: int, index: int) -> HttpResponse:
    return _review_edit(
        request,
        job_id,
        services.import_job_report_update,
        index=index,
        period=request.POST.get("period", ""),
        senders=_entries_from_post(request, "from"),
        recipients=_entries_from_post(request, "to"),
    )


@login_required
@require_POST
def job_task_add(request: HttpRequest, job_id: int) -> HttpResponse:
    return _review_edit(
        request, job_id, services.import_job_task_add,
        path=request.POST.get("path", ""), title=request.POST.get("title", ""),
    )


@login_required
@require_POST
def job_task_remove(request: HttpRequest, job_id: int, key: int) -> HttpResponse:
    return _review_edit(request, job_id, services.import_job_task_remove, key=key)


@login_required
@require_POST
def job_publish(request: HttpRequest, job_id: int) -> HttpResponse:
    actor, job = _job_for(request, job_id)
    try:
        plan = services.plan_publish(job_id=job.pk, actor=actor)
    except PlanError as error:
        messages.error(request, error.message)
        return redirect(error.url or "plans:job_review", **({} if error.url else {"job_id": job.pk}))
    messages.success(request, f"Đã ban hành {plan.label} trên hệ thống.")
    return redirect(plan)


@login_required
def assignment_edit(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """GET: the assignment row (htmx partial); POST: update state and internal note."""
    actor = actor_for(request.user)
    assignment = get_object_or_404(Assignment.objects.select_related("task__plan", "agency"), pk=assignment_id)
    require(rules.plan_can_view(actor, assignment.task.plan))
    if request.method == "POST":
        require(rules.assignment_can_update(actor, assignment))
        try:
            assignment = services.assignment_update(
                assignment_id=assignment.pk,
                actor=actor,
                version=request.POST.get("version", -1),
                state=request.POST.get("state", ""),
                internal_note=request.POST.get("internal_note") if "internal_note" in request.POST else None,
            )
            messages.success(request, "Đã cập nhật tình trạng.")
        except PlanError as error:
            messages.error(request, error.message)
        if not _is_htmx(request):
            return redirect(request.POST.get("next") or assignment.task.plan.get_absolute_url())
        assignment.refresh_from_db()
    assignment.note_visible = rules.assignment_can_view_note(actor, assignment)
    assignment.can_update = rules.assignment_can_update(actor, assignment)
    assignment.show_form = assignment.can_update
    return render(
        request,
        "plans/_assignment.html",
        {"a": assignment, "states": AssignmentState.choices, "open_form": True, "today": timezone.localdate()},
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    agency = actor.agency
    if actor.is_admin or actor.is_coordinator:
        chosen = request.GET.get("co_quan")
        if chosen and chosen.isdigit():
            agency = get_object_or_404(Agency, pk=chosen)
            require(actor.is_admin or agency.government().pk == actor.government_id)
    require(agency is not None)
    groups = selectors.assignment_inbox(agency=agency, today=timezone.localdate())
    return render(
        request,
        "plans/inbox.html",
        {"agency": agency, "groups": groups, "today": timezone.localdate(), "states": AssignmentState.choices},
    )


@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
        month = int(request.GET.get("thang", today.month))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "plans/calendar.html",
        {
            "weeks": selectors.deadline_calendar(actor=actor, year=first.year, month=first.month),
            "first": first,
            "month_name": MONTHS[first.month],
            "prev": prev_month,
            "next": next_month,
            "today": today,
            "weekdays": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
        },
    )


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    today = timezone.localdate()
    rows = selectors.deadline_overdue_list(actor=actor, today=today)
    return render(request, "plans/overdue.html", {"rows": rows, "today": today})
