from __future__ import annotations

from rest_framework import serializers

from danvan.agencies.models import Agency
from danvan.plans import rules
from danvan.plans.models import Assignment, AssignmentDeadline, Plan, Task


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name", "short_name", "kind", "parent", "valid_from", "valid_to"]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "kind",
            "symbol",
            "issuer",
            "issuer_agency",
            "place",
            "issued_on",
            "title",
            "signer_name",
            "signer_position",
            "signer_authority",
            "status",
            "government",
            "parent_plan",
            "horizon_start",
            "horizon_end",
            "citations",
            "published_at",
        ]


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "parent",
            "path",
            "title",
            "order",
            "timeframe_kind",
            "timeframe_date",
            "timeframe_year",
            "timeframe_raw",
            "source_lines",
            "flags",
            "unassigned_mentions",
        ]


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssignmentDeadline
        fields = ["due_date", "period_label", "period_year", "is_continuous", "workcalendar_deadline_id"]


class AssignmentSerializer(serializers.ModelSerializer):
    deadlines = DeadlineSerializer(many=True, read_only=True)
    plan = serializers.IntegerField(source="task.plan_id", read_only=True)
    task_path = serializers.CharField(source="task.path", read_only=True)
    internal_note = serializers.SerializerMethodField(
        help_text="Chỉ có với cơ quan được giao, cán bộ điều phối của chính quyền và quản trị; nếu không là null."
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "plan",
            "task",
            "task_path",
            "agency",
            "role",
            "mention",
            "resolved_via",
            "confidence",
            "state",
            "deadlines",
            "internal_note",
            "version",
        ]

    def get_internal_note(self, obj: Assignment) -> str | None:
        actor = self.context["actor"]
        return obj.internal_note if rules.assignment_can_view_note(actor, obj) else None
