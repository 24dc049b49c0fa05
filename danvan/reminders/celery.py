"""Celery with Redis, the scale option: a django-tasks backend that hands tasks to Celery, and the Celery app.

`django-tasks-celery` (PyPI) needs Python 3.12+, and danvan supports 3.11, so this is the minimal equivalent:

* settings: `DANVAN_TASK_BACKEND=celery` selects `danvan.reminders.celery.CeleryBackend`; the broker is
  `CELERY_BROKER_URL` (Redis, `redis://127.0.0.1:6379/0` by default);
* worker: `celery -A danvan.reminders.celery worker -l info` (with `DJANGO_SETTINGS_MODULE` set);
* the scheduler stays danvan's own (`run_scheduler`, or the thread in `danvan_worker`): it enqueues through
  django-tasks, so the same `send_daily_reminders` runs on whichever backend is configured. No celery beat.

Every django-tasks `@task` runs unchanged: Celery receives the task's import path and arguments and calls it.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import normalize_json

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("danvan")
# CELERY_* Django settings (CELERY_BROKER_URL…) configure the app; Celery's Django fix-up calls django.setup().
app.config_from_object("django.conf:settings", namespace="CELERY")

RUN_TASK_NAME = "danvan.run_django_task"


@app.task(name=RUN_TASK_NAME, acks_late=True)
def run_django_task(module_path: str, args: list, kwargs: dict) -> Any:
    """Run a django-tasks task by import path (acks_late: a worker that dies mid-run leaves it for another;
    the reminder services are idempotent, so a second run sends nothing twice)."""
    task: Task = import_string(module_path)
    return normalize_json(task.call(*args, **kwargs))


class CeleryBackend(BaseTaskBackend):
    """Enqueue django-tasks tasks on Celery. Results are Celery's; `get_result` is not supported."""

    supports_defer = True

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        options: dict[str, Any] = {}
        if task.run_after is not None:
            options["eta"] = task.run_after
        if task.queue_name and task.queue_name != "default":
            options["queue"] = task.queue_name
        sent = run_django_task.apply_async(args=[task.module_path, list(args), dict(kwargs)], **options)
        return TaskResult(
            task=task,
            id=sent.id,
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
