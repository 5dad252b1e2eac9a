"""Question answering on the golden questions: accuracy, correct refusals, latency per mode.

    .venv/bin/python benchmarks/ask_eval.py [--questions YAML] [--corpus PATH] [--db URL] [--repeat N]
                                            [--scaled N] [--no-llm] [--dump JSON] [-v]

--questions chooses the question file: tests/golden/ask_questions.yaml (default, written with the
code) or tests/golden/ask_heldout.yaml (held out: written from the corpus without looking at the
answerer, never tuned on one by one). --dump writes every offline answer and its grade as JSON.

1. Imports the corpus into a fresh SQLite library (or uses --db, already imported).
2. offline: every golden question (tests/golden/ask_questions.yaml) answered with no model;
   prints accuracy on the answerable ones, correct refusals on the unanswerable ones, and
   p50/p95 latency per answer mode (facts, extractive) and overall.
3. llm: the same against the scripted OpenAI-compatible server on loopback (baogao.ask.fake_llm)
   answering like a good model ("cited"), then like a bad one ("wrong_number"): prints accuracy,
   how many model answers passed the check, how many were replaced, and latency.
4. scaled (--scaled N, default 10 000; 0 skips it): offline figures on a library of N documents
   made from the real ones (``build_scaled``: the imported library plus shuffled copies with a
   unique marker each, their facts and glossary moved along, indexed in bulk); goal p95 <= 300 ms.
   --keep DIR keeps that library file and reuses it on the next run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "ask_questions.yaml"


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def run_set(db, questions, settings, repeat: int, verbose: bool, dump: list | None = None):
    from baogao.ask.evaluate import grade
    from baogao.services.ask import ask

    latencies: dict[str, list[float]] = defaultdict(list)
    correct = refused_ok = n_answerable = n_unanswerable = 0
    per_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    checks = defaultdict(int)
    for g in questions:
        answer = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            answer = ask(db, g.question, settings=settings, **g.ask_kwargs())
            dt = time.perf_counter() - t0
            latencies[answer.mode].append(dt)
            latencies["all"].append(dt)
        for c in answer.citations:  # a scaled copy stands for its source document
            c.doc_id = source_id(c.doc_id)
        r = grade(g, answer)
        per_area[g.area if g.answerable else "refuse"][0] += r.correct
        per_area[g.area if g.answerable else "refuse"][1] += 1
        if dump is not None:
            dump.append({"id": g.id, "question": g.question, "answerable": g.answerable, "correct": r.correct,
                         "reason": r.reason, "answer": answer.to_dict()})
        if g.answerable:
            n_answerable += 1
            correct += r.correct
        else:
            n_unanswerable += 1
            refused_ok += r.correct
        llm = answer.check.get("llm") if isinstance(answer.check, dict) else None
        if answer.mode == "llm":
            checks["llm answer shown (passed the check)"] += 1
        elif isinstance(llm, dict) and llm.get("problems"):
            checks["llm answer replaced (failed the check)"] += 1
        elif isinstance(llm, dict) and llm.get("error"):
            checks["llm endpoint error -> offline"] += 1
        if verbose and not r.correct:
            print(f"  wrong {g.id}: {r.reason}", file=sys.stderr)
    return correct, n_answerable, refused_ok, n_unanswerable, latencies, checks, per_area


def report(title, result) -> None:
    correct, n_ans, refused, n_un, lat, checks, per_area = result
    print(f"\n== {title}")
    print(f"accuracy          {correct}/{n_ans} = {correct / max(n_ans, 1):.1%}   (goal >= 85%)")
    print(f"correct refusals  {refused}/{n_un}   (goal: all)")
    print("by area           " + "   ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per_area.items())))
    for mode in sorted(lat):
        v = lat[mode]
        print(f"latency {mode:<10} n={len(v):<4} p50 {pct(v, 50) * 1000:7.1f} ms   p95 {pct(v, 95) * 1000:7.1f} ms")
    for k, v in checks.items():
        print(f"{k:<40} {v}")


COPY_SEP = "~c"  # a scaled copy's id: <source id>~c<copy number>


def source_id(doc_id: str) -> str:
    return doc_id.split(COPY_SEP, 1)[0]


def build_scaled(real_url: str, scaled_path: Path, n_docs: int, seed: int = 7) -> int:
    """A library of ``n_docs`` documents made from the real ones (already imported at ``real_url``).

    The real library file is copied as is (its documents, sections, glossary, facts and search
    index stay), then copies of the real reports are added until there are ``n_docs``: each copy
    has its paragraphs shuffled and one unique marker paragraph (标记甲乙<n>, as in
    benchmarks/search.py), the facts and glossary entries that lie inside one paragraph moved
    with it, and is indexed by the search module's own bulk indexer. Returns the documents added.
    """
    import random
    import shutil

    from sqlalchemy import insert, select

    from baogao.facts.schema import FactRow
    from baogao.search import index as search_index
    from baogao.services import derived
    from baogao.store.db import Database
    from baogao.store.schema import Document, GlossaryRow, ParagraphRow

    src_path = Path(real_url.removeprefix("sqlite:///"))
    real_db = Database(real_url)
    with real_db.engine.connect() as con:  # everything in the main file before it is copied
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    real_db.dispose()
    shutil.copyfile(src_path, scaled_path)
    db = Database(f"sqlite:///{scaled_path}")
    rnd = random.Random(seed)

    def rows_of(s, model):
        cols = [c.name for c in model.__table__.columns if c.name != "id" or model is Document]
        out: dict[str, list[dict]] = defaultdict(list)
        for r in s.execute(select(*[model.__table__.c[c] for c in cols])):
            d = dict(zip(cols, r))
            out[d["document_id"] if model is not Document else d["id"]].append(d)
        return out

    with db.session() as s:
        docs = {k: v[0] for k, v in rows_of(s, Document).items()}
        paras = rows_of(s, ParagraphRow)
        facts = rows_of(s, FactRow)
        gloss = rows_of(s, GlossaryRow)
    real_ids = sorted(docs)
    n_new = max(0, n_docs - len(real_ids))
    new_ids: list[str] = []
    batch: dict[str, list[dict]] = defaultdict(list)

    def flush():
        with db.session() as s:
            for model in (Document, ParagraphRow, FactRow, GlossaryRow):
                rows = batch.pop(model.__tablename__, [])
                if rows:
                    s.execute(insert(model), rows)

    for i in range(n_new):
        src = docs[real_ids[i % len(real_ids)]]
        doc_id = f"{src['id']}{COPY_SEP}{i // len(real_ids) + 1}"
        plist = sorted(paras[src["id"]], key=lambda p: p["start"])
        order = list(range(len(plist)))
        rnd.shuffle(order)
        marker = f"标记甲乙{i:06d}"
        at = rnd.randrange(len(order) + 1)
        pieces, norms, new_paras, moved = [], [], [], {}
        pos = 0
        for k, j in enumerate(order[:at] + [-1] + order[at:]):
            if j < 0:
                t = n = marker
                kind, old = "p", None
            else:
                p = plist[j]
                t, n = src["text"][p["start"]:p["end"]], src["norm_text"][p["start"]:p["end"]]
                kind, old = p["kind"], (p["start"], p["end"])
            new_paras.append({"document_id": doc_id, "ordinal": k, "kind": kind, "start": pos,
                              "end": pos + len(t), "section_ordinal": None})
            if old:
                moved[old] = pos - old[0]
            pieces.append(t)
            norms.append(n)
            pos += len(t) + 1
        text, norm = "\n".join(pieces), "\n".join(norms)
        olds = sorted(moved)

        def shift(a: int, b: int):
            for ps, pe in olds:  # few paragraphs per fact: a linear scan is fine here
                if ps <= a and b <= pe:
                    return moved[(ps, pe)]
            return None

        row = dict(src, id=doc_id, text=text, norm_text=norm, n_chars=len(text),
                   title=f"{src['title']} (副本 {i // len(real_ids) + 1})")
        batch["documents"].append(row)
        batch["paragraphs"].extend(new_paras)
        for f in facts.get(src["id"], []):
            d = shift(f["start"], f["end"])
            if d is not None:
                batch["facts"].append(dict(f, document_id=doc_id, start=f["start"] + d, end=f["end"] + d,
                                           num_start=f["num_start"] + d, num_end=f["num_end"] + d))
        for g in gloss.get(src["id"], []):
            d = shift(min(g["start"], g["term_start"]), max(g["end"], g["definition_end"]))
            if d is not None:
                batch["glossary"].append(dict(g, document_id=doc_id, **{
                    k: g[k] + d for k in ("start", "end", "term_start", "term_end", "definition_start", "definition_end")}))
        new_ids.append(doc_id)
        if len(batch["documents"]) >= 200:
            flush()
    flush()
    with db.session() as s:
        search_index.index_documents(s, new_ids, batch=500)
        derived.mark_built(s)
    db.dispose()
    return len(new_ids)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", default=str(GOLDEN), help="question file (default: %(default)s)")
    ap.add_argument("--dump", default=None, help="write the offline answers and grades to this JSON file")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--db", default=None, help="an already imported library (default: import into a temporary SQLite file)")
    ap.add_argument("--repeat", type=int, default=3, help="answer each question this many times for the latencies")
    ap.add_argument("--scaled", type=int, default=10_000, help="documents in the scaled library (0: skip)")
    ap.add_argument("--keep", default=None, help="folder for the scaled library file, reused when it exists")
    ap.add_argument("--no-llm", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from baogao.ask.evaluate import load_questions
    from baogao.ask.fake_llm import FakeLLM
    from baogao.config import load_settings
    from baogao.services.ask import ask
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    qpath = Path(args.questions).resolve()
    questions = load_questions(qpath)
    with tempfile.TemporaryDirectory() as tmp:
        offline_settings = load_settings(env={"BAOGAO_HOME": tmp})
        url = args.db or f"sqlite:///{tmp}/ask.db"
        db = Database(url)
        if not args.db:
            t0 = time.perf_counter()
            import_paths(db, [args.corpus], offline_settings)
            print(f"imported the corpus in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        print(f"golden questions  {len(questions)} ({sum(g.answerable for g in questions)} answerable, "
              f"{sum(not g.answerable for g in questions)} not in the reports)  "
              f"{qpath.relative_to(ROOT) if qpath.is_relative_to(ROOT) else qpath}")
        for g in questions[:3]:  # warm-up: jieba, OpenCC and the gazetteer load once per process
            ask(db, g.question, settings=offline_settings)
        ask(db, "杭州市2025年GDP增长目标是多少？", settings=offline_settings)

        dump: list | None = [] if args.dump else None
        report("offline (no model)", run_set(db, questions, offline_settings, args.repeat, args.verbose, dump))
        if args.dump:
            import json

            Path(args.dump).write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")

        if not args.no_llm:
            for mode in ("cited", "wrong_number"):
                with FakeLLM(mode) as llm:
                    settings = load_settings(env={"BAOGAO_HOME": tmp, "BAOGAO_LLM_BASE_URL": llm.base_url,
                                                  "BAOGAO_LLM_MODEL": "fake", "BAOGAO_LLM_TIMEOUT": "5"})
                    report(f"llm: fake OpenAI-compatible server on loopback, model answers '{mode}'",
                           run_set(db, questions, settings, 1, args.verbose))
        db.dispose()

        if args.scaled:
            keep = Path(args.keep) if args.keep else Path(tmp)
            keep.mkdir(parents=True, exist_ok=True)
            scaled_path = keep / f"scaled-{args.scaled}.db"
            if not scaled_path.exists():
                if args.db:
                    raise SystemExit("--scaled builds from the imported corpus: run without --db")
                t0 = time.perf_counter()
                added = build_scaled(url, scaled_path, args.scaled)
                print(f"built the scaled library ({added} copies added) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            sdb = Database(f"sqlite:///{scaled_path}")
            for g in questions[:3]:
                ask(sdb, g.question, settings=offline_settings)
            report(f"offline on the scaled library ({args.scaled} documents; goal p95 <= 300 ms; "
                   "a citation of a copy counts as one of its source)",
                   run_set(sdb, questions, offline_settings, 1, args.verbose))
            sdb.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
