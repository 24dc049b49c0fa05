"""Writing plans: import jobs (read, review, publish) and assignment updates."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import Actor
from danvan.agencies.models import Agency, AgencyGroup
from danvan.core.audit import audit_record
from danvan.errors import UserFacingError
from danvan.plans import rules
from danvan.plans.models import (
    Assignment,
    AssignmentDeadline,
    AssignmentRole,
    AssignmentState,
    ImportJob,
    JobState,
    Plan,
    PlanStatus,
    ReportDuty,
    Task,
    TimeframeKind,
)
from danvan.plans.resolution import group_expand, mentions_resolve
from danvan.text import fold_words

log = logging.getLogger(__name__)

ROLES = [r.value for r in AssignmentRole]
PASTED_NAME = "van-ban-dan.txt"
WORKCALENDAR_RULE = "KH_NGAY_GHI"
STALE_AFTER = dt.timedelta(hours=2)


class PlanError(UserFacingError):
    """A refusal about plans, optionally with a link to what it refers to (the plan already published)."""

    def __init__(self, message: str, *, code: str = "invalid", url: str | None = None):
        super().__init__(message, code=code)
        self.url = url


class ReviewConflict(PlanError):
    def __init__(self):
        super().__init__(
            "Bản rà soát này vừa được người khác sửa. Thay đổi của bạn chưa được lưu; "
            "vui lòng tải lại trang để xem bản mới nhất rồi sửa lại.",
            code="conflict",
        )


def _require(condition: bool, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    if not condition:
        raise PlanError(message, code="forbidden")


# ---------------------------------------------------------------------------------------------- import


def import_job_create(
    *,
    actor: Actor,
    data: bytes | None = None,
    name: str = "",
    text: str | None = None,
    government: Agency | None = None,
) -> ImportJob:
    """Queue a file (bytes + name) or pasted text for reading; refuse while the user's last import still runs."""
    _require(rules.plan_can_import(actor), "Chỉ cán bộ điều phối hoặc quản trị mới được nhập kế hoạch.")
    government = government or actor.government
    if government is None:
        raise PlanError("Tài khoản chưa gắn với cơ quan nào nên không xác định được chính quyền của kế hoạch.")
    if government.pk != getattr(actor.government, "pk", None):
        _require(actor.is_admin, "Bạn chỉ nhập được kế hoạch của chính quyền mình.")
    if text is not None:
        if not text.strip():
            raise PlanError("Chưa có nội dung văn bản để đọc.", code="empty")
        data, name = text.encode("utf-8"), PASTED_NAME
    if not data:
        raise PlanError("Tệp tải lên rỗng, không có nội dung để đọc.", code="empty")
    limit = settings.DANVAN_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise PlanError(
            f"Tệp quá lớn ({len(data) / 1048576:.1f} MB). Dung lượng tối đa là {limit / 1048576:.0f} MB.",
            code="too_large",
        )
    user = actor.user
    with transaction.atomic():
        # Lock the user row so that two submits at once cannot both pass the "still running" check.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        # A job left running by a crashed worker must not block its user forever.
        ImportJob.objects.filter(
            created_by=user,
            state__in=[JobState.QUEUED, JobState.RUNNING],
            created_at__lt=timezone.now() - STALE_AFTER,
        ).update(
            state=JobState.FAILED,
            finished_at=timezone.now(),
            error="Quá thời gian đọc văn bản (máy chủ có thể đã khởi động lại). Vui lòng nhập lại tệp.",
        )
        busy = ImportJob.objects.filter(created_by=user, state__in=[JobState.QUEUED, JobState.RUNNING]).first()
        if busy is not None:
            raise PlanError(
                f"Đang có một tệp khác đang được đọc ({busy.source_name or 'văn bản dán'}). "
                "Vui lòng chờ tệp đó đọc xong rồi nhập tệp mới.",
                code="busy",
                url=busy.get_absolute_url(),
            )
        job = ImportJob(government=government, created_by=user, source_name=name[:255], pasted_text=text or "")
        if text is None:
            job.file.save(name or "tep-tai-len", ContentFile(data), save=False)
        job.save()
        audit_record(
            actor=user,
            action="plans.import_job_create",
            obj=job,
            summary=f"Nhập kế hoạch từ {job.source_name}",
            size=len(data),
        )
        from danvan.plans.tasks import import_job_read_task

        job_id = job.pk
        transaction.on_commit(lambda: import_job_read_task.enqueue(job_id=job_id))
    return job


