"""Writes: computing and storing deadlines, maintaining the calendar and the rules, recomputing what they touch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.workcalendar import defaults
from danvan.workcalendar.calendar import WorkCalendar, add_months, weekday_name
from danvan.workcalendar.models import (
    CalendarDay,
    CalendarYear,
    DayKind,
    Deadline,
    DeadlineChange,
    DeadlineRule,
    EndShift,
    RuleUnit,
)
from danvan.workcalendar.selectors import owner_key, rule_effective, work_calendar

CIVIL_CODE_END_SHIFT = "Bộ luật Dân sự 2015, Điều 148"


class RuleNotEffective(ValidationError):
    """No version of the rule is in force on the day the deadline starts."""


@dataclass(frozen=True)
class Computation:
    due_date: dt.date
    explanation: dict
    rule: DeadlineRule


def _user(actor):
    """Services accept a user or an accounts `Actor`; the audit and change log want the user."""
    return getattr(actor, "user", actor)


def _resolve_rule(rule: DeadlineRule | str, on: dt.date) -> DeadlineRule:
    code = rule if isinstance(rule, str) else rule.code
    if not isinstance(rule, str) and rule.is_effective_on(on):
        return rule
    found = rule_effective(code=code, on=on)
    if found is None:
        raise RuleNotEffective(
            f"Quy tắc thời hạn «{code}» không có hiệu lực vào ngày {on:%d/%m/%Y}.", code="rule_not_effective"
        )
    return found


def deadline_compute(
    *,
    rule: DeadlineRule | str,
    start_date: dt.date | None = None,
    printed_date: dt.date | None = None,
    on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Computation:
    """Compute a due date and the explanation of how: rule and source, start, skipped days, make-up days, shift.

    `rule` is a rule row or a rule code; the version used is the one in force on `on` (default: the start day,
    or the printed date for fixed dates). `calendar` defaults to the maintained calendar in the database.
    """
    reference = on or start_date or printed_date
    if reference is None:
        raise ValidationError("Cần ngày bắt đầu hoặc ngày ghi trong văn bản để tính thời hạn.")
    rule = _resolve_rule(rule, reference)
    calendar = calendar if calendar is not None else work_calendar()

    counting_from = None
    skipped: list = []
    made_up: list = []
    shift = None
    warnings: list[str] = []

    if rule.unit == RuleUnit.FIXED_DATE:
        if printed_date is None:
            raise ValidationError(f"Quy tắc «{rule.code}» cần ngày ghi trong văn bản.")
        result = calendar.shift_end(printed_date, rule.end_shift)
        unshifted = printed_date
        if not calendar.is_working_day(printed_date) and rule.end_shift == EndShift.NONE:
            reason = calendar.why_not_working(printed_date)
            warnings.append(f"Ngày ghi trong văn bản là ngày nghỉ ({reason.reason}).")
    else:
        if start_date is None:
            raise ValidationError(f"Quy tắc «{rule.code}» cần ngày bắt đầu.")
        counting_from = start_date + dt.timedelta(days=rule.start_offset)
        # The day before counting starts: counting functions do not count their start day.
        anchor = counting_from - dt.timedelta(days=1)
        if rule.unit == RuleUnit.WORKING_DAYS:
            counted = calendar.add_working_days(anchor, rule.amount)
            skipped = list(counted.skipped)
            made_up = list(counted.made_up)
            unshifted = counted.end
            result = calendar.shift_end(counted.end, rule.end_shift)
        elif rule.unit == RuleUnit.MONTHS:
            unshifted = add_months(start_date, rule.amount)
            result = calendar.shift_end(unshifted, rule.end_shift)
        else:
            unshifted = anchor + dt.timedelta(days=rule.amount)
            result = calendar.shift_end(unshifted, rule.end_shift)
    if result.shifted_from is not None:
        shift = {
            "from": result.shifted_from.isoformat(),
            "to": result.end.isoformat(),
            "legal_source": CIVIL_CODE_END_SHIFT,
            "skipped": [s.as_dict() for s in result.shift_skipped],
        }
    due = result.end
    explanation = {
        "rule": {
            "id": rule.pk,
            "code": rule.code,
            "title": rule.title,
            "legal_source": rule.legal_source,
            "unit": rule.unit,
            "unit_label": RuleUnit(rule.unit).label,
            "amount": rule.amount,
            "start_offset": rule.start_offset,
            "end_shift": rule.end_shift,
            "effective_from": rule.effective_from.isoformat(),
            "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        },
        "start_date": start_date.isoformat() if start_date else None,
        "counting_from": counting_from.isoformat() if counting_from else None,
        "printed_date": printed_date.isoformat() if printed_date else None,
        "amount": rule.amount,
        "unit": rule.unit,
        "skipped": [s.as_dict() for s in skipped],
        "made_up": [{"date": d.date.isoformat(), "weekday": weekday_name(d.date), "name": d.name} for d in made_up],
        "unshifted_due": unshifted.isoformat(),
        "shift": shift,
        "due_date": due.isoformat(),
        "due_weekday": weekday_name(due),
        "warnings": warnings,
    }
    return Computation(due_date=due, explanation=explanation, rule=rule)


def deadline_create(
    *,
    owner,
    rule: DeadlineRule | str,
    start_date: dt.date | None = None,
    printed_date: dt.date | None = None,
    actor=None,
) -> Deadline:
    """Compute and store a deadline for `owner` (a model instance or an `(owner_type, owner_id)` pair)."""
    owner_type, owner_id = owner_key(owner)
    computation = deadline_compute(rule=rule, start_date=start_date, printed_date=printed_date)
    with transaction.atomic():
        deadline = Deadline.objects.create(
            owner_type=owner_type,
            owner_id=owner_id,
            rule=computation.rule,
            start_date=start_date,
            printed_date=printed_date,
            due_date=computation.due_date,
            explanation=computation.explanation,
            is_open=True,
            computed_at=timezone.now(),
        )
        audit_record(
            actor=_user(actor),
            action="deadline.created",
            obj=deadline,
            summary=f"Tính hạn {computation.rule.code} cho {owner_type}#{owner_id}: {computation.due_date:%d/%m/%Y}",
        )
    return deadline


def deadline_close(*, deadline: Deadline, actor=None) -> Deadline:
    """A closed deadline (the work is done) is no longer moved by calendar or rule changes."""
    deadline.is_open = False
    deadline.save(update_fields=["is_open"])
    audit_record(actor=_user(actor), action="deadline.closed", obj=deadline)
    return deadline


def _touching_years(years: Iterable[int]) -> Q:
    condition = Q()
    for year in years:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        starts_by_end = Q(start_date__lte=last) | Q(start_date__isnull=True, printed_date__lte=last)
        condition |= Q(due_date__gte=first) & starts_by_end
    return condition


def deadlines_recompute(
    *,
    reason: str,
    actor=None,
    years: Iterable[int] | None = None,
    rule: DeadlineRule | str | None = None,
    calendar: WorkCalendar | None = None,
) -> int:
    """Recompute every open deadline whose period overlaps `years` or that uses `rule` (any version of its code).

    Saves new due dates and explanations, writes a DeadlineChange for each deadline whose due date moved and
    one audit row for the run. Returns how many due dates moved.
    """
    deadlines = Deadline.objects.filter(is_open=True).select_related("rule")
    years = sorted(set(years)) if years is not None else None
    if years:
        deadlines = deadlines.filter(_touching_years(years))
    if rule is not None:
        deadlines = deadlines.filter(rule__code=rule if isinstance(rule, str) else rule.code)
    if years is None and rule is None:
        deadlines = deadlines.all()
    user = _user(actor)
    calendar = calendar if calendar is not None else work_calendar()
    changed: list[int] = []
    failed: list[int] = []
    now = timezone.now()
    with transaction.atomic():
        for deadline in deadlines.select_for_update(of=("self",)):
            try:
                computation = deadline_compute(
                    rule=deadline.rule.code,
                    start_date=deadline.start_date,
                    printed_date=deadline.printed_date,
                    calendar=calendar,
                )
            except ValidationError:
                failed.append(deadline.pk)
                continue
            old_due = deadline.due_date
            deadline.rule = computation.rule
            deadline.due_date = computation.due_date
            deadline.explanation = computation.explanation
            deadline.computed_at = now
            deadline.save(update_fields=["rule", "due_date", "explanation", "computed_at"])
            if old_due != computation.due_date:
                DeadlineChange.objects.create(
                    deadline=deadline, old_due=old_due, new_due=computation.due_date, reason=reason[:500], actor=user
                )
                changed.append(deadline.pk)
        audit_record(
            actor=user,
            action="deadline.recomputed",
            summary=f"{reason} — {len(changed)} thời hạn thay đổi",
            reason=reason,
            years=years or [],
            rule=(rule if isinstance(rule, str) else rule.code) if rule is not None else "",
            changed=changed,
            failed=failed,
        )
    return len(changed)


def calendar_day_set(*, date: dt.date, kind: str, name: str, source: str = "", actor=None) -> CalendarDay:
    """Add or change a special day, then recompute the open deadlines of its year."""
    if kind not in DayKind.values:
        raise ValidationError(f"Loại ngày không hợp lệ: {kind}")
    if kind == DayKind.WORKING_DAY and date.weekday() < 5:
        raise ValidationError("Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật.")
    if not name.strip():
        raise ValidationError("Cần ghi tên ngày (ví dụ: Tết Nguyên đán, nghỉ bù).")
    with transaction.atomic():
        day, created = CalendarDay.objects.update_or_create(
            date=date, defaults={"kind": kind, "name": name.strip(), "source": source.strip()}
        )
        audit_record(
            actor=_user(actor),
            action="calendar.day_set",
            obj=day,
            summary=f"{'Thêm' if created else 'Sửa'} ngày {date:%d/%m/%Y}: {day.get_kind_display()} — {day.name}",
            source=day.source,
        )
        deadlines_recompute(
            reason=f"Lịch làm việc: {date:%d/%m/%Y} là {day.get_kind_display().lower()} ({day.name})",
            actor=actor,
            years=[date.year],
        )
    return day


def calendar_day_remove(*, date: dt.date, actor=None) -> bool:
    """Remove a special day (it becomes an ordinary day), then recompute the open deadlines of its year."""
    with transaction.atomic():
        day = CalendarDay.objects.filter(date=date).first()
        if day is None:
            return False
        description = f"{day.get_kind_display()} — {day.name}"
        audit_record(
            actor=_user(actor),
            action="calendar.day_removed",
            obj=day,
            summary=f"Xóa ngày {date:%d/%m/%Y}: {description}",
        )
        day.delete()
        deadlines_recompute(reason=f"Lịch làm việc: bỏ {date:%d/%m/%Y} ({description})", actor=actor, years=[date.year])
    return True


RULE_FIELDS = {
    "title",
    "legal_source",
    "unit",
    "amount",
    "start_offset",
    "end_shift",
    "effective_from",
    "effective_to",
    "notes",
}


def deadline_rule_update(*, rule: DeadlineRule, actor=None, reason: str = "", **fields) -> DeadlineRule:
    """Change a rule version, then recompute the open deadlines that use its code."""
    unknown = set(fields) - RULE_FIELDS
    if unknown:
        raise ValidationError(f"Không sửa được trường: {', '.join(sorted(unknown))}")
    before = {name: str(getattr(rule, name)) for name in fields}
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.full_clean()
    with transaction.atomic():
        rule.save()
        audit_record(
            actor=_user(actor),
            action="deadline_rule.updated",
            obj=rule,
            summary=f"Sửa quy tắc {rule.code}",
            before=before,
            after={name: str(getattr(rule, name)) for name in fields},
        )
        deadlines_recompute(reason=reason or f"Sửa quy tắc thời hạn {rule.code}", actor=actor, rule=rule)
    return rule


def deadline_rule_create(*, actor=None, **fields) -> DeadlineRule:
    """Add a rule (or a new dated version of a code); open deadlines of that code are recomputed."""
    rule = DeadlineRule(**fields)
    rule.full_clean()
    with transaction.atomic():
        rule.save()
        audit_record(actor=_user(actor), action="deadline_rule.created", obj=rule, summary=f"Thêm quy tắc {rule.code}")
        deadlines_recompute(reason=f"Thêm phiên bản quy tắc {rule.code}", actor=actor, rule=rule)
    return rule


def calendar_load_defaults(*, actor=None) -> dict[str, object]:
    """Pre-fill the 2025–2027 calendar and the seed rules; idempotent, never overwrites an administrator's rows."""
    with transaction.atomic():
        result = defaults.load_defaults(CalendarYear=CalendarYear, CalendarDay=CalendarDay, DeadlineRule=DeadlineRule)
        if result["days"] or result["rules"] or result["years"]:
            audit_record(actor=_user(actor), action="calendar.defaults_loaded", summary="Nạp lịch mặc định", **result)
        if result["touched_years"]:
            deadlines_recompute(reason="Nạp lịch mặc định", actor=actor, years=result["touched_years"])
    return result
