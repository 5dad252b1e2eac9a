"""Search commands: search, find, kwic, count, reindex (`check` is in cli.core and covers the index)."""

from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape

from baogao.cli.app import app, check_format, console, emit_csv, emit_json, emit_table, err_console, get_db
from baogao.search.kwic import COLUMNS as KWIC_COLUMNS
from baogao.services import search as svc

_REGION = "Region name or code; includes the regions below it (上海 includes its districts)."
_LEVEL = "national | province | prefecture | county (or 省, 市, 区县)."
_YEAR = "A year (2025) or a range (2020..2025)."
_KIND = "政府工作报告, 决议, 发展报告, 规划, 其他"


def _notes(notes: list[str]) -> None:
    for n in notes:
        err_console.print(f"[yellow]注意[/yellow]: {escape(n)}", highlight=False)


def _highlighted(text: str, start: int, highlights) -> str:
    out, cur = [], 0
    for s, e in highlights:
        a, b = s - start, e - start
        if a < cur:
            continue
        out.append(escape(text[cur:a]) + "[bold yellow]" + escape(text[a:b]) + "[/bold yellow]")
        cur = b
    out.append(escape(text[cur:]))
    return "".join(out).replace("\n", " ")


@app.command("search")
def search_cmd(
    query: str = typer.Argument(..., help='Words (ANDed), "phrases", OR, -exclusions, region:/level:/year:/kind: filters.'),
    region: Optional[str] = typer.Option(None, help=_REGION),
    level: Optional[str] = typer.Option(None, help=_LEVEL),
    year: Optional[str] = typer.Option(None, help=_YEAR),
    kind: Optional[str] = typer.Option(None, help=_KIND),
    limit: int = typer.Option(20, help="Documents per page."),
    offset: int = typer.Option(0, help="Skip this many documents (pagination)."),
    format: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """全文搜索 Search every report: exact matches (2+ characters), ranked, with snippets and facets.

    JSON: {"query", "total_docs", "total_hits", "facets": {"year", "region", "level", "kind"},
    "results": [{"doc_id", "title", "year", "region", "score", "hits", "snippets": [{"text",
    "span": [start, end], "highlights": [[start, end], ...]}]}]}; spans are offsets into the
    document's text (`baogao text ID --start S --end E`). Notes go to stderr.
    """
    check_format(format, ("table", "json"))
    with get_db().session() as s:
        result = svc.search(s, query, region=region, level=level, year=year, kind=kind, limit=limit, offset=offset)
    _notes(result.notes)
    if format == "json":
        emit_json(result.to_dict())
        return
    console.print(f"“{escape(query)}”：{result.total_docs} 份报告，共 {result.total_hits} 处", highlight=False)
    first, last = result.offset + 1, result.offset + len(result.results)
    for i, r in enumerate(result.results, first):
        console.print(f"\n[bold]{i}. {escape(r.title or r.doc_id)}[/bold]  [dim]{r.doc_id} · {r.year or ''} · "
                      f"{escape(r.region or '')} · {r.hits} 处 · {r.score:.3f}[/dim]", highlight=False)
        for sn in r.snippets:
            console.print(f"   …{_highlighted(sn.text, sn.start, sn.highlights)}…  [dim][{sn.start}-{sn.end}][/dim]", highlight=False)
    if result.results:
        console.print(f"\n[dim]第 {first}–{last} 份，共 {result.total_docs} 份；下一页：--offset {last}[/dim]" if last < result.total_docs
                      else f"\n[dim]第 {first}–{last} 份，共 {result.total_docs} 份[/dim]", highlight=False)
    for name, label in (("year", "年份"), ("region", "地区"), ("level", "级别"), ("kind", "类别")):
        values = result.facets.get(name) or {}
        if values:
            shown = "，".join(f"{k or '未知'} {v}" for k, v in list(values.items())[:12])
            more = "…" if len(values) > 12 else ""
            console.print(f"[dim]{label}：{escape(shown)}{more}[/dim]", highlight=False)


@app.command("find")
def find_cmd(
    doc_id: str = typer.Argument(..., help="Document id (see `baogao list`)."),
    query: str = typer.Argument(..., help="What to find (same matching as search)."),
    format: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """文内查找 Every occurrence of QUERY in one document, in order. JSON: {"count", "spans": [[start, end], ...]}."""
    check_format(format, ("table", "json"))
    with get_db().session() as s:
        found = svc.find(s, doc_id, query)
        text = svc.libsvc.get_text(s, doc_id) if format == "table" else ""
    _notes(found.notes)
    if format == "json":
        emit_json(found.to_dict())
        return
    emit_table(
        ((f"{i}/{found.count}", sp.start, sp.end, escape(text[max(0, sp.start - 15):sp.start].replace("\n", " ")),
          escape(text[sp.start:sp.end]), escape(text[sp.end:sp.end + 15].replace("\n", " ")))
         for i, sp in enumerate(found.spans, 1)),
        ["#", "start", "end", "前文", "匹配", "后文"],
        title=f"{doc_id}：{found.count} 处",
    )


@app.command("kwic")
def kwic_cmd(
    query: str = typer.Argument(..., help="Words or phrases (same syntax as search)."),
    window: int = typer.Option(20, help="Characters of context on each side (within the paragraph)."),
    region: Optional[str] = typer.Option(None, help=_REGION),
    level: Optional[str] = typer.Option(None, help=_LEVEL),
    year: Optional[str] = typer.Option(None, help=_YEAR),
    kind: Optional[str] = typer.Option(None, help=_KIND),
    limit: Optional[int] = typer.Option(None, help="At most this many lines."),
    format: str = typer.Option("table", "--format", "-f", help="table | csv | json"),
) -> None:
    """上下文索引 Keyword in context: one line per occurrence (left, match, right, document, span)."""
    check_format(format, ("table", "csv", "json"))
    with get_db().session() as s:
        lines = svc.kwic(s, query, window=window, limit=limit, region=region, level=level, year=year, kind=kind)
    if format == "json":
        emit_json([ln.to_dict() for ln in lines])
    elif format == "csv":
        emit_csv([ln.row() for ln in lines], KWIC_COLUMNS)
    else:
        emit_table(((ln.doc_id, ln.start, escape(ln.left), escape(ln.match), escape(ln.right)) for ln in lines),
                   ["文档", "位置", "前文", "匹配", "后文"], title=f"{len(lines)} 行")


@app.command("count")
def count_cmd(
    query: str = typer.Argument(..., help="Words or phrases (same syntax as search)."),
    by: str = typer.Option("year", "--by", help="year | region | level | document"),
    per: Optional[str] = typer.Option(None, "--per", help="Also give occurrences per this many characters, e.g. 10k."),
    region: Optional[str] = typer.Option(None, help=_REGION),
    level: Optional[str] = typer.Option(None, help=_LEVEL),
    year: Optional[str] = typer.Option(None, help=_YEAR),
    kind: Optional[str] = typer.Option(None, help=_KIND),
    format: str = typer.Option("table", "--format", "-f", help="table | json | csv"),
) -> None:
    """词频统计 Occurrences by year, region, level or document, raw and per N characters (--per 10k)."""
    check_format(format, ("table", "json", "csv"))
    with get_db().session() as s:
        out = svc.count(s, query, by=by, per=per, region=region, level=level, year=year, kind=kind)
    _notes(out["notes"])
    if format == "json":
        emit_json(out)
        return
    cols = ["key", "label", "documents", "matched_documents", "hits", "chars"] + (["per"] if out["per"] else [])
    if format == "csv":
        emit_csv(out["rows"], cols)
        return
    per_label = f"每{out['per']:,}字" if out["per"] else None
    emit_table(((r["label"], r["documents"], r["matched_documents"], r["hits"], r["chars"])
                + ((f"{r['per']:.3f}",) if per_label else ()) for r in out["rows"]),
               ["分组", "文档", "出现的文档", "次数", "字数"] + ([per_label] if per_label else []),
               title=f"“{query}”：共 {out['total_hits']} 次，{out['total_docs']} 份文档")


@app.command("reindex")
def reindex_cmd(format: str = typer.Option("text", "--format", "-f", help="text | json")) -> None:
    """重建索引 Rebuild the search index from the library (then `baogao check` verifies it)."""
    check_format(format, ("text", "json"))
    import time

    started = time.perf_counter()
    with get_db().session() as s:
        info = svc.reindex(s)
    info["seconds"] = round(time.perf_counter() - started, 2)
    if format == "json":
        emit_json(info)
        return
    console.print(f"已重建搜索索引：{info['documents']} 份文档，{info['tokens']:,} 个二元词元"
                  f"（{info['engine']}，版本 {info['version']}，{info['seconds']} 秒）", highlight=False)
