from django.apps import AppConfig


class WorkCalendarConfig(AppConfig):
    name = "danvan.workcalendar"
    verbose_name = "Lịch làm việc và thời hạn"
