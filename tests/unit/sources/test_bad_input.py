"""Bad input: each gets the right typed error with a one-line message (Chinese first)."""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from _inputs import make_zip_bomb

from baogao.errors import FileTooLarge, IngestError, ParseError, SkippedSource, UnsupportedFormat
from baogao.sources import read_path, read_path_with_problems


def _raises(exc_type: type[Exception], path: Path, **kwargs) -> str:
    with pytest.raises(exc_type) as err:
        read_path(path, **kwargs)
    msg = str(err.value)
    # one line; the Chinese part comes first (an English gloss may follow after " / ")
    assert "\n" not in msg and re.search(r"[\u4e00-\u9fff]", msg.split(" / ")[0]), msg
    return msg


def test_empty_file(tmp_path: Path):
    for name in ("empty.txt", "empty.docx", "empty.csv"):
        (tmp_path / name).write_bytes(b"")
        assert "空" in _raises(IngestError, tmp_path / name)


def test_whitespace_only_text(tmp_path: Path):
    (tmp_path / "blank.txt").write_text(" \n\n \t\n", encoding="utf-8")
    _raises(IngestError, tmp_path / "blank.txt")


def test_binary_garbage(tmp_path: Path):
    rng = __import__("random").Random(7)
    (tmp_path / "garbage.txt").write_bytes(bytes(rng.randrange(256) for _ in range(8192)))
    assert "看起来不是文本文件" in _raises(IngestError, tmp_path / "garbage.txt")
    # no NUL bytes: must still be refused (mostly control characters / undecodable)
    (tmp_path / "garbage2.dat").write_bytes(bytes(rng.randrange(1, 32) for _ in range(4096)))
    assert "看起来不是文本文件" in _raises(IngestError, tmp_path / "garbage2.dat")


