"""Background e-mails (django-tasks). Each one claims its (event, recipient) row and sends in one transaction:
a second run of the task waits for the first and then finds the row, and a failed send leaves no row, so the
e-mail can go out on the next run."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from backstage.messaging.models import Notification, NotificationPreference
from backstage.messaging.notify import claim_email, email_mode, send_email


@task()
def send_notification_email(notification_id: int) -> bool:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.is_active:
        return False
    if email_mode(notification.user) != NotificationPreference.Email.EACH:
        return False
    with transaction.atomic():
        if not claim_email(f"notification:{notification.pk}", notification.user):
            return False
        send_email(
            notification.user, subject=_("Backstage: %(what)s") % {"what": notification.text[:60]},
            template="messaging/email/notification.txt", context={"notification": notification},
        )
    return True


@task()
def send_daily_digest(user_id: int, day: str) -> bool:
    from backstage.accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or email_mode(user) != NotificationPreference.Email.DIGEST:
        return False
    since = timezone.now() - datetime.timedelta(days=1)
    pending = list(
        Notification.objects.filter(user=user, read_at__isnull=True, in_digest_at__isnull=True, created_at__gte=since)
        .order_by("created_at")
    )
    if not pending:
        return False
    with transaction.atomic():
        if not claim_email(f"digest:{day}", user):
            return False
        send_email(user, subject=_("Backstage: what is new today"), template="messaging/email/digest.txt",
                   context={"notifications": pending})
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(in_digest_at=timezone.now())
    return True
