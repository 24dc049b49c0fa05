"""The standard indicators of dân vận chính quyền and grassroots-democracy reports.

Groups follow the Bắc Giang THDCCS data-entry system (DOMAIN.md §9.3), plus the dân vận items every
periodic report asks for (propaganda, dialogue, citizen reception, petitions, Dân vận khéo, training).
"""

from django.db import migrations

# (code, name, unit, group, not_more_than)
CATALOGUE = [
    ("propaganda_sessions", "Số buổi, cuộc tuyên truyền, phổ biến", "buổi", "Tuyên truyền, phổ biến", None),
    ("propaganda_participants", "Số lượt người tham dự tuyên truyền, phổ biến", "lượt người",
     "Tuyên truyền, phổ biến", None),
    ("dialogues_held", "Số cuộc đối thoại với Nhân dân", "cuộc", "Đối thoại, tiếp công dân", None),
    ("citizens_received", "Số lượt công dân được tiếp", "lượt", "Đối thoại, tiếp công dân", None),
    ("petitions_received", "Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận", "đơn",
     "Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh", None),
    ("petitions_resolved", "Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã giải quyết", "đơn",
     "Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh", "petitions_received"),
    ("dvk_registered", "Số mô hình \u201cDân vận khéo\u201d đăng ký", "mô hình", "Phong trào thi đua \u201cDân vận khéo\u201d",
     None),
    ("dvk_recognised", "Số mô hình \u201cDân vận khéo\u201d được công nhận", "mô hình",
     "Phong trào thi đua \u201cDân vận khéo\u201d", "dvk_registered"),
    ("training_courses", "Số lớp tập huấn, bồi dưỡng", "lớp", "Tập huấn, bồi dưỡng", None),
    ("trainees", "Số lượt người được tập huấn, bồi dưỡng", "lượt người", "Tập huấn, bồi dưỡng", None),
    ("disclosures", "Số nội dung đã công khai", "nội dung", "Kết quả công khai thông tin", None),
    ("matters_decided", "Số nội dung Nhân dân bàn và quyết định trực tiếp", "nội dung",
     "Nhân dân bàn và quyết định", None),
    ("matters_opinion", "Số nội dung Nhân dân tham gia ý kiến", "nội dung", "Nhân dân tham gia ý kiến", None),
    ("people_inspections", "Số cuộc kiểm tra, giám sát của Nhân dân", "cuộc", "Nhân dân kiểm tra, giám sát", None),
    ("ttnd_supervisions", "Số cuộc giám sát của Ban Thanh tra nhân dân", "cuộc", "Kết quả hoạt động của Ban Thanh tra nhân dân",
     None),
    ("gsdtcd_supervisions", "Số cuộc giám sát của Ban giám sát đầu tư của cộng đồng", "cuộc",
     "Kết quả hoạt động của Ban giám sát đầu tư của cộng đồng", None),
    ("village_meetings", "Số cuộc hội nghị thôn, tổ dân phố", "cuộc", "Hội nghị thôn, tổ dân phố", None),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    by_code = {}
    for order, (code, name, unit, group, _cap) in enumerate(CATALOGUE, start=1):
        by_code[code], _ = Indicator.objects.update_or_create(
            code=code, defaults={"name": name, "unit": unit, "group": group, "order": order * 10, "active": True})
    for code, *_rest, cap in CATALOGUE:
        if cap:
            Indicator.objects.filter(code=code).update(not_more_than=by_code[cap])


def unseed(apps, schema_editor):
    apps.get_model("reporting", "Indicator").objects.filter(code__in=[row[0] for row in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