def _reader():
    """The reader's entry points, or a ReaderError saying the reader is not installed yet."""
    from danvan.reader.errors import ReaderError

    try:
        from danvan.reader import read_bytes
        from danvan.reader.parse import parse_plan
    except ImportError as exc:
        raise ReaderError("Bộ đọc văn bản chưa sẵn sàng trên máy chủ này.", code="reader_missing") from exc
    return read_bytes, parse_plan


def import_job_read(*, job_id: int) -> ImportJob:
    """Read and parse the job's source, saving progress page by page; a failure is stored in Vietnamese."""
    from danvan.reader.errors import ReaderError

    updated = ImportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, progress_message="Đang đọc văn bản…"
    )
    job = ImportJob.objects.get(pk=job_id)
    if not updated:
        return job

    def progress(done: int = 0, total: int = 0, message: str = "", *args: Any, **kwargs: Any) -> None:
        ImportJob.objects.filter(pk=job_id).update(
            progress_done=int(done or 0),
            progress_total=int(total or 0),
            progress_message=(str(message) if message else f"Đã đọc {done}/{total} trang")[:255],
        )

    try:
        read_bytes, parse_plan = _reader()
        if job.pasted_text:
            data = job.pasted_text.encode("utf-8")
        else:
            with job.file.open("rb") as fh:
                data = fh.read()
        doc = read_bytes(data, job.source_name or PASTED_NAME, progress=progress)
        result = parse_plan(doc)
        text = document_numbered_text(doc)
    except ReaderError as exc:
        ImportJob.objects.filter(pk=job_id).update(state=JobState.FAILED, error=exc.message, finished_at=timezone.now())
        return ImportJob.objects.get(pk=job_id)
    except Exception:
        log.exception("import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            state=JobState.FAILED,
            finished_at=timezone.now(),
            error="Không đọc được tệp do lỗi không mong đợi. Vui lòng thử lại hoặc gửi tệp cho quản trị hệ thống.",
        )
        return ImportJob.objects.get(pk=job_id)
    return import_job_store_result(job=ImportJob.objects.get(pk=job_id), result=result, text=text)


def document_numbered_text(doc) -> str:
    """The read text with each block at the line number the reader gave it, so `source_lines` point right."""
    blocks = getattr(doc, "blocks", None)
    if not blocks:
        return doc.text() if hasattr(doc, "text") else ""
    by_line: dict[int, str] = {}
    for block in blocks:
        line = getattr(block, "line", None)
        if line is None:
            continue
        if hasattr(block, "rows"):
            for offset, row in enumerate(block.rows):
                by_line.setdefault(line + offset, " | ".join(row))
        else:
            by_line.setdefault(line, f"{getattr(block, 'label', '')} {block.text}".strip())
    if not by_line:
        return doc.text()
    return "\n".join(by_line.get(number, "") for number in range(1, max(by_line) + 1))


def import_job_store_result(*, job: ImportJob, result: dict, text: str = "") -> ImportJob:
    """Keep the parser's plan on the job and build the editable review (mentions resolved to agencies)."""
    review = review_build(result=result, government=job.government)
    review["fingerprint"] = plan_fingerprint(result=result, text=text)
    # The read text, line by line, so the review can show each task's source lines beside it.
    review["lines"] = text.splitlines() if text else []
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        job.result = result
        job.review = review
        job.state = JobState.DONE
        job.progress_message = "Đã đọc xong."
        if job.progress_total:
            job.progress_done = job.progress_total
        job.finished_at = timezone.now()
        job.version += 1
        job.save()
    return job


