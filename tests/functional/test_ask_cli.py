"""`baogao ask` from the command line: the pinned JSON contract, text output, scope options,
errors, and LLM mode through a real loopback server."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from baogao.cli import app
from baogao.store.schema import Document


@pytest.fixture(scope="module")
def run(corpus_db):
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(app, ["--db", corpus_db.url, "ask", *args], env=env)

    return invoke


def _doc_text(db, doc_id):
    with db.session() as s:
        return s.get(Document, doc_id).text


def test_json_contract(run, corpus_db):
    result = run("2024年黄浦区加装电梯完工多少台？", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"question", "status", "answer", "mode", "citations", "check"} <= set(data)
    assert data["status"] == "answered" and data["mode"] in ("facts", "extractive", "llm")
    assert "100台" in data["answer"]
    assert data["citations"]
    for c in data["citations"]:
        assert {"doc_id", "span", "quote"} <= set(c)
        start, end = c["span"]
        assert _doc_text(corpus_db, c["doc_id"])[start:end] == c["quote"]
    assert data["check"]["quotes_match_text"] is True


@pytest.mark.parametrize("question", [
    "黄浦区2025年地区生产总值增长目标是多少？",
    "哪些省份2025年GDP增长目标高于5.5%？",
    "什么是垂域大模型？",
    "2025年政府工作报告关于低空经济有哪些部署？",
])
def test_every_citation_quote_equals_the_text(run, corpus_db, question):
    data = json.loads(run(question, "--format", "json").output)
    assert data["status"] == "answered"
    for c in data["citations"]:
        assert _doc_text(corpus_db, c["doc_id"])[c["span"][0]:c["span"][1]] == c["quote"]


def test_refusal_json(run):
    data = json.loads(run("黄浦区有多少家三甲医院？", "--format", "json").output)
    assert data["status"] == "not_found"
    assert data["answer"].startswith("报告中未提及")
    assert data["citations"] == []
    assert data["passages"]  # the closest passages


def test_list_question_has_a_table(run):
    data = json.loads(run("哪些省份2025年GDP增长目标高于5.5%？", "--format", "json").output)
    assert data["mode"] == "facts" and len(data["table"]) == 6


def test_text_output(run):
    result = run("2024年黄浦区加装电梯完工多少台？")
    assert result.exit_code == 0
    assert "100台" in result.output and "引用" in result.output and "310101-2025-gzbg" in result.output


def test_scope_options(run):
    data = json.loads(run("这份报告怎么说城市更新？", "--doc", "310101-2025-gzbg", "--format", "json").output)
    assert data["status"] == "answered" and {c["doc_id"] for c in data["citations"]} == {"310101-2025-gzbg"}
    data = json.loads(run("地区生产总值增长目标是多少？", "--region", "吉林", "--year", "2025", "--format", "json").output)
    assert data["citations"][0]["doc_id"] == "220000-2025-gzbg"


def test_unknown_document_is_a_friendly_error(run):
    result = run("什么是垂域大模型？", "--doc", "no-such-doc")
    assert result.exit_code == 2
    assert "没有这份文档" in result.output


def test_bad_format(run):
    assert run("问题", "--format", "xml").exit_code != 0


def test_llm_mode_via_environment(run):
    from baogao.ask.fake_llm import FakeLLM

    with FakeLLM("cited") as llm:
        env = {"BAOGAO_LLM_BASE_URL": llm.base_url, "BAOGAO_LLM_MODEL": "fake", "BAOGAO_LLM_TIMEOUT": "2"}
        data = json.loads(run("上海国际珠宝时尚功能区以哪里为核心？", "--format", "json", env=env).output)
        assert data["mode"] == "llm" and data["check"]["passed"] and "大豫园片区" in data["answer"]
        llm.mode = "wrong_number"
        data = json.loads(run("2024年黄浦区加装电梯完工多少台？", "--format", "json", env=env).output)
        assert data["mode"] == "extractive" and "100台" in data["answer"]
        assert "unsupported_number" in data["check"]["llm"]["problems"]
        llm.mode = "error"
        result = run("2024年黄浦区加装电梯完工多少台？", env=env)
        assert result.exit_code == 0 and "大模型不可用" in result.output
