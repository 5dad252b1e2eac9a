"""What a search needs to know about every indexed document, cached per process.

``search_docs`` holds one small row per document (year, region, level, kind, length); reading
it for 10 000 documents takes a few milliseconds, and the copy kept here is reused until the
index's ``generation`` counter changes (every refresh/remove bumps it).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

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


@dataclass
class Library:
    docs: dict[int, DocInfo]
    by_id: dict[str, int]
    n_chars: int

    @property
    def avg_chars(self) -> float:
        return self.n_chars / len(self.docs) if self.docs else 1.0


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


def scope(session: Session, lib: Library, filters: dict[str, str | None], doc_ids=None) -> set[int] | None:
    """Document numbers allowed by the filters (None: no restriction).

    Region, level and year are read exactly like ``baogao list`` (services.library): a region
    includes the regions below it, matched by name or code.
    """
    from baogao.services import library as libsvc

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
    return allowed
