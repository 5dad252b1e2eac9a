"""Fixtures for the question-answering tests: the corpus library and a fake LLM on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "ask_questions.yaml"


@pytest.fixture(scope="session")
def golden():
    from baogao.ask.evaluate import load_questions

    return load_questions(GOLDEN)


@pytest.fixture(scope="module")
def session(corpus_db):
    """A session on the corpus library, shared by a module's question-parsing tests."""
    with corpus_db.session() as s:
        yield s


@pytest.fixture
def fake_llm():
    from baogao.ask.fake_llm import FakeLLM

    llm = FakeLLM("cited", delay=3.0).start()
    yield llm
    llm.stop()


@pytest.fixture
def llm_settings(fake_llm, tmp_path):
    from baogao.config import load_settings

    return load_settings(env={
        "BAOGAO_HOME": str(tmp_path / "home"),
        "BAOGAO_LLM_BASE_URL": fake_llm.base_url,
        "BAOGAO_LLM_MODEL": "fake-model",
        "BAOGAO_LLM_API_KEY": "sk-test",
        "BAOGAO_LLM_TIMEOUT": "1",
    })
