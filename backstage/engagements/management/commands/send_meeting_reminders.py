from django.core.management.base import BaseCommand

from backstage.engagements.tasks import send_meeting_reminders


class Command(BaseCommand):
    help = "Queue the reminders for tomorrow's confirmed meetings. Safe to run often: each person is reminded once."

    def handle(self, *args, **options):
        result = send_meeting_reminders.enqueue()
        self.stdout.write(f"Reminders queued ({result.id}).")
