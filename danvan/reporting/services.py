"""Writes: progress updates, report requests (from a plan's duties or on demand) and the report workflow.

Every service checks the actor, runs in one transaction and writes an audit row. Versions are compared
in the UPDATE itself (optimistic locking), so two people never overwrite each other silently.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from danvan.accounts.permissions import Actor
from danvan.agencies.models import AgencyKind
from danvan.core.audit import audit_record
from danvan.errors import UserFacingError
from danvan.plans.models import Assignment, Plan, ReportDuty, TimeframeKind
from danvan.reporting import rules
from danvan.reporting.evidence import EvidenceRejected, evidence_check
from danvan.reporting.models import (
    Evidence,
    Indicator,
    ProgressState,
    ProgressUpdate,
    Report,
    ReportRequest,
    ReportState,
    ReportTaskSection,
    ReportValue,
    RequestPeriodKind,
)
from danvan.workcalendar.periods import PeriodKind, period_window

logger = logging.getLogger(__name__)

FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
ASSIGNMENT_CONFLICT = ("Phân công này vừa được người khác cập nhật. Thay đổi của bạn chưa được lưu; "
                       "vui lòng tải lại trang để xem bản mới nhất rồi cập nhật lại.")
REPORT_CONFLICT = ("Báo cáo này vừa được người khác cập nhật. Thay đổi của bạn chưa được lưu; "
                   "vui lòng tải lại trang để xem bản mới nhất.")
CONTINUOUS_NOT_DONE = ("Nhiệm vụ thường xuyên không có trạng thái “Hoàn thành”: hãy đánh giá kết quả "
                       "của kỳ này (chọn “Đang thực hiện” và ghi kết quả đạt được).")


class ReportingError(UserFacingError):
    """A refusal about reports; `errors` maps form fields to their messages."""

    def __init__(self, message: str, *, code: str = "invalid", errors: Mapping[str, str] | None = None):
        super().__init__(message, code=code)
        self.errors = dict(errors or {})


def _require(condition: bool, message: str = FORBIDDEN) -> None:
    if not condition:
        raise ReportingError(message, code="forbidden")


# ---------------------------------------------------------------------------------------------- numbers


def _non_negative_int(value: Any, label: str) -> int | None:
    """None for blank; an int ≥ 0; otherwise ReportingError naming `label`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ReportingError(f"“{label}” phải là số nguyên không âm.")
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().replace(".", "").replace(" ", "")
        if not text.isdigit():
            raise ReportingError(f"“{label}” phải là số nguyên không âm (ví dụ 0, 12, 1.250).")
        number = int(text)
    if number < 0:
        raise ReportingError(f"“{label}” phải là số nguyên không âm.")
    return number


def progress_numbers_clean(numbers: Mapping[str, Any] | None) -> dict[str, int]:
    """Validate a progress update's numbers: names to non-negative integers (blanks dropped)."""
    cleaned: dict[str, int] = {}
    errors: dict[str, str] = {}
    for key, value in (numbers or {}).items():
        name = str(key).strip()
        if not name:
            continue
        try:
            number = _non_negative_int(value, name)
        except ReportingError as error:
            errors[name] = error.message
            continue
        if number is not None:
            cleaned[name[:60]] = number
    if errors:
        raise ReportingError(" ".join(errors.values()), errors=errors)
    return cleaned


# ---------------------------------------------------------------------------------------------- progress


def assignment_is_continuous(assignment: Assignment) -> bool:
    """A continuous (thường xuyên) task is assessed per period and never finished."""
    if assignment.task.timeframe_kind == TimeframeKind.CONTINUOUS:
        return True
    return any(d.is_continuous for d in assignment.deadlines.all())


def current_period(today: dt.date) -> tuple[str, int]:
    """The quarter whose report `today` falls in (label, year), for assessing continuous tasks."""
    for index in (1, 2, 3, 4):
        window = period_window(PeriodKind.QUARTERLY, today.year, index)
        if window.start <= today <= window.end:
            return window.label, window.year
    window = period_window(PeriodKind.QUARTERLY, today.year + 1, 1)  # 15–31 December
    return window.label, window.year


