from django.urls import path

from danvan.agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("nhap/", views.directory_import_view, name="import"),
    path("xuat/<str:fmt>/", views.directory_export, name="export"),
    path("<slug:code>/", views.agency_detail, name="detail"),
]
