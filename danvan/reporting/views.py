"""Progress, report requests, the report form, the coordinator's review and merge: thin function views."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import actor_for, require
from danvan.agencies.models import Agency
from danvan.exports.errors import ExportError
from danvan.exports.pdf import convert_to_pdf, libreoffice_available
from danvan.plans.models import Assignment, Plan
from danvan.reporting import exports, rules, selectors, services
from danvan.reporting.models import Evidence, Indicator, ProgressState, Report, ReportRequest, ReportState
from danvan.reporting.services import ReportingError

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int(value, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------------------------------------- progress


@login_required
def assignment_progress(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """An assignment: its state, deadlines, the update form (own agency) and the history it may read."""
    actor = actor_for(request.user)
    assignment = get_object_or_404(
        Assignment.objects.select_related("task__plan__government", "agency").prefetch_related("deadlines"),
        pk=assignment_id)
    require(rules.progress_can_view(actor, assignment))
    can_record = rules.progress_can_record(actor, assignment)
    continuous = services.assignment_is_continuous(assignment)
    form = {"state": assignment.state, "narrative": "", "reason": "", "numbers": ""}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        require(can_record)
        form = {key: request.POST.get(key, "") for key in ("state", "narrative", "reason", "numbers",
                                                           "period_label")}
        try:
            numbers = _numbers_from_text(form["numbers"])
            services.progress_record(
                assignment=assignment, actor=actor, state=form["state"], narrative=form["narrative"],
                numbers=numbers, reason=form["reason"], expected_version=_int(request.POST.get("version"), -1),
                files=request.FILES.getlist("files"), period_label=form.get("period_label", ""),
                period_year=timezone.localdate().year if form.get("period_label") else None)
        except ReportingError as error:
            messages.error(request, error.message)
            errors = error.errors
            status = 409 if error.code == "conflict" else 400
            assignment.refresh_from_db()
        else:
            messages.success(request, "Đã ghi nhận cập nhật tiến độ.")
            return redirect("reporting:assignment_progress", assignment_id=assignment.pk)
    today = timezone.localdate()
    states = [(v, label) for v, label in ProgressState.choices if not (continuous and v == ProgressState.DONE)]
    period_label, _year = services.current_period(today)
    return render(request, "reporting/assignment.html", {
        "assignment": assignment, "task": assignment.task, "plan": assignment.task.plan,
        "deadlines": list(assignment.deadlines.all()), "today": today, "continuous": continuous,
        "can_record": can_record, "states": states, "form": form, "errors": errors,
        "period_label": form.get("period_label") or period_label,
        "history": selectors.progress_list_visible_to(actor=actor, task=assignment.task),
        "overdue": any(d.is_overdue(today) for d in assignment.deadlines.all()),
    }, status=status)


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Evidence files are not public: whoever may read the update may download its files."""
    actor = actor_for(request.user)
    evidence = get_object_or_404(Evidence.objects.select_related("update__assignment__task__plan"), pk=evidence_id)
    require(rules.progress_can_view(actor, evidence.update.assignment))
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Không tìm thấy tệp minh chứng.") from error
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


def _numbers_from_text(text: str) -> dict[str, str]:
    """ "Số buổi tuyên truyền: 3" one per line → {"Số buổi tuyên truyền": "3"}."""
    numbers = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        if ":" not in line:
            raise ReportingError(f"Dòng số liệu “{line.strip()}” cần viết dạng “Tên chỉ tiêu: số”.",
                                 errors={"numbers": "Mỗi dòng viết dạng “Tên chỉ tiêu: số”."})
        name, value = line.rsplit(":", 1)
        numbers[name.strip()] = value.strip()
    return numbers


