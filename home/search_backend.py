"""Wagtail's database search backend, with search text that SQLite's full-text search can always read.

On SQLite, the backend writes each search term between double quotes for FTS5 but leaves a double quote
inside a term as it is, so searching for `"` failed with a database error (wagtail#13227). FTS5 reads a
doubled quote as a quote. PostgreSQL, and SQLite without FTS5, get Wagtail's backend unchanged.
"""

import functools

from wagtail.search.backends import database


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)
    # The SQLite full-text backend's module can be imported only where Wagtail chose it.
    if type(backend).__name__ == "SQLiteSearchBackend":
        return _quoting(type(backend))(params)
    return backend


@functools.cache
def _quoting(sqlite_backend_class):
    class QuotingSQLiteSearchBackend(sqlite_backend_class):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = query.replace('"', '""')
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    return QuotingSQLiteSearchBackend
