"""Score extracted facts against labels read from the reports (tests/golden/facts_labels.yaml).

A label names a report (region + report year, a 政府工作报告), an indicator, kind, period,
measure and the figure. The *prediction* for that key is the extractor's headline (``primary``)
fact for it in that report. For every (report, indicator, kind) the labels cover, each headline
fact the extractor produced for the labelled period is a prediction; it is correct when its
value (or low/high) equals the label's, and "modifier-correct" when the modifier matches too.

    precision = correct predictions / predictions
    recall    = labels with a correct prediction / labels

so a figure found where nothing is labelled (a deficit ratio invented for a year that states
none) lowers precision, and a labelled figure missed or misread lowers recall.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from baogao.text.normalize import normalize


def load_labels(path: str | Path) -> list[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []


def _key(d: dict) -> tuple:
    return (d["indicator"], d["kind"], d["period"], d.get("measure"))


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def _value_ok(fact: dict, label: dict) -> bool:
    if label["modifier"] == "range":
        return _same(fact.get("low"), label.get("low")) and _same(fact.get("high"), label.get("high"))
    return _same(fact.get("value"), label.get("value"))


@dataclass
class Score:
    predictions: int = 0
    labels: int = 0
    correct: int = 0  # value right
    correct_modifier: int = 0  # value and modifier right
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labels if self.labels else 1.0

    @property
    def modifier_precision(self) -> float:
        return self.correct_modifier / self.predictions if self.predictions else 1.0

    @property
    def modifier_recall(self) -> float:
        return self.correct_modifier / self.labels if self.labels else 1.0


def evaluate(labels: list[dict], docs: dict[tuple[str, int], dict]) -> dict[str, Score]:
    """``docs`` maps (region name, report year) to {"id", "text", "facts": [fact dicts]}.

    Returns a Score per indicator (and measure for unemployment) plus "all"."""
    scores: dict[str, Score] = defaultdict(Score)
    by_doc: dict[tuple, list[dict]] = defaultdict(list)
    for label in labels:
        by_doc[(label["region"], label["report_year"])].append(label)
    for doc_key, doc_labels in by_doc.items():
        doc = docs.get(doc_key)
        covered = {(lab["indicator"], lab["kind"]) for lab in doc_labels}
        periods = {(lab["indicator"], lab["kind"]): lab["period"] for lab in doc_labels}
        want = {_key(lab): lab for lab in doc_labels}
        preds: dict[tuple, dict] = {}
        if doc is not None:
            for f in doc["facts"]:
                ik = (f["indicator"], f["kind"])
                if ik in covered and f.get("primary") and f["period"] == periods[ik] and "partial_year" not in f.get("flags", []):
                    preds.setdefault(_key(f), f)
        for key in set(want) | set(preds):
            name = key[0] if not key[3] else f"{key[0]}:{key[3]}"
            lab, pred = want.get(key), preds.get(key)
            for s in (scores[name], scores["all"]):
                s.labels += lab is not None
                s.predictions += pred is not None
                if lab is not None and pred is not None and _value_ok(pred, lab):
                    s.correct += 1
                    s.correct_modifier += pred.get("modifier") == lab["modifier"]
            where = f"{doc_key[0]} {doc_key[1]} {key}"
            if lab is None:
                scores[name].errors.append(f"unlabelled prediction {where}: {pred.get('value')} {pred.get('modifier')} | {pred.get('quote', '')[:60]}")
            elif pred is None:
                scores[name].errors.append(f"missed {where}: {lab.get('value', (lab.get('low'), lab.get('high')))} | {lab['quote']}")
            elif not _value_ok(pred, lab):
                scores[name].errors.append(f"wrong {where}: got {pred.get('value')} [{pred.get('low')},{pred.get('high')}], want {lab.get('value')} | {lab['quote']}")
            elif pred.get("modifier") != lab["modifier"]:
                scores[name].errors.append(f"modifier {where}: got {pred.get('modifier')}, want {lab['modifier']} | {lab['quote']}")
    return dict(scores)


def check_quotes(labels: list[dict], docs: dict[tuple[str, int], dict]) -> list[str]:
    """Labels whose quote is not in their report (after normalization): the label is wrong."""
    bad = []
    for label in labels:
        doc = docs.get((label["region"], label["report_year"]))
        if doc is None:
            bad.append(f"no document for {label['region']} {label['report_year']}")
        elif normalize(label["quote"]) not in (doc.get("norm_text") or normalize(doc["text"])):
            bad.append(f"quote not found in {label['region']} {label['report_year']}: {label['quote']}")
    return bad
