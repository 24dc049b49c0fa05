"""The scheduler: enqueue periodic jobs when their stored next run time comes.

`--once` checks once and exits (for cron or tests); without it, it loops. The next run of each job lives in the
database (`ScheduledJob.next_run_at`), so stopping and starting again picks up where it left off.
"""

from __future__ import annotations

import time

from django.core.management import BaseCommand
from django.db import close_old_connections

from danvan.reminders.services import scheduled_jobs_ensure, scheduler_tick


def scheduler_loop(*, interval: float = 30.0, stop=None, out=None) -> None:
    """Run ticks every `interval` seconds until `stop` (a threading.Event) is set; used by `danvan_worker`."""
    scheduled_jobs_ensure()
    while stop is None or not stop.is_set():
        try:
            ran = scheduler_tick()
            if ran and out is not None:
                out.write(f"Đã đưa vào hàng đợi: {', '.join(ran)}")
        finally:
            # A long-lived thread must not keep a connection the database has closed.
            close_old_connections()
        if stop is not None:
            stop.wait(interval)
        else:
            time.sleep(interval)


class Command(BaseCommand):
    help = "Bộ lập lịch: đưa các công việc định kỳ (nhắc việc hằng ngày…) vào hàng đợi khi đến giờ."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Kiểm tra một lần rồi thoát.")
        parser.add_argument("--interval", type=float, default=30.0, help="Số giây giữa hai lần kiểm tra.")

    def handle(self, *args, once: bool = False, interval: float = 30.0, **options):
        scheduled_jobs_ensure()
        if once:
            ran = scheduler_tick()
            self.stdout.write(f"Đã đưa vào hàng đợi: {', '.join(ran)}" if ran else "Chưa có công việc nào đến giờ.")
            return
        self.stdout.write(f"Bộ lập lịch đang chạy (kiểm tra mỗi {interval:g} giây).")
        scheduler_loop(interval=interval, out=self.stdout)
