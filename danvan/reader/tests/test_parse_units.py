"""Unit tests of the plan parser's rules: time phrases, symbols, mentions, labels, reports."""

from __future__ import annotations

import pytest

from danvan.reader.parse.citations import collect_citations, find_symbols
from danvan.reader.parse.header import _issuer_from, parse_signer
from danvan.reader.parse.labels import label_of
from danvan.reader.parse.lines import Line
from danvan.reader.parse.mentions import mentions_from_value, roles_from_text, split_mentions
from danvan.reader.parse.ocrfix import correct_word, fix_digit_lookalikes, fix_line
from danvan.reader.parse.reports import reports_in_sentence
from danvan.reader.parse.timeframe import parse_timeframe


@pytest.mark.parametrize(
    ("raw", "kind", "date", "year"),
    [
        ("Thường xuyên", "continuous", None, None),
        ("Từ 01/7/2025", "continuous", None, None),
        ("Từ tháng 3/2026 trở đi", "continuous", None, None),
        ("Hằng năm", "annual", None, None),
        ("Hàng năm", "annual", None, None),
        ("trước ngày 15 tháng 11 hàng năm", "annual", "--11-15", None),
        ("06 tháng, hằng năm", "annual", None, None),
        ("Hoàn thành trước ngày 31 tháng 10 năm 2025", "deadline", "2025-10-31", None),
        ("Trước 31/10/2025", "deadline", "2025-10-31", None),
        ("Quý II/2025", "deadline", "2025-06-30", None),
        ("Quý IV năm 2025", "deadline", "2025-12-31", None),
        ("Tháng 6/2025", "deadline", "2025-06-30", None),
        ("Tháng 5, 6/2025", "deadline", "2025-06-30", None),
        ("Tháng 02/2024", "deadline", "2024-02-29", None),
        ("Từ tháng 11/2025 đến quý II/2026", "deadline", "2026-06-30", None),
        ("Từ tháng 11/2025 đến ngày bầu cử", "none", None, None),
        ("Tháng 7/2026 đến tháng 10/2026", "deadline", "2026-10-31", None),
        ("Quý III/2026, báo cáo đến Sở Nội vụ", "deadline", "2026-09-30", None),
        ("Năm 2025", "year", None, 2025),
        ("Hoàn thành trong năm 2026", "year", None, 2026),
        ("Giai đoạn 2021 - 2025", "period", None, 2025),
        ("Từ năm 2021 đến năm 2025", "period", None, 2025),
        ("Năm 2027 và các năm tiếp theo", "year", None, 2027),
        ("Quý III/2026 và các năm tiếp theo", "deadline", "2026-09-30", None),
        ("Giai đoạn 2021 - 2025 và những năm tiếp theo", "period", None, 2025),
        ("Tháng 10/2025 và thường xuyên", "deadline", "2025-10-31", None),
        ("Thường xuyên, hằng năm", "continuous", None, None),
        ("Cả năm", "continuous", None, None),
        ("Cả năm 2026", "year", None, 2026),
        ("Theo tiến độ của Bộ", "none", None, None),
        ("03 ngày làm việc", "none", None, None),
        ("+ Xây dựng dự thảo trước ngày 10/3/2026; + Ban hành trước ngày 31/3/2026", "deadline", "2026-03-31", None),
        ("Thuong xuyen", "continuous", None, None),
        ("Nam 2025", "year", None, 2025),
        ("31/02/2025", "none", None, None),
        ("Quý I, II/2026", "deadline", "2026-06-30", None),
        ("Quý III và IV năm 2026", "deadline", "2026-12-31", None),
        ("2026 - 2030", "period", None, 2030),
        ("Định kỳ hằng quý", "continuous", None, None),
        ("Hằng tháng", "continuous", None, None),
        ("Định kỳ 6 tháng, hằng năm", "annual", None, None),
        ("Tháng 9 - 10/2026", "deadline", "2026-10-31", None),
        ("31-10-2025", "deadline", "2025-10-31", None),
    ],
)
def test_timeframe(raw, kind, date, year):
    tf = parse_timeframe(raw)
    assert (tf["kind"], tf["date"], tf["year"]) == (kind, date, year)
    assert tf["raw"]


