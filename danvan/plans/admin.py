from django.contrib import admin

from danvan.plans.models import Assignment, AssignmentDeadline, ImportJob, Plan, ReportDuty, Task


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["symbol", "title", "issuer", "issued_on", "status", "government"]
    list_filter = ["status", "government"]
    search_fields = ["symbol", "title", "search_text"]
    raw_id_fields = ["issuer_agency", "government", "parent_plan", "created_by"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["source_name", "created_by", "created_at", "state", "version", "plan"]
    list_filter = ["state"]
    readonly_fields = ["result", "review"]
    raw_id_fields = ["government", "created_by", "plan"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["plan", "path", "title", "timeframe_kind"]
    search_fields = ["path", "title"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["task", "agency", "role", "state"]
    list_filter = ["role", "state"]
    raw_id_fields = ["task", "agency", "resolved_via"]


admin.site.register(
    AssignmentDeadline,
    raw_id_fields=["assignment"],
    list_display=["assignment", "due_date", "period_label", "is_continuous"],
)
admin.site.register(ReportDuty, raw_id_fields=["plan"], filter_horizontal=["senders", "recipients"])
