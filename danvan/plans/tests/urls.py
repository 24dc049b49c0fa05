"""The project's URLs plus plans, the API and the working calendar, for tests run before config/urls.py
includes them. While another app's code is half-written, the project URLs may not import: fall back to the
few pages base.html needs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.core import views as core_views

try:
    from config.urls import urlpatterns as project_patterns
except ImportError:
    project_patterns = [
        path("", core_views.home, name="home"),
        path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
        path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
        path("co-quan/", include("danvan.agencies.urls")),
    ]

_names = {getattr(p, "namespace", None) for p in project_patterns}
urlpatterns = list(project_patterns)
if "plans" not in _names:
    urlpatterns.append(path("ke-hoach/", include("danvan.plans.urls")))
if "api" not in _names:
    urlpatterns.append(path("api/", include("danvan.api.urls")))
if "workcalendar" not in _names:
    urlpatterns.append(path("lich/", include("danvan.workcalendar.urls")))
