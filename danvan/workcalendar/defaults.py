"""The pre-filled calendar for 2025–2027 and the seed deadline rules, each with its source.

Loaded by `services.calendar_load_defaults()` and by a data migration (same `load_defaults` function, given the
models). Loading never overwrites a row an administrator has already entered or changed.
"""

from __future__ import annotations

import datetime as dt

from danvan.workcalendar.calendar import DAY_OFF, HOLIDAY, WORKING_DAY
from danvan.workcalendar.lunar import default_year_days

D = dt.date

SRC_2025 = (
    "Thông báo của Bộ Lao động - Thương binh và Xã hội (11/2024) về nghỉ Tết Âm lịch, nghỉ lễ Quốc khánh và hoán đổi "
    "ngày làm việc năm 2025 đối với cán bộ, công chức, viên chức (số văn bản chưa đối chiếu — có thể là "
    "6150/TB-LĐTBXH); đối chiếu thứ cấp: tet-amlich.com «Các ngày nghỉ lễ 2025»."
)
SRC_2025_SWAP = (
    "Hoán đổi ngày làm việc Thứ Sáu 2/5/2025 sang Thứ Bảy 26/4/2025 (văn bản của Thủ tướng Chính phủ/Bộ Nội vụ, "
    "số văn bản chưa đối chiếu); đối chiếu thứ cấp: tet-amlich.com «Các ngày nghỉ lễ 2025»."
)
SRC_2026_TET = (
    "Phương án nghỉ Tết Âm lịch Bính Ngọ 2026 được Thủ tướng Chính phủ chốt: công chức, viên chức nghỉ từ Thứ Bảy "
    "14/2/2026 đến hết Chủ nhật 22/2/2026 (số văn bản chưa đối chiếu); nguồn thứ cấp: congan.com.vn "
    "«Chính thức chốt phương án Tết Nguyên đán Bính Ngọ 2026 nghỉ 9 ngày»."
)
SRC_2026_APRIL = (
    "Bộ luật Lao động 2019 Điều 111.3, 112; nguồn thứ cấp: thanhnien.vn 23/02/2026 «Giỗ tổ Hùng Vương, 30.4 - 1.5, "
    "Quốc khánh 2.9 năm 2026 được nghỉ mấy ngày?» (Giỗ Tổ trùng Chủ nhật 26/4, nghỉ bù Thứ Hai 27/4)."
)
SRC_2026_UNVERIFIED = (
    "Bộ luật Lao động 2019 Điều 112 — CHƯA XÁC MINH: ngày liền kề Quốc khánh 2026 và phương án hoán đổi (báo chí "
    "đưa tin Bộ Nội vụ đề xuất nghỉ 5 ngày dịp 2/9/2026) chưa đối chiếu với văn bản chính thức; quản trị viên cần cập nhật."
)
SRC_LABOUR_CODE = "Bộ luật Lao động 2019 Điều 112"
SRC_2027 = "Bộ luật Lao động 2019 Điều 112; lịch âm — chưa có thông báo chính thức, quản trị viên cần cập nhật"

