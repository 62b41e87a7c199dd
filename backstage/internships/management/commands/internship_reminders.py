from django.core.management.base import BaseCommand

from backstage.internships.models import REMINDER_AFTER_DAYS
from backstage.internships.services import reminders_send


class Command(BaseCommand):
    help = (
        f"E-mail the teacher or the company about internship applications that have not moved for "
        f"{REMINDER_AFTER_DAYS} days. Safe to run often: one reminder per application and per week of silence."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
