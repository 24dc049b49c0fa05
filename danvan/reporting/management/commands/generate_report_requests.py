"""Create the periodic report requests of every published plan (idempotent; safe to run again)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.plans.models import Plan, PlanStatus
from danvan.reporting.services import report_requests_generate


class Command(BaseCommand):
    help = "Tạo yêu cầu báo cáo định kỳ cho mọi kế hoạch đã ban hành (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        total = 0
        for plan in Plan.objects.filter(status=PlanStatus.PUBLISHED).order_by("id"):
            total += report_requests_generate(plan=plan)
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {total} yêu cầu báo cáo."))
