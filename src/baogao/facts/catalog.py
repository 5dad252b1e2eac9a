"""The indicator catalog (src/baogao/data/indicators.yaml), extendable by the user.

Extra catalog files (same format) are named by ``BAOGAO_INDICATORS`` (paths separated by
``os.pathsep``) or passed to :func:`load_catalog`; an entry whose id already exists replaces the
built-in one, new ids are appended, and their ``blockers`` are added.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from baogao.errors import ConfigError
from baogao.text.normalize import normalize

TYPES = ("growth", "level", "rate")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]  # normalized
    units: tuple[str, ...] = ()
    name_en: str = ""
    measures: tuple[str, ...] = ()  # (growth, level) for indicators read both ways
    direction: str = "higher"
    headline: bool = False
    implicit_verb: tuple[str, ...] = ()  # aliases that already hold the verb (经济增长)
    measure_by_alias: dict = field(default_factory=dict, hash=False, compare=False)
    rate_verbs: tuple[str, ...] = ()
    period_total: bool = False  # a bare figure in a multi-year review is the total over the period

    def reads_growth(self) -> bool:
        return self.type == "growth"

    def reads_level(self) -> bool:
        return self.type == "level" or "level" in self.measures


@dataclass
class Catalog:
    indicators: dict[str, Indicator]
    blockers: tuple[str, ...]
    growth_verbs: dict[str, int]
    _alias_rx: re.Pattern | None = None
    _by_alias: dict[str, list[Indicator]] | None = None

    def __getitem__(self, key: str) -> Indicator:
        return self.indicators[key]

    def __contains__(self, key: str) -> bool:
        return key in self.indicators

    def __iter__(self):
        return iter(self.indicators.values())

    def ids(self) -> list[str]:
        return list(self.indicators)

    @property
    def alias_regex(self) -> re.Pattern:
        """One regex for every alias and blocker, longest first."""
        if self._alias_rx is None:
            words = set(self.blockers)
            for ind in self:
                words.update(ind.aliases)
            self._alias_rx = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        return self._alias_rx

    def by_alias(self, alias: str) -> list[Indicator]:
        if self._by_alias is None:
            table: dict[str, list[Indicator]] = {}
            for ind in self:
                for a in ind.aliases:
                    table.setdefault(a, []).append(ind)
            self._by_alias = table
        return self._by_alias.get(alias, [])


def _norm(word: str) -> str:
    return normalize(str(word)).strip()


def _indicator(raw: dict, source: str) -> Indicator:
    try:
        ind_id, name, typ = str(raw["id"]), str(raw["name"]), str(raw.get("type", "rate"))
        aliases = tuple(_norm(a) for a in raw["aliases"])
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"指标目录 {source}: 条目缺少 id/name/aliases: {raw!r}") from exc
    if not re.fullmatch(r"[a-z][a-z0-9_]*", ind_id):
        raise ConfigError(f"指标目录 {source}: id 只能用小写字母、数字和下划线: {ind_id!r}")
    if typ not in TYPES:
        raise ConfigError(f"指标目录 {source}: {ind_id} 的 type 应为 {'/'.join(TYPES)}")
    if not aliases:
        raise ConfigError(f"指标目录 {source}: {ind_id} 没有别名")
    return Indicator(
        id=ind_id, name=name, type=typ, aliases=aliases,
        units=tuple(str(u) for u in raw.get("units", ())), name_en=str(raw.get("name_en", "")),
        measures=tuple(raw.get("measures", ())), direction=str(raw.get("direction", "higher")),
        headline=bool(raw.get("headline", False)),
        implicit_verb=tuple(_norm(a) for a in raw.get("implicit_verb", ())),
        measure_by_alias={_norm(k): v for k, v in (raw.get("measure_by_alias") or {}).items()},
        rate_verbs=tuple(raw.get("rate_verbs", ())),
        period_total=bool(raw.get("period_total", False)),
    )


def _read(text: str, source: str) -> dict:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"指标目录无法解析 {source}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"指标目录 {source} 应是一个映射 (indicators: [...])")
    return data


def extra_paths_from_env() -> list[Path]:
    value = os.environ.get("BAOGAO_INDICATORS", "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def load_catalog(extra: list[str | Path] | None = None) -> Catalog:
    """The built-in catalog merged with ``extra`` files (default: BAOGAO_INDICATORS)."""
    paths = [Path(p) for p in extra] if extra is not None else extra_paths_from_env()
    return _load(tuple(str(p) for p in paths))


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Catalog:
    sources = [("indicators.yaml", resources.files("baogao.data").joinpath("indicators.yaml").read_text(encoding="utf-8"))]
    for p in paths:
        try:
            sources.append((p, Path(p).read_text(encoding="utf-8")))
        except OSError as exc:
            raise ConfigError(f"指标目录无法读取 {p}: {exc}") from exc
    indicators: dict[str, Indicator] = {}
    blockers: list[str] = []
    verbs: dict[str, int] = {}
    for name, text in sources:
        data = _read(text, name)
        for raw in data.get("indicators") or []:
            ind = _indicator(raw, name)
            indicators[ind.id] = ind
        blockers.extend(_norm(b) for b in data.get("blockers") or [])
        verbs.update({_norm(k): int(v) for k, v in (data.get("growth_verbs") or {}).items()})
    return Catalog(indicators, tuple(dict.fromkeys(blockers)), verbs)


def catalog_version(catalog: Catalog) -> str:
    """A short digest of the catalog: a changed catalog makes stored facts stale."""
    import hashlib

    h = hashlib.sha256()
    for ind in catalog:
        h.update(repr((ind.id, ind.type, ind.aliases, ind.units, ind.measures, ind.period_total)).encode())
    h.update(repr(catalog.blockers).encode())
    return h.hexdigest()[:8]
