"""`danvan serve`: one command that gives a working site on a laptop.

It migrates the database, loads the demo data into an empty database, collects static files, starts
the background worker as a child process and serves with waitress on 127.0.0.1.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys

import django


def _setup() -> None:
    django.setup()


def serve_command(*, port: int, with_worker: bool = True) -> int:
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from danvan.core.demo import demo_needed

    if demo_needed():
        print("Đang nạp dữ liệu mẫu (lần chạy đầu tiên)...", flush=True)
        call_command("load_demo")

    if with_worker:
        worker = subprocess.Popen([sys.executable, "-m", "danvan.cli", "worker"], env=os.environ.copy())
        atexit.register(worker.terminate)

    from waitress import serve

    from config.wsgi import application

    print(f"danvan đang chạy tại http://127.0.0.1:{port}/", flush=True)
    serve(application, host="127.0.0.1", port=port, threads=8)
    return 0


def worker_command() -> int:
    _setup()
    from django.core.management import call_command

    call_command("danvan_worker")
    return 0
