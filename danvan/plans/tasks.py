"""Background work for plans: reading an uploaded document."""

from __future__ import annotations

from django_tasks import task


@task()
def import_job_read_task(job_id: int) -> None:
    from danvan.plans.services import import_job_read

    import_job_read(job_id=job_id)
