"""In-app notifications and the e-mails they lead to (one per event and recipient, never twice)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from backstage.messaging.models import EmailSent, Notification, NotificationPreference

UNSUBSCRIBE_SALT = "messaging.unsubscribe"


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str):
    from backstage.accounts.models import User

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def email_mode(user) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email if preference else NotificationPreference.Email.DIGEST


def notify(user, *, kind: str, text, url: str = "") -> Notification:
    """`text` is a lazy translation (or a callable) rendered in the recipient's language."""
    with override(user.language or settings.LANGUAGE_CODE):
        rendered = str(text() if callable(text) else text)
    notification = Notification.objects.create(user=user, kind=kind, text=rendered[:300], url=url)
    if email_mode(user) == NotificationPreference.Email.EACH:
        from backstage.messaging.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification_id=notification.pk))
    return notification


def claim_email(event_key: str, user) -> bool:
    """Insert the sent-record first; if it exists, somebody (another run of the task) already sent it."""
    try:
        with transaction.atomic():
            EmailSent.objects.create(event_key=event_key, recipient=user)
    except IntegrityError:
        return False
    return True


def send_email(user, *, subject, template: str, context: dict) -> None:
    unsubscribe = settings.SITE_URL.rstrip("/") + reverse("messaging:unsubscribe", args=[unsubscribe_token(user)])
    with override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "user": user, "unsubscribe_url": unsubscribe,
                                           "site_url": settings.SITE_URL.rstrip("/")})
        message = EmailMultiAlternatives(
            subject=str(subject), body=body, to=[user.email],
            headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
    message.send()


def mark_read(user, ids=None) -> int:
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())


def mark_read_for_url(user, url: str) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True, url=url).update(read_at=timezone.now())
