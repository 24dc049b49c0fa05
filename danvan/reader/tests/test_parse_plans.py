"""Whole plans in shapes other than the seeds: other provinces, parts A./B., task cards, agency headings,
DOCX numbering and footnotes, task tables, Công văn, Quyết định issuing a plan, OCR labels; plus robustness."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from danvan.reader.document import Paragraph, SourceDocument, Table
from danvan.reader.parse import parse_plan
from danvan.reader.parse.text import afold

SCHEMA = Path("/work/shared/extraction/schema.json")


def txt(text: str, name: str = "plan.txt") -> SourceDocument:
    lines = text.strip("\n").splitlines()
    return SourceDocument(blocks=[Paragraph(text=t, line=i + 1) for i, t in enumerate(lines)], source_name=name)


def valid(out: dict) -> dict:
    if SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(out, json.loads(SCHEMA.read_text(encoding="utf-8")))
    else:
        assert {"document", "citations", "tasks", "reports"} <= set(out)
    json.dumps(out, ensure_ascii=False)
    return out


def by_path(out: dict) -> dict:
    return {t["path"]: t for t in out["tasks"]}


PROVINCE_PLAN = """
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NAM                     Độc lập - Tự do - Hạnh phúc
Số: 125/KH-UBND                    Quảng Nam, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Triển khai công tác dân vận chính quyền năm 2025

Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị;
Căn cứ Kế hoạch số 17-KH/TU ngày 10/01/2025 của Tỉnh ủy Quảng Nam;
Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:

A. MỤC ĐÍCH, YÊU CẦU
1. Mục đích: nâng cao hiệu quả công tác dân vận.
2. Yêu cầu: bám sát chỉ đạo của Tỉnh ủy.
B. NHIỆM VỤ VÀ GIẢI PHÁP
I. NHIỆM VỤ CHUNG
1. Tăng cường công tác tuyên truyền
a) Tuyên truyền Quy chế công tác dân vận;
b) Tổ chức hội nghị quán triệt.
- Cơ quan chủ trì: Sở Nội vụ
- Cơ quan phối hợp: Sở Tư pháp, UBND các huyện, thị xã, thành phố
- Thời gian hoàn thành: Quý II/2025
II. NHIỆM VỤ CỤ THỂ
1. Sở Y tế:
a) Chủ trì tổ chức khảo sát sự hài lòng của người bệnh.
b) Phối hợp với Sở Nội vụ đánh giá kết quả.
2. Sở Xây dựng: Chủ trì rà soát thủ tục hành chính trong lĩnh vực xây dựng.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
- Tuyên truyền, vận động Nhân dân tham gia giám sát. Phối hợp tổ chức hội nghị.
C. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành báo cáo kết quả về Sở Nội vụ trước ngày 25 hằng tháng.
2. Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Bình
"""


def test_province_plan_with_parts():
    out = valid(parse_plan(txt(PROVINCE_PLAN)))
    doc = out["document"]
    assert doc["kind"] == "Kế hoạch"
    assert doc["symbol"] == "125/KH-UBND"
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Quảng Nam"
    assert doc["place"] == "Quảng Nam" and doc["date"] == "2025-03-05"
    assert doc["title"] == "Triển khai công tác dân vận chính quyền năm 2025"
    assert doc["signer"] == {"name": "Nguyễn Văn Bình", "position": "Phó Chủ tịch",
                             "authority": "TM. Ủy ban nhân dân; KT. Chủ tịch"}
    assert out["citations"] == ["23-QĐ/TW", "17-KH/TU"]
    tasks = by_path(out)
    assert set(tasks) == {"B.I.1.a", "B.I.1.b", "B.II.1.a", "B.II.1.b", "B.II.2", "B.II.3", "C.1", "C.2"}
    for path in ("B.I.1.a", "B.I.1.b"):
        assert tasks[path]["lead"] == ["Sở Nội vụ"]
        assert tasks[path]["cooperating"] == ["Sở Tư pháp", "UBND các huyện, thị xã, thành phố"]
        assert tasks[path]["timeframe"]["date"] == "2025-06-30"
    assert tasks["B.II.1.a"]["lead"] == ["Sở Y tế"]
    assert tasks["B.II.1.b"]["executing"] == ["Sở Y tế"]
    assert tasks["B.II.2"]["lead"] == ["Sở Xây dựng"]
    assert tasks["B.II.2"]["title"].startswith("Chủ trì rà soát")
    assert tasks["B.II.3"]["executing"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    assert tasks["B.II.3"]["title"] == "Tuyên truyền, vận động Nhân dân tham gia giám sát"
    assert tasks["C.1"]["executing"] == ["Các sở, ban, ngành"]
    periods = {(r["period"], r["due"] if not isinstance(r["due"], list) else tuple(r["due"])) for r in out["reports"]}
    assert ("monthly", "---25") in periods
    assert ("unspecified", "2025-12-15") in periods
    assert all(t["source_lines"][0] <= t["source_lines"][1] for t in out["tasks"])


def test_docx_task_cards_footnotes_and_appendix_table():
    blocks = [
        Table(rows=[["UBND HUYỆN PHÚ VANG\nPHÒNG NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
                    ["Số: 07/KH-PNV", "Phú Vang, ngày 02 tháng 01 năm 2026"]], line=1),
        Paragraph("KẾ HOẠCH", line=2),
        Paragraph("Số hóa hồ sơ công tác dân vận năm 2026", line=3),
        Paragraph("Thực hiện Kế hoạch số 03/KH-UBND của Ủy ban nhân dân huyện¹.", line=4),
        Paragraph("MỤC ĐÍCH, YÊU CẦU", label="I.", line=5),
        Paragraph("Bảo đảm đúng tiến độ.", line=6),
        Paragraph("NHIỆM VỤ", label="II.", line=7),
        Paragraph("Xây dựng cơ sở dữ liệu cán bộ làm công tác dân vận", label="1.", line=8),
        Paragraph("Nhiệm vụ: Số hóa hồ sơ, cập nhật phần mềm.", label="a)", line=9),
        Paragraph("Cơ quan thực hiện: Phòng Nội vụ; Văn phòng HĐND và UBND huyện.", label="b)", line=10),
        Paragraph("Thời gian thực hiện: Tháng 5, 6/2026.", label="c)", line=11),
        Paragraph("Rà soát quy chế dân chủ ở cơ sở", label="2.", line=12),
        Paragraph("Chủ trì: Phòng Nội vụ", label="-", line=13),
        Paragraph("Thời hạn: Từ tháng 11/2025 đến quý II/2026", label="-", line=14),
        Paragraph("TỔ CHỨC THỰC HIỆN", label="III.", line=15),
        Paragraph("Các xã, thị trấn báo cáo kết quả về Phòng Nội vụ trước ngày 05/6 và 20/11 hằng năm.", line=16),
        Paragraph("PHỤ LỤC II", line=17),
        Table(rows=[["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tiến độ", "Sản phẩm"],
                    ["I", "Tuyên truyền", "Tuyên truyền", "Tuyên truyền", "Tuyên truyền", "Tuyên truyền"],
                    ["1", "Tổ chức hội nghị", "Phòng Nội vụ", "Các xã, thị trấn", "Quý II/2026", "Hội nghị"],
                    ["2", "Biên soạn tài liệu", "Phòng Văn hóa", "", "Thường xuyên", "Tài liệu"]], line=18),
        Paragraph("¹ Kế hoạch số 03/KH-UBND ngày 02/01/2026; Quyết định số 99/QĐ-UBND.", is_footnote=True, line=19),
    ]
    out = valid(parse_plan(SourceDocument(blocks=blocks, source_name="plan.docx", format="docx")))
    doc = out["document"]
    assert doc["symbol"] == "07/KH-PNV" and doc["place"] == "Phú Vang" and doc["date"] == "2026-01-02"
    assert doc["issuer"] == "Phòng Nội vụ huyện Phú Vang"
    assert out["citations"] == ["03/KH-UBND", "99/QĐ-UBND"]
    tasks = by_path(out)
    assert tasks["II.1"]["title"] == "Xây dựng cơ sở dữ liệu cán bộ làm công tác dân vận"
    assert tasks["II.1"]["executing"] == ["Phòng Nội vụ", "Văn phòng HĐND và UBND huyện"]
    assert tasks["II.1"]["timeframe"]["date"] == "2026-06-30"
    assert tasks["II.2"]["lead"] == ["Phòng Nội vụ"]
    assert tasks["II.2"]["timeframe"]["date"] == "2026-06-30"
    assert tasks["PLII.I.1"]["lead"] == ["Phòng Nội vụ"]
    assert tasks["PLII.I.1"]["cooperating"] == ["Các xã, thị trấn"]
    assert tasks["PLII.I.1"]["timeframe"]["date"] == "2026-06-30"
    assert tasks["PLII.I.2"]["timeframe"]["kind"] == "continuous"
    assert "III.1" in tasks
    annual = [r for r in out["reports"] if r["period"] == "annual"]
    assert annual and annual[0]["due"] == ["--06-05", "--11-20"]


def test_table_without_numbers_counts_rows():
    blocks = [
        Paragraph("KẾ HOẠCH", line=1), Paragraph("Thực hiện dân chủ ở cơ sở", line=2),
        Paragraph("Phụ lục", line=3),
        Table(rows=[["TT", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện"],
                    ["", "Rà soát văn bản", "Sở Tư pháp", "Năm 2025"],
                    ["", "Tập huấn", "Sở Nội vụ", "Giai đoạn 2025 - 2030"]], line=4),
    ]
    tasks = by_path(valid(parse_plan(SourceDocument(blocks=blocks))))
    assert tasks["PL.1"]["lead"] == ["Sở Tư pháp"] and tasks["PL.1"]["timeframe"]["year"] == 2025
    assert tasks["PL.2"]["timeframe"] == {"kind": "period", "date": None, "year": 2030, "raw": "Giai đoạn 2025 - 2030"}


def test_table_groups_lettered_a_b_run_their_row_numbers_on():
    blocks = [
        Paragraph("KẾ HOẠCH", line=1), Paragraph("Thực hiện dân chủ trong trường học", line=2),
        Paragraph("PHỤ LỤC", line=3),
        Table(rows=[["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
                    ["A", "CÔNG TÁC CHỈ ĐẠO"],
                    ["1", "Ban hành kế hoạch", "Văn phòng Sở", "Các phòng chuyên môn, nghiệp vụ thuộc Sở", "Tháng 3/2026"],
                    ["B", "KIỂM TRA, GIÁM SÁT", "", "", ""],
                    ["2", "Kiểm tra các trường", "Thanh tra Sở", "Tỉnh đoàn, Ngân hàng Chính sách xã hội", "Quý III/2026"]],
              line=4),
    ]
    tasks = by_path(valid(parse_plan(SourceDocument(blocks=blocks))))
    assert sorted(tasks) == ["PL.A.1", "PL.B.2"]
    assert tasks["PL.A.1"]["cooperating"] == ["Các phòng chuyên môn, nghiệp vụ thuộc Sở"]
    assert tasks["PL.B.2"]["cooperating"] == ["Tỉnh đoàn", "Ngân hàng Chính sách xã hội"]


CONG_VAN = """
ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 1455/UBND-KGVX                 Huế, ngày 02 tháng 4 năm 2025
V/v tiếp tục triển khai công tác dân vận chính quyền năm 2025
Kính gửi: Các sở, ban, ngành thành phố.
Thực hiện Chỉ thị số 33/CT-TTg, Ủy ban nhân dân thành phố yêu cầu:
1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp hướng dẫn thực hiện quy chế dân chủ; thời gian hoàn thành trước ngày 30/6/2025.
2. Các sở, ban, ngành báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15/11/2025.
Nơi nhận:
- Như trên;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Thị Hoa
"""


def test_cong_van_assigning_work():
    out = valid(parse_plan(txt(CONG_VAN)))
    doc = out["document"]
    assert doc["kind"] == "Công văn"
    assert doc["title"] == "Tiếp tục triển khai công tác dân vận chính quyền năm 2025"
    assert doc["symbol"] == "1455/UBND-KGVX" and doc["date"] == "2025-04-02"
    tasks = by_path(out)
    assert set(tasks) == {"1", "2"}
    assert tasks["1"]["lead"] == ["Sở Nội vụ"] and tasks["1"]["cooperating"] == ["Sở Tư pháp"]
    assert tasks["2"]["executing"] == ["Các sở, ban, ngành"]
    assert doc["signer"]["name"] == "Trần Thị Hoa"


QUYET_DINH = """
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH AN GIANG                      Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND                     An Giang, ngày 10 tháng 01 năm 2025
QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác dân vận chính quyền năm 2025.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
CHỦ TỊCH
Lê Văn Phước
KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2025
(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 10/01/2025)
I. MỤC TIÊU
Nâng cao chất lượng công tác dân vận.
II. NHIỆM VỤ
1. Sở Nội vụ theo dõi, hướng dẫn công tác dân vận chính quyền.
2. Các sở, ngành tổ chức tuyên truyền.
Thời gian thực hiện: Thường xuyên.
III. TỔ CHỨC THỰC HIỆN
Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh hằng quý.
"""


def test_quyet_dinh_issuing_a_plan():
    out = valid(parse_plan(txt(QUYET_DINH)))
    doc = out["document"]
    assert doc["kind"] == "Quyết định" and doc["symbol"] == "12/QĐ-UBND"
    assert doc["title"] == "Ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025"
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh An Giang"
    assert doc["signer"]["name"] == "Lê Văn Phước"
    tasks = by_path(out)
    assert set(tasks) == {"II.1", "II.2", "III.1"}
    assert tasks["II.1"]["executing"] == ["Sở Nội vụ"]
    assert tasks["II.2"]["timeframe"]["kind"] == "continuous"
    assert [r["period"] for r in out["reports"]] == ["quarterly"]


OCR_PLAN = """
UBND HUYEN CHAU THANH CONG HOA XA HOI CHU NGHIA VIET NAM
PHONG NOI VU Doc lap - Tu do - Hanh phuc
S6: 15 /KH-PNV Chau Thanh, ngay 03 thang 4 nam 2025
KE HOACH
Thuc hien cong tac dan van chinh quyen nam 2025
I. MUC DICH, YEU CAU
1. Muc dich
a) Nang cao hieu qua cong tac dan van.
II. NOI DUNG THUC HIEN
1. Tiep tuc quan triet Quyet dinh so 23-Qb/TW va Nghi dinh 59/2023/ND-CP.
a) Chi dao: Lanh dao Phong.
b) Tham muu thuc hién: Cac bo phan chuyen mon.
c¢) Thoi gian thyc hién: Quy III/2025.
III. TO CHUC THUC HIEN
1. Cac bo phan bao cao ket qua ve Lanh dao Phong hang tuan.
TRUONG PHONG
Le Van Tam
"""


def test_ocr_plan_without_diacritics():
    out = valid(parse_plan(txt(OCR_PLAN)))
    doc = out["document"]
    assert doc["symbol"] == "15/KH-PNV" and doc["date"] == "2025-04-03" and doc["kind"] == "Kế hoạch"
    assert "23-QĐ/TW" in out["citations"] and "59/2023/NĐ-CP" in out["citations"]
    tasks = by_path(out)
    assert [afold(m) for m in tasks["II.1"]["directing"]] == ["lanh dao phong"]
    assert [afold(m) for m in tasks["II.1"]["executing"]] == ["cac bo phan chuyen mon"]
    assert tasks["II.1"]["directing"] == ["Lãnh đạo Phòng"]  # diacritics restored
    assert "diacritics_restored" in {f["code"] for f in out["flags"]}
    assert tasks["II.1"]["timeframe"]["date"] == "2025-09-30"
    assert [r["period"] for r in out["reports"]] == ["weekly"]


def test_unnumbered_paragraphs_are_numbered():
    plan = """
