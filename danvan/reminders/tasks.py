"""Background tasks: the daily reminder run, enqueued by the scheduler."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from danvan.reminders.services import daily_reminders_run


@task()
def send_daily_reminders(day: str | None = None) -> dict:
    """Send today's reminders and digests (`day` as an ISO date to run for another day, e.g. in tests)."""
    return daily_reminders_run(day=dt.date.fromisoformat(day) if day else None).as_dict()
