"""Fourth round of general mechanisms for ``baogao ask``. The questions are written from the corpus
texts and are in none of the golden or held-out sets; each asserts what the code before the
mechanism got wrong (checked by running it on the commit before)."""

from __future__ import annotations

from baogao.ask.compound import sub_questions
from baogao.ask.question import parse_question
from baogao.services.ask import ask


def test_a_total_is_not_the_new_amount_before_it(corpus_db):
    # 北京 2025: 新增地铁运营里程43公里、总里程达到879公里 (the review of 2024)
    a = ask(corpus_db, "北京地铁总里程截至2024年底是多少公里？")
    assert a.status == "answered" and "（879公里）" in a.answer
    assert a.citations[0].doc_id == "110000-2025-gzbg"


def test_a_unit_of_two_characters_is_the_measure(session):
    assert parse_question(session, "北京地铁总里程有多少公里？").measure == "公里"
    assert parse_question(session, "新增造林多少公顷？").measure == "公顷"
    assert parse_question(session, "加装电梯多少台？").measure == "台"


def test_last_year_in_a_named_report_is_the_year_before_it(corpus_db, session):
    q = parse_question(session, "2024年政府工作报告说，去年全国城镇新增就业多少人？")
    assert q.report_of == 2024 and q.years == [2023]
    a = ask(corpus_db, "2024年政府工作报告说，去年全国城镇新增就业多少人？")
    assert a.status == "answered" and "1244万人" in a.answer


def test_a_later_part_asking_for_the_target_keeps_the_subject():
    assert sub_questions("2024年全国居民消费价格实际涨了多少？当年的预期目标是多少？") == [
        "2024年全国居民消费价格实际涨了多少", "2024年全国居民消费价格预期目标是多少"]
    assert sub_questions("1995年全国GDP实际增长了多少？同年的原定目标是多少？")[1] == "1995年全国GDP原定目标是多少"


def test_a_gdp_target_is_its_growth_rate(corpus_db):
    # 1997: 经济增长速度的调控目标定为８％; 1995: …宏观调控目标，定为百分之八至九 (a range, whole)
    a = ask(corpus_db, "1997年全国GDP目标是多少？")
    assert a.status == "answered" and "（８％）" in a.answer
    a = ask(corpus_db, "1995年全国GDP预期目标是多少？")
    assert a.status == "answered" and "（百分之八至九）" in a.answer


def test_a_planned_and_an_actual_figure_in_one_clause(corpus_db):
    # 1982: 工农业总产值的增长速度，一九八一年计划为百分之三点七，实际达到百分之四点六
    a = ask(corpus_db, "1981年工农业总产值的增长速度实际达到多少？")
    assert a.status == "answered" and "（百分之四点六）" in a.answer


def test_a_target_its_own_report_lacks_is_read_from_the_next_review(corpus_db):
    # the 1981 report (December 1981) gives no 1981 plan for it; the 1982 report's review does
    a = ask(corpus_db, "1981年工农业总产值增长速度的计划是多少？")
    assert a.status == "answered" and "（百分之三点七）" in a.answer
    assert a.citations[0].doc_id == "100000-1982-gzbg" and "次年报告" in (a.note or "")


def test_a_report_review_is_of_the_year_before_it(corpus_db):
    # the 2019 report's 国内生产总值增长6.6% is 2018's; the library has no 2020 work report
    a = ask(corpus_db, "2019年全国GDP增长了多少？")
    assert a.status == "not_found", a.answer
    assert "库中没有全国2020年的政府工作报告" in a.answer
    a = ask(corpus_db, "2018年全国GDP增长了多少？")
    assert a.status == "answered" and "6.6%" in a.answer


def test_a_result_asked_for_is_not_a_plan_figure(corpus_db):
    # 2019 plan: 国家财政性教育经费占国内生产总值比例继续保持在4%以上 is neither growth nor a result
    a = ask(corpus_db, "2019年国内生产总值实际增长多少？")
    assert a.status == "not_found", a.answer
    assert "4%" not in a.answer.split("；")[0]


