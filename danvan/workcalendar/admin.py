"""Django admin for the calendar and rules; every write goes through the services so deadlines are recomputed."""

from __future__ import annotations

from django.contrib import admin

from danvan.workcalendar import services
from danvan.workcalendar.models import CalendarDay, CalendarYear, Deadline, DeadlineChange, DeadlineRule


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "source"]

    def save_model(self, request, obj, form, change):
        if change and "date" in form.changed_data:
            old_date = CalendarDay.objects.get(pk=obj.pk).date
            services.calendar_day_remove(date=old_date, actor=request.user)
        saved = services.calendar_day_set(
            date=obj.date, kind=obj.kind, name=obj.name, source=obj.source, actor=request.user
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.calendar_day_remove(date=obj.date, actor=request.user)

    def delete_queryset(self, request, queryset):
        for day in list(queryset):
            services.calendar_day_remove(date=day.date, actor=request.user)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "unit", "amount", "legal_source", "effective_from", "effective_to"]
    list_filter = ["unit"]
    search_fields = ["code", "title", "legal_source"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            fields = {f: getattr(obj, f) for f in ["code", *services.RULE_FIELDS]}
            obj.pk = services.deadline_rule_create(actor=request.user, **fields).pk
            return
        changed = {f: form.cleaned_data[f] for f in form.changed_data if f in services.RULE_FIELDS}
        if changed:
            services.deadline_rule_update(rule=DeadlineRule.objects.get(pk=obj.pk), actor=request.user, **changed)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["owner_type", "owner_id", "rule", "start_date", "due_date", "is_open"]
    list_filter = ["is_open", "rule__code"]
    readonly_fields = ["explanation", "computed_at", "due_date"]


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(admin.ModelAdmin):
    list_display = ["deadline", "old_due", "new_due", "reason", "at", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
