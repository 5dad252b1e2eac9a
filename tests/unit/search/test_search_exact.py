"""Exactness: the documents (and hit counts) a search returns equal a brute-force substring
scan of every paragraph of the normalized texts, on SQLite and on PostgreSQL."""

from __future__ import annotations

import random

import opencc

from baogao.services import search as svc
from baogao.text.normalize import normalize_query

import _search_brute as bf

POLICY = [
    "新质生产力", "低空经济", "旧改", "电竞", "托育", "医保", "普惠托育", "城市更新", "人工智能", "数字经济",
    "高质量发展", "乡村振兴", "营商环境", "碳达峰", "养老", "就业", "房地产", "一带一路", "专项债", "国内生产总值",
]
FORMS = ["經濟", "醫保", "鄉村振興", "數字經濟", "５％", "ＧＤＰ", "２０２５年", "GDP", "3.5%", "6%左右"]


def random_terms(brute, n=40, seed=20250305):
    rnd = random.Random(seed)
    ids = sorted(brute)
    out: list[str] = []
    while len(out) < n:
        text, _norm, paras = brute[rnd.choice(ids)]
        if not paras:
            continue
        a, b = rnd.choice(paras)
        length = rnd.randint(2, 6)
        if b - a < length:
            continue
        i = rnd.randint(a, b - length)
        term = text[i : i + length]
        if any(c.isspace() or c in "\"“”「」『』:：-－—" for c in term) or term in out:
            continue
        out.append(term)
    return out


def queries(brute):
    return POLICY + FORMS + random_terms(brute)


def test_at_least_sixty_queries(brute):
    assert len(queries(brute)) >= 60


def test_documents_and_hits_equal_brute_force(corpus_db, brute):
    mismatches = []
    with corpus_db.session() as s:
        for term in queries(brute):
            phrase = '"' + term + '"'
            result = svc.search(s, phrase, limit=1000, snippets=False)
            got = {r.doc_id: r.hits for r in result.results}
            want = bf.counts(brute, normalize_query(term))
            if got != want:
                mismatches.append((term, sorted(set(got) ^ set(want))[:5], sum(got.values()), sum(want.values())))
            assert result.total_docs == len(want)
            assert result.total_hits == sum(want.values())
    assert not mismatches, mismatches


def test_two_character_words_inside_longer_words(corpus_db, brute):
    with corpus_db.session() as s:
        short = {r.doc_id for r in svc.search(s, "托育", limit=1000, snippets=False).results}
        long = {r.doc_id for r in svc.search(s, "普惠托育", limit=1000, snippets=False).results}
    assert long and long <= short


def test_traditional_and_full_width_find_the_same(corpus_db):
    with corpus_db.session() as s:
        for a, b in [("經濟", "经济"), ("５％", "5%"), ("ＧＤＰ", "gdp"), ("醫保", "医保")]:
            ra, rb = svc.search(s, a, limit=5), svc.search(s, b, limit=5)
            assert (ra.total_docs, ra.total_hits) == (rb.total_docs, rb.total_hits) and ra.total_hits > 0


def test_traditional_variant_generated_with_opencc(corpus_db, brute):
    s2t = opencc.OpenCC("s2t")
    with corpus_db.session() as s:
        for term in ["经济发展", "乡村振兴", "对外开放", "国内生产总值"]:
            trad = s2t.convert(term)
            assert trad != term
            assert svc.search(s, trad, limit=1).total_hits == sum(bf.counts(brute, term).values())


def test_find_spans_equal_brute_force(corpus_db, brute):
    ids = sorted(brute)
    with corpus_db.session() as s:
        for term in ["电竞", "经济", "5%", "一", "发展", "gdp", "旧改"]:
            for doc_id in ids[::9]:
                _text, norm, paras = brute[doc_id]
                found = svc.find(s, doc_id, term)
                assert [(sp.start, sp.end) for sp in found.spans] == bf.spans(norm, paras, normalize_query(term))


def test_one_character_query_is_a_scan_with_a_note(corpus_db, brute):
    with corpus_db.session() as s:
        r = svc.search(s, "碳", limit=1000, snippets=False)
    assert r.notes and "扫描" in r.notes[0]
    assert {x.doc_id: x.hits for x in r.results} == bf.counts(brute, "碳")


def test_counts_come_from_the_index_not_a_scan(corpus_db, brute):
    """On SQLite every count is read from FTS5 (the bm25 inversion comes out whole), so a search
    never falls back to scanning texts; PostgreSQL counts from the tsvector positions."""
    from baogao.search.engine import get_engine

    with corpus_db.session() as s:
        engine = get_engine(s)
        for term in POLICY + ["经济", "发展", "5%", "gdp"]:
            nums, counts = engine.match(s, normalize_query(term))
            want = bf.counts(brute, normalize_query(term))
            if engine.name == "sqlite-fts5":
                assert (counts > 0).all(), term  # no -1: nothing left for a scan
            assert len(nums) == len(want), term
            assert (counts != 0).all(), term


def test_long_phrases_are_exact(corpus_db, brute):
    """Terms longer than PostgreSQL's phrase cut (64 characters) still match exactly."""
    ids = sorted(brute)
    with corpus_db.session() as s:
        for doc_id in ids[::17]:
            text, norm, paras = brute[doc_id]
            a, b = max(paras, key=lambda p: p[1] - p[0])
            if b - a < 90:
                continue
            term = text[a + 5 : a + 85]
            if any(c in term for c in "\"“”「」『』") or " " in term:
                continue
            result = svc.search(s, '"' + term + '"', limit=50, snippets=False)
            assert {r.doc_id: r.hits for r in result.results} == bf.counts(brute, normalize_query(term))
