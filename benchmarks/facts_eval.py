"""Score the facts extractor against the golden labels and time it on the whole corpus.

    .venv/bin/python benchmarks/facts_eval.py [--corpus PATH] [--db URL] [--errors]

Imports the corpus into a new SQLite library (or reads the given, already imported one), then
re-extracts every document from its stored text (timed: the extraction alone, goal <= 5 s) and
prints precision and recall per indicator and for the modifier against
tests/golden/facts_labels.yaml (see baogao.facts.evaluate for the rules).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "golden" / "facts_labels.yaml"


def load_docs(db) -> list:
    from sqlalchemy import select

    from baogao.store.schema import Document

    with db.session() as s:
        return [tuple(r) for r in s.execute(select(Document.id, Document.region_name, Document.year, Document.kind,
                                                   Document.text, Document.norm_text))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--db", default=None, help="an imported library (default: import the corpus into a temp file)")
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong value")
    args = parser.parse_args()

    from baogao.config import load_settings
    from baogao.facts.catalog import load_catalog
    from baogao.facts.evaluate import check_quotes, evaluate, load_labels
    from baogao.facts.extract import extract_facts
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            db = Database(args.db)
        else:
            db = Database(f"sqlite:///{tmp}/facts.db")
            import_paths(db, [args.corpus], load_settings(env={"BAOGAO_HOME": tmp}))
        rows = load_docs(db)
        db.dispose()
    catalog = load_catalog()
    t0 = time.perf_counter()
    extracted = {doc_id: extract_facts(text, year, doc_id, catalog=catalog, norm=norm)
                 for doc_id, _, year, _, text, norm in rows}
    seconds = time.perf_counter() - t0
    n_chars = sum(len(r[4]) for r in rows)
    n_facts = sum(len(v) for v in extracted.values())

    docs = {}
    for doc_id, region, year, kind, text, norm in rows:
        if kind == "政府工作报告":
            docs[(region, year)] = {"id": doc_id, "text": text, "norm_text": norm,
                                    "facts": [f.to_dict() for f in extracted[doc_id]]}
    labels = load_labels(LABELS)
    bad = check_quotes(labels, docs)
    scores = evaluate(labels, docs)

    print(f"corpus: {len(rows)} documents, {n_chars:,} characters -> {n_facts:,} facts "
          f"in {seconds:.2f} s ({n_chars / seconds / 1e6:.2f} M chars/s; goal <= 5 s)")
    print(f"golden labels: {len(labels)} ({len(bad)} with a quote not found in the text)")
    for b in bad:
        print("   label problem:", b)
    print()
    print(f"{'indicator':28} {'labels':>6} {'pred':>5} {'prec':>6} {'recall':>6} {'mod.prec':>8} {'mod.rec':>8}")
    order = sorted(k for k in scores if k != "all") + ["all"]
    for name in order:
        s = scores[name]
        print(f"{name:28} {s.labels:6d} {s.predictions:5d} {s.precision:6.3f} {s.recall:6.3f} "
              f"{s.modifier_precision:8.3f} {s.modifier_recall:8.3f}")
    if args.errors:
        print()
        for name in order[:-1]:
            for e in scores[name].errors:
                print(f"  [{name}] {e}")
    total = scores["all"]
    ok = total.precision >= 0.98 and total.recall >= 0.95 and seconds <= 5
    print()
    print("goals (precision >= 0.98, recall >= 0.95, <= 5 s):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