def progress_record(
    *,
    assignment: Assignment,
    actor: Actor,
    state: str,
    narrative: str = "",
    numbers: Mapping[str, Any] | None = None,
    reason: str = "",
    expected_version: int,
    files: Iterable[Any] = (),
    period_label: str = "",
    period_year: int | None = None,
) -> ProgressUpdate:
    """Record an agency's progress on its assignment and set the assignment's state.

    Refuses: other agencies; "done" for a continuous task; "blocked" without a reason; bad numbers or files;
    a stale `expected_version` (nothing is written then).
    """
    _require(rules.progress_can_record(actor, assignment), "Bạn không có quyền cập nhật tiến độ phân công này.")
    if state not in ProgressState.values:
        raise ReportingError("Tình trạng không hợp lệ.", errors={"state": "Tình trạng không hợp lệ."})
    narrative = (narrative or "").strip()
    reason = (reason or "").strip()
    continuous = assignment_is_continuous(assignment)
    if continuous and state == ProgressState.DONE:
        raise ReportingError(CONTINUOUS_NOT_DONE, errors={"state": CONTINUOUS_NOT_DONE})
    if state == ProgressState.BLOCKED and not reason:
        message = "Hãy ghi rõ lý do không thực hiện được."
        raise ReportingError(message, errors={"reason": message})
    cleaned = progress_numbers_clean(numbers)
    checked = []
    for upload in files or ():
        try:
            checked.append(evidence_check(upload))
        except EvidenceRejected as error:
            raise ReportingError(error.message, errors={"files": error.message}) from error
    if continuous and not period_label:
        period_label, period_year = current_period(timezone.localdate())
    with transaction.atomic():
        changed = Assignment.objects.filter(pk=assignment.pk, version=int(expected_version)).update(
            state=state, version=F("version") + 1, updated_at=timezone.now())
        if not changed:
            raise ReportingError(ASSIGNMENT_CONFLICT, code="conflict")
        update = ProgressUpdate.objects.create(
            assignment=assignment, state=state, narrative=narrative, reason=reason, numbers=cleaned,
            period_label=(period_label or "")[:60], period_year=period_year,
            author=actor.user if actor.is_authenticated else None,
        )
        for item in checked:
            evidence = Evidence(update=update, original_name=item.name, content_type=item.content_type,
                                size=item.size)
            evidence.file.save(item.name, ContentFile(item.data), save=False)
            evidence.save()
        audit_record(actor=actor.user, action="reporting.progress_record", obj=update,
                     summary=f"Cập nhật tiến độ: {update.get_state_display()}", assignment=assignment.pk,
                     evidence=len(checked))
    assignment.refresh_from_db(fields=["state", "version", "updated_at"])
    return update


# ---------------------------------------------------------------------------------------------- requests

GENERATED_KINDS = {"monthly", "quarterly", "six_months", "nine_months", "annual"}


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date:
    while day > 28:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1
    return dt.date(year, month, day)


def _plan_years(plan: Plan) -> list[int]:
    start = plan.horizon_start or plan.issued_on
    end = plan.horizon_end or start
    if start is None:
        year = (plan.issued_on or timezone.localdate()).year
        return [year]
    end = max(start, end or start)
    return list(range(start.year, end.year + 1))


def _indexes(kind: str) -> list[int | None]:
    return {"monthly": list(range(1, 13)), "quarterly": [1, 2, 3, 4], "six_months": [1, 2]}.get(kind, [None])


def _windows(kind: str, years: list[int]):
    return [period_window(PeriodKind(kind), year, index) for year in years for index in _indexes(kind)]


