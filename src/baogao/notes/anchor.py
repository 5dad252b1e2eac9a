"""Anchoring notes to text, Hypothesis-style, and the "notes" derived module.

A note keeps several descriptions of where it points: the character offsets, the exact quote,
and up to ``CONTEXT`` characters before (prefix) and after (suffix). When the document's text
changes, ``reanchor`` places the note again:

1. the stored offsets, accepted only if the text there is still exactly the quote;
2. an exact search for the quote; with several occurrences the one whose surroundings agree
   best with prefix/suffix wins, ties going to the one nearest the old offset;
3. an approximate search (the quote itself was edited): the best approximate occurrence of the
   quote (or, for a long quote, of its head and of its tail) near where the context says it
   should be, accepted within an edit-distance budget;
4. otherwise ``None``: the note becomes an orphan. Orphans are kept and retried on every later
   refresh, so a passage that comes back brings its note back.

Step 3 uses a small hand-written approximate substring search (Sellers' algorithm: edit
distance with a free start and end in the text). The standard library has nothing that finds
the best *approximate substring*: difflib aligns whole sequences, and its recursive matching
picks up stray single characters far from the passage in Chinese text, where every common
character occurs everywhere. No fuzzy-matching package is a project dependency, and the search
runs only on a window of a few thousand characters, with patterns of at most ``PIECE`` * 2
characters, so the quadratic algorithm is fast enough (milliseconds per note).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.notes.schema import ANCHORED, ORPHAN, Note
from baogao.store.schema import Document

NAME = "notes"
VERSION = "1"

CONTEXT = 32  # characters of prefix and suffix stored with a note
PIECE = 32  # a long quote is found approximately by its first and last PIECE characters
WINDOW = 64  # search this far around the place the context points to
WIDE_WINDOW = 2000  # ... and this far around the old offset when the context is gone
MAX_ERRORS = 0.25  # edit budget: a quarter of the pattern
MAX_ERRORS_WITH_CONTEXT = 0.4  # ... or 40% when the stored context still touches the match
# a quote shorter than this is placed approximately only when SHORT // 2 characters of its
# stored context agree: 同比增长6.1% must not jump to 同比增长5.2% in another paragraph
SHORT = 16


def describe(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(quote, prefix, suffix) for ``text[start:end]`` with CONTEXT characters each side."""
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span {start}-{end} outside text of length {len(text)}")
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _field(note: Any, name: str):
    return note[name] if isinstance(note, dict) else getattr(note, name)


# --------------------------------------------------------------------------------------------
# scoring context


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored prefix/suffix agree with the text around start-end."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


# --------------------------------------------------------------------------------------------
# approximate search


