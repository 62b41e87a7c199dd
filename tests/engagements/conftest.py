from tests.messaging.conftest import conversation, profile  # noqa: F401  (shared fixtures)
