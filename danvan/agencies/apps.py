from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "danvan.agencies"
    verbose_name = "Danh mục cơ quan, đơn vị"
