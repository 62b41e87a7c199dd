import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from backstage.events.demo import seed_events
from backstage.events.models import Event, Feedback, Registration

pytestmark = pytest.mark.django_db


def test_demo_has_four_events_with_registrations_a_waiting_list_and_feedback():
    call_command("seed_demo", "--skip-occupations", stdout=io.StringIO())
    result = seed_events(today=timezone.localdate())
    assert result["events"] == Event.objects.count() == 4
    assert sorted(Event.objects.values_list("kind", flat=True)) == ["company_visit", "forum", "speed_meeting", "workshop"]
    assert set(Registration.objects.values_list("status", flat=True)) == {"registered", "waiting"}
    assert Registration.objects.filter(school_class__isnull=False).exists()
    assert Registration.objects.filter(attended=True).exists() and Feedback.objects.count() == 2
