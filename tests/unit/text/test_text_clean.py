"""clean(): chrome removal, metadata lines, paragraph joining, quality flags on the real corpus."""

from __future__ import annotations

import re

import pytest
from _corpus import pick

from baogao.model import LINE, PARAGRAPH, Block, RawDocument
from baogao.text.clean import clean, is_blank_separated, parse_speaker, split_paragraphs
from baogao.text.chrome import rules

# Words that only site chrome uses; none may be left in the first or last lines of a document.
CHROME_LINES = {
    "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", "【", "大", "中", "小", ">",
    "首页", "0/0", "笔记", "复制", "问答", "搜索", "记笔记", "写下来", "|", "×", "false",
    "注册 | 登录", "筛选地域", "一级目录", "报告年份", "Public domain",
}
CHROME_WORDS = re.compile(
    r"字号|字体：|您的位置|当前位置|首页\s*>|分享到|扫一扫|相关报道|相关文档|责任编辑|^编辑：|导出笔记|官网原文"
    r"|本作品|公有领域|维基文库|Public domain|打印本页|关闭窗口|阅读量|^来源[:：]|^时间[:：]|记者.{0,12}摄$"
)


def _raw(lines, fmt="txt", kind=LINE, **hints):
    return RawDocument([Block(x, kind) for x in lines], fmt, "mem", "0", hints)


def test_corpus_has_136_documents(cleaned):
    assert len(cleaned) == 136


def test_no_chrome_in_first_or_last_lines_of_any_document(cleaned):
    bad = []
    for doc in cleaned:
        lines = doc.text.split("\n")
        for line in lines[:3] + lines[-3:]:
            if line.strip() in CHROME_LINES or CHROME_WORDS.search(line):
                bad.append((doc.title, line[:40]))
    assert bad == []


def test_canonical_text_shape(cleaned):
    for doc in cleaned:
        assert doc.text, doc.locator
        assert "\n\n" not in doc.text and "\u200b" not in doc.text and "\ufeff" not in doc.text
        for line in doc.text.split("\n"):
            assert line == line.strip(), (doc.title, line[:30])


def test_huangpu_2025_metadata(cleaned):
    doc = pick(cleaned, locator="web-pages/000_")
    assert doc.title == "2025年上海市黄浦区政府工作报告"
    assert doc.delivered_on == "2025-01-08"
    assert doc.meeting == "上海市黄浦区第三届人民代表大会第六次会议"
    assert doc.text.startswith("各位代表:\n现在,我代表黄浦区人民政府")
    assert doc.text.endswith("提升专业水平和治理能力。")
    assert "注册 | 登录" in doc.removed and "写下来" in doc.removed


def test_huangpu_2022_article_metadata(cleaned):
    doc = pick(cleaned, locator="web-pages/003_")
    assert doc.title == "建设国际化大都市中心城区核心引领区的黄浦"
    assert doc.published_on == "2022-06-20"
    assert doc.author == "中共黄浦区委党史研究室 赵兵、马亦男、俞凡"
    assert doc.breadcrumb == ["首页", "发展报告"]
    assert doc.text.startswith("黄浦区第二次党代会以来")
    assert "赵兵" not in doc.text


def test_shanghai_2026_csv_metadata(cleaned):
    doc = pick(cleaned, title="2026年上海市政府工作报告")
    assert (doc.source_name, doc.speaker, doc.speaker_title) == ("解放日报", "龚正", "上海市市长")
    assert doc.delivered_on == "2026-02-03"
    assert doc.published_on == "2026-02-09"
    assert doc.meeting == "上海市第十六届人民代表大会第四次会议"
    assert doc.text.startswith("各位代表：\n现在，我代表上海市人民政府")
    assert not doc.text.endswith("相关报道：")


