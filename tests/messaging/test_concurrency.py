import threading

import pytest
from django.db import connection

from backstage.messaging import services
from backstage.messaging.models import Conversation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two real connections writing at once need PostgreSQL")
def test_two_replies_sent_at_the_same_moment_by_two_connections_are_both_kept_in_order(world):
    from tests.messaging.conftest import publish_verified

    profile = publish_verified(world["professional"])
    conversation = services.conversation_start(
        student=world["student"], profile=profile, subject="Q", body="Hello, I am Yasmine, how did you start?")
    barrier = threading.Barrier(2)
    errors = []

    def reply(sender, body):
        try:
            barrier.wait()
            services.message_send(conversation=Conversation.objects.get(pk=conversation.pk), sender=sender, body=body)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=(world["professional"], "from the professional")),
               threading.Thread(target=reply, args=(world["student"], "from the student"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    messages = list(conversation.messages.order_by("seq").values_list("seq", "body"))
    assert [seq for seq, _ in messages] == [1, 2, 3]
    assert sorted(body for _, body in messages[1:]) == ["from the professional", "from the student"]
    conversation.refresh_from_db()
    assert conversation.next_seq == 4


def test_consent_withdrawn_stops_the_conversation_both_ways(world):
    from backstage.accounts.models import ParentalConsent
    from tests.factories import make_student
    from tests.messaging.conftest import publish_verified

    young = make_student(world["class"], age=12)
    consent = ParentalConsent.objects.create(student=young, status=ParentalConsent.Status.GRANTED, method="paper")
    profile = publish_verified(world["professional"])
    conversation = services.conversation_start(student=young, profile=profile, subject="Q",
                                               body="Hello, I am Adam from 1A, how did you start?")
    consent.status = ParentalConsent.Status.WITHDRAWN
    consent.save()
    with pytest.raises(services.MessagingError, match="waits for a parent's consent"):
        services.message_send(conversation=conversation, sender=profile.user, body="Hello Adam")
    with pytest.raises(services.MessagingError, match="a parent has to give their consent"):
        services.message_send(conversation=conversation, sender=young, body="Hello?")
