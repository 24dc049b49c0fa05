from __future__ import annotations

import datetime as dt

from django.urls import reverse
from freezegun import freeze_time

from danvan.reminders.models import Notification, NotificationKind
from danvan.reminders.services import daily_reminders_run
from danvan.reporting.models import Report, ReportRequest, ReportState


def test_report_requests_are_reminded_until_submitted(province):
    request = ReportRequest.objects.create(plan=province["plan"], sender=province["stp"], recipient=province["snv"],
                                           period_kind="monthly", period_year=2026, period_index=9,
                                           due_date=dt.date(2026, 10, 7))
    daily_reminders_run(day=dt.date(2026, 10, 2))
    [n] = Notification.objects.filter(recipient=province["tuphap"])
    assert n.kind == NotificationKind.BEFORE
    assert "Báo cáo" in n.text

    Report.objects.create(request=request, agency=province["stp"], state=ReportState.SUBMITTED)
    daily_reminders_run(day=dt.date(2026, 10, 8))
    assert Notification.objects.filter(recipient=province["tuphap"]).count() == 1
    assert not Notification.objects.filter(kind=NotificationKind.ESCALATION).exists()


def test_a_returned_report_is_chased_after_the_due_date(province):
    request = ReportRequest.objects.create(plan=province["plan"], sender=province["stp"], recipient=province["snv"],
                                           period_kind="monthly", period_year=2026, period_index=9,
                                           due_date=dt.date(2026, 10, 7))
    Report.objects.create(request=request, agency=province["stp"], state=ReportState.RETURNED)
    daily_reminders_run(day=dt.date(2026, 10, 8))
    assert Notification.objects.filter(recipient=province["noivu"], kind=NotificationKind.ESCALATION).count() == 1


def test_a_person_sees_and_marks_their_notifications(client, province, deadline_for):
    deadline_for(dt.date(2026, 10, 7))
    daily_reminders_run(day=dt.date(2026, 10, 2))
    client.force_login(province["tuphap"])
    page = client.get(reverse("reminders:list"))
    assert page.status_code == 200
    assert "Sắp đến hạn" in page.content.decode()
    assert "1 chưa đọc" in page.content.decode()
    n = Notification.objects.get(recipient=province["tuphap"])
    with freeze_time("2026-10-02 03:00:00"):
        client.post(reverse("reminders:mark_read", args=[n.pk]))
    n.refresh_from_db()
    assert n.read_at is not None


def test_nobody_can_mark_someone_elses_notification(client, province, deadline_for):
    deadline_for(dt.date(2026, 10, 7))
    daily_reminders_run(day=dt.date(2026, 10, 2))
    n = Notification.objects.filter(recipient=province["tuphap"]).get()
    client.force_login(province["tuphap2"])
    assert client.post(reverse("reminders:mark_read", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None
