from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from danvan.plans.models import Assignment, Plan, Task
from danvan.plans.services import PlanError, plan_publish

from .conftest import actor, gold, job_from_result


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are only meaningful on PostgreSQL")
def test_two_publishes_at_once_create_one_plan(people):
    """Two officials pressing "Ban hành" at the same moment: one plan, the other gets the clear message."""
    job = job_from_result(people["noivu"], gold("000"))
    who = actor(people["noivu"])
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def publish():
        try:
            barrier.wait()
            plan_publish(job_id=job.pk, actor=who)
            outcomes.append("ok")
        except PlanError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["Kế hoạch này đã được ban hành/xuất bản rồi.", "ok"]
    assert Plan.objects.count() == 1
    assert Task.objects.count() == len(gold("000")["tasks"])
    assert Assignment.objects.values("task", "agency", "role").distinct().count() == Assignment.objects.count()
