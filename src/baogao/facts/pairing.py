"""Pair a year's target with that year's outcome and judge it: met, missed, within_range, unknown.

Pure functions on plain values. The rule per target modifier, for an indicator where more is
better (``direction: higher``; GDP growth, jobs ...):

- point, around, at_least: met when outcome >= target value, else missed;
- range (low-high): within_range when low <= outcome <= high, met above high, missed below low;
- at_most on a "higher" indicator is unusual; it is judged as for ``lower``.

Where less is better (``direction: lower``; CPI, unemployment, deficit ratio): met when
outcome <= target value (around/at_most/point), missed above; a range is within_range inside it,
met below low, missed above high. An "around" target is judged against its value without a
tolerance band: 4.9% against "5%左右" is missed, and the difference column shows by how much.

unknown: either side missing, units that cannot be compared (亿元 vs %), or a unit missing
(可比增长5, is flagged unit_missing and never judged).
"""

from __future__ import annotations

from baogao.text.numbers import AROUND, AT_LEAST, AT_MOST, POINT, RANGE, SCALE_TO_BASE

MET, MISSED, WITHIN_RANGE, UNKNOWN, NO_TARGET = "met", "missed", "within_range", "unknown", "no_target"
STATUSES = (MET, MISSED, WITHIN_RANGE, UNKNOWN, NO_TARGET)
STATUS_NAMES = {MET: "完成", MISSED: "未完成", WITHIN_RANGE: "区间内", UNKNOWN: "未知", NO_TARGET: "未设目标"}


def _base(unit: str | None, value: float | None) -> tuple[str | None, float | None]:
    if value is None:
        return unit, None
    base, factor = SCALE_TO_BASE.get(unit or "", (unit, 1.0))
    return base, value * factor


def judge(target: dict | None, outcome: dict | None, direction: str = "higher") -> tuple[str, float | None]:
    """(status, outcome minus the target's reference value) for two fact dicts
    (keys value, low, high, unit, modifier, flags)."""
    if target is None or outcome is None or outcome.get("value") is None:
        return UNKNOWN, None
    if "unit_missing" in (target.get("flags") or []) or "unit_missing" in (outcome.get("flags") or []):
        return UNKNOWN, None
    t_unit, _ = _base(target.get("unit"), 0.0)
    o_unit, o = _base(outcome.get("unit"), outcome["value"])
    if t_unit != o_unit or o is None:
        return UNKNOWN, None
    mod = target.get("modifier") or POINT
    if mod == RANGE:
        _, lo = _base(target.get("unit"), target.get("low"))
        _, hi = _base(target.get("unit"), target.get("high"))
        if lo is None or hi is None:
            return UNKNOWN, None
        diff = round(o - lo, 6) if o < lo else round(o - hi, 6) if o > hi else 0.0
        if lo <= o <= hi:
            return WITHIN_RANGE, diff
        above = o > hi
        return (MET if above == (direction != "lower") else MISSED), diff
    _, t = _base(target.get("unit"), target.get("value"))
    if t is None:
        return UNKNOWN, None
    diff = round(o - t, 6)
    lower = direction == "lower" or mod == AT_MOST
    if lower:
        return (MET if o <= t else MISSED), diff
    return (MET if o >= t else MISSED), diff


__all__ = ["judge", "STATUSES", "STATUS_NAMES", "MET", "MISSED", "WITHIN_RANGE", "UNKNOWN", "NO_TARGET",
           "AROUND", "AT_LEAST"]
