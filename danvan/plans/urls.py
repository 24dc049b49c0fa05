from django.urls import path

from danvan.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("nhap/", views.import_start, name="import"),
    path("nhap/<int:job_id>/", views.job_review, name="job_review"),
    path("nhap/<int:job_id>/tien-do/", views.job_progress, name="job_progress"),
    path("nhap/<int:job_id>/thong-tin/", views.job_header, name="job_header"),
    path("nhap/<int:job_id>/nhiem-vu/<int:key>/", views.job_task, name="job_task"),
    path("nhap/<int:job_id>/nhiem-vu/them/", views.job_task_add, name="job_task_add"),
    path("nhap/<int:job_id>/nhiem-vu/<int:key>/xoa/", views.job_task_remove, name="job_task_remove"),
    path("nhap/<int:job_id>/bao-cao/<int:index>/", views.job_report, name="job_report"),
    path("nhap/<int:job_id>/ban-hanh/", views.job_publish, name="job_publish"),
    path("phan-cong/<int:assignment_id>/", views.assignment_edit, name="assignment_edit"),
    path("viec-cua-toi/", views.inbox, name="inbox"),
    path("lich-han/", views.calendar_view, name="calendar"),
    path("qua-han/", views.overdue, name="overdue"),
]
