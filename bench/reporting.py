"""Reporting benchmark: the merged report and the dashboard on a generated province, against a floor.

Run: .venv/bin/python bench/reporting.py [--quick]
Builds a throwaway SQLite database in a temporary directory, migrates it, generates a province (34 provincial
departments, 100 communes, 20 plans, 2,000 tasks, their assignments and deadlines, one year of report requests
and reports with indicator values), then times:

* the merged report of one period (`danvan.reporting.selectors.report_merge`) against a floor that reads the
  same rows (the period's requests and reports, and their indicator values) with one plain query each;
* the dashboard (`danvan.dashboards` selectors + template render, through the view) against a floor that reads
  the same assignment-deadline rows with one plain query.

Each is run at two sizes (a quarter of the agencies, then all of them) to show that the query counts do not grow
with the number of agencies. Prints a table; never fails (exit 0). Tests never assert timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 3.0  # our time / floor time
DEPARTMENTS = 34
COMMUNES = 100
PLANS = 20
TASKS = 2000
YEAR = 2026


def setup_django(tmp: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DANVAN_DATA_DIR"] = str(tmp)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(*, departments: int, communes: int, seed: int = 7) -> dict:
    """A province: agencies, users, plans, tasks, assignments, deadlines, a year of requests and reports."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from danvan.accounts.models import Profile, Role
    from danvan.agencies.models import Agency, AgencyKind
    from danvan.plans.models import Assignment, AssignmentDeadline, AssignmentState, Plan, PlanStatus, Task
    from danvan.reporting.models import Indicator, Report, ReportRequest, ReportState, ReportValue

    rng = random.Random(seed)
    tag = f"p{departments}-{communes}"
    root = Agency.objects.create(code=tag, name=f"Ủy ban nhân dân tỉnh thử nghiệm {tag}",
                                 kind=AgencyKind.PEOPLES_COMMITTEE_PROVINCE)
    Agency.objects.bulk_create(
        [Agency(code=f"{tag}-so-{i}", name=f"Sở thử nghiệm {i:02d}", kind=AgencyKind.DEPARTMENT, parent=root,
                search_key=f"so thu nghiem {i:02d}") for i in range(departments)]
        + [Agency(code=f"{tag}-xa-{i}", name=f"Ủy ban nhân dân xã thử nghiệm {i:03d}",
                  kind=AgencyKind.PEOPLES_COMMITTEE_COMMUNE, parent=root, search_key=f"xa thu nghiem {i:03d}")
           for i in range(communes)]
    )
    depts = list(Agency.objects.filter(parent=root, kind=AgencyKind.DEPARTMENT).order_by("id"))
    xas = list(Agency.objects.filter(parent=root, kind=AgencyKind.PEOPLES_COMMITTEE_COMMUNE).order_by("id"))
    everyone = depts + xas
    coordinator = get_user_model().objects.create_user(f"noivu-{tag}", password="x")
    Profile.objects.create(user=coordinator, role=Role.COORDINATOR, agency=depts[0])

    plans = Plan.objects.bulk_create([
        Plan(symbol=f"{i + 1}/KH-UBND", title=f"Kế hoạch thử nghiệm số {i + 1} về công tác dân vận chính quyền",
             government=root, status=PlanStatus.PUBLISHED, issued_on=dt.date(YEAR, 1, 5)) for i in range(PLANS)])
    per_plan = TASKS // PLANS
    tasks = Task.objects.bulk_create([
        Task(plan=plan, path=str(j + 1), order=j, title=f"Nhiệm vụ {j + 1} của kế hoạch {plan.symbol}")
        for plan in plans for j in range(per_plan)])
    assignments = []
    for task in tasks:
        lead = rng.choice(depts)
        assignments.append(Assignment(task=task, agency=lead, role="lead"))
        for other in rng.sample([d for d in depts if d != lead], 2):
            assignments.append(Assignment(task=task, agency=other, role="cooperating"))
        if rng.random() < 0.1:  # "UBND các xã, phường" execute
            assignments += [Assignment(task=task, agency=x, role="executing") for x in xas]
    now = timezone.now()
    for a in assignments:
        a.state = rng.choice([AssignmentState.DONE, AssignmentState.DONE, AssignmentState.IN_PROGRESS,
                              AssignmentState.NOT_STARTED])
    assignments = Assignment.objects.bulk_create(assignments, batch_size=2000)
    deadlines = []
    for a in assignments:
        deadlines.append(AssignmentDeadline(assignment=a, due_date=dt.date(YEAR, rng.randint(1, 12),
                                                                           rng.randint(1, 28)), period_label=""))
    AssignmentDeadline.objects.bulk_create(deadlines, batch_size=2000)
    Assignment.objects.filter(task__plan__government=root).update(updated_at=now)

    # One year of reports: every agency reports monthly on the first plan, quarterly on the next four.
    indicators = list(Indicator.objects.filter(active=True))
    requests = []
    for agency in everyone:
        for month in range(1, 13):
            requests.append(ReportRequest(plan=plans[0], sender=agency, recipient=depts[0], period_kind="monthly",
                                          period_year=YEAR, period_index=month,
                                          due_date=dt.date(YEAR + (month == 12), month % 12 + 1, 5)))
        for plan in plans[1:5]:
            for quarter in range(1, 5):
                requests.append(ReportRequest(plan=plan, sender=agency, recipient=depts[0], period_kind="quarterly",
                                              period_year=YEAR, period_index=quarter,
                                              due_date=dt.date(YEAR + (quarter == 4), (quarter * 3) % 12 + 1, 10)))
    requests = ReportRequest.objects.bulk_create(requests, batch_size=2000)
    reports = Report.objects.bulk_create([
        Report(request=r, agency_id=r.sender_id, state=ReportState.ACCEPTED if rng.random() < 0.85 else
               ReportState.DRAFT, submitted_at=now) for r in requests], batch_size=2000)
    ReportValue.objects.bulk_create([ReportValue(report=rep, indicator=ind, value=rng.randint(0, 50))
                                     for rep in reports for ind in indicators], batch_size=5000)
    return {"root": root, "coordinator": coordinator, "plan": plans[0], "agencies": len(everyone),
            "assignments": len(assignments), "requests": len(requests), "values": len(reports) * len(indicators)}


