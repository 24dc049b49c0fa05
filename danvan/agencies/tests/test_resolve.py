import datetime as dt

import pytest

from danvan.agencies.models import Agency, AgencyGroup
from danvan.agencies.resolve import RESOLVE_THRESHOLD, resolve_mention, resolve_mentions

AFTER = dt.date(2025, 9, 15)
BEFORE = dt.date(2025, 2, 10)


def agency(code):
    return Agency.objects.get(code=code)


def group(code):
    return AgencyGroup.objects.get(code=code)


@pytest.mark.parametrize("text", [
    "Sở Nội vụ", "sở nội vụ", "So Noi vu", "SO NOI VU", "Sở Nội vụ thành phố", "Sở Nội vụ thành phố Cần Thơ",
    "Giao Sở Nội vụ", "Đề nghị Sở Nội vụ", "Yêu cầu Sở Nội vụ", "SNV", "Sở NV",
])
def test_department_is_found_however_the_plan_writes_it(can_tho, text):
    """`Sở Nội vụ` under Cần Thơ is Cần Thơ's Sở Nội vụ, with or without accents, level words or lead verbs."""
    result = resolve_mention(text, scope=can_tho, on=AFTER)
    assert result.agency == agency("ct-so-noi-vu")
    assert result.is_confident
    assert result.group is None


def test_exact_name_is_exact_and_abbreviation_is_labelled(can_tho):
    assert resolve_mention("Sở Tư pháp", scope=can_tho).method == "exact"
    result = resolve_mention("UBND phường Cái Khế", scope=can_tho, on=AFTER)
    assert result.agency == agency("ct-xa-31120")
    assert result.method == "abbreviation"
    assert resolve_mention("SNV", scope=can_tho).method == "abbreviation"
    bchqs = resolve_mention("BCHQS thành phố", scope=can_tho)
    assert (bchqs.agency, bchqs.method) == (agency("ct-bchqs"), "alias")


def test_level_words_are_relative_to_the_scope(can_tho):
    assert resolve_mention("Ủy ban nhân dân thành phố", scope=can_tho).agency == can_tho
    assert resolve_mention("UBND TP", scope=can_tho).agency == can_tho
    assert resolve_mention("Thanh tra thành phố", scope=can_tho).agency == agency("ct-thanh-tra")
    assert resolve_mention("Thanh tra TP", scope=can_tho).agency == agency("ct-thanh-tra")
    assert resolve_mention("VP UBND TP", scope=can_tho).agency == agency("ct-vp-ubnd")


def test_front_and_mass_organisations(can_tho):
    result = resolve_mention("Đề nghị Ủy ban MTTQ Việt Nam thành phố", scope=can_tho)
    assert result.agency == agency("ct-mttq")
    assert not result.agency.can_be_ordered
    assert resolve_mention("UBMTTQVN thành phố", scope=can_tho).agency == agency("ct-mttq")
    assert resolve_mention("Liên đoàn Lao động thành phố", scope=can_tho).agency == agency("ct-ldld")


@pytest.mark.parametrize("text, code", [
    ("S0 N6i vu", "ct-so-noi-vu"),
    ("Sở Nội vu thanh ph0", "ct-so-noi-vu"),
    ("So Tai chinh", "ct-so-tai-chinh"),
    ("Sở Tư phap thành phô", "ct-so-tu-phap"),
])
def test_ocr_noise_is_matched_fuzzily(can_tho, text, code):
    result = resolve_mention(text, scope=can_tho, on=AFTER)
    assert result.agency == agency(code)
    assert result.is_confident


def test_ocr_noise_in_the_office_plan(can_tho):
    office = agency("ct-vp-ubnd")
    result = resolve_mention("Phong Hanh chinh - T6 chirc", scope=office)
    assert result.agency == agency("ct-vp-hcto")
    assert result.method == "fuzzy"
    assert result.is_confident


