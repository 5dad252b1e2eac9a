"""Fixtures for the identify tests: the real corpus, cleaned, structured and identified once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "text"))

from _corpus import raw_documents  # noqa: E402


@pytest.fixture(scope="session")
def identified(corpus_dir):
    from baogao.identify import identify
    from baogao.text.clean import clean
    from baogao.text.structure import structure

    out = []
    for raw in raw_documents(str(corpus_dir)):
        report = structure(clean(raw))
        out.append((report, identify(report)))
    return out
