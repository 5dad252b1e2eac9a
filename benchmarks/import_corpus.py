"""Import the whole corpus into a fresh library and print documents/s, characters/s, peak memory.

    .venv/bin/python benchmarks/import_corpus.py [--corpus PATH] [--db URL] [--runs N]

Each run uses a new SQLite file (or the given database URL, which must be empty) and times the
end-to-end import: reading every file, cleaning, structure, identity, storing, and every derived
index (search, facts, note anchors) in the same transactions as the documents.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--db", default=None, help="database URL (default: a new SQLite file per run)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    times, docs, chars = [], 0, 0
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            url = args.db or f"sqlite:///{tmp}/bench.db"
            db = Database(url)
            settings = load_settings(env={"BAOGAO_HOME": tmp})
            t0 = time.perf_counter()
            summary = import_paths(db, [args.corpus], settings)
            elapsed = time.perf_counter() - t0
            db.dispose()
        counts = summary.counts()
        docs = counts.get("imported", 0) + counts.get("merged", 0)
        chars = summary.n_chars
        times.append(elapsed)
        print(f"run {run + 1}: {elapsed:.2f} s  {counts}", file=sys.stderr)
        if summary.failed:
            for item in summary.failed:
                print(f"  failed: {item.locator}: {item.reason}", file=sys.stderr)
    med = statistics.median(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus            {args.corpus}")
    print(f"documents         {docs}")
    print(f"characters        {chars:,}")
    print(f"runs              {len(times)} (median of the runs below)")
    print(f"import time       {med:.2f} s   (min {min(times):.2f}, max {max(times):.2f}; goal <= 10 s)")
    print(f"documents/s       {docs / med:.1f}")
    print(f"characters/s      {chars / med:,.0f}")
    print(f"peak memory       {peak_mb:.0f} MiB (max RSS of this process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