def _due_in_period(item: str, window) -> dt.date | None:
    """The due date a recurring rule (`--MM-DD` yearly, `---DD` monthly) gives one period."""
    if item.startswith("---"):
        day = int(item[3:5])
        month_end = window.end  # the 14th of the period's last month
        if day > month_end.day:
            return _safe_date(month_end.year, month_end.month, day)
        year, month = (month_end.year + 1, 1) if month_end.month == 12 else (month_end.year, month_end.month + 1)
        return _safe_date(year, month, day)
    if item.startswith("--"):
        month, day = int(item[2:4]), int(item[5:7])
        return _safe_date(window.year, month, day)
    return None


def duty_schedule(*, duty: ReportDuty, plan: Plan) -> list[tuple[Any, dt.date]]:
    """(period window, due date) pairs a periodic duty asks for over the plan's horizon.

    A printed date (`2025-03-15`) is one report: the period of that kind, in that year, whose cut-off ends
    nearest to it (quý I for 15/3, 6 tháng đầu năm for 15/6). A yearly (`--11-10`) or monthly (`---05`)
    rule repeats for every period of the horizon. No date: due the day after the cut-off ends.
    """
    kind = duty.period
    if kind not in GENERATED_KINDS:
        return []
    items = duty.due if isinstance(duty.due, list) else [duty.due]
    years = _plan_years(plan)
    horizon_start = plan.horizon_start or dt.date(years[0], 1, 1)
    recurring_windows = [w for w in _windows(kind, years) if w.end >= horizon_start]
    out: dict[tuple, tuple[Any, dt.date]] = {}
    for item in items:
        if item is None or (isinstance(item, str) and not item.strip()):
            for window in recurring_windows:
                out.setdefault((window.year, window.index), (window, window.end + dt.timedelta(days=1)))
            continue
        item = str(item).strip()
        fixed = _parse_iso(item)
        if fixed is not None:
            candidates = _windows(kind, [fixed.year])
            window = min(candidates, key=lambda w: abs((w.end - fixed).days))
            out[(window.year, window.index)] = (window, fixed)
            continue
        if item.startswith("--"):
            for window in recurring_windows:
                due = _due_in_period(item, window)
                if due is not None:
                    out.setdefault((window.year, window.index), (window, due))
    return sorted(out.values(), key=lambda pair: (pair[1], pair[0].start))


def _duty_recipient(duty: ReportDuty, recipients: list) -> Any | None:
    """Who collects the reports: the agency named besides the People's Committee ("qua Phòng Nội vụ")."""
    if not recipients:
        return None
    committees = {AgencyKind.PEOPLES_COMMITTEE_PROVINCE, AgencyKind.PEOPLES_COMMITTEE_DISTRICT,
                  AgencyKind.PEOPLES_COMMITTEE_COMMUNE}
    for agency in recipients:
        if agency.kind not in committees:
            return agency
    return recipients[0]


def _coordinator_agency(plan: Plan) -> Any | None:
    """Sở/Phòng Nội vụ of the plan's government, when the printed recipient was not resolved in review."""
    from danvan.accounts.models import Role
    from danvan.agencies.models import Agency

    agencies = Agency.objects.filter(parent_id=plan.government_id)
    staffed = agencies.filter(members__role=Role.COORDINATOR).order_by("id").first()
    if staffed is not None:
        return staffed
    return (agencies.filter(search_key__regex=r"^(so|phong) noi vu").valid_on(plan.issued_on or timezone.localdate())
            .order_by("id").first())


