from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from danvan.reminders.models import Notification, ScheduledJob
from danvan.reminders.services import scheduled_jobs_ensure, scheduler_tick


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def test_the_daily_job_is_created_once_for_seven_in_the_morning(db):
    with freeze_time(local(2026, 10, 1, 10, 0)):
        scheduled_jobs_ensure()
        scheduled_jobs_ensure()
    job = ScheduledJob.objects.get()
    assert job.next_run_at == local(2026, 10, 2, 7, 0)


def test_next_run_persists_and_a_restart_catches_up_once(province, deadline_for,
                                                        django_capture_on_commit_callbacks):
    """The server is off from Thursday evening to Monday noon: one run on restart, then the regular slot."""
    deadline_for(dt.date(2026, 10, 7))
    with freeze_time(local(2026, 10, 1, 18, 0)):
        call_command("run_scheduler", "--once")
        assert scheduler_tick() == []  # not yet time
    job = ScheduledJob.objects.get()
    assert job.next_run_at == local(2026, 10, 2, 7, 0)

    # "Restart" on Monday: the stored next run is three days old; the job runs once, for today.
    with freeze_time(local(2026, 10, 5, 12, 0)), django_capture_on_commit_callbacks(execute=True) as enqueued:
        call_command("run_scheduler", "--once")
        call_command("run_scheduler", "--once")
    assert len(enqueued) == 1
    job.refresh_from_db()
    assert job.last_run_at == local(2026, 10, 5, 12, 0)
    assert job.next_run_at == local(2026, 10, 6, 7, 0)
    # The run reminded the officers once (Monday is within 3 working days of Wednesday).
    assert Notification.objects.filter(recipient=province["tuphap"]).count() == 1

    with freeze_time(local(2026, 10, 6, 7, 0, 30)):
        assert scheduler_tick() == ["nhac-viec-hang-ngay"]
    job.refresh_from_db()
    assert job.next_run_at == local(2026, 10, 7, 7, 0)


def test_a_disabled_job_does_not_run(db):
    with freeze_time(local(2026, 10, 1, 10, 0)):
        scheduled_jobs_ensure()
    ScheduledJob.objects.update(enabled=False)
    with freeze_time(local(2026, 10, 9, 10, 0)):
        assert scheduler_tick() == []


def test_interval_jobs_run_every_interval(db):
    job = ScheduledJob.objects.create(name="thu", task_path="danvan.reminders.tasks.send_daily_reminders",
                                      interval=dt.timedelta(hours=1), next_run_at=local(2026, 10, 1, 8, 0))
    assert job.next_after(local(2026, 10, 1, 8, 0)) == local(2026, 10, 1, 9, 0)