@pytest.mark.parametrize(
    "title, delivered, meeting, speaker",
    [
        ("2024年中华人民共和国国务院政府工作报告", "2024-03-05", "第十四届全国人民代表大会第二次会议", "李强"),
        ("2021年中华人民共和国国务院政府工作报告", "2021-03-05", "第十三届全国人民代表大会第四次会议", "李克强"),
        ("1957年中华人民共和国国务院政府工作报告", "1957-06-26", "第一届全国人民代表大会第四次会議", "周恩来"),
        ("第十三届全国人民代表大会第三次会议关于政府工作报告的决议", "2020-05-28", "第十三届全国人民代表大会第三次会议", None),
        ("2025年上海市政府工作报告", "2025-01-15", "上海市第十六届人民代表大会第三次会议", "龚正"),
        ("2025年内蒙古自治区政府工作报告", "2025-01-14", "内蒙古自治区第十四届人民代表大会第三次会议", "王莉霞"),
        ("2025年北京市政府工作报告", "2025-01-14", "北京市第十六届人民代表大会第三次会议", "殷勇"),
        ("2025年青海省政府工作报告", "2025-01-19", "青海省第十四届人民代表大会第三次会议", "罗东川"),
        ("2026年甘肃省政府工作报告", "2026-01-27", "甘肃省十四届人民代表大会第四次会议", "任振鹤"),
        ("2026年广东省政府工作报告", "2026-01-26", "广东省第十四届人民代表大会第五次会议", "孟凡利"),
        ("陕西省2026年政府工作报告", "2026-01-27", "陕西省第十四届人民代表大会第四次会议", "赵刚"),
        ("2026年贵州省政府工作报告", "2026-01-27", "贵州省第十四届人民代表大会第四次会议", "李炳军"),
        # no meeting line: the resolution's title names its session, an old report its first lines do
        ("第十四届全国人民代表大会第三次会议关于政府工作报告的决议", None, "第十四届全国人民代表大会第三次会议", None),
        ("1955年中华人民共和国国务院政府工作报告", None, "第一届全国人民代表大会第二次会议", None),
    ],
)
def test_meeting_lines(cleaned, title, delivered, meeting, speaker):
    doc = pick(cleaned, title=title)
    assert (doc.delivered_on, doc.meeting, doc.speaker) == (delivered, meeting, speaker)
    first = doc.text.split("\n")[0]
    assert "日在" not in first and "通过）" not in first


def test_sichuan_2026_footer_and_repeated_start_are_cut(cleaned):
    doc = pick(cleaned, title="2026年四川省人民政府工作报告")
    assert doc.text.count("各位代表：现在，我代表省人民政府") == 0
    assert doc.text.endswith("推进系统治理、源头治理、综合治理。") or "责任编辑" not in doc.text
    assert doc.published_on == "2026-02-10" and doc.source_name == "四川日报"


def test_wikisource_licence_removed_and_links_joined(cleaned):
    doc = pick(cleaned, title="1954年中华人民共和国国务院政府工作报告")
    assert "在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後" in doc.text
    assert "公有领域" not in doc.text and "Public domain" not in doc.text


def test_zero_width_breaks_inside_words_and_numbers_rejoined(cleaned):
    doc = pick(cleaned, title="2017年中华人民共和国国务院政府工作报告")
    assert "上海合作组织峰会" in doc.text
    assert "74.4万亿元" in doc.text
    assert "为打造人类命运共同体作出新的贡献。" in doc.text
    assert doc.text.split("\n")[0] == "各位代表："


def test_split_speaker_and_title_lines_joined(cleaned):
    doc = pick(cleaned, title="2024年中华人民共和国国务院政府工作报告")
    assert (doc.speaker, doc.speaker_title) == ("李强", "国务院总理")
    assert "政府工作报告" in doc.removed


@pytest.mark.parametrize(
    "line, expected",
    [
        ("上海市市长 龚 正", ("龚正", "上海市市长")),
        ("国务院总理\u3000李\u3000强", ("李强", "国务院总理")),
        ("市长 龚 正", ("龚正", "市长")),
        ("自治区主席 艾尔肯·吐尼亚孜", ("艾尔肯·吐尼亚孜", "自治区主席")),
        ("西藏自治区代理主席 嘎玛泽登", ("嘎玛泽登", "西藏自治区代理主席")),
        ("龚正市长", ("龚正", "市长")),
        ("各位代表：", None),
    ],
)
def test_parse_speaker(line, expected):
    assert parse_speaker(line) == expected


