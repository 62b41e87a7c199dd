"""SQLite FTS5: external-content tables over the index models, kept in sync by triggers (migration 0001)."""

from django.db import connection

from backstage.discovery.engines import Engine
from backstage.discovery.engines.analysis import Term, trigrams

# The same statements as migration 0001, idempotent: a later migration that rebuilds one of the content tables
# (SQLite's way to alter a table) drops its triggers, and rebuild_search_index puts them back.
TABLES = {
    "discovery_label_fts": ("discovery_occupationlabel", "id", "terms", "unicode61 remove_diacritics 2"),
    "discovery_profile_fts": ("discovery_profiledocument", "profile_id", "terms", "unicode61 remove_diacritics 2"),
    "discovery_term_fts": ("discovery_searchterm", "id", "word", "trigram"),
}


def install_sql() -> list[str]:
    statements = []
    for fts, (content, key, column, tokenizer) in TABLES.items():
        statements += [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{content}', "
            f"content_rowid='{key}', tokenize='{tokenizer}')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {content} BEGIN "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.{key}, new.{column}); END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {content} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.{key}, old.{column}); END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {content} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.{key}, old.{column}); "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.{key}, new.{column}); END",
        ]
    return statements


def match_expression(terms: list[Term], *, every: bool = False) -> str:
    """Any form of any word (`every`: of every word); bm25 ranks the rows matching more (and rarer) words first.

    The analysed words hold only [a-z0-9], so quoting them is enough to keep FTS5 syntax out.
    """
    groups = []
    for term in terms:
        alternatives = [f'"{form}"' for form in term.forms] + [f'"{prefix}"*' for prefix in term.prefixes]
        groups.append("(" + " OR ".join(alternatives) + ")")
    return (" AND " if every else " OR ").join(groups)


class SqliteEngine(Engine):
    vendor = "sqlite"

    def label_hits(self, terms, *, limit):
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT f.rowid, l.occupation_id, l.language, l.kind, l.label FROM discovery_label_fts f "
                "JOIN discovery_occupationlabel l ON l.id = f.rowid "
                "WHERE discovery_label_fts MATCH %s ORDER BY f.rank LIMIT %s",
                [match_expression(terms), limit],
            )
            return cursor.fetchall()

    def profile_hits(self, terms, *, limit, max_matches):
        if not terms:
            return []
        expression = match_expression(terms, every=True)
        with connection.cursor() as cursor:
            # Counted first, without bm25 (which costs several times the match itself): a word in thousands of
            # profiles is given up in about 1 ms instead of 6 to 14 (100,000 profiles).
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM discovery_profile_fts WHERE discovery_profile_fts MATCH %s "
                "LIMIT %s)", [expression, max_matches + 1],
            )
            count = cursor.fetchone()[0]
            if count > max_matches:
                return None
            if not count:
                return []
            cursor.execute(
                "SELECT rowid, rank FROM discovery_profile_fts WHERE discovery_profile_fts MATCH %s", [expression]
            )
            rows = cursor.fetchall()
        return [pk for pk, _rank in sorted(rows, key=lambda row: (row[1], row[0]))[:limit]]  # bm25: lower is better

    def similar_words(self, word, *, limit):
        grams = sorted(gram for gram in trigrams(word) if " " not in gram)
        if not grams:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w.word FROM discovery_term_fts f JOIN discovery_searchterm w ON w.id = f.rowid "
                "WHERE discovery_term_fts MATCH %s ORDER BY f.rank LIMIT %s",
                [" OR ".join(f'"{gram}"' for gram in grams), limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def install(self):
        with connection.cursor() as cursor:
            for statement in install_sql():
                cursor.execute(statement)

    def optimise(self):
        with connection.cursor() as cursor:
            for fts in TABLES:
                # 'rebuild' re-reads the content table: it also repairs an index whose triggers were missing.
                cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
                cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            cursor.execute("ANALYZE")
