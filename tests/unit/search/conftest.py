from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for _search_brute

import _search_brute  # noqa: E402


@pytest.fixture(scope="session")
def brute(corpus_db):
    return _search_brute.load(corpus_db)
