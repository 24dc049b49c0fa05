from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from freezegun import freeze_time

from danvan.plans.models import AssignmentRole, AssignmentState
from danvan.reminders.models import DigestLog, Notification, NotificationKind, ReminderLog
from danvan.reminders.services import daily_reminders_run
from danvan.reminders.tasks import send_daily_reminders
from danvan.workcalendar.models import DeadlineRule

D = dt.date


def received(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("id"))


def run(day: dt.date):
    with freeze_time(f"{day.isoformat()} 00:05:00"):  # 07:05 in Hà Nội
        return send_daily_reminders.enqueue().return_value


# Friday 2 October 2026, due date Wednesday 7 October: 3 working days before is Friday 2 October.
DUE = D(2026, 10, 7)


def test_reminder_goes_to_the_agency_officers_three_working_days_before(province, deadline_for):
    """The officers of the assigned agency get one 'before' reminder; nobody else does."""
    deadline_for(DUE)
    run(D(2026, 10, 1))
    assert Notification.objects.count() == 0

    result = run(D(2026, 10, 2))
    assert result["reminders"] == 2
    for who in ("tuphap", "tuphap2"):
        [n] = received(province[who])
        assert n.kind == NotificationKind.BEFORE
        assert "ngày 7 tháng 10 năm 2026" in n.text
        assert "còn 3 ngày làm việc" in n.text
    for who in ("noivu", "giamdoc", "lanhdao", "annhon"):
        assert received(province[who]) == []


def test_each_step_exactly_once_even_when_the_job_runs_twice(province, deadline_for):
    """Before, on the day and after: one reminder per person per step, also when the job is retried."""
    deadline_for(DUE)
    for day in (D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7), D(2026, 10, 8), D(2026, 10, 9)):
        run(day)
        run(day)  # a retry
    officer_kinds = [n.kind for n in received(province["tuphap"])]
    assert officer_kinds == [NotificationKind.BEFORE, NotificationKind.DUE, NotificationKind.OVERDUE]
    # Escalation after the due date: the agency head and the coordinator of the same government, once each.
    assert [n.kind for n in received(province["giamdoc"])] == [NotificationKind.ESCALATION]
    assert [n.kind for n in received(province["noivu"])] == [NotificationKind.ESCALATION]
    assert "Sở Tư pháp" in received(province["noivu"])[0].subject
    # The coordinator of another government and the read-only leader hear nothing.
    assert received(province["annhon"]) == []
    assert received(province["lanhdao"]) == []


def test_overdue_items_are_chased_again_a_week_later(province, deadline_for):
    deadline_for(DUE)
    run(D(2026, 10, 8))
    run(D(2026, 10, 14))  # 4 working days later: not yet
    run(D(2026, 10, 15))  # 5 working days later: again
    run(D(2026, 10, 15))
    assert [n.kind for n in received(province["noivu"])] == [NotificationKind.ESCALATION] * 2


def test_done_assignments_and_directing_roles_get_no_reminder(province, deadline_for):
    done = deadline_for(DUE)
    done.assignment.state = AssignmentState.DONE
    done.assignment.save()
    deadline_for(DUE, role=AssignmentRole.DIRECTING)
    run(D(2026, 10, 8))
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_one_digest_per_person_per_day_never_empty_never_twice(province, deadline_for):
    """Two items for the same officer on the same day make one e-mail listing both; a retry sends nothing."""
    deadline_for(DUE)
    today_item = deadline_for(D(2026, 10, 2))  # due today
    run(D(2026, 10, 2))
    run(D(2026, 10, 2))
    to_tuphap = [m for m in mail.outbox if m.to == ["tuphap@example.vn"]]
    assert len(to_tuphap) == 1
    body = to_tuphap[0].body
    assert "Sắp đến hạn" in body and "Đến hạn" in body
    assert "ngày 2 tháng 10 năm 2026" in to_tuphap[0].subject
    assert DigestLog.objects.filter(recipient=province["tuphap"]).count() == 1
    # People with nothing due get no e-mail at all.
    assert not [m for m in mail.outbox if m.to == ["noivu@example.vn"]]

    mail.outbox.clear()
    today_item.assignment.state = AssignmentState.DONE
    today_item.assignment.save()
    run(D(2026, 10, 5))  # nothing new on Monday: the before step was already sent, the other item is done
    assert mail.outbox == []


def test_nothing_is_sent_on_a_day_off(province, deadline_for):
    deadline_for(D(2026, 10, 5))
    result = run(D(2026, 10, 4))  # Sunday
    assert result["skipped_day_off"] is True
    assert Notification.objects.count() == 0


def test_a_due_date_on_a_sunday_is_announced_on_the_friday(province, deadline_for):
    deadline_for(D(2026, 10, 4))
    run(D(2026, 10, 2))
    assert [n.kind for n in received(province["tuphap"])] == [NotificationKind.DUE]


def test_reminder_before_a_due_date_just_after_tet_comes_before_tet(province, deadline_for):
    """Tết Bính Ngọ: off from Saturday 14 to Sunday 22 February 2026. Due Monday 23 February: 3 working days
    before is Wednesday 11 February, not a day in the holiday."""
    deadline_for(D(2026, 2, 23))
    run(D(2026, 2, 10))
    assert Notification.objects.count() == 0
    run(D(2026, 2, 11))
    [n] = received(province["tuphap"])
    assert n.kind == NotificationKind.BEFORE
    for day in range(12, 23):
        run(D(2026, 2, day))
    assert [n.kind for n in received(province["tuphap"])] == [NotificationKind.BEFORE]
    run(D(2026, 2, 13))
    assert [n.kind for n in received(province["tuphap"])] == [NotificationKind.BEFORE]


def test_lead_time_follows_the_workcalendar_rule(province, deadline_for):
    """An administrator changing the NHAC_VIEC rule to 5 working days moves the first reminder earlier."""
    DeadlineRule.objects.filter(code="NHAC_VIEC").update(amount=5)
    deadline_for(DUE)
    run(D(2026, 9, 30))
    assert [n.kind for n in received(province["tuphap"])] == [NotificationKind.BEFORE]


def test_reminder_log_is_unique_per_person_item_step_day(province, deadline_for):
    deadline_for(DUE)
    daily_reminders_run(day=D(2026, 10, 2))
    assert ReminderLog.objects.filter(recipient=province["tuphap"]).count() == 1
    from django.db import IntegrityError, transaction

    log = ReminderLog.objects.filter(recipient=province["tuphap"]).get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(recipient=log.recipient, item_key=log.item_key, step=log.step, day=log.day,
                                   due_date=log.due_date)
