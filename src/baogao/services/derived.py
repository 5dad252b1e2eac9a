"""Derived data kept in step with the documents: the search index, facts, note anchors.

Each derived module registered here exposes:

    NAME: str                      # "search", "facts", "notes"
    VERSION: str                   # bump it when the derived format changes -> rebuild
    refresh(session, doc, report, old_text) -> None
        called inside the import transaction after ``doc`` (a store.schema.Document, flushed)
        was created or its text changed; ``report`` is the StructuredReport it came from
        (None when rebuilding from the store), ``old_text`` the previous text on an update.
    remove(session, doc_id) -> None
        called before a document is deleted.
    check(session) -> list[str]    (optional) problems found, empty when consistent
    rebuild(session) -> None       (optional) rebuild for every document; default: remove +
                                   refresh(doc, None, None) for each document

Because ``refresh`` runs in the same transaction as the document write, there is no window
in which a document exists but cannot be found, and a failure leaves nothing half-written.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.store.schema import Document, IndexState, utcnow

# Order matters: search first (facts and notes may use it).
MODULES: list[str] = ["baogao.search.index", "baogao.notes.anchor", "baogao.facts.derive"]


def modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in MODULES]


def refresh_all(session: Session, doc: Document, report, old_text: str | None) -> None:
    for mod in modules():
        mod.refresh(session, doc, report, old_text)


def remove_all(session: Session, doc_id: str) -> None:
    for mod in modules():
        mod.remove(session, doc_id)


def rebuild(session: Session, mod: ModuleType) -> None:
    if hasattr(mod, "rebuild"):
        mod.rebuild(session)
    else:
        for doc in session.scalars(select(Document).order_by(Document.id)):
            mod.remove(session, doc.id)
            mod.refresh(session, doc, None, None)
    state = session.get(IndexState, mod.NAME)
    if state is None:
        session.add(IndexState(name=mod.NAME, version=mod.VERSION, built_at=utcnow()))
    else:
        state.version, state.built_at = mod.VERSION, utcnow()


def stale(session: Session) -> list[ModuleType]:
    """Derived modules whose stored version differs from the code's (need a rebuild)."""
    out = []
    for mod in modules():
        state = session.get(IndexState, mod.NAME)
        if state is None or state.version != mod.VERSION:
            out.append(mod)
    return out


def mark_built(session: Session) -> None:
    """Record the current versions (after an import into an empty library)."""
    for mod in modules():
        state = session.get(IndexState, mod.NAME)
        if state is None:
            session.add(IndexState(name=mod.NAME, version=mod.VERSION, built_at=utcnow()))
