"""Full-text engines behind one interface: SQLite FTS5 and PostgreSQL tsvector, chosen by the database in use.

Both index the same analysed text (see analysis.py) and answer the same three questions: which occupation
labels match, which profile documents match, and which known words look like a misspelt one.
"""

from django.db import connection

from backstage.discovery.engines.analysis import Term


class Engine:
    vendor = ""

    def label_hits(self, terms: list[Term], *, limit: int) -> list[tuple[int, int, str, str, str]]:
        """(label id, occupation id, language, kind, label) of the best matching occupation names, best first."""
        raise NotImplementedError

    def profile_hits(self, terms: list[Term], *, limit: int, max_matches: int) -> list[int] | None:
        """Ids of the `limit` best profile documents holding every word (any of its forms), best first (visibility
        is applied afterwards); None when more than `max_matches` documents match. One query: the matches are read
        with their score, at most max_matches + 1 of them, and sorted here. Every word, unlike the occupation
        names: for "dieren werken", a profile that only says "ik werk" is no answer, whereas a name holding one of
        the words is a candidate the meaning models then rank."""
        raise NotImplementedError

    def similar_words(self, word: str, *, limit: int) -> list[str]:
        """Known words sharing trigrams with `word`, roughly most similar first."""
        raise NotImplementedError

    def install(self) -> None:
        """Create what the migration created if it is missing (idempotent): used by rebuild_search_index."""

    def optimise(self) -> None:
        """After a bulk rebuild: compact the index and refresh the planner's statistics."""


def get_engine() -> Engine:
    if connection.vendor == "postgresql":
        from backstage.discovery.engines.postgres import PostgresEngine

        return PostgresEngine()
    from backstage.discovery.engines.sqlite import SqliteEngine

    return SqliteEngine()
