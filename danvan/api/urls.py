from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from danvan.api import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("plans/", views.PlanList.as_view(), name="plan_list"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan_detail"),
    path("plans/<int:pk>/tasks/", views.TaskList.as_view(), name="plan_tasks"),
    path("assignments/", views.AssignmentList.as_view(), name="assignment_list"),
    path("assignments/<int:pk>/", views.AssignmentDetail.as_view(), name="assignment_detail"),
    path("agencies/", views.AgencyList.as_view(), name="agency_list"),
]
