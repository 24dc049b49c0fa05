from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("lich/", include("danvan.workcalendar.urls")),
    path("co-quan/", include("danvan.agencies.urls")),
    path("ke-hoach/", include("danvan.plans.urls")),
    path("api/", include("danvan.api.urls")),
    path("nhac-viec/", include("danvan.reminders.urls")),
    path("tong-quan/", include("danvan.dashboards.urls")),
    path("bao-cao/", include("danvan.reporting.urls")),
]
