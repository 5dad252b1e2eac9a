"""normalize(): same length as the text for any input, and idempotent (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.text.normalize import normalize, normalize_query

# Mix the characters the corpus actually has with arbitrary ones: astral CJK (U+20000+),
# full-width ASCII, traditional characters, ideographic and odd spaces, zero-width characters.
SAMPLES = "經濟發展鄉鎮企業會議著乾後臺１９５５３．５％－ＡＢｃ\u3000\u200b\u200d\ufeff\xa0\u2003𠀀𪚥𡃁\U0002f800"
alphabet = st.one_of(st.characters(), st.sampled_from(SAMPLES))
texts = st.text(alphabet=alphabet, max_size=200)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_same_length(text):
    assert len(normalize(text)) == len(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(texts)
def test_offsets_shared_per_character(text):
    # every character maps to exactly one character: normalizing a slice = slicing the view
    view = normalize(text)
    for i in range(0, len(text), 7):
        assert normalize(text[i : i + 5]) == view[i : i + 5]


def test_known_mappings():
    assert normalize("經濟發展１９５５年增长3.5％") == "经济发展1955年增长3.5%"
    assert normalize("6%－7%\u3000Ａ") == "6%-7% a"
    assert normalize_query("  經濟 ") == "经济"


def test_corpus_views_keep_length(cleaned):
    for doc in cleaned:
        assert len(normalize(doc.text)) == len(doc.text)


def test_chained_opencc_mapping_is_followed_to_its_end():
    # OpenCC t2s maps 薴 -> 苧 and, in a second call, 苧 -> 苎: the view must not stop half-way
    assert normalize("薴") == normalize("苧") == "苎"


def test_idempotent_on_every_cjk_code_point():
    ranges = [(0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2FA20)]
    text = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi))
    view = normalize(text)
    assert len(view) == len(text)
    assert normalize(view) == view
