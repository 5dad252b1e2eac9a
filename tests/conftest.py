"""Shared fixtures: the real corpus, and a fresh library database on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def corpus_path() -> Path:
    env = os.environ.get("BAOGAO_CORPUS")
    return Path(env) if env else (ROOT.parent / "shared" / "corpus")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = corpus_path()
    if not path.exists():
        pytest.fail(f"corpus not found at {path}: set BAOGAO_CORPUS or put ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def build_dir() -> Path:
    """An ignored folder for generated test inputs (PDF/HTML made from the corpus)."""
    path = ROOT / "build" / "test-inputs"
    path.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------------------------
# Databases: every store test runs on SQLite and on the PostgreSQL server at 127.0.0.1:5432.

PG_ADMIN = os.environ.get("BAOGAO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except Exception:
        return False


_PG_OK: bool | None = None


def _pg_ok() -> bool:
    global _PG_OK
    if _PG_OK is None:
        _PG_OK = pg_available()
    return _PG_OK


def _new_pg_database(tag: str) -> str:
    import uuid

    import psycopg

    name = f"baogao_t_{tag}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


def _drop_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_db_url(backend: str, tmp_path: Path, tag: str = "x") -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'library.db'}"
    if not _pg_ok():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable at 127.0.0.1:5432 but CI must test it")
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    return _new_pg_database(tag)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty library database URL (migrated on first Database())."""
    url = make_db_url(request.param, tmp_path)
    yield url
    if url.startswith("postgresql"):
        from sqlalchemy.orm import close_all_sessions

        close_all_sessions()
        _drop_pg_database(url)


@pytest.fixture
def settings(tmp_path):
    from baogao.config import load_settings

    return load_settings(env={"BAOGAO_HOME": str(tmp_path / "home")})


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def corpus_db(request, corpus_dir, tmp_path_factory):
    """A library with the whole corpus imported, shared by the read-only tests of a worker."""
    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    tmp = tmp_path_factory.mktemp(f"corpus_{request.param}")
    url = make_db_url(request.param, tmp, "corpus")
    db = Database(url)
    summary = import_paths(db, [corpus_dir], load_settings(env={"BAOGAO_HOME": str(tmp / "home")}))
    db.summary = summary  # type: ignore[attr-defined]
    yield db
    db.dispose()
    if url.startswith("postgresql"):
        _drop_pg_database(url)