def plan_fingerprint(*, result: dict, text: str = "") -> str:
    """sha256 of the folded document text (or, without it, of the parsed header and tasks)."""
    if text.strip():
        basis = fold_words(text)
    else:
        doc = result.get("document") or {}
        parts = [doc.get("title") or "", doc.get("date") or ""]
        parts += [f"{t.get('path')} {t.get('title')}" for t in result.get("tasks") or []]
        basis = fold_words(" ".join(parts))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def _parse_date(value: Any) -> dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def review_build(*, result: dict, government: Agency) -> dict:
    """The review copy of a parsed plan: every mention resolved within the government's tree at the plan date."""
    doc = dict(result.get("document") or {})
    signer = doc.pop("signer", None) or {}
    on = _parse_date(doc.get("date")) or timezone.localdate()
    document = {
        "kind": doc.get("kind") or "Kế hoạch",
        "symbol": doc.get("symbol") or "",
        "issuer": doc.get("issuer") or "",
        "place": doc.get("place") or "",
        "date": doc.get("date") or "",
        "title": doc.get("title") or "",
        "signer_name": signer.get("name") or "",
        "signer_position": signer.get("position") or "",
        "signer_authority": signer.get("authority") or "",
        "horizon_end": "",
    }
    # One resolver pass for every distinct mention: the resolver loads the whole directory once per call.
    texts = [document["issuer"]] if document["issuer"] else []
    for raw in result.get("tasks") or []:
        for role in ROLES:
            texts.extend(raw.get(role) or [])
    for raw in result.get("reports") or []:
        texts.extend(raw.get("from") or [])
        texts.extend(raw.get("to") or [])
    unique = list(dict.fromkeys(t for t in texts if t and t.strip()))
    resolved = dict(zip(unique, mentions_resolve(unique, scope=government, on=on), strict=True))

    def choices(mentions: list[str]) -> list[dict]:
        return [resolved[m].as_dict() for m in mentions if m in resolved]

    issuer_choice = resolved.get(document["issuer"])
    document["issuer_agency_id"] = issuer_choice.agency_id if issuer_choice else None
    if (
        document["issuer_agency_id"] is None
        and fold_words(document["issuer"])
        and fold_words(government.name).startswith(fold_words(document["issuer"]))
    ):
        document["issuer_agency_id"] = government.pk

    tasks = []
    for number, raw in enumerate(result.get("tasks") or [], start=1):
        tf = raw.get("timeframe") or {}
        tasks.append(
            {
                "key": number,
                "path": raw.get("path") or str(number),
                "title": raw.get("title") or "",
                "timeframe": {
                    "kind": tf.get("kind") or "none",
                    "date": tf.get("date") or "",
                    "year": tf.get("year"),
                    "raw": tf.get("raw") or "",
                },
                "roles": {role: choices(list(raw.get(role) or [])) for role in ROLES},
                "source_lines": raw.get("source_lines"),
                "flags": list(raw.get("flags") or []),
            }
        )
    reports = []
    for raw in result.get("reports") or []:
        reports.append(
            {
                "from": choices(list(raw.get("from") or [])),
                "to": choices(list(raw.get("to") or [])),
                "period": raw.get("period") or "unspecified",
                "due": raw.get("due"),
                "raw": raw.get("raw") or "",
            }
        )
    return {
        "document": document,
        "citations": list(result.get("citations") or []),
        "tasks": tasks,
        "reports": reports,
        "next_key": len(tasks) + 1,
    }


# ---------------------------------------------------------------------------------------------- review


def _job_for_edit(*, job_id: int, actor: Actor, version: int) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job_id)
    _require(rules.job_can_review(actor, job))
    if job.state == JobState.PUBLISHED:
        raise PlanError(
            "Kế hoạch này đã được ban hành/xuất bản rồi, không sửa bản rà soát được nữa.",
            code="published",
            url=job.plan.get_absolute_url() if job.plan else None,
        )
    if job.state != JobState.DONE:
        raise PlanError("Văn bản chưa đọc xong nên chưa rà soát được.", code="not_ready")
    if int(version) != job.version:
        raise ReviewConflict()
    return job


