import datetime

import pytest
from django.utils import timezone

from backstage.messaging import services
from backstage.profiles.models import ProfessionalProfile, Verification


def publish_verified(user, **fields) -> ProfessionalProfile:
    Verification.objects.create(
        user=user, status=Verification.Status.VERIFIED, check_type="be_596_2",
        document_date=timezone.localdate(), expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    defaults = {"job_title": "Electrician", "status": "published", "published_at": timezone.now(),
                "offers": ["questions", "workplace"]}
    return ProfessionalProfile.objects.create(user=user, **{**defaults, **fields})


@pytest.fixture
def profile(world):
    return publish_verified(world["professional"])


@pytest.fixture
def conversation(world, profile):
    return services.conversation_start(
        student=world["student"], profile=profile, subject="Your job",
        body="Hello Karim, I am Yasmine from 4B. Why did you choose electricity?",
    )