# ---------------------------------------------------------------------------------------------- requests


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """The reports the actor's agency owes, and for coordinators the links to review and merge."""
    actor = actor_for(request.user)
    today = timezone.localdate()
    rows = selectors.request_list_for_agency(agency=actor.agency, today=today) if actor.agency else []
    return render(request, "reporting/request_list.html", {
        "rows": rows, "today": today, "agency": actor.agency,
        "can_issue": rules.request_can_issue(actor), "can_merge": rules.merge_can_view(actor),
        "to_review": selectors.request_list_to_review(actor=actor, today=today) if actor.is_coordinator
        or actor.is_admin else [],
    })


@login_required
def request_issue(request: HttpRequest) -> HttpResponse:
    """The coordinator asks agencies for an on-demand report (khi có yêu cầu, đột xuất)."""
    actor = actor_for(request.user)
    require(rules.request_can_issue(actor))
    government = actor.government
    agencies = (list(Agency.objects.valid_on(timezone.localdate()).filter(parent=government).order_by("name"))
                if government is not None else list(Agency.objects.order_by("name")[:500]))
    plans = (Plan.objects.filter(government=government, status="published") if government is not None
             else Plan.objects.filter(status="published"))
    form = {"senders": [], "due_date": "", "note": "", "plan": ""}
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = {"senders": request.POST.getlist("senders"), "due_date": request.POST.get("due_date", ""),
                "note": request.POST.get("note", ""), "plan": request.POST.get("plan", "")}
        ids = {_int(x) for x in form["senders"]}
        senders = [a for a in agencies if a.pk in ids]
        plan = plans.filter(pk=_int(form["plan"])).first() if form["plan"] else None
        try:
            due = dt.date.fromisoformat(form["due_date"]) if form["due_date"] else None
        except ValueError:
            due = None
        try:
            made = services.report_request_issue(actor=actor, senders=senders, recipient=None, due_date=due,
                                                 note=form["note"], plan=plan)
        except ReportingError as error:
            messages.error(request, error.message)
            errors = error.errors
        else:
            messages.success(request, f"Đã gửi yêu cầu báo cáo tới {len(made)} cơ quan, đơn vị.")
            return redirect("reporting:request_list")
    return render(request, "reporting/issue.html", {
        "agencies": agencies, "plans": plans, "form": form, "errors": errors,
        "selected": {_int(x) for x in form["senders"]},
    }, status=400 if errors else 200)


# ---------------------------------------------------------------------------------------------- reports


def _form_values(request: HttpRequest) -> tuple[dict[str, str], dict[int, dict[str, str]]]:
    values = {key[2:]: value for key, value in request.POST.items() if key.startswith("v-")}
    sections: dict[int, dict[str, str]] = {}
    for key, value in request.POST.items():
        if key.startswith("s-"):
            _s, pk, name = key.split("-", 2)
            if pk.isdigit():
                sections.setdefault(int(pk), {})[name] = value
    return values, sections


@login_required
def report_form(request: HttpRequest, request_id: int) -> HttpResponse:
    """The agency's report for one request: save the draft or send it; the coordinator reads and reviews it."""
    actor = actor_for(request.user)
    req = get_object_or_404(ReportRequest.objects.select_related("plan", "sender", "recipient"), pk=request_id)
    require(rules.report_can_view(actor, req) or rules.report_can_edit(actor, req))
    can_edit = rules.report_can_edit(actor, req)
    report = Report.objects.filter(request=req).first()
    if report is None and can_edit:
        report = services.report_open(request=req, actor=actor)
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        require(can_edit and report is not None)
        posted, sections = _form_values(request)
        version = _int(request.POST.get("version"), -1)
        try:
            services.report_save_draft(report=report, actor=actor, expected_version=version,
                                       narrative=request.POST.get("narrative", ""), values=posted,
                                       sections=sections)
            if request.POST.get("action") == "submit":
                services.report_send(report=report, actor=actor)
                messages.success(request, "Đã gửi báo cáo.")
            else:
                messages.success(request, "Đã lưu dự thảo.")
        except ReportingError as error:
            messages.error(request, error.message)
            errors = error.errors
            status = 409 if error.code == "conflict" else 400
            report.refresh_from_db()
        else:
            return redirect("reporting:report_form", request_id=req.pk)
    values = {}
    if report is not None:
        values = {v.indicator.code: v.value for v in report.values.select_related("indicator")}
    values.update(posted)
    indicators = [(i, values.get(i.code, ""), errors.get(i.code)) for i in Indicator.objects.filter(active=True)]
    today = timezone.localdate()
    return render(request, "reporting/report_form.html", {
        "req": req, "report": report, "indicators": indicators, "errors": errors, "today": today,
        "editable": can_edit and report is not None and report.is_editable,
        "can_review": report is not None and report.state == ReportState.SUBMITTED
        and rules.report_can_review(actor, req),
        "sections": report.sections.select_related("task") if report is not None else [],
        "states": ProgressState.choices, "overdue": req.is_overdue(today, report),
    }, status=status)