def timed(func, runs: int) -> tuple[float, int]:
    """Median seconds over `runs`, and the number of queries of one run."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        func()
    queries = len(captured.captured_queries)
    reset_queries()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), queries


def measure(world: dict, runs: int) -> dict:
    from django.test import RequestFactory

    from danvan.accounts.permissions import actor_for
    from danvan.dashboards.views import overview
    from danvan.plans.models import AssignmentDeadline
    from danvan.reporting.models import ReportRequest, ReportValue
    from danvan.reporting.selectors import PeriodKey, report_merge

    actor = actor_for(world["coordinator"])
    key = PeriodKey(plan_id=world["plan"].pk, period_kind="monthly", period_year=YEAR, period_index=6)
    today = dt.date(YEAR, 9, 15)

    def merge():
        m = report_merge(actor=actor, key=key, today=today)
        # Touch what a page or an export would show.
        return [(i.total, len(i.per_agency)) for i in m.indicators], len(m.rows)

    def merge_floor():
        requests = list(ReportRequest.objects.filter(plan_id=key.plan_id, period_kind="monthly", period_year=YEAR,
                                                     period_index=6)
                        .values_list("id", "sender_id", "sender__name", "due_date", "report__id", "report__state",
                                     "report__submitted_at"))
        values = list(ReportValue.objects.filter(report__request__plan_id=key.plan_id,
                                                 report__request__period_kind="monthly",
                                                 report__request__period_year=YEAR,
                                                 report__request__period_index=6)
                      .values_list("report_id", "indicator_id", "value"))
        return len(requests), len(values)

    factory = RequestFactory()

    def dashboard():
        request = factory.get("/tong-quan/", {"nam": str(YEAR)})
        request.user = world["coordinator"]
        response = overview(request)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    def dashboard_floor():
        return len(list(AssignmentDeadline.objects.filter(
            assignment__task__plan__government_id=world["root"].pk, due_date__year=YEAR)
            .values_list("due_date", "assignment__agency_id", "assignment__agency__name", "assignment__state",
                         "assignment__updated_at", "assignment__task__plan_id")))

    out = {}
    for name, ours, floor in [("merge", merge, merge_floor), ("dashboard", dashboard, dashboard_floor)]:
        ours_t, ours_q = timed(ours, runs)
        floor_t, floor_q = timed(floor, runs)
        out[name] = (ours_t, ours_q, floor_t, floor_q)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        start = time.perf_counter()
        setup_django(Path(tmp))
        print(f"migrate: {time.perf_counter() - start:.1f} s")
        results = []
        for departments, communes in [(DEPARTMENTS // 4, COMMUNES // 4), (DEPARTMENTS, COMMUNES)]:
            start = time.perf_counter()
            world = generate(departments=departments, communes=communes)
            print(f"generated {world['agencies']} agencies, {PLANS} plans, {TASKS} tasks, "
                  f"{world['assignments']} assignments, {world['requests']} report requests, "
                  f"{world['values']} indicator values in {time.perf_counter() - start:.1f} s")
            results.append((world["agencies"], measure(world, runs)))

        print()
        print(f"{'agencies':>8}  {'what':<10} {'ours ms':>9} {'floor ms':>9} {'ratio':>6} {'target':>7}  "
              f"{'queries (ours/floor)':>20}")
        for agencies, measured in results:
            for name, (ours_t, ours_q, floor_t, floor_q) in measured.items():
                ratio = ours_t / floor_t if floor_t else float("inf")
                verdict = "đạt / ok" if ratio <= TARGET else "CHƯA ĐẠT / below target"
                print(f"{agencies:>8}  {name:<10} {ours_t * 1000:>9.1f} {floor_t * 1000:>9.1f} {ratio:>5.1f}× "
                      f"{'≤ 3×':>7}  {f'{ours_q}/{floor_q}':>20}  {verdict}")
        small, large = results[0][1], results[1][1]
        for name in small:
            same = small[name][1] == large[name][1]
            print(f"{name}: queries at {results[0][0]} agencies = {small[name][1]}, at {results[1][0]} agencies = "
                  f"{large[name][1]} → {'không tăng theo số cơ quan / constant' if same else 'TĂNG / grows'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
