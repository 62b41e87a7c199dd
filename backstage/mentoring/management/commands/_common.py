import datetime

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone


def add_common_arguments(parser):
    parser.add_argument("--today", help="run as if today were this date (YYYY-MM-DD); for tests and catch-up")
    parser.add_argument(
        "--base-url", default=settings.SITE_URL,
        help="scheme and host put in the links of the e-mails (default: the SITE_URL setting)",
    )


def parse_today(raw: str | None) -> datetime.date:
    if not raw:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--today must be a date like 2026-03-01, not {raw!r}") from None
