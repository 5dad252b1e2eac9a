"""How offline answers choose their sentence, number and scope (weaknesses the held-out set
showed). The questions here are in neither golden set."""

from __future__ import annotations

from baogao.ask.enough import context_has_the_rest
from baogao.ask.figures import duration_highlight, number_highlight, plan_periods
from baogao.ask.mentions import _occurrence, _word_starts
from baogao.ask.model import Passage
from baogao.ask.question import NUMBER, Question
from baogao.ask.retrieve import Retrieval
from baogao.ask.sentences import Sentence
from baogao.services.ask import ask
from baogao.text.normalize import normalize

# -- pure functions ---------------------------------------------------------------------------


def _retrieval(weights: dict[str, float]) -> Retrieval:
    return Retrieval([], {}, weights, {k: [k] for k in weights})


def _figure(question: str, sentence: str, weights: dict[str, float], **kw) -> str | None:
    q = Question(question, normalize(question), kind=NUMBER, **kw)
    hl = number_highlight(q, normalize(sentence), 0, _retrieval(weights))
    return sentence[hl[0] : hl[1]] if hl else None


def test_the_figure_follows_the_content_word_not_the_cue_word():
    s = "全年客运量同比增长3.1%,货运量同比增长6.4%"
    assert _figure("货运量增长了多少", s, {"货运量": 4.0, "增长": 1.0}) == "6.4%"
    assert _figure("客运量增长了多少", s, {"客运量": 4.0, "增长": 1.0}) == "3.1%"


def test_the_figure_stands_in_the_clause_with_the_question_words():
    s = "森林覆盖率上升至25%，湿地保护率提高到55%"
    assert _figure("湿地保护率是多少", s, {"湿地": 3.0, "保护率": 3.0}) == "55%"


def test_ordinals_and_years_do_not_answer_a_how_many():
    s = "党的十一届三中全会以后，2019年完成投资120亿元"
    assert _figure("完成投资多少", s, {"完成": 0.4, "投资": 3.0}) == "120亿元"


def test_durations():
    assert duration_highlight("认为必须在前两年多恢复的基础上，从今年起集中三年的时间，搞好调整", 0) is not None
    s = "认为必须在前两年多恢复的基础上，从今年起集中三年的时间，搞好调整"
    a, b = duration_highlight(s, 0)
    assert s[a:b] == "三年"
    assert duration_highlight("第二年起", 0) is None and duration_highlight("二〇二五年", 0) is None


def test_plan_periods_are_named_not_counted():
    assert plan_periods("“十五五”时期地区生产总值年均增长5%") == {"十五五"}
    assert plan_periods("“十五”期间和十一五规划") == {"十五", "十一五"}
    assert plan_periods("用十五年时间") == set()
    # a figure in a clause about another plan does not answer
    s = "“十五”期间国内生产总值增长速度比原来预计的高一些，“十一五”年均增长7.5%"
    assert _figure("“十五”期间年均增长多少", s, {"十五": 3.0, "年均": 3.0}, plan_period="十五") is None


def _sentence(text: str, n: int) -> Sentence:
    from baogao.ask.sentences import sentences

    p = Passage("d", 0, len(text), text, normalize(text), coverage=1.0)
    a, b = sentences(p)[n]
    return Sentence(p, a, b, normalize(text[a:b]), text[a:b], 0.55, 0.6)


def test_a_sentence_without_the_question_words_needs_them_nearby():
    r = _retrieval({"国防": 3.0, "预算": 3.0, "增长": 1.0})
    text = "民生类支出占一般公共预算支出7成以上，收入增长。就业稳定。国防动员、双拥共建等工作取得新成效。"
    assert not context_has_the_rest(_sentence(text, 0), r)  # 国防 is two sentences later, not its context
    lead = "国防建设取得新进展。就业稳定。" + text
    assert context_has_the_rest(_sentence(lead, 2), r)  # the paragraph's lead sentence names it
    assert context_has_the_rest(_sentence("就业稳定。国防支出安排合理。" + text, 2), r)  # the sentence before


def test_a_mention_starts_a_word():
    for sentence, found in [("累计建成美丽乡村超1.2万个", False), ("“村超”“村BA”等活动热闹非凡", True),
                            ("做靓村歌、村超、三人篮球", True), ("开发具身智能整机产品", True)]:
        norm = normalize(sentence)
        term = "具身智能" if "具身" in sentence else "村超"
        assert (_occurrence(norm, [term], _word_starts(norm)) is not None) is found, sentence


