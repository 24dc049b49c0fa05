"""The `danvan` command: `danvan extract FILE...`, `danvan serve [--port N]`, `danvan worker`."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="danvan", description="danvan: công tác dân vận chính quyền")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="Đọc văn bản kế hoạch thành JSON có cấu trúc")
    extract.add_argument("files", nargs="+")
    extract.add_argument("--out", help="Thư mục ghi NAME.json cho mỗi tệp")
    extract.add_argument("--quiet", action="store_true", help="Không in tiến độ OCR")

    serve = commands.add_parser("serve", help="Chuyển đổi CSDL, nạp dữ liệu mẫu lần đầu và chạy máy chủ web")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-worker", action="store_true", help="Không chạy tiến trình xử lý nền kèm theo")

    commands.add_parser("worker", help="Chạy tiến trình xử lý công việc nền")

    args = parser.parse_args(argv)
    if args.command == "extract":
        from danvan.reader.cli import extract_command

        return extract_command(args.files, out_dir=args.out, quiet=args.quiet)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from danvan.core.serve import serve_command, worker_command

    if args.command == "serve":
        return serve_command(port=args.port, with_worker=not args.no_worker)
    return worker_command()


if __name__ == "__main__":
    sys.exit(main())
