"""PostgreSQL: generated tsvector columns with GIN indexes, a text search configuration that unaccents, and
pg_trgm for misspelt words (migration 0001)."""

import math

from django.db import connection

from backstage.discovery.engines import Engine
from backstage.discovery.engines.analysis import Term

CONFIG = "discovery_folded"
# Okapi BM25, as SQLite's FTS5 ranks: term saturation and length normalisation.
BM25_K1 = 1.2
BM25_B = 0.75

INSTALL_SQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_part,
                                  hword_asciipart, hword_numpart
                WITH unaccent, simple;
        END IF;
    END $$""",
    f"ALTER TABLE discovery_occupationlabel ADD COLUMN IF NOT EXISTS search tsvector "
    f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, terms)) STORED",
    "CREATE INDEX IF NOT EXISTS discovery_occupationlabel_search ON discovery_occupationlabel USING gin (search)",
    f"ALTER TABLE discovery_profiledocument ADD COLUMN IF NOT EXISTS search tsvector "
    f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, terms)) STORED",
    "CREATE INDEX IF NOT EXISTS discovery_profiledocument_search ON discovery_profiledocument USING gin (search)",
    "CREATE INDEX IF NOT EXISTS discovery_searchterm_word_trgm ON discovery_searchterm USING gin (word gin_trgm_ops)",
]


def tsquery(terms: list[Term], *, every: bool = False) -> str:
    """Any form of any word (`every`: of every word), for to_tsquery(); the analysed words hold only [a-z0-9]."""
    groups = []
    for term in terms:
        alternatives = list(term.forms) + [f"{prefix}:*" for prefix in term.prefixes]
        groups.append("(" + " | ".join(alternatives) + ")")
    return (" & " if every else " | ").join(groups)


class PostgresEngine(Engine):
    vendor = "postgresql"

    def label_hits(self, terms, *, limit):
        """Ranked as FTS5's bm25 ranks them on SQLite, so that both databases find the same names.

        ts_rank knows nothing of how rare a word is: "operator" would weigh as much as "echograaf". Each form or
        prefix of the query is weighed by its inverse document frequency, counted first among the names that
        match the query (one pass over the GIN index), then the names are scored by BM25 with one occurrence
        per matched form, which is what a name of a few words has.
        """
        from backstage.discovery.indexing import label_statistics

        if not terms:
            return []
        phrases = [form for term in terms for form in term.forms] + [
            f"{prefix}:*" for term in terms for prefix in term.prefixes
        ]
        any_phrase = f"to_tsquery('{CONFIG}', %s)"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(f"count(*) FILTER (WHERE search @@ {any_phrase})" for _ in phrases)
                + f" FROM discovery_occupationlabel WHERE search @@ {any_phrase}",
                [*phrases, tsquery(terms)],
            )
            counts = cursor.fetchone()
            total, mean_length = label_statistics()
            total = max(total, max(counts, default=0))
            weights = [max(math.log((total - n + 0.5) / (n + 0.5)), 1e-6) for n in counts]
            matched = " + ".join(f"%s * (search @@ {any_phrase})::int" for _ in phrases)
            length_norm = f"(1 - {BM25_B} + {BM25_B} * length(search) / %s)"
            cursor.execute(
                f"SELECT id, occupation_id, language, kind, label FROM discovery_occupationlabel "
                f"WHERE search @@ {any_phrase} "
                f"ORDER BY ({matched}) * {BM25_K1 + 1} / (1 + {BM25_K1} * {length_norm}) DESC, id LIMIT %s",
                [tsquery(terms), *[value for weight, phrase in zip(weights, phrases) for value in (weight, phrase)],
                 max(mean_length, 1.0), limit],
            )
            return cursor.fetchall()

    def profile_hits(self, terms, *, limit, max_matches):
        if not terms:
            return []
        # Counted first and ranked only when there are not too many: ts_rank costs several times the match itself
        # (a word in thousands of profiles was given up in 18 ms instead of 8); one row says there are too many.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT profile_id, ts_rank(search, query, 1), total FROM ("
                "SELECT *, count(*) OVER () AS total, row_number() OVER () AS n FROM ("
                f"SELECT profile_id, search, query FROM discovery_profiledocument, to_tsquery('{CONFIG}', %s) query "
                "WHERE search @@ query LIMIT %s) hits) counted WHERE total <= %s OR n = 1",
                [tsquery(terms, every=True), max_matches + 1, max_matches],
            )
            rows = cursor.fetchall()
        if rows and rows[0][2] > max_matches:
            return None
        return [pk for pk, _rank, _total in sorted(rows, key=lambda row: (-row[1], row[0]))[:limit]]

    def similar_words(self, word, *, limit):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM discovery_searchterm WHERE word %% %s ORDER BY similarity(word, %s) DESC, word "
                "LIMIT %s",
                [word, word, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def install(self):
        with connection.cursor() as cursor:
            # Inside a transaction that already wrote rows (a test, or a command run in atomic()), PostgreSQL refuses
            # ALTER TABLE while deferred foreign-key checks are pending: run them now, then defer again (Django's
            # constraints are INITIALLY DEFERRED).
            if connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in INSTALL_SQL:
                cursor.execute(statement)
            if connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def optimise(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE discovery_occupationlabel, discovery_profiledocument, discovery_searchterm")
