"""Extraction on real paragraphs from the corpus (quoted as printed) and on small constructed reports."""

from __future__ import annotations

import pytest

from baogao.facts.extract import EXTRACTOR_VERSION, extract_facts


def facts_of(text: str, year: int, indicator: str | None = None):
    out = extract_facts(text, year, "doc")
    for f in out:  # every fact points at its own sentence and number
        assert text[f.start:f.end] == f.quote
        assert f.start <= f.num_start < f.num_end <= f.end
        assert f.extractor_version == EXTRACTOR_VERSION
    return [f for f in out if indicator is None or f.indicator == indicator]


def one(text, year, indicator, **want):
    found = [f for f in facts_of(text, year, indicator) if all(getattr(f, k) == v for k, v in want.items() if k in ("kind", "measure"))]
    assert found, f"no {indicator} {want} in {text!r}"
    f = found[0]
    for k, v in want.items():
        assert getattr(f, k) == v, (k, getattr(f, k), v)
    return f


NATIONAL_2025_TARGETS = (
    "二、2025年经济社会发展总体要求和政策取向\n"
    "今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；"
    "居民消费价格涨幅2%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.4万亿斤左右；"
    "单位国内生产总值能耗降低3%左右，生态环境质量持续改善。\n"
    "今年赤字率拟按4%左右安排、比上年提高1个百分点，赤字规模5.66万亿元、比上年增加1.6万亿元。"
)


def test_national_2025_headline_targets():
    t = NATIONAL_2025_TARGETS
    one(t, 2025, "gdp_growth", kind="target", period=2025, value=5.0, unit="%", modifier="around", primary=True)
    one(t, 2025, "unemployment", kind="target", value=5.5, modifier="around", measure="surveyed")
    one(t, 2025, "new_urban_jobs", kind="target", value=1200.0, unit="万人", modifier="at_least")
    one(t, 2025, "cpi", kind="target", value=2.0, modifier="around")
    one(t, 2025, "grain_output", kind="target", value=1.4, unit="万亿斤", modifier="around")
    one(t, 2025, "energy_intensity", kind="target", value=3.0, modifier="around")
    one(t, 2025, "deficit_ratio", kind="target", value=4.0, modifier="around")
    # 居民收入增长和经济增长同步 has no number: nothing read from it
    assert len(facts_of(t, 2025, "gdp_growth")) == 1


def test_review_states_outcomes_for_the_previous_year():
    t = ("一、2024年工作回顾\n主要表现在，经济规模稳步扩大，国内生产总值达到134.9万亿元、增长5%，增速居世界主要经济体前列。"
         "就业、物价总体平稳，城镇新增就业1256万人、城镇调查失业率平均为5.1%，居民消费价格上涨0.2%。")
    one(t, 2025, "gdp_growth", kind="outcome", period=2024, value=5.0, modifier="point")
    one(t, 2025, "gdp", kind="outcome", period=2024, value=134.9, unit="万亿元")
    one(t, 2025, "new_urban_jobs", kind="outcome", period=2024, value=1256.0)
    one(t, 2025, "unemployment", kind="outcome", period=2024, value=5.1, measure="surveyed")
    one(t, 2025, "cpi", kind="outcome", period=2024, value=0.2)


def test_registered_and_surveyed_unemployment_are_told_apart():
    t = "今年经济社会发展的主要预期目标是：国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，城镇调查失业率5.5%左右，城镇登记失业率4.5%以内。"
    g = one(t, 2019, "gdp_growth", kind="target", value=None, low=6.0, high=6.5, modifier="range")
    assert g.num_end - g.num_start == len("6%－6.5%")
    one(t, 2019, "unemployment", measure="surveyed", value=5.5, modifier="around")
    one(t, 2019, "unemployment", measure="registered", value=4.5, modifier="at_most")


