from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from danvan.plans.models import Assignment, Plan, Task

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seed documents beside the repository")
class TestLoadDemo:
    def test_demo_meets_acceptance_checks_and_is_idempotent(self, client):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        counts = (Plan.objects.count(), Task.objects.count(), Assignment.objects.count())
        assert counts[0] == 5
        assert client.login(username="noivu", password="demo")
        listing = client.get(reverse("plans:list")).content.decode()
        assert all(f'href="{p.get_absolute_url()}"' in listing for p in Plan.objects.all())
        plan70 = Plan.objects.get(symbol="70/KH-UBND")
        task = Task.objects.get(plan=plan70, path="II.3")
        assert task.assignments.get(role="lead").agency.code == "ct-so-noi-vu"
        page = client.get(plan70.get_absolute_url()).content.decode()
        assert "ngày 31 tháng 10 năm 2025" in page
        nq65 = Plan.objects.get(symbol="30/KH-UBND")
        assert Plan.objects.filter(parent_plan=nq65).exists()
        assert client.login(username="tuphap", password="demo")
        inbox = client.get(reverse("plans:inbox")).content.decode()
        assert "II.1.b" in inbox
        assert Assignment.objects.filter(
            task__plan=nq65, task__path="II.1.b", role="cooperating", agency__code="ct-so-tu-phap"
        ).exists()
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        assert counts == (Plan.objects.count(), Task.objects.count(), Assignment.objects.count())

    def test_demo_plans_have_their_report_requests(self):
        """Seed 002 asks quarterly, 6-, 9-month and annual reports; seed 001 annual ones due 10/11 and 15/11."""
        import datetime as dt

        from danvan.agencies.models import Agency
        from danvan.reporting.models import ReportRequest

        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        an_nhon = Plan.objects.get(government__code__startswith="an", source_name__startswith="002")
        requests = ReportRequest.objects.filter(plan=an_nhon)
        expected = {("quarterly", dt.date(2025, 3, 15)), ("six_months", dt.date(2025, 6, 15)),
                    ("nine_months", dt.date(2025, 9, 15)), ("annual", dt.date(2025, 11, 20))}
        assert set(requests.values_list("period_kind", "due_date")) == expected
        units = Agency.objects.filter(parent=an_nhon.government, kind__in=["phong", "ubnd_xa"]).exclude(
            name__startswith="Phòng Nội vụ")
        for kind, due in expected:
            senders = set(requests.filter(period_kind=kind, due_date=due).values_list("sender", flat=True))
            assert set(units.values_list("pk", flat=True)) <= senders

        nq65 = Plan.objects.get(symbol="30/KH-UBND")
        yearly = ReportRequest.objects.filter(plan=nq65, period_kind="annual")
        assert {(d.day, d.month) for d in yearly.values_list("due_date", flat=True)} == {(10, 11), (15, 11)}
        assert set(yearly.filter(due_date__day=15).values_list("sender__code", flat=True)) == {"ct-so-noi-vu"}
        assert yearly.filter(due_date__day=10).values("sender").distinct().count() > 10
