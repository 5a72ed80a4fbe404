"""The site search on SQLite: Wagtail's database backend, ranked in one query.

The SQLite backend of django-modelsearch finds the matching pages with FTS5, then scores
each of them in a correlated subquery that runs the full-text match again: on a site with
thousands of matches, seconds per search. Here the pages are joined to their index entries
and the FTS5 table instead, as the PostgreSQL backend joins its index, and ranked by
FTS5's own bm25(), the title weighing more than the text: one match, one query.

Settings use this module only when the default database is SQLite; PostgreSQL keeps the
stock database backend.
"""

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not

from django.db.models import F, FloatField, Func

# The weight of a word found in each column of the FTS5 table, in the table's column order
# (autocomplete, body, title: modelsearch's migration). A word in the title counts ten
# times one in the text, so pages with the words in their title come first; the
# autocomplete column is not searched here.
COLUMN_WEIGHTS = {"autocomplete": 0.0, "body": 1.0, "title": 10.0}


class WeightedBM25(Func):
    """FTS5's bm25() of the current match with the column weights above (lower is better)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS.values())
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """Ranks the matches with a join instead of a subquery per match."""

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        scored = self.order_by_relevance or score_field is not None
        if not scored or isinstance(query, (MatchAll, Not)):
            # Nothing to rank (no order by relevance, everything, or all but the matches):
            # the library filters by the matches without a subquery per page.
            return super().search(config, start, stop, score_field=score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        score_field = score_field or "_score"
        queryset = self.queryset.filter(
            match,
            # Joins the FTS5 table (through the index entries) for the match and its rank.
            index_entries__sqliteftsindexentry__isnull=False,
            # The relation compares the key cast to text, which no index answers; compared
            # as it is, SQLite goes from each match straight to its page by primary key.
            index_entries__object_id=F("pk"),
        ).annotate(**{score_field: WeightedBM25()})
        if self.order_by_relevance:
            queryset = queryset.order_by(score_field, "-pk")
        elif not queryset.query.order_by:
            # A stable order across pages of results (wagtail/wagtail#3729).
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler


SearchBackend = RankedSQLiteSearchBackend
