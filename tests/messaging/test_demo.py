import pytest

from backstage.engagements.models import MeetingRequest
from backstage.messaging.demo import seed_messaging
from backstage.messaging.models import Conversation, Message, Report
from tests.factories import UserFactory, make_student
from tests.messaging.conftest import publish_verified

pytestmark = pytest.mark.django_db


def test_demo_has_three_languages_a_held_message_a_report_and_meetings_in_every_state(world):
    for lang in ("fr", "nl", "en"):
        make_student(world["class"], age=15, language=lang, email=f"student-{lang}@example.org")
        publish_verified(UserFactory(language=lang, email=f"pro-{lang}@example.org"))
    counts = seed_messaging()
    assert counts == {"conversations": 3, "meetings": 7}
    assert sorted(Conversation.objects.values_list("subject", flat=True)) == [
        "A question about your job", "Een vraag over uw beroep", "Une question sur votre métier"]
    assert Message.objects.filter(status="held").count() == 1
    assert Report.objects.count() == 1
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == set(MeetingRequest.Status.values)
    past = MeetingRequest.objects.get(useful=True)
    assert past.professional_note and past.learned