def _save_review(job: ImportJob, actor: Actor, action: str, summary: str) -> ImportJob:
    job.version += 1
    job.save(update_fields=["review", "version"])
    audit_record(actor=actor.user, action=action, obj=job, summary=summary, version=job.version)
    return job


HEADER_FIELDS = [
    "kind",
    "symbol",
    "issuer",
    "place",
    "date",
    "title",
    "signer_name",
    "signer_position",
    "signer_authority",
    "horizon_end",
]


def import_job_header_update(*, job_id: int, actor: Actor, version: int, fields: dict) -> ImportJob:
    """Correct the document header in review (e.g. write in the number a scanned copy left blank)."""
    for key in ("date", "horizon_end"):
        if fields.get(key) and _parse_date(fields[key]) is None:
            raise PlanError("Ngày không hợp lệ; hãy nhập theo dạng năm-tháng-ngày, ví dụ 2025-10-31.")
    with transaction.atomic():
        job = _job_for_edit(job_id=job_id, actor=actor, version=version)
        document = job.review["document"]
        for key in HEADER_FIELDS:
            if key in fields:
                document[key] = (fields[key] or "").strip()
        if "issuer_agency_id" in fields:
            document["issuer_agency_id"] = int(fields["issuer_agency_id"]) if fields["issuer_agency_id"] else None
        return _save_review(job, actor, "plans.review_header_update", "Sửa thông tin văn bản khi rà soát")


def _find_task(job: ImportJob, key: int) -> dict:
    for task in job.review["tasks"]:
        if task["key"] == int(key):
            return task
    raise PlanError("Không tìm thấy nhiệm vụ này trong bản rà soát (có thể đã bị xoá).", code="missing")


def import_job_task_update(
    *,
    job_id: int,
    actor: Actor,
    version: int,
    key: int,
    path: str,
    title: str,
    timeframe: dict,
    roles: dict[str, list[dict]],
) -> ImportJob:
    """Save one task of the review: path, title, time frame, and each role's mentions with the chosen agency.

    `roles[role]` is a list of {"mention", "agency_id"|"group_id"}: choosing an agency by hand makes it certain.
    """
    if not path.strip() or not title.strip():
        raise PlanError("Mục và nội dung nhiệm vụ không được để trống.")
    if timeframe.get("kind") not in TimeframeKind.values:
        raise PlanError("Loại thời gian không hợp lệ.")
    with transaction.atomic():
        job = _job_for_edit(job_id=job_id, actor=actor, version=version)
        task = _find_task(job, key)
        if any(t["path"] == path.strip() and t["key"] != task["key"] for t in job.review["tasks"]):
            raise PlanError(f"Đã có nhiệm vụ khác ở mục {path.strip()}.")
        new_roles = {role: _merge_entries(task["roles"].get(role, []), roles.get(role) or []) for role in ROLES}
        task.update(
            {
                "path": path.strip(),
                "title": title.strip(),
                "timeframe": {
                    "kind": timeframe.get("kind"),
                    "date": (timeframe.get("date") or "").strip(),
                    "year": int(timeframe["year"]) if timeframe.get("year") else None,
                    "raw": (timeframe.get("raw") or "").strip(),
                },
                "roles": new_roles,
            }
        )
        return _save_review(job, actor, "plans.review_task_update", f"Sửa nhiệm vụ {task['path']} khi rà soát")


def _merge_entries(old_entries: list[dict], items: list[dict]) -> list[dict]:
    """Edited mentions with their chosen agency or group; a hand-made choice counts as certain."""
    entries = []
    for item in items:
        mention = (item.get("mention") or "").strip()
        if not mention:
            continue
        previous = next((e for e in old_entries if e["mention"] == mention), None)
        agency_id = int(item["agency_id"]) if item.get("agency_id") else None
        group_id = int(item["group_id"]) if item.get("group_id") else None
        entry = (
            dict(previous)
            if previous
            else {"mention": mention, "candidates": [], "method": "manual", "confidence": 0.0, "confident": False}
        )
        if (agency_id, group_id) != (entry.get("agency_id"), entry.get("group_id")):
            entry["method"] = "manual"
            entry["confidence"] = 1.0 if (agency_id or group_id) else 0.0
            entry["confident"] = bool(agency_id or group_id)
        entry["agency_id"], entry["group_id"] = agency_id, group_id
        entries.append(entry)
    return entries


