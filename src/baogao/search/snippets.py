"""Snippets: up to three windows of a document around its hits, highlights as text offsets."""

from __future__ import annotations

from bisect import bisect_left

from baogao.search.results import Snippet

CONTEXT = 40  # characters either side of a hit, never beyond its paragraph
MAX_SNIPPETS = 3


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def paragraph_of(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, (len(text) if b == -1 else b)


def make_snippets(text: str, hits: dict[str, list[tuple[int, int]]], context: int = CONTEXT,
                  limit: int = MAX_SNIPPETS) -> list[Snippet]:
    """Windows around hits (``hits``: term -> spans); windows showing more distinct terms first."""
    tagged = sorted((s, e, term) for term, spans in hits.items() for s, e in spans)
    windows: list[tuple[int, int]] = []
    for s, e, _ in tagged:
        if windows and s >= windows[-1][0] and e <= windows[-1][1]:
            continue
        ps, pe = paragraph_of(text, s, e)
        prev_end = windows[-1][1] if windows else 0
        a = max(ps, s - context, prev_end if prev_end <= s else s)
        windows.append((a, min(pe, e + context)))
    starts = [s for s, _, _ in tagged]
    scored = []
    for i, (a, b) in enumerate(windows):
        # the hits inside a window: those starting in [a, b) that also end by b (hits are sorted)
        lo, hi = bisect_left(starts, a), bisect_left(starts, b)
        inside = [h for h in tagged[lo:hi] if h[1] <= b]
        scored.append((-len({t for _, _, t in inside}), -len(inside), i, a, b, inside))
    chosen = sorted(sorted(scored)[:limit], key=lambda x: x[3])
    out = []
    for *_, a, b, inside in chosen:
        ps, pe = paragraph_of(text, a, b)
        out.append(Snippet(text[a:b], a, b, merge([(s, e) for s, e, _ in inside]), a > ps, b < pe))
    return out


def parts(text: str, highlights, start: int, end: int) -> list[dict]:
    """text[start:end] cut into plain and highlighted parts (for templates, which escape them)."""
    out, cur = [], start
    for s, e in highlights:
        s, e = max(s, start), min(e, end)
        if s >= e or s < cur:
            continue
        if s > cur:
            out.append({"text": text[cur:s], "hit": False})
        out.append({"text": text[s:e], "hit": True})
        cur = e
    if cur < end:
        out.append({"text": text[cur:end], "hit": False})
    return out
