"""Fixtures and helpers for the web tests (test_web_*.py): a library with the corpus imported,
an app over it, and clients that register, log in and read CSRF tokens like a browser.

No tests here; the other test_web_* modules import from this one.
"""

from __future__ import annotations

import itertools
import re

import pytest
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
HUANGPU = "310101-2025-gzbg"
_ids = itertools.count(1)


@pytest.fixture(scope="session")
def web_db(corpus_dir, tmp_path_factory):
    """A SQLite library with the whole corpus imported, shared by the web tests of a worker."""
    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    tmp = tmp_path_factory.mktemp("web_library")
    db = Database(f"sqlite:///{tmp / 'library.db'}")
    summary = import_paths(db, [corpus_dir], load_settings(env={"BAOGAO_HOME": str(tmp / "home")}))
    assert not summary.failed, summary.to_dict()
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def web_settings(web_db, tmp_path_factory):
    from baogao.config import load_settings

    return load_settings(env={"BAOGAO_HOME": str(tmp_path_factory.mktemp("web_home"))}, db=web_db.url)


@pytest.fixture(scope="session")
def web_app(web_settings, web_db):
    from baogao.web.app import create_app

    return create_app(web_settings, web_db)


def new_client(app, **kw) -> TestClient:
    """A browser of its own (own cookies, own client address so login limits do not mix)."""
    n = next(_ids)
    kw.setdefault("client", (f"10.0.{n // 250}.{n % 250 + 1}", 40000 + n))
    return TestClient(app, **kw)


@pytest.fixture
def client(web_app):
    with new_client(web_app) as c:
        yield c


def unique(prefix: str = "u") -> str:
    return f"{prefix}{next(_ids)}_{id(object()) % 100000}"


def page_csrf(client: TestClient, path: str = "/") -> str:
    html = client.get(path).text
    m = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert m, "page has no csrf meta"
    return m.group(1)


def register(client: TestClient, username: str | None = None, password: str = PASSWORD) -> str:
    username = username or unique()
    token = page_csrf(client, "/register")
    r = client.post("/register", data={"username": username, "password": password, "password2": password,
                                       "csrf_token": token, "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return username


def login(client: TestClient, username: str, password: str = PASSWORD, follow: bool = False):
    token = page_csrf(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token, "next": "/"},
                       follow_redirects=follow)


def logged_in_client(app, username: str | None = None) -> tuple[TestClient, str, str]:
    """-> (client, username, csrf token of its session)"""
    c = new_client(app)
    name = register(c, username)
    return c, name, page_csrf(c)


def create_note(client: TestClient, csrf: str, doc_id: str = HUANGPU, start: int = 300, end: int = 340, **kw) -> dict:
    r = client.post("/api/v1/notes", json={"doc_id": doc_id, "start": start, "end": end, **kw},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201, r.text
    return r.json()
