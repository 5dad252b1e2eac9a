"""Full-text search: an exact positional index over character bigrams of the normalized text.

Modules: ``tokens`` (bigram tokens; PostgreSQL's paragraph units), ``query`` (the query language), ``index``
(the derived-data module: refresh/remove/check/rebuild), ``engine_sqlite`` / ``engine_postgres``
(the two backends behind one protocol, ``engine``), ``results`` and ``snippets`` (one result
object rendered as table, JSON and API), ``find``, ``kwic``, ``count`` and ``api`` (the
``Library`` mixin). Services live in ``baogao.services.search``.
"""
