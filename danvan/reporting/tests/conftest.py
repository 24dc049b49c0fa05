from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.models import Profile, Role
from danvan.accounts.permissions import actor_for
from danvan.agencies.models import Agency, AgencyKind
from danvan.plans.models import (
    Assignment,
    AssignmentDeadline,
    AssignmentRole,
    Plan,
    PlanStatus,
    ReportDuty,
    Task,
    TimeframeKind,
)


def make_user(username: str, role: str, agency, superuser: bool = False):
    user = get_user_model().objects.create_user(username, password="pw", is_superuser=superuser,
                                                is_staff=superuser)
    Profile.objects.create(user=user, role=role, agency=agency)
    return user


def actor(user):
    return actor_for(get_user_model().objects.get(pk=user.pk))


@pytest.fixture(autouse=True)
def _urls(settings, tmp_path):
    settings.ROOT_URLCONF = "danvan.reporting.tests.urls"
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def city(db):
    """Cần Thơ: Sở Nội vụ (coordinator), two sở and a phường."""
    root = Agency.objects.create(code="ct", name="Ủy ban nhân dân thành phố Cần Thơ",
                                 kind=AgencyKind.PEOPLES_COMMITTEE_PROVINCE)
    a = {"root": root}
    for code, name, kind in [
        ("snv", "Sở Nội vụ", AgencyKind.DEPARTMENT),
        ("stp", "Sở Tư pháp", AgencyKind.DEPARTMENT),
        ("stc", "Sở Tài chính", AgencyKind.DEPARTMENT),
        ("ninhkieu", "Ủy ban nhân dân phường Ninh Kiều", AgencyKind.PEOPLES_COMMITTEE_COMMUNE),
    ]:
        a[code] = Agency.objects.create(code=f"ct-{code}", name=name, kind=kind, parent=root)
    a["other_root"] = Agency.objects.create(code="hue", name="Ủy ban nhân dân thành phố Huế",
                                            kind=AgencyKind.PEOPLES_COMMITTEE_PROVINCE)
    a["other_snv"] = Agency.objects.create(code="hue-snv", name="Sở Nội vụ Huế", kind=AgencyKind.DEPARTMENT,
                                           parent=a["other_root"])
    return a


@pytest.fixture
def people(city):
    return {
        "admin": make_user("admin", Role.ADMINISTRATOR, None, superuser=True),
        "noivu": make_user("noivu", Role.COORDINATOR, city["snv"]),
        "tuphap": make_user("tuphap", Role.OFFICER, city["stp"]),
        "taichinh": make_user("taichinh", Role.OFFICER, city["stc"]),
        "phuong": make_user("phuong", Role.OFFICER, city["ninhkieu"]),
        "lanhdao": make_user("lanhdao", Role.LEADER, city["root"]),
        "hue": make_user("hue", Role.COORDINATOR, city["other_snv"]),
    }


