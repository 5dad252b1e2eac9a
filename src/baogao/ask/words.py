"""The words question answering reads questions with, from ``baogao/data/ask_words.yaml``
(synonyms, question words and phrases, cue words, required words), extendable by the user.

Extra files in the same format are named by ``BAOGAO_ASK_WORDS`` (paths separated by
``os.pathsep``) or passed to :func:`load_words`: their lists are added to the built-in ones and
their synonyms to the built-in entry of the same key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from baogao.errors import ConfigError
from baogao.text.normalize import normalize

CUE_FACTOR = 0.4  # the weight of a cue word relative to a content word


@dataclass(frozen=True)
class AskWords:
    synonyms: dict[str, tuple[str, ...]]  # normalized word -> normalized alternatives
    question_words: frozenset[str]
    question_phrases: tuple[str, ...]  # normalized, longest first
    cue_words: frozenset[str]
    required_words: frozenset[str] = frozenset()  # 人均, 年均: the answer must say them too

    def alternatives(self, word: str) -> list[str]:
        """The word and the words the reports use for it (normalized, in order, no duplicates); a
        compound without synonyms of its own takes its head's (汽车销量: 汽车销售, as 销量: 销售)."""
        w = normalize(word)
        own = [*self.synonyms.get(w, ()), *self.synonyms.get(w.lower(), ())]
        if not own:
            for k in range(2, len(w) - 1):
                head = self.synonyms.get(w[k:])
                if head:
                    own = [w[:k] + h for h in head]
                    break
        return list(dict.fromkeys([w, *own]))

    def factor(self, word: str) -> float:
        return CUE_FACTOR if normalize(word) in self.cue_words else 1.0


def extra_paths_from_env() -> list[Path]:
    value = os.environ.get("BAOGAO_ASK_WORDS", "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def load_words(extra: list[str | Path] | None = None) -> AskWords:
    """The built-in word lists merged with ``extra`` files (default: BAOGAO_ASK_WORDS)."""
    paths = [Path(p) for p in extra] if extra is not None else extra_paths_from_env()
    return _load(tuple(str(p) for p in paths))


def _strings(value, source: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConfigError(f"问答词表 {source}: {key} 应是字符串列表")
    return [normalize(str(v)).strip() for v in value if str(v).strip()]


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> AskWords:
    sources = [("ask_words.yaml", resources.files("baogao.data").joinpath("ask_words.yaml").read_text(encoding="utf-8"))]
    for p in paths:
        try:
            sources.append((p, Path(p).read_text(encoding="utf-8")))
        except OSError as exc:
            raise ConfigError(f"问答词表无法读取 {p}: {exc}") from exc
    synonyms: dict[str, list[str]] = {}
    qwords: set[str] = set()
    phrases: list[str] = []
    cues: set[str] = set()
    required: set[str] = set()
    for name, text in sources:
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"问答词表 {name} 不是有效的 YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"问答词表 {name} 应是一个映射 (synonyms: …, question_words: […])")
        syn = data.get("synonyms") or {}
        if not isinstance(syn, dict):
            raise ConfigError(f"问答词表 {name}: synonyms 应是 词: [同义词, …] 的映射")
        for key, values in syn.items():
            k = normalize(str(key)).strip()
            merged = synonyms.setdefault(k, [])
            for v in _strings(values, name, f"synonyms.{key}"):
                if v not in merged:
                    merged.append(v)
        qwords.update(_strings(data.get("question_words"), name, "question_words"))
        phrases.extend(_strings(data.get("question_phrases"), name, "question_phrases"))
        cues.update(_strings(data.get("cue_words"), name, "cue_words"))
        required.update(_strings(data.get("required_words"), name, "required_words"))
    # lower-case keys too: the normalized view of a question keeps Latin letters as typed
    for k in list(synonyms):
        synonyms.setdefault(k.lower(), synonyms[k])
    return AskWords(
        synonyms={k: tuple(v) for k, v in synonyms.items()},
        question_words=frozenset(qwords),
        question_phrases=tuple(sorted(dict.fromkeys(phrases), key=len, reverse=True)),
        cue_words=frozenset(cues),
        required_words=frozenset(required),
    )
