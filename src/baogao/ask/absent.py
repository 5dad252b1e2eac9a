"""Question words that no document in scope contains.

A question is written in the asker's words, a report in its own. When a question word occurs in
none of the documents in scope, it either names something the reports do not talk about (三甲医院,
口袋公园: the question cannot be answered) or says in other words what they do (输送 for 外送,
受益 for 惠及, 此前 for 这十年: the question can). Two general signals tell them apart:

- what kind of word it is: the thing a question asks about is named by a noun (or a
  distinguishing modifier, 三甲); verbs, time words, adverbs and place words (省外) are how the
  asker puts it, and the reports paraphrase them freely. An absent word that is not noun-like
  weighs less (``PARAPHRASE_FACTOR``); an absent noun keeps its full weight, so that a sentence
  without it does not answer and the question is refused.
- whether it is a compound of words the scope does use (成交额 -> 成交, 粮食总产量 -> 粮食总产,
  控制目标 -> 控制 + 目标): the parts found in a passage give partial credit, by the share of the
  word's characters they cover.
"""

from __future__ import annotations

from functools import lru_cache

PARAPHRASE_FACTOR = 0.3  # weight of an absent word that is not noun-like, relative to its idf weight
DECOMPOSED_CREDIT = 0.8  # credit of an absent compound whose parts cover all its characters
MIN_PART = 2  # Chinese characters of a piece (single characters and digits match almost anywhere)
MIN_PART_SHARE = 0.5  # the parts must cover at least this share of the word's characters

# jieba part-of-speech tags of words that name things: nouns (n, nr, ns, nt, nz, ng, nrt ...),
# distinguishing modifiers (b: 三甲, 大型), abbreviations (j: 医保), Latin words (eng: PM2.5)
_NOUN_TAGS = ("n", "b", "j", "eng")


@lru_cache(maxsize=4096)
def noun_like(word: str) -> bool:
    """Does ``word`` name a thing? A compound's head (its last segment) decides: 控制目标, 两条路 are
    nouns, 能让, 输送 are not."""
    import rjieba

    tagged = [(w, t) for w, t in rjieba.tag(word) if w.strip()]
    if not tagged:
        return False
    w, tag = tagged[-1]
    if any(ch.isascii() and ch.isalnum() for ch in word):
        return True  # PM2.5, GDP, 5G: a named quantity or thing
    return tag.startswith(_NOUN_TAGS)


def parts_in_scope(word: str, present) -> list[str]:
    """The longest pieces (2+ characters) of ``word`` that ``present(piece)`` says occur in the
    scope, left to right, not overlapping; [] when they cover less than half of the word."""
    parts: list[str] = []
    covered = 0
    i = 0
    n = len(word)
    while i < n:
        found = None
        for j in range(n, i + MIN_PART - 1, -1):
            piece = word[i:j]
            if piece != word and _cjk(piece) >= MIN_PART and present(piece):
                found = piece
                break
        if found:
            parts.append(found)
            covered += len(found)
            i += len(found)
        else:
            i += 1
    if not parts or covered / max(1, n) < MIN_PART_SHARE:
        return []
    left = [ch for ch in word if not any(ch in p for p in parts)]
    if len(left) == 1 and _cjk(left[0]) and word.startswith(left[0]):
        # 钢产量 = 钢 + 产量 (鋼二百十七萬噸 under a lead on 預計産量): a modifier of one character
        # left over at the start is a piece too; it cannot be looked up alone, and gets no credit
        # beyond its share of the word. (A head left over at the end, 量 of 粮食总产量, is in too
        # many words to tell anything.)
        parts.append(left[0])
    return parts


def _cjk(piece: str) -> int:
    """Chinese characters in a piece: a piece of digits (196 of 1966年) or a lone character
    matches in far too many places."""
    return sum(1 for ch in piece if "\u4e00" <= ch <= "\u9fff")


def decomposed_credit(word: str, parts: list[str], text: str) -> float:
    """Credit (0..DECOMPOSED_CREDIT) for an absent compound by the characters of it that the
    pieces found in ``text`` cover."""
    got = sum(len(p) for p in parts if p in text)
    return DECOMPOSED_CREDIT * got / max(1, len(word))
