"""LLM mode end to end: the real HTTP client against a scripted OpenAI-compatible server on
loopback. Whatever the model says, no unchecked number and no bogus citation is ever shown."""

from __future__ import annotations

import pytest

from baogao.ask.check import check_answer, strip_markers
from baogao.ask.llm import LLMError, chat_url, complete
from baogao.ask.numbers import find_numbers, number_keys
from baogao.services.ask import ask
from baogao.store.schema import Document

Q_ELEVATORS = "2024年黄浦区加装电梯完工多少台？"
Q_JEWELRY = "上海国际珠宝时尚功能区以哪里为核心？"


def test_chat_url():
    assert chat_url("http://h:1/v1") == "http://h:1/v1/chat/completions"
    assert chat_url("http://h:1/") == "http://h:1/v1/chat/completions"
    assert chat_url("http://h:1/v1/chat/completions") == "http://h:1/v1/chat/completions"


def test_a_correct_cited_answer_is_shown(session, fake_llm, llm_settings):
    a = ask(session, Q_JEWELRY, settings=llm_settings)
    assert a.status == "answered" and a.mode == "llm"
    assert "大豫园片区" in a.answer and "[1]" in a.answer or "[" in a.answer
    assert a.check["passed"] and a.check["problems"] == []
    assert a.citations and all(c.marker for c in a.citations)
    text = session.get(Document, a.citations[0].doc_id).text
    assert text[a.citations[0].start : a.citations[0].end] == a.citations[0].quote
    # the request: the configured model, the API key, numbered passages and the instruction to cite
    req = fake_llm.requests[-1]
    assert req["body"]["model"] == "fake-model"
    assert req["headers"].get("Authorization") == "Bearer sk-test"
    user = req["body"]["messages"][-1]["content"]
    assert "[1]" in user and Q_JEWELRY in user
    assert "[编号]" in user or "[n]" in req["body"]["messages"][0]["content"] or "[1]" in req["body"]["messages"][0]["content"]


@pytest.mark.parametrize("mode,problem", [("wrong_number", "unsupported_number"), ("bogus_marker", "bogus_citation"),
                                          ("no_citation", "no_citation")])
def test_a_failing_answer_is_replaced_by_the_extractive_one(session, fake_llm, llm_settings, mode, problem):
    fake_llm.mode = mode
    a = ask(session, Q_ELEVATORS, settings=llm_settings)
    assert a.mode == "extractive" and a.status == "answered"
    assert "100台" in a.answer
    assert problem in a.check["llm"]["problems"]
    assert a.check["replaced_by"] == "extractive"
    assert a.note and "未通过核查" in a.note


@pytest.mark.parametrize("mode,words", [("timeout", "超时"), ("error", "HTTP 500"), ("garbage", "无法解析")])
def test_endpoint_failures_fall_back_offline_with_a_note(session, fake_llm, llm_settings, mode, words):
    fake_llm.mode = mode
    a = ask(session, Q_ELEVATORS, settings=llm_settings)
    assert a.mode == "extractive" and a.status == "answered" and "100台" in a.answer
    assert a.note and "大模型不可用" in a.note and words in a.note
    assert words in a.check["llm"]["error"]


def test_unreachable_endpoint_falls_back(session, tmp_path):
    from baogao.config import load_settings

    settings = load_settings(env={"BAOGAO_HOME": str(tmp_path), "BAOGAO_LLM_BASE_URL": "http://127.0.0.1:9/v1",
                                  "BAOGAO_LLM_MODEL": "m", "BAOGAO_LLM_TIMEOUT": "1"})
    a = ask(session, Q_ELEVATORS, settings=settings)
    assert a.mode == "extractive" and "大模型不可用" in (a.note or "")


def test_model_declining_keeps_a_grounded_offline_answer(session, fake_llm, llm_settings):
    fake_llm.mode = "not_found"
    a = ask(session, Q_ELEVATORS, settings=llm_settings)
    assert a.status == "answered" and a.mode == "extractive" and "100台" in a.answer


def test_unanswerable_questions_are_refused_without_asking_the_model(session, fake_llm, llm_settings):
    before = len(fake_llm.requests)
    a = ask(session, "黄浦区2024年引进了多少只大熊猫？", settings=llm_settings)
    assert a.status == "not_found"
    assert len(fake_llm.requests) == before


def test_a_figure_in_another_unit_does_not_answer(session, fake_llm, llm_settings):
    """The scripted model cites a passage and copies it: for 多少公里 a passage about 万吨 passes
    the number check (its numbers are in the passage) but not the unit check."""
    from baogao.ask.service import _states_measure

    assert _states_measure("完工100台[1]", "台") and _states_measure("新建1.2万公里[1]", "公")
    assert not _states_measure("吉化120万吨乙烯项目主体完工[2]", "公") and _states_measure("新增41个网点", "个")
    a = ask(session, "吉林省2025年计划新建多少公里高铁？", settings=llm_settings)
    assert a.mode != "llm" and a.status == "not_found"


def test_numeric_facts_do_not_go_to_the_model(session, fake_llm, llm_settings):
    fake_llm.mode = "wrong_number"
    a = ask(session, "黄浦区2025年地区生产总值增长目标是多少？", settings=llm_settings)
    assert a.mode == "facts" and "5" in a.answer


def test_llm_mode_never_shows_an_unchecked_number(session, fake_llm, llm_settings, golden):
    """Over the whole golden set, with a model that gets every number wrong: every number in a
    shown LLM answer appears in a cited passage; otherwise the answer shown is not the model's."""
    fake_llm.mode = "wrong_number"
    for g in golden:
        a = ask(session, g.question, settings=llm_settings)
        if a.mode == "llm" and a.status == "answered":
            n = max(c.marker for c in a.citations)
            given = [""] * n
            for c in a.citations:
                given[c.marker - 1] = c.quote
            result = check_answer(a.answer, given, g.question)
            assert result["passed"], (g.id, a.answer)
            cited = set().union(*(number_keys(c.quote) for c in a.citations))
            for num in find_numbers(strip_markers(a.answer)):
                assert num.supported_by(cited | number_keys(g.question)), (g.id, num.text, a.answer)


def test_client_raises_typed_errors(fake_llm, llm_settings):
    fake_llm.mode = "error"
    with pytest.raises(LLMError):
        complete(llm_settings, [{"role": "user", "content": "x"}])


def test_a_model_answer_for_a_place_without_a_report_must_cite_the_place(session, fake_llm, llm_settings):
    # 浦东新区 has no report; asked in 上海's, the model cites a passage that does not name 浦东
    a = ask(session, "浦东新区2024年加装电梯完工多少台？", settings=llm_settings)
    assert a.status == "not_found" and a.answer.startswith("库中没有“浦东新区”的报告")
