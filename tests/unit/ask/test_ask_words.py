"""The words questions are read with (baogao/data/ask_words.yaml) and the user's extensions."""

from __future__ import annotations

import pytest

from baogao.ask.words import CUE_FACTOR, load_words
from baogao.errors import ConfigError


def test_built_in_synonyms_question_words_and_cues():
    w = load_words([])
    assert {"地区生产总值", "国内生产总值"} <= set(w.alternatives("GDP"))
    assert w.alternatives("gdp") == w.alternatives("GDP")  # the normalized view is lower case
    assert "新增" in w.alternatives("新建")
    assert w.alternatives("不在表里") == ["不在表里"]
    assert {"多少", "已经", "定为", "点名"} <= w.question_words
    assert w.factor("计划") == CUE_FACTOR and w.factor("电梯") == 1.0
    assert "怎么说" in w.question_phrases


def test_a_user_file_extends_every_list(tmp_path):
    extra = tmp_path / "words.yaml"
    extra.write_text("synonyms:\n  新建: [开建]\n  双碳: [碳达峰碳中和]\nquestion_words: [劳驾]\n"
                     "question_phrases: [麻烦告诉我]\ncue_words: [部署]\n", encoding="utf-8")
    w = load_words([extra])
    assert w.alternatives("新建")[:2] == ["新建", "新增"] and "开建" in w.alternatives("新建")
    assert w.alternatives("双碳") == ["双碳", "碳达峰碳中和"]
    assert {"劳驾", "多少"} <= w.question_words
    assert "麻烦告诉我" in w.question_phrases
    assert w.factor("部署") == CUE_FACTOR


def test_the_environment_names_extra_files(tmp_path, monkeypatch):
    from baogao.ask.question import content_words

    extra = tmp_path / "w.yaml"
    extra.write_text("question_words: [劳驾]\n", encoding="utf-8")
    assert "劳驾" in content_words("劳驾说说加装电梯")
    monkeypatch.setenv("BAOGAO_ASK_WORDS", str(extra))
    assert "劳驾" in load_words().question_words
    assert "劳驾" not in content_words("劳驾说说加装电梯") and "电梯" in content_words("劳驾说说加装电梯")


@pytest.mark.parametrize("text", ["synonyms: [a, b]\n", "question_words: 多少\n", "- a\n- b\n", "synonyms: {a: [b\n"])
def test_a_bad_file_is_a_config_error(tmp_path, text):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_words([bad])
    with pytest.raises(ConfigError):
        load_words([tmp_path / "missing.yaml"])