def report_requests_generate(*, plan: Plan, actor: Actor | None = None) -> int:
    """Create the periodic report requests of every reporting duty of `plan`; returns how many were new.

    One request per sender agency × period × due date. Ad hoc and unspecified duties create nothing (the
    coordinator issues those on demand); duties with no sender agency are skipped and logged in the audit
    row. Running it again creates nothing twice.
    """
    created = 0
    skipped: list[int] = []
    user = getattr(actor, "user", None)
    duties = plan.report_duties.prefetch_related("senders", "recipients").order_by("order")
    with transaction.atomic():
        for duty in duties:
            schedule = duty_schedule(duty=duty, plan=plan)
            if not schedule:
                continue
            senders = list(duty.senders.all())
            if not senders:
                skipped.append(duty.pk)
                logger.warning("Report duty %s of plan %s has no sender agency; no requests created.", duty.pk,
                               plan.pk)
                continue
            recipient = _duty_recipient(duty, list(duty.recipients.all())) or _coordinator_agency(plan)
            existing = set(ReportRequest.objects.filter(duty=duty).values_list(
                "sender_id", "period_kind", "period_year", "period_index"))
            rows = []
            for window, due in schedule:
                for sender in senders:
                    if recipient is not None and sender.pk == recipient.pk:
                        continue
                    key = (sender.pk, duty.period, window.year, window.index)
                    if key in existing:
                        continue
                    existing.add(key)
                    rows.append(ReportRequest(
                        plan=plan, duty=duty, sender=sender, recipient=recipient, period_kind=duty.period,
                        period_year=window.year, period_index=window.index, cutoff_start=window.start,
                        cutoff_end=window.end, due_date=due, is_ad_hoc=False,
                    ))
            try:
                with transaction.atomic():
                    ReportRequest.objects.bulk_create(rows)
            except IntegrityError:  # a concurrent run created some: fall back to one by one
                for row in rows:
                    _, made = ReportRequest.objects.get_or_create(
                        duty=row.duty, sender=row.sender, period_kind=row.period_kind,
                        period_year=row.period_year, period_index=row.period_index,
                        defaults={"plan": plan, "recipient": row.recipient, "cutoff_start": row.cutoff_start,
                                  "cutoff_end": row.cutoff_end, "due_date": row.due_date})
                    created += int(made)
                continue
            created += len(rows)
        if created or skipped:
            audit_record(actor=user, action="reporting.requests_generate", obj=plan,
                         summary=f"Tạo {created} yêu cầu báo cáo định kỳ từ {plan.label}",
                         created=created, duties_without_sender=skipped)
    return created


def report_request_issue(
    *, actor: Actor, senders: Iterable[Any], recipient: Any | None, due_date: dt.date, note: str,
    plan: Plan | None = None,
) -> list[ReportRequest]:
    """The coordinator asks agencies for a report "khi có yêu cầu" / "đột xuất", due on `due_date`."""
    _require(rules.request_can_issue(actor), "Chỉ cán bộ điều phối (Nội vụ) được yêu cầu báo cáo đột xuất.")
    senders = list(senders)
    errors = {}
    if not senders:
        errors["senders"] = "Hãy chọn ít nhất một cơ quan, đơn vị phải báo cáo."
    if due_date is None:
        errors["due_date"] = "Hãy nhập hạn gửi báo cáo."
    elif due_date < timezone.localdate():
        errors["due_date"] = "Hạn gửi báo cáo không được ở trong quá khứ."
    if not (note or "").strip():
        errors["note"] = "Hãy ghi nội dung cần báo cáo."
    if errors:
        raise ReportingError(" ".join(errors.values()), errors=errors)
    recipient = recipient or actor.agency
    with transaction.atomic():
        made = [
            ReportRequest.objects.create(
                plan=plan, duty=None, sender=sender, recipient=recipient, period_kind=RequestPeriodKind.AD_HOC,
                period_year=due_date.year, period_index=None, due_date=due_date, is_ad_hoc=True,
                issued_by=actor.user, note=note.strip(),
            )
            for sender in senders
        ]
        audit_record(actor=actor.user, action="reporting.request_issue", obj=made[0],
                     summary=f"Yêu cầu {len(made)} cơ quan báo cáo đột xuất, hạn {due_date:%d/%m/%Y}",
                     senders=[s.pk for s in senders], plan=plan.pk if plan else None)
    return made


# ---------------------------------------------------------------------------------------------- reports