def test_corrupt_docx_truncated(tmp_path: Path, docx_dir: Path):
    data = (docx_dir / "2025年北京市政府工作报告.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    assert "Word 文档已损坏" in _raises(ParseError, tmp_path / "cut.docx")


def test_corrupt_docx_without_document_xml(tmp_path: Path):
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/styles.xml", "<styles/>")
    assert "word/document.xml" in _raises(ParseError, path)


def test_corrupt_docx_bad_xml(tmp_path: Path, docx_dir: Path):
    src = zipfile.ZipFile(docx_dir / "2025年北京市政府工作报告.docx")
    path = tmp_path / "badxml.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for info in src.infolist():
            data = src.read(info)
            zf.writestr(info.filename, data[:500] if info.filename == "word/document.xml" else data)
    _raises(ParseError, path)


def test_corrupt_docx_not_a_zip(tmp_path: Path):
    (tmp_path / "noise.docx").write_bytes(os.urandom(4096))
    assert "不是 Word 文档" in _raises(ParseError, tmp_path / "noise.docx")


def test_docx_zip_bomb_ratio(tmp_path: Path):
    path = tmp_path / "bomb.docx"
    make_zip_bomb(path, 30)  # 30 MB of spaces in ~30 KB
    assert path.stat().st_size < 100_000
    started = time.perf_counter()
    assert "疑似压缩炸弹" in _raises(ParseError, path, max_bytes=10 * 1024 * 1024)
    assert time.perf_counter() - started < 1  # refused from the zip directory, not decompressed


def test_docx_zip_bomb_absolute_limit(tmp_path: Path):
    path = tmp_path / "bigbomb.docx"
    make_zip_bomb(path, 210)  # beyond the 200 MB ceiling even with a generous max_bytes
    assert "疑似压缩炸弹" in _raises(ParseError, path, max_bytes=1024 * 1024 * 1024)


def test_file_above_max_bytes(tmp_path: Path, web_dir: Path):
    path = web_dir / "003_5254336907336f9e.txt"
    msg = _raises(FileTooLarge, path, max_bytes=10_000)
    assert "文件太大" in msg
    assert read_path(path, max_bytes=path.stat().st_size)  # exactly at the limit is fine


def test_200mb_file_refused_by_stat_without_reading(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: instant, takes no disk space

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    msg = _raises(FileTooLarge, path, max_bytes=50 * 1024 * 1024)
    assert "200.0 MB" in msg


def test_directory_passed_as_file(tmp_path: Path):
    assert "目录" in _raises(IngestError, tmp_path)


def test_dangling_symlink(tmp_path: Path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "does-not-exist.txt")
    assert "无法读取" in _raises(IngestError, link)


def test_missing_file(tmp_path: Path):
    _raises(IngestError, tmp_path / "nope.txt")


def test_unsupported_formats(tmp_path: Path):
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    assert "图片" in _raises(UnsupportedFormat, tmp_path / "scan.png")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert ".doc" in _raises(UnsupportedFormat, tmp_path / "old.doc")
    xlsx = tmp_path / "table.xlsx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in _raises(UnsupportedFormat, xlsx)
    (tmp_path / "a.txt").write_text("各位代表", encoding="utf-8")
    assert "未知格式" in _raises(UnsupportedFormat, tmp_path / "a.txt", format="rtf")


def test_forced_wrong_format_is_a_parse_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("各位代表：\n现在，我代表市人民政府。\n", encoding="utf-8")
    _raises(ParseError, tmp_path / "a.txt", format="docx")


# ---------------------------------------------------------------- CSV


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_mapping_names_a_missing_column(tmp_path: Path):
    path = _csv(tmp_path, "r.csv", "标题,正文\n2025年某县政府工作报告,各位代表\n")
    msg = _raises(ParseError, path, csv_columns={"text": "报告全文"})
    assert "报告全文" in msg and "缺少" in msg


def test_csv_without_text_column_is_skipped(tmp_path: Path):
    path = _csv(tmp_path, "stats.csv", "province,gdp\n上海市,5.0\n")
    assert "缺少正文列" in _raises(SkippedSource, path)


def test_csv_short_and_empty_rows_are_problems(tmp_path: Path):
    path = _csv(
        tmp_path, "r.csv",
        'title,year,full_text\n"A报告",2025,"各位代表：\n现在"\n"B报告",2025\n"C报告",2024,""\n"D报告",2024,"正文"\n',
    )
    docs, problems = read_path_with_problems(path)
    assert [d.hints["title"] for d in docs] == ["A报告", "D报告"]
    assert [d.locator.rsplit("#", 1)[1] for d in docs] == ["row=1", "row=4"]
    assert docs[0].text == "各位代表：\n现在"
    assert len(problems) == 2
    assert problems[0].startswith("第2条记录(第4行)") and "少于表头" in problems[0]
    assert problems[1].startswith("第3条记录(第5行)") and "正文为空" in problems[1]


def test_csv_all_rows_bad(tmp_path: Path):
    path = _csv(tmp_path, "r.csv", "title,full_text\nA,\nB,\n")
    assert "没有可读的记录" in _raises(ParseError, path)


def test_csv_alternative_columns_tabs_gbk_and_override(tmp_path: Path):
    path = tmp_path / "reports.tsv"
    text = "地区\t标题\t发布日期\t内容\t备注\n黄浦区\t2025年黄浦区政府工作报告\t2025/1/8\t\"各位代表：\r\n现在\"\t无\n"
    path.write_bytes(text.encode("gbk"))
    (doc,) = read_path(path)
    assert doc.hints["region"] == "黄浦区" and doc.hints["date"] == "2025-01-08"
    assert doc.text == "各位代表：\n现在"
    (doc,) = read_path(path, csv_columns={"text": "备注", "title": "地区"})
    assert doc.text == "无" and doc.hints["title"] == "黄浦区"


# ---------------------------------------------------------------- JSONL


def test_jsonl_broken_line_keeps_the_others(tmp_path: Path, jsonl_path: Path):
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()[:10]
    lines[6] = lines[6][:200]  # a line cut off mid-record
    lines.insert(3, "")  # blank lines are ignored
    lines[8] = '["not", "an", "object"]'
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read_path_with_problems(path)
    assert len(docs) == 8
    assert problems[0].startswith("第8行: JSON 无法解析 (")
    assert problems[1] == "第9行: 不是 JSON 对象 (是 list)"
    assert [d.locator.rsplit("=", 1)[1] for d in docs] == ["1", "2", "3", "5", "6", "7", "10", "11"]


def test_jsonl_all_lines_broken(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "a", "content": \n{"title": "b"}\n', encoding="utf-8")
    msg = _raises(ParseError, path)
    assert "第1行" in msg


def test_jsonl_field_override_and_json_array(tmp_path: Path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"name": "某报告", "body_text": "各位代表", "yr": 2025}\n', encoding="utf-8")
    assert "缺少正文字段" in _raises(ParseError, path)  # no default text field in any record
    (doc,) = read_path(path, jsonl_fields={"text": "body_text", "year": "yr"})
    assert doc.text == "各位代表" and doc.hints["year"] == "2025" and doc.hints["title"] == "某报告"
    arr = tmp_path / "r.json"
    arr.write_text('[{"title": "甲", "text": "正文一"}, {"title": "乙", "text": "正文二"}]', encoding="utf-8")
    assert [d.text for d in read_path(arr)] == ["正文一", "正文二"]


def test_messages_survive_io_wrappers():
    # the one-line guarantee holds for messages built from library errors too
    from baogao.sources import _one_line

    err = _one_line(ParseError("第一行\n第二行"))
    assert isinstance(err, ParseError) and str(err) == "第一行 第二行"
