"""Wagtail's database search backend, with ranking that stays fast as the site grows, on SQLite and on
PostgreSQL, and search text that SQLite's FTS5 can always read.

Both of Wagtail's database backends rank the results in the same query that fetches their objects, and
count them in another: on SQLite through a correlated subquery that matches the whole full-text index
again for every candidate row (a search matching 2,000 practices took half a minute), on PostgreSQL by
joining each candidate to its index entry and testing `title || body` there, which no index covers. Here
the index entries are matched and ranked in one query joined to the candidates (whatever filters the
queryset holds); their ids, read once, give both the count and the page of results in rank order. The
ranking itself is Wagtail's (bm25 on SQLite, `ts_rank` with Wagtail's weights on PostgreSQL), and so is
every search this does not cover: a match-all or fuzzy query, a search restricted to some fields, one
without ordering by relevance, and autocompletion. On PostgreSQL a GIN index on `title || body`
(home/migrations/0003) finds the matching entries.

On SQLite, the backend writes each search term between double quotes for FTS5 but leaves a double quote
inside a term as it is, so searching for `"` failed with a database error (wagtail#13227). FTS5 reads a
doubled quote as a quote.
"""

import functools

from django.db import connections
from django.db.models import Case, CharField, Count, Exists, F, IntegerField, OuterRef, When
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import database


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)
    # Each backend's module can be imported only where Wagtail chose it.
    vendor_backend = {"SQLiteSearchBackend": _sqlite, "PostgresSearchBackend": _postgres}.get(type(backend).__name__)
    return vendor_backend(type(backend))(params) if vendor_backend else backend


class RankedIdsMixin:
    """For a search query compiler: the ids of the queryset's objects matching the query, best first, read
    once for both the count and the page of results. `ranked_matches` is each database's query of them."""

    def ranked_matches(self, config):
        """The matching objects' keys (see object_key), best first; None where Wagtail's own way applies."""
        raise NotImplementedError

    def matching_keys(self, config):
        """The keys (see object_key) of every object of the model's types whatever the queryset's filters, as a
        subquery of one column, unordered: `pk__in` it to filter any queryset of the model by the search. None
        where Wagtail's own way applies."""
        raise NotImplementedError

    def object_key(self, object_id):
        """An index entry's object id (a string) as the model's primary key compares and sorts, converted by
        the database: ties in rank are broken in pk order, as Wagtail breaks them."""
        pk = self.queryset.model._meta.pk
        object_id = F(object_id) if isinstance(object_id, str) else object_id
        return (
            Cast(object_id, IntegerField()) if isinstance(getattr(pk, "target_field", pk), IntegerField) else object_id
        )

    def ranked_keys(self, entries, entry, best_first):
        """The keys of the matching entries' objects that the queryset holds, ordered by `best_first` (an
        ordering of the entries' score), ties in pk order. `entry` is the path from `entries` to Wagtail's
        index entry ("" when they are the index entries)."""
        object_id = f"{entry}object_id"
        content_types = get_descendants_content_types_pks(self.queryset.model)
        return (
            entries.filter(self.candidate_holds(object_id), **{f"{entry}content_type__in": content_types})
            .annotate(object_key=self.object_key(object_id))
            .order_by(best_first, F("object_key").desc())
            .values_list("object_key", flat=True)
        )

    def all_keys(self, entries, entry):
        """The keys of the matching entries' objects of the model's types, whatever the queryset holds."""
        object_id = f"{entry}object_id"
        content_types = get_descendants_content_types_pks(self.queryset.model)
        return (
            entries.filter(**{f"{entry}content_type__in": content_types})
            .annotate(object_key=self.object_key(object_id))
            .values("object_key")
        )

    def candidate_holds(self, object_id):
        """Whether the queryset holds the object of the index entry: asked match by match through the
        primary key's index, rather than by reading every candidate first (2,000 of them for a language's
        practices at 10,000, whatever the query matches)."""
        key = self.object_key(OuterRef(object_id))
        if isinstance(key, Cast):
            return Exists(self.queryset.filter(pk=key))
        return Exists(self.queryset.annotate(_object_id_=Cast("pk", CharField())).filter(_object_id_=key))

    def ranked_ids(self, config):
        if not hasattr(self, "_ranked_ids"):
            matches = self.ranked_matches(config) if self.order_by_relevance else None
            self._ranked_ids = None if matches is None else _first_column(matches)
        return self._ranked_ids

    def search(self, config, start, stop, score_field=None, **kwargs):
        ids = self.ranked_ids(config) if score_field is None else None
        if ids is None:
            return super().search(config, start, stop, score_field, **kwargs)
        ids = ids[start:stop]
        rank = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)), default=len(ids))
        return self.queryset.filter(pk__in=ids).order_by(rank)


