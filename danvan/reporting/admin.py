from django.contrib import admin

from danvan.reporting.models import Indicator, Report, ReportRequest


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "group", "order", "active"]
    list_filter = ["group", "active"]
    list_editable = ["order", "active"]


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "period_kind", "period_year", "period_index", "due_date", "plan", "is_ad_hoc"]
    list_filter = ["period_kind", "period_year", "is_ad_hoc"]
    raw_id_fields = ["plan", "duty", "sender", "recipient", "issued_by"]
    search_fields = ["sender__name", "note"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["agency", "request", "state", "submitted_at", "version"]
    list_filter = ["state"]
    raw_id_fields = ["request", "agency"]
    readonly_fields = ["version", "submitted_at"]