YEARS: dict[int, dict] = {
    2025: {
        "source": SRC_2025,
        "notes": "Ngày nghỉ của cán bộ, công chức, viên chức (nghỉ Thứ Bảy, Chủ nhật).",
        "days": [
            (D(2025, 1, 1), HOLIDAY, "Tết Dương lịch", SRC_LABOUR_CODE),
            (D(2025, 1, 27), DAY_OFF, "Nghỉ Tết Nguyên đán (nghỉ bù, hoán đổi)", SRC_2025),
            (D(2025, 1, 28), HOLIDAY, "Tết Nguyên đán", SRC_2025),
            (D(2025, 1, 29), HOLIDAY, "Tết Nguyên đán", SRC_2025),
            (D(2025, 1, 30), HOLIDAY, "Tết Nguyên đán", SRC_2025),
            (D(2025, 1, 31), HOLIDAY, "Tết Nguyên đán", SRC_2025),
            (D(2025, 2, 1), HOLIDAY, "Tết Nguyên đán", SRC_2025),
            (D(2025, 4, 7), HOLIDAY, "Giỗ Tổ Hùng Vương", SRC_LABOUR_CODE),
            (D(2025, 4, 26), WORKING_DAY, "Làm bù cho Thứ Sáu 2/5/2025", SRC_2025_SWAP),
            (D(2025, 4, 30), HOLIDAY, "Ngày Chiến thắng 30/4", SRC_LABOUR_CODE),
            (D(2025, 5, 1), HOLIDAY, "Ngày Quốc tế Lao động 1/5", SRC_LABOUR_CODE),
            (D(2025, 5, 2), DAY_OFF, "Nghỉ hoán đổi (làm bù Thứ Bảy 26/4/2025)", SRC_2025_SWAP),
            (D(2025, 9, 1), HOLIDAY, "Quốc khánh (ngày liền kề)", SRC_2025),
            (D(2025, 9, 2), HOLIDAY, "Quốc khánh 2/9", SRC_2025),
        ],
    },
    2026: {
        "source": f"{SRC_2026_TET} {SRC_2026_APRIL} {SRC_2026_UNVERIFIED}",
        "notes": "Tết Dương lịch: chỉ điền 1/1 (chưa xác minh có hoán đổi Thứ Sáu 2/1 hay không). Quốc khánh: chưa xác minh.",
        "days": [
            (D(2026, 1, 1), HOLIDAY, "Tết Dương lịch", SRC_LABOUR_CODE),
            (D(2026, 2, 16), HOLIDAY, "Tết Nguyên đán", SRC_2026_TET),
            (D(2026, 2, 17), HOLIDAY, "Tết Nguyên đán", SRC_2026_TET),
            (D(2026, 2, 18), HOLIDAY, "Tết Nguyên đán", SRC_2026_TET),
            (D(2026, 2, 19), HOLIDAY, "Tết Nguyên đán", SRC_2026_TET),
            (D(2026, 2, 20), HOLIDAY, "Tết Nguyên đán", SRC_2026_TET),
            (D(2026, 4, 26), HOLIDAY, "Giỗ Tổ Hùng Vương", SRC_2026_APRIL),
            (D(2026, 4, 27), DAY_OFF, "Nghỉ bù Giỗ Tổ Hùng Vương", SRC_2026_APRIL),
            (D(2026, 4, 30), HOLIDAY, "Ngày Chiến thắng 30/4", SRC_2026_APRIL),
            (D(2026, 5, 1), HOLIDAY, "Ngày Quốc tế Lao động 1/5", SRC_2026_APRIL),
            (D(2026, 9, 1), HOLIDAY, "Quốc khánh (ngày liền kề)", SRC_2026_UNVERIFIED),
            (D(2026, 9, 2), HOLIDAY, "Quốc khánh 2/9", SRC_LABOUR_CODE),
        ],
    },
    2027: {
        "source": SRC_2027,
        "notes": "Đề xuất tự động từ Bộ luật Lao động và lịch âm (kèm nghỉ bù khi ngày lễ trùng Thứ Bảy, Chủ nhật).",
        "days": [(d.date, d.kind, d.name, d.source) for d in default_year_days(2027, source=SRC_2027)],
    },
}

COMPLAINTS_LAW = "Luật Khiếu nại 2011"
DENUNCIATION_LAW = "Luật Tố cáo 2018"
GRASSROOTS_LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"
CHECK_2026 = (
    "Kiểm tra các sửa đổi năm 2025–2026 (Luật 136/2025/QH15 và các nghị định hướng dẫn) trước khi dùng sau 1/7/2026."
)

