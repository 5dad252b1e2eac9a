"""Fixtures for the reader tests: corpus paths and inputs generated from the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for _inputs

from _inputs import GENERATOR_VERSION  # noqa: E402


@pytest.fixture(scope="session")
def docx_dir(corpus_dir: Path) -> Path:
    return corpus_dir / "provincial-2025-docx"


@pytest.fixture(scope="session")
def csv_dir(corpus_dir: Path) -> Path:
    return corpus_dir / "provincial-2026-csv"


@pytest.fixture(scope="session")
def jsonl_path(corpus_dir: Path) -> Path:
    return corpus_dir / "national" / "government_work_reports.jsonl"


@pytest.fixture(scope="session")
def web_dir(corpus_dir: Path) -> Path:
    return corpus_dir / "web-pages"


@pytest.fixture(scope="session")
def gen_dir(build_dir: Path) -> Path:
    """Where generated PDF/HTML inputs are cached (build/ is ignored by git)."""
    path = build_dir / f"sources-v{GENERATOR_VERSION}"
    path.mkdir(parents=True, exist_ok=True)
    return path
