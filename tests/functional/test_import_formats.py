"""One report in several formats, imported through the CLI into a fresh library (SQLite and PostgreSQL).

The PDF and the HTML page are made from the corpus .docx while the tests run, by the generators
the reader tests use (tests/unit/sources/_inputs.py; cached under build/test-inputs).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baogao.cli import app
from baogao.services.importing import process
from baogao.sources import read_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "sources"))
from _inputs import GENERATOR_VERSION, cached, docx_paragraphs, make_html, make_pdf, pdf_safe  # noqa: E402

PROVINCE = "广东省"
DOC_ID = "440000-2025-gzbg"
HUANGPU_PAGE = "000_3b84c3f0b519c3c9.txt"
HUANGPU = "310101-2025-gzbg"


@pytest.fixture(scope="module")
def report_files(corpus_dir: Path, build_dir: Path) -> dict[str, Path]:
    """The province's report as .docx (corpus), .pdf and .html (generated, GBK-encoded page)."""
    gen = build_dir / f"sources-v{GENERATOR_VERSION}"  # same cache as tests/unit/sources
    gen.mkdir(parents=True, exist_ok=True)
    docx = corpus_dir / "provincial-2025-docx" / f"2025年{PROVINCE}政府工作报告.docx"
    paragraphs = [pdf_safe(p) for p in docx_paragraphs(docx)]
    pdf = cached(gen / f"{docx.stem}.pdf", lambda tmp: make_pdf(paragraphs, paragraphs[0], tmp))
    html = cached(gen / f"{docx.stem}.gbk.html",
                  lambda tmp: make_html(docx, docx.stem, tmp, encoding="gb18030"))
    return {"docx": docx, "pdf": pdf, "html": html}


@pytest.fixture
def cli(db_url: str, tmp_path: Path):
    """Run `baogao --db <fresh library> ...`; returns the click Result."""
    env = {"BAOGAO_HOME": str(tmp_path / "home"), "BAOGAO_DB": None, "COLUMNS": "200"}

    def run(*args: str):
        return CliRunner().invoke(app, ["--db", db_url, *args], env=env)

    return run


def _json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _import(cli, *paths: Path, extra: tuple[str, ...] = ()) -> dict:
    result = cli("import", *map(str, paths), "--json", *extra)
    summary = json.loads(result.stdout)
    return {"exit": result.exit_code, **summary}


def _text(cli, doc_id: str) -> str:
    result = cli("text", doc_id)
    assert result.exit_code == 0, result.output
    return result.stdout.removesuffix("\n")


def _one_document_three_sources(cli, report_files, formats: list[str]) -> None:
    docs = _json(cli("list", "--format", "json"))
    assert [d["id"] for d in docs] == [DOC_ID]
    detail = _json(cli("show", DOC_ID, "--format", "json"))
    assert [s["format"] for s in detail["sources"]] == formats
    assert {Path(s["locator"]).name for s in detail["sources"]} == {p.name for p in report_files.values()}
    assert detail["region"]["code"] == "440000" and detail["year"] == 2025
    check = cli("check")
    assert check.exit_code == 0, check.output


def test_pdf_alone_is_the_report_then_docx_and_html_merge_into_it(cli, report_files):
    summary = _import(cli, report_files["pdf"])
    assert summary["exit"] == 0 and summary["counts"] == {"imported": 1}, summary
    (doc,) = _json(cli("list", "--format", "json"))
    assert doc["id"] == DOC_ID
    assert doc["region"]["code"] == "440000" and doc["region"]["level"] == "province"
    assert doc["year"] == 2025 and doc["kind"] == "政府工作报告"
    assert doc["title"] == f"2025年{PROVINCE}政府工作报告"
    # the PDF's text is the Word file's canonical text: the same paragraphs, not the printed lines
    # (only characters the PDF font cannot draw differ; pdf_safe maps them on both sides)
    docx_text = process(read_path(report_files["docx"])[0])[0].text
    pdf_text = _text(cli, DOC_ID)
    assert pdf_safe(pdf_text) == pdf_safe(docx_text)
    (source,) = _json(cli("show", DOC_ID, "--format", "json"))["sources"]
    assert source["format"] == "pdf"

    summary = _import(cli, report_files["html"], report_files["docx"])
    assert [(i["status"], i["doc_id"]) for i in summary["items"]] == [("merged", DOC_ID), ("merged", DOC_ID)], summary
    _one_document_three_sources(cli, report_files, ["pdf", "html", "docx"])
    assert _text(cli, DOC_ID) == pdf_text  # a merged source adds provenance, it does not replace the text


def test_docx_pdf_and_html_in_one_import_are_one_document(cli, report_files):
    summary = _import(cli, report_files["docx"], report_files["pdf"], report_files["html"])
    assert summary["exit"] == 0, summary
    assert [(i["status"], i["doc_id"]) for i in summary["items"]] == [
        ("imported", DOC_ID), ("merged", DOC_ID), ("merged", DOC_ID)
    ], summary
    _one_document_three_sources(cli, report_files, ["docx", "pdf", "html"])
    # the merged sources are known by their bytes now (the PDF is left out: slow to read again)
    assert _import(cli, report_files["html"], report_files["docx"])["counts"] == {"unchanged": 2}


def test_gbk_copy_of_a_web_page_is_the_same_report(cli, corpus_dir: Path, tmp_path: Path):
    utf8 = corpus_dir / "web-pages" / HUANGPU_PAGE
    text = utf8.read_text(encoding="utf-8")
    gbk = tmp_path / "incoming" / "黄浦区_gbk.txt"
    gbk.parent.mkdir()
    gbk.write_bytes(text.encode("gbk"))
    raw = gbk.read_bytes()
    assert not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))  # no BOM to go by
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")

    first = _import(cli, gbk)  # the GBK copy alone gets the id the UTF-8 page gets
    assert [(i["status"], i["doc_id"]) for i in first["items"]] == [("imported", HUANGPU)], first
    second = _import(cli, utf8)
    assert [(i["status"], i["doc_id"]) for i in second["items"]] == [("merged", HUANGPU)], second
    detail = _json(cli("show", HUANGPU, "--format", "json"))
    assert detail["region"]["name"] == "黄浦区" and detail["delivered_on"] == "2025-01-08"
    assert sorted(Path(s["locator"]).name for s in detail["sources"]) == sorted([gbk.name, HUANGPU_PAGE])
    assert [d["id"] for d in _json(cli("list", "--format", "json"))] == [HUANGPU]
    # decoded, not mojibake: the stored text is what the UTF-8 page gives
    assert "黄浦区" in _text(cli, HUANGPU) and "锟" not in _text(cli, HUANGPU)


def test_forced_pdf_on_a_docx_fails_clearly(cli, report_files, tmp_path: Path):
    docx = tmp_path / report_files["docx"].name
    shutil.copy(report_files["docx"], docx)
    summary = _import(cli, docx, extra=("--format", "pdf"))
    assert summary["exit"] == 1
    (item,) = summary["items"]
    assert item["status"] == "failed" and item["doc_id"] is None
    reason = item["reason"]
    assert "\n" not in reason
    assert reason.startswith("指定了 --format pdf，但文件其实是 Word 文档"), reason
    assert reason.endswith("/ --format pdf given but the file is docx"), reason

    table = cli("import", str(docx), "--format", "pdf")  # the human-readable form
    assert table.exit_code == 1
    assert "失败" in table.output and "--format pdf" in table.output and "Traceback" not in table.output
    assert "共 1 项：失败 1" in table.output
    assert _json(cli("list", "--format", "json")) == []  # nothing was stored
