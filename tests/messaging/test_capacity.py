import datetime

import pytest
from django.utils import timezone

from backstage.profiles.selectors import capacity_reached
from backstage.engagements.models import MeetingRequest
from backstage.messaging import services
from backstage.messaging.models import Conversation
from backstage.profiles.models import ProfessionalProfile
from tests.factories import UserFactory, make_student
from tests.messaging.conftest import publish_verified

pytestmark = pytest.mark.django_db

BODY = "Hello, I am a student at the Athénée and I wonder how you became an electrician?"


def full_ids():
    return set(ProfessionalProfile.objects.filter(capacity_reached()).values_list("pk", flat=True))


def test_capacity_counts_the_months_new_conversations_and_meeting_requests(world):
    busy = publish_verified(world["professional"], monthly_capacity=3)
    quiet = publish_verified(UserFactory(), monthly_capacity=3)
    students = [make_student(world["class"]) for _ in range(3)]
    first = services.conversation_start(student=students[0], profile=busy, subject="Q", body=BODY)
    services.conversation_start(student=students[1], profile=busy, subject="Q", body=BODY)
    # Last month's conversation does not count.
    old = services.conversation_start(student=students[2], profile=quiet, subject="Q", body=BODY)
    Conversation.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    assert full_ids() == set()
    MeetingRequest.objects.create(conversation=first, kind="video", place="video", proposed_by=students[0])
    assert full_ids() == {busy.pk}
    refused = services.contactable_profile_problem(students[2], busy)
    assert "as many requests as they can answer this month" in str(refused)
    assert services.contactable_profile_problem(students[2], quiet) is None