def test_annual_and_five_year_figures_in_the_same_report():
    # 2026 Anhui: the review of 2025, the 十四五 review and the 十五五 targets, then 2026's targets
    t = ("一、2025年工作和“十四五”发展回顾\n"
         "全省地区生产总值5.3万亿元、增长5.5%，规上工业增加值增长9.4%。\n"
         "“十四五”时期是安徽发展史上极不平凡的五年。地区生产总值连跨两个万亿元台阶，年均增长5.7%、高于全国0.3个百分点。\n"
         "二、“十五五”时期主要目标和重大任务\n"
         "全省地区生产总值年均增长5%—5.5%，现代化基础设施体系更加完善。\n"
         "三、2026年重点工作\n"
         "经济社会发展的主要预期目标是：全省地区生产总值增长5%—5.5%，在实际工作中努力争取更好结果。")
    fs = facts_of(t, 2026, "gdp_growth")
    got = sorted((f.kind, f.period_start, f.period, f.value, f.low, f.high) for f in fs)
    assert got == sorted([
        ("outcome", 2025, 2025, 5.5, None, None),
        ("cumulative", 2021, 2025, 5.7, None, None),
        ("multi_year_target", 2026, 2030, None, 5.0, 5.5),
        ("target", 2026, 2026, None, 5.0, 5.5),
    ])
    target = next(f for f in fs if f.kind == "target")
    assert "在实际工作中努力争取更好结果" in target.qualifiers
    assert "年均" in next(f for f in fs if f.kind == "cumulative").qualifiers


def test_a_paragraph_about_the_five_years_is_cumulative():
    # 2026 Jilin: the 十四五 paragraph states the five-year growth without 年均
    t = ("一、工作回顾\n“十四五”时期是吉林高质量发展攻坚克难、砥砺奋进、蓄势聚能的五年。"
         "地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长19.8%。")
    one(t, 2026, "gdp_growth", kind="cumulative", period_start=2021, period=2025, value=19.8)


def test_cumulative_against_a_base_year():
    t = "一、“十四五”时期工作回顾\n全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元，增长33.6%。"
    one(t, 2026, "gdp_growth", kind="cumulative", period_start=2021, period=2025, value=33.6)


def test_unit_missing_is_extracted_and_flagged():
    # web-pages/000, Huangpu 2025: the % is missing in the source
    t = "二、2025年工作计划\n综合各方面因素,建议区生产总值可比增长5,区级一般公共预算收入同比增长2%。“两旧”改造受益居民3000户以上。"
    f = one(t, 2025, "gdp_growth", kind="target", value=5.0, unit=None, basis="可比")
    assert "unit_missing" in f.flags
    one(t, 2025, "general_budget_revenue", kind="target", value=2.0, unit="%", basis="同比", measure="growth")
    one(t, 2025, "two_old_households", kind="target", value=3000.0, unit="户", modifier="at_least")


def test_partial_year_figures_are_flagged():
    t = ("一、2024年工作回顾\n前三季度实现地区生产总值2379.80亿元,总量保持全市第二,中心城区第一,可比增长5.5%;"
         "全年完成区级一般公共预算收入299.40亿元,总量居中心城区第二,同比增长6.1%;1-11月,完成固定资产投资总额310.37亿元,同比增长22.9%。")
    g = one(t, 2025, "gdp_growth", kind="outcome", value=5.5)
    assert "partial_year" in g.flags and not g.primary
    r = one(t, 2025, "general_budget_revenue", measure="level", value=299.4)
    assert "partial_year" not in r.flags
    assert "partial_year" in one(t, 2025, "fixed_asset_investment", measure="growth", value=22.9).flags


def test_estimates_are_outcomes_with_a_qualifier():
    t = "一、2024年工作回顾\n预计全市地区生产总值增长5.2%左右，一般公共预算收入增长3.1%。"
    f = one(t, 2025, "gdp_growth", kind="outcome", period=2024, value=5.2, modifier="around")
    assert "预计" in f.qualifiers


def test_subregions_and_lookalikes_are_not_the_region():
    t = ("三、2026年重点工作\n力争海洋生产总值增长6%左右。南疆五地州地区生产总值年均增长6%。"
         "县域地区生产总值增速高于全省平均水平。人均地区生产总值8万元以上。"
         "数字经济核心产业增加值占GDP比重9%左右。居民收入增长和经济增长同步。对全球经济增长的贡献率保持在30%左右。")
    assert facts_of(t, 2026, "gdp_growth") == []
    assert facts_of(t, 2026, "gdp") == []


