from django.contrib import admin

from danvan.reminders.models import DigestLog, Notification, ReminderLog, ScheduledJob


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "subject", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "recipient__username"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["recipient", "item_key", "step", "day", "due_date"]
    list_filter = ["step", "day"]


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["recipient", "day", "item_count", "sent_at"]


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    list_display = ["name", "task_path", "time_of_day", "interval", "next_run_at", "last_run_at", "enabled"]
