"""What a search needs to know about every indexed document, cached per process.

``search_docs`` holds one small row per document (year, region, level, kind, length); reading
it for 10 000 documents takes a few milliseconds, and the copy kept here is reused until the
index's ``generation`` counter changes (every refresh/remove bumps it).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery, NotFound
from baogao.search.schema import search_docs, search_meta


@dataclass(frozen=True, slots=True)
class DocInfo:
    num: int
    id: str
    title: str | None
    year: int | None
    region_code: str | None
    region_name: str | None
    level: str | None
    label: str
    kind: str | None
    n_chars: int


FACETS = ("year", "region", "level", "kind")


@dataclass
class Library:
    docs: dict[int, DocInfo]
    by_id: dict[str, int]
    n_chars: int
    scopes: dict = field(default_factory=dict, repr=False)  # filters -> allowed numbers, per generation

    @property
    def avg_chars(self) -> float:
        return self.n_chars / len(self.docs) if self.docs else 1.0

    # Columns over document numbers (index = num), so a search ranks and facets thousands of
    # matching documents with array operations instead of a Python loop per document.

    @cached_property
    def size(self) -> int:
        return (max(self.docs) + 1) if self.docs else 1

    @cached_property
    def present(self) -> np.ndarray:
        out = np.zeros(self.size, dtype=bool)
        out[list(self.docs)] = True
        return out

    @cached_property
    def chars(self) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float64)
        for n, d in self.docs.items():
            out[n] = d.n_chars
        return out

    @cached_property
    def years(self) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.int64)
        for n, d in self.docs.items():
            out[n] = d.year or 0
        return out

    @cached_property
    def id_rank(self) -> np.ndarray:
        """Each document's position in id order (the last tie-breaker of the ranking)."""
        out = np.zeros(self.size, dtype=np.int64)
        for rank, n in enumerate(sorted(self.docs, key=lambda n: self.docs[n].id)):
            out[n] = rank
        return out

    @cached_property
    def facet_codes(self) -> dict[str, tuple[np.ndarray, list[str]]]:
        """facet -> (code per document number, label per code)."""
        out = {}
        for name in FACETS:
            labels: dict[str, int] = {}
            codes = np.zeros(self.size, dtype=np.int64)
            for n, d in self.docs.items():
                codes[n] = labels.setdefault(facet_value(d, name), len(labels))
            out[name] = (codes, list(labels))
        return out


def facet_value(d: DocInfo, name: str) -> str:
    if name == "year":
        return "" if d.year is None else str(d.year)
    if name == "region":
        return d.label
    if name == "level":
        return d.level or ""
    return d.kind or ""


_CACHE: dict[str, tuple[int, Library]] = {}
_LOCK = threading.Lock()


def _key(session: Session) -> str:
    bind = session.get_bind()
    return f"{bind.url!r}@{id(bind)}"


def library(session: Session) -> Library:
    generation = session.scalar(select(search_meta.c.value).where(search_meta.c.key == "generation")) or 0
    key = _key(session)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit and hit[0] == generation and not session.new and not session.dirty:
            return hit[1]
    docs: dict[int, DocInfo] = {}
    for r in session.execute(select(search_docs)):
        docs[r.num] = DocInfo(r.num, r.document_id, r.title, r.year, r.region_code, r.region_name,
                              r.region_level, r.region_label or "未知", r.kind, r.n_chars)
    lib = Library(docs, {d.id: n for n, d in docs.items()}, sum(d.n_chars for d in docs.values()))
    with _LOCK:
        _CACHE[key] = (generation, lib)
    return lib


def scope(session: Session, lib: Library, filters: dict[str, str | None], doc_ids=None) -> frozenset[int] | None:
    """Document numbers allowed by the filters (None: no restriction).

    Region, level and year are read exactly like ``baogao list`` (services.library): a region
    includes the regions below it, matched by name or code.
    """
    from baogao.services import library as libsvc

    key = (tuple(sorted((k, str(v)) for k, v in filters.items() if v not in (None, ""))), doc_ids is None)
    if doc_ids is None and key in lib.scopes:
        return lib.scopes[key]
    allowed: set[int] | None = None

    def narrow(pred) -> None:
        nonlocal allowed
        base = lib.docs.values() if allowed is None else (lib.docs[n] for n in allowed)
        allowed = {d.num for d in base if pred(d)}

    if doc_ids is not None:
        wanted = set(doc_ids)
        narrow(lambda d: d.id in wanted)
    region = filters.get("region")
    if region:
        try:
            reg = libsvc.resolve_region(session, region)
        except NotFound as exc:
            raise InvalidQuery(str(exc)) from None
        if reg.prefix:
            narrow(lambda d: (d.region_code or "").startswith(reg.prefix))
    level = libsvc.parse_level(filters.get("level"))
    if level:
        narrow(lambda d: d.level == level)
    lo, hi = libsvc.parse_years(filters.get("year"))
    if lo is not None or hi is not None:
        narrow(lambda d: d.year is not None and (lo is None or d.year >= lo) and (hi is None or d.year <= hi))
    kind = filters.get("kind")
    if kind:
        narrow(lambda d: d.kind is not None and (d.kind == kind or kind in d.kind))
    allowed = None if allowed is None else frozenset(allowed)
    if doc_ids is None:
        if len(lib.scopes) > 256:
            lib.scopes.clear()
        lib.scopes[key] = allowed
    return allowed
