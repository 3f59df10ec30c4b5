"""A hot query whose SQL is built once per database, then run with each request's values.

Django builds a queryset's SQL anew on every evaluation; for a small query of a few joins that building (resolving
the joins, compiling each column) costs more than running it. `PreparedQuery` builds it once, with stand-ins in
place of the values that change (a person's id), and replaces them in the parameters on each call. Only for
queries whose columns need no conversion from the database's values (ids, numbers, text): the rows come from the
cursor as they are.
"""

from django.db import DEFAULT_DB_ALIAS, connections


class PreparedQuery:
    def __init__(self, build, *stand_ins):
        """`build(*values)` returns the queryset (of `values_list`); `stand_ins` are values passed to it once, which
        no other parameter of its SQL may equal (negative ids, say)."""
        self.build, self.stand_ins = build, stand_ins
        self._prepared = {}

    def _prepare(self, using):
        connection = connections[using]
        key = (using, connection.vendor, connection.settings_dict["NAME"])
        prepared = self._prepared.get(key)
        if prepared is None:
            sql, params = self.build(*self.stand_ins).query.get_compiler(using).as_sql()
            places = [
                (index, self.stand_ins.index(param)) for index, param in enumerate(params) if param in self.stand_ins
            ]
            if {value for _index, value in places} != set(range(len(self.stand_ins))):
                raise ValueError("Each stand-in must appear among the query's parameters.")
            prepared = self._prepared[key] = (sql, tuple(params), places)
        return prepared

    def rows(self, *values, using=DEFAULT_DB_ALIAS):
        sql, params, places = self._prepare(using)
        params = list(params)
        for index, which in places:
            params[index] = values[which]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