def test_timeframe_none_without_raw():
    assert parse_timeframe(None) == {"kind": "none", "date": None, "year": None, "raw": None}


def test_symbols_state_party_and_ocr():
    text = ("Chỉ thị số 33/CT-TTg; Quyết định số 23-QĐ/TW; Kế hoạch số 17-KH/TU; Quy định số 11-QĐi/TW; "
            "Hướng dẫn số 03-HD/BDVTU; Nghị quyết số 10/2024/NQ-HĐND; Công văn số 1455/UBND-KGVX; "
            "Quyét dinh 218- -Qb/TW; Nghi dinh s6 59/2023/ND-CP; Nghi quyet 65/NQ-HPND; 124-QD/TW")
    assert find_symbols(text) == ["33/CT-TTg", "23-QĐ/TW", "17-KH/TU", "11-QĐi/TW", "03-HD/BDVTU",
                                  "10/2024/NQ-HĐND", "1455/UBND-KGVX", "218-QĐ/TW", "59/2023/NĐ-CP",
                                  "65/NQ-HĐND", "124-QĐ/TW"]


def test_symbols_ignore_dates_and_spans():
    assert find_symbols("ngày 26/11/2021, giai đoạn 2021 - 2025, Quý II/2025, tháng 3, 6, 9/2025") == []


def test_citations_drop_own_symbol_and_duplicates():
    assert collect_citations(["Kế hoạch 70/KH-UBND; 33/CT-TTg", "33/CT-TTg"], "70/KH-UBND") == ["33/CT-TTg"]


@pytest.mark.parametrize(
    ("text", "role", "value"),
    [
        ("Cơ quan chủ trì: Sở Nội vụ;", "lead", "Sở Nội vụ;"),
        ("Đơn vị chủ trì: Sở Y tế", "lead", "Sở Y tế"),
        ("Chủ trì: Sở Y tế", "lead", "Sở Y tế"),
        ("Đơn vị phối hợp: Sở Tài chính", "cooperating", "Sở Tài chính"),
        ("Đơn vị thực hiện: UBND các xã", "executing", "UBND các xã"),
        ("Tham mưu thực hiện: Phòng Nội vụ", "executing", "Phòng Nội vụ"),
        ("Chỉ đạo: Lãnh đạo Văn phòng.", "directing", "Lãnh đạo Văn phòng."),
        ("Thời gian hoàn thành: Quý II/2025", "time", "Quý II/2025"),
        ("Tiến độ: Tháng 6/2025", "time", "Tháng 6/2025"),
        ("Thời hạn: 31/12/2025", "time", "31/12/2025"),
        ("Co quan chu tri: So Noi vu", "lead", "So Noi vu"),
        ("Thoit gian thyc hién: Nam 2025.", "time", "Nam 2025."),
        ("Tham muu thyuc hién: Phong Hanh chinh", "executing", "Phong Hanh chinh"),
        ("Chi dao: Chanh Van phong", "directing", "Chanh Van phong"),
        ("Nhiệm vụ: Rà soát văn bản", "task", "Rà soát văn bản"),
        ("Thời điểm: Tháng 01 hằng năm", "time", "Tháng 01 hằng năm"),
        ("Hình thức công khai: Niêm yết tại trụ sở", "other", "Niêm yết tại trụ sở"),
        ("Đơn vị tham gia: Công an phường", "cooperating", "Công an phường"),
        ("Người phụ trách: Chủ tịch UBND phường", "directing", "Chủ tịch UBND phường"),
    ],
)
def test_labels(text, role, value):
    assert label_of(text) == (role, value)


