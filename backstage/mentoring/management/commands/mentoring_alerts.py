from django.core.management.base import BaseCommand

from backstage.mentoring.management.commands._common import add_common_arguments, parse_today
from backstage.mentoring.models import ALERT_AFTER_DAYS
from backstage.mentoring.services import alerts_send


class Command(BaseCommand):
    help = (
        f"E-mail the coordinators about duos with no meeting for {ALERT_AFTER_DAYS} days. Safe to run often: each "
        "duo is reported once per gap (a new meeting starts a new gap)."
    )

    def add_arguments(self, parser):
        add_common_arguments(parser)

    def handle(self, *args, today=None, base_url, **options):
        sent = alerts_send(today=parse_today(today), base_url=base_url.rstrip("/"))
        self.stdout.write(f"{sent} alert(s) sent.")
