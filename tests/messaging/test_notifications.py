import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from backstage.messaging import services
from backstage.messaging.models import EmailSent, Notification, NotificationPreference
from backstage.messaging.notify import unsubscribe_token
from backstage.messaging.tasks import send_notification_email

pytestmark = pytest.mark.django_db


def test_in_app_counter_updates_and_reading_the_conversation_clears_it(client, world, conversation):
    client.force_login(world["professional"])
    fragment = client.get("/messages/notifications/unread/")
    assert fragment.status_code == 200
    assert fragment.content.decode().strip().startswith('<span class="unread-count"')
    assert "1 new" in fragment.content.decode()
    services.message_send(conversation=conversation, sender=world["student"], body="And what do you earn?")
    assert "2 new" in client.get("/messages/notifications/unread/").content.decode()
    client.get(f"/messages/{conversation.pk}/")
    assert "hidden" in client.get("/messages/notifications/unread/").content.decode()
    page = client.get("/messages/").content.decode()
    assert 'hx-get="/messages/notifications/unread/"' in page and 'hx-trigger="load, every 30s"' in page


def test_the_email_for_one_event_goes_out_once_when_the_task_runs_twice(
    world, profile, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=world["professional"], email="each")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.conversation_start(student=world["student"], profile=profile, subject="Q",
                                    body="Hello, I am Yasmine, why did you choose this job?")
    notification = Notification.objects.get(user=world["professional"])
    assert len(mail.outbox) == 1  # sent by the task queued on commit
    assert send_notification_email.enqueue(notification_id=notification.pk).return_value is False
    send_notification_email.enqueue(notification_id=notification.pk)
    assert len(mail.outbox) == 1
    assert EmailSent.objects.filter(recipient=world["professional"]).count() == 1
    message = mail.outbox[0]
    assert message.to == [world["professional"].email]
    assert "New message from Yasmine" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_email_that_could_not_be_sent_goes_out_on_the_next_run(world, profile, settings):
    NotificationPreference.objects.create(user=world["professional"], email="each")
    services.conversation_start(student=world["student"], profile=profile, subject="Q",
                                body="Hello, I am Yasmine, why did you choose this job?")
    notification = Notification.objects.get(user=world["professional"])
    mail.outbox.clear()
    # A real SMTP connection to a port where nothing listens.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    with pytest.raises(OSError):
        send_notification_email.call(notification_id=notification.pk)
    assert EmailSent.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification_email.call(notification_id=notification.pk) is True
    assert send_notification_email.call(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1 and EmailSent.objects.count() == 1


def test_daily_digest_instead_of_many_mails_and_only_once_a_day(world, conversation):
    # Default preference is the digest: no e-mail per message.
    for text in ("One more question", "And another one"):
        services.message_send(conversation=conversation, sender=world["student"], body=text)
    assert [m for m in mail.outbox if m.to == [world["professional"].email]] == []
    call_command("send_digests")
    call_command("send_digests")
    digests = [m for m in mail.outbox if m.to == [world["professional"].email]]
    assert len(digests) == 1
    assert digests[0].body.count("New message from Yasmine") == 3


def test_one_click_unsubscribe_works_without_a_session(world):
    NotificationPreference.objects.create(user=world["student"], email="each")
    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(world["student"])
    assert client.get(f"/messages/unsubscribe/{token}/").status_code == 200
    response = client.post(f"/messages/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 204
    assert NotificationPreference.objects.get(user=world["student"]).email == "none"
    assert client.get(f"/messages/unsubscribe/{token}x/").status_code == 404


def test_no_email_after_unsubscribing(world, profile):
    NotificationPreference.objects.create(user=world["professional"], email="none")
    mail.outbox.clear()
    services.conversation_start(student=world["student"], profile=profile, subject="Q",
                                body="Hello, I am Yasmine, why did you choose this job?")
    call_command("send_digests")
    assert mail.outbox == []
    assert Notification.objects.filter(user=world["professional"]).count() == 1


def test_preferences_refuse_bad_input(client, world):
    client.force_login(world["student"])
    response = client.post("/messages/notifications/settings/", {"email": "sometimes"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert client.post("/messages/notifications/settings/", {"email": "each"}).status_code == 302
    assert NotificationPreference.objects.get(user=world["student"]).email == "each"


def test_navigation_shows_messages_and_moderation(client, world):
    client.force_login(world["teacher"])
    page = client.get("/messages/").content.decode()
    assert 'href="/messages/moderation/"' in page
    client.force_login(world["student"])
    page = client.get("/messages/").content.decode()
    assert 'href="/messages/"' in page and 'href="/messages/moderation/"' not in page
