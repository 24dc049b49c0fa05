"""The project's URLs plus the pages reminders link to, for tests run before config/urls.py includes them."""

from django.urls import include, path

from config.urls import urlpatterns as project_patterns

_names = {getattr(p, "namespace", None) for p in project_patterns}
urlpatterns = list(project_patterns)
for prefix, module, namespace in [("ke-hoach/", "danvan.plans.urls", "plans"),
                                  ("nhac-viec/", "danvan.reminders.urls", "reminders"),
                                  ("tong-quan/", "danvan.dashboards.urls", "dashboards")]:
    if namespace not in _names:
        urlpatterns.append(path(prefix, include(module)))
