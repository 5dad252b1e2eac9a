"""Grade answers against a golden question set (tests/golden/ask_questions.yaml, and the
held-out set tests/golden/ask_heldout.yaml written without looking at the answerer).

Used by the tests and by benchmarks/ask_eval.py. An answerable question is correct when the
answer is given (status answered), contains every expected phrase (normalized, spaces removed),
none of the ``not`` phrases, and cites the expected document; an unanswerable one when it is
refused (status not_found, with the ``refuse`` phrase if given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from baogao.ask.model import ANSWERED, NOT_FOUND, Answer
from baogao.text.normalize import normalize


@dataclass
class GoldenQuestion:
    id: str
    question: str
    expect: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    answerable: bool = True
    refuse: str | None = None
    not_: list[str] = field(default_factory=list)
    area: str = ""
    scope: dict = field(default_factory=dict)  # e.g. {"doc": ID}: asked in that document's reader
    quotes: list[str] = field(default_factory=list)  # the supporting sentences (held-out set)

    def ask_kwargs(self) -> dict:
        """Keyword arguments for ``services.ask.ask`` that reproduce the question's scope."""
        kw: dict = {}
        if self.scope.get("doc"):
            kw["doc_id"] = self.scope["doc"]
        if self.scope.get("region"):
            kw["region"] = self.scope["region"]
        if self.scope.get("year"):
            kw["year"] = self.scope["year"]
        return kw


def load_questions(path: str | Path) -> list[GoldenQuestion]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = []
    for raw in data["questions"]:
        doc = raw.get("doc")
        quote = raw.get("quote")
        out.append(GoldenQuestion(
            id=raw["id"], question=raw["question"], expect=[str(x) for x in raw.get("expect", [])],
            docs=[doc] if isinstance(doc, str) else list(doc or []), answerable=raw.get("answerable", True),
            refuse=raw.get("refuse"), not_=[str(x) for x in raw.get("not", [])], area=raw.get("area", ""),
            scope=dict(raw.get("scope") or {}),
            quotes=[quote] if isinstance(quote, str) else [str(x) for x in quote or []],
        ))
    return out


def _squash(text: str) -> str:
    return "".join(normalize(text).split())


@dataclass
class Grade:
    correct: bool
    reason: str = ""


def grade(g: GoldenQuestion, answer: Answer) -> Grade:
    if not g.answerable:
        if answer.status != NOT_FOUND:
            return Grade(False, f"should be refused, got: {answer.answer[:80]}")
        if g.refuse and _squash(g.refuse) not in _squash(answer.answer):
            return Grade(False, f"refusal should say {g.refuse!r}: {answer.answer[:80]}")
        return Grade(True)
    if answer.status != ANSWERED:
        return Grade(False, f"refused: {answer.answer[:80]}")
    text = _squash(answer.answer)
    missing = [e for e in g.expect if _squash(e) not in text]
    if missing:
        return Grade(False, f"missing {missing}: {answer.answer[:120]}")
    wrong = [n for n in g.not_ if _squash(n) in text]
    if wrong:
        return Grade(False, f"should not contain {wrong}")
    if g.docs and not any(c.doc_id in g.docs for c in answer.citations):
        return Grade(False, f"no citation in {g.docs}: {[c.doc_id for c in answer.citations]}")
    return Grade(True)