def import_job_report_update(
    *, job_id: int, actor: Actor, version: int, index: int, period: str, senders: list[dict], recipients: list[dict]
) -> ImportJob:
    """Save one reporting duty of the review: its period, and who sends to whom (mentions → agencies)."""
    if period not in ReportDuty.PERIOD_LABELS:
        raise PlanError("Kỳ báo cáo không hợp lệ.")
    with transaction.atomic():
        job = _job_for_edit(job_id=job_id, actor=actor, version=version)
        reports = job.review.get("reports") or []
        if not 0 <= int(index) < len(reports):
            raise PlanError("Không tìm thấy chế độ báo cáo này trong bản rà soát.", code="missing")
        report = reports[int(index)]
        report["period"] = period
        report["from"] = _merge_entries(report.get("from") or [], senders)
        report["to"] = _merge_entries(report.get("to") or [], recipients)
        return _save_review(
            job, actor, "plans.review_report_update", f"Sửa chế độ báo cáo {int(index) + 1} khi rà soát"
        )


def import_job_task_add(*, job_id: int, actor: Actor, version: int, path: str, title: str) -> ImportJob:
    if not path.strip() or not title.strip():
        raise PlanError("Mục và nội dung nhiệm vụ không được để trống.")
    with transaction.atomic():
        job = _job_for_edit(job_id=job_id, actor=actor, version=version)
        if any(t["path"] == path.strip() for t in job.review["tasks"]):
            raise PlanError(f"Đã có nhiệm vụ ở mục {path.strip()}.")
        key = job.review.get("next_key") or len(job.review["tasks"]) + 1
        job.review["next_key"] = key + 1
        job.review["tasks"].append(
            {
                "key": key,
                "path": path.strip(),
                "title": title.strip(),
                "timeframe": {"kind": "none", "date": "", "year": None, "raw": ""},
                "roles": {role: [] for role in ROLES},
                "source_lines": None,
                "flags": [{"code": "added_in_review", "message": "Nhiệm vụ được thêm khi rà soát."}],
            }
        )
        return _save_review(job, actor, "plans.review_task_add", f"Thêm nhiệm vụ {path.strip()} khi rà soát")


def import_job_task_remove(*, job_id: int, actor: Actor, version: int, key: int) -> ImportJob:
    with transaction.atomic():
        job = _job_for_edit(job_id=job_id, actor=actor, version=version)
        task = _find_task(job, key)
        job.review["tasks"] = [t for t in job.review["tasks"] if t["key"] != task["key"]]
        return _save_review(job, actor, "plans.review_task_remove", f"Xoá nhiệm vụ {task['path']} khi rà soát")


# ---------------------------------------------------------------------------------------------- publish


def plan_duplicate_of(*, review: dict, government: Agency, exclude_job_id: int | None = None) -> Plan | None:
    """A published plan that is this document: same fingerprint, or same number, issuer and date."""
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED, government=government)
    if exclude_job_id:
        plans = plans.exclude(import_job__pk=exclude_job_id)
    fingerprint = review.get("fingerprint")
    if fingerprint:
        found = plans.filter(fingerprint=fingerprint).first()
        if found:
            return found
    doc = review["document"]
    if doc.get("symbol") and doc.get("date"):
        for plan in plans.filter(issued_on=_parse_date(doc["date"])):
            if fold_words(plan.symbol) == fold_words(doc["symbol"]) and fold_words(plan.issuer) == fold_words(
                doc.get("issuer") or ""
            ):
                return plan
    return None


def _parent_plan(*, citations: list[str], government: Agency, own_symbol: str) -> Plan | None:
    keys = {fold_words(c) for c in citations if c and fold_words(c) != fold_words(own_symbol or "")}
    if not keys:
        return None
    for plan in Plan.objects.filter(status=PlanStatus.PUBLISHED, government=government).exclude(symbol=""):
        if fold_words(plan.symbol) in keys:
            return plan
    return None


