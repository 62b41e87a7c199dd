"""Loaded as a pytest plugin (see pyproject) so these defaults exist before Django reads its settings."""

import os

# Test defaults: production-like settings (DEBUG off) served over plain HTTP on localhost.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("TASKS_BACKEND", "immediate")
