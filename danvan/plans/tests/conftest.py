from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.models import Profile, Role
from danvan.accounts.permissions import actor_for
from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyKind
from danvan.plans.models import ImportJob

GOLD = Path(__file__).resolve().parents[4] / "shared" / "extraction" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def gold(stem: str) -> dict:
    """A parsed plan: the shared gold file when present, else the copy kept beside the tests."""
    for folder in (GOLD, FIXTURES):
        found = sorted(folder.glob(f"{stem}_*.json")) if folder.exists() else []
        if found:
            return json.loads(found[0].read_text(encoding="utf-8"))
    pytest.skip(f"no gold file {stem}")


@pytest.fixture
def directory(db):
    root = Agency.objects.create(
        code="ct", name="Ủy ban nhân dân thành phố Cần Thơ", kind=AgencyKind.PEOPLES_COMMITTEE_PROVINCE
    )
    a = {"root": root}
    for code, name in [
        ("snv", "Sở Nội vụ"),
        ("stp", "Sở Tư pháp"),
        ("stc", "Sở Tài chính"),
        ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch"),
    ]:
        a[code] = Agency.objects.create(code=f"ct-{code}", name=name, kind=AgencyKind.DEPARTMENT, parent=root)
    a["xa"] = Agency.objects.create(
        code="ct-ninhkieu",
        name="Ủy ban nhân dân phường Ninh Kiều",
        kind=AgencyKind.PEOPLES_COMMITTEE_COMMUNE,
        parent=root,
    )
    AgencyAlias.objects.create(agency=root, text="Ủy ban nhân dân thành phố")
    group = AgencyGroup.objects.create(
        code="ct-cqdvdp",
        name="Các cơ quan, đơn vị, địa phương",
        scope=root,
        member_kinds=[AgencyKind.DEPARTMENT, AgencyKind.PEOPLES_COMMITTEE_COMMUNE],
    )
    a["group"] = group
    other = Agency.objects.create(
        code="an", name="Ủy ban nhân dân thị xã An Nhơn", kind=AgencyKind.PEOPLES_COMMITTEE_DISTRICT
    )
    a["other_root"] = other
    a["other_pnv"] = Agency.objects.create(code="an-pnv", name="Phòng Nội vụ", kind=AgencyKind.DIVISION, parent=other)
    return a


def _user(username: str, role: str, agency, superuser: bool = False):
    user = get_user_model().objects.create_user(username, password="pw", is_superuser=superuser, is_staff=superuser)
    Profile.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def people(directory):
    return {
        "admin": _user("admin", Role.ADMINISTRATOR, None, superuser=True),
        "noivu": _user("noivu", Role.COORDINATOR, directory["snv"]),
        "tuphap": _user("tuphap", Role.OFFICER, directory["stp"]),
        "taichinh": _user("taichinh", Role.OFFICER, directory["stc"]),
        "lanhdao": _user("lanhdao", Role.LEADER, directory["root"]),
        "annhon": _user("annhon", Role.COORDINATOR, directory["other_pnv"]),
    }


def actor(user):
    return actor_for(get_user_model().objects.get(pk=user.pk))


def job_from_result(user, result: dict, *, name: str = "kehoach.txt"):
    from danvan.plans.services import import_job_store_result

    a = actor(user)
    job = ImportJob.objects.create(government=a.government, created_by=user, source_name=name, state="running")
    return import_job_store_result(job=job, result=result)


@pytest.fixture
def published(people):
    """Gold 000 (70/KH-UBND) published by the coordinator."""
    from danvan.plans.services import plan_publish

    job = job_from_result(people["noivu"], gold("000"))
    return plan_publish(job_id=job.pk, actor=actor(people["noivu"]))


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = "danvan.plans.tests.urls"