def _horizon(document: dict, tasks: list[dict], issued_on: dt.date | None) -> tuple[dt.date, dt.date]:
    start = issued_on or timezone.localdate()
    end = _parse_date(document.get("horizon_end"))
    if end is None:
        end = dt.date(start.year, 12, 31)
        for task in tasks:
            tf = task["timeframe"]
            if tf.get("year"):
                end = max(end, dt.date(int(tf["year"]), 12, 31))
            day = _parse_date(tf.get("date"))
            if day:
                end = max(end, day)
    return start, max(start, end)


def _deadline_rows(timeframe: dict, start: dt.date, end: dt.date) -> list[dict]:
    """The deadlines a task's time frame gives each assignment, over the plan's horizon."""
    kind, raw_date = timeframe.get("kind"), timeframe.get("date") or ""
    day = _parse_date(raw_date)
    month_day = None
    if raw_date.startswith("--") or raw_date.startswith("-"):
        try:
            month_day = tuple(int(x) for x in raw_date.strip("-").split("-")[-2:])
        except ValueError:
            month_day = None
    if kind == TimeframeKind.CONTINUOUS:
        return [{"due_date": None, "period_label": "Thường xuyên", "is_continuous": True}]
    if kind == TimeframeKind.ANNUAL or month_day:
        rows = []
        for year in range(start.year, end.year + 1):
            month, mday = month_day or (12, 31)
            rows.append({"due_date": dt.date(year, month, mday), "period_label": f"Năm {year}", "period_year": year})
        return rows
    if kind == TimeframeKind.YEAR and timeframe.get("year"):
        year = int(timeframe["year"])
        return [{"due_date": day or dt.date(year, 12, 31), "period_label": f"Năm {year}", "period_year": year}]
    if day:
        return [{"due_date": day, "period_label": ""}]
    return []


def _link_workcalendar(deadline: AssignmentDeadline, *, actor: Actor) -> None:
    """Give a dated deadline its explanation in the working calendar (rule KH_NGAY_GHI: the printed date)."""
    if deadline.due_date is None:
        return
    try:
        from danvan.workcalendar.models import DeadlineRule
        from danvan.workcalendar.services import deadline_create
    except ImportError:  # the working calendar is optional for plans
        return
    rule = DeadlineRule.objects.filter(code=WORKCALENDAR_RULE, effective_from__lte=deadline.due_date).first()
    if rule is None:
        return
    created = deadline_create(owner=deadline, rule=rule, printed_date=deadline.due_date, actor=actor.user)
    deadline.workcalendar_deadline_id = created.pk
    deadline.save(update_fields=["workcalendar_deadline_id"])


def _agencies_for(entry: dict, on: dt.date, cache: dict) -> tuple[list[Agency], AgencyGroup | None]:
    """The agencies a review entry assigns: the chosen agency, or a group's members on the plan date."""
    if entry.get("group_id"):
        key = ("group", int(entry["group_id"]))
        if key not in cache:
            group = AgencyGroup.objects.filter(pk=key[1]).first()
            cache[key] = ((group_expand(group=group, on=on) if group else []), group)
        return cache[key]
    if entry.get("agency_id"):
        key = ("agency", int(entry["agency_id"]))
        if key not in cache:
            agency = Agency.objects.filter(pk=key[1]).first()
            cache[key] = (([agency] if agency else []), None)
        return cache[key]
    return [], None


