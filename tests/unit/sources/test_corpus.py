"""Every file of the real corpus reads, with the right counts, text and hints."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from baogao.errors import SkippedSource
from baogao.model import LINE, PARAGRAPH
from baogao.sources import FORMATS, detect_format, read_path, read_path_with_problems


def test_formats_registry():
    assert set(FORMATS) == {"txt", "html", "docx", "pdf", "csv", "jsonl"}


def test_whole_corpus_reads(corpus_dir: Path):
    by_format: dict[str, int] = {}
    skipped: dict[str, str] = {}
    shas = set()
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.name != "README.md"):
        try:
            docs, problems = read_path_with_problems(path)
        except SkippedSource as exc:
            skipped[path.name] = str(exc)
            continue
        assert problems == [], (path, problems)
        for doc in docs:
            by_format[doc.format] = by_format.get(doc.format, 0) + 1
            assert doc.blocks and doc.text.strip()
            shas.add(doc.sha256)
    assert by_format == {"txt": 2, "docx": 31, "csv": 31, "jsonl": 72}
    assert len(shas) == 136  # every record has its own content hash
    assert set(skipped) == {"run_manifest_2026.csv", "failures_2026.csv"}
    assert "缺少正文列 full_text" in skipped["run_manifest_2026.csv"]
    assert "运行清单" in skipped["run_manifest_2026.csv"]
    assert "只有表头" in skipped["failures_2026.csv"]
    for reason in skipped.values():
        assert "\n" not in reason and reason.startswith("不是报告文件")


def test_detect_corpus_formats(corpus_dir: Path):
    for sub, fmt in [("web-pages", "txt"), ("provincial-2025-docx", "docx"), ("provincial-2026-csv", "csv"),
                     ("national", "jsonl")]:
        for path in (corpus_dir / sub).iterdir():
            assert detect_format(path, path.read_bytes()[:8192]) == fmt, path


def test_txt_one_line_block_per_physical_line(web_dir: Path):
    for path in web_dir.glob("*.txt"):
        (doc,) = read_path(path)
        raw = path.read_text(encoding="utf-8")
        assert all(b.kind == LINE for b in doc.blocks)
        assert doc.text == raw.rstrip("\n").replace("\r\n", "\n")
        assert any(b.text == "" for b in doc.blocks)  # empty lines are kept
        assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert doc.format == "txt" and doc.locator == str(path)
        assert doc.hints["filename"] == path.name and "title" not in doc.hints
    (huangpu,) = read_path(web_dir / "000_3b84c3f0b519c3c9.txt")
    assert huangpu.blocks[0].text == "注册 | 登录"


def test_docx_blocks_and_hints(docx_dir: Path):
    (doc,) = read_path(docx_dir / "2025年宁夏政府工作报告.docx")
    assert doc.format == "docx"
    assert doc.hints["title"] == "2025年宁夏政府工作报告"
    assert doc.hints["year"] == "2025" and doc.hints["region"] == "宁夏"
    assert doc.blocks[0].text == "2025年宁夏政府工作报告"
    assert doc.blocks[1].text == "来源：青海日报"  # trailing no-break spaces stripped (the wrong 来源 is the source's)
    assert all(b.kind == PARAGRAPH and b.style == "Normal" for b in doc.blocks)
    # indentation (\u3000\u3000 / \u2003\u2003) is presentation, not text
    (sh,) = read_path(docx_dir / "2025年上海市政府工作报告.docx")
    assert sh.blocks[4].text.startswith("现在，我代表上海市人民政府")
    assert all(b.text and b.text == b.text.strip(" \u3000\u2003\u00a0") for b in sh.blocks)


def test_docx_soft_line_break_splits_lines(docx_dir: Path):
    (doc,) = read_path(docx_dir / "2025年江西省政府工作报告.docx")
    assert doc.blocks[1].text == "来源：江西省人民政府"
    assert doc.blocks[2].text.startswith("2025年1月17日在江西省第十四届人民代表大会第三次会议上")


def test_docx_every_paragraph_in_order(docx_dir: Path):
    import docx

    for path in sorted(docx_dir.glob("*.docx")):
        expected = [
            line.strip(" \t\u3000\u2003\u00a0\u200b\ufeff\r")
            for p in docx.Document(str(path)).paragraphs
            for line in p.text.split("\n")
        ]
        (doc,) = read_path(path)
        assert [b.text for b in doc.blocks] == [e for e in expected if e], path.name


def test_csv_rows(csv_dir: Path):
    path = csv_dir / "2026_上海市_政府工作报告.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    (doc,) = read_path(path)
    assert doc.format == "csv" and doc.locator == f"{path}#row=1"
    assert doc.text == rows[0]["full_text"]
    assert doc.sha256 == hashlib.sha256(rows[0]["full_text"].encode()).hexdigest()
    assert all(b.kind == LINE for b in doc.blocks)
    assert doc.blocks[0].text == "下载"  # site chrome is left for the cleaner
    assert doc.hints == {
        "filename": path.name, "stem": path.stem, "title": "2026年上海市政府工作报告",
        "url": rows[0]["source_url"], "date": "2026-02-09", "region": "上海市", "year": "2026",
    }


def test_jsonl_records(jsonl_path: Path):
    docs = read_path(jsonl_path)
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()
    assert len(docs) == len(lines) == 72
    for n in (1, 2, 72):
        rec = json.loads(lines[n - 1])
        doc = docs[n - 1]
        assert doc.locator == f"{jsonl_path}#line={n}"
        assert doc.text == rec["content"]
        assert doc.hints["title"] == rec["title"] and doc.hints["url"] == rec["url"]
        assert doc.hints.get("year") == rec["year"]  # a string, or absent when null
    assert "year" not in docs[1].hints  # an NPC resolution: the session gives the year later
    assert sum(1 for d in docs if "year" not in d.hints) == 20


@pytest.mark.parametrize("name", ["000_3b84c3f0b519c3c9.txt"])
def test_reading_twice_gives_the_same_hash(web_dir: Path, name: str):
    assert read_path(web_dir / name)[0].sha256 == read_path(web_dir / name)[0].sha256
