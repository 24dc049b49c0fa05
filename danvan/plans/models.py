"""Plans (Kế hoạch), the import jobs that read them, their tasks, who is assigned what, and by when."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse

from danvan.text import fold_words


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    PUBLISHED = "published", "Đã ban hành"


class Plan(models.Model):
    """A published plan document: its header as printed (or corrected in review) and its scope."""

    kind = models.CharField("loại văn bản", max_length=60, default="Kế hoạch")
    symbol = models.CharField("số, ký hiệu", max_length=80, blank=True, db_index=True)
    issuer = models.CharField("cơ quan ban hành (như văn bản ghi)", max_length=255, blank=True)
    issuer_agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_plans",
        verbose_name="cơ quan ban hành",
    )
    place = models.CharField("địa danh", max_length=120, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu")
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_authority = models.CharField("thẩm quyền ký", max_length=120, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    government = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="plans", verbose_name="chính quyền"
    )
    parent_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_plans",
        verbose_name="kế hoạch cấp trên",
    )
    horizon_start = models.DateField("thực hiện từ", null=True, blank=True)
    horizon_end = models.DateField("thực hiện đến", null=True, blank=True)
    # sha256 of the folded task and header text: the same document imported twice has the same print.
    fingerprint = models.CharField(max_length=64, db_index=True, blank=True)
    citations = models.JSONField("văn bản được dẫn", default=list, blank=True)
    source_name = models.CharField("tệp nguồn", max_length=255, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("ban hành trên hệ thống lúc", null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"

    def __str__(self) -> str:
        return f"{self.symbol or 'Kế hoạch'}: {self.title[:80]}"

    def save(self, *args, **kwargs):
        self.search_text = fold_words(" ".join([self.symbol, self.issuer, self.title, self.signer_name]))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def label(self) -> str:
        return f"Kế hoạch số {self.symbol}" if self.symbol else "Kế hoạch (chưa ghi số)"


class JobState(models.TextChoices):
    QUEUED = "queued", "Đang chờ đọc"
    RUNNING = "running", "Đang đọc"
    DONE = "done", "Đã đọc xong, chờ rà soát"
    FAILED = "failed", "Không đọc được"
    PUBLISHED = "published", "Đã ban hành"


class ImportJob(models.Model):
    """One upload or pasted text being read into a plan, then reviewed, then published.

    `result` is what the reader produced; `review` is the editable copy (mentions resolved to agencies);
    `version` goes up on every save of `review` so that two officials never overwrite each other silently.
    """

    government = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_jobs")
    created_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to="plans/imports/%Y/%m/", blank=True)
    source_name = models.CharField("tên tệp", max_length=255, blank=True)
    pasted_text = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=JobState.choices, default=JobState.QUEUED, db_index=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_message = models.CharField(max_length=255, blank=True)
    error = models.TextField("lỗi", blank=True)
    result = models.JSONField(null=True, blank=True)
    review = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    plan = models.OneToOneField(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_job")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lượt nhập kế hoạch"
        verbose_name_plural = "lượt nhập kế hoạch"

    def __str__(self) -> str:
        return f"{self.source_name or 'Văn bản dán'} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("plans:job_review", args=[self.pk])

    @property
    def is_busy(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0 if self.is_busy else 100
        return min(100, round(100 * self.progress_done / self.progress_total))


class TimeframeKind(models.TextChoices):
    CONTINUOUS = "continuous", "Thường xuyên"
    ANNUAL = "annual", "Hàng năm"
    DEADLINE = "deadline", "Có thời hạn"
    YEAR = "year", "Trong năm"
    PERIOD = "period", "Theo giai đoạn"
    NONE = "none", "Không ghi thời gian"


class Task(models.Model):
    """One numbered item of a plan (`II.3`), in a tree by outline path."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    path = models.CharField("mục", max_length=40)
    title = models.TextField("nội dung")
    body = models.TextField("nguyên văn", blank=True)
    order = models.PositiveIntegerField(default=0)
    timeframe_kind = models.CharField(
        "thời gian", max_length=12, choices=TimeframeKind.choices, default=TimeframeKind.NONE
    )
    timeframe_date = models.DateField(null=True, blank=True)
    timeframe_year = models.PositiveSmallIntegerField(null=True, blank=True)
    timeframe_raw = models.CharField("thời gian (như văn bản ghi)", max_length=255, blank=True)
    source_lines = models.JSONField(null=True, blank=True)
    flags = models.JSONField(default=list, blank=True)
    # Mentions that no agency was chosen for in review: kept visible, never silently assigned.
    unassigned_mentions = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "path"], name="plans_task_unique_path")]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.path}. {self.title[:80]}"

    @property
    def depth(self) -> int:
        return self.path.count(".")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    COOPERATING = "cooperating", "Phối hợp"
    EXECUTING = "executing", "Thực hiện"
    DIRECTING = "directing", "Chỉ đạo"