def plan_publish(*, job_id: int, actor: Actor) -> Plan:
    """Create the plan, its task tree, assignments (groups expanded at the plan date), deadlines and reports.

    Safe to submit twice: the job row is locked and its state checked, and unique constraints back it up.
    """
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        _require(rules.job_can_review(actor, job), "Chỉ cán bộ điều phối hoặc quản trị mới được ban hành kế hoạch.")
        if job.state == JobState.PUBLISHED:
            raise PlanError(
                "Kế hoạch này đã được ban hành/xuất bản rồi.",
                code="already_published",
                url=job.plan.get_absolute_url() if job.plan else None,
            )
        if job.state != JobState.DONE or not job.review:
            raise PlanError("Văn bản chưa đọc xong nên chưa ban hành được.", code="not_ready")
        review = job.review
        duplicate = plan_duplicate_of(review=review, government=job.government, exclude_job_id=job.pk)
        if duplicate is not None:
            raise PlanError(
                f"Văn bản này đã được nhập và ban hành trước đó ({duplicate.label}). "
                "Không ban hành lần thứ hai; hãy mở kế hoạch đã có.",
                code="duplicate",
                url=duplicate.get_absolute_url(),
            )
        doc = review["document"]
        if not (doc.get("title") or "").strip():
            raise PlanError("Kế hoạch chưa có trích yếu (tên kế hoạch); hãy điền trước khi ban hành.")
        issued_on = _parse_date(doc.get("date"))
        start, end = _horizon(doc, review["tasks"], issued_on)
        on = issued_on or timezone.localdate()
        plan = Plan(
            government=job.government,
            kind=doc.get("kind") or "Kế hoạch",
            symbol=(doc.get("symbol") or "").strip(),
            issuer=doc.get("issuer") or "",
            issuer_agency_id=doc.get("issuer_agency_id"),
            place=doc.get("place") or "",
            issued_on=issued_on,
            title=doc["title"].strip(),
            signer_name=doc.get("signer_name") or "",
            signer_position=doc.get("signer_position") or "",
            signer_authority=doc.get("signer_authority") or "",
            status=PlanStatus.PUBLISHED,
            parent_plan=_parent_plan(
                citations=review.get("citations") or [], government=job.government, own_symbol=doc.get("symbol") or ""
            ),
            horizon_start=start,
            horizon_end=end,
            fingerprint=review.get("fingerprint") or "",
            citations=review.get("citations") or [],
            source_name=job.source_name,
            created_by=job.created_by,
            published_at=timezone.now(),
        )
        _fit_char_fields(plan)
        plan.save()
        by_path: dict[str, Task] = {}
        cache: dict[tuple[str, int], tuple[list[Agency], AgencyGroup | None]] = {}
        counts = {"tasks": 0, "assignments": 0, "deadlines": 0}
        for order, raw in enumerate(sorted(review["tasks"], key=lambda t: _path_key(t["path"]))):
            parent = _nearest_parent(raw["path"], by_path)
            tf = raw["timeframe"]
            task = Task.objects.create(
                plan=plan,
                parent=parent,
                path=raw["path"],
                title=raw["title"],
                order=order,
                timeframe_kind=tf.get("kind") or TimeframeKind.NONE,
                timeframe_date=_parse_date(tf.get("date")),
                timeframe_year=tf.get("year"),
                timeframe_raw=(tf.get("raw") or "")[:255],
                source_lines=raw.get("source_lines"),
                flags=raw.get("flags") or [],
                unassigned_mentions=[
                    {"role": role, "mention": e["mention"]}
                    for role in ROLES
                    for e in raw["roles"].get(role, [])
                    if not (e.get("agency_id") or e.get("group_id"))
                ],
            )
            by_path[task.path] = task
            counts["tasks"] += 1
            rows = _deadline_rows(tf, start, end)
            pending: dict[tuple[int, str], Assignment] = {}
            for role in ROLES:
                for entry in raw["roles"].get(role, []):
                    agencies, group = _agencies_for(entry, on, cache)
                    for agency in agencies:
                        # One row per (task, agency, role), also enforced by a unique constraint.
                        pending.setdefault(
                            (agency.pk, role),
                            Assignment(
                                task=task,
                                agency=agency,
                                role=role,
                                mention=entry["mention"][:500],
                                resolved_via=group,
                                confidence=entry.get("confidence"),
                            ),
                        )
            created = Assignment.objects.bulk_create(pending.values())
            counts["assignments"] += len(created)
            deadlines = AssignmentDeadline.objects.bulk_create(
                [AssignmentDeadline(assignment=a, **row) for a in created for row in rows]
            )
            counts["deadlines"] += len(deadlines)
            for deadline in deadlines:
                _link_workcalendar(deadline, actor=actor)
        for order, raw in enumerate(review.get("reports") or []):
            duty = ReportDuty.objects.create(
                plan=plan,
                order=order,
                period=raw.get("period") or "unspecified",
                due=raw.get("due"),
                raw=raw.get("raw") or "",
                sender_mentions=[e["mention"] for e in raw.get("from") or []],
                recipient_mentions=[e["mention"] for e in raw.get("to") or []],
            )
            for field_name, entries in (("senders", raw.get("from") or []), ("recipients", raw.get("to") or [])):
                agencies = [a for e in entries for a in _agencies_for(e, on, cache)[0]]
                getattr(duty, field_name).set(agencies)
        job.state = JobState.PUBLISHED
        job.plan = plan
        job.save(update_fields=["state", "plan"])
        from danvan.reporting.services import report_requests_generate

        report_requests_generate(plan=plan, actor=actor)
        audit_record(
            actor=actor.user,
            action="plans.plan_publish",
            obj=plan,
            summary=f"Ban hành {plan.label} trên hệ thống",
            job=job.pk,
            **counts,
        )
    return plan


