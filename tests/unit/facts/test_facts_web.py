"""The 目标与完成 page and its JSON endpoints."""

from __future__ import annotations

import pytest

pytest.importorskip("baogao.web.routes.facts")


@pytest.fixture
def client(corpus_db, settings):
    from fastapi.testclient import TestClient

    from baogao.web.app import create_app

    app = create_app(settings, db=corpus_db)
    if not any(getattr(r, "path", "") == "/targets" for r in app.routes):
        pytest.skip("the facts routes are not registered in this web app yet")
    return TestClient(app)


def test_page_shows_the_national_series_with_links(client):
    r = client.get("/targets")
    assert r.status_code == 200
    assert "目标与完成" in r.text and "<svg" in r.text
    assert 'href="/d/100000-2024-gzbg#s=' in r.text  # every value links to its span


def test_page_provinces_2025(client):
    r = client.get("/targets", params={"indicator": "gdp_growth", "level": "province", "year": "2025"})
    assert r.status_code == 200
    assert r.text.count("<circle") == 31
    assert "福建省" in r.text and "区间内" in r.text


def test_bad_indicator_is_a_message_not_a_crash(client):
    r = client.get("/targets", params={"indicator": "<script>x</script>"})
    assert r.status_code == 200 and "<script>x</script>" not in r.text


def test_api(client):
    body = client.get("/api/v1/outcomes", params={"level": "province", "year": "2025"}).json()
    assert len(body["rows"]) == 31 and body["series"]["by"] == "region"
    facts = client.get("/api/v1/facts", params={"doc": "310101-2025-gzbg"}).json()
    assert any("unit_missing" in f["flags"] for f in facts)
