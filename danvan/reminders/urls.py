from django.urls import path

from danvan.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/da-doc/", views.notification_mark_read, name="mark_read"),
    path("da-doc-het/", views.notification_mark_all_read, name="mark_all_read"),
]
