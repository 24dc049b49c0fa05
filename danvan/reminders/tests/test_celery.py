from __future__ import annotations

import datetime as dt

import pytest

from danvan.reminders.celery import app
from danvan.reminders.models import Notification
from danvan.reminders.tasks import send_daily_reminders


@pytest.fixture
def celery_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "danvan.reminders.celery.CeleryBackend"}}
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


def test_with_the_celery_backend_the_same_task_sends_the_same_reminders(province, deadline_for, celery_backend):
    """DANVAN_TASK_BACKEND=celery: the scheduler's enqueue goes through Celery and runs the same service."""
    deadline_for(dt.date(2026, 10, 7))
    result = send_daily_reminders.enqueue(day="2026-10-02")
    assert result.backend == "default"
    assert type(send_daily_reminders.get_backend()).__name__ == "CeleryBackend"
    assert Notification.objects.filter(recipient=province["tuphap"]).count() == 1
    send_daily_reminders.enqueue(day="2026-10-02")
    assert Notification.objects.filter(recipient=province["tuphap"]).count() == 1