def test_a_number_word_at_the_end_asks_for_its_measure(corpus_db, session):
    # 北京 2026: 城镇新增就业不少于28万人 ("目标人数" is 多少人, not a word the report has)
    q = parse_question(session, "北京2026年城镇新增就业的目标人数？")
    assert q.measure == "人" and "人数" not in q.keywords
    a = ask(corpus_db, "北京2026年城镇新增就业的目标人数？")
    assert a.status == "answered" and "28万人" in a.answer


def test_an_amount_and_its_growth_without_a_question_word():
    assert sub_questions("四川2025年地区生产总值和增速？") == ["四川2025年地区生产总值是多少", "四川2025年地区生产总值增速是多少"]
    assert sub_questions("黄浦区加装电梯") == []


def test_an_amount_and_its_growth_are_both_answered(corpus_db):
    a = ask(corpus_db, "四川2025年地区生产总值和增速？")
    assert a.status == "answered" and "67665亿元" in a.answer and "5.5%" in a.answer


def test_the_year_before_in_a_document_is_its_review(corpus_db):
    a = ask(corpus_db, "这份报告里，上一年全省生产总值增长了多少？", doc_id="330000-2026-gzbg")
    assert a.status == "answered" and "5.5%" in a.answer


def test_glossary_questions_in_other_words(session, corpus_db):
    # the year names the glossary's report; 是个什么X and 是哪四个 ask what a numbered name is
    q = parse_question(session, "江西2026年名词解释里的“赣超”是什么意思？")
    assert (q.kind, q.term) == ("definition", "赣超")
    q = parse_question(session, "海南的“五张清单”是个什么清单？")
    assert (q.kind, q.term) == ("definition", "五张清单")
    q = parse_question(session, "海南2026年报告注释里的四个一批是哪四个？")
    assert (q.kind, q.term) == ("definition", "四个一批")
    a = ask(corpus_db, "海南2026年报告注释里的四个一批是哪四个？")
    assert a.status == "answered" and "谋划一批、开工一批、建设一批、竣工一批" in a.answer
    a = ask(corpus_db, "海南的“五张清单”是个什么清单？")
    assert a.status == "answered" and "项目盯引清单" in a.answer


def test_the_indicator_asked_about_is_named_by_the_answer(corpus_db):
    # 1986: “七五”计划草案规定，全国工农业总产值平均每年增长百分之六点七，…；国民生产总值平均每年增长百分之七点五
    a = ask(corpus_db, "“七五”计划草案规定国民生产总值每年平均增长多少？")
    assert a.status == "answered" and "（百分之七点五）" in a.answer
    a = ask(corpus_db, "“七五”期间全国工农业总产值年均增速计划是多少？")
    assert a.status == "answered" and "（百分之六点七）" in a.answer


def test_two_figures_asked_how_they_are_arranged(corpus_db):
    assert sub_questions("2025年财政赤字率和赤字规模是怎么安排的？") == ["2025年财政赤字率是怎么安排的", "2025年赤字规模是怎么安排的"]
    a = ask(corpus_db, "2025年财政赤字率和赤字规模是怎么安排的？")
    assert a.status == "answered" and "4%左右" in a.answer and "5.66万亿元" in a.answer


def test_a_base_year_beside_the_report_year_is_not_the_figure_year(session):
    q = parse_question(session, "1956年的预算报告里，当年国家预算收入比1955年增长多少？")
    assert q.years == [1956] and q.report_of is None
    q = parse_question(session, "1988年报告说1987年国民生产总值达到了多少？")
    assert q.years == [1987] and q.report_of == 1988


