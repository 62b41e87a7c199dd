"""PostgreSQL: generated tsvector columns with GIN indexes, a text search configuration that unaccents, and
pg_trgm for misspelt words (migration 0001)."""

from django.db import connection

from backstage.discovery.engines import Engine
from backstage.discovery.engines.analysis import Term

CONFIG = "discovery_folded"

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


def tsquery(terms: list[Term]) -> str:
    """Any form of any word, for to_tsquery(); the analysed words hold only [a-z0-9]."""
    groups = []
    for term in terms:
        alternatives = list(term.forms) + [f"{prefix}:*" for prefix in term.prefixes]
        groups.append("(" + " | ".join(alternatives) + ")")
    return " | ".join(groups)


class PostgresEngine(Engine):
    vendor = "postgresql"

    def label_hits(self, terms, *, limit):
        if not terms:
            return []
        with connection.cursor() as cursor:
            # Normalisation 1 divides by the log of the label's length: the short, exact name wins.
            cursor.execute(
                f"SELECT id, occupation_id, language, kind, label "
                f"FROM discovery_occupationlabel, to_tsquery('{CONFIG}', %s) query "
                "WHERE search @@ query ORDER BY ts_rank(search, query, 1) DESC, id LIMIT %s",
                [tsquery(terms), limit],
            )
            return cursor.fetchall()

    def profile_hits(self, terms, *, limit):
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT profile_id FROM discovery_profiledocument, to_tsquery('{CONFIG}', %s) query "
                "WHERE search @@ query ORDER BY ts_rank(search, query, 1) DESC, profile_id LIMIT %s",
                [tsquery(terms), limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def profile_matches(self, terms, *, limit):
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT profile_id FROM discovery_profiledocument WHERE search @@ to_tsquery('{CONFIG}', %s) LIMIT %s",
                [tsquery(terms), limit],
            )
            return [row[0] for row in cursor.fetchall()]

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