def counts_by(results, field, within=None):
    """How many of a search's matching objects hold each value of `field` (a lookup such as
    `locale__language_code`): `{value: count}`, in one grouped query, each counted as the search's own count
    would be (`results.count()`). `within`, if given, holds the same objects as the searched queryset, filtered as
    the database filters best (a search filters only on indexed fields; see home/views.py). None where the search
    is not one this backend answers (Wagtail's own way applies: count each value's results yourself)."""
    compiler = getattr(results, "query_compiler", None)
    if not hasattr(compiler, "matching_keys"):
        return None
    keys = compiler.matching_keys(compiler.get_config(results.backend))
    if keys is None:
        return None
    pages = compiler.queryset if within is None else within
    return dict(pages.filter(pk__in=keys).values_list(field).annotate(_count_=Count("pk")).order_by())


def _first_column(queryset):
    """The first column of every row, read straight from the cursor: a thousand ids through Django's row
    iterator and converters took over a millisecond, and the database has already made them keys."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class CountRankedIdsMixin:
    """For search results: the count is the number of ranked ids the compiler read anyway."""

    def _do_count(self):
        # Autocompletion (the admin's page search) has its own compiler, which ranks as Wagtail does.
        compiler = self.query_compiler
        ids = compiler.ranked_ids(compiler.get_config(self.backend)) if hasattr(compiler, "ranked_ids") else None
        return super()._do_count() if ids is None else len(ids)


@functools.cache
def _sqlite(sqlite_backend_class):
    # Imported when this database's backend is chosen, as modelsearch's own SearchBackend() does: each vendor's
    # module is only importable (and only meaningful) on its database.
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.query import MatchAll, Not

    class RankedQueryCompiler(RankedIdsMixin, SQLiteSearchQueryCompiler):
        def matching_entries(self, config):
            query = normalize(self.query)
            if isinstance(query, MatchAll | Not):
                return None
            # As Wagtail's SQLiteSearchQueryCompiler.search builds its index query.
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            return SQLiteFTSIndexEntry.objects.filter(match)

        def ranked_matches(self, config):
            entries = self.matching_entries(config)
            if entries is None:
                return None
            # bm25: lower is better.
            scored = entries.annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            return self.ranked_keys(scored, "index_entry__", F("score").asc())

        def matching_keys(self, config):
            entries = self.matching_entries(config)
            return None if entries is None else self.all_keys(entries, "index_entry__")

    class RankedSearchResults(CountRankedIdsMixin, SQLiteSearchResults):
        pass

    class RankedSQLiteSearchBackend(sqlite_backend_class):
        query_compiler_class = RankedQueryCompiler
        results_class = RankedSearchResults

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = query.replace('"', '""')
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    return RankedSQLiteSearchBackend


@functools.cache
def _postgres(postgres_backend_class):
    # Imported when this database's backend is chosen, as in _sqlite above.
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import CombinedExpression
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from modelsearch.query import Fuzzy, MatchAll, Not

    class RankedQueryCompiler(RankedIdsMixin, PostgresSearchQueryCompiler):
        def matching_entries(self, config):
            if self.fields is not None or isinstance(self.query, MatchAll | Not | Fuzzy):
                return None
            # As Wagtail's PostgresSearchQueryCompiler.search: the entry's title and body vectors, matched together.
            query = self.build_tsquery(self.query, config=config)
            return IndexEntry.objects.alias(
                _vector_=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
            ).filter(_vector_=query)

        def ranked_matches(self, config):
            entries = self.matching_entries(config)
            if entries is None:
                return None
            # Each vector ranked with Wagtail's weights, the title's rank scaled by its norm.
            vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
            scored = entries.annotate(_score_=self._build_rank_expression(vectors, config))
            return self.ranked_keys(scored, "", F("_score_").desc())

        def matching_keys(self, config):
            entries = self.matching_entries(config)
            return None if entries is None else self.all_keys(entries, "")

    class RankedSearchResults(CountRankedIdsMixin, PostgresSearchResults):
        pass

    class RankedPostgresSearchBackend(postgres_backend_class):
        query_compiler_class = RankedQueryCompiler
        results_class = RankedSearchResults

    return RankedPostgresSearchBackend
