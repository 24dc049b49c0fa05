"""The administrator's calendar page and the page that explains a deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.workcalendar import services
from danvan.workcalendar.models import CalendarDay
from danvan.workcalendar.tests.conftest import OWNER

pytestmark = [pytest.mark.django_db, pytest.mark.urls("danvan.workcalendar.tests.urls")]


def test_an_administrator_sees_the_year_with_holidays_marked_in_text(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("workcalendar:calendar_year", args=[2026]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tháng 2/2026" in page
    assert "[Lễ]" in page and "[Nghỉ bù]" in page
    assert "congan.com.vn" in page  # the year's source


def test_an_officer_cannot_open_the_calendar_editor(client, officer):
    client.force_login(officer)
    assert client.get(reverse("workcalendar:calendar_year", args=[2026])).status_code == 403
    response = client.post(
        reverse("workcalendar:calendar_day_add"),
        {"date": "2026-03-05", "kind": "holiday", "name": "Thử", "source": "x"},
    )
    assert response.status_code == 403
    assert not CalendarDay.objects.filter(date=dt.date(2026, 3, 5)).exists()


def test_an_administrator_adds_and_removes_a_day_and_the_change_log_shows_the_moved_deadline(client, admin_user):
    deadline = services.deadline_create(owner=OWNER, rule="DC_CONG_KHAI", start_date=dt.date(2026, 3, 2))
    client.force_login(admin_user)
    response = client.post(
        reverse("workcalendar:calendar_day_add"),
        {"date": "2026-03-05", "kind": "holiday", "name": "Ngày nghỉ đột xuất", "source": "Quyết định thử"},
        follow=True,
    )
    assert "Đã lưu ngày 05/03/2026" in response.content.decode()
    assert "09/03/2026" in response.content.decode() and "10/03/2026" in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 3, 10)

    client.post(reverse("workcalendar:calendar_day_remove"), {"date": "2026-03-05"})
    assert not CalendarDay.objects.filter(date=dt.date(2026, 3, 5)).exists()
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 3, 9)


def test_any_logged_in_user_reads_a_deadline_explained_in_sentences(client, officer):
    deadline = services.deadline_create(owner=OWNER, rule="DC_CONG_KHAI", start_date=dt.date(2026, 2, 10))
    client.force_login(officer)
    page = client.get(reverse("workcalendar:deadline_explain", args=[deadline.pk])).content.decode()
    assert "Quy tắc: Công khai thông tin (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12 khoản 3" in page
    assert "Ngày bắt đầu: ngày 10 tháng 2 năm 2026." in page
    assert "ngày 16 tháng 2 năm 2026 (Thứ Hai, Tết Nguyên đán)" in page
    assert "Hạn: ngày 24 tháng 2 năm 2026 (Thứ Ba)." in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    deadline = services.deadline_create(owner=OWNER, rule="DC_CONG_KHAI", start_date=dt.date(2026, 2, 5))
    response = client.get(reverse("workcalendar:deadline_explain", args=[deadline.pk]))
    assert response.status_code == 302


def test_saving_a_day_in_the_django_admin_goes_through_the_service_and_recomputes(client, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    deadline = services.deadline_create(owner=OWNER, rule="DC_CONG_KHAI", start_date=dt.date(2026, 3, 2))
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:workcalendar_calendarday_add"),
        {"date": "2026-03-05", "kind": "day_off", "name": "Nghỉ bù thử", "source": "Thông báo thử"},
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 3, 10)
    day = CalendarDay.objects.get(date=dt.date(2026, 3, 5))
    client.post(reverse("admin:workcalendar_calendarday_delete", args=[day.pk]), {"post": "yes"})
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 3, 9)
    assert deadline.changes.count() == 2
