import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from backstage.internships.demo import seed_internships
from backstage.internships.models import Application, Offer, Report, Signature

pytestmark = pytest.mark.django_db


def test_demo_has_offers_every_state_a_half_signed_agreement_and_two_reports():
    call_command("seed_demo", "--skip-occupations", stdout=io.StringIO())
    result = seed_internships(today=timezone.localdate())
    assert result["offers"] == Offer.objects.count() >= 5
    assert set(Application.objects.values_list("status", flat=True)) == set(Application.Status.values)
    assert Offer.objects.filter(reserved_for_priority=True).exists() and Offer.objects.filter(reserved_for_priority=False).exists()
    assert sorted(Signature.objects.values_list("party", flat=True)) == ["company", "school"]
    assert Report.objects.filter(submitted_at__isnull=False).count() == 2
    assert sorted(Application.objects.values_list("offer__title", "status").order_by("offer__title", "status")) == sorted(
        Application.objects.values_list("offer__title", "status"))
