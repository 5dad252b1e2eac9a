"""问答 in the web app: ``POST /api/v1/ask`` (JSON) and the ``/partials/ask`` fragment that the
question box (templates/partials/_ask_box.html) loads.

Both return the one answer object of ``baogao.services.ask`` (the CLI's ``--format json``).
Asking changes nothing, so no CSRF token is needed; the question is at most 500 characters.
"""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from baogao.web.deps import AppSettings, CurrentUser, DbSession
from baogao.web.render import render

router = APIRouter()


class AskRequest(BaseModel):
    question: str = Field(..., min_length=1, max_length=500, description="问题，如：黄浦区2025年地区生产总值增长目标是多少？")
    doc_id: Optional[str] = Field(None, max_length=80, description="只在这份文档中回答")
    region: Optional[str] = Field(None, max_length=40, description="只在这个地区（含下级地区）的报告中回答：上海 / 310000")
    year: Optional[int] = Field(None, ge=1949, le=2100, description="问题所问的年份")
    context: Optional[str] = Field(None, max_length=2000, description="阅读器中选中的原文（作为提问的上下文）")


@router.post("/api/v1/ask", tags=["问答"], summary="问答：带核查引文的回答（JSON 请求体）")
def ask_api(body: AskRequest, session: DbSession, settings: AppSettings) -> dict:
    """{question, status: answered|not_found, answer, mode: facts|extractive|llm,
    citations: [{doc_id, span: [start, end], quote, link, highlight?}], check, note, table?, passages?}."""
    from baogao.services import ask as ask_service

    return ask_service.answer_dict(session, body.question, doc_id=body.doc_id or None, region=body.region or None,
                                   year=body.year, settings=settings, context=body.context or None)


def answer_view(answer) -> dict | None:
    """The answer dict plus each citation's quote cut around its highlight (for <mark>)."""
    if answer is None:
        return None
    data = answer.to_dict()
    for c, cite in zip(data["citations"], answer.citations):
        quote = cite.quote
        if cite.highlight and cite.start <= cite.highlight[0] <= cite.highlight[1] <= cite.end:
            a, b = cite.highlight[0] - cite.start, cite.highlight[1] - cite.start
            c["parts"] = [quote[:a], quote[a:b], quote[b:]] if (a, b) != (0, len(quote)) else ["", quote, ""]
        else:
            c["parts"] = [quote, "", ""]
    return data


@router.get("/partials/ask", include_in_schema=False)
def ask_partial(request: Request, session: DbSession, settings: AppSettings, user: CurrentUser,
                q: str = Query("", max_length=500), doc: str = Query("", max_length=80),
                region: str = Query("", max_length=40), year: str = Query("", max_length=4),
                context: str = Query("", max_length=2000)):
    from baogao.services import ask as ask_service

    answer = None
    if q.strip():
        answer = ask_service.ask(session, q.strip(), doc_id=doc or None, region=region or None,
                                 year=int(year) if year.isdigit() else None, settings=settings, context=context or None)
    return render(request, "partials/_ask_answer.html", {"answer": answer_view(answer), "q": q})
