"""Check a generated answer against the passages it was given.

- every citation marker [n] refers to a passage that was given (1..n);
- the answer cites at least one passage;
- every number in the answer appears in a passage it cites (5.5% = 5.5％ = 百分之五点五 =
  五点五; 1.3万亿 = 13000亿), numbers that the question itself contains excepted.

The result is a plain dict (it goes into the JSON answer as ``check``).
"""

from __future__ import annotations

import re

from baogao.ask.numbers import find_numbers, number_keys
from baogao.text.normalize import normalize

_MARKER = re.compile(r"\[(\d{1,3})\]|【(\d{1,3})】|［(\d{1,3})］")


def citation_markers(answer: str) -> list[int]:
    out: list[int] = []
    for m in _MARKER.finditer(answer):
        n = int(next(g for g in m.groups() if g))
        if n not in out:
            out.append(n)
    return out


def strip_markers(answer: str) -> str:
    return _MARKER.sub("", answer).strip()


def check_answer(answer: str, passages: list[str], question: str = "") -> dict:
    """``passages`` are the texts numbered [1]..[n] in the prompt."""
    markers = citation_markers(answer)
    bogus = [n for n in markers if not 1 <= n <= len(passages)]
    cited = [n for n in markers if 1 <= n <= len(passages)]
    body = normalize(_MARKER.sub(" ", answer))  # ５．５％ -> 5.5%
    cited_keys: set[tuple[float, str]] = set()
    for n in cited:
        cited_keys |= number_keys(normalize(passages[n - 1]))
    question_keys = number_keys(normalize(question))
    unsupported = []
    checked = []
    for num in find_numbers(body):
        checked.append(num.text)
        if num.supported_by(cited_keys) or num.supported_by(question_keys):
            continue
        unsupported.append(num.text)
    problems = []
    if not markers:
        problems.append("no_citation")
    if bogus:
        problems.append("bogus_citation")
    if unsupported:
        problems.append("unsupported_number")
    return {
        "passed": not problems,
        "problems": problems,
        "markers": markers,
        "bogus_markers": bogus,
        "numbers": checked,
        "unsupported_numbers": unsupported,
        "n_passages": len(passages),
    }
