import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.agencies.models import Agency

pytestmark = pytest.mark.urls("danvan.agencies.tests.urls")


def test_directory_requires_login(client, can_tho):
    response = client.get(reverse("agencies:directory"))
    assert response.status_code == 302
    assert "dang-nhap" in response["Location"]


def test_directory_shows_the_tree_of_the_users_government(client, officer, an_nhon):
    client.force_login(officer)
    response = client.get(reverse("agencies:directory"))
    assert response.status_code == 200
    assert "Sở Nội vụ thành phố Cần Thơ" in response.text
    assert "Ủy ban nhân dân phường Cái Khế" in response.text
    assert "An Nhơn" not in response.text
    assert "Nhập danh mục" not in response.text


def test_search_without_accents(client, officer):
    client.force_login(officer)
    response = client.get(reverse("agencies:directory"), {"q": "so noi vu"})
    assert "Sở Nội vụ thành phố Cần Thơ" in response.text
    assert "Sở Tư pháp" not in response.text


def test_detail_shows_aliases_validity_successors_and_groups(client, officer):
    client.force_login(officer)
    response = client.get(reverse("agencies:detail", args=["hg-ubnd"]), {"ngay": "2025-09-15"})
    assert response.status_code == 200
    assert "30/06/2025" in response.text
    assert "Ủy ban nhân dân thành phố Cần Thơ" in response.text
    root = client.get(reverse("agencies:detail", args=["ct-ubnd"]), {"ngay": "2025-09-15"}).text
    assert "UBND cấp huyện — 0 cơ quan" in root
    assert "UBND xã, phường — 103 cơ quan" in root
    assert "UBND TP Cần Thơ" in root  # an alias
    district = client.get(reverse("agencies:detail", args=["ct-huyen-ninh-kieu"]), {"ngay": "2025-09-15"}).text
    assert "không có cơ quan kế thừa" in district


def test_detail_of_another_government_is_forbidden(client, officer, an_nhon):
    client.force_login(officer)
    assert client.get(reverse("agencies:detail", args=["an-phong-noi-vu"])).status_code == 403


def test_admin_sees_every_government(client, make_user, can_tho, an_nhon):
    client.force_login(make_user("quan-tri", Role.ADMINISTRATOR))
    text = client.get(reverse("agencies:directory")).text
    assert "Ủy ban nhân dân thị xã An Nhơn" in text and "Ủy ban nhân dân thành phố Cần Thơ" in text


@pytest.mark.parametrize("fmt, content_type", [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_export_download(client, officer, fmt, content_type):
    client.force_login(officer)
    response = client.get(reverse("agencies:export", args=[fmt]))
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert f"danh-muc-co-quan.{fmt}" in response["Content-Disposition"]
    if fmt == "csv":
        assert "Sở Nội vụ thành phố Cần Thơ" in response.content.decode("utf-8-sig")


def test_import_is_for_coordinators_and_admins_only(client, officer, make_user, can_tho):
    url = reverse("agencies:import")
    client.force_login(officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"tep": SimpleUploadedFile("a.csv", b"code,name,kind\nz,Z,so\n")}).status_code == 403
    assert not Agency.objects.filter(code="z").exists()
    client.force_login(make_user("lanh-dao", Role.LEADER, can_tho))
    assert client.get(url).status_code == 403
    client.force_login(make_user("khong-vai-tro", None))
    assert client.get(url).status_code == 403


def test_coordinator_imports_a_file(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("a.csv", "code,name,kind,parent_code\nct-so-moi,Sở Mới,so,ct-ubnd\n".encode())
    response = client.post(reverse("agencies:import"), {"tep": upload}, follow=True)
    assert response.status_code == 200
    assert "1 cơ quan mới" in response.text
    assert Agency.objects.get(code="ct-so-moi").parent.code == "ct-ubnd"


def test_import_errors_are_listed_per_row(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("a.csv", "code,name,kind\nok,Được,so\nsai,Sai,bo\n".encode())
    response = client.post(reverse("agencies:import"), {"tep": upload})
    assert response.status_code == 400
    assert "Dòng 3:" in response.text
    assert "chưa nhập dòng nào" in response.text
    assert not Agency.objects.filter(code="ok").exists()
    broken = client.post(reverse("agencies:import"), {"tep": SimpleUploadedFile("a.xlsx", b"rubbish")})
    assert "Tệp Excel bị hỏng" in broken.text
