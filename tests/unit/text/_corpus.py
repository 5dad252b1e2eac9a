"""Load the real corpus as RawDocuments for the text/identify tests.

Uses ``baogao.sources.read_path`` when it exists; until then (and as a fallback) a tiny reader
that mimics what the real readers emit: LINE blocks for txt/csv/jsonl (one per physical line,
empty lines included) and PARAGRAPH blocks for docx, with the same hints.
"""

from __future__ import annotations

import csv
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from baogao.model import LINE, PARAGRAPH, Block, RawDocument


def _lines(text: str) -> list[Block]:
    return [Block(line, LINE) for line in text.split("\n")]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _jsonl(path: Path) -> list[RawDocument]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        hints = {"title": rec.get("title"), "url": rec.get("url"), "filename": path.name}
        if rec.get("year"):
            hints["year"] = int(rec["year"])
        out.append(RawDocument(_lines(rec["content"]), "jsonl", f"{path}#line={n}", _sha(line), hints))
    return out


def _csv(path: Path) -> list[RawDocument]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for n, row in enumerate(rows, 1):
        if "full_text" not in row:
            continue  # run manifest / failures list: not reports
        hints = {
            "title": row.get("title"),
            "url": row.get("source_url"),
            "date": row.get("publish_date"),
            "region": row.get("province"),
            "filename": path.name,
        }
        if row.get("year"):
            hints["year"] = int(row["year"])
        out.append(
            RawDocument(_lines(row["full_text"]), "csv", f"{path}#row={n}", _sha(row["full_text"]), hints)
        )
    return out


def _docx(path: Path) -> list[RawDocument]:
    import docx

    doc = docx.Document(str(path))
    blocks = [Block(p.text, PARAGRAPH, p.style.name if p.style is not None else None) for p in doc.paragraphs]
    hints = {"filename": path.name, "title": path.stem}
    return [RawDocument(blocks, "docx", str(path), hashlib.sha256(path.read_bytes()).hexdigest(), hints)]


def _txt(path: Path) -> list[RawDocument]:
    text = path.read_text(encoding="utf-8-sig")
    return [RawDocument(_lines(text), "txt", str(path), _sha(text), {"filename": path.name})]


def _fallback(path: Path) -> list[RawDocument]:
    if path.suffix == ".jsonl":
        return _jsonl(path)
    if path.suffix == ".csv":
        return _csv(path)
    if path.suffix == ".docx":
        return _docx(path)
    return _txt(path)


def _files(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in {".jsonl", ".csv", ".docx", ".txt"})
    return [p for p in files if not p.name.startswith(("run_manifest", "failures"))]


@lru_cache(maxsize=2)
def raw_documents(corpus: str) -> tuple[RawDocument, ...]:
    try:
        from baogao.sources import read_path  # type: ignore[attr-defined]
    except ImportError:
        read_path = None
    out: list[RawDocument] = []
    for path in _files(Path(corpus)):
        docs = None
        if read_path is not None:
            try:
                docs = read_path(path)
            except Exception:  # noqa: BLE001 - the readers are being written concurrently
                docs = None
        out.extend(docs if docs is not None else _fallback(path))
    return tuple(out)


def pick(docs, *, title=None, locator=None):
    """The one document whose title equals ``title`` or whose locator contains ``locator``."""
    found = []
    for doc in docs:
        clean = getattr(doc, "clean", doc)
        if title is not None and clean.title == title:
            found.append(doc)
        elif locator is not None and locator in clean.locator:
            found.append(doc)
    assert len(found) == 1, (title, locator, len(found))
    return found[0]
