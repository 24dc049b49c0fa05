import datetime as dt

from danvan.agencies.demo import load_an_nhon_directory, load_can_tho_directory
from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyGroupAlias, AgencyKind


def counts():
    return (Agency.objects.count(), AgencyAlias.objects.count(), AgencyGroup.objects.count(),
            AgencyGroupAlias.objects.count(), Agency.successors.through.objects.count())


def test_loaders_are_idempotent(db):
    load_can_tho_directory()
    load_an_nhon_directory()
    first = counts()
    root = load_can_tho_directory()
    load_an_nhon_directory()
    assert counts() == first
    assert root.code == "ct-ubnd"


def test_can_tho_has_103_commune_level_units_on_2025_09_15(can_tho):
    day = dt.date(2025, 9, 15)
    communes = [a for a in Agency.objects.filter(parent=can_tho, kind=AgencyKind.PEOPLES_COMMITTEE_COMMUNE)
                if a.is_valid_on(day)]
    assert len(communes) == 103
    assert sum("phường" in a.name for a in communes) == 31
    assert sum(" xã " in a.name for a in communes) == 72
    assert all("thanglequoc/vietnamese-provinces-database" in a.note for a in communes)


def test_can_tho_bodies_and_request_only_bodies(can_tho):
    assert can_tho.kind == AgencyKind.PEOPLES_COMMITTEE_PROVINCE
    for code in ("ct-vp-ubnd", "ct-so-noi-vu", "ct-so-dt-tg", "ct-thanh-tra", "ct-ban-tcd", "ct-tt-hcc"):
        assert Agency.objects.get(code=code).government() == can_tho
    assert not Agency.objects.get(code="ct-mttq").can_be_ordered
    assert not Agency.objects.get(code="ct-ldld").can_be_ordered
    assert Agency.objects.filter(kind=AgencyKind.PEOPLES_COMMITTEE_DISTRICT, parent=can_tho).count() == 9


def test_an_nhon_before_the_merger(an_nhon):
    day = dt.date(2025, 3, 1)
    communes = Agency.objects.filter(parent=an_nhon, kind=AgencyKind.PEOPLES_COMMITTEE_COMMUNE)
    assert communes.count() == 15
    assert all(a.is_valid_on(day) and not a.is_valid_on(dt.date(2025, 7, 1)) for a in communes)
    assert Agency.objects.get(code="an-phong-noi-vu").parent == an_nhon