KẾ HOẠCH
Tuyên truyền pháp luật năm 2025
I. NỘI DUNG
1. Tổ chức tuyên truyền pháp luật.
II. TỔ CHỨC THỰC HIỆN
Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ hướng dẫn thực hiện Kế hoạch này.
Các huyện, thị xã, thành phố xây dựng kế hoạch cụ thể.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["II.1"]["lead"] == ["Sở Tư pháp"] and tasks["II.1"]["cooperating"] == ["Sở Nội vụ"]
    assert tasks["II.2"]["executing"] == ["Các huyện, thị xã, thành phố"]
    assert tasks["I.1"]["lead"] == [] and tasks["I.1"]["executing"] == []


def test_bullets_that_end_in_a_bracket_telling_who_and_when_in_words():
    plan = """
KẾ HOẠCH
Thực hiện dân chủ ở cơ sở năm 2026
II. NHIỆM VỤ, GIẢI PHÁP
- Tổ chức quán triệt Luật Thực hiện dân chủ ở cơ sở (Văn phòng HĐND và UBND phường chủ trì, phối hợp với Phòng Văn \
hóa - Xã hội; thời gian: quý I/2026).
- Xây dựng mô hình “Tổ dân phố an toàn” tại 05 tổ dân phố điểm (Công an phường thực hiện, quý II/2026).
- Rà soát hương ước, quy ước (Phòng Văn hóa - Xã hội chủ trì; các tổ dân phố thực hiện; thời gian: thường xuyên).
- Thực hiện dân chủ trong nội bộ cơ quan, cụ thể:
+ Tổ chức Hội nghị cán bộ, công chức trước ngày 15/3/2026;
+ Công khai quy chế chi tiêu nội bộ.
(Văn phòng HĐND và UBND phường chủ trì; thời gian: năm 2026).
- Biểu dương các tập thể, cá nhân tiêu biểu (gọi tắt là Dân vận khéo).
III. KINH PHÍ
""".replace("\\\n", "")
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert sorted(tasks) == ["II.1", "II.2", "II.3", "II.4", "II.5"]  # `+` bullets are part of II.4
    assert tasks["II.1"]["title"] == "Tổ chức quán triệt Luật Thực hiện dân chủ ở cơ sở"
    assert tasks["II.1"]["lead"] == ["Văn phòng HĐND và UBND phường"]
    assert tasks["II.1"]["cooperating"] == ["Phòng Văn hóa - Xã hội"]
    assert tasks["II.1"]["timeframe"] == {"kind": "deadline", "date": "2026-03-31", "year": None, "raw": "quý I/2026"}
    assert tasks["II.2"]["executing"] == ["Công an phường"] and tasks["II.2"]["timeframe"]["date"] == "2026-06-30"
    assert tasks["II.3"]["lead"] == ["Phòng Văn hóa - Xã hội"] and tasks["II.3"]["executing"] == ["các tổ dân phố"]
    assert tasks["II.3"]["timeframe"]["kind"] == "continuous"
    assert tasks["II.4"]["lead"] == ["Văn phòng HĐND và UBND phường"] and tasks["II.4"]["timeframe"]["year"] == 2026
    assert tasks["II.4"]["source_lines"] == [7, 10]
    # a bracket that names no body in charge is part of the title
    assert tasks["II.5"]["title"].endswith("(gọi tắt là Dân vận khéo)") and tasks["II.5"]["executing"] == []


def test_a_trailing_bracket_broken_over_two_lines_is_read_whole():
    plan = """
KẾ HOẠCH
Thực hiện dân chủ ở cơ sở năm 2026
II. NHIỆM VỤ, GIẢI PHÁP
- Tạo điều kiện để Ban Thanh tra nhân dân hoạt động có hiệu quả (Văn phòng HĐND và UBND phường, Phòng Kinh tế \
thực hiện;
thời gian: thường xuyên).
- Xử lý kịp thời các hành vi gây rối an ninh, trật tự (Công an phường chủ trì,
phối hợp với Ban Chỉ huy Quân sự phường; quý II/2026).
- Tổ chức đối thoại với Nhân dân.
""".replace("\\\n", "")
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert sorted(tasks) == ["II.1", "II.2", "II.3"]
    assert tasks["II.1"]["title"] == "Tạo điều kiện để Ban Thanh tra nhân dân hoạt động có hiệu quả"
    assert tasks["II.1"]["executing"] == ["Văn phòng HĐND và UBND phường", "Phòng Kinh tế"]
    assert tasks["II.1"]["timeframe"]["raw"] == "thường xuyên" and tasks["II.1"]["source_lines"] == [4, 5]
    assert tasks["II.2"]["title"] == "Xử lý kịp thời các hành vi gây rối an ninh, trật tự"
    assert tasks["II.2"]["lead"] == ["Công an phường"]
    assert tasks["II.2"]["cooperating"] == ["Ban Chỉ huy Quân sự phường"]
    assert tasks["II.2"]["timeframe"]["date"] == "2026-06-30"


