"""Find the passages that may answer a question.

1. Scope: the documents the question is about (its region, its year — a report reviews the
   year before it, so a question about 2024 also looks in the 2025 report —, or one document).
2. Candidates: paragraphs containing the question's content words. The search index gives
   them when it is installed (exact, bigram-indexed); otherwise a scan of the normalized texts
   of the documents in scope.
3. Ranking suited to questions: the share of the question's content words (weighted by how
   rare they are in the scope) a paragraph contains, with half credit for words in its
   section heading, a bonus for question words that stand next to each other in the text
   too, and small boosts for the year and region the question names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.ask.absent import PARAPHRASE_FACTOR, decomposed_credit, noun_like, parts_in_scope
from baogao.ask.model import Passage
from baogao.ask.split_names import output_name, output_product, paragraph_headline, split_name
from baogao.ask.question import Question
from baogao.services.library import NATIONAL_CODE
from baogao.store.schema import Document, ParagraphRow, SectionRow
from baogao.text.normalize import normalize

# Words the reports use for what a question calls something else: data, in
# baogao/data/ask_words.yaml (``synonyms``), extendable by the user (see baogao.ask.words).


MAX_PASSAGE = 600
PART_CREDIT = 0.4  # a merged phrase (低空经济) whose words appear apart counts this much at most  # characters: longer paragraphs are cut to a window around the matches


@dataclass
class DocMeta:
    id: str
    title: str | None
    year: int | None
    region_code: str | None
    region_name: str | None
    level: str | None


@dataclass
class Retrieval:
    passages: list[Passage]
    docs: dict[str, DocMeta]
    weights: dict[str, float]  # keyword -> weight
    groups: dict[str, list[str]]  # keyword -> normalized alternatives
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc id -> (text, norm)
    n_candidates: int = 0
    parts: dict[str, list[str]] = field(default_factory=dict)  # merged phrase -> its words
    # absent compound (its key) -> the word, or [(report word for it, its pieces in scope), ...]
    decomposed: dict[str, object] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)  # keywords no document in scope contains

    def partial(self, kw: str, text: str) -> float:
        """Credit (0..PART_CREDIT) for a phrase that is absent but some of whose words are there."""
        words = self.parts.get(kw)
        if not words:
            return 0.0
        return _part(words, text, self.decomposed.get(kw))


def scope_documents(session: Session, q: Question) -> list[DocMeta]:
    """Documents in the question's scope (region, year, document): from the search index's
    per-process copy of the document table when it is current, else filtered in SQL."""
    from sqlalchemy import or_

    cols = (Document.id, Document.title, Document.year, Document.region_code, Document.region_name, Document.region_level)

    def fetch(*where) -> list[DocMeta]:
        return [DocMeta(*row) for row in session.execute(select(*cols).where(*where))]

    if q.doc_id:
        return fetch(Document.id == q.doc_id)
    every = _all_documents(session)
    if not q.regions and not q.all_provinces:
        return _by_year(q, every if every is not None else fetch())
    if every is not None:
        if q.regions:
            codes = {r.code for r in q.regions}
            prefixes = tuple(r.prefix for r in q.regions if r.prefix)
            docs = [d for d in every if d.region_code in codes or (prefixes and (d.region_code or "").startswith(prefixes))]
        else:
            docs = [d for d in every if d.level == "province"]
    else:
        where = []
        if q.regions:
            conds = []
            for r in q.regions:
                conds.append(Document.region_code == r.code)
                if r.prefix:  # the regions inside it too (上海 includes 黄浦区)
                    conds.append(Document.region_code.like(r.prefix + "%"))
            where.append(or_(*conds))
        elif q.all_provinces:
            where.append(Document.region_level == "province")
        docs = fetch(*where)
    if q.regions:  # the region's own reports first
        codes = [r.code for r in q.regions]
        docs.sort(key=lambda d: (codes.index(d.region_code) if d.region_code in codes else len(codes)))
    return _by_year(q, docs)


def _all_documents(session: Session) -> list[DocMeta] | None:
    """Every document, from the search index's per-process copy of its document table."""
    from baogao.ask.passages import usable

    if session.new or session.dirty or session.deleted or not usable(session):
        return None
    from baogao.search.docs import library
    from baogao.search.schema import search_docs

    from sqlalchemy import func

    lib = library(session)
    top = session.scalar(select(func.max(search_docs.c.num)))
    if len(lib.docs) != session.scalar(select(func.count()).select_from(Document)) or max(lib.docs, default=None) != top:
        return None  # documents not in the index yet, or a cached copy of another library
    every = lib.scopes.get("ask-documents")  # built once per library generation (the cache is its)
    if every is None:
        every = [DocMeta(d.id, d.title, d.year, d.region_code, d.region_name, d.level) for d in lib.docs.values()]
        lib.scopes["ask-documents"] = every
    return list(every)


