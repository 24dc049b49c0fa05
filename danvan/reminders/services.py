"""Writes: the daily reminder run (notifications, escalation, digests), notifications read, the scheduler.

Idempotence: every reminder is a `ReminderLog` row created in the same savepoint as its `Notification`; every
digest is a `DigestLog` row created in the same transaction that sends the e-mail. A run repeated on the same day
(a retry, two workers, a catch-up) hits the unique constraints and skips what was already done.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string

from danvan.core.dates import date_in_words
from danvan.reminders import selectors
from danvan.reminders.models import (
    DigestLog,
    Notification,
    NotificationKind,
    ReminderLog,
    ReminderStep,
    ScheduledJob,
)
from danvan.workcalendar.calendar import WorkCalendar
from danvan.workcalendar.selectors import work_calendar

logger = logging.getLogger(__name__)

# Overdue items are chased again every so many working days until they are done.
OVERDUE_REPEAT_WORKING_DAYS = 5


@dataclass
class RunSummary:
    day: dt.date
    skipped_day_off: bool = False
    reminders: int = 0
    digests: int = 0
    by_step: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"day": self.day.isoformat(), "skipped_day_off": self.skipped_day_off, "reminders": self.reminders,
                "digests": self.digests, "by_step": self.by_step}


def local_today() -> dt.date:
    return timezone.localdate()


def _message(*, item: selectors.ReminderItem, step: str, kind: str, today: dt.date,
             calendar: WorkCalendar) -> tuple[str, str]:
    due = date_in_words(item.due_date)
    what = "Báo cáo" if item.kind == "report" else "Nhiệm vụ"
    if kind == NotificationKind.ESCALATION:
        late = calendar.working_days_between(item.due_date, today)
        return (
            f"Đôn đốc: {item.agency_name} chưa hoàn thành việc quá hạn",
            f"{what} «{item.title}» ({item.context}) giao {item.agency_name}, hạn {due}, "
            f"đã quá hạn {late} ngày làm việc mà chưa hoàn thành.",
        )
    if step == ReminderStep.OVERDUE:
        late = calendar.working_days_between(item.due_date, today)
        return (
            f"Quá hạn: {item.title}",
            f"{what} «{item.title}» ({item.context}) của {item.agency_name} có hạn {due}, "
            f"đã quá hạn {late} ngày làm việc. Đề nghị khẩn trương hoàn thành và cập nhật kết quả.",
        )
    if step == ReminderStep.DUE:
        return (
            f"Đến hạn: {item.title}",
            f"{what} «{item.title}» ({item.context}) của {item.agency_name} đến hạn {due}.",
        )
    left = calendar.working_days_between(today, item.due_date)
    return (
        f"Sắp đến hạn: {item.title}",
        f"{what} «{item.title}» ({item.context}) của {item.agency_name} có hạn {due}, "
        f"còn {left} ngày làm việc.",
    )


def _recipients(*, item: selectors.ReminderItem, step: str, people: dict, coordinators: dict) -> dict[int, tuple]:
    """user id -> (user, notification kind) for one item at one step; escalation wins over a plain reminder."""
    found: dict[int, tuple] = {}
    agency_people = people.get(item.agency_id)
    plain = NotificationKind.OVERDUE if step == ReminderStep.OVERDUE else NotificationKind(step)
    for user in agency_people.officers if agency_people else []:
        found[user.pk] = (user, plain)
    if step == ReminderStep.OVERDUE:
        for user in (agency_people.heads if agency_people else []) + coordinators.get(item.government_id, []):
            found[user.pk] = (user, NotificationKind.ESCALATION)
    return found


def reminders_send(*, today: dt.date, calendar: WorkCalendar | None = None) -> RunSummary:
    """Create today's in-app reminders: before the due date, on it, and after it (with escalation).

    Nothing is sent on a day off: the next working day's run picks up whatever step then applies.
    """
    calendar = calendar if calendar is not None else work_calendar()
    summary = RunSummary(day=today)
    if not calendar.is_working_day(today):
        summary.skipped_day_off = True
        return summary
    lead = selectors.reminder_lead_days(on=today)
    # Wide enough to hold every item whose "before" day is today, even across a long holiday.
    horizon = calendar.add_working_days(today, lead).end
    items = selectors.reminder_items_open(today=today, horizon=horizon)
    stepped = [(item, step) for item in items
               if (step := selectors.step_for(item_due=item.due_date, today=today, lead=lead, calendar=calendar))]
    if not stepped:
        return summary
    governments = selectors.government_map()
    items_for_gov = [item for item, _ in stepped]
    for item in items_for_gov:
        if item.government_id is None:
            item.government_id = governments.get(item.agency_id)
    people = selectors.people_by_agency(agency_ids={item.agency_id for item in items_for_gov})
    coordinators = selectors.coordinators_by_government(governments=governments)

    # What was already sent, for all candidate items in one query: (recipient, item, step) -> last day.
    sent: dict[tuple[int, str, str], dt.date] = {}
    keys = {item.key for item in items_for_gov}
    for recipient_id, item_key, step, day in ReminderLog.objects.filter(item_key__in=keys).values_list(
        "recipient_id", "item_key", "step", "day"
    ):
        previous = sent.get((recipient_id, item_key, step))
        if previous is None or day > previous:
            sent[(recipient_id, item_key, step)] = day

    for item, step in stepped:
        for user_id, (user, kind) in _recipients(item=item, step=step, people=people,
                                                 coordinators=coordinators).items():
            last = sent.get((user_id, item.key, step))
            if last is not None:
                if step != ReminderStep.OVERDUE:
                    continue
                if last == today or calendar.working_days_between(last, today) < OVERDUE_REPEAT_WORKING_DAYS:
                    continue
            if _remind_once(user=user, item=item, step=step, kind=kind, today=today, calendar=calendar):
                summary.reminders += 1
                summary.by_step[step] = summary.by_step.get(step, 0) + 1
    return summary


def _remind_once(*, user, item: selectors.ReminderItem, step: str, kind: str, today: dt.date,
                 calendar: WorkCalendar) -> bool:
    subject, text = _message(item=item, step=step, kind=kind, today=today, calendar=calendar)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(recipient=user, kind=kind, subject=subject[:255], text=text,
                                                        link=item.link)
            ReminderLog.objects.create(recipient=user, item_key=item.key, step=step, day=today,
                                       due_date=item.due_date, notification=notification)
    except IntegrityError:
        # Another run (a retry, a second worker) already sent this step today.
        return False
    return True


def digests_send(*, today: dt.date) -> int:
    """Send each person one e-mail listing today's reminders; none when they have none; never twice a day."""
    logs = (
        ReminderLog.objects.filter(day=today, notification__isnull=False)
        .select_related("notification", "recipient")
        .order_by("recipient_id", "due_date", "id")
    )
    by_user: dict[int, list[ReminderLog]] = {}
    for log in logs:
        by_user.setdefault(log.recipient_id, []).append(log)
    if not by_user:
        return 0
    already = set(DigestLog.objects.filter(day=today, recipient_id__in=by_user).values_list("recipient_id", flat=True))
    site = getattr(settings, "DANVAN_SITE_URL", "").rstrip("/")
    sent = 0
    for user_id, entries in by_user.items():
        user = entries[0].recipient
        if user_id in already or not user.email:
            continue
        context = {
            "user": user,
            "today": today,
            "entries": entries,
            "escalations": [e for e in entries if e.notification.kind == NotificationKind.ESCALATION],
            "site": site,
        }
        subject = f"[danvan] Nhắc việc {date_in_words(today)}: {len(entries)} việc cần chú ý"
        body = render_to_string("reminders/digest_email.txt", context)
        try:
            with transaction.atomic():
                DigestLog.objects.create(recipient=user, day=today, item_count=len(entries))
                # Sent inside the transaction: if sending fails, the log rolls back and a retry sends again.
                send_mail(subject, body, None, [user.email])
        except IntegrityError:
            continue
        sent += 1
    return sent


