"""Fixtures for the text tests: the real corpus as RawDocuments, cleaned and structured once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import raw_documents  # noqa: E402


@pytest.fixture(scope="session")
def raw_docs(corpus_dir):
    return raw_documents(str(corpus_dir))


@pytest.fixture(scope="session")
def cleaned(raw_docs):
    from baogao.text.clean import clean

    return [clean(r) for r in raw_docs]


@pytest.fixture(scope="session")
def structured(cleaned):
    from baogao.text.structure import structure

    return [structure(c) for c in cleaned]