def test_words_of_the_environment_and_energy_reports(corpus_db):
    # 北京 2025: 细颗粒物年均浓度30.5微克/立方米; 陕西 2025: 外送电量935亿千瓦时 (units kept whole)
    a = ask(corpus_db, "北京2024年PM2.5年均浓度是多少？")
    assert a.status == "answered" and "（30.5微克/立方米）" in a.answer
    a = ask(corpus_db, "陕西2024年向省外输送了多少电量？")
    assert a.status == "answered" and "（935亿千瓦时）" in a.answer


def test_a_later_part_with_its_own_year_keeps_the_subject(corpus_db):
    assert sub_questions("北京2024年PM2.5年均浓度降到了多少？2025年的控制目标又是多少？") == [
        "北京2024年PM2.5年均浓度降到了多少", "北京2025年PM2.5年均浓度控制目标又是多少"]
    # the 2025 report sets no PM2.5 target: the 2026 report's 今年…控制在29微克/立方米 is not it
    a = ask(corpus_db, "北京2024年细颗粒物年均浓度降到了多少？2025年的控制目标又是多少？")
    assert a.status == "answered" and "30.5微克/立方米" in a.answer and "29微克" not in a.answer
    assert "报告中未提及" in a.answer


def test_how_a_target_is_worded_and_another_part(corpus_db):
    a = ask(corpus_db, "浙江2026年GDP增长目标是怎么表述的？城镇新增就业目标多少？")
    assert a.status == "answered" and "5%—5.5%" in a.answer and "100万人以上" in a.answer


def test_a_five_year_look_back_is_no_single_year(corpus_db):
    # 山东 2026: ——经济综合实力实现新跃升。…由2020年的7.2%…一般公共预算收入累计完成3.7万亿元，5年增长18.7%…
    a = ask(corpus_db, "山东2025年一般公共预算收入是多少？")
    assert a.status == "not_found", a.answer
    # where a from→to ends is the last year's level
    a = ask(corpus_db, "山东2025年人均生产总值是多少？")
    assert a.status == "answered" and "（10.26万元）" in a.answer
    a = ask(corpus_db, "山东“十四五”期间一般公共预算收入累计完成多少？")
    assert a.status == "answered" and "3.7万亿元" in a.answer


def test_the_unemployment_rate_asked_is_the_measure_asked(corpus_db):
    # 2019: 城镇调查失业率5.5%左右，城镇登记失业率4.5%以内; 2017 sets only the registered rate
    a = ask(corpus_db, "2019年全国城镇登记失业率目标是多少？")
    assert a.status == "answered" and "4.5%以内" in a.answer
    a = ask(corpus_db, "2017年全国城镇调查失业率目标是多少？")
    assert a.status == "not_found", a.answer


def test_municipalities_are_asked_across(corpus_db):
    a = ask(corpus_db, "2026年哪两个直辖市的GDP增长目标都是5%左右？")
    assert a.status == "answered" and "北京" in a.answer and "上海" in a.answer
    assert "天津" not in a.answer and "重庆" not in a.answer
    a = ask(corpus_db, "2026年哪两个直辖市的城镇新增就业目标都是28万人？")
    assert "目标为28万人的地区共 2 个" in a.answer  # the threshold keeps the unit the question writes


def test_a_rank_is_answered_by_the_ordinal(corpus_db):
    # 湖南 2026: …新能源汽车产量超110万辆、居全国第9; 水稻、油茶产量位居全国第1; it gives no GDP growth rank
    a = ask(corpus_db, "湖南2025年新能源汽车产量在全国排第几？")
    assert a.status == "answered" and "（第9）" in a.answer
    a = ask(corpus_db, "湖南2025年水稻产量在全国排第几？")
    assert a.status == "answered" and "（第1）" in a.answer
    a = ask(corpus_db, "湖南2025年地区生产总值增速在全国排第几？")
    assert a.status == "not_found", a.answer


