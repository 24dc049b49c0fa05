from django.core.management.base import BaseCommand

from danvan.agencies.demo import load_an_nhon_directory, load_can_tho_directory


class Command(BaseCommand):
    help = "Nạp danh mục mẫu: thành phố Cần Thơ (sau 01/7/2025) và thị xã An Nhơn (2025). Chạy lại không sao."

    def handle(self, *args, **options):
        can_tho = load_can_tho_directory()
        an_nhon = load_an_nhon_directory()
        self.stdout.write(f"Đã nạp: {can_tho.name}; {an_nhon.name}.")
