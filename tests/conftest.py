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