def test_a_plan_with_last_years_base_and_its_change(corpus_db):
    # 2008: 今年中央财政将安排科技支出1134亿元，比上年增加134亿元
    a = ask(corpus_db, "2008年中央财政安排的科技支出是多少？比上年增加多少？")
    assert a.status == "answered" and "（1134亿元）" in a.answer and "（134亿元）" in a.answer


def test_a_fall_is_shown_as_one(corpus_db):
    a = ask(corpus_db, "福建2024年居民消费价格涨幅是多少？")
    assert a.status == "answered" and "-0.1%" in a.answer and "下降0.1%" in a.answer


def test_a_provinces_figure_is_not_a_per_head_or_a_citys(corpus_db):
    # 甘肃 2025: 人均地区生产总值…达到5.28万元; 庆阳经济总量迈上1200亿台阶; 全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元
    a = ask(corpus_db, "甘肃2024年地区生产总值是多少？")
    assert a.status == "answered" and "（1.3万亿元）" in a.answer


def test_a_span_from_to_is_a_result_not_a_target(corpus_db):
    # 浙江 2026 (parts not told apart): 一般公共预算收入从7248亿元提高到8865亿元 is 2020→2025, no 2026 target
    a = ask(corpus_db, "浙江2026年报告给一般公共预算收入定的目标是多少？")
    assert a.status == "not_found", a.answer


def test_a_year_with_its_next_report_is_asked_for_its_result(corpus_db):
    # 山东: the 2025 plan says 粮食总产稳定在1100亿斤以上; the 2026 report gives no 2025 total
    a = ask(corpus_db, "山东2025年粮食总产量有多少？")
    assert a.status == "not_found", a.answer
    # but a target asked (要稳定在) is the plan's: 广西 2025 糖料蔗种植面积稳定在1100万亩以上
    a = ask(corpus_db, "广西2025年糖料蔗种植面积要稳定在多少？")
    assert a.status == "answered" and "1100万亩以上" in a.answer


def test_a_result_asked_after_a_target_drops_the_target_word():
    assert sub_questions("吉林2025年城镇新增就业的目标是多少？实际完成了多少？") == [
        "吉林2025年城镇新增就业的目标是多少", "吉林2025年城镇新增就业实际完成了多少"]
    assert sub_questions("2024年全国GDP增长预期目标定的是多少？最后实际增长了多少？")[1] == "2024年全国GDP增长最后实际增长了多少"
    # a verb that is part of the name stays (城镇新增就业), the asking verb goes (涨了)
    assert sub_questions("浙江2024年城镇新增就业实际有多少？2025年的目标又是多少？")[1] == "浙江2025年城镇新增就业目标又是多少"


def test_a_target_and_its_result_from_two_reports(corpus_db):
    a = ask(corpus_db, "吉林2025年城镇新增就业的目标是多少？实际完成了多少？")
    assert a.status == "answered" and "21万人" in a.answer and "22.89万人" in a.answer
    assert {c.doc_id for c in a.citations} == {"220000-2025-gzbg", "220000-2026-gzbg"}


def test_another_noun_before_the_head_word_is_another_subject():
    from baogao.ask.figures import another_subject

    asked = {"高速公路": ["高速公路"], "通车": ["通车"], "里程": ["里程"]}
    assert another_subject(asked, "机场增至28座,铁路运营里程达", "新疆高速公路通车总里程是多少")
    assert not another_subject(asked, "高速公路通车里程达", "新疆高速公路通车总里程是多少")
    # a noun joined by 的 describes the head: 文化部门的基本建设投资 is still 基本建设投资
    asked = {"第一个五年计划": ["第一个五年计划"], "基本建设投资": ["基本建设投资"]}
    assert not another_subject(asked, "国家对经济和文化部门的基本建设投资总额共为", "第一个五年计划期间基本建设投资共多少")


