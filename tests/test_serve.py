"""The set-up contract: `danvan serve` migrates, loads the demo into an empty database and serves."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served_site(tmp_path):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
           "DANVAN_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    process = subprocess.Popen([sys.executable, "-m", "danvan.cli", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"danvan serve exited early:\n{process.stdout.read()}")
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("danvan serve did not answer within 240 s")
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is needed for the demo plans")
def test_serve_loads_the_demo_and_noivu_sees_the_five_plans(served_site):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    home = opener.open(served_site + "/").read().decode()
    login_path = re.search(r'href="([^"]*dang-nhap[^"]*)"', home).group(1)
    login_page = opener.open(served_site + login_path).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    data = urlencode({"username": "noivu", "password": "demo", "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(served_site + login_path, data=data, headers={"Referer": served_site + login_path})
    opener.open(request)
    plans = opener.open(served_site + "/ke-hoach/").read().decode()
    for symbol in ("70/KH-UBND", "30/KH-UBND", "24/KH-VPUB"):
        assert symbol in plans
    assert "An Nhơn" in plans