def _fit_char_fields(obj) -> None:
    """Cut over-long text from a parser to the column size rather than failing the whole publish."""
    for f in obj._meta.concrete_fields:
        if f.get_internal_type() == "CharField" and f.max_length:
            value = getattr(obj, f.attname)
            if isinstance(value, str) and len(value) > f.max_length:
                setattr(obj, f.attname, value[: f.max_length])


def _path_key(path: str) -> list:
    """Outline order: roman numerals, then numbers, then letters (with đ after d)."""
    romans = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
    key = []
    for part in path.split("."):
        if part in romans:
            key.append((0, romans[part], ""))
        elif part.isdigit():
            key.append((1, int(part), ""))
        else:
            key.append((2, 0, part.replace("đ", "d~")))
    return key


def _nearest_parent(path: str, by_path: dict[str, Task]) -> Task | None:
    parts = path.split(".")
    while len(parts) > 1:
        parts = parts[:-1]
        if ".".join(parts) in by_path:
            return by_path[".".join(parts)]
    return None


# ---------------------------------------------------------------------------------------------- daily use


def assignment_update(
    *, assignment_id: int, actor: Actor, version: int, state: str, internal_note: str | None = None
) -> Assignment:
    """An agency reports its progress on an assignment; stale versions are refused, not overwritten."""
    if state not in AssignmentState.values:
        raise PlanError("Tình trạng không hợp lệ.")
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("task__plan").get(pk=assignment_id)
        _require(rules.assignment_can_update(actor, assignment), "Bạn không có quyền cập nhật phân công này.")
        if int(version) != assignment.version:
            raise PlanError(
                "Phân công này vừa được người khác cập nhật. Thay đổi của bạn chưa được lưu; "
                "vui lòng tải lại để xem bản mới nhất.",
                code="conflict",
            )
        if state == AssignmentState.DONE and assignment.task.timeframe_kind == TimeframeKind.CONTINUOUS:
            raise PlanError(
                "Nhiệm vụ thường xuyên không có trạng thái «Hoàn thành»; hãy đánh giá kết quả theo từng kỳ báo cáo.",
                code="continuous",
            )
        old_state = assignment.state
        assignment.state = state
        fields = ["state", "version", "updated_at"]
        if internal_note is not None:
            assignment.internal_note = internal_note.strip()
            fields.append("internal_note")
        assignment.version += 1
        assignment.save(update_fields=fields)
        audit_record(
            actor=actor.user,
            action="plans.assignment_update",
            obj=assignment,
            summary=f"{assignment.task.path}: {AssignmentState(old_state).label} → {assignment.get_state_display()}",
            old_state=old_state,
            new_state=state,
            note_changed=internal_note is not None,
        )
    return assignment


def review_json(job: ImportJob) -> str:
    return json.dumps(job.review, ensure_ascii=False, indent=2)