def test_not_a_label():
    assert label_of("Thực hiện Chỉ thị số 33/CT-TTg: nội dung")[0] is None
    assert label_of("Các cơ quan, đơn vị tiếp tục quán triệt")[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Nội vụ, các cơ quan, đơn vị, địa phương", ["Sở Nội vụ", "các cơ quan, đơn vị, địa phương"]),
        ("Các sở, ban ngành thành phố, các cơ quan, đơn vị trung ương, doanh nghiệp nhà nước đóng trên địa bàn "
         "thành phố, Ủy ban nhân dân xã, phường",
         ["Các sở, ban ngành thành phố", "các cơ quan, đơn vị trung ương",
          "doanh nghiệp nhà nước đóng trên địa bàn thành phố", "Ủy ban nhân dân xã, phường"]),
        ("Các cơ quan nhà nước, đơn vị sự nghiệp công lập, doanh nghiệp nhà nước (sau đây gọi là cơ quan, đơn vị)",
         ["Các cơ quan nhà nước", "đơn vị sự nghiệp công lập", "doanh nghiệp nhà nước"]),
        ("Sở Dân tộc và Tôn giáo", ["Sở Dân tộc và Tôn giáo"]),
        ("Ủy ban nhân dân cấp huyện, cấp xã", ["Ủy ban nhân dân cấp huyện, cấp xã"]),
        ("Các Sở, Ban ngành thành phố; UBND quận, huyện; UBND xã, phường, thị trấn",
         ["Các Sở, Ban ngành thành phố", "UBND quận, huyện", "UBND xã, phường, thị trấn"]),
        ("các cơ quan liên quan", ["các cơ quan"]),
        ("Sở Tài chính, các cơ quan có liên quan", ["Sở Tài chính", "các cơ quan"]),
        ("Chánh Văn phòng và Chủ tịch Công đoàn Văn phòng", ["Chánh Văn phòng", "Chủ tịch Công đoàn Văn phòng"]),
        ("Trưởng các phòng, ban, đơn vị trực thuộc", ["Trưởng các phòng, ban, đơn vị trực thuộc"]),
        ("Cán bộ, công chức, viên chức", ["Cán bộ, công chức, viên chức"]),
        ("Sở Nông nghiệp và Môi trường, Sở Xây dựng", ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"]),
        ("Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình Nghệ An",
         ["Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình Nghệ An"]),
        ("Ủy ban nhân dân tỉnh, Bộ Nội vụ", ["Ủy ban nhân dân tỉnh", "Bộ Nội vụ"]),
        ("các cơ quan, đơn vị liên quan", ["các cơ quan, đơn vị"]),
        ("Ban công tác Mặt trận ở thôn, bản, tổ dân phố", ["Ban công tác Mặt trận ở thôn, bản, tổ dân phố"]),
        ("Ủy ban nhân dân phường Thành Nhất, xã Hòa Phú", ["Ủy ban nhân dân phường Thành Nhất, xã Hòa Phú"]),
        ("Ủy ban nhân dân tỉnh, Thanh tra tỉnh", ["Ủy ban nhân dân tỉnh", "Thanh tra tỉnh"]),
        ("Đề nghị các sở, ban, ngành", ["các sở, ban, ngành"]),
        ("Trưởng các khoa, phòng", ["Trưởng các khoa, phòng"]),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã, phường", ["Ủy ban Mặt trận Tổ quốc Việt Nam xã, phường"]),
        ("Phòng Phổ biến, giáo dục pháp luật", ["Phòng Phổ biến, giáo dục pháp luật"]),
        ("Văn phòng Sở, phòng chuyên môn", ["Văn phòng Sở", "phòng chuyên môn"]),
        ("Các chi cục, trung tâm, ban quản lý thuộc Sở", ["Các chi cục, trung tâm, ban quản lý thuộc Sở"]),
        ("Liên đoàn Lao động tỉnh, Hiệp hội Doanh nghiệp tỉnh, Trạm Y tế xã",
         ["Liên đoàn Lao động tỉnh", "Hiệp hội Doanh nghiệp tỉnh", "Trạm Y tế xã"]),
    ],
)
def test_split_mentions(text, expected):
    assert split_mentions(text) == expected


@pytest.mark.parametrize(
    "text, doer",
    [
        # a clause that says which of a group is part of the name; `được giao chủ trì` is the verb
        ("Ủy ban nhân dân các xã được kiểm tra chuẩn bị đầy đủ hồ sơ.", "Ủy ban nhân dân các xã được kiểm tra"),
        ("Các sở được giao chủ trì xây dựng kế hoạch.", "Các sở"),
        ("Ủy ban nhân dân các xã, phường không thuộc đối tượng kiểm tra trực tiếp tổ chức tự kiểm tra.",
         "Ủy ban nhân dân các xã, phường không thuộc đối tượng kiểm tra trực tiếp"),
        ("Thành viên Ban Chỉ đạo là lãnh đạo Sở Nội vụ chủ trì tổng hợp.", "Thành viên Ban Chỉ đạo là lãnh đạo Sở Nội vụ"),
        ("Sở Nội vụ là cơ quan thường trực, tổng hợp báo cáo.", "Sở Nội vụ"),
        ("Phòng Hậu cần bảo đảm kinh phí.", "Phòng Hậu cần"),
    ],
)
def test_who_a_sentence_opens_with(text, doer):
    got = roles_from_text(text)
    assert (got["lead"] or got["executing"]) == [doer]


