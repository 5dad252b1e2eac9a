"""`baogao search / find / kwic / count / reindex` from the command line: the pinned JSON
contract (spans are offsets into the canonical text), CSV, errors as messages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from baogao.cli import app
from baogao.store.schema import Document


@pytest.fixture(scope="module")
def run(corpus_db):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, ["--db", corpus_db.url, *args])

    return invoke


def _text(db, doc_id):
    with db.session() as s:
        return s.get(Document, doc_id).text


def test_search_json_contract(run, corpus_db):
    res = run("search", "新质生产力", "--level", "province", "--year", "2025", "--format", "json", "--limit", "5")
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert set(d) == {"query", "total_docs", "total_hits", "facets", "results"}
    assert set(d["facets"]) == {"year", "region", "level", "kind"}
    assert d["facets"]["year"] == {"2025": d["total_docs"]}
    assert len(d["results"]) == 5
    for r in d["results"]:
        assert set(r) == {"doc_id", "title", "year", "region", "score", "hits", "snippets"}
        text = _text(corpus_db, r["doc_id"])
        for sn in r["snippets"]:
            s, e = sn["span"]
            assert text[s:e] == sn["text"]
            for a, b in sn["highlights"]:
                assert s <= a < b <= e and text[a:b] == "新质生产力"


def test_search_query_language_and_table(run):
    res = run("search", '"城市更新" 旧改 -拆迁', "--region", "上海")
    assert res.exit_code == 0, res.output
    assert "份报告" in res.stdout and "310101" in res.stdout


def test_find_json(run, corpus_db):
    res = run("find", "310101-2025-gzbg", "电竞", "--format", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert set(d) == {"count", "spans"} and d["count"] == len(d["spans"]) >= 1
    text = _text(corpus_db, "310101-2025-gzbg")
    assert all(text[s:e] == "电竞" for s, e in d["spans"])
    assert d["spans"] == sorted(d["spans"])
    table = run("find", "310101-2025-gzbg", "电竞")
    assert table.exit_code == 0 and f"1/{d['count']}" in table.stdout


def test_kwic_csv_and_json(run):
    res = run("kwic", "低空经济", "--window", "20", "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and set(rows[0]) == {"doc_id", "year", "region", "start", "end", "left", "match", "right"}
    assert all(r["match"] == "低空经济" and len(r["left"]) <= 20 for r in rows)
    js = json.loads(run("kwic", "低空经济", "--format", "json", "--limit", "3").stdout)
    assert len(js) == 3 and set(js[0]) >= {"left", "match", "right", "doc_id", "span"}


def test_count_by_year_per_10k(run):
    res = run("count", "新质生产力", "--by", "year", "--per", "10k", "--format", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["per"] == 10000
    rows = {r["key"]: r for r in d["rows"]}
    assert rows["2025"]["hits"] > 0 and rows["2025"]["per"] == pytest.approx(rows["2025"]["hits"] * 10000 / rows["2025"]["chars"], abs=1e-3)
    assert rows["2000"]["hits"] == 0
    for by in ("region", "level", "document"):
        assert run("count", "新质生产力", "--by", by).exit_code == 0


@pytest.mark.parametrize("query", ["", "   ", "-拆迁", "经" * 10_000, "region:火星 经济"])
def test_bad_queries_are_messages_not_tracebacks(run, query):
    res = run("search", "--format", "json", "--", query)  # "--": a query may start with "-"
    assert res.exit_code == 2
    assert "错误" in res.output and "Traceback" not in res.output


def test_hostile_queries_do_not_crash(run):
    for q in ['"unbalanced', "NEAR(经济 发展)", "*", "^", "'; DROP TABLE documents;--", "😀", "，。"]:
        res = run("search", q, "--format", "json")
        assert res.exit_code in (0, 2), res.output
        if res.exit_code == 0:
            json.loads(res.stdout)


def test_one_character_query_says_it_scanned(run):
    res = run("search", "碳", "--format", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout)["total_docs"] > 0
    assert "扫描" in res.stderr


def test_reindex_then_check(db_url, tmp_path, corpus_dir):
    runner = CliRunner()
    src = corpus_dir / "web-pages"
    assert runner.invoke(app, ["--db", db_url, "import", str(src)]).exit_code == 0
    res = runner.invoke(app, ["--db", db_url, "reindex", "--format", "json"])
    assert res.exit_code == 0, res.output
    info = json.loads(res.stdout)
    assert info["documents"] == 2 and info["tokens"] > 1000
    chk = runner.invoke(app, ["--db", db_url, "check"])
    assert chk.exit_code == 0, chk.output
