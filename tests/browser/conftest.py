"""A live server and Chromium for the browser tests.

The server is the real app under uvicorn in a thread, over a temporary SQLite library with part
of the corpus (the two web pages and a few provincial reports). Chromium is Debian's
(/usr/bin/chromium); Playwright cannot download browsers here. Screenshots and PDFs go to
test-output/ (ignored by git).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
DOCX = ["2025年上海市政府工作报告.docx", "2025年北京市政府工作报告.docx", "2025年浙江省政府工作报告.docx"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUT.mkdir(exist_ok=True)
    return OUT


@pytest.fixture(scope="session")
def live_server(corpus_dir, tmp_path_factory):
    import uvicorn

    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database
    from baogao.web.app import create_app

    tmp = tmp_path_factory.mktemp("browser_library")
    settings = load_settings(env={"BAOGAO_HOME": str(tmp / "home")}, db=f"sqlite:///{tmp / 'library.db'}")
    db = Database(settings.db)
    paths = [corpus_dir / "web-pages"] + [corpus_dir / "provincial-2025-docx" / n for n in DOCX]
    summary = import_paths(db, paths, settings)
    assert not summary.failed, summary.to_dict()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    db.dispose()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()