def test_items_numbered_after_a_word():
    plan = """
KẾ HOẠCH
Công tác dân vận trong giải phóng mặt bằng năm 2026
II. NHIỆM VỤ VÀ GIẢI PHÁP
Nhiệm vụ 1: Nâng cao nhận thức của cán bộ, công chức
Giải pháp 1: Phòng Kế hoạch - Tài chính tham mưu tổ chức hội nghị quán triệt.
Thời hạn: chậm nhất ngày 30/6/2026.
Giải pháp 2: Văn phòng Sở phối hợp với Phòng Quản lý xây dựng, Phòng Quản lý kết cấu hạ tầng giao thông kiểm tra.
NHIỆM VỤ 2: Xây dựng mô hình "Dân vận khéo"
Các phòng, đơn vị trực thuộc Sở đăng ký ít nhất 01 mô hình.
Thời hạn: trước ngày 15/11/2026.
III. CÁC BƯỚC THỰC HIỆN
Bước 1: Thành lập Tổ soạn thảo hương ước.
Người thực hiện: Công chức Văn hóa - Xã hội.
Bước 2. Niêm yết công khai dự thảo.
Nhiệm vụ: Tổ chức hội nghị
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert sorted(tasks) == ["II.1.1", "II.1.2", "II.2", "III.1", "III.2"]
    assert tasks["II.1.1"]["title"] == "Phòng Kế hoạch - Tài chính tham mưu tổ chức hội nghị quán triệt"
    assert tasks["II.1.1"]["executing"] == ["Phòng Kế hoạch - Tài chính"]
    assert tasks["II.1.1"]["timeframe"]["date"] == "2026-06-30"
    # `giao thông` and `quản lý xây dựng` are in the names, not verbs that end them
    assert tasks["II.1.2"]["cooperating"] == ["Phòng Quản lý xây dựng", "Phòng Quản lý kết cấu hạ tầng giao thông"]
    assert tasks["II.2"]["title"] == 'Xây dựng mô hình "Dân vận khéo"'
    assert tasks["II.2"]["executing"] == ["Các phòng, đơn vị trực thuộc Sở"]
    assert tasks["III.1"]["executing"] == ["Công chức Văn hóa - Xã hội"]
    assert tasks["III.2"]["title"] == "Niêm yết công khai dự thảo"


def test_a_steering_committee_plan_that_assigns_each_item_in_a_closing_sentence():
    plan = """
ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ                 Độc lập - Tự do - Hạnh phúc
DÂN CHỦ Ở CƠ SỞ
Số: 03/KH-BCĐ                       Phú Thọ, ngày 23 tháng 01 năm 2026
KẾ HOẠCH
Hoạt động của Ban Chỉ đạo năm 2026
Căn cứ Kế hoạch số 41/KH-BCA-X03 ngày 16/01/2026 của Bộ Công an;
II. NHIỆM VỤ
1. Tuyên truyền
1.1. Tham mưu ban hành văn bản chỉ đạo năm 2026. Giao: Thành viên Ban Chỉ đạo là lãnh đạo Sở Nội vụ chủ trì; \
Văn phòng Ủy ban nhân dân tỉnh phối hợp. Hoàn thành trong quý I/2026.
1.2. Tổ chức Hội nghị thôn, tổ dân phố. Giao: Ủy ban nhân dân các xã, phường thực hiện; Sở Nội vụ phối hợp \
hướng dẫn. Hoàn thành trong năm 2026.
1.3. Rà soát quy chế dân chủ tại cơ quan. Giao: Thành viên Ban Chỉ đạo là lãnh đạo các sở, ban, ngành thực hiện \
tại cơ quan, đơn vị mình. Thực hiện thường xuyên.
2. Công an
a. Xây dựng mô hình dân vận khéo trong lực lượng.
- Đơn vị thực hiện chính: Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06); Phòng Hậu cần (PH10).
- Đơn vị phối hợp thực hiện: Công an các xã, phường.
- Thời gian triển khai: Quý II/2026.
- Chỉ huy Công an tỉnh chỉ đạo: Phó Giám đốc phụ trách.
""".replace("\\\n", "")
    out = valid(parse_plan(txt(plan)))
    assert out["document"]["issuer"] == "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh Phú Thọ"
    assert out["citations"] == ["41/KH-BCA-X03"]  # a unit code ending in digits; the plan's own symbol is not cited
    tasks = by_path(out)
    assert tasks["II.1.1"]["title"] == "Tham mưu ban hành văn bản chỉ đạo năm 2026"
    assert tasks["II.1.1"]["lead"] == ["Thành viên Ban Chỉ đạo là lãnh đạo Sở Nội vụ"]
    assert tasks["II.1.1"]["cooperating"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert tasks["II.1.1"]["timeframe"]["date"] == "2026-03-31"
    assert tasks["II.1.2"]["executing"] == ["Ủy ban nhân dân các xã, phường"]
    assert tasks["II.1.2"]["cooperating"] == ["Sở Nội vụ"] and tasks["II.1.2"]["timeframe"]["year"] == 2026
    assert tasks["II.1.3"]["executing"] == ["Thành viên Ban Chỉ đạo là lãnh đạo các sở, ban, ngành"]
    assert tasks["II.1.3"]["timeframe"]["kind"] == "continuous"
    # role labels worded otherwise: `Đơn vị thực hiện chính`, `... phối hợp thực hiện`, `Chỉ huy ... chỉ đạo`
    assert tasks["II.2.a"]["executing"] == ["Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Phòng Hậu cần"]
    assert tasks["II.2.a"]["cooperating"] == ["Công an các xã, phường"]
    assert tasks["II.2.a"]["directing"] == ["Phó Giám đốc phụ trách"]
    assert tasks["II.2.a"]["timeframe"]["date"] == "2026-06-30"


def test_reports_printed_as_a_table():
    plan = """
KẾ HOẠCH
Phong trào thi đua “Dân vận khéo” năm 2026
II. NHIỆM VỤ
1. Đăng ký mô hình.
V. CHẾ ĐỘ BÁO CÁO
Các cơ quan, đơn vị thuộc Ủy ban nhân dân xã gửi báo cáo kết quả theo thời hạn sau:
Loại báo cáo | Thời hạn gửi | Nơi nhận
Báo cáo quý I | Trước ngày 10/3/2026 | Phòng Văn hóa - Xã hội
Báo cáo 6 tháng | Trước ngày 10/6/2026 | Phòng Văn hóa - Xã hội
Báo cáo năm | Trước ngày 10/11/2026 | Phòng Văn hóa - Xã hội
Báo cáo đột xuất | Khi có yêu cầu | Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội)
"""
    doc = txt(plan)
    at = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("Loại báo cáo"))
    rows = [[c.strip() for c in b.text.split("|")] for b in doc.blocks[at:]]
    doc.blocks[at:] = [Table(rows=rows, line=at + 1)]
    out = valid(parse_plan(doc))
    got = {r["period"]: r for r in out["reports"]}
    assert sorted(got) == ["ad_hoc", "annual", "quarterly", "six_months"]
    assert all(r["from"] == ["Các cơ quan, đơn vị thuộc Ủy ban nhân dân xã"] for r in out["reports"])
    assert got["quarterly"]["due"] == "2026-03-10" and got["quarterly"]["to"] == ["Phòng Văn hóa - Xã hội"]
    assert got["annual"]["due"] == "2026-11-10"
    assert got["ad_hoc"]["to"] == ["Ủy ban nhân dân xã", "Phòng Văn hóa - Xã hội"]
    assert [t["path"] for t in out["tasks"]] == ["II.1"]


def test_a_ward_plan_with_hoan_thanh_lines_and_a_three_word_place():
    plan = """
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG PHAN ĐÌNH PHÙNG                Độc lập - Tự do - Hạnh phúc
Số: 27/KH-UBND              Phan Đình Phùng, ngày 06 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện dân chủ ở cơ sở năm 2026
II. NHIỆM VỤ
1. Niêm yết công khai các nội dung Nhân dân được biết.
Thực hiện: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường.
Hoàn thành: quý II/2026.
"""
    out = valid(parse_plan(txt(plan)))
    assert out["document"]["issuer"] == "Ủy ban nhân dân phường Phan Đình Phùng"
    task = by_path(out)["II.1"]
    assert task["executing"] == ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường"]
    assert task["timeframe"] == {"kind": "deadline", "date": "2026-06-30", "year": None, "raw": "quý II/2026"}


def test_a_body_table_with_numbered_groups_and_a_cell_broken_over_two_lines(tmp_path):
    from danvan.reader import read_path

    plan = (
        "KẾ HOẠCH\nPhong trào thi đua “Dân vận khéo” giai đoạn 2026 - 2030\n"
        "III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN\n"
        "Ủy ban nhân dân tỉnh phân công nhiệm vụ cụ thể như sau:\n"
        "TT\tNhiệm vụ\tThời gian\tCơ quan chủ trì\tCơ quan phối hợp\tGhi chú\n"
        "(1)\t(2)\t(3)\t(4)\t(5)\t(6)\n"
        "1\tCông tác lãnh đạo, chỉ đạo, tuyên truyền\t\t\t\t\n"
        "1.1\tBan hành kế hoạch triển khai phong trào\tQuý I/2026\tSở Nội vụ\tCác sở, ban, ngành\t\n"
        "1.2\tVận động Nhân dân hiến đất\tThường xuyên\tUBND các xã, phường\tSở Xây dựng; Sở Nông nghiệp và "
        "Môi trường;\n"
        "Sở Tài chính\t\n"
        "2\tSơ kết, tổng kết\t\t\t\t\n"
        "2.1\tSơ kết 03 năm thực hiện phong trào\tQuý IV/2028\tSở Nội vụ\t\tBáo cáo UBND tỉnh\n"
        "IV. KINH PHÍ\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(plan, encoding="utf-8")
    tasks = by_path(valid(parse_plan(read_path(path))))
    assert sorted(tasks) == ["III.1.1", "III.1.2", "III.2.1"]  # no task of the intro, the groups or (1) (2) ...
    assert tasks["III.1.2"]["cooperating"] == ["Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Tài chính"]
    assert tasks["III.2.1"]["lead"] == ["Sở Nội vụ"] and tasks["III.2.1"]["timeframe"]["date"] == "2028-12-31"


def test_a_guidance_with_partners_opening_items_and_a_table_of_figures(tmp_path):
    from danvan.reader import read_path

    plan = """
HƯỚNG DẪN
Thực hiện dân chủ ở xã, phường năm 2026
II. NỘI DUNG
1. Nhân dân bàn và quyết định
a) Trưởng thôn chủ trì, phối hợp với Trưởng ban công tác Mặt trận tổ chức hội nghị cộng đồng dân cư.
b) Chủ tịch Ủy ban nhân dân cấp xã quyết định việc tổ chức phát phiếu lấy ý kiến hộ gia đình.
c) Phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã kiện toàn Ban Thanh tra nhân dân.
III. SỐ LIỆU
STT | Nội dung | Đơn vị tính | Kết quả
1 | Số nội dung đã công khai | Nội dung |
"""
    path = tmp_path / "plan.txt"
    path.write_text(plan.strip(), encoding="utf-8")
    tasks = by_path(valid(parse_plan(read_path(path))))
    assert sorted(tasks) == ["II.1.a", "II.1.b", "II.1.c"]  # a table of figures gives no tasks
    assert tasks["II.1.a"]["cooperating"] == ["Trưởng ban công tác Mặt trận"]
    assert tasks["II.1.b"]["executing"] == ["Chủ tịch Ủy ban nhân dân cấp xã"]
    assert tasks["II.1.c"]["cooperating"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã"]


def test_a_signature_block_pasted_beside_the_recipients():
    plan = """
KẾ HOẠCH
Thực hiện Kết luận số 120-KL/TW
II. NHIỆM VỤ
1. Hỗ trợ doanh nghiệp thực hiện dân chủ ở nơi làm việc.
Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Liên đoàn Lao động tỉnh, Hiệp hội Doanh nghiệp tỉnh; thời gian: Năm 2026.
Trên đây là Kế hoạch thực hiện./.
Nơi nhận:                                              TM. ỦY BAN NHÂN DÂN
- Bộ Nội vụ;                                                KT. CHỦ TỊCH
- Ban Tuyên giáo và Dân vận Trung ương;                     PHÓ CHỦ TỊCH
- TT Tỉnh ủy, TT HĐND tỉnh;
- UBND các xã, phường;                                     Trịnh Văn Khải
- Lưu: VT, NC.
"""
    out = valid(parse_plan(txt(plan)))
    assert out["document"]["signer"] == {"name": "Trịnh Văn Khải", "position": "Phó Chủ tịch",
                                         "authority": "TM. Ủy ban nhân dân; KT. Chủ tịch"}
    assert out["tasks"][0]["cooperating"] == ["Liên đoàn Lao động tỉnh", "Hiệp hội Doanh nghiệp tỉnh"]


def test_the_closing_request_to_report_difficulties_names_its_own_senders():
    plan = """
