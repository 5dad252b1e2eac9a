"""Site chrome rules, loaded from ``baogao/data/chrome.toml`` (data, not scattered regexes).

The rules only say *what* chrome looks like; ``baogao.text.clean`` decides *where* to apply
them (head and tail of a document only).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class LineRules:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, line: str) -> bool:
        s = line.strip()
        if s in self.exact:
            return True
        if s.startswith(self.prefixes):
            return True
        return any(p.fullmatch(s) for p in self.patterns)


@dataclass(frozen=True)
class ChromeRules:
    head: LineRules
    breadcrumb_start: frozenset[str]
    tail: LineRules
    tail_cut: LineRules
    inline_drop: frozenset[str]


def _line_rules(section: dict, prefix: str = "") -> LineRules:
    return LineRules(
        exact=frozenset(section.get(f"{prefix}exact", [])),
        prefixes=tuple(section.get(f"{prefix}prefixes", [])),
        patterns=tuple(re.compile(p) for p in section.get(f"{prefix}patterns", [])),
    )


def parse_rules(data: dict) -> ChromeRules:
    head, tail = data.get("head", {}), data.get("tail", {})
    return ChromeRules(
        head=_line_rules(head),
        breadcrumb_start=frozenset(head.get("breadcrumb_start", [])),
        tail=_line_rules(tail),
        tail_cut=_line_rules(tail, "cut_"),
        inline_drop=frozenset(data.get("inline", {}).get("drop_lines", [])),
    )


@lru_cache(maxsize=1)
def rules() -> ChromeRules:
    """The packaged rules (read once per process)."""
    text = resources.files("baogao.data").joinpath("chrome.toml").read_text(encoding="utf-8")
    return parse_rules(tomllib.loads(text))