class AssignmentState(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    BLOCKED = "blocked", "Không thực hiện được"


class Assignment(models.Model):
    """An agency's part in a task, in one role. A group mention becomes one row per member agency."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("vai trò", max_length=12, choices=AssignmentRole.choices)
    mention = models.CharField("cách văn bản ghi", max_length=500, blank=True)
    resolved_via = models.ForeignKey(
        "agencies.AgencyGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="qua nhóm",
    )
    confidence = models.FloatField(null=True, blank=True)
    state = models.CharField(
        "tình trạng", max_length=12, choices=AssignmentState.choices, default=AssignmentState.NOT_STARTED
    )
    internal_note = models.TextField("ghi chú nội bộ", blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["task__order", "role", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "agency", "role"], name="plans_assignment_unique_role"),
        ]
        verbose_name = "phân công"
        verbose_name_plural = "phân công"

    def __str__(self) -> str:
        return f"{self.task.path} · {self.get_role_display()}: {self.agency}"

    @property
    def is_done(self) -> bool:
        return self.state == AssignmentState.DONE


class AssignmentDeadline(models.Model):
    """When an assignment is due: a printed date, once per year of the plan (`Hàng năm`), or continuous.

    A workcalendar `Deadline` with owner `plans.assignmentdeadline` explains the date when one exists.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="deadlines")
    due_date = models.DateField("hạn", null=True, blank=True, db_index=True)
    period_label = models.CharField("kỳ", max_length=60, blank=True)
    period_year = models.PositiveSmallIntegerField(null=True, blank=True)
    is_continuous = models.BooleanField("thường xuyên", default=False)
    workcalendar_deadline_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "period_label"], name="plans_deadline_unique_period"),
        ]
        verbose_name = "hạn phân công"
        verbose_name_plural = "hạn phân công"

    def __str__(self) -> str:
        return f"{self.assignment} · {self.period_label or self.due_date}"

    @property
    def explain_url(self) -> str | None:
        """The working calendar's page explaining how this date was computed, when it has one."""
        if not self.workcalendar_deadline_id:
            return None
        try:
            return reverse("workcalendar:deadline_explain", args=[self.workcalendar_deadline_id])
        except NoReverseMatch:
            return None

    def is_overdue(self, today: dt.date) -> bool:
        return self.due_date is not None and self.due_date < today and not self.assignment.is_done


class ReportDuty(models.Model):
    """Who reports to whom, how often, by when, as the plan prints it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_duties")
    order = models.PositiveIntegerField(default=0)
    sender_mentions = models.JSONField(default=list)
    senders = models.ManyToManyField("agencies.Agency", blank=True, related_name="report_duties_sent")
    recipient_mentions = models.JSONField(default=list)
    recipients = models.ManyToManyField("agencies.Agency", blank=True, related_name="report_duties_received")
    period = models.CharField("định kỳ", max_length=20)
    due = models.JSONField(null=True, blank=True)
    raw = models.TextField("nguyên văn", blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="plans_report_unique_order")]
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"

    def __str__(self) -> str:
        return f"{self.plan} · {self.period}"

    PERIOD_LABELS = {
        "daily": "Hằng ngày",
        "weekly": "Hằng tuần",
        "monthly": "Hằng tháng",
        "quarterly": "Hằng quý",
        "six_months": "6 tháng",
        "nine_months": "9 tháng",
        "annual": "Hằng năm",
        "ad_hoc": "Đột xuất",
        "unspecified": "Theo quy định",
    }

    @property
    def period_label(self) -> str:
        return self.PERIOD_LABELS.get(self.period, self.period)
