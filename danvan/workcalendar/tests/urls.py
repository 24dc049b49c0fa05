"""The project's URLs plus this app's, until config/urls.py includes them (the lead owns that file)."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "workcalendar" for p in urlpatterns):
    urlpatterns.append(path("lich/", include("danvan.workcalendar.urls")))