def test_a_basis_in_its_own_clause_between_the_indicator_and_the_figure():
    # national 1997: 按可比价格计算 is the growth's basis; 实际 in an alias (实际使用外资) is none
    t = "一、1996年工作回顾\n国内生产总值达到６７７００多亿元，按可比价格计算，比上年增长９．７％。"
    one(t, 1997, "gdp_growth", kind="outcome", period=1996, value=9.7, basis="可比")


def test_a_multi_region_area_named_before_the_figure_is_its_subject():
    # 重庆 2026 (five-year review): the 10万亿元 is 川渝's total; the region's own figures stay
    t = ("一、“十四五”时期发展成就\n五年来，成渝地区双城经济圈建设走深走实，川渝一体化发展格局加速形成，"
         "地区生产总值五年跨过3个万亿级关口、突破10万亿元。全市地区生产总值达到33757.93亿元。")
    assert [f.value for f in facts_of(t, 2026, "gdp")] == [33757.93]
    # a loss is not a statement of the indicator (national 1978)
    assert facts_of("二、1978年的任务\n由于“四人帮”的干扰破坏，全国大约损失工业总产值一千亿元，钢产量二千八百万吨，"
                    "财政收入四百亿元。", 1978, "general_budget_revenue") == []
    # a county-level clause before a figure of the region itself is not another subject (陕西 2026)
    one("二、2025年工作回顾\n新增11个全国县域商业领跑县，社会消费品零售总额增长6%。", 2026, "retail_sales", value=6.0)


@pytest.mark.parametrize("sentence, value, modifier", [
    ("主要预期目标是：经济增长5.5%左右，规上工业增加值增长7%左右。", 5.5, "around"),  # Henan: 经济增长 holds the verb
    ("主要预期目标是：地区生产总值按增长5%安排，在实际工作中努力争取更好结果。", 5.0, "point"),  # Jiangsu 2026
    ("主要预期目标是：地区生产总值增长4.5-5%，在实际工作中争取更好结果。", None, "range"),  # Heilongjiang 2026
    ("主要预期目标是：地区生产总值增长7%以上、力争达到8%。", 7.0, "at_least"),  # Tibet 2025
    ("主要预期目标是：地区生产总值增长５．５％左右。", 5.5, "around"),  # full-width digits
])
def test_target_sentences(sentence, value, modifier):
    f = one("二、2025年工作安排\n" + sentence, 2025, "gdp_growth", kind="target", period=2025, modifier=modifier)
    assert f.value == value


def test_deficit_ratio_forms():
    assert one("今年拟安排财政赤字8000亿元，赤字率下降到1.5％左右。", 2012, "deficit_ratio").value == 1.5
    assert one("今年拟安排财政赤字1.62万亿元，赤字率从去年的2.1%提高到2.3%。", 2015, "deficit_ratio").value == 2.3


def test_explicit_absence_is_recorded():
    # the 2020 national report (not in the corpus) set no growth target
    t = "二、2020年工作总体部署\n我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大。"
    f = one(t, 2020, "gdp_growth", kind="no_target", period=2020)
    assert f.value is None and "explicit_absence" in f.flags


def test_primary_is_the_headline_statement():
    t = ("二、“十四五”时期主要目标任务\n各年度视情提出经济增长预期目标，城镇调查失业率控制在5.5%以内。\n"
         "三、2021年工作\n今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上，城镇调查失业率5.5%左右。")
    fs = [f for f in facts_of(t, 2021, "unemployment") if f.kind == "target" and f.period == 2021]
    assert [f.modifier for f in fs if f.primary] == ["around"]


def test_glossary_is_skipped():
    t = "名词解释\n1.某某指数：国内生产总值增长6%时的参考值。"
    assert facts_of(t, 2025) == []


# --- five-year vs annual, sums vs levels: real paragraphs (quoted as printed) -------------------

HENAN_2026_REVIEW = (
    "一、“十四五”时期和2025年工作回顾\n"
    "过去的五年极不寻常。在省委坚强领导下，我们坚持以习近平新时代中国特色社会主义思想为指导，"
    "经济社会发展取得新成就，现代化河南建设迈出新步伐。\n"
    "民生福祉不断增进。持续推动“高效办成一件事”，城镇新增就业603.7万人，新增农村劳动力转移就业246.2万人，"
    "城乡居民基础养老金连年提高，居民人均可支配收入年均增长6%。\n"
    "刚刚过去的2025年很不平凡。一年来，全省上下牢记嘱托、感恩奋进，顶压前行、真抓实干，生产总值增长5.6%，"
    "规上工业增加值增长8.4%，工业投资增长13.3%，社会消费品零售总额增长5.6%，进出口总值增长14.1%，粮食产量1350.97亿斤。\n"
    "（一）千方百计稳就业稳企业稳市场稳预期。深入实施援企稳岗政策，突出抓好重点群体就业，城镇新增就业121.7万人。"
)


