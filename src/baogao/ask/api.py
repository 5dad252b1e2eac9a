"""The Python API: ``Library.ask(question, doc=None, region=None, year=None) -> Answer``."""

from __future__ import annotations

from baogao.ask.model import Answer


class AskMixin:
    def ask(self, question: str, doc: str | None = None, region: str | None = None, year: int | str | None = None) -> Answer:
        """Answer a question from the reports; ``Answer.to_dict()`` is the CLI's JSON."""
        from baogao.services import ask as svc

        return svc.ask(self.db, question, doc_id=doc, region=region, year=year, settings=self.settings)  # type: ignore[attr-defined]