def _by_year(q: Question, docs: list[DocMeta]) -> list[DocMeta]:
    if q.report_of:  # the report named by its year, about another year
        of_report = [d for d in docs if d.year == q.report_of]
        if not of_report:
            q.missing_years = [q.report_of]
        return of_report or docs
    if q.years:
        wanted = set(q.years) | {y + 1 for y in q.years}
        if (q.fact_kind == "target" or q.report_year) and any(d.year in q.years for d in docs):
            wanted = set(q.years)  # a year's targets are set in that year's report
        elif q.report_year and q.fact_kind == "target":
            # "湖南省2024年政府工作报告定的…目标": that year's report, which the library lacks;
            # the next year's report reviews the year, it does not set its targets
            wanted = set(q.years)
        in_years = [d for d in docs if d.year in wanted]
        if in_years:
            docs = in_years
        else:
            q.missing_years = [y for y in q.years]
    return docs


_GROWTH_NAMES = {"gdp_growth": ("经济增长速度", "经济增速")}


HEAD_FETCH_DOCS = 4  # scopes this small also fetch the paragraphs holding an indicator's head word


def keyword_groups(q: Question) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    from baogao.ask.words import load_words

    words = load_words()
    for kw in q.keywords:
        groups[kw] = words.alternatives(kw)
    if q.plan_period in groups and len(q.plan_period) == 2:
        # “十五” is inside “十五五”: only its written forms (“十五”, 十五期间, 十五计划 …) are it
        p = q.plan_period
        groups[p] = [f"“{p}”", f'"{p}"', *(p + w for w in ("期间", "时期", "计划", "规划", "末", "以来"))]
    if q.indicator and q.indicator_words:
        word = q.indicator_words[0]
        # the indicator replaces the words it is made of (地区/生产总值/增长 -> one group)
        for kw in list(groups):
            if kw in word and kw != word:
                groups.pop(kw)
        from baogao.ask.question import indicator_aliases

        alts = [a for a in indicator_aliases().get(q.indicator, []) if len(a) >= 2]
        from baogao.ask.answer_facts import asked_measure, measures_by_alias

        measure = asked_measure(q)
        if measure:  # 登记失业率 is not 调查失业率: only the names of the measure asked for
            by_alias = measures_by_alias().get(q.indicator, {})
            alts = [a for a in alts if by_alias.get(normalize(a)) == measure] or alts
        core = [a for a in alts if not re.search(r"增长|增速", a)] or alts
        if q.indicator.endswith("_growth"):
            # 经济增长速度8％, 全省经济增速6%: the rate's own names (经济增长 alone is any growth)
            core += [normalize(a) for a in _GROWTH_NAMES.get(q.indicator, ())]
        groups[word] = list(dict.fromkeys(normalize(a) for a in [word, *core, *words.alternatives(word)]))
        if q.indicator.endswith("_growth") or re.search(r"增长|增速", word):
            groups.setdefault("增长", ["增长", "增速"])
    for y in q.missing_years:
        groups[f"{y}年"] = [f"{y}年", f"{y}"]
    return groups