def test_roles_from_prose():
    got = roles_from_text("Sở Tài chính phối hợp các cơ quan, đơn vị, địa phương có liên quan cân đối ngân sách.")
    assert got["executing"] == ["Sở Tài chính"] and got["cooperating"] == ["các cơ quan, đơn vị, địa phương"]
    got = roles_from_text("Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính xây dựng đề án.")
    assert got["lead"] == ["Sở Xây dựng"] and got["cooperating"] == ["Sở Tài chính"]
    got = roles_from_text("Căn cứ Kế hoạch này, Sở Y tế xây dựng kế hoạch chi tiết.")
    assert got["executing"] == ["Sở Y tế"]
    got = roles_from_text("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Sở Nội vụ giám sát.")
    assert got["executing"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"] and got["cooperating"] == ["Sở Nội vụ"]
    got = roles_from_text("Phòng Tài chính kế toán chủ trì, phối hợp với Công đoàn cơ sở Bệnh viện lập dự toán.")
    assert got["lead"] == ["Phòng Tài chính kế toán"] and got["cooperating"] == ["Công đoàn cơ sở Bệnh viện"]
    got = roles_from_text("Phòng Kế hoạch tổng hợp phối hợp với Khoa Dược, Phòng Điều dưỡng rà soát quy trình.")
    assert got["executing"] == ["Phòng Kế hoạch tổng hợp"] and got["cooperating"] == ["Khoa Dược", "Phòng Điều dưỡng"]
    got = roles_from_text("Các đơn vị sự nghiệp công lập lập kế hoạch tổ chức hội nghị.")
    assert got["executing"] == ["Các đơn vị sự nghiệp công lập"]
    got = roles_from_text("Ủy ban nhân dân các xã, phường có dự án phối hợp với Sở Xây dựng rà soát hồ sơ.")
    assert got["executing"] == ["Ủy ban nhân dân các xã, phường có dự án"]
    got = roles_from_text("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh báo cáo tiến độ.")
    assert got["executing"] == ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]
    got = roles_from_text("Sở Nội vụ chủ trì, phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy (đề nghị), Ủy ban Mặt trận "
                          "Tổ quốc Việt Nam tỉnh hướng dẫn các cơ quan đăng ký mô hình.")
    assert got["cooperating"] == ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    got = roles_from_text("Đoàn kiểm tra tổng hợp kết quả kiểm tra, báo cáo Giám đốc Sở.")
    assert got["executing"] == ["Đoàn kiểm tra"]
    assert not any(roles_from_text("Tiếp tục quán triệt các văn bản.").values())
    assert not any(roles_from_text("Ban hành văn bản hướng dẫn.").values())


@pytest.mark.parametrize("value, expected", [
    ("Công chức Văn hóa - Xã hội (chủ trì); Văn phòng HĐND và UBND xã, Đoàn Thanh niên xã (phối hợp); các thôn, "
     "khu phố (thực hiện).",
     {"lead": ["Công chức Văn hóa - Xã hội"], "cooperating": ["Văn phòng HĐND và UBND xã", "Đoàn Thanh niên xã"],
      "executing": ["các thôn, khu phố"]}),
    ("Trung tâm Phục vụ hành chính công xã chủ trì; Văn phòng HĐND và UBND xã, Công an xã phối hợp.",
     {"lead": ["Trung tâm Phục vụ hành chính công xã"], "cooperating": ["Văn phòng HĐND và UBND xã", "Công an xã"]}),
    ("Phòng Kinh tế xã (chủ trì), các thôn, khu phố (thực hiện).",
     {"lead": ["Phòng Kinh tế xã"], "executing": ["các thôn, khu phố"]}),
    ("Phó Chủ tịch UBND xã (chỉ đạo); Văn phòng HĐND và UBND xã (Bộ phận Tiếp công dân) (chủ trì)",
     {"directing": ["Phó Chủ tịch UBND xã"], "lead": ["Văn phòng HĐND và UBND xã"]}),
])
def test_groups_of_bodies_with_their_role_after_them(value, expected):
    got = mentions_from_value(value)
    assert {role: names for role, names in got.items() if names} == expected


