import datetime

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone

from backstage.core.services import audit_record
from backstage.messaging.models import Conversation
from backstage.organisations.models import Membership, Role

KEEP_DAYS_AFTER_LEAVING = 365


class Command(BaseCommand):
    help = (
        "Delete the conversations (with their messages and meetings) of students who left their school more than "
        f"a year ago (DESIGN.md rule 9). Default: {KEEP_DAYS_AFTER_LEAVING} days; safe to run every day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEEP_DAYS_AFTER_LEAVING)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        still_student = Membership.objects.filter(user=OuterRef("student"), role=Role.STUDENT, ended_at__isnull=True)
        left_recently = Membership.objects.filter(user=OuterRef("student"), role=Role.STUDENT, ended_at__gte=cutoff)
        old = Conversation.objects.exclude(Exists(still_student)).exclude(Exists(left_recently)).filter(
            created_at__lt=cutoff
        )
        count = 0
        for conversation in old.select_related("student"):
            audit_record(action="conversation.purged", subject=conversation.student, conversation=conversation.pk)
            conversation.delete()
            count += 1
        self.stdout.write(f"{count} conversation(s) deleted.")