@pytest.mark.parametrize("text, code", [
    ("UBND xã, phường", "ct-ubnd-xa-phuong"),
    ("UBND các xã, phường", "ct-ubnd-xa-phuong"),
    ("Ủy ban nhân dân các xã, phường", "ct-ubnd-xa-phuong"),
    ("các cơ quan, đơn vị, địa phương", "ct-co-quan-don-vi-dia-phuong"),
    ("Các cơ quan, đơn vị, địa phương có liên quan", "ct-co-quan-don-vi-dia-phuong"),
    ("Sở, ban ngành thành phố", "ct-so-ban-nganh"),
    ("Các sở, ban, ngành", "ct-so-ban-nganh"),
    ("các tổ chức chính trị - xã hội thành phố", "ct-to-chuc-ct-xh"),
    ("UBND cấp huyện", "ct-ubnd-cap-huyen"),
    ("UBND quận, huyện", "ct-ubnd-cap-huyen"),
    ("các cơ quan, đơn vị trung ương", "ct-trung-uong"),
    ("doanh nghiệp nhà nước đóng trên địa bàn thành phố", "ct-dnnn"),
])
def test_group_phrases_resolve_to_groups(can_tho, text, code):
    result = resolve_mention(text, scope=can_tho, on=AFTER)
    assert result.group == group(code)
    assert result.agency is None
    assert result.method == "group"
    assert result.is_confident


def test_office_plan_resolves_its_own_divisions_group(can_tho):
    office = agency("ct-vp-ubnd")
    result = resolve_mention("Các phòng, ban, đơn vị trực thuộc", scope=office)
    assert result.group == group("ct-vp-phong-ban")


def test_unknown_or_different_body_is_not_assigned_but_gets_candidates(can_tho):
    """`Sở Ngoại vụ` is not `Sở Nội vụ` with a typo; `Bộ Nội vụ` is not in the city's directory."""
    for text in ("Sở Ngoại vụ", "Bộ Nội vụ"):
        result = resolve_mention(text, scope=can_tho, on=AFTER)
        assert not result.is_confident
        assert result.agency is None and result.group is None
        assert result.confidence < RESOLVE_THRESHOLD
        assert result.candidates[0][0] == agency("ct-so-noi-vu")


def test_partial_name_offers_the_full_name_as_candidate(can_tho):
    result = resolve_mention("Sở Văn hóa", scope=can_tho, on=AFTER)
    assert not result.is_confident
    assert result.candidates[0][0] == agency("ct-so-vhttdl")


def test_nonsense_resolves_to_nothing(can_tho):
    result = resolve_mention("xyz qwv", scope=can_tho)
    assert result.method == "none"
    assert not result.is_confident
    assert resolve_mention("   ", scope=can_tho).method == "none"


def test_abolished_district_resolves_before_the_merger_only(can_tho):
    before = resolve_mention("UBND quận Ninh Kiều", scope=can_tho, on=BEFORE)
    assert before.agency == agency("ct-huyen-ninh-kieu")
    assert before.is_confident
    after = resolve_mention("UBND quận Ninh Kiều", scope=can_tho, on=AFTER)
    assert not after.is_confident
    assert after.candidates[0][0] == agency("ct-huyen-ninh-kieu")


def test_merged_province_is_known_to_the_new_city(can_tho):
    result = resolve_mention("UBND tỉnh Hậu Giang", scope=can_tho, on=BEFORE)
    assert result.agency == agency("hg-ubnd")


def test_an_nhon_scope(an_nhon):
    day = dt.date(2025, 3, 1)
    assert resolve_mention("Phòng Nội vụ", scope=an_nhon, on=day).agency == agency("an-phong-noi-vu")
    assert resolve_mention("Phòng Nội vụ thị xã", scope=an_nhon, on=day).agency == agency("an-phong-noi-vu")
    assert resolve_mention("Ủy ban nhân dân các xã, phường", scope=an_nhon, on=day).group == group("an-ubnd-xa-phuong")
    assert resolve_mention("Các cơ quan, ban, ngành thị xã", scope=an_nhon, on=day).group == group(
        "an-co-quan-ban-nganh")


def test_scopes_do_not_leak(can_tho, an_nhon):
    """A Cần Thơ plan's `Phòng Nội vụ` is not An Nhơn's."""
    result = resolve_mention("Phòng Nội vụ thị xã An Nhơn", scope=can_tho, on=BEFORE)
    assert result.agency is None or result.agency.government() == can_tho


def test_batch_matches_single_and_uses_few_queries(can_tho, django_assert_max_num_queries):
    texts = ["Sở Nội vụ", "UBND xã, phường", "S0 N6i vu", "Sở Ngoại vụ", "Thanh tra thành phố"] * 20
    with django_assert_max_num_queries(12):
        results = resolve_mentions(texts, scope=can_tho, on=AFTER)
    assert len(results) == 100
    for text, result in zip(texts[:5], results[:5], strict=True):
        single = resolve_mention(text, scope=can_tho, on=AFTER)
        assert (single.agency, single.group, single.is_confident) == (result.agency, result.group,
                                                                       result.is_confident)