KẾ HOẠCH
Phong trào thi đua Dân vận khéo năm 2026
V. TỔ CHỨC THỰC HIỆN
5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Sở Nội vụ tuyên truyền, vận động Nhân dân.
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa phương phản ánh về Sở Nội vụ \
để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết./.
""".replace("\\\n", "")
    out = valid(parse_plan(txt(plan)))
    assert [(r["period"], r["from"]) for r in out["reports"]] == [("ad_hoc", ["các cơ quan, đơn vị, địa phương"])]
    assert by_path(out)["V.5"]["executing"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]


def test_a_heading_that_is_a_sentence_is_not_an_agency_heading():
    plan = """
KẾ HOẠCH
Thực hiện dân chủ trong cơ quan năm 2026
II. NỘI DUNG
4. Công chức, viên chức, người lao động kiểm tra, giám sát
a) Ban Thanh tra nhân dân giám sát việc thực hiện quy chế chi tiêu nội bộ.
Thời gian thực hiện: Thường xuyên.
5. Văn phòng Sở
a) Tổng hợp kết quả thực hiện.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["II.4.a"]["executing"] == ["Ban Thanh tra nhân dân"]
    assert tasks["II.5.a"]["executing"] == ["Văn phòng Sở"]  # a heading that names a body gives it to its items


def test_bullets_under_roman_sections_with_roles_told_in_many_ways():
    plan = """
KẾ HOẠCH
Công tác dân vận ở các bản năm 2026
II. CÔNG TÁC TUYÊN TRUYỀN
- Tuyên truyền pháp luật đến từng hộ gia đình. Nội dung tuyên truyền song ngữ do Phòng Văn hóa - Xã hội xã \
đảm nhiệm.
- Tổ chức sinh hoạt chuyên đề tại nhà văn hóa bản. Việc này giao cho Trạm Y tế xã thực hiện, Công an xã phối hợp.
- Vận động đồng bào xóa bỏ hủ tục, trong đó:
+ Hoàn thành rà soát hương ước trước ngày 30/6/2026;
+ Mỗi bản duy trì ít nhất 01 đội văn nghệ.
Trưởng bản và Ban công tác Mặt trận các bản chịu trách nhiệm triển khai ở bản mình.
- Duy trì mô hình bản không có ma túy; nội dung này do Công an xã đảm nhiệm, phối hợp với Ban công tác Mặt trận \
các bản.
- Tuyên truyền, vận động Nhân dân nâng cao cảnh giác. Phân công Công an xã phụ trách.
- Tổ chức Hội nghị cán bộ, công chức năm 2026.
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các bản báo cáo Ủy ban nhân dân xã để giải quyết.
""".replace("\\\n", "")
    out = valid(parse_plan(txt(plan)))
    tasks = by_path(out)
    assert sorted(tasks) == ["II.1", "II.2", "II.3", "II.4", "II.5", "II.6"]  # the closing request is no task
    assert tasks["II.1"]["executing"] == ["Phòng Văn hóa - Xã hội xã"]
    assert tasks["II.2"]["executing"] == ["Trạm Y tế xã"] and tasks["II.2"]["cooperating"] == ["Công an xã"]
    assert tasks["II.3"]["executing"] == ["Trưởng bản", "Ban công tác Mặt trận các bản"]
    assert tasks["II.3"]["source_lines"] == [6, 9]
    assert tasks["II.4"]["executing"] == ["Công an xã"]
    assert tasks["II.4"]["cooperating"] == ["Ban công tác Mặt trận các bản"]
    assert tasks["II.5"]["executing"] == ["Công an xã"]
    assert tasks["II.6"]["executing"] == []  # `Tổ chức Hội nghị` is what is done, not who does it
    assert [r["period"] for r in out["reports"]] == ["ad_hoc"]


def test_a_table_whose_unit_cell_holds_labels(tmp_path):
    from danvan.reader import read_path

    plan = """KẾ HOẠCH
Dân vận trong ngành nông nghiệp năm 2026
II. NHIỆM VỤ
1. Tổ chức thực hiện theo Phụ lục.
PHỤ LỤC
STT | Nhiệm vụ/Hoạt động | Đơn vị thực hiện | Thời gian hoàn thành | Kết quả/Sản phẩm
I | CÔNG TÁC TUYÊN TRUYỀN | | |
1 | Tuyên truyền Luật Đất đai | Chủ trì: Phòng Quản lý đất đai; Phối hợp: Phòng Môi trường | Quý II/2026 | Báo cáo
2 | Báo cáo kết quả | Văn phòng Sở | Trước ngày 15/6/2026 và trước ngày 15/11/2026 | Báo cáo
"""
    path = tmp_path / "plan.txt"
    path.write_text(plan, encoding="utf-8")
    tasks = by_path(valid(parse_plan(read_path(path))))
    assert tasks["PL.I.1"]["lead"] == ["Phòng Quản lý đất đai"]
    assert tasks["PL.I.1"]["cooperating"] == ["Phòng Môi trường"] and tasks["PL.I.1"]["executing"] == []
    assert tasks["PL.I.2"]["executing"] == ["Văn phòng Sở"]
    assert tasks["PL.I.2"]["timeframe"]["date"] == "2026-11-15"  # two dates joined by `và`: the last


def test_a_number_alone_on_its_line_with_its_role_block_before_its_text():
    plan = """
KẾ HOẠCH
Phổ biến, giáo dục pháp luật năm 2026
II. NHIỆM VỤ
4. Xây dựng chuyên mục "Dân chủ ở cơ sở".
- Chủ trì: Văn phòng Sở.
5.
- Chủ trì: Phòng Phổ biến, giáo dục pháp luật.
- Phối hợp: Ủy ban nhân dân các xã, phường.
- Thời gian: Trước ngày 31/10/2026.
Hướng dẫn việc đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật năm 2026.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["II.4"]["lead"] == ["Văn phòng Sở"] and tasks["II.4"]["cooperating"] == []
    assert tasks["II.5"]["title"].startswith("Hướng dẫn việc đánh giá")
    assert tasks["II.5"]["lead"] == ["Phòng Phổ biến, giáo dục pháp luật"]
    assert tasks["II.5"]["timeframe"]["date"] == "2026-10-31"


def test_draft_flags():
    out = valid(parse_plan(txt("Số: /KH-UBND\nAn Nhơn, ngày tháng năm 2025\nKẾ HOẠCH\nDân vận 2025\nI. NỘI DUNG\n1. Làm")))
    codes = {f["code"] for f in out["flags"]}
    assert {"no_symbol", "no_date"} <= codes
    assert out["document"]["place"] == "An Nhơn" and out["document"]["symbol"] is None
    task = out["tasks"][0]
    assert {f["code"] for f in task["flags"]} >= {"no_agency"}
    assert all(f["message"] for f in task["flags"])


@pytest.mark.parametrize("seed", range(30))
def test_random_text_never_fails(seed):
    rng = random.Random(seed)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐ0123456789 .,;:-+()/IVX\t\n¹[]“”*&¢ \u0301\u0323\U0001F600"
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(rng.randint(0, 60))]
    markers = ["I. ", "1. ", "a) ", "- ", "+ ", "Cơ quan chủ trì: ", "Thời gian thực hiện: ", "Số: ", "KẾ HOẠCH"]
    lines = [rng.choice(markers) + line if rng.random() < 0.4 else line for line in lines]
    blocks: list = [Paragraph(text=t, line=i + 1, label=rng.choice(["", "1.", "a)"])) for i, t in enumerate(lines)]
    if rng.random() < 0.5:
        blocks.append(Table(rows=[[rng.choice(lines or [""]) for _ in range(rng.randint(0, 5))]
                                  for _ in range(rng.randint(0, 4))]))
    valid(parse_plan(SourceDocument(blocks=blocks, source_name=f"r{seed}")))


def test_empty_and_degenerate_documents():
    valid(parse_plan(SourceDocument(blocks=[])))
    valid(parse_plan(SourceDocument(blocks=[Paragraph(text="")])))
    valid(parse_plan(SourceDocument(blocks=[Table(rows=[])])))
    valid(parse_plan(SourceDocument(blocks=[Table(rows=[["STT", "Nội dung"], ["1"]])])))


def test_huge_and_pathological_text_is_bounded():
    long_line = "Các cơ quan, " * 3000 + "phối hợp với " * 2000 + "1/" * 3000 + "ngày 1 tháng " * 2000
    plan = "KẾ HOẠCH\nX\nI. NỘI DUNG\n" + "\n".join(f"{i}. Sở Nội vụ chủ trì thực hiện. {long_line[:500]}"
                                                 for i in range(1, 60)) + "\n" + long_line
    start = time.perf_counter()
    valid(parse_plan(txt(plan * 3)))
    assert time.perf_counter() - start < 10


def test_several_labels_on_one_line_and_inline_labels():
    plan = """
KẾ HOẠCH
Cải cách hành chính năm 2025
I. NHIỆM VỤ
1. Rà soát thủ tục hành chính.
- Cơ quan chủ trì: Sở Tư pháp; Cơ quan phối hợp: Sở Nội vụ; Thời gian thực hiện: Quý III/2025.
2. Tổ chức đối thoại với doanh nghiệp (Chủ trì: Sở Kế hoạch và Đầu tư; thời gian: Tháng 9/2025).
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["I.1"]["lead"] == ["Sở Tư pháp"] and tasks["I.1"]["cooperating"] == ["Sở Nội vụ"]
    assert tasks["I.1"]["timeframe"]["date"] == "2025-09-30"
    assert tasks["I.2"]["title"] == "Tổ chức đối thoại với doanh nghiệp"
    assert tasks["I.2"]["lead"] == ["Sở Kế hoạch và Đầu tư"]
    assert tasks["I.2"]["timeframe"]["date"] == "2025-09-30"


PARTY_PLAN = """
TỈNH ỦY QUẢNG NAM                 ĐẢNG CỘNG SẢN VIỆT NAM
BAN DÂN VẬN
*
Số 17-KH/BDVTU                    Quảng Nam, ngày 10 tháng 01 năm 2025
KẾ HOẠCH
Thực hiện Quy chế công tác dân vận năm 2025
Thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị, Ban Dân vận Tỉnh ủy xây dựng Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức.
II. NỘI DUNG, NHIỆM VỤ
1. Hướng dẫn công tác dân vận
1.1. Các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch thực hiện.
1.2. Ban Dân vận các huyện ủy báo cáo kết quả về Ban Dân vận Tỉnh ủy trước ngày 30/6/2025.
III. TỔ CHỨC THỰC HIỆN VÀ CHẾ ĐỘ BÁO CÁO
1. Các cơ quan báo cáo định kỳ 6 tháng về Ban Dân vận Tỉnh ủy.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Trần Văn Nam
"""


