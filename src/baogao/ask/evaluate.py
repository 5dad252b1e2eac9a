"""Grade answers against a golden question set (tests/golden/ask_questions.yaml).

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


def load_questions(path: str | Path) -> list[GoldenQuestion]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = []
    for raw in data["questions"]:
        doc = raw.get("doc")
        out.append(GoldenQuestion(
            id=raw["id"], question=raw["question"], expect=[str(x) for x in raw.get("expect", [])],
            docs=[doc] if isinstance(doc, str) else list(doc or []), answerable=raw.get("answerable", True),
            refuse=raw.get("refuse"), not_=[str(x) for x in raw.get("not", [])], area=raw.get("area", ""),
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