def test_a_five_year_passage_goes_on_over_its_paragraphs():
    # 603.7万人 are five years of jobs (the paragraph itself names no period); 121.7万人 is 2025's
    jobs = {f.value: f for f in facts_of(HENAN_2026_REVIEW, 2026, "new_urban_jobs")}
    assert (jobs[603.7].kind, jobs[603.7].period_start, jobs[603.7].period) == ("cumulative", 2021, 2025)
    assert (jobs[121.7].kind, jobs[121.7].period) == ("outcome", 2025) and jobs[121.7].primary
    one(HENAN_2026_REVIEW, 2026, "disposable_income", kind="cumulative", period=2025, value=6.0)
    one(HENAN_2026_REVIEW, 2026, "gdp_growth", kind="outcome", period=2025, value=5.6)
    one(HENAN_2026_REVIEW, 2026, "grain_output", kind="outcome", period=2025, value=1350.97)


def test_a_level_reached_in_a_five_year_review_is_the_last_years_outcome():
    # national 2011: the 2010 GDP, not a five-year sum; the growth beside it is the five-year average
    t = ("一、“十一五”时期国民经济和社会发展的回顾\n这五年，我国社会生产力、综合国力显着提高。"
         "国内生产总值达到39.8 万亿元，年均增长11.2%，财政收入从3.16万亿元增加到8.31万亿元。")
    one(t, 2011, "gdp", kind="outcome", period=2010, value=39.8, unit="万亿元")
    g = one(t, 2011, "gdp_growth", kind="cumulative", period_start=2006, period=2010, value=11.2)
    assert "年均" in g.qualifiers


def test_a_bare_total_in_a_five_year_review_is_a_sum_for_flows():
    # Tianjin 2026: 263亿美元 of foreign capital over five years (2024 alone was 50亿美元)
    t = ("一、2025年和“十四五”时期工作回顾\n五年来，全面深化改革开放纵深推进。市属国企利润年均增长11.1%，"
         "民营经营主体超178万户，上市公司增至88家，实际使用外资263亿美元。")
    f = one(t, 2026, "foreign_capital", kind="cumulative", period_start=2021, period=2025, value=263.0)
    assert f.basis is None  # 实际 belongs to the name 实际使用外资, it is not a basis


def test_each_year_of_the_five_and_the_rate_at_the_end():
    # Shaanxi 2026
    t = ("一、2025年工作回顾\n各位代表！2025年目标任务顺利完成，标志着“十四五”圆满收官。五年来，我们牢记嘱托、感恩奋进。"
         "二是创新引领成势见效。研发投入强度2.61％、居中国西部第1，企业研发经费增长59.61％。"
         "每年城镇新增就业40万人以上，城乡居民人均收入年均增长5.5%。")
    jobs = one(t, 2026, "new_urban_jobs", kind="cumulative", value=40.0, modifier="at_least")
    assert "每年" in jobs.qualifiers
    one(t, 2026, "rd_intensity", kind="outcome", period=2025, value=2.61)


def test_the_sentence_after_the_opener_of_the_five_years():
    # national 2016: 18.2% is the 十二五 reduction, not 2015's
    t = ("一、2015年工作回顾\n2015年是“十二五”收官之年。过去五年，我国发展成就举世瞩目。"
         "消费成为支撑经济增长的主要力量。超过一半人口居住在城镇。单位国内生产总值能耗下降18.2%，主要污染物排放量减少12%以上。"
         "城镇新增就业人数超过6400万人。")
    one(t, 2016, "energy_intensity", kind="cumulative", period_start=2011, period=2015, value=18.2)
    one(t, 2016, "new_urban_jobs", kind="cumulative", period_start=2011, period=2015, value=6400.0)


