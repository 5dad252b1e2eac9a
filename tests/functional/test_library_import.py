"""Importing the real corpus into a library, on SQLite and PostgreSQL, through the services and CLI."""

from __future__ import annotations

import json
import os
import re
import random
import shutil
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from baogao.cli import app
from baogao.services import importing
from baogao.services import library as lib
from baogao.store.db import Database
from baogao.store.schema import Document, ParagraphRow, SectionRow, Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "sources"))
from _inputs import make_zip_bomb  # noqa: E402

HUANGPU = "310101-2025-gzbg"
CHROME_WORDS = ["注册", "登录", "筛选地域", "下载", "打印", "全屏", "收藏", "字号", "分享到", "扫一扫",
                "您的位置", "相关报道", "Public domain", "本作品", "写下来", "记笔记", "0/0"]


def run_cli(db_url: str, *args: str):
    result = CliRunner().invoke(app, ["--db", db_url, *args])
    return result


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_whole_corpus_imports_without_failures(corpus_db):
    summary = corpus_db.summary
    counts = summary.counts()
    assert not summary.failed, [(i.locator, i.reason) for i in summary.failed]
    assert counts.get("imported") == 136
    skipped = [Path(i.locator).name for i in summary.items if i.status == "skipped"]
    assert sorted(skipped) == ["failures_2026.csv", "run_manifest_2026.csv"]
    with corpus_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 136
        by_kind = dict(s.execute(select(Document.kind, func.count()).group_by(Document.kind)).all())
    assert by_kind["决议"] == 20
    assert by_kind["政府工作报告"] == 52 + 31 + 31 + 1
    assert by_kind["发展报告"] == 1


@pytest.mark.parametrize(
    "flt, expected",
    [
        (dict(year="2025", level="province"), 31),
        (dict(year="2026", level="province"), 31),
        (dict(level="national", kind="决议"), 20),
        (dict(level="national", kind="政府工作报告"), 52),
        (dict(region="上海"), 4),  # 2025 docx, 2026 csv, the two Huangpu pages
        (dict(region="黄浦区"), 2),
        (dict(year="2020..2022", level="national"), 5),  # 2021, 2022 reports; 2020-2022 resolutions
    ],
)
def test_filters(corpus_db, flt, expected):
    with corpus_db.session() as s:
        page = lib.list_documents(s, lib.DocFilter(**flt))
    assert page.total == expected, [d["id"] for d in page.items]


