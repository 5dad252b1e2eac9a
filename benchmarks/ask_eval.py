"""Question answering on the golden questions: accuracy, correct refusals, latency per mode.

    .venv/bin/python benchmarks/ask_eval.py [--corpus PATH] [--db URL] [--repeat N] [--scaled N] [-v]

1. Imports the corpus into a fresh SQLite library (or uses --db, already imported).
2. offline: every golden question (tests/golden/ask_questions.yaml) answered with no model;
   prints accuracy on the answerable ones, correct refusals on the unanswerable ones, and
   p50/p95 latency per answer mode (facts, extractive) and overall.
3. llm: the same against the scripted OpenAI-compatible server on loopback (baogao.ask.fake_llm)
   answering like a good model ("cited"), then like a bad one ("wrong_number"): prints accuracy,
   how many model answers passed the check, how many were replaced, and latency.
4. scaled (when benchmarks/search.py provides a scaled corpus builder, or with --scaled N):
   offline p95 on a library of N documents (goal <= 300 ms at 10 000).
"""

from __future__ import annotations

import argparse
import importlib.util
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


def run_set(db, questions, settings, repeat: int, verbose: bool):
    from baogao.ask.evaluate import grade
    from baogao.services.ask import ask

    latencies: dict[str, list[float]] = defaultdict(list)
    correct = refused_ok = n_answerable = n_unanswerable = 0
    checks = defaultdict(int)
    for g in questions:
        answer = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            answer = ask(db, g.question, settings=settings)
            dt = time.perf_counter() - t0
            latencies[answer.mode].append(dt)
            latencies["all"].append(dt)
        r = grade(g, answer)
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
    return correct, n_answerable, refused_ok, n_unanswerable, latencies, checks


def report(title, result) -> None:
    correct, n_ans, refused, n_un, lat, checks = result
    print(f"\n== {title}")
    print(f"accuracy          {correct}/{n_ans} = {correct / max(n_ans, 1):.1%}   (goal >= 85%)")
    print(f"correct refusals  {refused}/{n_un}   (goal: all)")
    for mode in sorted(lat):
        v = lat[mode]
        print(f"latency {mode:<10} n={len(v):<4} p50 {pct(v, 50) * 1000:7.1f} ms   p95 {pct(v, 95) * 1000:7.1f} ms")
    for k, v in checks.items():
        print(f"{k:<40} {v}")


def scaled_builder():
    path = ROOT / "benchmarks" / "search.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("bench_search", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    try:
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
    except Exception as exc:  # pragma: no cover
        print(f"(benchmarks/search.py could not be loaded: {exc})", file=sys.stderr)
        return None
    for name in ("build_scaled_corpus", "build_scaled", "scaled_corpus"):
        if hasattr(mod, name):
            return getattr(mod, name)
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--db", default=None, help="an already imported library (default: import into a temporary SQLite file)")
    ap.add_argument("--repeat", type=int, default=3, help="answer each question this many times for the latencies")
    ap.add_argument("--scaled", type=int, default=10_000, help="documents in the scaled library (0: skip)")
    ap.add_argument("--no-llm", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from baogao.ask.evaluate import load_questions
    from baogao.ask.fake_llm import FakeLLM
    from baogao.config import load_settings
    from baogao.services.ask import ask
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    questions = load_questions(GOLDEN)
    with tempfile.TemporaryDirectory() as tmp:
        offline_settings = load_settings(env={"BAOGAO_HOME": tmp})
        url = args.db or f"sqlite:///{tmp}/ask.db"
        db = Database(url)
        if not args.db:
            t0 = time.perf_counter()
            import_paths(db, [args.corpus], offline_settings)
            print(f"imported the corpus in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        print(f"golden questions  {len(questions)} ({sum(g.answerable for g in questions)} answerable, "
              f"{sum(not g.answerable for g in questions)} not in the reports)  {GOLDEN.relative_to(ROOT)}")
        for g in questions[:3]:  # warm-up: jieba, OpenCC and the gazetteer load once per process
            ask(db, g.question, settings=offline_settings)
        ask(db, "杭州市2025年GDP增长目标是多少？", settings=offline_settings)

        report("offline (no model)", run_set(db, questions, offline_settings, args.repeat, args.verbose))

        if not args.no_llm:
            for mode in ("cited", "wrong_number"):
                with FakeLLM(mode) as llm:
                    settings = load_settings(env={"BAOGAO_HOME": tmp, "BAOGAO_LLM_BASE_URL": llm.base_url,
                                                  "BAOGAO_LLM_MODEL": "fake", "BAOGAO_LLM_TIMEOUT": "5"})
                    report(f"llm: fake OpenAI-compatible server on loopback, model answers '{mode}'",
                           run_set(db, questions, settings, 1, args.verbose))
        db.dispose()

        if args.scaled:
            build = scaled_builder()
            if build is None:
                print("\n== scaled corpus: skipped (benchmarks/search.py has no scaled corpus builder yet)")
            else:
                scaled_url = f"sqlite:///{tmp}/scaled.db"
                t0 = time.perf_counter()
                try:
                    build(scaled_url, args.scaled, args.corpus)
                except TypeError:
                    build(Database(scaled_url), args.scaled)
                print(f"built the scaled library in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
                sdb = Database(scaled_url)
                for g in questions[:3]:
                    ask(sdb, g.question, settings=offline_settings)
                report(f"offline on the scaled library ({args.scaled} documents; goal p95 <= 300 ms)",
                       run_set(sdb, questions, offline_settings, 1, args.verbose))
                sdb.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