def _merge_phrases(q: Question, groups: dict[str, list[str]], exists, parts: dict[str, list[str]],
                   absent: set[str] | frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Jieba splits words it does not know (低空经济 -> 低空 + 经济): two adjacent question words
    that occur together in the texts in scope are one phrase. Where it cut across a word (年终结余 ->
    年 / 终结 / 余是) and one of the two is in no text, the word across the cut that the texts
    have stands for them (结余)."""
    from baogao.ask.words import load_words

    keys = list(groups)
    out: dict[str, list[str]] = {}
    i = 0
    while i < len(keys):
        a = keys[i]
        if i + 1 < len(keys):
            b = keys[i + 1]
            phrase = normalize(a + b)
            if len(groups[a]) == 1 and len(groups[b]) == 1 and phrase in q.norm and exists(phrase):
                out[a + b] = list(dict.fromkeys([phrase, *load_words().alternatives(phrase)]))  # 每年平均 = 平均每年
                parts[a + b] = [normalize(a), normalize(b)]
                i += 2
                continue
            across = _word_across(a, b, exists) if (a in absent or b in absent) and phrase in q.norm else None
            if across:
                for kw in (a, b):
                    if kw not in absent and kw not in across:
                        out[kw] = groups[kw]
                out[across] = load_words().alternatives(across)
                i += 2
                continue
        out[a] = groups[a]
        i += 1
    return out


def _word_across(a: str, b: str, exists) -> str | None:
    """A dictionary word of ``a + b`` that spans the cut between them and is in the texts."""
    import rjieba

    joined = a + b
    for w in sorted(set(rjieba.cut_all(joined)), key=len, reverse=True):
        at = joined.find(w)
        if len(w) >= 2 and at < len(a) < at + len(w) and exists(normalize(w)):
            return normalize(w)
    return None


def _positions(norm: str, alts: list[str]) -> list[int]:
    out: list[int] = []
    for a in alts:
        if not a:
            continue
        i = norm.find(a)
        while i >= 0:
            out.append(i)
            i = norm.find(a, i + 1)
    out.sort()
    return out


def _paragraph_spans(session: Session, doc_ids: list[str], texts: dict[str, tuple[str, str]]) -> dict[str, list[tuple[int, int, int, int | None]]]:
    """doc id -> [(ordinal, start, end, section ordinal)], paragraphs as stored or text lines."""
    out: dict[str, list[tuple[int, int, int, int | None]]] = {d: [] for d in doc_ids}
    for chunk in _chunks(doc_ids, 500):
        rows = session.execute(
            select(ParagraphRow.document_id, ParagraphRow.ordinal, ParagraphRow.start, ParagraphRow.end,
                   ParagraphRow.section_ordinal, ParagraphRow.kind)
            .where(ParagraphRow.document_id.in_(chunk))
            .order_by(ParagraphRow.document_id, ParagraphRow.start)
        )
        for doc_id, ordinal, start, end, sec, kind in rows:
            out[doc_id].append((ordinal, start, end, sec))
    for doc_id, spans in out.items():
        if not spans and doc_id in texts:
            text = texts[doc_id][0]
            pos = 0
            for n, line in enumerate(text.split("\n")):
                if line.strip():
                    spans.append((n, pos, pos + len(line), None))
                pos += len(line) + 1
    return out


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _section_titles(session: Session, doc_ids: list[str]) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for chunk in _chunks(doc_ids, 500):
        for doc_id, ordinal, title in session.execute(
            select(SectionRow.document_id, SectionRow.ordinal, SectionRow.title).where(SectionRow.document_id.in_(chunk))
        ):
            out[(doc_id, ordinal)] = normalize(title or "")
    return out


_REVIEW_PART = re.compile(r"回顾|过去一年|过去五年|工作总结")
_PLAN_PART = re.compile(r"总体要求|政策取向|工作任务|重点工作|工作安排|工作计划|工作部署|总体部署|目标任务|主要预期目标"
                        r"|对今年政府工作的建议")


def _report_parts(session: Session, doc_ids: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    """doc id -> [(start, end, "review" | "plan")]: the top-level parts of a report that review
    the past (一、2024年工作回顾) or set out the plan (二、2025年工作安排)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for chunk in _chunks(doc_ids, 500):
        for doc_id, start, end, title in session.execute(
            select(SectionRow.document_id, SectionRow.start, SectionRow.end, SectionRow.title)
            .where(SectionRow.document_id.in_(chunk), SectionRow.parent_ordinal.is_(None))
        ):
            title = normalize(title or "")
            part = "review" if _REVIEW_PART.search(title) else "plan" if _PLAN_PART.search(title) else None
            if part:
                out.setdefault(doc_id, []).append((start, end, part))
    return out


def _glossary_terms(session: Session, doc_ids: list[str]) -> dict[tuple[str, int], str]:
    """(doc id, definition start) -> the term it defines: a glossary definition is about its term."""
    from baogao.store.schema import GlossaryRow

    out: dict[tuple[str, int], str] = {}
    for chunk in _chunks(doc_ids, 500):
        for doc_id, start, term in session.execute(
            select(GlossaryRow.document_id, GlossaryRow.definition_start, GlossaryRow.term).where(GlossaryRow.document_id.in_(chunk))
        ):
            out[(doc_id, start)] = normalize(term or "")
    return out


def _candidate_docs(session: Session, q: Question, docs: list[DocMeta], groups: dict[str, list[str]]) -> list[str] | None:
    """Documents that contain at least one keyword, from the search index when it is there."""
    try:
        from baogao.services import search as search_svc  # type: ignore
    except Exception:
        return None
    finder = getattr(search_svc, "documents_containing", None)
    if finder is None:
        return None
    scope = {d.id for d in docs}
    found: set[str] = set()
    try:
        for alts in groups.values():
            for a in alts:
                if len(a) >= 2:
                    found |= set(finder(session, a, doc_ids=scope))
    except Exception:
        return None
    return [d for d in (x.id for x in docs) if d in found]


def load_texts(session: Session, doc_ids: list[str]) -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(doc_ids, 200):
        for doc_id, text, norm in session.execute(select(Document.id, Document.text, Document.norm_text).where(Document.id.in_(chunk))):
            texts[doc_id] = (text, norm)
    return texts


class Texts(dict):
    """doc id -> (text, norm), read from the store the first time a document is asked for."""

    def __init__(self, session: Session, *args):
        super().__init__(*args)
        self._session = session

    def __missing__(self, doc_id: str) -> tuple[str, str]:
        got = load_texts(self._session, [doc_id])
        if doc_id not in got:
            raise KeyError(doc_id)
        self[doc_id] = got[doc_id]
        return got[doc_id]


def _factor(kw: str) -> float:
    """Words the question only needs to be in scope, not in the passage (cue words: 目标, 增长,
    计划 …, see data/ask_words.yaml), weigh less; a phrase merged from cue words too."""
    from baogao.ask.words import load_words

    words = load_words()
    f = words.factor(kw)
    if f == 1.0:
        for i in range(2, len(kw) - 1):
            if words.factor(kw[:i]) < 1.0 and words.factor(kw[i:]) < 1.0:
                return words.factor(kw[:i])
    return f


class _Boosts(dict):
    """doc id -> _doc_boost, computed on first use (a scope can be the whole library)."""

    def __init__(self, q: Question, meta: dict[str, DocMeta]) -> None:
        super().__init__()
        self.q, self.meta = q, meta

    def __missing__(self, doc_id: str) -> float:
        d = self.meta.get(doc_id)
        value = _doc_boost(self.q, d) if d is not None else 0.0
        self[doc_id] = value
        return value

    def get(self, doc_id, default=None):  # type: ignore[override]
        return self[doc_id] if doc_id in self.meta else default


def _doc_boost(q: Question, d: DocMeta) -> float:
    boost = 0.0
    if q.years and d.year is not None:
        if q.fact_kind == "target" and d.year in q.years:
            boost += 0.06
        elif q.fact_kind != "target" and (d.year - 1) in q.years:
            boost += 0.04
        elif d.year in q.years:
            boost += 0.03
    if q.regions and any(d.region_code == r.code for r in q.regions):
        boost += 0.03
    elif not q.regions and not q.all_provinces and not q.doc_id and d.region_code == NATIONAL_CODE:
        boost += 0.05  # no region named: the State Council's report first
    if not q.years and d.year:
        boost += 0.002 * max(0, d.year - 2000) / 26  # newer reports first on ties
    return boost


def _scan_paragraphs(session: Session, q: Question, docs: list[DocMeta], groups: dict[str, list[str]]):
    """Without the search index: read the texts in scope, keep the paragraphs with a keyword."""
    from baogao.ask.passages import Paragraph

    doc_ids = _candidate_docs(session, q, docs, groups)
    if doc_ids is None:
        doc_ids = [d.id for d in docs]
    texts = load_texts(session, doc_ids)
    words = [a for alts in groups.values() for a in alts if a]
    hit_docs = [d for d, (_, norm) in texts.items() if any(w in norm for w in words)]
    paras = _paragraph_spans(session, hit_docs, texts)
    out = []
    for doc_id in hit_docs:
        text, norm = texts[doc_id]
        for ordinal, start, end, sec in paras[doc_id]:
            pnorm = norm[start:end]
            if any(w in pnorm for w in words):
                out.append(Paragraph(doc_id, ordinal, start, end, sec, text[start:end], pnorm))
    n_paras = sum(len(v) for v in paras.values())
    return out, texts, hit_docs, n_paras


def retrieve(session: Session, q: Question, *, limit: int = 8, docs: list[DocMeta] | None = None) -> Retrieval:
    from baogao.ask import passages as idx

    docs = scope_documents(session, q) if docs is None else docs
    groups = keyword_groups(q)
    meta = {d.id: d for d in docs}
    if not docs or not groups:
        return Retrieval([], meta, {}, groups, Texts(session))
    boosts = _Boosts(q, meta)  # computed for the documents that hold a question word only
    absent, pieces = _absent_words(session, docs, groups)
    fetch = dict(groups)
    for kw, found in pieces.items():  # paragraphs holding the pieces of an absent compound, too
        fetch[kw + "\x00pieces"] = list(dict.fromkeys(w for _, ws in found for w in ws))
    headed: set[str] = set()
    if q.indicator_words and len(docs) <= HEAD_FETCH_DOCS:
        # the indicator's head word alone (总产量), for a paragraph whose headline names the rest
        # (——粮食生产再创新高。…总产量达到853.2亿斤); a few documents only, it is a common word
        word = q.indicator_words[0]
        heads = [kw for kw in q.keywords if kw != word and word.endswith(kw) and len(kw) >= 2]
        heads += [p for p in [output_product(word)] if p]  # 粮食 of 粮食产量 (粮食增加了…亿斤)
        if heads and word in groups:
            fetch[word + "\x00head"] = heads
            headed.add(word)
    found = idx.candidates(session, [d.id for d in docs], fetch, factor=_factor, bonus=boosts)
    texts = Texts(session)
    if found is not None:
        candidates, hit_docs = found.paragraphs, sorted(found.docs)

        def exists(phrase: str) -> bool:
            known = idx.phrase_in_scope(session, phrase, [d.id for d in docs])
            return bool(known) if known is not None else any(phrase in p.norm for p in candidates)

        n_paras = idx.paragraph_count(session, hit_docs) if not found.truncated else 0
    else:
        candidates, full, hit_docs, n_paras = _scan_paragraphs(session, q, docs, groups)
        texts.update(full)

        def exists(phrase: str) -> bool:
            return any(phrase in n for _, n in full.values())

    parts: dict[str, list[str]] = {}
    groups = _merge_phrases(q, groups, exists, parts, absent)
    decomposed = {kw: pieces[kw] for kw in pieces if kw in groups}
    for kw in decomposed:
        parts[kw] = list(dict.fromkeys(w for _, ws in pieces[kw] for w in ws))
    # occurrences of every keyword group in every candidate paragraph
    per_para: list[tuple[object, dict[str, int]]] = []
    df = {kw: 0 for kw in groups}
    counted = []
    with_phrase: set[tuple[str, str]] = set()  # (doc, merged phrase) present somewhere in the doc
    for p in candidates:
        counts = {}
        for kw, alts in groups.items():
            c = len(_positions(p.norm, alts))
            if c:
                counts[kw] = c
                if kw in parts:
                    with_phrase.add((p.doc_id, kw))
            elif kw in headed and (split_name(alts, p.norm, paragraph_headline(p.norm, len(p.norm)))
                                   or output_name(alts, p.norm)):
                counts[kw] = 1  # ——粮食生产再创新高。…总产量达到853.2亿斤
        counted.append((p, counts))
    for p, counts in counted:
        if not counts:
            # the words of a merged phrase, in a document without the phrase itself
            if not any((p.doc_id, kw) not in with_phrase and any(w in p.norm for w in ws) for kw, ws in parts.items()):
                continue
        for kw in counts:
            df[kw] += 1
        per_para.append((p, counts))
    if not per_para:
        return Retrieval([], meta, {kw: 1.0 for kw in groups}, groups, texts, parts=parts,
                         decomposed=decomposed, absent=absent)
    if found is not None and found.truncated:
        # only the best units were read: scale the paragraph counts to the whole scope
        for kw in df:
            words = parts.get(kw) or [kw]
            total_units = max((found.unit_df.get(w, 0) for w in words), default=0)
            read_units = max((found.read_df.get(w, 0) for w in words), default=0)
            if read_units:
                df[kw] = round(df[kw] * total_units / read_units)
        from baogao.search.docs import library

        lib = library(session)
        chars = sum(lib.docs[lib.by_id[d]].n_chars for d in hit_docs if d in lib.by_id)
        avg = sum(p.end - p.start + 1 for p in candidates) / max(1, len(candidates))
        n_paras = max(len(per_para), round(chars / max(avg, 1.0)))
    n_paras = n_paras or len(per_para)
    para_docs = sorted({p.doc_id for p, _ in per_para})
    sections = _section_titles(session, para_docs)
    terms = _glossary_terms(session, para_docs)
    report_parts = _report_parts(session, para_docs)
    weights = {kw: _factor(kw) * math.log(1 + n_paras / (df[kw] + 0.5)) for kw in groups}
    for kw in absent & set(weights):
        if not noun_like(groups[kw][0]):
            weights[kw] *= PARAPHRASE_FACTOR  # the reports may say it in other words
    total = sum(weights.values()) or 1.0
    ordered = list(groups)
    scored: list[Passage] = []
    for para, counts in per_para:
        doc_id, ordinal, start, end, sec = para.doc_id, para.ordinal, para.start, para.end, para.section
        pnorm = para.norm
        matched_w = sum(weights[kw] * (1 + 0.15 * math.log(c)) for kw, c in counts.items())
        cov_w = sum(weights[kw] for kw in counts)
        heading = sections.get((doc_id, sec)) if sec is not None else None
        if heading:
            for kw, alts in groups.items():
                if kw not in counts and any(a in heading for a in alts):
                    cov_w += 0.5 * weights[kw]
                    matched_w += 0.5 * weights[kw]
        for kw in parts:
            if kw not in counts:
                credit = weights[kw] * _part(parts[kw], pnorm, decomposed.get(kw))
                cov_w += credit
                matched_w += credit
        term = terms.get((doc_id, start))
        if term:  # a glossary definition: its term counts as part of it
            for kw, alts in groups.items():
                if kw not in counts and any(a in term for a in alts):
                    counts[kw] = 1
                    cov_w += weights[kw]
                    matched_w += weights[kw]
        coverage = min(cov_w / total, 1.0)
        adjacency = 0.0
        for a, b in zip(ordered, ordered[1:]):
            if a in counts and b in counts and (a + b) in pnorm:
                adjacency += 0.05
        d = meta[doc_id]
        score = coverage + adjacency + boosts[doc_id] + 0.01 * matched_w / total
        pstart, pend = start, end
        if end - start > MAX_PASSAGE:
            pstart, pend = _window(pnorm, groups, counts, start, MAX_PASSAGE)
        scored.append(
            Passage(doc_id=doc_id, start=pstart, end=pend, text=para.text[pstart - start : pend - start],
                    norm=pnorm[pstart - start : pend - start], score=score,
                    title=d.title, year=d.year, region_name=d.region_name, region_code=d.region_code,
                    section=heading, ordinal=ordinal, matched=dict(counts), coverage=coverage, term=term,
                    part=next((k for a, b, k in report_parts.get(doc_id, ()) if a <= start < b), None))
        )
    scored.sort(key=lambda p: -p.score)
    return Retrieval(scored[: max(limit, 1) * 4], meta, weights, groups, texts, n_candidates=len(scored), parts=parts,
                     decomposed=decomposed, absent=absent)


def _part(words: list[str], text: str, whole: str | None = None) -> float:
    if isinstance(whole, str):  # an absent compound: by the characters its pieces cover
        return decomposed_credit(whole, words, text)
    if whole:  # the report word for it that this text fits best (粮食总产 of 粮食总产量, not 粮食 of 粮食产量)
        return max(decomposed_credit(w, ps, text) for w, ps in whole)
    return PART_CREDIT * sum(1 for w in words if w in text) / len(words)


def _scope_presence(session: Session, docs: list[DocMeta]):
    """``present(word)``: does a document in scope contain the word (2+ characters)? From the
    search index's term -> documents lists; None without a usable index."""
    from baogao.ask import passages as idx

    if not idx.usable(session):
        return None
    from baogao.search.docs import library

    lib = library(session)
    nums = {lib.by_id.get(d.id) for d in docs}
    if None in nums:
        return None
    whole = len(nums) == len(lib.docs)
    gen = idx.stamp(session)
    cache: dict[str, bool] = {}

    def present(word: str) -> bool:
        if word not in cache:
            found = idx.term_docs(session, word, gen) if len(word) >= 2 else ()
            cache[word] = bool(found) if whole else any(n in nums for n in found)
        return cache[word]

    return present


def _absent_words(session: Session, docs: list[DocMeta], groups: dict[str, list[str]], present=None):
    """The keyword groups no document in scope contains, and for each absent compound the pieces
    of it that the scope does contain (see ``baogao.ask.absent``). Needs the search index (its
    term -> documents lists); without it nothing is known to be absent."""
    present = present or _scope_presence(session, docs)
    if present is None:
        return set(), {}
    absent: set[str] = set()
    pieces: dict[str, list[tuple[str, list[str]]]] = {}
    for kw, alts in groups.items():
        if any(len(a) >= 2 and present(a) for a in alts):
            continue
        if not any(len(a) >= 2 for a in alts):
            continue  # a one-character word (Latin letter) cannot be looked up
        absent.add(kw)
        # the question's word and the report words for it (细颗粒物平均浓度 for 细颗粒物年均浓度),
        # each with its pieces in scope, the one whose pieces cover most of it first; a text is
        # credited by the one it fits best
        found = [(a, parts_in_scope(a, present)) for a in alts]
        found = [(a, ps) for a, ps in found if ps]
        if found:
            pieces[kw] = sorted(found, key=lambda f: -sum(len(x) for x in f[1]) / max(1, len(f[0])))
    return absent, pieces


_SENT_END = re.compile(r"[。！？!?；;\n]")


def _window(pnorm: str, groups: dict[str, list[str]], counts: dict[str, int], offset: int, size: int) -> tuple[int, int]:
    """The ``size``-character stretch of a long paragraph with the most keyword hits, cut at
    sentence ends."""
    hits = sorted(p for kw in counts for p in _positions(pnorm, groups[kw]))
    best, best_n = 0, -1
    for h in hits:
        s = max(0, h - size // 3)
        n = sum(1 for x in hits if s <= x < s + size)
        if n > best_n:
            best, best_n = s, n
    s = best
    if s > 0:
        m = None
        for m in _SENT_END.finditer(pnorm, max(0, s - 80), s + 1):
            pass
        s = m.end() if m else s
    e = min(len(pnorm), s + size)
    if e < len(pnorm):
        last = None
        for last in _SENT_END.finditer(pnorm, s, e):
            pass
        if last and last.end() > s + size // 2:
            e = last.end()
    return offset + s, offset + e


def national_region_code() -> str:
    return NATIONAL_CODE
