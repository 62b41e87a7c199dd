"""The listing columns (selectors.listed()) against the rules they stand for (selectors.public_profiles())."""

import datetime

import pytest
from django.utils import timezone

from backstage.organisations.models import Membership, Role
from backstage.profiles import selectors
from backstage.profiles.models import ProfessionalProfile, Verification
from tests.discovery.conftest import make_profile
from tests.factories import UserFactory, birth_date_for_age

pytestmark = pytest.mark.django_db


def listed_names() -> list[str]:
    return sorted(ProfessionalProfile.objects.filter(selectors.listed()).values_list("user__first_name", flat=True))


def public_names() -> list[str]:
    return sorted(selectors.public_profiles().values_list("user__first_name", flat=True))


def test_the_listing_follows_every_change_the_rules_read(world):
    today = timezone.localdate()
    ana = make_profile(first_name="Ana")
    bob = make_profile(first_name="Bob")
    make_profile(first_name="Draft", status=ProfessionalProfile.Status.DRAFT)
    make_profile(first_name="Unverified", verified=False)
    make_profile(first_name="Expired", expires_on=today - datetime.timedelta(days=1))
    make_profile(first_name="Minor", user=UserFactory(first_name="Minor", date_of_birth=birth_date_for_age(17)))
    make_profile(first_name="Student", user=world["other_student"])
    assert listed_names() == public_names() == ["Ana", "Bob"]

    # Each change through an ordinary save, as the services and the admin make them.
    verification = Verification.objects.get(user=ana.user)
    verification.status = Verification.Status.REVOKED
    verification.save()
    assert listed_names() == public_names() == ["Bob"]
    Verification.objects.create(user=ana.user, status=Verification.Status.VERIFIED,
                                expires_on=today + datetime.timedelta(days=10))
    assert listed_names() == public_names() == ["Ana", "Bob"]

    bob.user.is_active = False
    bob.user.save()
    assert listed_names() == public_names() == ["Ana"]
    bob.user.is_active = True
    bob.user.save()
    membership = Membership.objects.create(user=bob.user, organisation=world["school"], role=Role.STUDENT)
    assert listed_names() == public_names() == ["Ana"]
    membership.ended_at = timezone.now()
    membership.save()
    assert listed_names() == public_names() == ["Ana", "Bob"]
    membership.delete()
    assert listed_names() == public_names() == ["Ana", "Bob"]

    bob.status = ProfessionalProfile.Status.DRAFT
    bob.save()
    assert listed_names() == public_names() == ["Ana"]
    bob.status = ProfessionalProfile.Status.PUBLISHED
    bob.save()
    bob.user.date_of_birth = birth_date_for_age(16)
    bob.user.save(update_fields=["date_of_birth"])
    assert listed_names() == public_names() == ["Ana"]
    bob.user.last_login = timezone.now()
    bob.user.save(update_fields=["last_login"])
    Verification.objects.filter(user=ana.user).delete()
    assert listed_names() == public_names() == []


def test_the_listing_needs_no_update_when_a_verification_expires_or_an_owner_turns_18(world):
    today = timezone.localdate()
    make_profile(first_name="Ana", expires_on=today)
    make_profile(first_name="Bob", user=UserFactory(first_name="Bob", date_of_birth=birth_date_for_age(
        17, days_after_birthday=364)))
    assert listed_names() == public_names() == ["Ana"]
    later = timezone.now() + datetime.timedelta(days=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        assert listed_names() == public_names() == ["Bob"]


def test_relist_repairs_what_a_bulk_write_left_behind(world):
    ana = make_profile(first_name="Ana")
    Verification.objects.filter(user=ana.user).update(status=Verification.Status.REVOKED)  # sends no signal
    assert listed_names() == ["Ana"] and public_names() == []
    selectors.relist(user_ids=[ana.user_id])
    assert listed_names() == public_names() == []


def test_a_save_of_a_profile_held_since_before_a_change_keeps_the_listing_right(world):
    ana = make_profile(first_name="Ana")
    held = ProfessionalProfile.objects.get(pk=ana.pk)  # loaded while Ana is listed
    verification = Verification.objects.get(user=ana.user)
    verification.status = Verification.Status.REVOKED
    verification.save()
    held.job_title = "Verpleegkundige"
    held.save()  # writes every column, the listing's old values too: the signal sets them right again
    assert listed_names() == public_names() == []


def test_the_relist_command_says_what_it_put_right(world):
    from io import StringIO

    from django.core.management import call_command

    ana = make_profile(first_name="Ana")
    make_profile(first_name="Bob")
    Verification.objects.filter(user=ana.user).update(status=Verification.Status.REVOKED)  # sends no signal
    out = StringIO()
    call_command("relist_profiles", stdout=out)
    assert out.getvalue().strip() == "Profiles listed today: 1 (0 added, 1 removed)."
    assert listed_names() == public_names() == ["Bob"]
