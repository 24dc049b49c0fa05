"""Progress on assignments, the reports agencies owe (requests), the reports themselves and their numbers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from danvan.workcalendar.periods import PeriodKind, period_window


class ProgressState(models.TextChoices):
    """The same values as `plans.AssignmentState`: an update sets the assignment's state."""

    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    BLOCKED = "blocked", "Không thực hiện được"


class ProgressUpdate(models.Model):
    """What an agency says about its part in a task at one moment; the newest one is the current word.

    For a continuous task (`thường xuyên`) the update assesses one reporting period (`period_label`),
    and is never "done".
    """

    assignment = models.ForeignKey("plans.Assignment", on_delete=models.CASCADE, related_name="progress_updates",
                                   verbose_name="phân công")
    period_label = models.CharField("kỳ đánh giá", max_length=60, blank=True)
    period_year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    state = models.CharField("tình trạng", max_length=12, choices=ProgressState.choices)
    reason = models.TextField("lý do không thực hiện được", blank=True)
    narrative = models.TextField("kết quả thực hiện", blank=True)
    numbers = models.JSONField("số liệu", default=dict, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name="người cập nhật")
    created_at = models.DateTimeField("cập nhật lúc", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "cập nhật tiến độ"
        verbose_name_plural = "cập nhật tiến độ"

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.get_state_display()} ({self.created_at:%d/%m/%Y})"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"reporting/evidence/{dt.date.today():%Y/%m}/{filename}"


class Evidence(models.Model):
    """A file proving an update (minutes, photos, a signed report): DOCX, PDF, PNG or JPEG only."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence",
                               verbose_name="cập nhật tiến độ")
    file = models.FileField("tệp", upload_to=evidence_upload_to)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.original_name


class RequestPeriodKind(models.TextChoices):
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Quý"
    SIX_MONTHS = "six_months", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    ANNUAL = "annual", "Năm"
    AD_HOC = "ad_hoc", "Đột xuất, khi có yêu cầu"


def period_name(kind: str, year: int, index: int | None) -> str:
    """`Quý 3/2025`, `6 tháng đầu năm 2025`, `Năm 2025`: the name of a report period, wherever it is shown."""
    if kind == RequestPeriodKind.AD_HOC:
        return f"Đột xuất {year}"
    try:
        return period_window(PeriodKind(kind), year, index).label
    except ValueError:
        return f"{RequestPeriodKind(kind).label} năm {year}"


class ReportRequest(models.Model):
    """One report one agency owes for one period (from a plan's reporting duty), or on demand.

    Overdue is derived from `due_date` and the report's state, never stored.
    """

    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="report_requests", verbose_name="kế hoạch")
    duty = models.ForeignKey("plans.ReportDuty", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="requests", verbose_name="chế độ báo cáo")
    sender = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="report_requests",
                               verbose_name="cơ quan báo cáo")
    recipient = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="report_requests_received", verbose_name="nơi nhận")
    period_kind = models.CharField("kỳ báo cáo", max_length=12, choices=RequestPeriodKind.choices)
    period_year = models.PositiveSmallIntegerField("năm")
    period_index = models.PositiveSmallIntegerField("kỳ số", null=True, blank=True)
    cutoff_start = models.DateField("chốt số liệu từ", null=True, blank=True)
    cutoff_end = models.DateField("chốt số liệu đến", null=True, blank=True)
    due_date = models.DateField("hạn gửi", db_index=True)
    is_ad_hoc = models.BooleanField("đột xuất", default=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name="người yêu cầu")
    note = models.TextField("nội dung yêu cầu", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "sender__name", "id"]
        constraints = [
            # Two conditional constraints, because NULL period_index values are distinct in SQL.
            models.UniqueConstraint(fields=["duty", "sender", "period_kind", "period_year", "period_index"],
                                    condition=Q(duty__isnull=False, period_index__isnull=False),
                                    name="reporting_request_unique_indexed_period"),
            models.UniqueConstraint(fields=["duty", "sender", "period_kind", "period_year"],
                                    condition=Q(duty__isnull=False, period_index__isnull=True),
                                    name="reporting_request_unique_period"),
        ]
        verbose_name = "yêu cầu báo cáo"
        verbose_name_plural = "yêu cầu báo cáo"

    def __str__(self) -> str:
        return f"{self.sender} · {self.period_label} · hạn {self.due_date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:report_form", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.is_ad_hoc or self.period_kind == RequestPeriodKind.AD_HOC:
            return f"Báo cáo đột xuất (hạn {self.due_date:%d/%m/%Y})"
        return "Báo cáo " + period_name(self.period_kind, self.period_year, self.period_index).lower()

    def is_overdue(self, today: dt.date, report: Report | None = None) -> bool:
        """Due passed and nothing submitted (a returned report counts as not submitted)."""
        if report is None:
            try:
                report = self.report
            except Report.DoesNotExist:
                report = None
        submitted = report is not None and report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
        return self.due_date < today and not submitted


class ReportState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Bị trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class Report(models.Model):
    """An agency's answer to a request: narrative, per-task sections and indicator values."""

    request = models.OneToOneField(ReportRequest, on_delete=models.CASCADE, related_name="report",
                                   verbose_name="yêu cầu báo cáo")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="reports",
                               verbose_name="cơ quan báo cáo")
    state = models.CharField("trạng thái", max_length=12, choices=ReportState.choices, default=ReportState.DRAFT,
                             db_index=True)
    narrative = models.TextField("đánh giá chung", blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    review_comment = models.TextField("ý kiến khi trả lại", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["request__due_date", "agency__name"]
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"

    def __str__(self) -> str:
        return f"{self.agency} · {self.request.period_label}"

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)

    @property
    def submitted_late(self) -> bool:
        return self.submitted_at is not None and self.submitted_at.date() > self.request.due_date


class Indicator(models.Model):
    """One number in the standard report (catalogue seeded by a data migration)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField("chỉ tiêu", max_length=255)
    unit = models.CharField("đơn vị tính", max_length=40)
    group = models.CharField("nhóm", max_length=160)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)
    # "Resolved ≤ received": this indicator may not exceed that one in the same report.
    not_more_than = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                      verbose_name="không vượt quá")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return self.name


class ReportValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.PositiveIntegerField("số liệu", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="reporting_value_unique")]
        verbose_name = "số liệu báo cáo"
        verbose_name_plural = "số liệu báo cáo"

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"


class ReportTaskSection(models.Model):
    """What the report says about one task, pre-filled from the agency's progress in the cut-off window."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="report_sections")
    narrative = models.TextField("kết quả thực hiện", blank=True)
    state = models.CharField("tình trạng", max_length=12, choices=ProgressState.choices,
                             default=ProgressState.NOT_STARTED)

    class Meta:
        ordering = ["task__order", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="reporting_section_unique")]
        verbose_name = "nội dung theo nhiệm vụ"
        verbose_name_plural = "nội dung theo nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.report_id} · {self.task_id}"
