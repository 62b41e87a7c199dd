"""The quiz results, the explore feed and the gallery list professionals through the same visibility rules as the
search: never a student account or a minor, and for students never a professional on a break whose month is full."""

import random

import pytest
from django.urls import reverse

from backstage.interests.explore import feed, ranked_profiles
from backstage.messaging import services as messaging
from backstage.organisations.models import Membership, Role
from backstage.profiles.models import ProfessionalProfile
from tests.factories import birth_date_for_age, make_student
from tests.interests.helpers import isco_unit, make_occupation, make_professional
from tests.interests.test_quiz import HAND_MADE_SCORES, finished_attempt, onet_scale

pytestmark = pytest.mark.django_db

BODY = "Hello, I am a student and I wonder how you learned your job?"


@pytest.fixture
def crowd(world):
    occupation = make_occupation("plumber", "7126", onet_scale(HAND_MADE_SCORES))
    unit = isco_unit("7126")
    profiles = {
        "open": make_professional(first_name="Open", occupation=occupation, sector=unit),
        "full": make_professional(first_name="Full", occupation=occupation, sector=unit, monthly_capacity=1),
        "student": make_professional(first_name="Pupil", occupation=occupation, sector=unit),
        "minor": make_professional(first_name="Young", occupation=occupation, sector=unit),
    }
    # A profile row of a student account and of a minor: whatever let them in, they are never listed.
    Membership.objects.create(user=profiles["student"].user, organisation=world["school"], role=Role.STUDENT,
                              school_class=world["class"])
    profiles["minor"].user.date_of_birth = birth_date_for_age(17)
    profiles["minor"].user.save()
    writer = make_student(world["class"], age=16)
    messaging.conversation_start(student=writer, profile=profiles["full"], subject="Question", body=BODY)
    ProfessionalProfile.objects.filter(pk=profiles["full"].pk).update(paused=True)
    return profiles


def names(profiles) -> set[str]:
    return {profile.user.first_name for profile in profiles}


def test_quiz_results_never_list_students_minors_or_paused_and_full(client, world, crowd):
    attempt = finished_attempt(world["student"])
    client.force_login(world["student"])
    response = client.get(reverse("interests:quiz_attempt", args=[attempt.pk]))
    match = response.context["matches"][0]
    assert [card["profile"].user.first_name for card in match.professionals] == ["Open"]
    page = response.content.decode()
    assert "Pupil" not in page and "Young" not in page and "Full" not in page


def test_the_explore_feed_never_shows_students_minors_or_paused_and_full(world, crowd):
    ranked = ranked_profiles(world["student"], rng=random.Random(0))
    assert names(ranked) == {"Open"}
    cards = feed(world["student"], rng=random.Random(0))
    assert names(card.profile for card in cards if card.kind == "profile") == {"Open"}


def test_staff_still_see_a_paused_and_full_professional_but_never_a_student_or_a_minor(client, world, crowd):
    assert names(ranked_profiles(world["teacher"], rng=random.Random(0))) == {"Open", "Full"}
    client.force_login(world["teacher"])
    for key in ("student", "minor"):
        assert client.get(reverse("profiles:profile_detail", args=[crowd[key].pk])).status_code == 404


def test_a_full_professional_still_open_to_requests_is_shown_after_the_available_ones(world, crowd):
    ProfessionalProfile.objects.filter(pk=crowd["full"].pk).update(paused=False)
    ranked = list(ranked_profiles(world["student"], rng=random.Random(0)))
    assert [(p.user.first_name, p.available) for p in ranked] == [("Open", True), ("Full", False)]


def test_the_datasheet_lists_the_people_doing_the_job_through_the_same_rules(client, world, crowd):
    client.force_login(world["student"])
    response = client.get(crowd["open"].occupation.get_absolute_url())
    assert [card["profile"].user.first_name for card in response.context["professionals"]] == ["Open"]
    page = response.content.decode()
    assert f'href="/professionals/{crowd["open"].pk}/"' in page
    assert "Pupil" not in page and "Young" not in page and "Full" not in page
