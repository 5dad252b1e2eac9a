"""Brute force: every occurrence, found by a plain substring scan of each paragraph."""

from __future__ import annotations

from sqlalchemy import select

from baogao.store.schema import Document, ParagraphRow


def load(db) -> dict[str, tuple[str, str, list[tuple[int, int]]]]:
    out = {}
    with db.session() as s:
        paras: dict[str, list[tuple[int, int]]] = {}
        for doc_id, a, b in s.execute(select(ParagraphRow.document_id, ParagraphRow.start, ParagraphRow.end)):
            paras.setdefault(doc_id, []).append((a, b))
        for doc_id, text, norm in s.execute(select(Document.id, Document.text, Document.norm_text)):
            out[doc_id] = (text, norm, sorted(paras.get(doc_id, [])))
    return out


def spans(norm: str, paras, needle: str) -> list[tuple[int, int]]:
    found = []
    for a, b in paras:
        piece = norm[a:b]
        for i in range(len(piece) - len(needle) + 1):
            if piece.startswith(needle, i):
                found.append((a + i, a + i + len(needle)))
    return found


def counts(docs, needle: str) -> dict[str, int]:
    out = {}
    for doc_id, (_text, norm, paras) in docs.items():
        if needle in norm:
            n = len(spans(norm, paras, needle))
            if n:
                out[doc_id] = n
    return out