def test_older_plans_in_quotes_and_a_base_year():
    # national 2006: the “十五” review under a sub-heading, 2005 against 2000
    t = ("二、今年主要任务\n（二）“十五”期间国民经济和社会发展主要情况\n"
         "五年来，我国经济实力显著增强。2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%；农业特别是粮食生产出现重要转机。")
    got = [(f.kind, f.period_start, f.period, f.value) for f in facts_of(t, 2006, "gdp_growth")]
    assert got == [("cumulative", 2001, 2005, 57.3)]  # (the 年均 figure after it is not read: one per subject)


def test_a_sum_over_the_last_years():
    # national 2009
    t = "一、2008年工作回顾\n近三年累计，单位国内生产总值能耗下降10.08%，化学需氧量、二氧化硫排放量分别减少6.61%和8.95%。"
    one(t, 2009, "energy_intensity", kind="cumulative", period_start=2006, period=2008, value=10.08)


def test_cumulative_elsewhere_in_the_sentence_does_not_count():
    # Heilongjiang 2025: 累计 belongs to the installed capacity, the energy figure is 2024's
    t = ("一、2024年工作回顾\n新能源和可再生能源累计建成装机占电力总装机57.6%，单位地区生产总值能耗预计下降3.2%。")
    f = one(t, 2025, "energy_intensity", kind="outcome", period=2024, value=3.2)
    assert "预计" in f.qualifiers


def test_goals_for_the_next_five_years_and_a_named_year():
    # Guizhou 2026 (the 十五五 goals) and Shaanxi 2026 (到2030年)
    t = ("二、“十五五”时期主要目标任务\n——科技创新水平大幅提高。创新体系整体效能显著提升，"
         "全社会研发经费投入强度提高到1.6%左右，自主创新和科技成果转化能力不断增强。\n"
         "三、2026年重点工作\n坚持以科技创新为引领，着力把科教资源优势转化为追赶超越的动力，到2030年全社会研发投入强度达到3.2％左右。")
    got = sorted((f.kind, f.period_start, f.period, f.value) for f in facts_of(t, 2026, "rd_intensity"))
    assert got == [("multi_year_target", 2026, 2030, 1.6), ("multi_year_target", 2026, 2030, 3.2)]


def test_grouped_thousands():
    # national 1956: full-width digits with a thousands separator
    t = "一、１９５５年国家决算\n粮食总产量达到３，６８０亿斤，完成年度计划的１０２％，比１９５４年增长９％。"
    one(t, 1956, "grain_output", kind="outcome", period=1955, value=3680.0, unit="亿斤")


def test_five_year_review_of_a_term_end_report():
    # national 2023: 五年年均 (not the ten-year 年均 after it); the trade level reached in 2022,
    # the 年均 before the comma belongs to the growth figure
    t = ("一、过去一年和五年工作回顾\n"
         "——经济发展再上新台阶。国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、年均增长6.2%，"
         "在高基数基础上实现了中高速增长、迈向高质量发展。\n"
         "——改革开放持续深化。货物进出口总额年均增长8.6%，突破40万亿元并连续多年居世界首位，吸引外资和对外投资居世界前列。")
    g = one(t, 2023, "gdp_growth", kind="cumulative", period_start=2018, period=2022, value=5.2)
    assert "年均" in g.qualifiers
    trade = {f.measure: f for f in facts_of(t, 2023, "foreign_trade")}
    assert (trade["growth"].kind, trade["growth"].value) == ("cumulative", 8.6)
    assert (trade["level"].kind, trade["level"].period, trade["level"].value) == ("outcome", 2022, 40.0)
    assert "年均" not in trade["level"].qualifiers


def test_names_in_a_row_before_fenbie_take_one_figure_each():
    # 西藏 2025 (the review of 2024), as printed
    text = ("城乡居民人均可支配收入分别增长6.8%和8.3%，城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内，"
            "主要经济指标增速继续保持全国前列。")
    cpi = facts_of(text, 2025, "cpi")
    assert [(f.value, text[f.num_start:f.num_end]) for f in cpi] == [(3.0, "3%以内")]
    jobless = facts_of(text, 2025, "unemployment")
    assert [(f.value, f.measure) for f in jobless] == [(5.0, "surveyed")]
