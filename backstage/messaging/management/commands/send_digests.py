from django.core.management.base import BaseCommand
from django.utils import timezone

from backstage.messaging.models import Notification, NotificationPreference
from backstage.messaging.tasks import send_daily_digest


class Command(BaseCommand):
    help = (
        "Queue the daily digest e-mail for everyone who chose it and has unread notifications. Safe to run twice a "
        "day: each person gets at most one digest per date."
    )

    def handle(self, *args, **options):
        day = timezone.localdate().isoformat()
        users = (
            Notification.objects.filter(read_at__isnull=True, in_digest_at__isnull=True)
            .exclude(user__in=NotificationPreference.objects.exclude(email=NotificationPreference.Email.DIGEST)
                     .values("user"))
            .values_list("user", flat=True).distinct()
        )
        count = 0
        for user_id in sorted(set(users)):
            send_daily_digest.enqueue(user_id=user_id, day=day)
            count += 1
        self.stdout.write(f"{count} digest(s) queued.")
