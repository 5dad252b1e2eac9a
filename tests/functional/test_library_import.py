"""Importing the real corpus into a library, on SQLite and PostgreSQL, through the services and CLI."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from baogao.cli import app
from baogao.services import importing
from baogao.services import library as lib
from baogao.store.db import Database
from baogao.store.schema import Document, ParagraphRow, SectionRow, Source

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
    rng = random.Random(20251122)
    with corpus_db.session() as s:
        docs = {d.id: d.text for d in s.scalars(select(Document))}
    ids = sorted(docs)
    url = url_of(corpus_db)
    for i in range(200):
        doc_id = rng.choice(ids)
        text = docs[doc_id]
        start = rng.randrange(0, len(text))
        end = min(len(text), start + rng.randrange(1, 120))
        with corpus_db.session() as s:
            assert lib.get_text(s, doc_id, start, end) == text[start:end]
        if i % 20 == 0:  # the CLI prints the same characters (plus a final newline)
            result = run_cli(url, "text", doc_id, "--start", str(start), "--end", str(end))
            assert result.exit_code == 0
            assert result.stdout[:-1] == text[start:end] or result.stdout == text[start:end]


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
