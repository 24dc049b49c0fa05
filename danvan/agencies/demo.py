"""Real demo directories: the new Cần Thơ (from 1 July 2025, with the bodies old plans name) and An Nhơn (2025).

Both loaders are idempotent: run them again and nothing changes. Sources are in `data/README.md` and in
each agency's `note`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from danvan.agencies.models import Agency, AgencyKind
from danvan.agencies.services import directory_import_rows, group_save

DATA_DIR = Path(__file__).resolve().parent / "data"

K = AgencyKind
CITY_BODIES = [K.DEPARTMENT, K.OFFICE, K.INSPECTORATE]


def _load_csv(name: str) -> None:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = directory_import_rows(rows=rows)
    if not result.ok:
        raise ValueError("; ".join(str(error) for error in result.errors))


def load_can_tho_directory() -> Agency:
    """UBND thành phố Cần Thơ, its bodies, its 103 commune-level units and the pre-merger bodies."""
    _load_csv("can_tho.csv")
    root = Agency.objects.get(code="ct-ubnd")
    office = Agency.objects.get(code="ct-vp-ubnd")
    group_save(code="ct-co-quan-don-vi-dia-phuong", name="Các cơ quan, đơn vị, địa phương", scope=root,
               member_kinds=[*CITY_BODIES, K.PUBLIC_SERVICE_UNIT, K.PEOPLES_COMMITTEE_COMMUNE,
                             K.PEOPLES_COMMITTEE_DISTRICT],
               aliases=["các cơ quan, đơn vị, địa phương thành phố", "các cơ quan, đơn vị và địa phương",
                        "các sở, ban, ngành, địa phương", "các sở, ban, ngành thành phố và UBND xã, phường"])
    group_save(code="ct-so-ban-nganh", name="Sở, ban ngành thành phố", scope=root, member_kinds=CITY_BODIES,
               aliases=["các sở, ban, ngành thành phố", "sở, ban, ngành", "các sở, ban ngành",
                        "các cơ quan chuyên môn thuộc UBND thành phố", "cơ quan chuyên môn thuộc UBND thành phố"])
    group_save(code="ct-ubnd-xa-phuong", name="UBND xã, phường", scope=root, member_kinds=[K.PEOPLES_COMMITTEE_COMMUNE],
               aliases=["UBND các xã, phường", "Ủy ban nhân dân các xã, phường", "UBND phường, xã",
                        "UBND cấp xã", "Ủy ban nhân dân cấp xã", "các xã, phường"])
    group_save(code="ct-to-chuc-ct-xh", name="Các tổ chức chính trị - xã hội thành phố", scope=root,
               member_kinds=[K.MASS_ORGANISATION],
               aliases=["các tổ chức chính trị - xã hội", "các đoàn thể thành phố", "các đoàn thể chính trị - xã hội"])
    group_save(code="ct-dnnn", name="Doanh nghiệp nhà nước đóng trên địa bàn thành phố", scope=root,
               member_kinds=[K.STATE_ENTERPRISE],
               aliases=["các doanh nghiệp nhà nước", "doanh nghiệp nhà nước trên địa bàn thành phố"])
    group_save(code="ct-trung-uong", name="Các cơ quan, đơn vị trung ương", scope=root, member_kinds=[K.CENTRAL_AGENCY],
               aliases=["các cơ quan, đơn vị trung ương đóng trên địa bàn thành phố",
                        "cơ quan trung ương trên địa bàn"])
    group_save(code="ct-ubnd-cap-huyen", name="UBND cấp huyện", scope=root,
               member_kinds=[K.PEOPLES_COMMITTEE_DISTRICT],
               aliases=["UBND quận, huyện", "Ủy ban nhân dân quận, huyện", "Ủy ban nhân dân cấp huyện",
                        "UBND các quận, huyện"])
    group_save(code="ct-vp-phong-ban", name="Các phòng, ban, đơn vị trực thuộc", scope=office,
               member_kinds=[K.DIVISION, K.OTHER],
               aliases=["các phòng, ban trực thuộc", "các phòng, đơn vị thuộc Văn phòng", "các phòng thuộc Văn phòng"])
    return root


def load_an_nhon_directory() -> Agency:
    """UBND thị xã An Nhơn (Bình Định) as in early 2025, with its wards and communes and their 2025 successors."""
    _load_csv("an_nhon.csv")
    root = Agency.objects.get(code="an-ubnd")
    group_save(code="an-co-quan-ban-nganh", name="Các cơ quan, ban, ngành thị xã", scope=root,
               member_kinds=[K.DIVISION, K.OFFICE, K.INSPECTORATE, K.PUBLIC_SERVICE_UNIT],
               aliases=["các cơ quan, ban, ngành", "các phòng, ban, ngành thị xã", "các phòng, ban thuộc thị xã"])
    group_save(code="an-ubnd-xa-phuong", name="Ủy ban nhân dân các xã, phường", scope=root,
               member_kinds=[K.PEOPLES_COMMITTEE_COMMUNE],
               aliases=["UBND các xã, phường", "UBND xã, phường", "UBND các phường, xã"])
    group_save(code="an-co-quan-don-vi-dia-phuong", name="Các cơ quan, đơn vị, địa phương", scope=root,
               member_kinds=[K.DIVISION, K.OFFICE, K.INSPECTORATE, K.PUBLIC_SERVICE_UNIT, K.PEOPLES_COMMITTEE_COMMUNE],
               aliases=["các cơ quan, đơn vị và địa phương"])
    return root
