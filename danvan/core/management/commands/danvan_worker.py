import threading

from django.conf import settings
from django.core.management import BaseCommand, call_command

from danvan.reminders.management.commands.run_scheduler import scheduler_loop


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý công việc nền (hàng đợi trong cơ sở dữ liệu) và bộ lập lịch."

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="Không chạy bộ lập lịch trong tiến trình này.")

    def handle(self, *args, no_scheduler: bool = False, **options):
        if getattr(settings, "TASK_BACKEND", "database") == "celery":
            # Celery workers run the tasks; this process only enqueues the periodic jobs.
            scheduler_loop(interval=30, out=self.stdout)
            return
        # The schedule lives in the database (ScheduledJob.next_run_at), so a restart resumes it.
        stop = threading.Event()
        if not no_scheduler:
            threading.Thread(target=scheduler_loop, kwargs={"interval": 30, "stop": stop},
                             name="danvan-scheduler", daemon=True).start()
        try:
            call_command("db_worker", "--queue-name", "*", "--interval", "1", "--no-reload")
        finally:
            stop.set()