def test_a_plain_list_or_prose_is_not_read_as_marked_groups():
    assert mentions_from_value("Sở Nội vụ; Sở Tư pháp") == {"executing": ["Sở Nội vụ", "Sở Tư pháp"]}
    got = mentions_from_value("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp")
    assert got["lead"] == ["Sở Nội vụ"] and got["cooperating"] == ["Sở Tư pháp"]


def _pairs(reports):
    out = set()
    for r in reports:
        dues = r["due"] if isinstance(r["due"], list) else [r["due"]]
        out.update((r["period"], d) for d in dues)
    return out


def test_reports_quarterly_list_of_months():
    text = ("báo cáo kết quả thực hiện về Ủy ban nhân dân huyện (qua Phòng Nội vụ huyện để tổng hợp) theo định kỳ "
            "quý I, 6 tháng, 9 tháng (trước ngày 15 tháng 3, 6, 9/2025) và báo cáo năm (trước ngày 20/11/2025)")
    reports = reports_in_sentence(text, [])
    assert _pairs(reports) == {("quarterly", "2025-03-15"), ("six_months", "2025-06-15"),
                               ("nine_months", "2025-09-15"), ("annual", "2025-11-20")}
    assert set(reports[0]["to"]) == {"Ủy ban nhân dân huyện", "Phòng Nội vụ huyện"}


def test_reports_monthly_weekly_and_closing():
    assert _pairs(reports_in_sentence("Các xã báo cáo kết quả về Phòng Nội vụ trước ngày 25 hằng tháng", [])) == {
        ("monthly", "---25")}
    assert _pairs(reports_in_sentence("Các phòng báo cáo hằng tuần về Văn phòng", [])) == {("weekly", None)}
    got = reports_in_sentence("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan phản ánh về Sở Nội "
                              "vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét", [], True)
    assert _pairs(got) == {("ad_hoc", None)}
    assert got[0]["to"] == ["Sở Nội vụ", "Ủy ban nhân dân tỉnh"]
    got = reports_in_sentence("Sở Nội vụ tổng hợp, báo cáo kết quả về UBND tỉnh trước ngày 05/6 và 20/11 hằng năm", [])
    assert got[0]["period"] == "annual" and got[0]["due"] == ["--06-05", "--11-20"]
    assert reports_in_sentence("Sở Nội vụ theo dõi, kiểm tra việc thực hiện", []) == []
    got = reports_in_sentence("Văn phòng tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện 6 tháng trước ngày "
                              "20/6/2026, năm trước ngày 20/11/2026", [])
    assert _pairs(got) == {("six_months", "2026-06-20"), ("annual", "2026-11-20")}


def test_ocr_word_repair():
    assert correct_word("thudc") == "thuoc"
    assert correct_word("phong") is None
    assert fix_line("Phong Hanh chinh - T6 chirc") == "Phong Hanh chinh - To chuc"
    assert fix_line("UBND TP. CAN THO") == "UBND TP. CAN THO"


def test_restore_diacritics_of_common_words():
    from danvan.reader.parse.ocrfix import restore_diacritics

    assert restore_diacritics("Phong Hanh chinh - To chuc") == "Phòng Hành chính - Tổ chức"
    assert restore_diacritics("cong tac dan van chinh quyen nam 2025") == "công tác dân vận chính quyền năm 2025"
    assert restore_diacritics("UBND 24/KH-VPUB") == "UBND 24/KH-VPUB"


