"""The search query language, for people (never engine syntax).

    城市更新 旧改            both words (AND, anywhere in the document)
    "城市更新" “数字经济”     a quoted phrase (ASCII or Chinese quotes, 「」 and 『』 too)
    低空经济 OR 无人机        either (OR binds two neighbours: a OR b c = (a OR b) AND c)
    电梯 -加装               exclusion (documents without 加装)
    region:上海 level:省 year:2020..2025 kind:政府工作报告   filters (also 地区: 级别: 年份: 类别:)

No library parses this Chinese-friendly syntax (the engines' own syntaxes are exactly what a
user must never reach), so this is a small hand-written scanner. It never raises anything but
InvalidQuery: unbalanced quotes are closed at the end, operators such as NEAR, *, ^ or SQL
fragments are ordinary text to look for, and every term is normalized like the texts
(traditional -> simplified, full-width -> half-width, ASCII lower case).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from baogao.errors import InvalidQuery
from baogao.text.normalize import normalize_query

MAX_QUERY = 500  # characters; longer input is refused with a clear message
MAX_TERMS = 20

QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』", "＂": "＂", "„": "“"}
_FILTER_NAMES = {
    "region": "region", "地区": "region", "地域": "region",
    "level": "level", "级别": "level",
    "year": "year", "年份": "year", "年": "year",
    "kind": "kind", "类别": "kind", "类型": "kind",
}
_FILTER = re.compile(r"^([a-z]+|[\u4e00-\u9fff]{1,2})[:：](.+)$", re.IGNORECASE)
_MINUS = ("-", "－", "—")


@dataclass(frozen=True)
class Term:
    text: str  # normalized: what is looked for in the normalized view
    raw: str  # as typed

    @property
    def single(self) -> bool:
        return len(self.text) < 2


@dataclass
class Query:
    raw: str
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        """Every positive term once, in order."""
        seen, out = set(), []
        for g in self.groups:
            for t in g:
                if t.text not in seen:
                    seen.add(t.text)
                    out.append(t)
        return out

    def describe(self) -> str:
        parts = [" OR ".join(f'"{t.text}"' for t in g) for g in self.groups]
        parts += [f'-"{t.text}"' for t in self.excluded]
        parts += [f"{k}:{v}" for k, v in self.filters.items()]
        return " ".join(parts)


def _clean(raw: str) -> str:
    """Drop what no text contains and no engine should see: controls, lone surrogates."""
    out = []
    for ch in raw:
        cat = unicodedata.category(ch)
        if ch in "\t\r\n\f\v\u3000":
            out.append(" ")
        elif cat in ("Cc", "Cs") or (cat == "Cf" and ch not in "\u200d"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def _scan(text: str) -> list[tuple[str, str, bool]]:
    """Split into (kind, text, negated): kind is 'phrase', 'word' or 'or'."""
    items: list[tuple[str, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch in _MINUS and i + 1 < n and not text[i + 1].isspace():
            negated, i = True, i + 1
            ch = text[i]
        if ch in QUOTES:
            close = QUOTES[ch]
            j = i + 1
            while j < n and text[j] != close and not (close == "”" and text[j] == '"'):
                j += 1
            items.append(("phrase" if j < n else "open-phrase", text[i + 1 : j], negated))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and not (j > i and text[j] in QUOTES):
            j += 1
        word = text[i:j]
        if not negated and word in ("OR", "|", "或者"):
            items.append(("or", word, False))
        else:
            items.append(("word", word, negated))
        i = j
    return items


def parse(raw: object) -> Query:
    """Parse a user query. Raises InvalidQuery (with a message for people) and nothing else."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise InvalidQuery("查询必须是文字")
    if len(raw) > MAX_QUERY:
        raise InvalidQuery(f"查询太长：{len(raw)} 个字符，最多 {MAX_QUERY} 个。请缩短查询。")
    q = Query(raw=raw)
    text = _clean(raw)
    pending_or = False
    for kind, value, negated in _scan(text):
        if kind == "or":
            if q.groups and not pending_or:
                pending_or = True
            else:
                q.notes.append(f"忽略了多余的 {value}")
            continue
        if kind == "open-phrase":
            q.notes.append("引号没有配对，已把引号后的全部文字当作一个短语")
        if kind == "word":
            m = _FILTER.match(value)
            if m and m.group(1).lower() in _FILTER_NAMES and not negated:
                name = _FILTER_NAMES[m.group(1).lower()]
                q.filters[name] = normalize_query(m.group(2)).strip("\"'“”")
                continue
        norm = normalize_query(value)
        if not norm:
            if value.strip():
                q.notes.append(f"忽略了空短语 {value!r}")
            pending_or = False
            continue
        term = Term(norm, value)
        if negated:
            q.excluded.append(term)
            continue
        if pending_or and q.groups:
            if term not in q.groups[-1]:
                q.groups[-1].append(term)
        else:
            q.groups.append([term])
        pending_or = False
    if pending_or:
        q.notes.append("OR 后面没有词，已忽略")
    if sum(len(g) for g in q.groups) + len(q.excluded) > MAX_TERMS:
        raise InvalidQuery(f"查询的词太多（最多 {MAX_TERMS} 个）")
    if not q.groups:
        if q.excluded:
            raise InvalidQuery("只有排除词（-词）：请至少给出一个要找的词")
        if q.filters:
            raise InvalidQuery("只有筛选条件：请给出要找的词（列出文档请用 baogao list）")
        raise InvalidQuery("查询为空：请输入要找的词（两个字以上的词最快）")
    return q
