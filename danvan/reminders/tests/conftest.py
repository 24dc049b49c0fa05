from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.models import Profile, Role
from danvan.agencies.models import Agency, AgencyKind
from danvan.plans.models import Assignment, AssignmentDeadline, AssignmentRole, Plan, PlanStatus, Task


def make_user(username: str, role: str, agency, *, position: str = "", email: bool = True):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.vn" if email else "",
                                                password="pw")
    Profile.objects.create(user=user, role=role, agency=agency, position=position)
    return user


@pytest.fixture
def province(db):
    root = Agency.objects.create(code="ct", name="Ủy ban nhân dân thành phố Cần Thơ",
                                 kind=AgencyKind.PEOPLES_COMMITTEE_PROVINCE)
    snv = Agency.objects.create(code="ct-snv", name="Sở Nội vụ", kind=AgencyKind.DEPARTMENT, parent=root)
    stp = Agency.objects.create(code="ct-stp", name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, parent=root,
                                head_title="Giám đốc")
    other = Agency.objects.create(code="an", name="Ủy ban nhân dân thị xã An Nhơn",
                                  kind=AgencyKind.PEOPLES_COMMITTEE_DISTRICT)
    other_pnv = Agency.objects.create(code="an-pnv", name="Phòng Nội vụ", kind=AgencyKind.DIVISION, parent=other)
    people = {
        "noivu": make_user("noivu", Role.COORDINATOR, snv),
        "tuphap": make_user("tuphap", Role.OFFICER, stp),
        "tuphap2": make_user("tuphap2", Role.OFFICER, stp),
        "giamdoc": make_user("giamdoc", Role.OFFICER, stp, position="Giám đốc"),
        "lanhdao": make_user("lanhdao", Role.LEADER, root),
        "annhon": make_user("annhon", Role.COORDINATOR, other_pnv),
    }
    plan = Plan.objects.create(symbol="70/KH-UBND", title="Kế hoạch công tác dân vận chính quyền năm 2026",
                               government=root, status=PlanStatus.PUBLISHED)
    return {"root": root, "snv": snv, "stp": stp, "other": other, "plan": plan, **people}


@pytest.fixture
def deadline_for(province):
    counter = {"n": 0}

    def make(due: dt.date, *, agency=None, role=AssignmentRole.LEAD) -> AssignmentDeadline:
        counter["n"] += 1
        task = Task.objects.create(plan=province["plan"], path=str(counter["n"]), order=counter["n"],
                                   title=f"Tổ chức hội nghị đối thoại với Nhân dân lần {counter['n']}")
        assignment = Assignment.objects.create(task=task, agency=agency or province["stp"], role=role)
        return AssignmentDeadline.objects.create(assignment=assignment, due_date=due, period_label=str(due))

    return make


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = "danvan.reminders.tests.urls"
