"""The index as derived data on a small library (SQLite and PostgreSQL): imports index in the
same transaction, updates and removals keep it in step, check/reindex/version, boundaries."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from baogao.errors import InvalidQuery
from baogao.search import index as search_index
from baogao.services import derived
from baogao.services import search as svc
from baogao.services.importing import import_paths
from baogao.store.db import Database
from baogao.store.schema import Document, IndexState

BODY = [
    "2025年上海市黄浦区政府工作报告",
    "各位代表：",
    "一、2024年工作回顾",
    "过去一年，全区经济持续回升，推进城市更新，完成旧改。电竞产业加快集聚。",
    "全年地区生产总值增长5%左右，新质生产力加快发展经济",
    "发展普惠托育服务，哈哈哈哈。",
]


@pytest.fixture
def small(db_url, tmp_path, settings):
    path = tmp_path / "huangpu.txt"
    path.write_text("\n".join(BODY) + "\n", encoding="utf-8")
    db = Database(db_url)
    summary = import_paths(db, [path], settings)
    assert summary.ok, summary.to_dict()
    yield db, path
    db.dispose()


def _ids(db, q, **kw):
    with db.session() as s:
        return {r.doc_id: r.hits for r in svc.search(s, q, limit=100, **kw).results}


def test_imported_document_is_searchable_and_check_is_clean(small):
    db, _ = small
    assert list(_ids(db, "旧改").values()) == [1]
    assert list(_ids(db, "电竞").values()) == [1]
    with db.session() as s:
        assert search_index.check(s) == []
        assert not search_index.is_stale(s)


def test_no_match_across_a_paragraph_boundary(small):
    db, _ = small
    # "...发展经济" ends one paragraph and "发展普惠..." starts the next
    assert _ids(db, "经济") and _ids(db, "发展")
    assert _ids(db, "济发") == {}
    assert _ids(db, '"经济 发展"') == {}


def test_overlapping_occurrences_are_counted(small):
    db, _ = small
    with db.session() as s:
        doc_id = next(iter(_ids(db, "哈哈")))
        assert _ids(db, "哈哈")[doc_id] == 3
        assert svc.find(s, doc_id, "哈哈").count == 3


def test_update_reindexes_in_the_same_import(small, settings):
    db, path = small
    path.write_text("\n".join(BODY[:-1] + ["新增低空经济示范区建设。"]) + "\n", encoding="utf-8")
    summary = import_paths(db, [path], settings)
    assert [i.status for i in summary.items] == ["updated"]
    assert _ids(db, "托育") == {}
    assert list(_ids(db, "低空经济").values()) == [1]
    with db.session() as s:
        assert search_index.check(s) == []


def test_remove_then_check(small):
    db, _ = small
    with db.session() as s:
        doc_id = s.scalar(select(Document.id))
        derived.remove_all(s, doc_id)
        s.delete(s.get(Document, doc_id))
    assert _ids(db, "旧改") == {}
    with db.session() as s:
        assert search_index.check(s) == []


def test_check_finds_a_missing_document_and_reindex_fixes_it(small):
    db, _ = small
    with db.session() as s:
        doc_id = s.scalar(select(Document.id))
        search_index.remove(s, doc_id)
        problems = search_index.check(s)
        assert any(doc_id in p for p in problems)
    with db.session() as s:
        info = svc.reindex(s)
        assert info["documents"] == 1 and info["tokens"] > 50
    with db.session() as s:
        assert search_index.check(s) == []


def test_version_change_triggers_rebuild(small):
    db, _ = small
    with db.session() as s:
        s.execute(update(IndexState).where(IndexState.name == "search").values(version="old"))
    with db.session() as s:
        assert search_index.is_stale(s)
        assert svc.search(s, "旧改").total_hits == 1  # rebuilt on the way
        assert not search_index.is_stale(s)


def test_hits_are_spans_into_the_canonical_text(small):
    db, _ = small
    with db.session() as s:
        r = svc.search(s, "旧改 电竞")
        doc = s.get(Document, r.results[0].doc_id)
        for sn in r.results[0].snippets:
            assert doc.text[sn.start : sn.end] == sn.text
            for a, b in sn.highlights:
                assert doc.norm_text[a:b] in ("旧改", "电竞")


def test_unknown_region_is_a_clear_message(small):
    db, _ = small
    with db.session() as s:
        with pytest.raises(InvalidQuery):
            svc.search(s, "旧改 region:火星")


def test_check_finds_a_stale_text_and_a_stray_index_row(small):
    db, _ = small
    with db.session() as s:
        doc = s.scalar(select(Document))
        # the stored text changed behind the index's back (no refresh): check says so
        s.execute(update(Document).where(Document.id == doc.id).values(norm_text=doc.norm_text.replace("旧改", "旧区")))
        assert any("旧版本" in p for p in search_index.check(s))
        s.rollback()
    with db.session() as s:
        from baogao.search.engine import get_engine

        get_engine(s).add(s, [(999, "另一篇没有登记的文档", [(0, 10)])])  # an engine row with no document
        problems = search_index.check(s)
        assert problems and any("reindex" in p for p in problems)
        s.rollback()
    with db.session() as s:
        assert search_index.check(s) == []


def test_index_from_an_older_format_is_rebuilt(db_url, tmp_path, settings):
    """A library whose index was written by the previous format (migration 0002 only) is
    migrated and rebuilt from the store on first use, with the same results."""
    from alembic import command

    from baogao.store.db import alembic_config

    path = tmp_path / "huangpu.txt"
    path.write_text("\n".join(BODY) + "\n", encoding="utf-8")
    db = Database(db_url)
    assert import_paths(db, [path], settings).ok
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002_search")
    db.dispose()
    db = Database(db_url)  # upgrades to the newest revision: the index is emptied and stale
    with db.session() as s:
        assert search_index.is_stale(s)
        assert svc.search(s, "旧改").total_hits == 1
        assert not search_index.is_stale(s)
        assert search_index.check(s) == []
    db.dispose()
