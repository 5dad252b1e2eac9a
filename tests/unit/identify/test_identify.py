"""identify(): region code/level/parents, year, kind, doc id on a golden sample of the corpus."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from baogao.identify import identify, make_doc_id
from baogao.identify.kind import detect_kind
from baogao.identify.region import NATIONAL, level_of, lookup, lookup_all, parents_of, region_ref
from baogao.identify.session import parse_session, session_year, year_of_session_text
from baogao.model import CleanDocument, StructuredReport

GOLDEN = tomllib.loads((Path(__file__).resolve().parents[2] / "golden" / "identity_sample.toml").read_text("utf-8"))


def _find(identified, case):
    hits = [
        (rep, ident)
        for rep, ident in identified
        if (case.get("title") and rep.clean.title == case["title"])
        or (case.get("file") and case["file"] in rep.clean.locator)
    ]
    assert len(hits) == 1, case
    return hits[0]


@pytest.mark.parametrize("case", GOLDEN["doc"], ids=lambda c: c["id"])
def test_golden_identity(identified, case):
    rep, ident = _find(identified, case)
    assert ident.doc_id == case["id"]
    assert ident.region.code == case["id"].split("-")[0]
    assert ident.region.level == case["level"]
    if "name" in case:
        assert ident.region.name == case["name"]
    if "parents" in case:
        assert [p.code for p in ident.parents] == case["parents"]
    assert ident.year == case["year"]
    assert ident.kind == case["kind"]
    assert (rep.clean.delivered_on or "") == case["delivered"]


def test_sample_covers_every_folder():
    keys = [c.get("file", "") + c.get("title", "") for c in GOLDEN["doc"]]
    assert sum(".docx" in k for k in keys) >= 6 and sum(".csv" in k for k in keys) >= 6
    assert sum(".txt" in k for k in keys) == 2 and sum("决议" in k for k in keys) >= 2


def test_whole_corpus_identified_with_unique_ids(identified):
    assert len(identified) == 136
    ids = Counter(ident.doc_id for _, ident in identified)
    assert ids.most_common(1)[0][1] == 1
    for _, ident in identified:
        assert ident.region is not None and ident.year is not None and ident.kind is not None
        assert not {"region_unknown", "year_unknown", "kind_unknown"} & set(ident.flags)
    kinds = Counter(ident.kind for _, ident in identified)
    assert kinds == {"政府工作报告": 52 + 31 + 31 + 1, "决议": 20, "发展报告": 1}
    levels = Counter(ident.region.level for _, ident in identified)
    assert levels == {"national": 72, "province": 62, "county": 2}


def test_every_province_once_per_year(identified):
    for year in (2025, 2026):
        codes = [i.region.code for _, i in identified if i.year == year and i.region.level == "province"]
        assert len(codes) == len(set(codes)) == 31


def test_wrong_source_line_flagged(identified):
    flagged = {rep.clean.title: ident.flag_details["wrong_source_line"]
               for rep, ident in identified if "wrong_source_line" in ident.flags}
    # 宁夏 2025 docx says 来源：青海日报 (the README's wrong 来源 line); 云南 2025 docx says 来源：北京日报
    assert flagged == {"2025年宁夏政府工作报告": "青海日报", "2025年云南省政府工作报告": "北京日报"}
    rep, ident = _find(identified, {"file": "2025年宁夏政府工作报告.docx"})
    assert ident.region.code == "640000" and rep.clean.source_name == "青海日报"


def test_abridged_flag(identified):
    flagged = [rep.clean.title for rep, ident in identified if "abridged" in ident.flags]
    assert flagged == ["1964年中华人民共和国国务院政府工作报告（摘要）"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("第十三届全国人民代表大会第三次会议", 2020),
        ("第二届全国人民代表大会第三次会议", 1962),
        ("第三届全国人民代表大会第一次会议", 1964),
        ("第一届全国人民代表大会第四次會議", 1957),
        ("第十四届全国人民代表大会第四次会议", 2026),
        ("第十四届全国人民代表大会第五次会议", 2027),
        ("第五届全国人民代表大会第二次会议", 1979),
        ("第十四届全国人民代表大会第九次会议", None),
        ("上海市第十六届人民代表大会第四次会议", None),
    ],
)
def test_session_years(text, expected):
    assert year_of_session_text(text) == expected


def test_parse_session_numbers():
    assert parse_session("第十一届全国人民代表大会第五次会议关于政府工作报告的决议") == (11, 5)
    assert session_year(4, 1) == 1975 and session_year(99, 1) is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("上海市黄浦区", "310101"),
        ("宁夏", "640000"),
        ("广西", "450000"),
        ("新疆", "650000"),
        ("西藏", "540000"),
        ("内蒙古", "150000"),
        ("建设国际化大都市中心城区核心引领区的黄浦", None),  # 城区 inside 中心城区 is not a district
        ("政府工作报告", None),
        ("县人民政府", None),  # cpca's placeholder row 500200 "县" is not a region
        ("朝阳区", None),  # Beijing's 110105 or Changchun's 220104: ambiguous
        ("北京市朝阳区", "110105"),
        ("长春市朝阳区", "220104"),
    ],
)
def test_gazetteer_lookup(text, code):
    assert lookup(text) == code


def test_shared_names_list_every_division():
    assert lookup_all("2024年朝阳区政府工作报告") == ("110105", "220104")
    assert lookup_all("北京市朝阳区") == ("110105",)
    assert lookup_all("县人民政府") == () and lookup_all("") == ()


def _report(title, text="各位代表：\n现在，我代表区人民政府向大会报告工作。", meeting=None):
    clean = CleanDocument(text=text, title=title, format="txt", locator="x", sha256="0", meeting=meeting)
    return StructuredReport(clean)


def test_an_ambiguous_region_is_null_and_flagged_never_picked():
    ident = identify(_report("2024年朝阳区政府工作报告"))
    assert ident.region is None and ident.doc_id == "unknown-2024-gzbg"
    assert {"region_unknown", "region_ambiguous"} <= set(ident.flags)
    assert ident.flag_details["region_ambiguous"]["candidates"] == ["110105", "220104"]


def test_the_meeting_line_settles_a_shared_name():
    ident = identify(_report("2024年朝阳区政府工作报告", meeting="北京市朝阳区第十七届人民代表大会第四次会议"))
    assert ident.region.code == "110105" and [p.code for p in ident.parents] == ["110000", "100000"]
    assert "region_ambiguous" not in ident.flags


def test_a_bare_county_word_is_no_region():
    ident = identify(_report("政府工作报告", "各位代表：\n现在，我代表县人民政府，向大会作政府工作报告。"))
    assert ident.region is None and "region_unknown" in ident.flags


def test_levels_and_parents_from_cpca_table():
    assert [(p.code, p.name, p.level) for p in parents_of("310101")] == [
        ("310000", "上海市", "province"), ("100000", "全国", "national")]
    assert [p.code for p in parents_of("440106")] == ["440100", "440000", "100000"]
    assert region_ref("440100").name == "广州市" and level_of("440100") == "prefecture"
    assert parents_of(NATIONAL.code) == [] and level_of("100000") == "national"


@pytest.mark.parametrize(
    "title, crumbs, kind",
    [
        ("2025年上海市黄浦区政府工作报告", [], "政府工作报告"),
        ("第十三届全国人民代表大会第三次会议关于政府工作报告的决议", [], "决议"),
        ("建设国际化大都市中心城区核心引领区的黄浦", ["首页", "发展报告"], "发展报告"),
        ("某市国民经济和社会发展第十五个五年规划纲要", [], "规划"),
        ("某某通知", [], "其他"),
        (None, [], None),
    ],
)
def test_kind(title, crumbs, kind):
    assert detect_kind(title, crumbs) == kind


def test_unknowns_are_null_and_flagged():
    clean = CleanDocument(text="一些没有地名的文字。", title=None, format="txt", locator="x", sha256="0")
    ident = identify(StructuredReport(clean))
    assert ident.doc_id == "unknown-unknown-unknown"
    assert (ident.region, ident.year, ident.kind) == (None, None, None)
    assert {"region_unknown", "year_unknown", "kind_unknown"} <= set(ident.flags)
    assert make_doc_id("310101", 2025, "政府工作报告") == "310101-2025-gzbg"
    assert make_doc_id("100000", 2020, "决议") == "100000-2020-jy"
