"""Question answering with checked citations (see baogao.ask): the service the web app, the API,
the CLI and the Python API call.

    ask(db_or_session, question, *, doc_id=None, region=None, year=None, settings) -> Answer
    answer_dict(...)  -> the same answer as one JSON-ready dict (CLI --format json, /api/v1/ask)
"""

from __future__ import annotations

from baogao.ask.model import Answer
from baogao.ask.service import ask, verify_citations

__all__ = ["ask", "answer_dict", "verify_citations", "Answer"]


def answer_dict(db_or_session, question: str, **kwargs) -> dict:
    return ask(db_or_session, question, **kwargs).to_dict()