def test_list_json_contract(corpus_db):
    result = run_cli(url_of(corpus_db), "list", "--year", "2025", "--level", "province", "--format", "json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert len(docs) == 31
    for d in docs:
        for key in ("id", "title", "region", "year", "kind", "delivered_on", "meeting", "speaker", "source_url", "n_chars", "flags"):
            assert key in d
        assert set(d["region"]) >= {"code", "name", "level"}
        assert d["region"]["level"] == "province" and isinstance(d["year"], int) and d["kind"] == "政府工作报告"
    codes = {d["region"]["code"] for d in docs}
    assert len(codes) == 31 and "640000" in codes and "450000" in codes and "650000" in codes and "540000" in codes


def test_show_huangpu_outline_and_glossary(corpus_db):
    result = run_cli(url_of(corpus_db), "show", HUANGPU, "--format", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["region"] == {"code": "310101", "name": "黄浦区", "level": "county"}
    assert [p["code"] for p in d["region_parents"]] == ["310000", "100000"]
    assert d["delivered_on"] == "2025-01-08"
    top = [s for s in d["outline"] if s["level"] == 1]
    assert len(top) == 2
    children = [[s for s in d["outline"] if s["parent"] == t["ordinal"] and s["level"] == 2] for t in top]
    assert [len(c) for c in children] == [5, 6]
    assert len(d["glossary"]) == 19
    with corpus_db.session() as s:
        text = s.get(Document, HUANGPU).text
    for g in d["glossary"]:
        assert g["term"] in text[g["start"]:g["end"]]
    for sec in d["outline"]:
        assert text[sec["start"]:sec["end"]].startswith(sec["label"])


def test_show_keeps_bylines_breadcrumbs_and_the_evidence_of_each_flag(corpus_db):
    url = url_of(corpus_db)
    article = json.loads(run_cli(url, "show", "310101-2022-fzbg", "--format", "json").stdout)
    assert article["author"] == "中共黄浦区委党史研究室 赵兵、马亦男、俞凡"  # the byline is metadata, not text
    assert article["breadcrumb"] == ["首页", "发展报告"]
    assert "(中共黄浦区委党史研究室 赵兵、马亦男、俞凡)" in article["removed_lines"]
    assert any("进—步" in s for s in article["flag_details"]["dash_for_yi"])
    report = json.loads(run_cli(url, "show", HUANGPU, "--format", "json").stdout)
    assert any("可比增长5," in s for s in report["flag_details"]["number_missing_unit"])
    assert "注册 | 登录" in report["removed_lines"] and "写下来" in report["removed_lines"]
    text = run_cli(url, "show", HUANGPU).stdout
    assert "number_missing_unit: 「" in text and "可比增长5," in text
    ningxia = run_cli(url, "show", "640000-2025-gzbg").stdout
    assert "wrong_source_line: 青海日报" in ningxia


def test_random_spans_print_exactly(corpus_db):
    """200 random spans: `baogao text ID --start S --end E` prints exactly text[S:E] (all 200, through
    the CLI), and every span `show` lists (outline, glossary) of the documents drawn is inside the text."""
    rng = random.Random(20251122)
    with corpus_db.session() as s:
        docs = {d.id: d.text for d in s.scalars(select(Document))}
    ids = sorted(docs)
    url = url_of(corpus_db)
    drawn = set()
    for _ in range(200):
        doc_id = rng.choice(ids)
        drawn.add(doc_id)
        text = docs[doc_id]
        start = rng.randrange(0, len(text))
        end = min(len(text), start + rng.randrange(1, 120))
        with corpus_db.session() as s:
            assert lib.get_text(s, doc_id, start, end) == text[start:end]
        result = run_cli(url, "text", doc_id, "--start", str(start), "--end", str(end))
        assert result.exit_code == 0
        want = text[start:end]
        assert result.stdout == want + ("" if want.endswith("\n") else "\n"), (doc_id, start, end)
    for doc_id in sorted(drawn)[:25]:
        shown = json.loads(run_cli(url, "show", doc_id, "--format", "json").stdout)
        text = docs[doc_id]
        for sec in shown["outline"]:
            assert 0 <= sec["start"] < sec["end"] <= len(text) and text[sec["start"]:].startswith(sec["label"])
        for g in shown["glossary"]:
            assert g["term"] in text[g["start"]:g["end"]] and g["definition"] in text[g["start"]:g["end"]]


def test_no_chrome_left_at_either_end(corpus_db):
    with corpus_db.session() as s:
        for doc in s.scalars(select(Document)):
            lines = [l for l in doc.text.split("\n") if l.strip()]
            edge = lines[:3] + lines[-3:]
            for line in edge:
                for word in CHROME_WORDS:
                    assert not (line.strip() == word or (word in line and len(line) < 20)), (doc.id, line)


def test_check_passes_on_the_imported_corpus(corpus_db):
    result = run_cli(url_of(corpus_db), "check")
    assert result.exit_code == 0, result.output


def test_spans_and_norm_view_are_consistent(corpus_db):
    with corpus_db.session() as s:
        for doc in s.scalars(select(Document)):
            assert len(doc.norm_text) == len(doc.text)
        bad = s.scalar(
            select(func.count()).select_from(ParagraphRow).join(Document, Document.id == ParagraphRow.document_id)
            .where(ParagraphRow.end > Document.n_chars)
        )
        assert bad == 0


# --- writing: each test gets its own empty library ---------------------------------------------

@pytest.fixture
def db(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


def test_reimport_is_a_noop(db, settings, corpus_dir):
    pages = corpus_dir / "web-pages"
    first = importing.import_paths(db, [pages], settings)
    assert first.counts() == {"imported": 2}
    again = importing.import_paths(db, [pages], settings)
    assert again.counts() == {"unchanged": 2}
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Source)) == 2


def test_reimport_rebuilds_an_outline_made_by_older_structure_rules(db, settings, corpus_dir, tmp_path):
    """A library imported before the 1955 list fix: importing the same file again rebuilds the
    outline (not the text), and a note on the document stays where it was."""
    from baogao.services import notes as note_svc
    from baogao.services.accounts import register

    line = (corpus_dir / "national" / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()
    one = tmp_path / "1955.jsonl"
    one.write_text(next(x for x in line if "1955年中华人民共和国国务院政府工作报告" in x) + "\n", encoding="utf-8")
    importing.import_paths(db, [one], settings)
    with db.session() as s:
        doc = s.scalars(select(Document)).one()
        doc_id, text, good = doc.id, doc.text, [(r.label, r.title) for r in s.scalars(
            select(SectionRow).where(SectionRow.document_id == doc.id).order_by(SectionRow.ordinal))]
        # what the older rules stored: the list item 四、 as a part, no structure version
        s.execute(SectionRow.__table__.update().where(SectionRow.document_id == doc_id, SectionRow.label == "四、")
                  .values(title="国家机关和基本建设主管部门经常对工程的质量进行切实的检查"))
        doc.meta = {k: v for k, v in (doc.meta or {}).items() if k != "structure_version"}
        user = register(s, "reader1", "a long enough password")
        start = text.index("农业")
        note_id = note_svc.create_note(s, user["id"], doc_id, start, start + 2, body="看这里")["id"]
    again = importing.import_paths(db, [one], settings)
    assert again.counts() == {"restructured": 1}
    with db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.text == text and doc.revision == 2
        rows = s.scalars(select(SectionRow).where(SectionRow.document_id == doc_id).order_by(SectionRow.ordinal))
        assert [(r.label, r.title) for r in rows] == good
        assert ("四、", "为完成和超额完成第一个五年计划而奋斗") in good
        n = note_svc.get_note(s, user["id"], note_id)
        assert (n["start"], n["end"], n["status"]) == (start, start + 2, "anchored")
        assert lib.check_library(s) == []
    assert importing.import_paths(db, [one], settings).counts() == {"unchanged": 1}


def test_same_report_from_two_sources_is_one_document(db, settings, corpus_dir, tmp_path):
    """The Huangpu page as scraped text and the same report re-saved as a Word file."""
    import docx

    src = corpus_dir / "web-pages" / "000_3b84c3f0b519c3c9.txt"
    word = docx.Document()
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(line.strip())
    word.save(tmp_path / "黄浦区2025年政府工作报告.docx")
    summary = importing.import_paths(db, [src, tmp_path / "黄浦区2025年政府工作报告.docx"], settings)
    assert [i.status for i in summary.items] == ["imported", "merged"], summary.to_dict()
    with db.session() as s:
        doc = s.get(Document, HUANGPU)
        assert sorted(src_.format for src_ in doc.sources) == ["docx", "txt"]


BAD_FILES = {
    "empty.txt": b"",
    "garbage.txt": bytes(range(256)) * 40,
    "corrupt.docx": b"PK\x03\x04 this is not really a zip archive",
    "broken.jsonl": None,  # written below: one good line, one broken line
    "missing.csv": "province,year\n上海市,2026\n".encode("utf-8"),
}


def test_bad_files_fail_alone_and_leave_nothing_behind(db, settings, corpus_dir, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name, content in BAD_FILES.items():
        if content is not None:
            (folder / name).write_bytes(content)
    good_line = (corpus_dir / "national" / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()[1]
    (folder / "broken.jsonl").write_text(good_line + "\n{\"title\": \"坏行\", \"content\": \n", encoding="utf-8")
    shutil.copy(corpus_dir / "web-pages" / "003_5254336907336f9e.txt", folder / "good.txt")
    result = run_cli(db.url, "import", str(folder), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    by_name = {}
    for item in data["items"]:
        by_name.setdefault(Path(item["locator"].split("#")[0]).name, []).append(item)
    assert by_name["good.txt"][0]["status"] == "imported"
    statuses = {name: sorted(i["status"] for i in items) for name, items in by_name.items()}
    assert statuses["broken.jsonl"] == ["failed", "imported"]
    for name in ("empty.txt", "garbage.txt", "corrupt.docx"):
        assert statuses[name] == ["failed"], (name, by_name[name])
        reason = by_name[name][0]["reason"]
        assert reason and "\n" not in reason and "Traceback" not in reason
    assert statuses["missing.csv"] in (["failed"], ["skipped"])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2
    assert run_cli(db.url, "check").exit_code == 0


def test_a_failure_while_storing_rolls_back_everything(db, settings, corpus_dir, monkeypatch):
    from baogao.services import derived

    class Exploding:
        NAME, VERSION = "exploding", "1"

        @staticmethod
        def refresh(session, doc, report, old_text):
            raise RuntimeError("disk full")

        @staticmethod
        def remove(session, doc_id):
            pass

    real = derived.modules
    monkeypatch.setattr(derived, "modules", lambda: real() + [Exploding])
    summary = importing.import_paths(db, [corpus_dir / "web-pages"], settings)
    assert summary.counts() == {"failed": 2}
    assert all("disk full" in i.reason for i in summary.items)
    with db.session() as s:
        for table in (Document, Source, SectionRow, ParagraphRow):
            assert s.scalar(select(func.count()).select_from(table)) == 0


def test_missing_path_is_reported(db, settings, tmp_path):
    summary = importing.import_paths(db, [tmp_path / "nope.docx", str(tmp_path / "*.pdf")], settings)
    assert summary.counts() == {"failed": 2}


def test_cli_errors_are_one_line_messages(db):
    result = run_cli(db.url, "show", "no-such-doc")
    assert result.exit_code == 2
    assert "没有这份文档" in result.output
    result = run_cli(db.url, "list", "--year", "20x5")
    assert result.exit_code == 2 and "年份" in result.output


# --- bad input, case by case, through the whole import (issue 2's list) ---------------------------
# Each case imports a folder holding the bad file next to a good report: the bad file gets one item
# with a one-line reason (Chinese first), the good report is still imported, nothing of the bad file
# is stored and `baogao check` passes. The readers' own messages: tests/unit/sources/test_bad_input.py.

GOOD = "003_5254336907336f9e.txt"  # the 2022 Huangpu article: small, imports as 310101-2022-fzbg
GOOD_ID = "310101-2022-fzbg"


def _bad_cli(db_url: str, tmp_path: Path, *args: str, env: dict | None = None):
    base = {"BAOGAO_HOME": str(tmp_path / "home"), "BAOGAO_DB": None, "COLUMNS": "200"}
    return CliRunner().invoke(app, ["--db", db_url, *args], env={**base, **(env or {})})


def _import_folder(db_url: str, tmp_path: Path, folder: Path, *extra: str, env: dict | None = None):
    """Import ``folder`` (the good report is already in it); returns (exit code, items by file name)."""
    result = _bad_cli(db_url, tmp_path, "import", str(folder), "--json", *extra, env=env)
    data = json.loads(result.stdout)
    by_name: dict[str, list[dict]] = {}
    for item in data["items"]:
        by_name.setdefault(Path(item["locator"].split("#")[0]).name, []).append(item)
    assert [i["status"] for i in by_name.pop(GOOD)] == ["imported"]
    return result.exit_code, by_name


def _one_line_reason(item: dict, *words: str) -> str:
    reason = item["reason"]
    assert reason and "\n" not in reason and "Traceback" not in reason, reason
    assert re.search(r"[\u4e00-\u9fff]", reason.split(" / ")[0]), reason  # Chinese first
    for w in words:
        assert w in reason, (w, reason)
    return reason


def _stored(db_url: str) -> tuple[list[str], int]:
    db = Database(db_url)
    try:
        with db.session() as s:
            ids = sorted(s.scalars(select(Document.id)))
            n_sources = s.scalar(select(func.count()).select_from(Source))
    finally:
        db.dispose()
    return ids, n_sources


def _failed_alone(db_url, tmp_path, incoming, name, *words, env=None, extra=()):
    code, items = _import_folder(db_url, tmp_path, incoming, *extra, env=env)
    assert code == 1
    assert [i["status"] for i in items[name]] == ["failed"], items
    _one_line_reason(items[name][0], *words)
    assert _stored(db_url) == ([GOOD_ID], 1)  # nothing of the bad file, the good one complete
    assert _bad_cli(db_url, tmp_path, "check").exit_code == 0


@pytest.fixture
def incoming(tmp_path: Path, corpus_dir: Path) -> Path:
    """A folder to import, holding a good report beside the bad file each test adds."""
    path = tmp_path / "incoming"
    path.mkdir()
    shutil.copy(corpus_dir / "web-pages" / GOOD, path / GOOD)
    return path


def test_bad_input_empty_file(db_url, tmp_path, incoming):
    (incoming / "empty.txt").write_bytes(b"")
    _failed_alone(db_url, tmp_path, incoming, "empty.txt", "文件为空")


def test_bad_input_binary_garbage(db_url, tmp_path, incoming):
    rng = random.Random(5)
    (incoming / "garbage.txt").write_bytes(bytes(rng.randrange(256) for _ in range(20000)))
    _failed_alone(db_url, tmp_path, incoming, "garbage.txt", "不是文本文件")


def test_bad_input_corrupt_docx(db_url, tmp_path, incoming, corpus_dir):
    data = (corpus_dir / "provincial-2025-docx" / "2025年北京市政府工作报告.docx").read_bytes()
    (incoming / "cut.docx").write_bytes(data[: len(data) // 3])
    _failed_alone(db_url, tmp_path, incoming, "cut.docx", "Word 文档已损坏")


def test_bad_input_docx_zip_bomb(db_url, tmp_path, incoming):
    make_zip_bomb(incoming / "bomb.docx", 120)  # 120 MB of spaces in about 120 KB
    started = time.perf_counter()
    _failed_alone(db_url, tmp_path, incoming, "bomb.docx", "疑似压缩炸弹")
    assert time.perf_counter() - started < 30  # refused from the zip directory, never inflated


def test_bad_input_200_mb_text_file_is_refused_by_the_size_limit(db_url, tmp_path, incoming):
    with (incoming / "huge.txt").open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk space, refused before reading
    _failed_alone(db_url, tmp_path, incoming, "huge.txt", "文件太大", "200.0 MB", "BAOGAO_MAX_FILE_MB")


def test_bad_input_the_size_limit_is_configurable(db_url, tmp_path, incoming, corpus_dir):
    page = corpus_dir / "web-pages" / "000_3b84c3f0b519c3c9.txt"  # about 45 KB
    shutil.copy(page, incoming / "huangpu.txt")
    _failed_alone(db_url, tmp_path, incoming, "huangpu.txt", "文件太大", env={"BAOGAO_MAX_FILE_MB": "0.03"})


def test_bad_input_wrong_extension_is_read_by_content(db_url, tmp_path, incoming, corpus_dir):
    shutil.copy(corpus_dir / "provincial-2025-docx" / "2025年河北省政府工作报告.docx", incoming / "hebei.txt")
    text = (corpus_dir / "web-pages" / "000_3b84c3f0b519c3c9.txt").read_bytes()
    (incoming / "huangpu.docx").write_bytes(text)
    code, items = _import_folder(db_url, tmp_path, incoming)
    assert code == 0
    assert [(i["status"], i["doc_id"]) for i in items["hebei.txt"]] == [("imported", "130000-2025-gzbg")]
    assert [(i["status"], i["doc_id"]) for i in items["huangpu.docx"]] == [("imported", "310101-2025-gzbg")]
    db = Database(db_url)
    with db.session() as s:
        formats = dict(s.execute(select(Source.document_id, Source.format)).all())
    db.dispose()
    assert formats["130000-2025-gzbg"] == "docx" and formats["310101-2025-gzbg"] == "txt"


def test_bad_input_a_forced_format_the_content_is_not(db_url, tmp_path, incoming, corpus_dir):
    shutil.copy(corpus_dir / "provincial-2025-docx" / "2025年河北省政府工作报告.docx", incoming / "hebei.pdf")
    result = _bad_cli(db_url, tmp_path, "import", str(incoming / "hebei.pdf"), "--format", "pdf", "--json")
    assert result.exit_code == 1
    (item,) = json.loads(result.stdout)["items"]
    assert item["status"] == "failed"
    _one_line_reason(item, "--format pdf", "Word")
    assert _stored(db_url) == ([], 0)


def test_bad_input_gbk_without_bom(db_url, tmp_path, incoming, corpus_dir):
    page = (corpus_dir / "web-pages" / "000_3b84c3f0b519c3c9.txt").read_text(encoding="utf-8")
    (incoming / "huangpu-gbk.txt").write_bytes(page.encode("gbk"))
    code, items = _import_folder(db_url, tmp_path, incoming)
    assert code == 0 and [i["status"] for i in items["huangpu-gbk.txt"]] == ["imported"]
    db = Database(db_url)
    with db.session() as s:
        doc = s.get(Document, "310101-2025-gzbg")
        assert doc.text.startswith("各位代表:\n现在,我代表黄浦区人民政府") and doc.meta["encoding"] == "gb18030"
    db.dispose()


def test_bad_input_csv_with_missing_columns(db_url, tmp_path, incoming, corpus_dir):
    # a CSV without a text column is not a report file: skipped with its reason, not imported
    (incoming / "stats.csv").write_text("province,gdp\n上海市,5.0\n", encoding="utf-8")
    # a report CSV whose row lacks cells: that row fails, the other row imports
    src = (corpus_dir / "provincial-2026-csv" / "2026_北京市_政府工作报告.csv").read_text(encoding="utf-8-sig")
    header, row = src.split("\n", 1)
    (incoming / "reports.csv").write_text(header + "\n" + row.rstrip("\n") + "\n\"2026年某县政府工作报告\",2026\n",
                                        encoding="utf-8")
    code, items = _import_folder(db_url, tmp_path, incoming)
    assert code == 1
    assert [i["status"] for i in items["stats.csv"]] == ["skipped"]
    _one_line_reason(items["stats.csv"][0], "缺少正文列")
    statuses = sorted((i["status"], i["doc_id"]) for i in items["reports.csv"])
    assert statuses == [("failed", None), ("imported", "110000-2026-gzbg")]
    _one_line_reason(next(i for i in items["reports.csv"] if i["status"] == "failed"), "第2条记录", "少于表头")
    assert _stored(db_url) == (sorted([GOOD_ID, "110000-2026-gzbg"]), 2)


def test_bad_input_jsonl_with_a_broken_line(db_url, tmp_path, incoming, corpus_dir):
    lines = (corpus_dir / "national" / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()
    (incoming / "reports.jsonl").write_text("\n".join([lines[0], lines[2][:300], lines[1]]) + "\n", encoding="utf-8")
    code, items = _import_folder(db_url, tmp_path, incoming)
    assert code == 1
    statuses = sorted((i["status"], i["doc_id"] or "") for i in items["reports.jsonl"])
    assert statuses == [("failed", ""), ("imported", "100000-2025-gzbg"), ("imported", "100000-2025-jy")]
    _one_line_reason(next(i for i in items["reports.jsonl"] if i["status"] == "failed"), "第2行", "JSON 无法解析")
    assert _stored(db_url)[0] == sorted([GOOD_ID, "100000-2025-gzbg", "100000-2025-jy"])


def test_bad_input_unreadable_files(db_url, tmp_path, incoming):
    (incoming / "gone.txt").symlink_to(tmp_path / "deleted-meanwhile.txt")
    os.mkfifo(incoming / "pipe.txt")  # a named pipe: refused without blocking on a read
    code, items = _import_folder(db_url, tmp_path, incoming)
    assert code == 1
    _one_line_reason(items["gone.txt"][0], "无法读取")
    _one_line_reason(items["pipe.txt"][0], "不是普通文件")
    assert _stored(db_url) == ([GOOD_ID], 1)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_bad_input_a_file_without_read_permission(db_url, tmp_path, incoming):
    locked = incoming / "locked.txt"
    locked.write_text("各位代表：\n现在，我代表县人民政府向大会报告工作。\n", encoding="utf-8")
    locked.chmod(0)
    try:
        _failed_alone(db_url, tmp_path, incoming, "locked.txt", "无法读取")
    finally:
        locked.chmod(0o600)


def test_check_exits_non_zero_and_names_each_broken_invariant(db, settings, corpus_dir):
    """`check` on a store broken behind its back: a span past the end of the text, a normalized view
    of another length, a fact whose quote is not the text at its span. Each is named; exit 1."""
    from sqlalchemy import update

    from baogao.facts.schema import FactRow

    importing.import_paths(db, [corpus_dir / "web-pages"], settings)
    assert run_cli(db.url, "check").exit_code == 0
    with db.session() as s:
        n = s.get(Document, HUANGPU).n_chars
        first = s.scalar(select(func.min(SectionRow.ordinal)).where(SectionRow.document_id == HUANGPU))
        s.execute(update(SectionRow).where(SectionRow.document_id == HUANGPU, SectionRow.ordinal == first)
                  .values(end=n + 50))
        s.execute(update(Document).where(Document.id == "310101-2022-fzbg").values(norm_text="太短"))
        fact = s.scalar(select(func.min(FactRow.ordinal)).where(FactRow.document_id == HUANGPU))
        s.execute(update(FactRow).where(FactRow.document_id == HUANGPU, FactRow.ordinal == fact).values(quote="不是原文"))
    result = run_cli(db.url, "check")
    assert result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    assert f"{HUANGPU}: 章节 范围" in out and "超出文本长度" in out
    assert "310101-2022-fzbg: 规范化文本长度 2" in out
    assert "事实引文与原文" in out
    assert int(re.search(r"发现 (\d+) 个问题", out).group(1)) >= 3  # (the search index notices the view too)
