from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "danvan.dashboards"
    verbose_name = "Tổng quan, thống kê"
