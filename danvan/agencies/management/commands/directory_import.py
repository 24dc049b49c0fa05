from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.agencies.services import directory_import


class Command(BaseCommand):
    help = "Nhập danh mục cơ quan từ tệp CSV hoặc XLSX; không ghi gì nếu có dòng lỗi."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp nguồn, .csv hoặc .xlsx")

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"Không tìm thấy tệp {source}.")
        result = directory_import(data=source.read_bytes(), filename=source.name)
        if result.file_error:
            raise CommandError(result.file_error)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Có {len(result.errors)} lỗi; chưa nhập dòng nào.")
        self.stdout.write(f"Đã nhập: {result.created} cơ quan mới, {result.updated} cơ quan cập nhật.")
