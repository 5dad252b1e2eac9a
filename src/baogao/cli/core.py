"""Library commands: import, list, show, text, check, stats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from baogao.cli.app import app, check_format, console, emit_csv, emit_json, emit_table, err_console, get_db, get_settings
from baogao.services import importing
from baogao.services import library as lib

FORMATS = ("auto", "txt", "html", "docx", "pdf", "csv", "jsonl")
STATUS_ZH = {"imported": "已导入", "unchanged": "未变化", "merged": "已合并(新来源)", "updated": "已更新", "restructured": "已更新目录结构",
             "skipped": "已跳过", "failed": "失败"}


@app.command("import")
def import_cmd(
    paths: List[str] = typer.Argument(..., help="Files, folders or glob patterns to import."),
    format: str = typer.Option("auto", "--format", "-f", help="auto|txt|html|docx|pdf|csv|jsonl"),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every imported document, not only failures, skips and merges."),
) -> None:
    """导入报告 Import reports (any mix of files, folders and globs). Exit 1 if any file failed."""
    check_format(format, FORMATS)
    db = get_db()
    settings = get_settings()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err_console, transient=True, disable=json_out or not sys.stderr.isatty())
    with progress:
        task = progress.add_task("导入", total=None)

        def on_file(path: Path, n: int, total: int) -> None:
            progress.update(task, total=total, completed=n - 1, description=f"导入 {path.name[:40]}")

        summary = importing.import_paths(db, paths, settings, format=format, on_file=on_file)
    if json_out:
        emit_json(summary.to_dict())
    else:
        shown = ("failed", "skipped", "merged", "updated") if not verbose else tuple(STATUS_ZH)
        interesting = [i for i in summary.items if i.status in shown]
        if interesting:
            emit_table(
                ((STATUS_ZH.get(i.status, i.status), i.doc_id or "", (i.title or "")[:30], _short_locator(i.locator), i.reason or "")
                 for i in interesting),
                ["状态", "文档", "标题", "来源", "原因"],
            )
        counts = summary.counts()
        parts = [f"{STATUS_ZH.get(k, k)} {v}" for k, v in counts.items()]
        console.print(f"共 {len(summary.items)} 项：" + "，".join(parts) + f"；用时 {summary.seconds:.1f} 秒")
    raise typer.Exit(0 if summary.ok else 1)


def _short_locator(locator: str) -> str:
    path, _, frag = locator.partition("#")
    name = Path(path).name
    return f"{name}#{frag}" if frag else name


@app.command("list")
def list_cmd(
    region: Optional[str] = typer.Option(None, help="Region name or code; includes the regions below it (上海 includes its districts)."),
    level: Optional[str] = typer.Option(None, help="national | province | prefecture | county"),
    year: Optional[str] = typer.Option(None, help="A year (2025) or a range (2020..2025)."),
    kind: Optional[str] = typer.Option(None, help="政府工作报告, 决议, 发展报告, 规划, 其他"),
    sort: str = typer.Option("year", help="year | year_asc | region"),
    limit: Optional[int] = typer.Option(None, help="At most this many documents."),
    format: str = typer.Option("table", "--format", "-f", help="table | json | csv"),
) -> None:
    """列出文档 List documents, filtered."""
    check_format(format, ("table", "json", "csv"))
    with get_db().session() as s:
        page = lib.list_documents(s, lib.DocFilter(region=region, level=level, year=year, kind=kind), sort=sort, limit=limit)
    if format == "json":
        emit_json(page.items)
    elif format == "csv":
        rows = [dict(d, region_code=d["region"]["code"], region_name=d["region"]["name"], level=d["region"]["level"]) for d in page.items]
        emit_csv(rows, ["id", "title", "region_code", "region_name", "level", "year", "kind", "delivered_on",
                        "meeting", "speaker", "source_url", "n_chars", "flags"])
    else:
        emit_table(
            ((d["id"], d["year"], d["region"]["name"], lib.LEVEL_NAMES.get(d["region"]["level"] or "", ""), d["kind"],
              (d["title"] or "")[:28], d["n_chars"], ",".join(d["flags"])) for d in page.items),
            ["id", "年份", "地区", "级别", "类别", "标题", "字数", "质量标记"],
            title=f"{page.total} 份文档",
        )


@app.command("show")
def show_cmd(
    doc_id: str = typer.Argument(..., help="Document id (see `baogao list`)."),
    format: str = typer.Option("text", "--format", "-f", help="text | json"),
) -> None:
    """查看文档 Metadata, outline, glossary, sources and quality flags of one document."""
    check_format(format, ("text", "json"))
    with get_db().session() as s:
        d = lib.document_detail(s, doc_id)
    if format == "json":
        emit_json(d)
        return
    console.print(f"[bold]{d['title'] or '(无标题)'}[/bold]  [dim]{d['id']}[/dim]", highlight=False)
    region = d["region"]
    chain = " → ".join([region["name"] or "未知"] + [p["name"] for p in d["region_parents"]])
    rows = [
        ("地区", f"{chain} ({region['code'] or '?'}, {lib.LEVEL_NAMES.get(region['level'] or '', region['level'] or '级别未知')})"),
        ("年份", d["year"]), ("类别", d["kind"]), ("会议", d["meeting"]), ("日期", d["delivered_on"]),
        ("发布", d["published_on"]), ("报告人", " ".join(x for x in (d["speaker_title"], d["speaker"]) if x)),
        ("来源", d["source_name"]), ("作者", d.get("author")), ("原文链接", d["source_url"]), ("字数", d["n_chars"]),
        ("质量标记", ", ".join(d["flags"]) or "无"),
    ]
    for k, v in rows:
        if v not in (None, ""):
            console.print(f"{k}: {v}", highlight=False)
    for flag in d["flags"]:
        evidence = _evidence(d.get("flag_details", {}).get(flag))
        if evidence:
            console.print(f"  {flag}: {evidence}", highlight=False)
    if d["outline"]:
        console.print("\n[bold]目录[/bold]")
        for sec in d["outline"]:
            console.print(f"{'  ' * (sec['level'] - 1)}{sec['label']}{sec['title']}  [dim][{sec['start']}-{sec['end']}][/dim]", highlight=False)
    if d["glossary"]:
        console.print(f"\n[bold]名词解释[/bold] ({len(d['glossary'])})")
        for g in d["glossary"]:
            console.print(f"{g['number'] or '-'} {g['term']}: {g['definition'][:60]}", highlight=False)
    if d["appendix"]:
        console.print(f"\n[bold]附件[/bold] ({len(d['appendix'])})")
        for a in d["appendix"]:
            console.print(f"- {a['title']} {a['fields']}", highlight=False)
    console.print(f"\n[bold]来源[/bold] ({len(d['sources'])})")
    for src in d["sources"]:
        console.print(f"- {src['format']} {src['locator']} sha256={src['sha256'][:12]} {src['imported_at']}", highlight=False)


def _evidence(value) -> str:
    """The evidence behind a flag on one line: a few quoted snippets, or the value."""
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, list):
        shown = "、".join("「" + " ".join(str(v).split()) + "」" for v in value[:3])
        return shown + (f" 等 {len(value)} 处" if len(value) > 3 else "")
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


@app.command("text")
def text_cmd(
    doc_id: str = typer.Argument(...),
    start: Optional[int] = typer.Option(None, help="Start offset (characters)."),
    end: Optional[int] = typer.Option(None, help="End offset (exclusive)."),
) -> None:
    """打印原文 Print the canonical text of a document, or the span [start, end)."""
    with get_db().session() as s:
        text = lib.get_text(s, doc_id, start, end)
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


@app.command("check")
def check_cmd() -> None:
    """检查 Verify store and indexes agree (spans inside text, normalized view, no orphans). Exit 1 on a problem."""
    with get_db().session() as s:
        problems = lib.check_library(s)
        stats = lib.library_stats(s)
    for p in problems:
        console.print(f"[red]✗[/red] {p}", highlight=False)
    if problems:
        console.print(f"发现 {len(problems)} 个问题")
        raise typer.Exit(1)
    console.print(f"[green]✓[/green] {stats['documents']} 份文档，{stats['characters']} 字，一切正常")


@app.command("stats")
def stats_cmd(format: str = typer.Option("text", "--format", "-f", help="text | json")) -> None:
    """文库概况 Summary of the library."""
    with get_db().session() as s:
        stats = lib.library_stats(s)
    if format == "json":
        emit_json(stats)
        return
    console.print(f"文库 {get_settings().db}", highlight=False)
    console.print(f"{stats['documents']} 份文档，{stats['characters']:,} 字，年份 {stats['years'][0]}–{stats['years'][1]}")
    for k, v in sorted(stats["by_kind"].items(), key=lambda kv: -kv[1]):
        console.print(f"  {k or '未知'}: {v}")
