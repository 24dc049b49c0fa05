"""The working calendar (a year's holidays and swaps, maintained by an administrator) and the deadlines computed on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """One calendar year of Vietnamese public-sector working days, and where its data came from."""

    year = models.PositiveSmallIntegerField("năm", unique=True)
    source = models.TextField("nguồn", help_text="Văn bản thông báo lịch nghỉ của năm (số, ngày, cơ quan ban hành).")
    notes = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = "năm lịch"
        verbose_name_plural = "năm lịch"

    def __str__(self) -> str:
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "Ngày lễ, Tết"
    DAY_OFF = "day_off", "Ngày nghỉ bù, nghỉ hoán đổi"
    WORKING_DAY = "working_day", "Ngày làm bù (Thứ Bảy/Chủ nhật đi làm)"


class CalendarDay(models.Model):
    """A day that differs from the normal Monday–Friday week: a holiday, a day off, or a weekend day worked."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=16, choices=DayKind.choices)
    name = models.CharField("tên", max_length=200, help_text="Ví dụ: Tết Nguyên đán, nghỉ bù Giỗ Tổ Hùng Vương.")
    source = models.TextField("nguồn", blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày đặc biệt"
        verbose_name_plural = "ngày đặc biệt"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class RuleUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", "ngày (theo lịch)"
    WORKING_DAYS = "working_days", "ngày làm việc"
    FIXED_DATE = "fixed_date", "ngày cố định"
    MONTHS = "months", "tháng"


class EndShift(models.TextChoices):
    NEXT_WORKING_DAY = "next_working_day", "Chuyển sang ngày làm việc tiếp theo"
    NONE = "none", "Không chuyển"


class DeadlineRule(models.Model):
    """A legal number as dated data: how long, counted how, from which law, valid for which period.

    The same `code` may appear in several rows with non-overlapping effective periods when the law changes.
    """

    code = models.CharField("mã", max_length=40)
    title = models.CharField("tên", max_length=300)
    legal_source = models.CharField("căn cứ pháp lý", max_length=300)
    unit = models.CharField("đơn vị", max_length=16, choices=RuleUnit.choices)
    amount = models.PositiveIntegerField("số lượng", default=0)
    start_offset = models.SmallIntegerField(
        "bắt đầu tính sau (ngày)",
        default=1,
        help_text="BLDS 2015 Điều 147: thời hạn tính bằng ngày bắt đầu từ ngày tiếp theo của ngày xảy ra sự kiện.",
    )
    end_shift = models.CharField(
        "ngày cuối là ngày nghỉ", max_length=20, choices=EndShift.choices, default=EndShift.NEXT_WORKING_DAY
    )
    effective_from = models.DateField("hiệu lực từ")
    effective_to = models.DateField("hiệu lực đến", null=True, blank=True)
    notes = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["code", "-effective_from"]
        verbose_name = "quy tắc thời hạn"
        verbose_name_plural = "quy tắc thời hạn"
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="workcalendar_rule_code_from")]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def is_effective_on(self, day) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class Deadline(models.Model):
    """A due date computed for something else (a plan assignment, a petition…), with how it was computed."""

    owner_type = models.CharField("loại đối tượng", max_length=64, help_text="Ví dụ: plans.assignment")
    owner_id = models.CharField("mã đối tượng", max_length=64)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="deadlines", verbose_name="quy tắc")
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    printed_date = models.DateField("ngày ghi trong văn bản", null=True, blank=True)
    due_date = models.DateField("hạn", db_index=True)
    explanation = models.JSONField("cách tính", default=dict)
    is_open = models.BooleanField("còn mở", default=True, db_index=True)
    computed_at = models.DateTimeField("tính lúc")

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = "thời hạn"
        verbose_name_plural = "thời hạn"
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return f"{self.owner_type}#{self.owner_id} hạn {self.due_date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("workcalendar:deadline_explain", args=[self.pk])


class DeadlineChange(models.Model):
    """One recomputation that moved a deadline: from when, to when, and why."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="changes", verbose_name="thời hạn")
    old_due = models.DateField("hạn cũ")
    new_due = models.DateField("hạn mới")
    reason = models.CharField("lý do", max_length=500)
    at = models.DateTimeField("lúc", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="người thực hiện"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "thay đổi thời hạn"
        verbose_name_plural = "thay đổi thời hạn"

    def __str__(self) -> str:
        return f"{self.deadline_id}: {self.old_due} → {self.new_due}"
