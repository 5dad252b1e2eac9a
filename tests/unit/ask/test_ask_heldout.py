"""The held-out question set (tests/golden/ask_heldout.yaml): its labels are checked against the
texts, and offline answers are scored on it.

The held-out set was written from the corpus without looking at the answerer; it measures how
well the answerer generalises. Its floor below only guards against regressions: do not tune the
answerer on these questions one by one (see the file's header).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from baogao.ask.evaluate import grade, load_questions
from baogao.services.ask import ask
from baogao.store.schema import Document
from baogao.text.normalize import normalize

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "golden"
HELDOUT = GOLDEN_DIR / "ask_heldout.yaml"
HELDOUT_FILES = ["ask_heldout.yaml", "ask_heldout2.yaml", "ask_heldout3.yaml", "ask_heldout4.yaml", "ask_heldout5.yaml", "ask_heldout6.yaml", "ask_heldout7.yaml", "ask_heldout8.yaml", "ask_heldout9.yaml", "ask_heldout10.yaml", "ask_heldout11.yaml", "ask_heldout12.yaml", "ask_heldout13.yaml"]  # each written after the previous round's fixes


@pytest.fixture(scope="module")
def heldout():
    return load_questions(HELDOUT)


def _squash(text: str) -> str:
    return "".join(normalize(text).split())


def test_the_heldout_set_is_big_and_varied(heldout):
    assert len(heldout) >= 60
    assert len({g.id for g in heldout}) == len(heldout)
    assert sum(1 for g in heldout if not g.answerable) >= 12
    assert {g.area for g in heldout} >= {"huangpu", "national", "provincial"}
    docs = {d for g in heldout for d in g.docs}
    assert {d for d in docs if d.endswith("-2025-gzbg") and not d.startswith(("100000", "310101"))}.__len__() >= 10
    assert {d for d in docs if d.endswith("-2026-gzbg")}.__len__() >= 10
    assert any(g.scope.get("doc") for g in heldout)  # "这份报告怎么说…" in a document's reader
    assert any(len(g.docs) > 2 for g in heldout)  # cross-province lists


@pytest.mark.parametrize("name", HELDOUT_FILES)
def test_every_heldout_label_is_supported_by_its_quotes(corpus_db, name):
    questions = load_questions(GOLDEN_DIR / name)
    assert len({g.id for g in questions}) == len(questions)
    with corpus_db.session() as s:
        for g in questions:
            if not g.answerable:
                assert not g.quotes and not g.expect, g.id
                continue
            assert g.quotes and g.docs and g.expect, g.id
            texts = {d: s.get(Document, d) for d in g.docs}
            assert all(texts.values()), (g.id, [d for d, t in texts.items() if t is None])
            for q in g.quotes:
                assert any(q in t.text for t in texts.values()), (g.id, q)
            quoted = _squash("".join(g.quotes))
            regions = "".join(t.region_name or "" for t in texts.values())
            for e in g.expect:  # the value is quoted, or the answer names the region that says it
                assert _squash(e) in quoted or e in regions, (g.id, e)


@pytest.fixture(scope="module")
def heldout_results(corpus_db, heldout):
    with corpus_db.session() as s:
        return [(g, ask(s, g.question, **g.ask_kwargs())) for g in heldout]


def test_heldout_answers_cite_real_text(corpus_db, heldout_results):
    with corpus_db.session() as s:
        for g, a in heldout_results:
            for c in a.citations:
                assert s.get(Document, c.doc_id).text[c.start : c.end] == c.quote, g.id


def test_heldout_accuracy_does_not_regress(heldout_results):
    """A floor, not a target: 73.0% before the fixes of the held-out round, 95.5% after them; the
    project's goal (85%) is the floor. Every unanswerable question must be refused."""
    answerable = [(g, grade(g, a)) for g, a in heldout_results if g.answerable]
    wrong = [f"{g.id}: {r.reason}" for g, r in answerable if not r.correct]
    assert 1 - len(wrong) / len(answerable) >= 0.85, "\n".join(wrong)
    not_refused = [f"{g.id}: {grade(g, a).reason}" for g, a in heldout_results if not g.answerable and not grade(g, a).correct]
    assert not not_refused, "\n".join(not_refused)
