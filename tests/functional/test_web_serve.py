"""`baogao serve` as a real uvicorn process (two workers sharing one SQLite library), over real HTTP."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent / "baogao"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"baogao serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("baogao serve did not start")


@pytest.fixture(scope="module")
def server(corpus_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "BAOGAO_HOME": str(tmp / "home"), "BAOGAO_DB": f"sqlite:///{tmp / 'lib.db'}"}
    env.pop("BAOGAO_SECRET_KEY", None)
    subprocess.run([str(BIN), "import", str(corpus_dir / "web-pages")], env=env, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([str(BIN), "serve", "--port", str(port), "--workers", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_up(url, proc)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_serve_reads_and_writes_over_http(server):
    with httpx.Client(base_url=server, follow_redirects=False) as c:
        home = c.get("/")
        assert home.status_code == 200 and "2025年上海市黄浦区政府工作报告" in home.text
        assert "default-src 'self'" in home.headers["content-security-policy"]
        assert c.get("/d/310101-2025-gzbg").status_code == 200
        token = re.search(r'name="csrf-token" content="([^"]+)"', c.get("/register").text).group(1)
        r = c.post("/register", data={"username": "served_user", "password": "correct horse battery",
                                      "password2": "correct horse battery", "csrf_token": token})
        assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', c.get("/").text).group(1)
        note = c.post("/api/v1/notes", json={"doc_id": "310101-2025-gzbg", "start": 300, "end": 320, "body": "经由真实服务器"},
                      headers={"X-CSRF-Token": csrf})
        assert note.status_code == 201, note.text
        # several requests: both workers see the same session and note (state lives in the database)
        for _ in range(6):
            r = c.get("/api/v1/notes")
            assert r.status_code == 200 and [n["body"] for n in r.json()["items"]] == ["经由真实服务器"]
        assert c.post("/api/v1/notes", json={"doc_id": "310101-2025-gzbg", "start": 1, "end": 5}).status_code == 403
        assert c.get("/api/v1/documents/310101-2025-gzbg/find", params={"q": "电梯"}).json()["count"] >= 2
        assert c.get("/static/reader.js").status_code == 200