# -- on the corpus ------------------------------------------------------------------------------


def _ask(session, question, **kw):
    return ask(session, question, **kw)


def test_two_figures_in_one_sentence(session):
    a = _ask(session, "黄浦区2024年新增多少家长者餐厅？")
    assert a.status == "answered" and "22家" in a.answer
    a = _ask(session, "2024年地表水优良水质断面比例是多少？")
    assert "90.4%" in a.answer and a.citations[0].doc_id == "100000-2025-gzbg"


def test_a_mention_is_not_a_definition(session):
    a = _ask(session, "什么是“零距离家园”？")
    assert a.status == "not_found" and a.answer.startswith("报告中未提及") and a.passages


def test_where_without_a_place_is_refused(session):
    assert _ask(session, "垂域大模型创新应用基地在哪里？").status == "not_found"
    a = _ask(session, "上海国际珠宝时尚功能区在什么地方？")
    assert a.status == "answered" and "大豫园片区" in a.answer


def test_which_regions_mention_a_term(session):
    a = _ask(session, "2025年哪些省份的报告提到了人形机器人？")
    assert a.status == "answered" and a.kind == "list"
    assert {r["region"] for r in a.table} == {"北京市", "黑龙江省", "江苏省", "浙江省", "安徽省", "河南省", "湖北省", "湖南省"}
    assert len(a.citations) == len(a.table)
    for c in a.citations:
        assert "人形机器人" in c.quote and c.highlight


def test_the_lowest_target_names_the_regions_at_that_end(session):
    a = _ask(session, "2026年哪个省的GDP增长目标最低？")
    assert a.mode == "facts" and "最低的是" in a.answer
    lowest = a.answer.split("最低的是", 1)[1]
    assert "青海省" in lowest and "西藏" not in lowest
    assert a.table[0]["region"] in lowest


def test_no_region_named_means_the_national_figure(session):
    a = _ask(session, "2019年城镇新增就业目标是多少？")
    assert a.mode == "facts" and a.citations[0].doc_id == "100000-2019-gzbg"


def test_a_province_before_its_districts(session):
    a = _ask(session, "上海市2025年全市生产总值增长目标是多少？")
    assert a.citations[0].doc_id == "310000-2025-gzbg"


def test_a_year_with_only_the_resolution(session):
    a = _ask(session, "2020年政府工作报告中的赤字率是多少？")
    assert a.status == "not_found" and a.answer.startswith("库中没有2020年的政府工作报告")


def test_spaced_digits_are_highlighted_whole(session):
    a = _ask(session, "1997年粮食产量达到多少？")
    hs, he = a.citations[0].highlight
    assert "".join(a.citations[0].quote[hs - a.citations[0].start : he - a.citations[0].start].split()) == "49250万吨"


def test_a_road_is_not_an_unknown_region(session):
    from baogao.ask.question import parse_question

    assert parse_question(session, "南京路应用数字人民币的商户有多少？").scope_error is None
    assert parse_question(session, "淮海中路商圈有什么新变化？").scope_error is None
    assert "香港" in (parse_question(session, "香港2025年GDP增长多少？").scope_error or "")


def test_a_list_of_regions_with_a_given_target(session):
    a = _ask(session, "2025年哪些省份把经济增长目标定为6%左右？")
    assert a.mode == "facts"
    assert {r["region"] for r in a.table} == {"内蒙古自治区", "湖北省", "重庆市", "新疆维吾尔自治区"}  # not 海南 (6%以上)


def test_per_capita_is_not_the_total(session):
    assert _ask(session, "2024年全国人均国内生产总值是多少？").status == "not_found"


def test_a_target_is_not_read_from_the_review_of_last_year(session):
    # 2024年…新增各类绿化4.7万平方米 is in 一、2024年工作回顾; the 2025 plan sets no figure
    assert _ask(session, "黄浦区2025年新增绿化目标是多少？").status == "not_found"
    a = _ask(session, "2012年城镇登记失业率要控制在什么水平？")
    assert "4.6" in a.answer and a.citations[0].doc_id == "100000-2012-gzbg"
