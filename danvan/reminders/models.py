"""Reminders: what a person was told in the app, which reminder steps went out, the daily digest, and the schedule.

`ReminderLog` and `DigestLog` exist so that a job run twice (a retry, a second worker, a catch-up after a restart)
tells nobody twice: each is created in the same transaction as what it records, and its unique constraint makes
the second attempt fail and skip.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    BEFORE = "before", "Sắp đến hạn"
    DUE = "due", "Đến hạn hôm nay"
    OVERDUE = "overdue", "Quá hạn"
    ESCALATION = "escalation", "Đôn đốc việc quá hạn"


class Notification(models.Model):
    """A message shown to one user in the app, until they mark it read."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name="người nhận")
    kind = models.CharField("loại", max_length=12, choices=NotificationKind.choices)
    subject = models.CharField("tiêu đề", max_length=255)
    text = models.TextField("nội dung", blank=True)
    link = models.CharField("liên kết", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="reminders_notif_unread")]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return f"{self.recipient} · {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderStep(models.TextChoices):
    BEFORE = "before", "Trước hạn"
    DUE = "due", "Đúng hạn"
    OVERDUE = "overdue", "Quá hạn"


class ReminderLog(models.Model):
    """One reminder step sent to one person about one item (`deadline:12`, `report:7`) on one day."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=64)
    step = models.CharField(max_length=12, choices=ReminderStep.choices)
    day = models.DateField()
    due_date = models.DateField()
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "item_key", "step", "day"], name="reminders_log_once"),
        ]
        indexes = [models.Index(fields=["recipient", "day"], name="reminders_log_day")]
        verbose_name = "nhật ký nhắc việc"
        verbose_name_plural = "nhật ký nhắc việc"

    def __str__(self) -> str:
        return f"{self.recipient} · {self.item_key} · {self.step} · {self.day}"


class DigestLog(models.Model):
    """The one daily e-mail a person got, listing that day's reminders."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    item_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="reminders_digest_once")]
        verbose_name = "thư tổng hợp hằng ngày"
        verbose_name_plural = "thư tổng hợp hằng ngày"

    def __str__(self) -> str:
        return f"{self.recipient} · {self.day}"


class ScheduledJob(models.Model):
    """A periodic job whose next run is kept in the database, so a restart picks up where it left off.

    Either `time_of_day` (every day at that local time) or `interval` (every so long) is set.
    """

    name = models.CharField("tên", max_length=80, unique=True)
    task_path = models.CharField("tác vụ", max_length=200, help_text="Đường dẫn tới hàm @task, ví dụ "
                                 "danvan.reminders.tasks.send_daily_reminders")
    time_of_day = models.TimeField("giờ chạy hằng ngày", null=True, blank=True)
    interval = models.DurationField("chu kỳ", null=True, blank=True)
    next_run_at = models.DateTimeField("lần chạy tới", db_index=True)
    last_run_at = models.DateTimeField("lần chạy gần nhất", null=True, blank=True)
    enabled = models.BooleanField("đang bật", default=True)

    class Meta:
        ordering = ["next_run_at"]
        verbose_name = "công việc định kỳ"
        verbose_name_plural = "công việc định kỳ"

    def __str__(self) -> str:
        return self.name

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        """The first run time strictly after `moment` (aware): tomorrow's slot, or `moment` + interval."""
        from django.utils import timezone

        if self.time_of_day is not None:
            local = timezone.localtime(moment)
            candidate = timezone.make_aware(dt.datetime.combine(local.date(), self.time_of_day))
            if candidate <= moment:
                candidate = timezone.make_aware(
                    dt.datetime.combine(local.date() + dt.timedelta(days=1), self.time_of_day)
                )
            return candidate
        return moment + (self.interval or dt.timedelta(days=1))
