"""Target vs outcome: the status rules for every modifier and direction."""

from __future__ import annotations

import pytest

from baogao.facts.pairing import judge


def t(value=None, modifier="point", low=None, high=None, unit="%", flags=()):
    return {"value": value, "low": low, "high": high, "unit": unit, "modifier": modifier, "flags": list(flags)}


def o(value, unit="%", flags=()):
    return {"value": value, "unit": unit, "modifier": "point", "flags": list(flags)}


@pytest.mark.parametrize("target, outcome, direction, status, diff", [
    (t(5.0, "around"), o(5.4), "higher", "met", 0.4),  # Beijing 2025
    (t(5.0, "around"), o(4.8), "higher", "missed", -0.2),  # Tianjin 2025
    (t(5.0, "around"), o(5.0), "higher", "met", 0.0),  # national 2024
    (t(5.5, "at_least"), o(5.5), "higher", "met", 0.0),  # Anhui 2025
    (t(5.0, "at_least"), o(3.7), "higher", "missed", -1.3),  # Liaoning 2025
    (t(low=5.0, high=5.5, modifier="range"), o(5.0), "higher", "within_range", 0.0),  # Fujian 2025
    (t(low=6.5, high=7.0, modifier="range"), o(6.7), "higher", "within_range", 0.0),  # national 2016
    (t(low=6.0, high=6.5, modifier="range"), o(6.9), "higher", "met", 0.4),
    (t(low=6.0, high=6.5, modifier="range"), o(5.9), "higher", "missed", -0.1),
    (t(3.0, "around"), o(0.2), "lower", "met", -2.8),  # CPI: below the ceiling
    (t(5.5, "at_most"), o(5.6), "lower", "missed", 0.1),  # unemployment above the ceiling
    (t(low=2.0, high=3.0, modifier="range"), o(3.5), "lower", "missed", 0.5),
    (t(1200, "at_least", unit="万人"), o(1256, unit="万人"), "higher", "met", 56),
    (t(5.0, "around", unit="万亿元"), o(50000, unit="亿元"), "higher", "met", 0.0),  # scales compared
])
def test_statuses(target, outcome, direction, status, diff):
    got, d = judge(target, outcome, direction)
    assert got == status
    assert d == pytest.approx(diff)


@pytest.mark.parametrize("target, outcome", [
    (None, o(5.0)), (t(5.0), None), (t(5.0, flags=["unit_missing"]), o(5.5)), (t(5.0), o(5.5, unit="亿元")),
    (t(modifier="range", low=None, high=None), o(5.0)),
])
def test_unknown(target, outcome):
    assert judge(target, outcome)[0] == "unknown"
