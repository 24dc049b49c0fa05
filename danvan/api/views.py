"""The read API: plans, tasks, assignments, agencies, filtered by the same rules as the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied

from danvan.accounts.permissions import actor_for
from danvan.agencies.models import Agency
from danvan.api import serializers
from danvan.plans import rules, selectors
from danvan.plans.models import Assignment, Plan, Task


class _ActorMixin:
    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["actor"] = actor_for(self.request.user)
        return context

    @property
    def actor(self):
        return actor_for(self.request.user)


class PlanList(_ActorMixin, generics.ListAPIView):
    serializer_class = serializers.PlanSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Tìm không dấu"),
            OpenApiParameter("year", int),
            OpenApiParameter("status", str),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        p = self.request.query_params
        year = p.get("year")
        return selectors.plan_list_visible_to(
            actor=self.actor, q=p.get("q"), status=p.get("status"), year=int(year) if year and year.isdigit() else None
        )


class PlanDetail(_ActorMixin, generics.RetrieveAPIView):
    serializer_class = serializers.PlanSerializer
    queryset = Plan.objects.all()

    def get_object(self):
        plan = get_object_or_404(Plan, pk=self.kwargs["pk"])
        if not rules.plan_can_view(self.actor, plan):
            raise PermissionDenied("Bạn không có quyền xem kế hoạch này.")
        return plan


class TaskList(_ActorMixin, generics.ListAPIView):
    serializer_class = serializers.TaskSerializer

    def get_queryset(self):
        plan = get_object_or_404(Plan, pk=self.kwargs["pk"])
        if not rules.plan_can_view(self.actor, plan):
            raise PermissionDenied("Bạn không có quyền xem kế hoạch này.")
        return Task.objects.filter(plan=plan).order_by("order")


class AssignmentList(_ActorMixin, generics.ListAPIView):
    """Assignments of one plan (`?plan=`) the actor may read; internal notes only where allowed."""

    serializer_class = serializers.AssignmentSerializer

    @extend_schema(parameters=[OpenApiParameter("plan", int), OpenApiParameter("agency", int)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        actor = self.actor
        plan_id = self.request.query_params.get("plan")
        if plan_id and plan_id.isdigit():
            plan = get_object_or_404(Plan, pk=plan_id)
            if not rules.plan_can_view(actor, plan):
                raise PermissionDenied("Bạn không có quyền xem kế hoạch này.")
            qs = Assignment.objects.filter(task__plan=plan)
        else:
            qs = selectors.assignment_list_visible_to(actor=actor)
        agency = self.request.query_params.get("agency")
        if agency and agency.isdigit():
            qs = qs.filter(agency_id=agency)
        return qs.select_related("task__plan", "agency").prefetch_related("deadlines").order_by("task__order", "id")


class AssignmentDetail(_ActorMixin, generics.RetrieveAPIView):
    serializer_class = serializers.AssignmentSerializer
    queryset = Assignment.objects.all()

    def get_object(self):
        assignment = get_object_or_404(Assignment.objects.select_related("task__plan"), pk=self.kwargs["pk"])
        if not rules.plan_can_view(self.actor, assignment.task.plan):
            raise PermissionDenied("Bạn không có quyền xem phân công này.")
        return assignment


class AgencyList(generics.ListAPIView):
    serializer_class = serializers.AgencySerializer

    def get_queryset(self):
        actor = actor_for(self.request.user)
        qs = Agency.objects.all()
        if actor.is_admin:
            return qs
        root = actor.government
        if root is None:
            return qs.none()
        ids, frontier = [root.pk], [root.pk]
        while frontier:
            frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return qs.filter(pk__in=ids)
