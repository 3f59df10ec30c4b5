"""Wagtail's database search backend; on SQLite, with search text that FTS5 can always read and ranking
that stays fast as the site grows (below). PostgreSQL gets Wagtail's PostgreSQL full-text search unchanged.

On SQLite, the backend writes each search term between double quotes for FTS5 but leaves a double quote
inside a term as it is, so searching for `"` failed with a database error (wagtail#13227). FTS5 reads a
doubled quote as a quote.
"""

import functools

from django.db.models import Case, When
from wagtail.search.backends import database


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)
    # The SQLite full-text backend's module can be imported only where Wagtail chose it.
    if type(backend).__name__ == "SQLiteSearchBackend":
        return _quoting(_ranked(type(backend)))(params)
    return backend


@functools.cache
def _quoting(sqlite_backend_class):
    class QuotingSQLiteSearchBackend(sqlite_backend_class):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = query.replace('"', '""')
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    return QuotingSQLiteSearchBackend


@functools.cache
def _ranked(sqlite_backend_class):
    """The SQLite backend, ranking in one pass over the full-text index.

    Wagtail's SQLite backend orders by relevance through a correlated subquery that matches the whole
    full-text index again for every candidate row, so a search matching 2,000 practices took half a
    minute. Here the matches are ranked in one query joined to the candidates (whatever filters the
    queryset holds); their ids, read once, give both the count and the page of results in rank order.
    """
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class RankedQueryCompiler(SQLiteSearchQueryCompiler):
        def ranked_ids(self, config):
            """The ids of the queryset's objects matching the query, best first, read once for both the count
            and the page of results; None when Wagtail's own way applies (no ranking, a negated or
            match-all query)."""
            query = normalize(self.query)
            if not self.order_by_relevance or isinstance(query, MatchAll | Not):
                return None
            if not hasattr(self, "_ranked_ids"):
                # As Wagtail's SQLiteSearchQueryCompiler.search builds its index query.
                match = MatchExpression(
                    self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
                )
                matches = (
                    SQLiteFTSIndexEntry.objects.filter(match)
                    .filter(
                        index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                        index_entry__object_id__in=self.queryset.values("pk"),
                    )
                    .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                    .order_by("score", "-index_entry__object_id")
                )
                self._ranked_ids = [int(pk) for pk in matches.values_list("index_entry__object_id", flat=True)]
            return self._ranked_ids

        def search(self, config, start, stop, score_field=None):
            ids = self.ranked_ids(config) if score_field is None else None
            if ids is None:
                return super().search(config, start, stop, score_field)
            ids = ids[start:stop]
            rank = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)), default=len(ids))
            return self.queryset.filter(pk__in=ids).order_by(rank)

    class RankedSearchResults(SQLiteSearchResults):
        def _do_count(self):
            # Autocompletion (the admin's page search) has its own compiler, which ranks as Wagtail does.
            compiler = self.query_compiler
            ids = compiler.ranked_ids(compiler.get_config(self.backend)) if hasattr(compiler, "ranked_ids") else None
            return super()._do_count() if ids is None else len(ids)

    class RankedSQLiteSearchBackend(sqlite_backend_class):
        query_compiler_class = RankedQueryCompiler
        results_class = RankedSearchResults

    return RankedSQLiteSearchBackend
