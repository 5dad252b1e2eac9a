"""Import files, folders and globs into the library: read -> clean -> structure -> identify -> store.

Each report is stored in its own transaction together with its derived data (search index,
facts), so a failure leaves nothing half-written and the other files still import.
"""

from __future__ import annotations

import glob
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from baogao.config import Settings
from baogao.errors import BaogaoError, SkippedSource
from baogao.store.db import Database
from baogao.store.repository import RESTRUCTURED, UPDATED, save_report
from baogao.store.schema import ImportRun, utcnow
from baogao.services import derived

FAILED, SKIPPED = "failed", "skipped"
# Files we never try to read when walking a folder (the corpus README, editor junk...).
IGNORED_NAMES = {"README.md", "README", ".DS_Store", "Thumbs.db"}


@dataclass
class ImportItem:
    locator: str
    status: str  # imported | unchanged | restructured | merged | updated | skipped | failed
    doc_id: str | None = None
    title: str | None = None
    reason: str | None = None


@dataclass
class ImportSummary:
    items: list[ImportItem] = field(default_factory=list)
    seconds: float = 0.0
    n_chars: int = 0

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def failed(self) -> list[ImportItem]:
        return [i for i in self.items if i.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[item.status] = out.get(item.status, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {"counts": self.counts(), "seconds": round(self.seconds, 3), "items": [asdict(i) for i in self.items]}


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[ImportItem]]:
    """Files, folders (recursively, sorted) and glob patterns -> files; unknown paths -> failures."""
    files: list[Path] = []
    missing: list[ImportItem] = []
    for raw in paths:
        text = str(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            # everything that is not a folder: a dangling symlink or a pipe in the folder is reported
            # by the reader ("无法读取" / "不是普通文件"), never skipped without a word
            files.extend(
                p for p in sorted(path.rglob("*"))
                if not p.is_dir() and p.name not in IGNORED_NAMES and not p.name.startswith(".")
            )
        elif path.exists() or path.is_symlink():
            files.append(path)
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matches:
                missing.append(ImportItem(text, FAILED, reason="没有匹配的文件 (no file matches this pattern)"))
            files.extend(m for m in matches if m.is_file())
        else:
            missing.append(ImportItem(text, FAILED, reason="文件不存在 (no such file or folder)"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve() if f.exists() else f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def process(raw):
    """The pure part of the pipeline for one RawDocument."""
    from baogao.identify import identify
    from baogao.text.clean import clean
    from baogao.text.structure import structure

    report = structure(clean(raw))
    return report, identify(report)


def import_paths(
    db: Database,
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    format: str = "auto",
    on_file: Callable[[Path, int, int], None] | None = None,
) -> ImportSummary:
    from baogao.sources import read_path_with_problems

    started = time.perf_counter()
    files, summary_items = expand_paths(paths)
    summary = ImportSummary(items=list(summary_items))
    ensure_derived(db)
    with db.session() as session:
        run = ImportRun(started_at=utcnow())
        session.add(run)
        session.flush()
        run_id = run.id
    for n, path in enumerate(files, 1):
        if on_file:
            on_file(path, n, len(files))
        try:
            raws, problems = read_path_with_problems(path, format, max_bytes=settings.max_file_bytes)
        except SkippedSource as exc:
            summary.items.append(ImportItem(str(path), SKIPPED, reason=str(exc)))
            continue
        except BaogaoError as exc:
            summary.items.append(ImportItem(str(path), FAILED, reason=str(exc)))
            continue
        except Exception as exc:  # a reader bug must not stop the other files
            summary.items.append(ImportItem(str(path), FAILED, reason=f"读取失败: {type(exc).__name__}: {exc}"))
            continue
        for problem in problems:
            summary.items.append(ImportItem(str(path), FAILED, reason=problem))
        for raw in raws:
            summary.items.append(import_raw(db, raw))
            summary.n_chars += len(raw.text)
    summary.seconds = time.perf_counter() - started
    with db.session() as session:
        run = session.get(ImportRun, run_id)
        run.finished_at = utcnow()
        run.summary = {"counts": summary.counts(), "seconds": round(summary.seconds, 3)}
    return summary


def import_raw(db: Database, raw) -> ImportItem:
    """Clean, structure, identify and store one RawDocument in one transaction."""
    try:
        report, identity = process(raw)
        if not report.text.strip():
            return ImportItem(raw.locator, FAILED, reason="去除网站框架后没有正文 (no report text left after cleaning)")
        with db.session() as session:
            result = save_report(session, report, identity)
            if result.status in ("imported", UPDATED, RESTRUCTURED):
                from baogao.store.schema import Document

                doc = session.get(Document, result.doc_id)
                derived.refresh_all(session, doc, report, result.old_text)
        return ImportItem(raw.locator, result.status, result.doc_id, report.clean.title)
    except BaogaoError as exc:
        return ImportItem(raw.locator, FAILED, reason=str(exc))
    except Exception as exc:  # never a stack trace to the user; the transaction rolled back
        return ImportItem(raw.locator, FAILED, reason=f"导入失败: {type(exc).__name__}: {exc}")


def ensure_derived(db: Database) -> list[str]:
    """Rebuild derived indexes whose version changed (or that were never built)."""
    rebuilt = []
    with db.session() as session:
        for mod in derived.stale(session):
            derived.rebuild(session, mod)
            rebuilt.append(mod.NAME)
    return rebuilt
