import datetime as dt

from danvan.agencies.models import Agency, AgencyGroup, AgencyKind
from danvan.agencies.selectors import (
    agency_list_valid_on,
    agency_search,
    agency_successors,
    agency_tree,
    agency_tree_nodes,
    group_members,
)

BEFORE = dt.date(2025, 2, 10)
AFTER = dt.date(2025, 9, 15)


def agency(code):
    return Agency.objects.get(code=code)


def test_valid_on_switches_at_the_merger(can_tho):
    before = {a.code for a in agency_list_valid_on(on=BEFORE, government=can_tho)}
    after = {a.code for a in agency_list_valid_on(on=AFTER, government=can_tho)}
    assert "ct-huyen-ninh-kieu" in before and "ct-huyen-ninh-kieu" not in after
    assert "ct-xa-31120" in after and "ct-xa-31120" not in before
    assert "ct-so-noi-vu" in before and "ct-so-noi-vu" in after
    assert "st-ubnd" in {a.code for a in agency_list_valid_on(on=BEFORE)}


def test_tree_holds_the_office_divisions_under_the_office(can_tho):
    codes = [a.code for a in agency_tree(government=can_tho)]
    assert codes[0] == "ct-ubnd"
    assert "ct-vp-hcto" in codes
    nodes = {n.agency.code: n.depth for n in agency_tree_nodes(government=can_tho)}
    assert nodes["ct-ubnd"] == 0 and nodes["ct-vp-ubnd"] == 1 and nodes["ct-vp-hcto"] == 2


def test_communes_group_after_the_merger_has_the_103_units(can_tho):
    members = group_members(group=AgencyGroup.objects.get(code="ct-ubnd-xa-phuong"), on=AFTER)
    assert len(members) == 103
    assert group_members(group=AgencyGroup.objects.get(code="ct-ubnd-xa-phuong"), on=BEFORE) == []


def test_district_group_is_empty_after_1_july_2025(can_tho):
    districts = AgencyGroup.objects.get(code="ct-ubnd-cap-huyen")
    assert len(group_members(group=districts, on=BEFORE)) == 9
    assert group_members(group=districts, on=AFTER) == []
    assert len(group_members(group=districts, on=dt.date(2025, 6, 30))) == 9


def test_all_bodies_group_moves_from_districts_to_communes(can_tho):
    everyone = AgencyGroup.objects.get(code="ct-co-quan-don-vi-dia-phuong")
    before = {a.kind for a in group_members(group=everyone, on=BEFORE)}
    after = group_members(group=everyone, on=AFTER)
    assert AgencyKind.PEOPLES_COMMITTEE_DISTRICT in before and AgencyKind.PEOPLES_COMMITTEE_COMMUNE not in before
    assert {a.kind for a in after} >= {AgencyKind.DEPARTMENT, AgencyKind.PEOPLES_COMMITTEE_COMMUNE}
    assert agency("ct-so-noi-vu") in after
    assert agency("ct-mttq") not in after  # the Front is requested, not ordered


def test_departments_group_and_extra_members(can_tho):
    departments = AgencyGroup.objects.get(code="ct-so-ban-nganh")
    members = group_members(group=departments, on=AFTER)
    assert agency("ct-so-noi-vu") in members and agency("ct-thanh-tra") in members
    assert agency("ct-xa-31120") not in members
    departments.extra_members.add(agency("ct-tt-hcc"))
    assert agency("ct-tt-hcc") in group_members(group=departments, on=AFTER)


def test_office_divisions_group(can_tho):
    divisions = group_members(group=AgencyGroup.objects.get(code="ct-vp-phong-ban"), on=AFTER)
    assert {"ct-vp-hcto", "ct-vp-ksthc", "ct-vp-qttv", "ct-vp-kgvx", "ct-vp-noi-chinh"} <= {a.code for a in divisions}


def test_merged_provinces_pass_to_can_tho(can_tho):
    assert agency_successors(agency=agency("st-ubnd"), on=AFTER) == [can_tho]
    assert agency_successors(agency=agency("hg-ubnd"), on=AFTER) == [can_tho]
    assert agency_successors(agency=agency("hg-ubnd"), on=BEFORE) == [agency("hg-ubnd")]


def test_districts_have_no_successor(can_tho):
    assert agency_successors(agency=agency("ct-huyen-ninh-kieu"), on=AFTER) == []


def test_successor_chains_are_followed(db):
    day = dt.date(2026, 1, 1)
    old = Agency.objects.create(code="a", name="Cũ", kind="so", valid_to=dt.date(2020, 1, 1))
    middle = Agency.objects.create(code="b", name="Giữa", kind="so", valid_to=dt.date(2025, 6, 30))
    new_1 = Agency.objects.create(code="c", name="Mới 1", kind="so", valid_from=dt.date(2025, 7, 1))
    new_2 = Agency.objects.create(code="d", name="Mới 2", kind="so", valid_from=dt.date(2025, 7, 1))
    old.successors.add(middle)
    middle.successors.add(new_1, new_2)
    new_1.successors.add(old)  # a cycle must not loop forever
    assert agency_successors(agency=old, on=day) == [new_1, new_2]
    assert agency_successors(agency=old, on=dt.date(2024, 1, 1)) == [middle]


def test_an_nhon_passes_to_the_five_gia_lai_units(an_nhon):
    successors = agency_successors(agency=an_nhon, on=AFTER)
    assert [a.code for a in successors] == sorted(
        ["gl-an-nhon", "gl-an-nhon-bac", "gl-an-nhon-dong", "gl-an-nhon-nam", "gl-an-nhon-tay"],
        key=lambda c: agency(c).name)


def test_search_ignores_accents_and_case(can_tho):
    assert agency("ct-so-noi-vu") in agency_search(query="so noi vu", government=can_tho)
    assert agency("ct-so-noi-vu") in agency_search(query="SỞ NỘI VỤ")
    assert agency("ct-xa-31120") in agency_search(query="cai khe")
    assert agency("ct-so-noi-vu") in agency_search(query="snv")  # by alias
    assert agency_search(query="  ") == []