def test_title_cut_at_300_characters_on_a_word():
    from danvan.reader.parse.text import cut_title, first_sentence

    text = "Tăng cường công tác dân vận " * 20
    cut = cut_title(text)
    assert len(cut) <= 300 and text.startswith(cut) and not cut.endswith(" ")
    assert first_sentence("Rà soát văn bản. Báo cáo UBND TP. Cần Thơ.") == "Rà soát văn bản"


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (["UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ"], "Sở Nội vụ tỉnh Nghệ An"),
        (["UBND HUYỆN PHÚ VANG", "PHÒNG NỘI VỤ"], "Phòng Nội vụ huyện Phú Vang"),
        (["UBND TP. CẦN THƠ", "VĂN PHÒNG"], "Văn phòng Ủy ban nhân dân thành phố Cần Thơ"),
        (["UBND TỈNH LÀO CAI", "THANH TRA TỈNH"], "Thanh tra tỉnh Lào Cai"),
        (["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"], "Ủy ban nhân dân tỉnh Quảng Trị"),
        (["TỈNH ỦY NGHỆ AN", "BAN DÂN VẬN"], "Ban Dân vận Tỉnh ủy Nghệ An"),
        (["ĐẢNG BỘ TỈNH BÌNH ĐỊNH", "HUYỆN ỦY TUY PHƯỚC"], "Huyện ủy Tuy Phước"),
        (["ĐẢNG BỘ TỈNH BÌNH ĐỊNH", "BAN THƯỜNG VỤ HUYỆN ỦY TUY PHƯỚC"], "Ban Thường vụ Huyện ủy Tuy Phước"),
        (["SỞ Y TẾ TỈNH LÀO CAI", "BỆNH VIỆN ĐA KHOA TỈNH"], "Bệnh viện đa khoa tỉnh Lào Cai"),
        (["ỦY BAN NHÂN DÂN", "XÃ CAO PHONG"], "Ủy ban nhân dân xã Cao Phong"),
        (["ỦY BAN NHÂN DÂN XÃ LONG HỒ", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ LONG HỒ"],
         "Ủy ban nhân dân xã Long Hồ và Ủy ban Mặt trận Tổ quốc Việt Nam xã Long Hồ"),
        (["UBND TỈNH LÀO CAI", "SỞ NỘI VỤ TỈNH LÀO CAI"], "Sở Nội vụ tỉnh Lào Cai"),
    ],
)
def test_issuer_from_a_two_line_header(lines, issuer):
    assert _issuer_from(lines) == issuer


def test_partners_stop_at_a_verb_but_not_inside_a_name():
    from danvan.reader.parse.mentions import partners

    assert partners("Sở Giáo dục và Đào tạo, Sở Nội vụ biên soạn tài liệu") == ["Sở Giáo dục và Đào tạo", "Sở Nội vụ"]


def test_subject_after_an_opening_clause_of_time():
    got = roles_from_text("Kể từ tháng 01/2026, Ủy ban nhân dân các xã, phường cập nhật tình hình thanh niên.")
    assert got["executing"] == ["Ủy ban nhân dân các xã, phường"]


def test_quarterly_report_due_on_a_day_of_the_quarters_last_month():
    (report,) = reports_in_sentence("Các sở báo cáo hằng quý (trước ngày 15 của tháng cuối quý) về Sở Nội vụ", ["Các sở"])
    assert report["period"] == "quarterly"
    assert report["due"] == ["--03-15", "--06-15", "--09-15", "--12-15"]


def test_a_deadline_in_another_clause_is_not_the_reports():
    reports = reports_in_sentence("Các sở xây dựng kế hoạch, hoàn thành trước ngày 15/3/2026; định kỳ báo cáo kết quả "
                                  "6 tháng (trước ngày 15/6) và năm (trước ngày 15/11) về Sở Nội vụ", ["Các sở"])
    assert {r["period"]: r["due"] for r in reports} == {"six_months": "--06-15", "annual": "--11-15"}


