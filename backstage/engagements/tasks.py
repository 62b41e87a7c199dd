"""Reminders the day before a confirmed meeting, to the student and the professional (once each)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from backstage.engagements.models import MeetingRequest
from backstage.messaging.models import NotificationPreference
from backstage.messaging.notify import claim_email, email_mode, send_email


def meetings_tomorrow(today: datetime.date | None = None):
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    return MeetingRequest.objects.filter(
        status=MeetingRequest.Status.CONFIRMED, starts_at__date=tomorrow
    ).select_related("conversation__student", "conversation__professional")


@task()
def send_meeting_reminders(today: str = "") -> int:
    day = datetime.date.fromisoformat(today) if today else None
    sent = 0
    for meeting in meetings_tomorrow(day):
        for person in (meeting.conversation.student, meeting.conversation.professional):
            # Reminders go out even with the daily digest: they are about tomorrow. Only "no e-mails" stops them.
            if not person.is_active or email_mode(person) == NotificationPreference.Email.NONE:
                continue
            if not claim_email(f"reminder:{meeting.pk}", person):
                continue
            send_email(person, subject=_("Backstage: your meeting tomorrow"), template="engagements/email/reminder.txt",
                       context={"meeting": meeting, "url": reverse("engagements:detail", args=[meeting.pk])})
            sent += 1
    return sent
