"""The normalized view of a text: same length as the text, character for character.

Matching (search, find, quotes, facts) runs on this view so that 經濟 finds 经济, ５％ finds 5%,
and odd spaces do not matter; because every character maps to exactly one character, an offset
in the view is the same offset in the canonical text (``len(normalize(t)) == len(t)`` always).

Mappings that would change the length (NFKC expansions such as ㈠ -> (一), OpenCC phrase
conversions that are not one-to-one) are deliberately not applied.
"""

from __future__ import annotations

from functools import lru_cache

# Bumped whenever the view changes: what is derived from it (the search index, facts) is rebuilt.
NORMALIZE_VERSION = 2

# Zero-width and invisible characters: replaced by a plain space (cleaning removes most of them
# from the canonical text already; the view must keep the length).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Spaces of every width become an ASCII space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"


def _base_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII block -> ASCII
        table[cp] = chr(cp - 0xFEE0)
    for ch in _INVISIBLE + _SPACES:
        table[ord(ch)] = " "
    for cp in range(ord("A"), ord("Z") + 1):  # ASCII case only: keeps the length
        table[cp] = chr(cp + 32)
    for cp in range(0xFF21, 0xFF3B):  # full-width capitals -> ASCII lower case
        table[cp] = chr(cp - 0xFEE0 + 32)
    # Dashes and similar that sources use interchangeably in ranges and numbers.
    table[0x2212] = "-"  # minus sign
    table[0xFE63] = "-"  # small hyphen-minus
    table[0x3002] = "。"  # keep
    # Variant forms OpenCC's t2s leaves alone, found in the 1950s national reports (選擧, 保衞,
    # 汚染): by hand because no converter maps them; each is one character for one.
    for variant, simple in zip("衞擧汚幷淸舖刼覚啣鶏倣", "卫举污并清铺劫觉衔鸡仿"):
        table[ord(variant)] = simple
    return table


_TABLE = _base_table()


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported lazily: the converter loads its dictionaries once

    return opencc.OpenCC("t2s")


_CHAR_CACHE: dict[str, str] = {}


def _simplify_char(ch: str) -> str:
    """Traditional -> simplified for one character, or the character itself.

    Applied until it no longer changes, so that the view is idempotent: OpenCC maps 薴 -> 苧 and
    苧 -> 苎 in two separate calls (found by the property test over every code point).
    """
    out = _CHAR_CACHE.get(ch)
    if out is None:
        out = ch
        for _ in range(4):
            converted = _converter().convert(out)
            if len(converted) != 1 or converted == out:
                break
            out = converted
        _CHAR_CACHE[ch] = out
    return out


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FA1F


# The translation table grows with every traditional character met (OpenCC is asked once per
# distinct character); _SEEN holds every character already looked at.
_FULL: dict[int, str] = dict(_TABLE)
_SEEN: set[str] = set()


def normalize(text: str) -> str:
    """Return the normalized view of ``text`` (same length, see the module doc)."""
    new = set(text) - _SEEN
    if new:
        for ch in new:
            if _is_cjk(ch):
                simple = _simplify_char(ch)
                if simple != ch:
                    _FULL[ord(ch)] = simple  # before _SEEN: another thread never sees a gap
        _SEEN.update(new)
    out = text.translate(_FULL)
    if len(out) != len(text):  # pragma: no cover - guarded by construction and tests
        raise AssertionError("normalize changed the length of the text")
    return out


def normalize_query(query: str) -> str:
    """Normalize a user query the same way as texts, and trim surrounding space."""
    return normalize(query).strip()
