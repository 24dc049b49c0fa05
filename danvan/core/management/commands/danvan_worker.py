from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý công việc nền (hàng đợi trong cơ sở dữ liệu) và bộ lập lịch."

    def handle(self, *args, **options):
        # The database backend's own worker; the reminder scheduler registers its periodic jobs there.
        call_command("db_worker", "--queue-name", "*", "--interval", "1", "--no-reload")
