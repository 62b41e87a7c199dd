from django.core.management.base import BaseCommand

from backstage.mentoring.management.commands._common import add_common_arguments, parse_today
from backstage.mentoring.services import followups_send


class Command(BaseCommand):
    help = (
        "Send the follow-up questionnaires due (3 and 6 months after a duo closed) with a single-use link. "
        "Safe to run often: a questionnaire is sent once."
    )

    def add_arguments(self, parser):
        add_common_arguments(parser)

    def handle(self, *args, today=None, base_url, **options):
        sent = followups_send(today=parse_today(today), base_url=base_url.rstrip("/"))
        self.stdout.write(f"{sent} questionnaire(s) sent.")
