import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-" + "k3y" * 20,
    "ALLOWED_HOSTS": "backstage.example",
    "DATABASE_URL": "sqlite:////tmp/backstage-check.sqlite3",
    "SECURE_HTTPS": "1",
}


def run_manage(*args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop and k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "at least 50 characters"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({"DATABASE_URL": "mysql://u@h/db"}, "SQLite or PostgreSQL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"EMAIL_HOST": "smtp.example", "EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be an integer"),
    ],
)
def test_bad_environment_values_fail_loudly(overrides, message):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, **overrides})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for path in (ROOT / "backstage").rglob("templates/**/*.html"):
        text = path.read_text()
        offenders += [f"{path.name}: {m}" for m in re.findall(r"<style|\sstyle=|\son[a-z]+=", text)]
        offenders += [f"{path.name}: {tag}" for tag in re.findall(r"<script[^>]*>", text) if "src=" not in tag]
    assert offenders == []
