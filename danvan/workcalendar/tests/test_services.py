"""Deadlines computed on the pre-filled calendar, and recomputed when the calendar or a rule changes."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.models import AuditEvent
from danvan.workcalendar import services
from danvan.workcalendar.explain import explanation_sentences
from danvan.workcalendar.models import CalendarDay, CalendarYear, DeadlineChange, DeadlineRule
from danvan.workcalendar.tests.conftest import OWNER

D = dt.date
pytestmark = pytest.mark.django_db


def test_the_calendar_is_prefilled_for_2025_to_2027_with_sources():
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2025, 2026, 2027]
    assert all(y.source for y in CalendarYear.objects.all())
    assert "chưa có thông báo chính thức" in CalendarYear.objects.get(year=2027).source
    assert CalendarDay.objects.get(date=D(2026, 2, 17)).name == "Tết Nguyên đán"
    assert CalendarDay.objects.get(date=D(2025, 4, 26)).kind == "working_day"


def test_loading_defaults_again_changes_nothing():
    before = CalendarDay.objects.count(), DeadlineRule.objects.count()
    result = services.calendar_load_defaults()
    assert (result["days"], result["rules"], result["years"]) == (0, 0, 0)
    assert (CalendarDay.objects.count(), DeadlineRule.objects.count()) == before


def test_five_working_days_from_before_tet_2026_land_after_the_break():
    computation = services.deadline_compute(rule="DC_CONG_KHAI", start_date=D(2026, 2, 11))
    assert computation.due_date == D(2026, 2, 25)
    skipped = {s["date"]: s["reason"] for s in computation.explanation["skipped"]}
    assert skipped["2026-02-16"] == "Tết Nguyên đán"
    assert skipped["2026-02-20"] == "Tết Nguyên đán"
    assert skipped["2026-02-14"] == "Thứ Bảy"
    assert len(skipped) == 9
    text = " ".join(explanation_sentences(computation.explanation))
    assert "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12 khoản 3" in text
    assert "Ngày bắt đầu: ngày 11 tháng 2 năm 2026." in text
    assert "ngày 17 tháng 2 năm 2026 (Thứ Ba, Tết Nguyên đán)" in text
    assert text.endswith("Hạn: ngày 25 tháng 2 năm 2026 (Thứ Tư).")


def test_a_deadline_starting_after_tet_2026_skips_nothing_but_weekends():
    computation = services.deadline_compute(rule="DC_CONG_KHAI", start_date=D(2026, 2, 23))
    assert computation.due_date == D(2026, 3, 2)
    assert {s["reason"] for s in computation.explanation["skipped"]} == {"Thứ Bảy", "Chủ nhật"}


def test_the_make_up_saturday_of_2025_is_counted_and_explained():
    computation = services.deadline_compute(rule="TC_XU_LY", start_date=D(2025, 4, 22))
    # 23, 24, 25, 26 (worked Saturday), 28, 29 … 30/4–4/5 off … 5/5.
    assert computation.due_date == D(2025, 5, 5)
    assert computation.explanation["made_up"][0]["date"] == "2025-04-26"
    assert "Tính cả ngày làm bù: ngày 26 tháng 4 năm 2025" in " ".join(explanation_sentences(computation.explanation))


def test_a_calendar_day_period_ending_on_national_day_moves_to_the_next_working_day():
    computation = services.deadline_compute(rule="TC_GIAI_QUYET", start_date=D(2025, 8, 3))
    assert computation.due_date == D(2025, 9, 3)
    assert computation.explanation["shift"]["from"] == "2025-09-02"
    text = " ".join(explanation_sentences(computation.explanation))
    assert "ngày 2 tháng 9 năm 2025, là ngày nghỉ (Thứ Ba, Quốc khánh 2/9)" in text
    assert "Bộ luật Dân sự 2015, Điều 148" in text


def test_a_printed_plan_date_is_kept_even_on_a_holiday_with_a_warning():
    computation = services.deadline_compute(rule="KH_NGAY_GHI", printed_date=D(2025, 9, 2))
    assert computation.due_date == D(2025, 9, 2)
    assert computation.explanation["warnings"]


def test_a_rule_version_that_ended_before_the_start_is_not_used():
    old = DeadlineRule.objects.create(
        code="THU_NGHIEM",
        title="Quy tắc cũ",
        legal_source="Văn bản cũ",
        unit="calendar_days",
        amount=10,
        effective_from=D(2020, 1, 1),
        effective_to=D(2024, 12, 31),
    )
    with pytest.raises(services.RuleNotEffective):
        services.deadline_compute(rule=old, start_date=D(2025, 3, 3))
    new = DeadlineRule.objects.create(
        code="THU_NGHIEM",
        title="Quy tắc mới",
        legal_source="Văn bản mới",
        unit="calendar_days",
        amount=20,
        effective_from=D(2025, 1, 1),
    )
    computation = services.deadline_compute(rule=old, start_date=D(2025, 3, 3))
    assert computation.rule == new
    assert computation.due_date == D(2025, 3, 24)  # 23/3 is a Sunday
    assert services.deadline_compute(rule="THU_NGHIEM", start_date=D(2024, 3, 4)).rule == old


def test_adding_a_holiday_moves_open_deadlines_logs_and_audits_but_leaves_closed_ones(admin_user):
    open_deadline = services.deadline_create(owner=OWNER, rule="DC_CONG_KHAI", start_date=D(2026, 3, 2))
    closed = services.deadline_create(owner=("plans.assignment", "43"), rule="DC_CONG_KHAI", start_date=D(2026, 3, 2))
    services.deadline_close(deadline=closed)
    assert open_deadline.due_date == D(2026, 3, 9)

    services.calendar_day_set(
        date=D(2026, 3, 5), kind="holiday", name="Ngày nghỉ thử nghiệm", source="Thông báo thử", actor=admin_user
    )

    open_deadline.refresh_from_db()
    closed.refresh_from_db()
    assert open_deadline.due_date == D(2026, 3, 10)
    assert closed.due_date == D(2026, 3, 9)
    change = DeadlineChange.objects.get()
    assert (change.deadline, change.old_due, change.new_due, change.actor) == (
        open_deadline,
        D(2026, 3, 9),
        D(2026, 3, 10),
        admin_user,
    )
    assert "05/03/2026" in change.reason
    audit = AuditEvent.objects.filter(action="deadline.recomputed").latest("id")
    assert audit.extra["changed"] == [open_deadline.pk]
    assert audit.actor == admin_user
    assert any(s["reason"] == "Ngày nghỉ thử nghiệm" for s in open_deadline.explanation["skipped"])

    services.calendar_day_remove(date=D(2026, 3, 5), actor=admin_user)
    open_deadline.refresh_from_db()
    assert open_deadline.due_date == D(2026, 3, 9)
    assert DeadlineChange.objects.count() == 2


def test_a_holiday_in_another_year_does_not_touch_the_deadline():
    deadline = services.deadline_create(owner=OWNER, rule="DC_CONG_KHAI", start_date=D(2026, 3, 2))
    services.calendar_day_set(date=D(2027, 3, 3), kind="holiday", name="Thử", source="x")
    assert DeadlineChange.objects.filter(deadline=deadline).count() == 0


def test_editing_a_rule_recomputes_its_open_deadlines(admin_user):
    deadline = services.deadline_create(owner=OWNER, rule="TC_GIAI_QUYET", start_date=D(2026, 3, 2))
    assert deadline.due_date == D(2026, 4, 1)
    rule = DeadlineRule.objects.get(code="TC_GIAI_QUYET")
    services.deadline_rule_update(rule=rule, amount=45, actor=admin_user)
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 4, 16)
    assert deadline.changes.get().reason == "Sửa quy tắc thời hạn TC_GIAI_QUYET"
    assert AuditEvent.objects.filter(action="deadline_rule.updated", object_id=str(rule.pk)).exists()