def test_party_style_plan():
    out = valid(parse_plan(txt(PARTY_PLAN)))
    doc = out["document"]
    assert doc["symbol"] == "17-KH/BDVTU" and doc["date"] == "2025-01-10" and doc["place"] == "Quảng Nam"
    assert doc["issuer"] == "Ban Dân vận Tỉnh ủy Quảng Nam"
    assert out["citations"] == ["23-QĐ/TW"]
    tasks = by_path(out)
    assert set(tasks) == {"II.1.1", "II.1.2", "III.1"}
    assert tasks["II.1.1"]["executing"] == ["Các huyện ủy, thị ủy, thành ủy"]
    pairs = {(r["period"], r["due"]) for r in out["reports"]}
    assert ("unspecified", "2025-06-30") in pairs and ("six_months", None) in pairs


def test_attribute_items_under_a_heading():
    plan = """
KẾ HOẠCH
Chuyển đổi số năm 2025
II. NHIỆM VỤ
1. Nội dung
a) Số hóa hồ sơ.
b) Cập nhật cơ sở dữ liệu.
2. Cơ quan chủ trì, phối hợp: Sở Khoa học và Công nghệ chủ trì; Sở Nội vụ phối hợp.
3. Thời gian thực hiện: Quý II/2025.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert set(tasks) == {"II.1.a", "II.1.b"}
    for path in ("II.1.a", "II.1.b"):
        assert tasks[path]["lead"] == ["Sở Khoa học và Công nghệ"]
        assert tasks[path]["cooperating"] == ["Sở Nội vụ"]
        assert tasks[path]["timeframe"]["date"] == "2025-06-30"


PASTED_TABLE_PLAN = """
ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 215/KH-UBND
Quảng Trị, ngày 12 tháng 8 năm 2025
KẾ HOẠCH
Triển khai thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2025
Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022;
Căn cứ Nghị quyết số 1211/2016/UBTVQH13 và Nghị định số 59/2023/NĐ-CP của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, công chức về thực hiện dân chủ ở cơ sở
II. NHIỆM VỤ CỤ THỂ
(Có Phụ lục kèm theo)
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc, tổng hợp báo cáo UBND tỉnh trước ngày 10/12/2025.
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Văn Nam
PHỤ LỤC
DANH MỤC NHIỆM VỤ
STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm
1\tTổ chức hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở\tSở Nội vụ\tSở Tư pháp\tQuý III/2025\tHội nghị
2\tRà soát, công khai thủ tục hành chính tại cấp xã\tUBND các xã, phường\tVăn phòng UBND tỉnh\tThường xuyên\tDanh mục
3\tKiểm tra việc thực hiện dân chủ ở cơ sở\tSở Nội vụ\tThanh tra tỉnh; Sở Tư pháp\tTháng 11/2025\tBáo cáo
"""


def test_pasted_text_with_a_tab_separated_task_table_and_assembly_laws():
    from danvan.reader import read_bytes

    out = valid(parse_plan(read_bytes(PASTED_TABLE_PLAN.strip().encode(), "215.txt")))
    assert out["document"]["title"] == "Triển khai thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2025"
    assert out["citations"] == ["10/2022/QH15", "1211/2016/UBTVQH13", "59/2023/NĐ-CP"]
    tasks = by_path(out)
    assert set(tasks) == {"III.1", "PL.1", "PL.2", "PL.3"}
    assert tasks["PL.1"]["lead"] == ["Sở Nội vụ"] and tasks["PL.1"]["cooperating"] == ["Sở Tư pháp"]
    assert tasks["PL.2"]["timeframe"]["kind"] == "continuous"
    assert tasks["PL.3"]["cooperating"] == ["Thanh tra tỉnh", "Sở Tư pháp"]
    row = next(n for n, line in enumerate(PASTED_TABLE_PLAN.strip().splitlines(), 1) if line.startswith("3\t"))
    assert tasks["PL.3"]["source_lines"] == [row, row]  # the row's own line, for the reviewer


def test_a_law_number_needs_its_year():
    out = parse_plan(txt("KẾ HOẠCH\nThực hiện Luật số 10/QH15 và Luật số 72/2025/QH15"))
    assert out["citations"] == ["72/2025/QH15"]


def test_docx_table_with_a_header_on_two_rows(tmp_path):
    """`Cơ quan thực hiện` merged over `Chủ trì | Phối hợp`, the other headings merged down: Word's usual layout."""
    docx = pytest.importorskip("docx")
    from danvan.reader import read_path

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện dân chủ ở cơ sở năm 2026")
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=4, cols=5)
    top = ["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành"]
    for column, text in enumerate(top):
        table.cell(0, column).text = text
    table.cell(1, 2).text, table.cell(1, 3).text = "Chủ trì", "Phối hợp"
    for column in (0, 1, 4):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(0, 2).merge(table.cell(0, 3))
    for row, cells in enumerate([["1", "Tổ chức hội nghị tập huấn", "Sở Nội vụ", "Sở Tư pháp", "Quý II/2026"],
                                 ["2", "Kiểm tra việc công khai", "Thanh tra tỉnh", "Công an tỉnh", "Tháng 10/2026"]], 2):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    path = tmp_path / "two-row-header.docx"
    document.save(path)

    tasks = by_path(valid(parse_plan(read_path(path))))
    assert set(tasks) == {"PL.1", "PL.2"}
    assert tasks["PL.1"]["lead"] == ["Sở Nội vụ"] and tasks["PL.1"]["cooperating"] == ["Sở Tư pháp"]
    assert tasks["PL.2"]["lead"] == ["Thanh tra tỉnh"] and tasks["PL.2"]["cooperating"] == ["Công an tỉnh"]
    assert tasks["PL.2"]["timeframe"]["date"] == "2026-10-31"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Số: 12/KH-UBND\nTân Phú, ngày 05/3/2026\nKẾ HOẠCH\nThực hiện dân chủ ở cơ sở năm 2026\n"
         "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;\nI. MỤC ĐÍCH\n",
         {"issuer": "Ủy ban nhân dân xã Tân Phú", "place": "Tân Phú", "date": "2026-03-05",
          "title": "Thực hiện dân chủ ở cơ sở năm 2026"}),
        ("ĐẢNG BỘ TỈNH THANH HÓA\nĐẢNG ỦY XÃ HOẰNG HÓA\n*\nSố 45-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Hoằng Hóa, ngày 10 tháng 02 năm 2026\nKẾ HOẠCH\nlãnh đạo thực hiện công tác dân vận năm 2026\nI. MỤC ĐÍCH\n",
         {"symbol": "45-KH/ĐU", "issuer": "Đảng ủy xã Hoằng Hóa", "date": "2026-02-10",
          "title": "Lãnh đạo thực hiện công tác dân vận năm 2026"}),
        ("BỘ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1234/QĐ-BNV\n"
         "Hà Nội, ngày 28 tháng 12 năm 2025\nQUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện công tác dân vận năm 2026\n"
         "BỘ TRƯỞNG BỘ NỘI VỤ\nCăn cứ Nghị định số 25/2025/NĐ-CP;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n",
         {"kind": "Quyết định", "issuer": "Bộ Nội vụ", "date": "2025-12-28",
          "title": "Ban hành Kế hoạch thực hiện công tác dân vận năm 2026"}),
    ],
)
def test_headers_of_other_issuers(header, expected):
    document = parse_plan(txt(header))["document"]
    assert {key: document[key] for key in expected} == expected


# Shapes the reader does not follow yet (see plans/README.md), each held at the score it reads now so that it
# cannot get worse unnoticed: {plan name: floor}. Empty since session 6 taught it s1's and t3's shapes.
KNOWN_MISSES: dict[str, float] = {}


def test_other_province_plans_score():
    """The plans of tests/plans/ (other provinces' shapes, answers made by hand): read from their files like any
    upload, scored by the project's scorer. The issue asks for 0.85 on such plans and aims at 0.95."""
    from danvan.reader import extract_path

    from .conftest import load_score

    score = load_score()
    plans = Path(__file__).parent / "plans"
    totals = {}
    for text in sorted(plans.glob("*.txt")):
        gold = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
        totals[text.stem] = score.score(gold, valid(extract_path(text)))["total"]
    assert len(totals) == 84
    assert sum(totals.values()) / len(totals) >= 0.95, totals
    assert min(total for name, total in totals.items() if name not in KNOWN_MISSES) >= 0.85, totals
    assert all(totals[name] >= floor for name, floor in KNOWN_MISSES.items()), totals


