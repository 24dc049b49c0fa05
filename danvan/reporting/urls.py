from django.urls import path

from danvan.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("phan-cong/<int:assignment_id>/", views.assignment_progress, name="assignment_progress"),
    path("minh-chung/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("yeu-cau/<int:request_id>/", views.report_form, name="report_form"),
    path("yeu-cau/dot-xuat/", views.request_issue, name="request_issue"),
    path("xet/<int:report_id>/", views.report_review, name="report_review"),
    path("tong-hop/", views.merge_list, name="merge_list"),
    path("tong-hop/ky/", views.merge_detail, name="merge_detail"),
    path("tong-hop/xuat/<str:fmt>/", views.merge_export, name="merge_export"),
]