# (code, title, legal_source, unit, amount, start_offset, end_shift, effective_from, notes)
RULES: list[tuple] = [
    (
        "KH_NGAY_GHI",
        "Ngày ghi trong kế hoạch",
        "Văn bản kế hoạch giao nhiệm vụ",
        "fixed_date",
        0,
        0,
        "none",
        D(2000, 1, 1),
        "Hạn là ngày in trong kế hoạch; không dời dù trùng ngày nghỉ (có cảnh báo).",
    ),
    (
        "KN_THU_LY",
        "Thụ lý đơn khiếu nại",
        f"{COMPLAINTS_LAW}, Điều 27",
        "calendar_days",
        10,
        1,
        "next_working_day",
        D(2012, 7, 1),
        "Luật ghi «10 ngày»; Thông tư 07/2013/TT-TTCP (sửa đổi) ghi 10 ngày làm việc — cần đối chiếu. " + CHECK_2026,
    ),
    (
        "KN_LAN1",
        "Giải quyết khiếu nại lần đầu",
        f"{COMPLAINTS_LAW}, Điều 28",
        "calendar_days",
        30,
        1,
        "next_working_day",
        D(2012, 7, 1),
        "Kể từ ngày thụ lý. " + CHECK_2026,
    ),
    (
        "KN_LAN1_PHUC_TAP",
        "Giải quyết khiếu nại lần đầu (vụ việc phức tạp)",
        f"{COMPLAINTS_LAW}, Điều 28",
        "calendar_days",
        45,
        1,
        "next_working_day",
        D(2012, 7, 1),
        "Kể từ ngày thụ lý. " + CHECK_2026,
    ),
    (
        "TC_XU_LY",
        "Xử lý ban đầu thông tin tố cáo",
        f"{DENUNCIATION_LAW}, Điều 24 khoản 1",
        "working_days",
        7,
        1,
        "next_working_day",
        D(2019, 1, 1),
        "Kể từ ngày nhận được tố cáo. " + CHECK_2026,
    ),
    (
        "TC_GIAI_QUYET",
        "Giải quyết tố cáo",
        f"{DENUNCIATION_LAW}, Điều 30",
        "calendar_days",
        30,
        1,
        "next_working_day",
        D(2019, 1, 1),
        "Kể từ ngày thụ lý; có thể gia hạn. " + CHECK_2026,
    ),
    (
        "DC_CONG_KHAI",
        "Công khai thông tin",
        f"{GRASSROOTS_LAW}, Điều 12 khoản 3",
        "working_days",
        5,
        1,
        "next_working_day",
        D(2023, 7, 1),
        "Chỉ áp dụng khi pháp luật chuyên ngành không quy định thời hạn khác.",
    ),
    (
        "DC_LAY_Y_KIEN",
        "Thời gian lấy ý kiến Nhân dân (tối thiểu)",
        f"{GRASSROOTS_LAW}, Điều 28 khoản 2",
        "calendar_days",
        20,
        1,
        "next_working_day",
        D(2023, 7, 1),
        "Ngày sớm nhất được kết thúc lấy ý kiến, trừ khi luật chuyên ngành quy định khác.",
    ),
    (
        "DC_TRA_LOI_BTTND",
        "UBND xã trả lời kiến nghị của Ban Thanh tra nhân dân",
        f"{GRASSROOTS_LAW}, Điều 40 khoản 1 điểm c",
        "calendar_days",
        15,
        1,
        "next_working_day",
        D(2023, 7, 1),
        "Kể từ ngày nhận được kiến nghị.",
    ),
    (
        "NHAC_VIEC",
        "Nhắc việc trước hạn",
        "Quy định nội bộ danvan",
        "working_days",
        3,
        1,
        "none",
        D(2025, 1, 1),
        "Chính sách có thể thay đổi: số ngày làm việc trước hạn để gửi nhắc việc.",
    ),
]


def load_defaults(*, CalendarYear, CalendarDay, DeadlineRule) -> dict[str, object]:  # noqa: N803 — model classes
    """Create the missing years, days and rules; return what was created (years touched by new days included)."""
    created_years = 0
    created_days = 0
    touched: set[int] = set()
    for year, data in YEARS.items():
        _, was_created = CalendarYear.objects.get_or_create(
            year=year, defaults={"source": data["source"], "notes": data["notes"]}
        )
        created_years += was_created
        if not was_created:
            # An administrator owns the year once it exists; do not re-add days they removed.
            continue
        for day, kind, name, source in data["days"]:
            _, day_created = CalendarDay.objects.get_or_create(
                date=day, defaults={"kind": kind, "name": name, "source": source}
            )
            if day_created:
                created_days += 1
                touched.add(day.year)
    created_rules = 0
    for code, title, legal_source, unit, amount, offset, shift, eff_from, notes in RULES:
        _, rule_created = DeadlineRule.objects.get_or_create(
            code=code,
            effective_from=eff_from,
            defaults={
                "title": title,
                "legal_source": legal_source,
                "unit": unit,
                "amount": amount,
                "start_offset": offset,
                "end_shift": shift,
                "notes": notes,
            },
        )
        created_rules += rule_created
    return {"years": created_years, "days": created_days, "rules": created_rules, "touched_years": sorted(touched)}
