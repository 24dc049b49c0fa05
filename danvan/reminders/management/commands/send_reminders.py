"""Run the daily reminders now (for an administrator, or cron without the worker)."""

from __future__ import annotations

import datetime as dt

from django.core.management import BaseCommand

from danvan.reminders.services import daily_reminders_run


class Command(BaseCommand):
    help = "Gửi nhắc việc và thư tổng hợp của hôm nay (hoặc của ngày --ngay YYYY-MM-DD)."

    def add_arguments(self, parser):
        parser.add_argument("--ngay", dest="day", default=None)

    def handle(self, *args, day: str | None = None, **options):
        summary = daily_reminders_run(day=dt.date.fromisoformat(day) if day else None)
        if summary.skipped_day_off:
            self.stdout.write(f"{summary.day}: ngày nghỉ, không gửi nhắc việc.")
        else:
            self.stdout.write(f"{summary.day}: {summary.reminders} nhắc việc, {summary.digests} thư tổng hợp.")
