from tests.discovery.conftest import _fresh_search_caches, occupations  # noqa: F401  (shared fixtures)