@pytest.fixture
def plan(city):
    """A published NQ 65-shaped plan: one dated task, one continuous task; annual duties --11-10 / --11-15."""
    plan = Plan.objects.create(symbol="65/KH-UBND", title="Thực hiện dân chủ ở cơ sở", government=city["root"],
                               issuer_agency=city["root"], issued_on=dt.date(2025, 3, 1),
                               horizon_start=dt.date(2025, 3, 1), horizon_end=dt.date(2027, 12, 31),
                               status=PlanStatus.PUBLISHED)
    dated = Task.objects.create(plan=plan, path="II.1", title="Tổ chức hội nghị đối thoại với Nhân dân", order=1,
                                timeframe_kind=TimeframeKind.DEADLINE, timeframe_date=dt.date(2025, 10, 31))
    continuous = Task.objects.create(plan=plan, path="II.2", title="Tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
                                     order=2, timeframe_kind=TimeframeKind.CONTINUOUS)
    asg = {}
    for key, task, agency, role in [
        ("stp_dated", dated, "stp", AssignmentRole.LEAD),
        ("stc_dated", dated, "stc", AssignmentRole.COOPERATING),
        ("stp_cont", continuous, "stp", AssignmentRole.LEAD),
        ("phuong_cont", continuous, "ninhkieu", AssignmentRole.EXECUTING),
    ]:
        asg[key] = Assignment.objects.create(task=task, agency=city[agency], role=role)
    AssignmentDeadline.objects.create(assignment=asg["stp_dated"], due_date=dt.date(2025, 10, 31))
    AssignmentDeadline.objects.create(assignment=asg["stc_dated"], due_date=dt.date(2025, 10, 31))
    AssignmentDeadline.objects.create(assignment=asg["stp_cont"], is_continuous=True, period_label="Thường xuyên")
    snv_duty = ReportDuty.objects.create(plan=plan, order=0, period="annual", due="--11-15",
                                         raw="Sở Nội vụ tổng hợp, báo cáo trước ngày 15 tháng 11 hàng năm")
    snv_duty.senders.set([city["snv"]])
    snv_duty.recipients.set([city["root"]])
    agencies_duty = ReportDuty.objects.create(plan=plan, order=1, period="annual", due="--11-10",
                                              raw="Hàng năm, trước ngày 10 tháng 11 hoặc đột xuất")
    agencies_duty.senders.set([city["stp"], city["stc"], city["ninhkieu"]])
    agencies_duty.recipients.set([city["snv"], city["root"]])
    adhoc = ReportDuty.objects.create(plan=plan, order=2, period="ad_hoc", due=None, raw="hoặc đột xuất")
    adhoc.senders.set([city["stp"]])
    plan.tasks_by_key = {"dated": dated, "continuous": continuous}
    plan.asg = asg
    return plan


@pytest.fixture
def town(db):
    """An Nhơn (seed 002 shape): Phòng Nội vụ, two phòng, two xã/phường; quarterly/6/9/annual duties in 2025."""
    root = Agency.objects.create(code="an", name="Ủy ban nhân dân thị xã An Nhơn",
                                 kind=AgencyKind.PEOPLES_COMMITTEE_DISTRICT)
    a = {"root": root}
    for code, name, kind in [
        ("pnv", "Phòng Nội vụ thị xã", AgencyKind.DIVISION),
        ("ptp", "Phòng Tư pháp", AgencyKind.DIVISION),
        ("pvh", "Phòng Văn hóa và Thông tin", AgencyKind.DIVISION),
        ("nhonhung", "Ủy ban nhân dân phường Nhơn Hưng", AgencyKind.PEOPLES_COMMITTEE_COMMUNE),
        ("nhonloc", "Ủy ban nhân dân xã Nhơn Lộc", AgencyKind.PEOPLES_COMMITTEE_COMMUNE),
    ]:
        a[code] = Agency.objects.create(code=f"an-{code}", name=name, kind=kind, parent=root)
    plan = Plan.objects.create(symbol="45/KH-UBND", title="Công tác dân vận chính quyền năm 2025",
                               government=root, issued_on=dt.date(2025, 2, 10), horizon_start=dt.date(2025, 2, 10),
                               horizon_end=dt.date(2025, 12, 31), status=PlanStatus.PUBLISHED)
    senders = [a["ptp"], a["pvh"], a["nhonhung"], a["nhonloc"]]
    for order, (period, due) in enumerate([("quarterly", "2025-03-15"), ("six_months", "2025-06-15"),
                                           ("nine_months", "2025-09-15"), ("annual", "2025-11-20")]):
        duty = ReportDuty.objects.create(plan=plan, order=order, period=period, due=due)
        duty.senders.set(senders)
        duty.recipients.set([root, a["pnv"]])
    ReportDuty.objects.create(plan=plan, order=9, period="unspecified", due=None).senders.set([a["pnv"]])
    a["plan"] = plan
    a["senders"] = senders
    return a
