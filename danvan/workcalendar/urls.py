from django.urls import path

from danvan.workcalendar import views

app_name = "workcalendar"

urlpatterns = [
    path("", views.calendar_index, name="calendar_index"),
    path("<int:year>/", views.calendar_year, name="calendar_year"),
    path("ngay/them/", views.calendar_day_add, name="calendar_day_add"),
    path("ngay/xoa/", views.calendar_day_remove, name="calendar_day_remove"),
    path("thoi-han/<int:pk>/", views.deadline_explain, name="deadline_explain"),
]
