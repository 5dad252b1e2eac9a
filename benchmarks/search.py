"""Search benchmark on a scaled corpus: index build, index size, engine and request latency,
against a DuckDB LIKE scan and a plain in-memory substring scan of the same texts.

    .venv/bin/python benchmarks/search.py [--docs 10000] [--corpus PATH] [--keep DIR]

The scaled corpus is made from the real reports: each copy of a report has its paragraphs
shuffled and one unique marker paragraph (标记甲乙<copy>), so every copy is a different text of
the same vocabulary. It is written straight into a fresh SQLite library (documents and
paragraphs rows, no cleaning pipeline) and indexed by the same code an import uses
(``baogao.search.index.rebuild``, as ``baogao reindex`` does). Latency is measured after a warm-up run:

* match: the phrase query alone, which documents hold each term (``Engine.documents``);
* engine: the phrase query returning every matching document with its exact occurrence count
  (``Engine.match``: FTS5's bm25() inverted), i.e. the whole match set, not a top-k;
* request: ``services.search.search`` for the top 20 documents with snippets, facets over the
  whole result, totals (what the API and the CLI call);
* DuckDB: ``SELECT id, ... WHERE norm_text LIKE '%q%'`` over an in-memory table of the same
  normalized texts; scan: Python ``q in text`` over the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

QUERIES = [
    "新质生产力", "低空经济", "旧改", "电竞", "托育", "医保", "普惠托育", "城市更新", "人工智能", "数字经济",
    "高质量发展", "乡村振兴", "营商环境", "碳达峰", "一带一路", "专项债", "国内生产总值", "人形机器人",
    "經濟", "５％", "gdp", "2025年", "粮食产量", "“城市更新” 旧改", "低空经济 OR 无人机", "养老 -托育",
]


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def load_real(corpus: Path, tmp: Path):
    from sqlalchemy import select

    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database
    from baogao.store.schema import Document, ParagraphRow

    db = Database(f"sqlite:///{tmp / 'real.db'}")
    import_paths(db, [corpus], load_settings(env={"BAOGAO_HOME": str(tmp / "home")}))
    docs = []
    with db.session() as s:
        paras: dict[str, list[tuple[int, int, str]]] = {}
        for d, a, b, kind in s.execute(select(ParagraphRow.document_id, ParagraphRow.start, ParagraphRow.end, ParagraphRow.kind)):
            paras.setdefault(d, []).append((a, b, kind))
        for d in s.execute(select(Document)).scalars():
            docs.append({c.name: getattr(d, c.name) for c in Document.__table__.columns} | {"paras": sorted(paras[d.id])})
    db.dispose()
    return docs


def build(real, n_docs: int, path: Path, seed: int = 7):
    """Write the scaled corpus into a fresh library; returns (db, doc ids, raw bytes, texts)."""
    from sqlalchemy import insert

    from baogao.store.db import Database
    from baogao.store.schema import Document, ParagraphRow

    rnd = random.Random(seed)
    db = Database(f"sqlite:///{path}")
    ids, raw_bytes, raw_chars = [], 0, 0
    texts: list[tuple[str, str]] = []
    batch_docs, batch_paras = [], []

    def flush():
        with db.session() as s:
            s.execute(insert(Document), batch_docs)
            s.execute(insert(ParagraphRow), batch_paras)
        batch_docs.clear()
        batch_paras.clear()

    for i in range(n_docs):
        src = real[i % len(real)]
        copy = i // len(real)
        lines = [(src["text"][a:b], src["norm_text"][a:b], kind) for a, b, kind in src["paras"]]
        rnd.shuffle(lines)
        marker = f"标记甲乙{i:06d}"
        lines.insert(rnd.randrange(len(lines) + 1), (marker, marker, "p"))
        text = "\n".join(t for t, _, _ in lines)
        norm = "\n".join(n for _, n, _ in lines)
        doc_id = f"{src['id']}-c{copy}"
        row = {k: v for k, v in src.items() if k not in ("paras",)}
        row.update(id=doc_id, text=text, norm_text=norm, n_chars=len(text), title=f"{src['title']} (副本 {copy})")
        batch_docs.append(row)
        pos = 0
        for k, (t, _, kind) in enumerate(lines):
            batch_paras.append({"document_id": doc_id, "ordinal": k, "kind": kind, "start": pos, "end": pos + len(t)})
            pos += len(t) + 1
        ids.append(doc_id)
        texts.append((doc_id, norm))
        raw_bytes += len(text.encode("utf-8"))
        raw_chars += len(text)
        if len(batch_docs) >= 200:
            flush()
    if batch_docs:
        flush()
    with db.engine.connect() as conn:  # the store's writes out of the WAL: not the index build's cost
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, ids, raw_bytes, raw_chars, texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--corpus", default=os.environ.get("BAOGAO_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--keep", default=None, help="folder for the library file (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--builds", type=int, default=3, help="index builds to time (the median is reported)")
    args = parser.parse_args()

    import duckdb
    from sqlalchemy import text as sql

    from baogao.search import index as search_index
    from baogao.search.engine import get_engine
    from baogao.search.query import parse
    from baogao.services import search as svc

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="baogao-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    real = load_real(Path(args.corpus), tmp)
    lib_path = tmp / "scaled.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(lib_path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    db, ids, raw_bytes, raw_chars, texts = build(real, args.docs, lib_path)
    t_store = time.perf_counter() - t0
    builds = []
    for _ in range(max(1, args.builds)):  # each a whole `baogao reindex`: clear, then index everything
        t0 = time.perf_counter()
        with db.session() as s:
            search_index.rebuild(s, batch=500)
        builds.append(time.perf_counter() - t0)
    t_index = statistics.median(builds)
    with db.session() as s:
        index_bytes = search_index.size_bytes(s)
        fts_bytes = int(s.scalar(sql("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'")) or 0)
        rows_indexed = search_index.meta(s)["n_docs"]

    marker_q = "标记甲乙" + f"{args.docs // 2:06d}"
    queries = QUERIES + [marker_q]
    rows = []
    con = duckdb.connect()
    con.execute("CREATE TABLE docs (id VARCHAR, norm_text VARCHAR)")
    con.executemany("INSERT INTO docs VALUES (?, ?)", texts) if len(texts) < 2000 else None
    if len(texts) >= 2000:
        import pandas as pd

        frame = pd.DataFrame(texts, columns=["id", "norm_text"])
        con.register("frame", frame)
        con.execute("INSERT INTO docs SELECT * FROM frame")
        con.unregister("frame")
    with db.session() as s:
        engine = get_engine(s)
        for q in queries:
            parsed = parse(q)
            terms = [t.text for t in parsed.terms]
            # engine: every positive term's phrase, all matches with counts
            eng = []
            for rep in range(args.repeat + 1):
                t = time.perf_counter()
                n_rows = 0
                for term in terms:
                    n_rows += len(engine.match(s, term)[0])
                if rep:
                    eng.append((time.perf_counter() - t) * 1000)
            # the phrase match alone (which documents, no counts): what FTS5 does without bm25()
            bare = []
            for rep in range(args.repeat + 1):
                t = time.perf_counter()
                for term in terms:
                    engine.documents(s, term)
                if rep:
                    bare.append((time.perf_counter() - t) * 1000)
            api = []
            for rep in range(args.repeat + 1):
                t = time.perf_counter()
                res = svc.search(s, q, limit=20)
                if rep:
                    api.append((time.perf_counter() - t) * 1000)
            duck = []
            for rep in range(2):
                t = time.perf_counter()
                for term in terms:
                    like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                    con.execute("SELECT id FROM docs WHERE norm_text LIKE ? ESCAPE '\\'", [like]).fetchall()
                if rep:
                    duck.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            for term in terms:
                [d for d, norm in texts if term in norm]
            scan = (time.perf_counter() - t) * 1000
            rows.append({"query": q, "docs": res.total_docs, "hits": res.total_hits, "rows": n_rows,
                         "engine_ms": statistics.median(eng), "match_ms": statistics.median(bare), "api_ms": statistics.median(api),
                         "duckdb_ms": statistics.median(duck), "scan_ms": scan})

    eng = [r["engine_ms"] for r in rows]
    bare = [r["match_ms"] for r in rows]
    api = [r["api_ms"] for r in rows]
    duck = [r["duckdb_ms"] for r in rows]
    scan = [r["scan_ms"] for r in rows]
    summary = {
        "documents": len(ids), "characters": raw_chars, "raw_text_bytes": raw_bytes, "indexed": rows_indexed,
        "store_write_s": round(t_store, 1), "index_build_s": round(t_index, 1),
        "index_builds_s": [round(b, 1) for b in builds],
        "index_bytes": index_bytes, "fts_bytes": fts_bytes, "index_vs_raw": round(index_bytes / raw_bytes, 3),
        "engine_p50_ms": round(pct(eng, 50), 2), "engine_p95_ms": round(pct(eng, 95), 2),
        "match_p50_ms": round(pct(bare, 50), 2), "match_p95_ms": round(pct(bare, 95), 2),
        "api_p50_ms": round(pct(api, 50), 2), "api_p95_ms": round(pct(api, 95), 2),
        "duckdb_p50_ms": round(pct(duck, 50), 1), "duckdb_p95_ms": round(pct(duck, 95), 1),
        "scan_p50_ms": round(pct(scan, 50), 1), "scan_p95_ms": round(pct(scan, 95), 1),
        "duckdb_over_engine_p50": round(pct(duck, 50) / pct(eng, 50), 1),
        "duckdb_over_api_p50": round(pct(duck, 50) / pct(api, 50), 1),
        "scan_over_engine_p50": round(pct(scan, 50) / pct(eng, 50), 1),
    }
    if args.json:
        print(json.dumps({"summary": summary, "queries": rows}, ensure_ascii=False, indent=2))
        return 0
    print(f"scaled corpus: {len(ids):,} documents, {raw_chars:,} characters, {raw_bytes / 1e6:.1f} MB UTF-8, {rows_indexed:,} indexed")
    print(f"store write {t_store:.1f} s; index build {t_index:.1f} s (median of {', '.join(f'{b:.1f}' for b in builds)}; "
          "each a whole rebuild); "
          f"index {index_bytes / 1e6:.1f} MB (FTS5 {fts_bytes / 1e6:.1f} MB) = {index_bytes / raw_bytes:.2f}x raw text bytes")
    print()
    print(f"{'query':<22}{'docs':>7}{'hits':>9}{'rows':>8}{'match ms':>10}{'engine ms':>11}{'request ms':>12}{'duckdb ms':>11}{'scan ms':>9}{'duck/eng':>10}")
    for r in rows:
        print(f"{r['query'][:20]:<22}{r['docs']:>7}{r['hits']:>9}{r['rows']:>8}{r['match_ms']:>10.2f}{r['engine_ms']:>11.2f}{r['api_ms']:>12.2f}"
              f"{r['duckdb_ms']:>11.1f}{r['scan_ms']:>9.1f}{r['duckdb_ms'] / max(r['engine_ms'], 1e-3):>10.0f}")
    print()
    print(f"match   p50 {summary['match_p50_ms']:.2f} ms  p95 {summary['match_p95_ms']:.2f} ms   (the phrase match alone: documents, no counts)")
    print(f"engine  p50 {summary['engine_p50_ms']:.2f} ms  p95 {summary['engine_p95_ms']:.2f} ms   (goal p50 <= 5, p95 <= 12; every match with exact counts)")
    print(f"request p50 {summary['api_p50_ms']:.2f} ms  p95 {summary['api_p95_ms']:.2f} ms   (goal p95 <= 50; top 20, snippets, facets)")
    print(f"duckdb  p50 {summary['duckdb_p50_ms']:.1f} ms  p95 {summary['duckdb_p95_ms']:.1f} ms   -> {summary['duckdb_over_engine_p50']}x the engine p50, "
          f"{summary['duckdb_over_api_p50']}x the request p50 (goal >= 100x)")
    print(f"scan    p50 {summary['scan_p50_ms']:.1f} ms  p95 {summary['scan_p95_ms']:.1f} ms   -> {summary['scan_over_engine_p50']}x the engine p50")
    print(f"build   {t_index:.1f} s median of {len(builds)} (goal <= 60 s); index/raw {summary['index_vs_raw']} (goal <= 1)")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