def approx_find(text: str, pattern: str, lo: int = 0, hi: int | None = None) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``pattern`` in ``text[lo:hi]`` -> (start, end, distance).

    Sellers' algorithm: Levenshtein distance where the match may start and end anywhere in the
    text; among equally good matches the leftmost end wins. O(len(pattern) * (hi - lo)).
    """
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, lo)
    m = len(pattern)
    if m == 0 or hi <= lo:
        return None
    # cost[i]: distance of pattern[:i] aligned to text ending at the current column;
    # origin[i]: where in the text that alignment starts
    cost = list(range(m + 1))
    origin = [lo] * (m + 1)
    best: tuple[int, int, int] | None = None
    for j in range(lo, hi):
        ch = text[j]
        diag_cost, diag_origin = cost[0], origin[0]
        cost[0], origin[0] = 0, j + 1
        for i in range(1, m + 1):
            up_cost, up_origin = cost[i], origin[i]  # same pattern prefix, previous text column
            sub = diag_cost + (pattern[i - 1] != ch)
            dele = up_cost + 1  # text[j] is an extra character
            ins = cost[i - 1] + 1  # pattern[i-1] is missing from the text
            if sub <= dele and sub <= ins:
                cost[i], origin[i] = sub, diag_origin
            elif dele <= ins:
                cost[i], origin[i] = dele, up_origin
            else:
                cost[i], origin[i] = ins, origin[i - 1]
            diag_cost, diag_origin = up_cost, up_origin
        if best is None or cost[m] < best[2]:
            best = (origin[m], j + 1, cost[m])
    return best


def _budget(n: int, with_context: bool) -> int:
    return int(n * (MAX_ERRORS_WITH_CONTEXT if with_context else MAX_ERRORS))


def _expected_starts(text: str, note_start: int, quote: str, prefix: str, suffix: str) -> list[int]:
    """Where the context says the quote should begin (exact hits of the prefix tail / suffix head)."""
    out: list[int] = []
    k = min(16, len(prefix))
    if k >= 4:
        out += [p + k for p in _occurrences(text, prefix[-k:])]
    k = min(16, len(suffix))
    if k >= 4:
        out += [max(0, p - len(quote)) for p in _occurrences(text, suffix[:k])]
    return sorted(set(out), key=lambda p: abs(p - note_start))[:20]


def _fuzzy(text: str, start: int, quote: str, prefix: str, suffix: str) -> tuple[int, int] | None:
    n = len(quote)
    if n < 2:
        return None
    old = min(max(0, start), len(text))
    near_context = [(pos - WINDOW, pos + n + WINDOW) for pos in _expected_starts(text, start, quote, prefix, suffix)]
    # the wide window around the old offset is slower, so only when the context found nothing
    for windows in (near_context, [(old - WIDE_WINDOW, old + n + WIDE_WINDOW)]):
        best: tuple[tuple, tuple[int, int]] | None = None
        for lo, hi in windows:
            found = _fuzzy_in(text, quote, lo, hi)
            if found is None:
                continue
            s, e, dist = found
            ctx = context_score(text, s, e, prefix, suffix)
            if dist > _budget(n, ctx > 0) or (n < SHORT and ctx < SHORT // 2):
                continue
            s, e = _refine(text, s, e, dist, quote, prefix, suffix)
            ctx = context_score(text, s, e, prefix, suffix)
            key = (dist - min(ctx, n // 4), -ctx, abs(s - start))
            if best is None or key < best[0]:
                best = (key, (s, e))
        if best is not None:
            return best[1]
    return None


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _refine(text: str, s: int, e: int, dist: int, quote: str, prefix: str, suffix: str) -> tuple[int, int]:
    """Move the boundaries of an approximate match by up to ``dist`` characters where that costs
    no more edits but agrees better with the stored context.

    An edit at the edge of a quote is ambiguous: 总量保持 matched in 总量继续保持 costs two
    edits both as "继续保持" (two substitutions) and as "总量继续保持" (two insertions); the
    stored prefix (…亿元,) decides for the second.
    """
    n = len(quote)
    slack = max(1, min(dist, 8))
    long = n > 2 * PIECE

    def start_key(x: int):
        seg, pat = (text[x : s + PIECE], quote[:PIECE]) if long else (text[x:e], quote)
        return (edit_distance(seg, pat), -_common_suffix(text[max(0, x - len(prefix)) : x], prefix), abs(x - s))

    s = min((x for x in range(max(0, s - slack), min(e, s + slack + 1))), key=start_key)

    def end_key(y: int):
        seg, pat = (text[e - PIECE : y], quote[-PIECE:]) if long else (text[s:y], quote)
        return (edit_distance(seg, pat), -_common_prefix(text[y : y + len(suffix)], suffix), abs(y - e))

    e = min((y for y in range(max(s + 1, e - slack), min(len(text), e + slack) + 1)), key=end_key)
    return s, e


def _fuzzy_in(text: str, quote: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """Approximate occurrence of the quote in text[lo:hi] -> (start, end, estimated distance)."""
    n = len(quote)
    if n <= 2 * PIECE:
        return approx_find(text, quote, lo, hi)
    # a long quote: find its head, then its tail about n characters further on
    head = approx_find(text, quote[:PIECE], lo, hi)
    if head is None or head[2] > _budget(PIECE, False):
        return None
    s = head[0]
    tail = approx_find(text, quote[-PIECE:], s + n - PIECE - WINDOW - n // 4, s + n + WINDOW + n // 4)
    if tail is None or tail[2] > _budget(PIECE, False):
        return None
    e = tail[1]
    if not (n * 0.5 <= e - s <= n * 1.5):
        return None
    # the middle may have changed too: estimate its distance by a cheap diff ratio
    import difflib

    ratio = difflib.SequenceMatcher(None, quote, text[s:e], autojunk=False).ratio()
    return s, e, round((1 - ratio) * n)


def reanchor(new_text: str, note: Any) -> tuple[int, int] | None:
    """Place a note (an ORM Note, or any object/dict with start, end, quote, prefix, suffix)
    in ``new_text`` -> (start, end), or None when it cannot be placed (an orphan)."""
    start, end = _field(note, "start"), _field(note, "end")
    quote, prefix, suffix = _field(note, "quote"), _field(note, "prefix") or "", _field(note, "suffix") or ""
    if not quote:
        return None
    # 1. offsets, if the quote is still there
    if 0 <= start <= end <= len(new_text) and new_text[start:end] == quote:
        return start, end
    # 2. exact quote elsewhere
    hits = _occurrences(new_text, quote)
    if hits:
        pos = min(
            hits,
            key=lambda p: (-context_score(new_text, p, p + len(quote), prefix, suffix), abs(p - start), p),
        )
        return pos, pos + len(quote)
    # 3. approximately, guided by the context
    return _fuzzy(new_text, start, quote, prefix, suffix)


# --------------------------------------------------------------------------------------------
# derived module protocol (see baogao.services.derived)


def _apply(note: Note, text: str, revision: int) -> bool:
    """Re-anchor one note in ``text``; True when anything changed."""
    placed = reanchor(text, note)
    before = (note.start, note.end, note.status, note.quote, note.document_revision)
    if placed is None:
        note.status = ORPHAN  # keep the old offsets and quote: they say what the note was about
    else:
        s, e = placed
        quote, prefix, suffix = describe(text, s, e)
        note.start, note.end, note.status = s, e, ANCHORED
        note.quote, note.prefix, note.suffix = quote, prefix, suffix
    note.document_revision = revision
    return before != (note.start, note.end, note.status, note.quote, note.document_revision)


def refresh(session: Session, doc: Document, report, old_text: str | None) -> None:
    """Re-anchor every note of ``doc`` (anchored or orphan) in its current text.

    Also on a plain import (``old_text`` None): a document deleted and imported again gets its
    orphaned notes back. A note whose quote is still at its offsets costs one comparison.
    """
    for note in session.scalars(select(Note).where(Note.document_id == doc.id)):
        _apply(note, doc.text, doc.revision or 1)
    session.flush()


def remove(session: Session, doc_id: str) -> None:
    """The document is going away: its notes become orphans (never deleted)."""
    for note in session.scalars(select(Note).where(Note.document_id == doc_id, Note.status == ANCHORED)):
        note.status = ORPHAN
    session.flush()


def check(session: Session) -> list[str]:
    """Anchored notes whose quote is not at their offsets (or whose document is gone)."""
    problems: list[str] = []
    by_doc: dict[str, list[Note]] = defaultdict(list)
    for note in session.scalars(select(Note).where(Note.status == ANCHORED).order_by(Note.document_id, Note.id)):
        by_doc[note.document_id].append(note)
    for doc_id, notes in by_doc.items():
        text = session.scalar(select(Document.text).where(Document.id == doc_id))
        for note in notes:
            if text is None:
                problems.append(f"笔记 {note.id}: 文档 {doc_id} 不存在，但仍标记为已定位")
            elif text[note.start : note.end] != note.quote:
                problems.append(f"笔记 {note.id}: {doc_id} {note.start}-{note.end} 处的文字与引文不一致")
    return problems
