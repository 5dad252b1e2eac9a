"""问答 in the web app: POST /api/v1/ask (the CLI's JSON) and the question-box fragment."""

from __future__ import annotations

import pytest

pytest.importorskip("baogao.web.app")

from fastapi.testclient import TestClient  # noqa: E402

from baogao.store.schema import Document  # noqa: E402


@pytest.fixture(scope="module")
def client(corpus_db, tmp_path_factory):
    from baogao.config import load_settings
    from baogao.web.app import create_app

    settings = load_settings(env={"BAOGAO_HOME": str(tmp_path_factory.mktemp("askweb"))}, db=corpus_db.url)
    with TestClient(create_app(settings, corpus_db)) as c:
        yield c


def test_post_api_ask(client, corpus_db):
    r = client.post("/api/v1/ask", json={"question": "2024年黄浦区加装电梯完工多少台？"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["status"] == "answered" and "100台" in data["answer"]
    with corpus_db.session() as s:
        for c in data["citations"]:
            assert s.get(Document, c["doc_id"]).text[c["span"][0]:c["span"][1]] == c["quote"]


def test_post_api_ask_scope_and_refusal(client):
    data = client.post("/api/v1/ask", json={"question": "这份报告怎么说城市更新？", "doc_id": "310101-2025-gzbg"}).json()
    assert {c["doc_id"] for c in data["citations"]} == {"310101-2025-gzbg"}
    data = client.post("/api/v1/ask", json={"question": "黄浦区有多少家三甲医院？"}).json()
    assert data["status"] == "not_found" and data["passages"]


def test_post_api_ask_validates(client):
    assert client.post("/api/v1/ask", json={"question": ""}).status_code in (400, 422)
    assert client.post("/api/v1/ask", json={"question": "x" * 501}).status_code in (400, 422)
    r = client.post("/api/v1/ask", json={"question": "什么是垂域大模型？", "doc_id": "no-such-doc"})
    assert r.status_code == 404 and "error" in r.json()


def test_question_box_fragment(client):
    r = client.get("/partials/ask", params={"q": "2024年黄浦区加装电梯完工多少台？"})
    assert r.status_code == 200
    assert "<mark>100台</mark>" in r.text and "/d/310101-2025-gzbg#s=" in r.text
    r = client.get("/partials/ask", params={"q": "哪些省份2025年GDP增长目标高于5.5%？"})
    assert "西藏自治区" in r.text and "<table" in r.text


def test_fragment_escapes_the_question(client):
    r = client.get("/partials/ask", params={"q": "<script>alert(1)</script>是什么？"})
    assert r.status_code == 200 and "<script>alert(1)</script>" not in r.text
