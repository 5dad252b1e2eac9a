"""The indicator catalog: the built-in file and a user's extension."""

from __future__ import annotations

import pytest

from baogao.errors import ConfigError
from baogao.facts.catalog import load_catalog
from baogao.facts.extract import extract_facts

HEADLINE = ["gdp", "gdp_growth", "cpi", "new_urban_jobs", "unemployment", "deficit_ratio", "general_budget_revenue",
            "fixed_asset_investment", "retail_sales"]


def test_builtin_catalog_has_the_contract_ids():
    cat = load_catalog([])
    for ind in HEADLINE:
        assert ind in cat
    assert cat["unemployment"].measure_by_alias["城镇登记失业率"] == "registered"
    assert "gdp" in [a for a in cat["gdp_growth"].aliases if a == "gdp"]  # aliases are normalized (GDP -> gdp)


def test_a_user_file_adds_and_replaces(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "indicators:\n"
        "  - id: tourists\n    name: 接待游客\n    type: level\n    units: [万人次]\n    aliases: [接待游客]\n"
        "  - id: cpi\n    name: 物价\n    type: rate\n    units: ['%']\n    direction: lower\n    aliases: [物价涨幅]\n",
        encoding="utf-8")
    monkeypatch.setenv("BAOGAO_INDICATORS", str(extra))
    cat = load_catalog()
    assert cat["tourists"].units == ("万人次",)
    assert cat["cpi"].aliases == ("物价涨幅",)
    facts = extract_facts("二、2025年工作安排\n今年力争接待游客3000万人次以上。", 2025, catalog=cat)
    assert [(f.indicator, f.value, f.modifier, f.kind) for f in facts] == [("tourists", 3000.0, "at_least", "target")]


@pytest.mark.parametrize("body", ["indicators:\n  - id: Bad-Id\n    name: x\n    aliases: [x]\n",
                                  "indicators:\n  - id: x\n    name: x\n    type: nope\n    aliases: [x]\n",
                                  "indicators:\n  - name: x\n", "[not, a, mapping]\n", "a: [\n"])
def test_bad_catalogs_are_config_errors(tmp_path, body):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_catalog([path])


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        load_catalog([tmp_path / "nope.yaml"])