def _prefill_sections(report: Report) -> None:
    """One section per task the agency is assigned in the plan, from its latest update in the cut-off window."""
    request = report.request
    assignments = Assignment.objects.filter(agency=report.agency).select_related("task")
    if request.plan_id:
        assignments = assignments.filter(task__plan_id=request.plan_id)
    else:
        assignments = assignments.filter(task__plan__status="published")
    updates = ProgressUpdate.objects.filter(assignment__in=assignments)
    if request.cutoff_start:
        updates = updates.filter(created_at__date__gte=request.cutoff_start)
    end = request.cutoff_end or request.due_date
    updates = updates.filter(created_at__date__lte=end).order_by("created_at", "id")
    latest: dict[int, ProgressUpdate] = {}
    for update in updates.select_related("assignment"):
        latest[update.assignment.task_id] = update  # ordered oldest first: the last one wins
    seen: set[int] = set()
    sections = []
    for assignment in assignments.order_by("task__order", "id"):
        if assignment.task_id in seen:
            continue
        seen.add(assignment.task_id)
        update = latest.get(assignment.task_id)
        if update is not None:
            text = update.narrative
            if update.state == ProgressState.BLOCKED and update.reason:
                text = f"{text}\nLý do không thực hiện được: {update.reason}".strip()
            state = update.state
        else:
            text, state = "", assignment.state
        sections.append(ReportTaskSection(report=report, task=assignment.task, narrative=text, state=state))
    ReportTaskSection.objects.bulk_create(sections)


def report_open(*, request: ReportRequest, actor: Actor) -> Report:
    """The agency's report for `request`, created as a draft pre-filled from its progress when new."""
    _require(rules.report_can_edit(actor, request) or rules.report_can_view(actor, request))
    try:
        return request.report
    except Report.DoesNotExist:
        pass
    _require(rules.report_can_edit(actor, request), "Bạn không có quyền soạn báo cáo này.")
    with transaction.atomic():
        report, created = Report.objects.get_or_create(request=request, defaults={"agency": request.sender})
        if created:
            _prefill_sections(report)
            audit_record(actor=actor.user, action="reporting.report_open", obj=report,
                         summary=f"Mở dự thảo {request.period_label}")
    return report


def report_values_clean(values: Mapping[str, Any]) -> dict[int, int | None]:
    """Indicator code → value, validated (integers ≥ 0; "resolved ≤ received"): {indicator id: value}."""
    indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
    by_id = {i.pk: i for i in indicators.values()}
    cleaned: dict[int, int | None] = {}
    errors: dict[str, str] = {}
    for code, raw in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        try:
            cleaned[indicator.pk] = _non_negative_int(raw, indicator.name)
        except ReportingError as error:
            errors[code] = error.message
    for pk, value in cleaned.items():
        cap = by_id[pk].not_more_than_id
        if value is None or cap is None or cap not in by_id or cleaned.get(cap) is None:
            continue
        if value > cleaned[cap]:
            errors[by_id[pk].code] = (f"“{by_id[pk].name}” ({value}) không được lớn hơn "
                                      f"“{by_id[cap].name}” ({cleaned[cap]}).")
    if errors:
        raise ReportingError("Số liệu chưa hợp lệ: " + " ".join(errors.values()), errors=errors)
    return cleaned


def _bump(report: Report, expected_version: int | None, *, allowed: set[str], **fields) -> None:
    """Change the report only if nobody did since `expected_version` and its state is in `allowed`."""
    version = report.version if expected_version is None else int(expected_version)
    changed = Report.objects.filter(pk=report.pk, version=version, state__in=allowed).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not changed:
        current = Report.objects.filter(pk=report.pk).values_list("version", "state").first()
        if current and current[0] != version:
            raise ReportingError(REPORT_CONFLICT, code="conflict")
        raise ReportingError(_state_refusal(current[1] if current else report.state), code="state")
    report.refresh_from_db()


def _state_refusal(state: str) -> str:
    label = ReportState(state).label if state in ReportState.values else state
    return f"Báo cáo đang ở trạng thái “{label}” nên không thực hiện được thao tác này."


