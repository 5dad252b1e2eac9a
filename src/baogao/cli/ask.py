"""`baogao ask`: answers from the reports, with checked citations."""

from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape

from baogao.cli.app import app, check_format, console, emit_json, emit_table, get_db, get_settings
from baogao.services import ask as ask_svc

MODE_ZH = {"facts": "事实库（抽取的目标与实绩）", "extractive": "原文摘录（离线）", "llm": "大模型（已核查引用与数字）"}


@app.command("ask")
def ask_cmd(
    question: str = typer.Argument(..., help="The question, e.g. 黄浦区2025年地区生产总值增长目标是多少？"),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document (id)."),
    region: Optional[str] = typer.Option(None, "--region", help="Only this region (name or code; includes the regions inside it)."),
    year: Optional[str] = typer.Option(None, "--year", help="The year the question is about."),
    format: str = typer.Option("text", "--format", "-f", help="text | json"),
) -> None:
    """问答 Ask the reports a question; the answer cites the sentences it comes from.

    Offline by default (facts and extractive answers). With BAOGAO_LLM_BASE_URL and
    BAOGAO_LLM_MODEL set, an OpenAI-compatible model answers from numbered passages; its
    citations and numbers are checked and a failing answer is replaced by the extractive one.
    JSON: {"question", "status": "answered"|"not_found", "answer", "mode", "citations":
    [{"doc_id", "span": [start, end], "quote"}], "check": {...}}.
    """
    check_format(format, ("text", "json"))
    answer = ask_svc.ask(get_db(), question, doc_id=doc, region=region, year=year, settings=get_settings())
    if format == "json":
        emit_json(answer.to_dict())
        return
    _print(answer)


def _quote_with_highlight(c) -> str:
    if c.highlight and c.start <= c.highlight[0] <= c.highlight[1] <= c.end:
        a, b = c.highlight[0] - c.start, c.highlight[1] - c.start
        if (a, b) != (0, len(c.quote)):
            return escape(c.quote[:a]) + "[bold yellow]" + escape(c.quote[a:b]) + "[/bold yellow]" + escape(c.quote[b:])
    return escape(c.quote)


def _print(answer) -> None:
    label = "答" if answer.status == "answered" else "未找到"
    console.print(f"[bold]{label}[/bold]：{escape(answer.answer)}", highlight=False)
    console.print(f"[dim]方式：{MODE_ZH.get(answer.mode, answer.mode)}[/dim]", highlight=False)
    if answer.note:
        console.print(f"[yellow]注意[/yellow]：{escape(answer.note)}", highlight=False)
    if answer.table:
        emit_table(((r.get("region") or "", r.get("year") or "", r.get("figure") or "", r.get("doc_id") or "") for r in answer.table),
                   ["地区", "年份", "数字", "文档"])
    if answer.citations:
        console.print("\n[bold]引用[/bold]")
        for i, c in enumerate(answer.citations, 1):
            marker = c.marker if c.marker is not None else i
            console.print(f"[{marker}] {escape(c.title or c.doc_id)}  [dim]{c.doc_id} {c.start}-{c.end}  {c.span.link()}[/dim]", highlight=False)
            console.print("    “" + _quote_with_highlight(c) + "”", highlight=False)
    elif answer.passages:
        console.print("\n[bold]最接近的段落[/bold]")
        for p in answer.passages[:3]:
            console.print(f"- {escape(p.title or p.doc_id)}  [dim]{p.doc_id} {p.start}-{p.end}[/dim]", highlight=False)
            console.print("    “" + escape(p.text[:160]) + ("…" if len(p.text) > 160 else "") + "”", highlight=False)