def test_both_ends_of_a_from_to_are_the_answer(corpus_db):
    # 2003: 农村贫困人口由4960万人减少到2820万人
    a = ask(corpus_db, "2003年报告说，过去五年农村贫困人口从多少减到了多少？")
    assert a.status == "answered" and "（4960万人减少到2820万人）" in a.answer


def test_another_years_report_saying_this_year_is_not_the_year_asked(corpus_db):
    # 2014: 今年高校毕业生将达727万人; 2015: 今年高校毕业生749万人
    a = ask(corpus_db, "2014年全国高校毕业生有多少人？")
    assert a.status == "answered" and "727万人" in a.answer and "749万人" not in a.answer


def test_words_shared_before_two_terms_stay_with_both():
    assert sub_questions("2016年政府工作报告拟安排的财政赤字规模和赤字率分别是多少？") == [
        "2016年政府工作报告拟安排的财政赤字规模是多少", "2016年政府工作报告拟安排的赤字率是多少"]


def test_medical_insurance_is_also_its_full_name(corpus_db):
    # 吉林 2025: 城乡居民基本医疗保险补助标准提高到每人每年670元
    a = ask(corpus_db, "吉林2024年城乡居民医保补助标准是每人每年多少元？")
    assert a.status == "answered" and "670元" in a.answer


def test_a_later_part_with_a_subject_of_its_own_keeps_the_place(corpus_db):
    # 新疆 2026: …机场增至28座，铁路运营里程达9234公里 (the first part names no year to carry)
    assert sub_questions("新疆到“十四五”末铁路运营里程是多少？机场有多少座？")[1] == "机场有多少座"
    a = ask(corpus_db, "新疆到“十四五”末铁路运营里程是多少？机场有多少座？")
    assert a.status == "answered" and "（9234公里）" in a.answer and "（28座）" in a.answer
    assert {c.doc_id for c in a.citations} == {"650000-2026-gzbg"}


def test_where_a_named_place_is_in_other_words(session, corpus_db):
    q = parse_question(session, "科技会客厅具体在哪个地方？")
    assert q.location and q.term == "科技会客厅"
    a = ask(corpus_db, "黄浦区的科技会客厅具体在哪个位置？")
    assert a.status == "answered" and "局门路768号" in a.answer


def test_an_amount_asked_as_jine_is_the_figure(corpus_db):
    # 黄浦 2025: 全年完成合同利用外资18.24亿美元,同比增长1% ("金额" is how the asker puts it)
    a = ask(corpus_db, "黄浦区2024年合同利用外资金额有多少？")
    assert a.status == "answered" and "18.24亿美元" in a.answer


def test_last_year_as_the_base_weighs_less_than_the_subject(corpus_db):
    # 黄浦 2025: 全年完成区级一般公共预算收入299.40亿元,…,同比增长6.1% (同比, not 比上年)
    a = ask(corpus_db, "2024年黄浦区区级一般公共预算收入比上年增长了多少？")
    assert a.status == "answered" and "6.1%" in a.answer


def test_grain_output_is_also_written_liangshi_zongchan(session):
    from baogao.ask.retrieve import keyword_groups

    q = parse_question(session, "黑龙江2025年粮食总产量是多少？")
    assert "粮食总产" in next(alts for kw, alts in keyword_groups(q).items() if "粮食" in kw)


def test_items_before_fenbie_each_have_their_own_figure(corpus_db):
    # 青海 2025: 粮食、油料、蔬菜产量分别达118.3万吨、33万吨、165万吨
    a = ask(corpus_db, "青海2024年蔬菜产量是多少？")
    assert a.status == "answered" and "（165万吨）" in a.answer
    a = ask(corpus_db, "青海2024年油料产量是多少？")
    assert a.status == "answered" and "（33万吨）" in a.answer
    # 福建 2025: 城镇居民、农村居民人均可支配收入分别增长4.6%、6.7%
    a = ask(corpus_db, "福建2024年农村居民人均可支配收入增长多少？")
    assert a.status == "answered" and "（6.7%）" in a.answer