def report_save_draft(
    *, report: Report, actor: Actor, expected_version: int, narrative: str, values: Mapping[str, Any],
    sections: Mapping[int, Mapping[str, str]] | None = None,
) -> Report:
    """Save the agency's draft: narrative, indicator values (validated) and per-task sections."""
    _require(rules.report_can_edit(actor, report.request), "Bạn không có quyền sửa báo cáo này.")
    if not report.is_editable:
        raise ReportingError(_state_refusal(report.state), code="state")
    cleaned = report_values_clean(values)
    section_rows = {s.pk: s for s in report.sections.all()}
    with transaction.atomic():
        _bump(report, expected_version, allowed={ReportState.DRAFT, ReportState.RETURNED},
              narrative=(narrative or "").strip())
        for indicator_id, value in cleaned.items():
            if value is None:
                ReportValue.objects.filter(report=report, indicator_id=indicator_id).delete()
            else:
                ReportValue.objects.update_or_create(report=report, indicator_id=indicator_id,
                                                     defaults={"value": value})
        for key, data in (sections or {}).items():
            section = section_rows.get(int(key))
            if section is None:
                continue
            section.narrative = (data.get("narrative") or "").strip()
            if data.get("state") in ProgressState.values:
                section.state = data["state"]
            section.save(update_fields=["narrative", "state"])
        audit_record(actor=actor.user, action="reporting.report_save_draft", obj=report,
                     summary="Lưu dự thảo báo cáo")
    return report


def report_submit(*, report: Report, actor: Actor, expected_version: int | None = None) -> Report:
    """Send the draft to the coordinator."""
    _require(rules.report_can_edit(actor, report.request), "Bạn không có quyền gửi báo cáo này.")
    with transaction.atomic():
        _bump(report, expected_version, allowed={ReportState.DRAFT}, state=ReportState.SUBMITTED,
              submitted_at=timezone.now())
        audit_record(actor=actor.user, action="reporting.report_submit", obj=report, summary="Gửi báo cáo")
    return report


def report_return(*, report: Report, actor: Actor, comment: str, expected_version: int | None = None) -> Report:
    """The coordinator sends a submitted report back with a comment (required)."""
    _require(rules.report_can_review(actor, report.request), "Chỉ cán bộ điều phối được trả lại báo cáo.")
    comment = (comment or "").strip()
    if not comment:
        message = "Hãy ghi ý kiến: vì sao trả lại, cần sửa gì."
        raise ReportingError(message, errors={"comment": message})
    with transaction.atomic():
        _bump(report, expected_version, allowed={ReportState.SUBMITTED}, state=ReportState.RETURNED,
              review_comment=comment)
        audit_record(actor=actor.user, action="reporting.report_return", obj=report,
                     summary=f"Trả lại báo cáo: {comment}")
    return report


def report_resubmit(*, report: Report, actor: Actor, expected_version: int | None = None) -> Report:
    """Send a returned report again after correcting it."""
    _require(rules.report_can_edit(actor, report.request), "Bạn không có quyền gửi báo cáo này.")
    with transaction.atomic():
        _bump(report, expected_version, allowed={ReportState.RETURNED}, state=ReportState.SUBMITTED,
              submitted_at=timezone.now())
        audit_record(actor=actor.user, action="reporting.report_resubmit", obj=report,
                     summary="Gửi lại báo cáo đã sửa")
    return report


def report_accept(*, report: Report, actor: Actor, expected_version: int | None = None) -> Report:
    """The coordinator accepts a submitted report into the consolidation."""
    _require(rules.report_can_review(actor, report.request), "Chỉ cán bộ điều phối được tiếp nhận báo cáo.")
    with transaction.atomic():
        _bump(report, expected_version, allowed={ReportState.SUBMITTED}, state=ReportState.ACCEPTED)
        audit_record(actor=actor.user, action="reporting.report_accept", obj=report, summary="Tiếp nhận báo cáo")
    return report


def report_send(*, report: Report, actor: Actor, expected_version: int | None = None) -> Report:
    """Submit a draft or resubmit a returned report, whichever applies."""
    if report.state == ReportState.RETURNED:
        return report_resubmit(report=report, actor=actor, expected_version=expected_version)
    return report_submit(report=report, actor=actor, expected_version=expected_version)
