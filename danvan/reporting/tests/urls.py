"""The project's URLs plus reporting (and plans), for tests run before config/urls.py includes them."""

from django.urls import include, path

from config.urls import urlpatterns as project_patterns

_names = {getattr(p, "namespace", None) for p in project_patterns}
urlpatterns = list(project_patterns)
if "reporting" not in _names:
    urlpatterns.append(path("bao-cao/", include("danvan.reporting.urls")))
if "plans" not in _names:
    urlpatterns.append(path("ke-hoach/", include("danvan.plans.urls")))
