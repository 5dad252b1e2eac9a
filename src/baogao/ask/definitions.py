"""Definition questions (X是什么, “四库”指的是什么): the report's 名词解释 glossary entry, else a
sentence of the reports that defines the term."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.ask.extractive import citation
from baogao.ask.model import ANSWERED, Answer, Citation, MODE_EXTRACTIVE
from baogao.ask.question import DEFINITION, Question
from baogao.ask.retrieve import DocMeta, Retrieval
from baogao.ask.sentences import SENTENCE, sentences
from baogao.store.schema import GlossaryRow
from baogao.text.normalize import normalize


_QUOTES = "“”\"「」『』‘’'《》"


def _bare(term: str) -> str:
    return normalize("".join(ch for ch in term if ch not in _QUOTES)).strip()


def answer_definition(session: Session, q: Question, docs: list[DocMeta], r: Retrieval, *, exact_only: bool = False) -> Answer | None:
    """The glossary entry for the term, or a sentence that defines it; None if neither."""
    if not q.term:
        return None
    want = _bare(q.term)
    in_scope = {d.id for d in docs}
    # the distinct terms of the whole glossary first (few, even in a large library; no long IN
    # lists of documents), then only the rows of the wanted terms, kept when in scope
    terms = set(session.scalars(select(GlossaryRow.term).distinct()))
    bare = {t: _bare(t) for t in terms}
    exact_terms = {t for t, b in bare.items() if b == want}
    loose_terms = {t for t, b in bare.items() if want and len(want) >= 2 and (want in b or (b in want and len(b) >= max(2, len(want) - 2)))}
    if q.subterm and not exact_terms and not exact_only:
        # "黄浦打造的“1+N”零工市场，其中的“1”…": the whole is named with words around it; the
        # longest glossary term inside it is the whole
        inside = sorted((t for t, b in bare.items() if len(b) >= 3 and b in want), key=lambda t: -len(bare[t]))
        if inside:
            loose_terms = {t for t in inside if bare[t] == bare[inside[0]]}
    if q.subterm and not exact_terms and not loose_terms and not exact_only:
        # “四旁”绿化的“四旁”: the entry may gloss several quoted terms at once (“四旁”、“五边”)
        part = "“" + _bare(q.subterm) + "”"
        loose_terms = {t for t in terms if part in normalize(t).replace('"', "“")}
    wanted = exact_terms if exact_only else (exact_terms | loose_terms)
    rows = []
    if wanted:
        rows = [g for g in session.scalars(select(GlossaryRow).where(GlossaryRow.term.in_(sorted(wanted)))
                                           .order_by(GlossaryRow.id)) if g.document_id in in_scope]
    exact = [g for g in rows if g.term in exact_terms]
    loose = [g for g in rows if g.term in loose_terms]
    hits = exact if exact_only else (exact or loose)
    sub = _bare(q.subterm) if q.subterm else None

    def rank(g: GlossaryRow) -> tuple:
        # an entry that names the whole term (“四库五课”教育资源体系 for 四库五课) before one that is
        # only a part of it (四库); one that glosses the part asked about; with no year asked, the
        # newest report's (the same term is glossed again each year)
        meta = r.docs.get(g.document_id)
        return (want not in bare[g.term], bool(sub) and sub not in normalize(g.definition or ""),
                0 if q.years else -((meta.year or 0) if meta else 0))

    hits.sort(key=rank)
    if hits:
        from baogao.ask.retrieve import load_texts

        g = hits[0]
        texts = load_texts(session, [g.document_id])
        r.texts.update(texts)
        text = texts[g.document_id][0]
        meta = r.docs.get(g.document_id)
        highlight = (g.definition_start, g.definition_end)
        if q.subterm:  # the sentence of the definition about the part asked for, when it has one
            norm = normalize(text[g.definition_start : g.definition_end])
            for m in SENTENCE.finditer(norm):
                if _bare(q.subterm) in m.group(0):
                    highlight = (g.definition_start + m.start(), g.definition_start + m.end())
                    break
        cite = Citation(g.document_id, g.definition_start, g.definition_end, text[g.definition_start : g.definition_end],
                        meta.title if meta else None, meta.year if meta else None, meta.region_name if meta else None,
                        highlight=highlight)
        answer = f"{text[g.term_start:g.term_end]}：{text[g.definition_start:g.definition_end]}"
        return Answer(q.text, ANSWERED, answer, MODE_EXTRACTIVE, citations=[cite], kind=DEFINITION,
                      note="出自报告所附名词解释")
    if exact_only:
        return None
    # a sentence that defines it in the text: 「X」是指… / X，即… / X是…
    # (a few characters may stand between: 实施“三美联动”建设,即从…)
    pat = _defining(want)
    if q.subterm:  # the part asked about: “四库”即…, “1”指…
        pat = _defining(_bare(q.subterm), quoted=True)
    for p in r.passages[:20]:
        text, norm = r.texts[p.doc_id]
        for s, e in sentences(p):
            m = pat.search(norm[s:e])
            if m:
                cite = citation(r, p.doc_id, s, e, (s + m.start(), e))
                return Answer(q.text, ANSWERED, text[s:e].strip(), MODE_EXTRACTIVE, citations=[cite], kind=DEFINITION)
    return None


def _defining(want: str, quoted: bool = False) -> re.Pattern:
    """A sentence that defines ``want``: 「X」是指… / X，即… / X是… (a few characters may stand
    between: 实施“三美联动”建设,即从…). A quoted part (“1”指…) must stand in its quotes: a bare
    1 or 四库 is part of too many other words."""
    if quoted:
        return re.compile(r"[“「\"]" + re.escape(want) + r"[”」\"](?:[，,]?(?:是指|即|指的是|指|是|为|包括|[:：]))")
    # 包括 / 为 only right after the term or its quotes: “X”包括…, X为…; a parenthesis after it
    # glosses it (“两基”(基本普及九年义务教育…)) unless it says who leads or when (牵头单位, 2025—2027年)
    return re.compile(re.escape(want) + r"[”」\"]?(?:[，,]?(?:是指|即|指的是|指|是)|[”」\"]?(?:主要)?(?:包括|包含|为)|[”」\"]?[（(](?!牵头|责任|主办|负责|\d)[^）)]{4,}[）)]"
                      r"|[^，,。；;！？\s“”]{0,4}[，,]?(?:是指|即|指的是|就是))")