@pytest.mark.parametrize(
    ("line", "kind", "label"),
    [
        ("II. NHIỆM VỤ", "roman", "II"), ("II- NHIỆM VỤ", "roman", "II"), ("I/ MỤC ĐÍCH, YÊU CẦU", "roman", "I"),
        ("1. Sở Nội vụ", "num", "1"), ("1/ Sở Nội vụ chủ trì", "num", "1"), ("1- Sở Nội vụ", "num", "1"),
        ("1.2. Tổ chức", "num", "1.2"), ("a) Tổ chức", "letter", "a"), ("a/ Tổ chức", "letter", "a"),
        ("1/2025 là năm bản lề", "para", ""), ("2 - 3 lần mỗi năm", "para", ""), ("15/3/2026", "para", ""),
    ],
)
def test_outline_markers_as_provinces_print_them(line, kind, label):
    from danvan.reader.parse.lines import _classify

    assert _classify(line)[:2] == (kind, label)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("THỰC HIỆN DÂN CHỦ Ở CƠ SỞ TRÊN ĐỊA BÀN XÃ KIẾN GIANG NĂM 2026",
         "Thực hiện dân chủ ở cơ sở trên địa bàn xã Kiến Giang năm 2026"),
        ("CÔNG TÁC DÂN VẬN TRÊN ĐỊA BÀN TỈNH TRONG NĂM 2026", "Công tác dân vận trên địa bàn tỉnh trong năm 2026"),
        ("TRIỂN KHAI TẠI THÀNH PHỐ CẦN THƠ, GIAI ĐOẠN 2026 - 2030",
         "Triển khai tại thành phố Cần Thơ, giai đoạn 2026 - 2030"),
    ],
)
def test_titles_printed_in_capitals_keep_their_place_names(title, expected):
    from danvan.reader.parse.text import capitalise_places, sentence_case

    assert capitalise_places(sentence_case(title)) == expected


def test_a_report_of_the_years_results_is_annual_but_a_half_year_one_is_not():
    (annual,) = reports_in_sentence("Văn phòng Sở tham mưu báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện năm 2026 "
                                    "trước ngày 25/11/2026", ["Văn phòng Sở"])
    assert (annual["period"], annual["due"]) == ("annual", "2026-11-25")
    periods = {r["period"] for r in reports_in_sentence(
        "Các sở báo cáo kết quả thực hiện 6 tháng đầu năm 2026 trước ngày 15/6/2026", ["Các sở"])}
    assert periods == {"six_months"}


def test_report_days_listed_month_by_month_take_the_year_printed_last():
    (report,) = reports_in_sentence("Các phòng báo cáo kết quả hằng quý về Văn phòng Sở trước ngày 18 tháng 3, "
                                    "tháng 6, tháng 9 và tháng 12 năm 2026", ["Các phòng"])
    assert report["due"] == ["2026-03-18", "2026-06-18", "2026-09-18", "2026-12-18"]


def test_a_monthly_report_with_its_day_in_brackets_and_results_sent_on_a_schedule():
    (monthly,) = [r for r in reports_in_sentence(
        "Văn phòng tổng hợp, báo cáo kết quả hằng tháng (trước ngày 20) gửi Ủy ban nhân dân phường", ["Văn phòng"])
        if r["period"] == "monthly"]
    assert monthly["due"] == "---20"
    (sent,) = reports_in_sentence("Các phòng gửi kết quả giải quyết về Văn phòng trước ngày 18 hằng tháng để tổng hợp",
                                  ["Các phòng"])
    assert (sent["period"], sent["due"], sent["to"]) == ("monthly", "---18", ["Văn phòng"])


def test_a_monthly_day_printed_a_few_words_after_the_month():
    reports = reports_in_sentence("Báo cáo kết quả thực hiện hằng tháng về Phòng Tổ chức cán bộ trước ngày 25 để "
                                  "tổng hợp, báo cáo Giám đốc Bệnh viện.", [])
    assert _pairs(reports) == {("monthly", "---25")}
    assert reports[0]["to"] == ["Phòng Tổ chức cán bộ", "Giám đốc Bệnh viện"]


@pytest.mark.parametrize("printed", ["BSCKII. Lương Văn Thịnh", "TS. Lương Văn Thịnh", "Đại tá Lương Văn Thịnh"])
def test_a_degree_or_rank_before_the_signers_name_is_not_part_of_it(printed):
    tail = [Line(text=t, first=n, last=n, upper=t.isupper()) for n, t in enumerate(["GIÁM ĐỐC", "(Đã ký)", printed])]
    assert parse_signer(tail)["name"] == "Lương Văn Thịnh"


def test_the_years_results_with_a_word_that_opens_like_a_quarter():
    reports = reports_in_sentence("Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện công tác dân vận "
                                  "chính quyền năm 2026 trước ngày 20/11/2026.", [])
    assert _pairs(reports) == {("annual", "2026-11-20")}