def test_a_table_row_without_number_whose_text_names_bodies_is_data_not_a_second_header():
    """A first row with an empty STT and `cơ quan hành chính` in its task must not be taken for a second heading
    row (that once dropped the title column and lost the whole plan)."""
    blocks = [
        Paragraph("KẾ HOẠCH", line=1), Paragraph("Phong trào thi đua Dân vận khéo", line=2),
        Paragraph("PHỤ LỤC", line=3),
        Table(rows=[["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
                    ["", "Ban hành hướng dẫn công nhận mô hình trong cơ quan hành chính nhà nước", "Sở Nội vụ",
                     "Sở Tư pháp", "Quý II/2026"],
                    ["", "Xây dựng cơ sở dữ liệu mô hình", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Năm 2027"]],
              line=4),
    ]
    out = valid(parse_plan(SourceDocument(blocks=blocks, source_name="plan.docx", format="docx")))
    assert not [f for f in out["flags"] if f["code"] == "parse_error"]
    tasks = by_path(out)
    assert set(tasks) == {"PL.1", "PL.2"}
    assert tasks["PL.1"]["lead"] == ["Sở Nội vụ"] and tasks["PL.2"]["timeframe"]["year"] == 2027


def test_a_report_duty_told_over_two_sentences_is_one_report():
    out = parse_plan(txt("""
KẾ HOẠCH
Sơ kết 6 tháng công tác dân vận
I. TỔ CHỨC THỰC HIỆN
1. Các cơ quan, đơn vị, địa phương xây dựng báo cáo sơ kết 6 tháng đầu năm 2026 theo Đề cương kèm theo. Số liệu báo cáo tính từ ngày 15/12/2025 đến ngày 15/6/2026; báo cáo gửi về Sở Nội vụ trước ngày 20/6/2026.
"""))
    assert [(r["period"], r["to"], r["due"]) for r in out["reports"]] == [("six_months", ["Sở Nội vụ"], "2026-06-20")]


def test_a_closing_sentence_with_two_duties_and_an_item_assigned_in_a_later_sentence():
    plan = "\n".join([
        "KẾ HOẠCH",
        "Công tác dân vận chính quyền năm 2026",
        "II. NHIỆM VỤ",
        "1. Thực hiện dân chủ trong hoạt động của cơ quan Ủy ban nhân dân xã. Giao Văn phòng HĐND và UBND xã thực hiện.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Định kỳ hằng tháng, các thôn báo cáo kết quả thực hiện về Ủy ban nhân dân xã (qua Văn phòng HĐND và UBND xã) "
        "trước ngày 25; Ủy ban nhân dân xã tổng hợp, báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) định kỳ 6 tháng "
        "(trước ngày 12/6) và năm (trước ngày 12/11)./.",
    ])
    out = valid(parse_plan(txt(plan)))
    assert by_path(out)["II.1"]["executing"] == ["Văn phòng HĐND và UBND xã"]
    reports = {(r["period"], str(r["due"])): (r["from"], r["to"]) for r in out["reports"]}
    assert reports == {
        ("monthly", "---25"): (["các thôn"], ["Ủy ban nhân dân xã", "Văn phòng HĐND và UBND xã"]),
        ("six_months", "--06-12"): (["Ủy ban nhân dân xã"], ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"]),
        ("annual", "--11-12"): (["Ủy ban nhân dân xã"], ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"]),
    }


def test_a_role_line_broken_by_hard_wrapping_keeps_each_labels_value():
    """Text copied out of a PDF: a line of several labels wraps inside its list of partners; the rest of the list
    and the labels on the next physical line belong to the last label, not to the first."""
    import textwrap

    items = [
        ("Tổ chức hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở đến cán bộ, công chức, viên chức các cơ "
         "quan, đơn vị trên địa bàn tỉnh năm 2026.",
         "Chủ trì: Sở Nội vụ; phối hợp: các sở, ban, ngành; Ủy ban nhân dân các xã, phường; thời gian: Quý III/2026."),
        ("Đẩy mạnh giải quyết thủ tục hành chính trên môi trường điện tử, nâng cao chỉ số hài lòng của người "
         "dân, doanh nghiệp đối với sự phục vụ của cơ quan hành chính nhà nước.",
         "Chủ trì: Văn phòng Ủy ban nhân dân tỉnh; thời gian: Tháng 11 hằng năm; phối hợp: Sở Khoa học và Công "
         "nghệ."),
        ("Tổ chức tiếp công dân định kỳ, đối thoại trực tiếp với Nhân dân về những vấn đề bức xúc ở cơ sở, giải "
         "quyết kịp thời kiến nghị chính đáng của người dân.",
         "Chỉ đạo: Chủ tịch Ủy ban nhân dân tỉnh; phối hợp: Ban Tiếp công dân tỉnh, Ủy ban nhân dân các xã, "
         "phường; thời gian: Thường xuyên."),
    ]
    lines = ["KẾ HOẠCH", "Thực hiện công tác dân vận chính quyền năm 2026", "II. NHIỆM VỤ"]
    for number, (text, roles) in enumerate(items, start=1):
        lines += textwrap.wrap(f"{number}. {text}", 78) + textwrap.wrap(roles, 78)
    tasks = by_path(valid(parse_plan(txt("\n".join(lines)))))
    assert tasks["II.1"]["lead"] == ["Sở Nội vụ"]
    assert tasks["II.1"]["cooperating"] == ["các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]
    assert tasks["II.1"]["timeframe"]["date"] == "2026-09-30"
    assert tasks["II.2"]["lead"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert tasks["II.2"]["cooperating"] == ["Sở Khoa học và Công nghệ"]
    assert tasks["II.2"]["timeframe"]["kind"] == "annual"
    assert tasks["II.3"]["directing"] == ["Chủ tịch Ủy ban nhân dân tỉnh"]
    assert tasks["II.3"]["cooperating"] == ["Ban Tiếp công dân tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert tasks["II.3"]["timeframe"]["kind"] == "continuous"


def test_labels_that_follow_the_items_text_on_its_own_line():
    """`... Cơ quan chủ trì: X. Thời gian: Y.`, `... - Chủ trì: X - Phối hợp: Y - Thời hạn: Z`, `...; chủ trì: X;
    phối hợp: Y`: the labels end the item's line; a heading's labels go to the items under it."""
    plan = """
KẾ HOẠCH
Công tác dân vận chính quyền năm 2026
II. NHIỆM VỤ
1/ Quán triệt Kế hoạch đến cán bộ, công chức. Cơ quan chủ trì: Các sở, ban, ngành cấp tỉnh; UBND các xã, phường. \
Thời gian: Quý I/2026.
2/ Biên soạn tài liệu hỏi - đáp song ngữ Việt - Thái về Luật Thực hiện dân chủ ở cơ sở - Chủ trì: Sở Dân tộc và \
Tôn giáo - Phối hợp: Sở Nội vụ, Sở Tư pháp - Thời hạn: Tháng 9/2026.
3/ Rà soát quy chế dân chủ trong cơ quan sau sắp xếp; chủ trì: Thủ trưởng các cơ quan, đơn vị; thời gian: Trước \
ngày 30/4/2026.
4/ Tổ chức đối thoại với Nhân dân (theo lịch tiếp công dân). Chủ trì: Thanh tra tỉnh.
""".replace("\\\n", "")
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["II.1"]["title"] == "Quán triệt Kế hoạch đến cán bộ, công chức"
    assert tasks["II.1"]["lead"] == ["Các sở, ban, ngành cấp tỉnh", "UBND các xã, phường"]
    assert tasks["II.1"]["timeframe"]["date"] == "2026-03-31"
    assert tasks["II.2"]["title"].endswith("song ngữ Việt - Thái về Luật Thực hiện dân chủ ở cơ sở")
    assert tasks["II.2"]["lead"] == ["Sở Dân tộc và Tôn giáo"]
    assert tasks["II.2"]["cooperating"] == ["Sở Nội vụ", "Sở Tư pháp"]
    assert tasks["II.2"]["timeframe"]["date"] == "2026-09-30"
    assert tasks["II.3"]["lead"] == ["Thủ trưởng các cơ quan, đơn vị"]
    assert tasks["II.3"]["timeframe"]["date"] == "2026-04-30"
    assert tasks["II.4"]["title"] == "Tổ chức đối thoại với Nhân dân (theo lịch tiếp công dân)"
    assert tasks["II.4"]["lead"] == ["Thanh tra tỉnh"]


def test_labels_after_an_items_text_broken_by_hard_wrapping():
    import textwrap

    body = ("Tổ chức hội nghị sơ kết 03 năm thi hành Luật Thực hiện dân chủ ở cơ sở trên địa bàn tỉnh, biểu dương "
            "các tập thể, cá nhân tiêu biểu. Cơ quan chủ trì: Sở Nội vụ. Cơ quan phối hợp: Sở Tài chính, Ủy ban "
            "MTTQ Việt Nam tỉnh, Ủy ban nhân dân các xã, phường. Thời gian: Quý III/2026.")
    filler = ("Tuyên truyền sâu rộng về công tác dân vận chính quyền trong cán bộ, công chức, viên chức và Nhân dân "
              "trên địa bàn tỉnh bằng nhiều hình thức phù hợp với từng đối tượng")
    lines = ["KẾ HOẠCH", "Công tác dân vận chính quyền năm 2026", "II. NHIỆM VỤ"]
    for number in (1, 2, 3):
        lines += textwrap.wrap(f"{number}. {body if number == 2 else filler}.", 64)
    tasks = by_path(valid(parse_plan(txt("\n".join(lines)))))
    assert tasks["II.2"]["title"].endswith("biểu dương các tập thể, cá nhân tiêu biểu")
    assert tasks["II.2"]["lead"] == ["Sở Nội vụ"]
    assert tasks["II.2"]["cooperating"] == ["Sở Tài chính", "Ủy ban MTTQ Việt Nam tỉnh",
                                            "Ủy ban nhân dân các xã, phường"]
    assert tasks["II.2"]["timeframe"]["date"] == "2026-09-30"


QUY_CHE = """
ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 88/QĐ-UBND
Bắc Ninh, ngày 10 tháng 3 năm 2026
QUYẾT ĐỊNH
Ban hành Quy chế công tác dân vận chính quyền tỉnh Bắc Ninh
Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác dân vận chính quyền tỉnh Bắc Ninh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Giám đốc Sở Nội vụ và Thủ trưởng các sở, ban, ngành tỉnh chịu trách nhiệm thi hành Quyết định này./.
QUY CHẾ
Công tác dân vận chính quyền tỉnh Bắc Ninh
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nội dung công tác dân vận của chính quyền các cấp.
Điều 2. Nguyên tắc
1. Sở Nội vụ là cơ quan thường trực về công tác dân vận chính quyền.
2. Cán bộ, công chức phải gần dân, trọng dân.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 3. Trách nhiệm của Sở Nội vụ
1. Chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh hướng dẫn, kiểm tra việc thực hiện Quy chế này.
2. Tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện hằng năm trước ngày 30 tháng 11.
Điều 4. Trách nhiệm của các cơ quan liên quan
1. Sở Tài chính tham mưu bố trí kinh phí thực hiện Quy chế.
2. Xây dựng chuyên mục dân vận chính quyền trên Cổng thông tin điện tử tỉnh.
Điều 5. Điều khoản thi hành
1. Thủ trưởng các sở, ban, ngành tỉnh chịu trách nhiệm thực hiện Quy chế này.
"""


def test_a_quy_che_gives_tasks_only_from_the_chapter_that_assigns_duties():
    """A Quyết định issuing a Quy chế: the decision's own articles are no tasks, the chapters of rules give none,
    and the articles of `TỔ CHỨC THỰC HIỆN` give their clauses as tasks of the body their title names, with paths
    chapter.article.clause."""
    out = valid(parse_plan(txt(QUY_CHE)))
    assert out["document"]["kind"] == "Quyết định"
    tasks = by_path(out)
    assert set(tasks) == {"II.3.1", "II.3.2", "II.4.1", "II.4.2"}
    assert tasks["II.3.1"]["lead"] == ["Sở Nội vụ"]
    assert tasks["II.3.1"]["cooperating"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert tasks["II.3.2"]["executing"] == ["Sở Nội vụ"]
    assert tasks["II.4.1"]["executing"] == ["Sở Tài chính"]  # its own subject, not the article's `các cơ quan`
    assert [(r["period"], r["due"]) for r in out["reports"]] == [("annual", "--11-30")]


def test_a_decision_assigns_work_in_one_article_and_enacts_in_the_others():
    decision = """
ỦY BAN NHÂN DÂN XÃ TÂN HỘI
Số: 21/QĐ-UBND
Tân Hội, ngày 02 tháng 2 năm 2026
QUYẾT ĐỊNH
Phê duyệt nội dung công khai năm 2026
Điều 1. Phê duyệt nội dung công khai năm 2026, gồm:
1. Dự toán ngân sách xã năm 2026.
2. Danh sách hộ nghèo, hộ cận nghèo.
Điều 2. Giao nhiệm vụ tổ chức thực hiện như sau:
1. Giao Văn phòng HĐND và UBND xã niêm yết công khai các nội dung tại Điều 1.
2. Giao Công an xã bảo đảm an ninh, trật tự tại các hội nghị.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""
    tasks = by_path(valid(parse_plan(txt(decision))))
    assert set(tasks) == {"2.1", "2.2"}
    assert tasks["2.1"]["executing"] == ["Văn phòng HĐND và UBND xã"]


def test_a_task_table_flattened_into_lines_between_dashes():
    """A table pasted from a web page or an e-mail as lines `text – lead – partners – time` under a line naming the
    fields: each line is a row; a hyphen inside a name or a span (`chính trị - xã hội`, `2026 - 2030`) is no
    separator, a row may stop short or leave a field empty, and a time goes to the time column."""
    plan = """
ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
Số: 36/KH-UBND
KẾ HOẠCH
Công tác dân vận chính quyền năm 2026
II. NHIỆM VỤ CỤ THỂ
Các nhiệm vụ được phân công như sau:
Nội dung – Cơ quan chủ trì – Cơ quan phối hợp – Thời gian
1. Quán triệt Chỉ thị số 33/CT-TTg – Sở Nội vụ – Các sở, ban, ngành; UBND các xã, phường – Quý I/2026
2. Tập huấn cho công chức cấp xã - Sở Nội vụ - Ủy ban MTTQ Việt Nam tỉnh, các tổ chức chính trị - xã hội - Quý II, III/2026
3. Tổ chức hội nghị đối thoại với Nhân dân – UBND các xã, phường – Tháng 6/2026
4. Rà soát quy chế dân chủ trong cơ quan – Các sở, ban, ngành –  – Trước ngày 30/4/2026
5. Triển khai phong trào thi đua "Dân vận khéo" - Sở Nội vụ - Giai đoạn 2026 - 2030
6. Sơ kết 05 năm thực hiện Chỉ thị số 33/CT-TTg – Sở Nội vụ
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert set(tasks) == {"II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "III.1"}
    assert tasks["II.1"]["title"] == "Quán triệt Chỉ thị số 33/CT-TTg"
    assert tasks["II.1"]["cooperating"] == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert tasks["II.2"]["cooperating"] == ["Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội"]
    assert tasks["II.2"]["timeframe"]["date"] == "2026-09-30"
    assert tasks["II.3"]["lead"] == ["UBND các xã, phường"] and tasks["II.3"]["cooperating"] == []
    assert tasks["II.3"]["timeframe"]["date"] == "2026-06-30"
    assert tasks["II.4"]["cooperating"] == [] and tasks["II.4"]["timeframe"]["date"] == "2026-04-30"
    assert (tasks["II.5"]["timeframe"]["kind"], tasks["II.5"]["timeframe"]["year"]) == ("period", 2030)
    assert tasks["II.6"]["lead"] == ["Sở Nội vụ"] and tasks["II.6"]["timeframe"]["kind"] == "none"


def test_a_decision_that_attaches_a_list_of_tasks_in_a_table(tmp_path):
    """A Quyết định whose Điều 1 issues a `Danh mục nhiệm vụ`, printed after the signature as a table copied from
    Word (group rows merged into one cell): the rows are the tasks, under `PL`, and Điều 2's duty to report every
    quarter is a reporting duty, though the decision's articles give no tasks."""
    from danvan.reader import read_path

    text = """ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
Số: 298/QĐ-UBND
Đắk Lắk, ngày 26 tháng 02 năm 2026
QUYẾT ĐỊNH
Về việc giao nhiệm vụ công tác dân vận chính quyền năm 2026
Điều 1. Ban hành kèm theo Quyết định này Danh mục nhiệm vụ công tác dân vận chính quyền năm 2026.
Điều 2. Thủ trưởng các cơ quan chủ trì tổ chức thực hiện các nhiệm vụ được giao; định kỳ hằng quý (trước ngày 15 tháng cuối quý) báo cáo kết quả thực hiện về Sở Nội vụ.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Quốc Bảo
DANH MỤC NHIỆM VỤ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2026
(Kèm theo Quyết định số 298/QĐ-UBND ngày 26 tháng 02 năm 2026)
STT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn hoàn thành
I. LĨNH VỰC NỘI VỤ
1\tBan hành kế hoạch công tác dân vận chính quyền\tSở Nội vụ\tCác sở, ban, ngành\tTháng 4/2026
II. LĨNH VỰC THANH TRA
2\tKiểm tra việc tiếp công dân định kỳ\tThanh tra tỉnh\tSở Nội vụ\tQuý III/2026
"""
    path = tmp_path / "qd.txt"
    path.write_text(text, encoding="utf-8")
    out = valid(parse_plan(read_path(path)))
    tasks = by_path(out)
    assert set(tasks) == {"PL.I.1", "PL.II.2"}
    assert tasks["PL.II.2"]["lead"] == ["Thanh tra tỉnh"] and tasks["PL.II.2"]["timeframe"]["date"] == "2026-09-30"
    assert [(r["period"], r["due"]) for r in out["reports"]] == [
        ("quarterly", ["--03-15", "--06-15", "--09-15", "--12-15"])]
    assert out["document"]["signer"]["name"] == "Trần Quốc Bảo"


def test_a_steering_committee_plan_with_dashed_responsibility_lines():
    """A Ban Chỉ đạo plan: `- Trách nhiệm:` lines name who leads, directs, does and helps, with the role after each
    group (`Các Phó Trưởng ban chỉ đạo; Cơ quan Thường trực ... thực hiện`), members named by office
    (`Đồng chí Trưởng Ban Chỉ đạo: ...`); a duty handed out in a later sentence says who directs and who does it."""
    plan = """
BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ TỈNH BẮC NINH
Số: 05/KH-BCĐ
KẾ HOẠCH
Hoạt động của Ban Chỉ đạo năm 2026
II. NHIỆM VỤ TRỌNG TÂM
1. Ban hành quy chế hoạt động của Ban Chỉ đạo.
- Trách nhiệm: Cơ quan Thường trực Ban Chỉ đạo chủ trì, phối hợp với Tổ giúp việc.
- Thời gian: Quý I/2026.
2. Kiểm tra việc thực hiện dân chủ ở cơ sở.
- Trách nhiệm: Các Phó Trưởng ban chỉ đạo; Thanh tra tỉnh, Công an tỉnh thực hiện; Ủy ban nhân dân các xã, phường phối hợp.
- Thời gian: Thường xuyên.
3. Tổ chức đối thoại với Nhân dân ở các thôn có nhiều kiến nghị. Phân công đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh phụ trách chỉ đạo; Văn phòng Ủy ban nhân dân tỉnh chuẩn bị nội dung.
III. TỔ CHỨC THỰC HIỆN
1. Đồng chí Trưởng Ban Chỉ đạo: Lãnh đạo, chỉ đạo toàn diện hoạt động của Ban Chỉ đạo.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["II.1"]["lead"] == ["Cơ quan Thường trực Ban Chỉ đạo"] and tasks["II.1"]["cooperating"] == [
        "Tổ giúp việc"]
    assert tasks["II.2"]["directing"] == ["Các Phó Trưởng ban"]
    assert tasks["II.2"]["executing"] == ["Thanh tra tỉnh", "Công an tỉnh"]
    assert tasks["II.2"]["cooperating"] == ["Ủy ban nhân dân các xã, phường"]
    assert tasks["II.3"]["directing"] == ["Phó Chủ tịch Ủy ban nhân dân tỉnh"]
    assert tasks["II.3"]["executing"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert tasks["III.1"]["executing"] == ["Đồng chí Trưởng Ban Chỉ đạo"]
    assert tasks["III.1"]["title"].startswith("Lãnh đạo, chỉ đạo toàn diện")


def test_sections_numbered_in_capitals_and_task_cards_with_points():
    """No Roman numerals: `1. MỤC ĐÍCH, YÊU CẦU`, `2. NHIỆM VỤ` in capitals are the sections; `Nhiệm vụ 1:` with
    nothing after the colon opens a task card whose `Nội dung:` may list `a)`, `b)` points that are part of it."""
    plan = """
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Số: 41/KH-SNNMT
KẾ HOẠCH
Thực hiện dân chủ ở cơ sở năm 2026
1. MỤC ĐÍCH, YÊU CẦU
a) Phát huy quyền làm chủ của công chức.
2. NHIỆM VỤ
Nhiệm vụ 1:
- Nội dung: Quán triệt Luật Thực hiện dân chủ ở cơ sở.
- Đơn vị thực hiện: Văn phòng Sở.
- Thời gian: Quý I/2026.
Nhiệm vụ 2:
- Nội dung: Công khai thông tin về đất đai, cụ thể:
a) Niêm yết bảng giá đất.
b) Công bố danh sách hồ sơ quá hạn.
- Đơn vị thực hiện: Văn phòng Đăng ký đất đai.
- Thời gian: Thường xuyên.
3. TỔ CHỨC THỰC HIỆN
a) Văn phòng Sở theo dõi, tổng hợp kết quả thực hiện.
"""
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert set(tasks) == {"2.1", "2.2", "3.a"}
    assert tasks["2.2"]["title"].startswith("Công khai thông tin về đất đai")
    assert tasks["2.2"]["executing"] == ["Văn phòng Đăng ký đất đai"]
    assert tasks["2.2"]["timeframe"]["kind"] == "continuous"
    assert tasks["3.a"]["executing"] == ["Văn phòng Sở"]


def test_a_reports_proposals_to_higher_levels_are_not_its_tasks():
    """A Báo cáo asks its superiors for things under `ĐỀ XUẤT, KIẾN NGHỊ`; those are requests upward, not work the
    document assigns, while its `PHƯƠNG HƯỚNG, NHIỆM VỤ` items are."""
    out = valid(parse_plan(txt("""
BÁO CÁO
Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026
I. KẾT QUẢ THỰC HIỆN
1. Ủy ban nhân dân phường đã ban hành Kế hoạch số 12/KH-UBND.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026
1. Văn phòng HĐND và UBND phường tổ chức đối thoại với Nhân dân trong quý III/2026.
III. ĐỀ XUẤT, KIẾN NGHỊ
1. Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ cho công chức cấp xã.
2. Kiến nghị Sở Tài chính bố trí kinh phí hỗ trợ Ban Thanh tra nhân dân.
""")))
    assert [(t["path"], t["executing"]) for t in out["tasks"]] == [("II.1", ["Văn phòng HĐND và UBND phường"])]


def test_a_heading_that_only_names_the_reporting_duty_is_not_a_report_of_its_own():
    out = valid(parse_plan(txt("""
KẾ HOẠCH
Công tác dân vận chính quyền năm 2026
II. NHIỆM VỤ
1. Tổ chức đối thoại với Nhân dân.
2. Thực hiện chế độ thông tin, báo cáo
a) Trưởng các khu phố báo cáo kết quả về Ủy ban nhân dân phường trước ngày 20 hằng tháng.
b) Văn phòng HĐND và UBND phường tổng hợp, báo cáo Sở Nội vụ trước ngày 20/11/2026.
""")))
    assert [(r["period"], r["due"], r["from"], r["to"]) for r in out["reports"]] == [
        ("monthly", "---20", ["Trưởng các khu phố"], ["Ủy ban nhân dân phường"]),
        ("unspecified", "2026-11-20", ["Văn phòng HĐND và UBND phường"], ["Sở Nội vụ"]),
    ]


JOINT_PLAN = """
ỦY BAN NHÂN DÂN XÃ LONG HỒ
ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ LONG HỒ
Số: 01/KHPH-UBND-MTTQ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Long Hồ, ngày 16 tháng 01 năm 2026
KẾ HOẠCH PHỐI HỢP
Về thực hiện dân chủ ở cơ sở năm 2026
I. NGUYÊN TẮC PHỐI HỢP
1. Hoạt động phối hợp được thực hiện trên cơ sở tôn trọng, hỗ trợ lẫn nhau.
II. NỘI DUNG PHỐI HỢP
1. Tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến Nhân dân.
Ủy ban nhân dân xã chủ trì, Ủy ban MTTQ Việt Nam xã phối hợp.
2. Hằng quý, Thường trực Ủy ban nhân dân xã và Ban Thường trực Ủy ban MTTQ Việt Nam xã tổ chức giao ban.
III. TRÁCH NHIỆM CỦA MỖI BÊN
1. Trách nhiệm của Ủy ban nhân dân xã
- Cung cấp đầy đủ, kịp thời thông tin về tình hình kinh tế - xã hội của xã.
- Mời đại diện Ban Thường trực Ủy ban MTTQ Việt Nam xã dự các phiên họp thường kỳ.
2. Trách nhiệm của Ủy ban MTTQ Việt Nam xã
- Chủ trì, phối hợp với các tổ chức chính trị - xã hội xã tuyên truyền, vận động Nhân dân.
"""


def test_a_joint_plan_of_the_commune_and_its_fatherland_front():
    """Two bodies of one commune issue it; principles give no tasks; `X chủ trì, Y phối hợp`; an opening `Hằng
    quý,` before the subject; `Trách nhiệm của X` over bullets is X's task, titled by its first bullet."""
    out = valid(parse_plan(txt(JOINT_PLAN)))
    assert out["document"]["issuer"] == \
        "Ủy ban nhân dân xã Long Hồ và Ủy ban Mặt trận Tổ quốc Việt Nam xã Long Hồ"
    tasks = by_path(out)
    assert sorted(tasks) == ["II.1", "II.2", "III.1", "III.2"]
    assert (tasks["II.1"]["lead"], tasks["II.1"]["cooperating"]) == (["Ủy ban nhân dân xã"], ["Ủy ban MTTQ Việt Nam xã"])
    assert tasks["II.2"]["executing"] == ["Thường trực Ủy ban nhân dân xã", "Ban Thường trực Ủy ban MTTQ Việt Nam xã"]
    assert tasks["III.1"]["title"].startswith("Cung cấp đầy đủ")
    assert tasks["III.1"]["executing"] == ["Ủy ban nhân dân xã"]
    assert (tasks["III.2"]["lead"], tasks["III.2"]["cooperating"]) == \
        (["Ủy ban MTTQ Việt Nam xã"], ["các tổ chức chính trị - xã hội xã"])


SHORTHAND_PLAN = """
ỦY BAN NHÂN DÂN
XÃ CAO PHONG
Số: 24/KH-UBND
Cao Phong, ngày 23 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện Quy chế dân chủ ở cơ sở năm 2026
II. NỘI DUNG, NHIỆM VỤ
(Chữ viết tắt dùng trong mục này: CT - chủ trì; PH - phối hợp; TH - thực hiện; TG - thời gian thực hiện; PT - lãnh đạo phụ trách)
1. Công tác lãnh đạo, chỉ đạo
PT: Đ/c Chủ tịch UBND xã
a) Kiện toàn BCĐ thực hiện QCDC ở cơ sở xã khi có thay đổi nhân sự.
CT: VP HĐND&UBND xã; PH: Phòng VH-XH; TG: Q.I/2026.
b) Hướng dẫn Nhân dân sử dụng dịch vụ công trực tuyến.
CT: CA xã; PH: Đoàn TNCS Hồ Chí Minh xã, Tổ công nghệ số cộng đồng các xóm; TG: T3 - T6/2026.
c) Thực hiện nghiêm văn hóa ứng xử trong thi hành công vụ.
TH: CB, CC xã; TG: Thường xuyên.
d) Sơ kết 6 tháng, tổng kết năm thực hiện Kế hoạch.
CT: VP HĐND&UBND xã; TG: T6/2026 (sơ kết); Trước 15/12 (tổng kết).
"""


def test_label_shorthand_defined_by_the_plans_legend():
    """A plan that writes its labels as `CT:`, `PH:`, `TG:` and says so in a legend; times in office shorthand
    (`Q.I/2026`, `T3 - T6/2026`) and a date with no year (`Trước 15/12`), read in the plan's year and flagged."""
    tasks = by_path(valid(parse_plan(txt(SHORTHAND_PLAN))))
    a, b, c, d = (tasks[f"II.1.{x}"] for x in "abcd")
    assert (a["lead"], a["cooperating"], a["directing"]) == \
        (["VP HĐND&UBND xã"], ["Phòng VH-XH"], ["Đ/c Chủ tịch UBND xã"])
    assert a["timeframe"]["date"] == "2026-03-31"
    assert (b["lead"], b["cooperating"]) == (["CA xã"], ["Đoàn TNCS Hồ Chí Minh xã", "Tổ công nghệ số cộng đồng các xóm"])
    assert b["timeframe"]["date"] == "2026-06-30"
    assert (c["executing"], c["timeframe"]["kind"]) == (["CB, CC xã"], "continuous")
    assert d["timeframe"]["date"] == "2026-12-15"
    assert "time_year_assumed" in [f["code"] for f in d["flags"]]


def test_label_shorthand_without_a_legend():
    """Without a legend only the usual `CT`, `PH`, `TH`, `TG` count, and only two or more on one line."""
    plan = SHORTHAND_PLAN.replace(SHORTHAND_PLAN.splitlines()[8], "").replace(
        "CT: CA xã; PH: Đoàn TNCS Hồ Chí Minh xã, Tổ công nghệ số cộng đồng các xóm; TG: T3 - T6/2026.", "CT: CA xã.")
    tasks = by_path(valid(parse_plan(txt(plan))))
    assert tasks["II.1.a"]["lead"] == ["VP HĐND&UBND xã"]
    assert tasks["II.1.a"]["directing"] == []  # `PT:` means nothing without the legend
    assert tasks["II.1.b"]["lead"] == []  # `CT: CA xã.` alone is no label: `CT` may be `Chủ tịch`


def test_labels_inside_a_tasks_paragraph_in_any_order_with_roles_told_in_words():
    out = valid(parse_plan(txt("""
KẾ HOẠCH
Thực hiện dân chủ ở cơ sở trong ngành Y tế năm 2026
II. NHIỆM VỤ
Nhiệm vụ 1. Tăng cường công tác tuyên truyền về dân chủ ở cơ sở
Tổ chức quán triệt Luật Thực hiện dân chủ ở cơ sở đến toàn thể viên chức. Thời gian: quý I/2026 và duy trì thường xuyên. Đơn vị thực hiện: Văn phòng Sở và các đơn vị trực thuộc Sở, dưới sự chỉ đạo của Phó Giám đốc Sở phụ trách công tác tổ chức cán bộ.
Nhiệm vụ 2. Rà soát Quy chế thực hiện dân chủ ở cơ sở tại các đơn vị
Rà soát toàn bộ quy chế nội bộ của các bệnh viện sau khi sắp xếp. Thời hạn hoàn thành: trước ngày 31/3/2026. Phòng Tổ chức cán bộ chủ trì hướng dẫn, thẩm định; Công đoàn ngành Y tế tỉnh phối hợp; thủ trưởng các đơn vị trực thuộc chịu trách nhiệm ban hành tại đơn vị mình.
Nhiệm vụ 3. Tổ chức Hội nghị viên chức và người lao động năm 2026
Hội nghị phải được chuẩn bị chu đáo. Chỉ đạo: Giám đốc Sở. Chủ trì tổ chức: thủ trưởng các đơn vị trực thuộc Sở, với sự phối hợp của Ban Chấp hành công đoàn cơ sở. Thời gian: hoàn thành trong quý I/2026.
Nhiệm vụ 4. Tiếp nhận phản ánh của người bệnh
Duy trì đường dây nóng của Sở. Thời gian: từ tháng 02/2026. Đơn vị thực hiện: các bệnh viện, Trung tâm Y tế khu vực; Văn phòng Sở chủ trì tiếp nhận, tổng hợp phản ánh qua đường dây nóng.
""")))
    got = {t["path"]: (t["lead"], t["cooperating"], t["executing"], t["directing"], t["timeframe"]["kind"],
                       t["timeframe"]["date"]) for t in out["tasks"]}
    assert got == {
        "II.1": ([], [], ["Văn phòng Sở", "các đơn vị trực thuộc Sở"],
                 ["Phó Giám đốc Sở phụ trách công tác tổ chức cán bộ"], "deadline", "2026-03-31"),
        "II.2": (["Phòng Tổ chức cán bộ"], ["Công đoàn ngành Y tế tỉnh"], ["thủ trưởng các đơn vị trực thuộc"], [],
                 "deadline", "2026-03-31"),
        "II.3": (["thủ trưởng các đơn vị trực thuộc Sở"], ["Ban Chấp hành công đoàn cơ sở"], [], ["Giám đốc Sở"],
                 "deadline", "2026-03-31"),
        "II.4": (["Văn phòng Sở"], [], ["các bệnh viện", "Trung tâm Y tế khu vực"], [], "continuous", None),
    }


def test_ditto_cells_in_a_task_table_repeat_the_task_row_above():
    """`nt`, `-nt-`, `Như trên` (như trên, "as above") in an agency or time cell, also in a chain and across a
    group row."""
    from danvan.reader.parse.tables import table_tasks

    rows = [
        ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
        ["I", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
        ["1", "Quán triệt Kế hoạch", "Văn phòng Sở", "Các phòng thuộc Sở", "Quý I/2026"],
        ["2", "Biên soạn tài liệu hỏi - đáp", "nt", "-nt-", "Quý II/2026"],
        ["II", "DÂN CHỦ TRONG CƠ QUAN", "", "", ""],
        ["1", "Tổ chức Hội nghị cán bộ, công chức", "Như trên", "Công đoàn cơ sở Sở Nội vụ", "Nt"],
    ]
    got = [(t["path"], t["roles"]["lead"], t["roles"]["cooperating"], t["timeframe"]["date"])
           for t in table_tasks(rows, ["II"], 1, 6)]
    assert got == [
        ("II.I.1", ["Văn phòng Sở"], ["Các phòng thuộc Sở"], "2026-03-31"),
        ("II.I.2", ["Văn phòng Sở"], ["Các phòng thuộc Sở"], "2026-06-30"),
        ("II.II.1", ["Văn phòng Sở"], ["Công đoàn cơ sở Sở Nội vụ"], "2026-06-30"),
    ]


def test_a_work_programme_by_month_whose_month_is_printed_once_over_its_rows():
    plan = "\n".join([
        "CHƯƠNG TRÌNH",
        "Công tác năm 2026 của Ban Chỉ đạo",
        "Gia Lai, ngày 16 tháng 01 năm 2026",
        "II. NỘI DUNG CÔNG TÁC",
        "Tháng | Nội dung công việc | Cơ quan tham mưu | Cơ quan phối hợp | Lãnh đạo phụ trách",
        "Tháng 01 | Ban hành Chương trình công tác năm 2026 | Sở Nội vụ | Văn phòng Tỉnh ủy | Phó Trưởng ban",
        "Tháng 02 | Hội nghị tổng kết năm 2025 | Sở Nội vụ | Văn phòng Tỉnh ủy | Trưởng ban",
        " | Kiểm tra việc thực hiện dân chủ ở 04 xã | Sở Nội vụ | Thanh tra tỉnh | Phó Trưởng ban",
    ])
    from danvan.reader import read_bytes

    tasks = valid(parse_plan(read_bytes(plan.encode(), "plan.txt")))["tasks"]
    assert [(t["path"], t["executing"], t["directing"], t["timeframe"]["date"]) for t in tasks] == [
        ("II.1", ["Sở Nội vụ"], ["Phó Trưởng ban"], "2026-01-31"),
        ("II.2", ["Sở Nội vụ"], ["Trưởng ban"], "2026-02-28"),
        ("II.3", ["Sở Nội vụ"], ["Phó Trưởng ban"], "2026-02-28"),
    ]
