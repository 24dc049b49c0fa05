from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "danvan.reminders"
    verbose_name = "Nhắc việc, đôn đốc"