def test_on_demand_as_another_occasion_but_not_as_a_gloss_on_a_period():
    reports = reports_in_sentence("Ủy ban nhân dân phường báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh hằng năm, "
                                  "trước ngày 20 tháng 11 và khi có yêu cầu.", [])
    assert _pairs(reports) == {("annual", "--11-20"), ("ad_hoc", None)}
    reports = reports_in_sentence("Định kỳ 06 tháng, hằng năm báo cáo kết quả gửi về Sở Nội vụ (khi yêu cầu).", [])
    assert {r["period"] for r in reports} == {"six_months", "annual"}


def test_a_scan_that_kept_the_diacritics_of_a_few_words_is_read_as_undiacritised():
    from danvan.reader.parse.ocrfix import is_undiacritised

    ocr = ("Uy ban nhan dan xã Yen Thanh xay dung Ke hoach thuc hién dan chu o co so nam 2026 nhu sau: "
           "Phong Van hoa - Xa hoi chủ tri, phoi hop voi Uy ban MTTQ Viet Nam xa tuyen truyen Luat. ") * 6
    clean = ("Ủy ban nhân dân xã Yên Thành xây dựng Kế hoạch thực hiện dân chủ ở cơ sở năm 2026 như sau: "
             "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ Việt Nam xã tuyên truyền Luật. ") * 6
    assert is_undiacritised([ocr])
    assert not is_undiacritised([clean])


@pytest.mark.parametrize("printed, meant", [
    ("Số: 1O5/KH-UBND", "Số: 105/KH-UBND"),
    ("Ninh Bình, ngày 1O tháng 3 năm 2026", "Ninh Bình, ngày 10 tháng 3 năm 2026"),
    ("Trước ngày 3O/4/2026", "Trước ngày 30/4/2026"),
    ("Tháng 9, 1O/2026", "Tháng 9, 10/2026"),
    ("Quý lI/2026 và thường xuyên", "Quý II/2026 và thường xuyên"),
    ("đến quý lII/2026", "đến quý III/2026"),
    # words and numbers that only stand near the look-alike letters stay as printed
    ("Tổ chức 02 lớp tập huấn, lồng ghép 10 lượt", "Tổ chức 02 lớp tập huấn, lồng ghép 10 lượt"),
    ("Quy lại 2026; COVID-19; Lô 3", "Quy lại 2026; COVID-19; Lô 3"),
])
def test_ocr_digit_lookalikes_in_numbers(printed, meant):
    assert fix_digit_lookalikes(printed) == meant


def test_sentence_case_keeps_the_capitals_of_proper_names():
    from danvan.reader.parse.text import sentence_case

    assert sentence_case("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM") == "Ủy ban Mặt trận Tổ quốc Việt Nam"
    assert sentence_case("PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM 2026") == "Phong trào thi đua “Dân vận khéo” năm 2026"
    assert sentence_case("TRƯỞNG BAN CHỈ ĐẠO") == "Trưởng Ban Chỉ đạo"


@pytest.mark.parametrize(("raw", "plain", "in_2026"), [
    ("Trước 15/12", None, "2026-12-15"),
    ("Tháng 02", None, "2026-02-28"),
    ("Quý III", None, "2026-09-30"),
    ("Tháng 3 - tháng 5", None, "2026-05-31"),
    ("Tháng 5, 6/2026", "2026-06-30", "2026-06-30"),
    ("Tháng 4-5/2026", "2026-05-31", "2026-05-31"),
    ("T6/2026 (sơ kết); Trước 15/12 (tổng kết)", "2026-06-30", "2026-12-15"),
    ("Q.II/2026", "2026-06-30", "2026-06-30"),
    ("T3 - T6/2026", "2026-06-30", "2026-06-30"),
])
def test_times_without_a_year_and_in_office_shorthand(raw, plain, in_2026):
    assert parse_timeframe(raw)["date"] == plain
    assert parse_timeframe(raw, plan_year=2026)["date"] == in_2026


def test_a_yearly_date_stays_yearly_in_a_plan_of_one_year():
    assert parse_timeframe("Trước ngày 15/11 hằng năm", plan_year=2026)["date"] == "--11-15"
