"""Bigram tokens and index units."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.search.tokens import MAX_POSITIONS, MAX_UNIT, OVERLAP, bigrams, query_tokens, split_paragraph, units_for


def test_one_token_per_position():
    assert bigrams("经济发展") == ["经济", "济发", "发展"]
    assert bigrams("旧") == ["旧"]
    assert bigrams("") == []
    assert len(bigrams("gdp增长5%")) == len("gdp增长5%") - 1


def test_tokens_never_hold_ascii_separators():
    for tok in bigrams('5% "a b" -x; DROP TABLE t;-- \\ \'q\''):
        assert not any(c in tok for c in ' "\'\\;-%()*^:')


@given(st.text(min_size=2, max_size=4), st.text(min_size=2, max_size=4))
@settings(max_examples=300, deadline=None)
def test_encoding_is_injective(a, b):
    """Equal token sequences mean equal texts: the index never confuses two strings."""
    if a != b:
        assert bigrams(a) != bigrams(b)


def test_private_use_characters_are_escaped():
    a, b = "x\U000f0025", "x%"
    assert bigrams(a) != bigrams(b)


def test_query_phrase_is_cut_to_the_overlap():
    assert len(query_tokens("经" * 200)) == OVERLAP - 1
    assert query_tokens("经") == []


def test_long_paragraph_pieces_overlap_enough():
    rnd = random.Random(3)
    text = "".join(rnd.choice("经济发展新质生产力，。") for _ in range(MAX_UNIT * 3 + 17))
    pieces = split_paragraph(text, 0, len(text))
    assert len(pieces) > 1
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (a1, b1), (a2, b2) in zip(pieces, pieces[1:]):
        assert a2 < b1 and b1 - a2 >= OVERLAP  # consecutive pieces overlap by OVERLAP characters
    for a, b in pieces:
        assert b - a <= MAX_UNIT


def test_repetitive_paragraph_is_cut_for_postgres_positions():
    text = "……" * 400
    for a, b in split_paragraph(text, 0, len(text)):
        toks = bigrams(text[a:b])
        assert max(toks.count(t) for t in set(toks)) <= MAX_POSITIONS


def test_units_group_whole_paragraphs():
    units = units_for("ab\n  \ncd", [(0, 2), (3, 5), (6, 8)])
    assert [(u.start, u.end) for u in units] == [(0, 8)]
    text = "\n".join(["经" * 3000, "济" * 3000, "发" * 5000])
    units = units_for(text, [(0, 3000), (3001, 6001), (6002, 11002)])
    assert (units[0].start, units[0].end, units[0].chunked) == (0, 6001, False)
    assert len(units) > 2 and all(u.chunked and (u.para_start, u.para_end) == (6002, 11002) for u in units[1:])


def test_units_for_postgres_cap_positions():
    text = "\n".join(["哈哈" * 100] * 10)
    paras, pos = [], 0
    for line in text.split("\n"):
        paras.append((pos, pos + len(line)))
        pos += len(line) + 1
    for u in units_for(text, paras, cap_positions=True):
        toks = bigrams(text[u.start : u.end])
        assert max(toks.count(t) for t in set(toks)) <= MAX_POSITIONS


@given(st.text(alphabet=st.sampled_from(list("经济ab Z1%\n\"-*\t，。") + ["\U0001F600", "\U000F0025", "\u3000"]),
               max_size=40))
@settings(max_examples=400, deadline=None)
def test_bigram_text_is_the_joined_tokens(text):
    """The fast (numpy) token string an SQLite row stores equals joining the tokens one by one."""
    from baogao.search.tokens import bigram_text

    assert bigram_text(text) == " ".join(bigrams(text))
    assert len(bigram_text(text).split(" ")) == (len(bigrams(text)) or 1)
