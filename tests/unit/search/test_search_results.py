"""Results on the whole corpus: facets, pagination, filters, ranking ties, hostile queries, KWIC, count."""

from __future__ import annotations

import json

import pytest

from baogao.errors import InvalidQuery
from baogao.services import search as svc

from test_search_query import HOSTILE


def test_json_contract_shape(corpus_db):
    with corpus_db.session() as s:
        d = svc.search(s, "新质生产力", limit=5).to_dict()
    assert set(d) == {"query", "total_docs", "total_hits", "facets", "results"}
    assert set(d["facets"]) == {"year", "region", "level", "kind"}
    r = d["results"][0]
    assert set(r) == {"doc_id", "title", "year", "region", "score", "hits", "snippets"}
    assert 1 <= len(r["snippets"]) <= 3
    assert set(r["snippets"][0]) == {"text", "span", "highlights"}
    json.dumps(d, ensure_ascii=False)


def test_facets_cover_the_whole_result_not_the_page(corpus_db):
    with corpus_db.session() as s:
        r = svc.search(s, "托育", limit=3)
    assert len(r.results) == 3 and r.total_docs > 3
    for name in ("year", "region", "level", "kind"):
        assert sum(r.facets[name].values()) == r.total_docs


def test_pagination_is_stable_and_complete(corpus_db):
    with corpus_db.session() as s:
        everything = [x.doc_id for x in svc.search(s, "医保", limit=1000, snippets=False).results]
        pages = []
        for off in range(0, len(everything), 7):
            pages += [x.doc_id for x in svc.search(s, "医保", limit=7, offset=off, snippets=False).results]
        assert pages == everything
        assert svc.search(s, "医保", limit=7, offset=10_000).results == []


def test_ranking_ties_by_year_then_id(corpus_db):
    with corpus_db.session() as s:
        res = svc.search(s, "经济", limit=1000, snippets=False).results
    for a, b in zip(res, res[1:]):
        assert round(a.score, 9) >= round(b.score, 9)
        if round(a.score, 9) == round(b.score, 9):
            assert ((a.year or 0), b.doc_id) >= ((b.year or 0), a.doc_id)


def test_filters_region_includes_districts_level_year_kind(corpus_db):
    with corpus_db.session() as s:
        sh = svc.search(s, "城市更新 region:上海", limit=100, snippets=False)
        ids = {r.doc_id for r in sh.results}
        assert any(i.startswith("310101") for i in ids) and any(i.startswith("310000") for i in ids)
        assert all(i.startswith("31") for i in ids)
        by_code = {r.doc_id for r in svc.search(s, "城市更新", region="310000", limit=100, snippets=False).results}
        assert by_code == ids
        prov = svc.search(s, "新质生产力", level="province", year="2025", limit=100, snippets=False)
        assert set(prov.facets["level"]) == {"province"} and set(prov.facets["year"]) == {"2025"}
        assert prov.total_docs > 20
        ranged = svc.search(s, "经济 year:2020..2025 level:省", limit=100, snippets=False)
        assert all(2020 <= int(y) <= 2025 for y in ranged.facets["year"])
        kinds = svc.search(s, "经济 kind:决议", limit=100, snippets=False)
        assert set(kinds.facets["kind"]) == {"决议"}


def test_or_and_exclusion(corpus_db):
    with corpus_db.session() as s:
        a = {r.doc_id for r in svc.search(s, "电竞", limit=1000, snippets=False).results}
        b = {r.doc_id for r in svc.search(s, "旧改", limit=1000, snippets=False).results}
        both = {r.doc_id for r in svc.search(s, "电竞 旧改", limit=1000, snippets=False).results}
        either = {r.doc_id for r in svc.search(s, "电竞 OR 旧改", limit=1000, snippets=False).results}
        minus = {r.doc_id for r in svc.search(s, "电竞 -旧改", limit=1000, snippets=False).results}
    assert both == a & b and either == a | b and minus == a - b


@pytest.mark.parametrize("raw", HOSTILE + ["经" * 10_000, "", "   ", "，", "。。", "'", "OR", "-"])
def test_hostile_queries_give_results_or_a_message(corpus_db, raw):
    with corpus_db.session() as s:
        try:
            r = svc.search(s, raw, limit=5)
        except InvalidQuery as exc:
            assert str(exc)
        else:
            assert r.total_docs >= 0
            json.dumps(r.to_dict(), ensure_ascii=False)


def test_sql_fragment_is_plain_text_and_tables_survive(corpus_db):
    with corpus_db.session() as s:
        r = svc.search(s, "'; DROP TABLE documents;--")
        assert r.total_docs == 0
        assert svc.search(s, "经济", limit=1).total_docs > 100


def test_kwic_and_count_agree_with_search(corpus_db):
    with corpus_db.session() as s:
        r = svc.search(s, "低空经济", limit=1000, snippets=False)
        lines = svc.kwic(s, "低空经济", window=10)
        assert len(lines) == r.total_hits
        for ln in lines[:20]:
            assert ln.match == "低空经济" and len(ln.left) <= 10 and len(ln.right) <= 10
        counted = svc.count(s, "低空经济", by="year", per="10k")
        assert counted["total_hits"] == r.total_hits
        assert sum(row["hits"] for row in counted["rows"]) == r.total_hits
        by_doc = svc.count(s, "低空经济", by="document")
        assert {row["key"]: row["hits"] for row in by_doc["rows"]} == {x.doc_id: x.hits for x in r.results}
        with pytest.raises(InvalidQuery):
            svc.count(s, "低空经济", by="planet")
