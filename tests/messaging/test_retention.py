import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from backstage.messaging.models import Conversation, Message
from backstage.organisations.models import Membership

pytestmark = pytest.mark.django_db


def test_conversations_of_students_who_left_more_than_a_year_ago_are_purged(world, conversation):
    long_ago = timezone.now() - datetime.timedelta(days=500)
    Conversation.objects.filter(pk=conversation.pk).update(created_at=long_ago)
    call_command("purge_old_conversations")
    assert Conversation.objects.count() == 1  # still a student
    Membership.objects.filter(user=world["student"]).update(ended_at=timezone.now() - datetime.timedelta(days=30))
    call_command("purge_old_conversations")
    assert Conversation.objects.count() == 1  # left a month ago
    Membership.objects.filter(user=world["student"]).update(ended_at=long_ago)
    call_command("purge_old_conversations")
    assert Conversation.objects.count() == 0 and Message.objects.count() == 0
