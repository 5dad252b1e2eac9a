"""The extractor against the labels read from the corpus (tests/golden/facts_labels.yaml)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from baogao.facts.evaluate import check_quotes, evaluate, load_labels
from baogao.services import facts as svc
from baogao.store.schema import Document

LABELS = Path(__file__).with_name("facts_labels.yaml")


def _docs(db) -> dict:
    docs = {}
    with db.session() as s:
        for doc in s.scalars(select(Document).where(Document.kind == "政府工作报告")):
            docs[(doc.region_name, doc.year)] = {
                "id": doc.id, "text": doc.text, "norm_text": doc.norm_text,
                "facts": svc.list_facts(s, svc.FactFilter(doc_id=doc.id)),
            }
    return docs


def test_golden_facts(corpus_db):
    labels = load_labels(LABELS)
    assert len(labels) >= 150
    docs = _docs(corpus_db)
    assert check_quotes(labels, docs) == []
    scores = evaluate(labels, docs)
    total = scores["all"]
    report = "\n".join(e for s in scores.values() for e in s.errors)
    assert total.precision >= 0.98, report
    assert total.recall >= 0.95, report
    assert total.modifier_recall >= 0.95, report
    for name in ("gdp_growth", "cpi", "new_urban_jobs", "unemployment:surveyed", "unemployment:registered"):
        assert scores[name].precision >= 0.98 and scores[name].recall >= 0.95, (name, report)
