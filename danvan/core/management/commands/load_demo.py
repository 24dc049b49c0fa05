"""Demo data: the Cần Thơ and An Nhơn directories, four demo accounts, and the five seed plans published.

Idempotent: accounts, directories and plans that exist are left as they are. Demo passwords are set only here.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from danvan.accounts.models import Profile, Role
from danvan.accounts.permissions import actor_for

DEMO_PASSWORD = "demo"
# Seed 001 prints no number; 004 cites it as 30/KH-UBND, so review writes the number in, as an official would.
SEED_SYMBOLS = {"001": "30/KH-UBND"}
# Seed 002 leaves its date blank (an unsigned draft); it cites a plan of 06/3/2025, so review dates it then,
# while An Nhơn's agencies (abolished on 1 July 2025) still exist and its groups expand to them.
SEED_DATES = {"002": "2025-03-06"}
AN_NHON_SEEDS = {"002"}


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: danh mục cơ quan Cần Thơ, An Nhơn, tài khoản mẫu và năm kế hoạch mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default="", help="Thư mục văn bản mẫu (mặc định: ../shared/seeds).")

    def handle(self, *args, **options):
        from danvan.agencies.demo import load_an_nhon_directory, load_can_tho_directory
        from danvan.agencies.models import Agency

        started = time.monotonic()
        can_tho = load_can_tho_directory()
        an_nhon = load_an_nhon_directory()
        self.stdout.write(f"Danh mục cơ quan: {can_tho.name}; {an_nhon.name}.")

        users = {
            "admin": self._user("admin", Role.ADMINISTRATOR, can_tho, superuser=True, full_name="Quản trị hệ thống"),
            "noivu": self._user(
                "noivu", Role.COORDINATOR, Agency.objects.get(code="ct-so-noi-vu"), full_name="Cán bộ Sở Nội vụ"
            ),
            "tuphap": self._user(
                "tuphap", Role.OFFICER, Agency.objects.get(code="ct-so-tu-phap"), full_name="Cán bộ Sở Tư pháp"
            ),
            "lanhdao": self._user("lanhdao", Role.LEADER, can_tho, full_name="Lãnh đạo UBND thành phố"),
        }
        seeds = Path(options["seeds"]) if options["seeds"] else Path(settings.BASE_DIR).parent / "shared" / "seeds"
        if not seeds.is_dir():
            self.stderr.write(self.style.WARNING(f"Không thấy thư mục văn bản mẫu {seeds}; bỏ qua kế hoạch mẫu."))
        else:
            for path in sorted(seeds.glob("*.txt")):
                self._seed(path, users=users, government=an_nhon if path.name[:3] in AN_NHON_SEEDS else can_tho)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {time.monotonic() - started:.1f} giây."))

    def _user(self, username: str, role: str, agency, *, superuser: bool = False, full_name: str = ""):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_superuser": superuser, "is_staff": superuser, "first_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Profile.objects.get_or_create(user=user, defaults={"role": role, "agency": agency})
        return user

    def _parse(self, path: Path) -> tuple[dict, str]:
        """The seed read through danvan.reader, exactly as an upload would be."""
        text = ""
        result: dict | None = None
        try:
            from danvan.reader import read_path
            from danvan.reader.parse import parse_plan

            doc = read_path(path)
            result = parse_plan(doc)
            from danvan.plans.services import document_numbered_text

            text = document_numbered_text(doc)
        except Exception as exc:  # noqa: BLE001 - a demo must load even while the reader is being built
            self.stderr.write(self.style.WARNING(f"{path.name}: bộ đọc văn bản báo lỗi ({exc})."))
        return result or {}, text

    def _seed(self, path: Path, *, users: dict, government) -> None:
        from danvan.plans.models import ImportJob, JobState
        from danvan.plans.services import (
            PlanError,
            import_job_header_update,
            import_job_store_result,
            plan_publish,
        )

        if ImportJob.objects.filter(source_name=path.name, state=JobState.PUBLISHED).exists():
            self.stdout.write(f"{path.name}: đã có, bỏ qua.")
            return
        result, text = self._parse(path)
        if not result.get("tasks"):
            self.stderr.write(self.style.WARNING(f"{path.name}: không tách được nhiệm vụ nào; bỏ qua."))
            return
        coordinator = users["noivu"]
        # The An Nhơn plan is imported by the demo coordinator too, against An Nhơn's own directory.
        job = ImportJob.objects.filter(source_name=path.name, state=JobState.DONE).first()
        if job is None:
            job = ImportJob.objects.create(
                government=government,
                created_by=coordinator,
                source_name=path.name,
                state=JobState.RUNNING,
                pasted_text="",
            )
            job = import_job_store_result(job=job, result=result, text=text)
        actor = actor_for(users["admin"])
        symbol = SEED_SYMBOLS.get(path.name[:3])
        if symbol and job.review["document"].get("symbol") != symbol:
            job = import_job_header_update(job_id=job.pk, actor=actor, version=job.version, fields={"symbol": symbol})
        issued = SEED_DATES.get(path.name[:3])
        if issued and job.review["document"].get("date") != issued:
            job = import_job_header_update(job_id=job.pk, actor=actor, version=job.version, fields={"date": issued})
        try:
            plan = plan_publish(job_id=job.pk, actor=actor)
        except PlanError as error:
            self.stderr.write(self.style.WARNING(f"{path.name}: {error.message}"))
            return
        self.stdout.write(f"{path.name}: {plan.label} — {plan.tasks.count()} nhiệm vụ.")