def daily_reminders_run(*, day: dt.date | None = None) -> RunSummary:
    """The daily job: reminders, then one digest per person."""
    today = day or local_today()
    summary = reminders_send(today=today)
    if not summary.skipped_day_off:
        summary.digests = digests_send(today=today)
    logger.info("Nhắc việc %s: %s", today, summary.as_dict())
    return summary


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


# --- The scheduler -------------------------------------------------------------------------------------------

DEFAULT_JOBS = [
    # name, task path, local time of day
    ("nhac-viec-hang-ngay", "danvan.reminders.tasks.send_daily_reminders", dt.time(7, 0)),
]


def scheduled_jobs_ensure(*, now: dt.datetime | None = None) -> list[ScheduledJob]:
    """Create the default periodic jobs that are missing; existing rows (and their next run) are left alone."""
    now = now or timezone.now()
    jobs = []
    for name, path, at in DEFAULT_JOBS:
        job = ScheduledJob.objects.filter(name=name).first()
        if job is None:
            job = ScheduledJob(name=name, task_path=path, time_of_day=at)
            job.next_run_at = job.next_after(now)
            try:
                with transaction.atomic():
                    job.save()
            except IntegrityError:
                job = ScheduledJob.objects.get(name=name)
        jobs.append(job)
    return jobs


def scheduler_tick(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every enabled job whose next run has come, and store its next run.

    A job missed for several days (the server was off) runs once, now, and is then scheduled for its next
    regular slot after now: catch up once, not once per missed day. The daily reminder run reads the current
    state (what is due, what is overdue), so one run covers the missed days; only their digests are not resent.
    """
    now = now or timezone.now()
    ran: list[str] = []
    due_ids = list(ScheduledJob.objects.filter(enabled=True, next_run_at__lte=now).values_list("id", flat=True))
    for job_id in due_ids:
        with transaction.atomic():
            # Locked so that two schedulers (two worker processes) never enqueue the same run.
            job = ScheduledJob.objects.select_for_update().filter(pk=job_id, next_run_at__lte=now).first()
            if job is None:
                continue
            job.last_run_at = now
            job.next_run_at = job.next_after(now)
            job.save(update_fields=["last_run_at", "next_run_at"])
            task = import_string(job.task_path)
            transaction.on_commit(task.enqueue)
        ran.append(job.name)
    return ran
