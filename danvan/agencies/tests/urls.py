"""The project's URLs plus the directory, until config/urls.py includes it."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *[p for p in project_urlpatterns if getattr(p, "pattern", None) and str(p.pattern) != "co-quan/"],
    path("co-quan/", include("danvan.agencies.urls")),
]