@login_required
@require_POST
def report_review(request: HttpRequest, report_id: int) -> HttpResponse:
    """The coordinator returns (with a comment) or accepts a submitted report."""
    actor = actor_for(request.user)
    report = get_object_or_404(Report.objects.select_related("request__sender", "request__recipient"), pk=report_id)
    require(rules.report_can_review(actor, report.request))
    version = _int(request.POST.get("version"))
    try:
        if request.POST.get("action") == "accept":
            services.report_accept(report=report, actor=actor, expected_version=version)
            messages.success(request, "Đã tiếp nhận báo cáo.")
        else:
            services.report_return(report=report, actor=actor, comment=request.POST.get("comment", ""),
                                   expected_version=version)
            messages.success(request, "Đã trả lại báo cáo kèm ý kiến.")
    except ReportingError as error:
        messages.error(request, error.message)
    return redirect("reporting:report_form", request_id=report.request_id)


# ---------------------------------------------------------------------------------------------- merge


@login_required
def merge_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(rules.merge_can_view(actor))
    return render(request, "reporting/merge_list.html", {"groups": selectors.report_period_groups(actor=actor)})


def _merge_for(request: HttpRequest):
    actor = actor_for(request.user)
    require(rules.merge_can_view(actor))
    try:
        key = selectors.PeriodKey.from_query(request.GET)
    except (TypeError, ValueError):
        return actor, None
    return actor, selectors.report_merge(actor=actor, key=key, today=timezone.localdate())


@login_required
def merge_detail(request: HttpRequest) -> HttpResponse:
    actor, merge = _merge_for(request)
    if merge is None:
        messages.error(request, "Kỳ báo cáo không hợp lệ.")
        return redirect("reporting:merge_list")
    return render(request, "reporting/merge_detail.html", {
        "merge": merge, "query": request.GET.urlencode(), "pdf_available": libreoffice_available(),
        "phrase": exports.period_phrase(merge),
    })


@login_required
def merge_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "xlsx", "pdf"):
        raise Http404("Định dạng không hỗ trợ.")
    actor, merge = _merge_for(request)
    if merge is None:
        messages.error(request, "Kỳ báo cáo không hợp lệ.")
        return redirect("reporting:merge_list")
    stem = f"bao-cao-tong-hop-{merge.key.period_kind}-{merge.key.period_year}"
    if merge.key.period_index:
        stem += f"-{merge.key.period_index}"
    if fmt == "xlsx":
        return _download(exports.merge_xlsx(merge=merge), XLSX_TYPE, f"{stem}.xlsx")
    data = exports.merge_docx(merge=merge, coordinator_agency=actor.agency)
    if fmt == "pdf":
        try:
            return _download(convert_to_pdf(data), "application/pdf", f"{stem}.pdf")
        except ExportError as error:
            messages.error(request, str(error))
            return redirect(f"{_merge_url()}?{request.GET.urlencode()}")
    return _download(data, DOCX_TYPE, f"{stem}.docx")


def _merge_url() -> str:
    from django.urls import reverse

    return reverse("reporting:merge_detail")


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
