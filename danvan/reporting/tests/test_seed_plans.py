"""Acceptance: the seed plans, published against the demo directories, get their periodic requests."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from danvan.accounts.models import Role
from danvan.accounts.permissions import actor_for
from danvan.plans.models import ImportJob
from danvan.reporting.models import ReportRequest
from danvan.reporting.services import report_requests_generate

from .conftest import make_user

GOLD = Path(__file__).resolve().parents[4] / "shared" / "extraction" / "gold"


def _publish(stem: str, government, user, *, date: str | None = None):
    from danvan.plans.services import import_job_header_update, import_job_store_result, plan_publish

    found = sorted(GOLD.glob(f"{stem}_*.json")) if GOLD.exists() else []
    if not found:
        pytest.skip(f"no gold file {stem}")
    job = ImportJob.objects.create(government=government, created_by=user, source_name=f"{stem}.txt",
                                   state="running")
    job = import_job_store_result(job=job, result=json.loads(found[0].read_text(encoding="utf-8")))
    if date:  # the seed prints "ngày    tháng    năm 2025": review writes the date in, as an official would
        job = import_job_header_update(job_id=job.pk, actor=actor_for(user), version=job.version,
                                       fields={"date": date})
    return plan_publish(job_id=job.pk, actor=actor_for(user))


@pytest.mark.django_db
def test_an_nhon_seed_002_requests():
    from danvan.agencies.demo import load_an_nhon_directory

    an_nhon = load_an_nhon_directory()
    admin = make_user("admin", Role.ADMINISTRATOR, None, superuser=True)
    # Seed 002 cites KH 43 of 06/3/2025, so it was signed on or after that day (before 1/7/2025).
    plan = _publish("002", an_nhon, admin, date="2025-03-06")
    assert ReportRequest.objects.filter(plan=plan).exists()  # publishing creates the requests
    assert report_requests_generate(plan=plan) == 0  # and running it again adds nothing
    dues = Counter(ReportRequest.objects.filter(plan=plan).values_list("period_kind", "due_date"))
    assert set(dues) == {("quarterly", dt.date(2025, 3, 15)), ("six_months", dt.date(2025, 6, 15)),
                         ("nine_months", dt.date(2025, 9, 15)), ("annual", dt.date(2025, 11, 20))}
    assert len(set(dues.values())) == 1  # the same senders for every period
    senders = set(ReportRequest.objects.filter(plan=plan).values_list("sender__kind", flat=True))
    assert {"phong", "ubnd_xa"} <= senders
    assert not ReportRequest.objects.filter(plan=plan, sender__name__startswith="Phòng Nội vụ").exists()


@pytest.mark.django_db
def test_can_tho_seed_001_requests():
    from danvan.agencies.demo import load_can_tho_directory

    can_tho = load_can_tho_directory()
    admin = make_user("admin", Role.ADMINISTRATOR, None, superuser=True)
    plan = _publish("001", can_tho, admin)
    report_requests_generate(plan=plan)
    rows = ReportRequest.objects.filter(plan=plan)
    assert rows.exists() and set(rows.values_list("period_kind", flat=True)) == {"annual"}
    assert {d.strftime("%d/%m") for d in rows.values_list("due_date", flat=True)} == {"10/11", "15/11"}
    own = rows.filter(due_date__month=11, due_date__day=15)
    assert set(own.values_list("sender__name", flat=True)) == {"Sở Nội vụ thành phố Cần Thơ"}
    agencies = rows.filter(due_date__day=10)
    assert agencies.values("sender").distinct().count() > 10  # sở, ngành and UBND phường, xã
    assert set(agencies.values_list("recipient__name", flat=True)) == {"Sở Nội vụ thành phố Cần Thơ"}