def test_blank_separated_lines_are_joined_but_csv_lines_are_not():
    wiki = ["甲乙", "", "在聽了劉少奇同志", "關於憲法草案的報告", "並進行了討論。", "", "丙丁。", ""]
    assert is_blank_separated(wiki)
    assert split_paragraphs(wiki, True, rules()) == ["甲乙", "在聽了劉少奇同志關於憲法草案的報告並進行了討論。", "丙丁。"]
    csv_lines = ["第一段。", "第二段", "第三段。"]
    assert not is_blank_separated(csv_lines)
    assert split_paragraphs(csv_lines, False, rules()) == csv_lines


def test_zero_width_line_joins_even_across_blank_lines():
    lines = ["年末增加到二千四百万", "\u200b", "", "人，其中。", "", "完成。", "\u200b", "新段落。"]
    assert split_paragraphs(lines, True, rules()) == ["年末增加到二千四百万人，其中。", "完成。", "新段落。"]


def test_docx_paragraphs_keep_text_as_published():
    raw = _raw(["2025年某省政府工作报告", "来源：某日报", "各位代表：", "\u2003\u2003一、１９５５年", "增长3.5％。"],
               fmt="docx", kind=PARAGRAPH, title="2025年某省政府工作报告")
    doc = clean(raw)
    assert doc.text == "各位代表：\n一、１９５５年\n增长3.5％。"
    assert doc.source_name == "某日报"


def test_unknown_preamble_lines_are_kept():
    raw = _raw(["某个看不懂的行", "各位代表：", "正文。"], fmt="csv")
    assert clean(raw).text == "某个看不懂的行\n各位代表：\n正文。"


@pytest.mark.parametrize(
    "locator_or_title, flag",
    [
        ("web-pages/000_", "truncated_words"),
        ("web-pages/000_", "number_missing_unit"),
        ("web-pages/000_", "missing_char"),
        ("web-pages/003_", "dash_for_yi"),
        ("1954年中华人民共和国国务院政府工作报告", "traditional_script"),
        ("1957年中华人民共和国国务院政府工作报告", "mixed_scripts"),
    ],
)
def test_quality_flags_on_named_documents(cleaned, locator_or_title, flag):
    if "/" in locator_or_title:
        doc = pick(cleaned, locator=locator_or_title)
    else:
        doc = pick(cleaned, title=locator_or_title)
    assert flag in doc.flags


def test_truncated_word_evidence(cleaned):
    doc = pick(cleaned, locator="web-pages/000_")
    evidence = " ".join(doc.flag_details["truncated_words"])
    for stem in ("数字科、", "金融科、", "垂域大模、", "机器、", "生命健、"):
        assert stem in evidence


def test_script_flags_are_rare(cleaned):
    flagged = [d.title for d in cleaned if {"traditional_script", "mixed_scripts"} & set(d.flags)]
    assert sorted(flagged) == ["1954年中华人民共和国国务院政府工作报告", "1957年中华人民共和国国务院政府工作报告"]
    assert [d.title for d in cleaned if "truncated_words" in d.flags] == ["2025年上海市黄浦区政府工作报告"]


def test_a_plain_text_files_name_is_the_title_only_when_the_text_has_none(tmp_path):
    from baogao.sources import read_path

    body = "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"
    named = tmp_path / "2020年中华人民共和国国务院政府工作报告.txt"
    named.write_text(body, encoding="utf-8")
    assert clean(read_path(named)[0]).title == "2020年中华人民共和国国务院政府工作报告"
    named.write_text("2020年政府工作报告\n\n" + body, encoding="utf-8")
    assert clean(read_path(named)[0]).title == "2020年政府工作报告"  # the text's own title wins
    hashed = tmp_path / "000_3b84c3f0b519c3c9.txt"  # the corpus's scraped pages: no title in the name
    hashed.write_text(body, encoding="utf-8")
    assert clean(read_path(hashed)[0]).title is None
