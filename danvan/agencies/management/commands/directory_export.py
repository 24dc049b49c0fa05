from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.agencies import io as directory_io
from danvan.agencies.models import Agency
from danvan.agencies.selectors import agency_tree


class Command(BaseCommand):
    help = "Xuất danh mục cơ quan ra tệp CSV hoặc XLSX (theo đuôi tệp)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp đích, .csv hoặc .xlsx")
        parser.add_argument("--government", help="Mã cơ quan gốc; bỏ trống để xuất toàn bộ danh mục.")

    def handle(self, *args, path, government=None, **options):
        if government:
            try:
                root = Agency.objects.get(code=government)
            except Agency.DoesNotExist:
                raise CommandError(f"Không có cơ quan mã “{government}”.") from None
            agencies = agency_tree(government=root)
        else:
            agencies = list(Agency.objects.all())
        rows = directory_io.directory_rows(agencies=agencies)
        target = Path(path)
        if target.suffix.lower() == ".xlsx":
            target.write_bytes(directory_io.export_xlsx(rows))
        elif target.suffix.lower() == ".csv":
            target.write_bytes(directory_io.export_csv(rows))
        else:
            raise CommandError("Tệp đích phải có đuôi .csv hoặc .xlsx.")
        self.stdout.write(f"Đã xuất {len(rows)} cơ quan ra {target}.")
