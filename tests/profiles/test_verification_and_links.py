import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from backstage.core.models import AuditEntry
from backstage.organisations.models import Membership, Role
from backstage.profiles.models import LinkInvitation, ProfessionalProfile, SchoolLink, Verification
from backstage.profiles.selectors import public_profiles
from tests.factories import UserFactory, today

pytestmark = pytest.mark.django_db


def verify_data(**overrides):
    data = {
        "decision": "verify",
        "check_type": "be_596_2",
        "document_date": (today() - datetime.timedelta(days=20)).isoformat(),
        "expires_on": (today() + datetime.timedelta(days=365)).isoformat(),
        "how": "Original seen at school with the identity card",
        "note": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def alumna(world):
    user = UserFactory(first_name="Leila", last_name="Haddouchi")
    profile = ProfessionalProfile.objects.create(user=user, job_title="Nurse", status="published")
    SchoolLink.objects.create(
        profile=profile, school=world["school"], kind="alumnus", end_year=2009, status="confirmed"
    )
    return user


def test_adult_asks_and_a_teacher_of_the_linked_school_verifies(client, world, alumna):
    client.force_login(alumna)
    assert client.post("/me/verification/").status_code == 302
    assert client.post("/me/verification/").status_code == 409
    verification = Verification.objects.get(user=alumna)
    assert verification.status == "requested"
    assert not public_profiles().filter(user=alumna).exists()

    client.force_login(world["teacher"])
    queue = client.get("/verifications/")
    assert list(queue.context["requests"]) == [verification]
    response = client.post(f"/verifications/{verification.pk}/", verify_data())
    assert response.status_code == 302
    verification.refresh_from_db()
    assert (verification.status, verification.check_type, verification.verified_by, verification.verifier_role) == (
        "verified", "be_596_2", world["teacher"], "teacher"
    )
    assert verification.verifier_organisation == world["school"]
    entry = AuditEntry.objects.get(action="verification.granted")
    assert (entry.actor, entry.subject, entry.details["check_type"], entry.details["how"]) == (
        world["teacher"], alumna, "be_596_2", "Original seen at school with the identity card"
    )
    assert public_profiles().filter(user=alumna).exists()


def test_teacher_of_another_school_and_other_roles_cannot_verify(client, world, alumna):
    verification = Verification.objects.create(user=alumna)
    client.force_login(world["other_teacher"])
    assert list(client.get("/verifications/").context["requests"]) == []
    assert client.get(f"/verifications/{verification.pk}/").status_code == 404
    assert client.post(f"/verifications/{verification.pk}/", verify_data()).status_code == 404
    for role in ("professional", "company_admin", "student"):
        client.force_login(world[role])
        assert client.get("/verifications/").status_code == 403
        assert client.post(f"/verifications/{verification.pk}/", verify_data()).status_code == 404
    verification.refresh_from_db()
    assert verification.status == "requested"


def test_nobody_verifies_themselves(client, world):
    Verification.objects.create(user=world["teacher"])
    client.force_login(world["teacher"])
    pk = Verification.objects.get(user=world["teacher"]).pk
    assert client.post(f"/verifications/{pk}/", verify_data()).status_code == 404


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"check_type": ""}, "check_type"),
        ({"check_type": "passport"}, "check_type"),
        ({"document_date": (today() + datetime.timedelta(days=2)).isoformat()}, "document_date"),
        ({"document_date": (today() - datetime.timedelta(days=4 * 365)).isoformat()}, "document_date"),
        ({"expires_on": (today() - datetime.timedelta(days=1)).isoformat()}, "expires_on"),
        ({"expires_on": (today() + datetime.timedelta(days=6 * 365)).isoformat()}, "expires_on"),
        ({"how": ""}, "how"),
        ({"decision": "reject", "note": ""}, "note"),
    ],
)
def test_bad_verification_input_changes_nothing(client, world, alumna, overrides, field):
    verification = Verification.objects.create(user=alumna)
    client.force_login(world["moderator"])
    response = client.post(f"/verifications/{verification.pk}/", verify_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    verification.refresh_from_db()
    assert verification.status == "requested"
    assert not AuditEntry.objects.filter(action__startswith="verification.").exists()


def test_expired_or_revoked_verification_hides_the_adult(client, world, alumna):
    verification = Verification.objects.create(
        user=alumna, status="verified", check_type="be_596_2", expires_on=today(), document_date=today()
    )
    assert public_profiles().filter(user=alumna).exists()
    Verification.objects.filter(pk=verification.pk).update(expires_on=today() - datetime.timedelta(days=1))
    assert not public_profiles().filter(user=alumna).exists()

    Verification.objects.filter(pk=verification.pk).update(expires_on=today() + datetime.timedelta(days=30))
    client.force_login(world["moderator"])
    assert client.post(f"/verifications/{verification.pk}/revoke/", {"reason": ""}).status_code == 302
    verification.refresh_from_db()
    assert verification.status == "verified"
    client.post(f"/verifications/{verification.pk}/revoke/", {"reason": "Complaint from a school"})
    verification.refresh_from_db()
    assert verification.status == "revoked"
    assert not public_profiles().filter(user=alumna).exists()
    assert AuditEntry.objects.filter(action="verification.revoked", subject=alumna).count() == 1


def test_coordinator_verifies_mentors_of_their_branch_only(client, world):
    mentor = UserFactory()
    Membership.objects.create(user=mentor, organisation=world["branch"], role=Role.MENTOR)
    stranger = UserFactory()
    mine, other = Verification.objects.create(user=mentor), Verification.objects.create(user=stranger)
    client.force_login(world["coordinator"])
    assert list(client.get("/verifications/").context["requests"]) == [mine]
    assert client.get(f"/verifications/{other.pk}/").status_code == 404
    assert client.post(f"/verifications/{mine.pk}/", verify_data(check_type="nl_vog")).status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.verifier_role, mine.verifier_organisation) == ("verified", "coordinator", world["branch"])


def test_minor_cannot_ask_for_verification(client, world):
    client.force_login(world["student"])
    assert client.post("/me/verification/").status_code == 403
    assert not Verification.objects.exists()


def test_alumnus_link_requested_then_confirmed_by_the_school(client, world):
    adult = UserFactory()
    client.force_login(adult)
    bad = client.post("/me/links/", {"kind": "alumnus", "school": world["school"].pk, "start_year": "2005"})
    assert bad.status_code == 400 and "end_year" in bad.context["form"].errors
    reversed_years = {"kind": "alumnus", "school": world["school"].pk, "start_year": "2010", "end_year": "2004"}
    assert client.post("/me/links/", reversed_years).status_code == 400
    assert not SchoolLink.objects.exists()
    ok = {"kind": "alumnus", "school": world["school"].pk, "start_year": "2003", "end_year": "2009"}
    assert client.post("/me/links/", ok).status_code == 302
    assert client.post("/me/links/", ok).status_code == 409
    link = SchoolLink.objects.get()
    assert (link.status, link.end_year, link.profile.user) == ("pending", 2009, adult)

    client.force_login(world["other_teacher"])
    assert client.post(f"/schools/{world['school'].pk}/links/{link.pk}/", {"decision": "confirm"}).status_code == 404
    client.force_login(world["teacher"])
    page = client.get(f"/schools/{world['school'].pk}/links/").content.decode()
    assert adult.get_full_name() in page and "waiting for the school" in page
    client.post(f"/schools/{world['school'].pk}/links/{link.pk}/", {"decision": "confirm"})
    link.refresh_from_db()
    assert (link.status, link.decided_by) == ("confirmed", world["teacher"])


def test_teacher_invites_a_parent_who_accepts_once(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/schools/{world['school'].pk}/links/", {"kind": "parent", "email": "Parent@Example.org"}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["parent@example.org"]
    url = re.search(r"http://testserver(/link-invitations/[^/\s]+/)", mail.outbox[-1].body).group(1)
    parent = UserFactory(email="parent@example.org")
    client.force_login(parent)
    assert client.post(url).status_code == 302
    link = SchoolLink.objects.get(profile__user=parent)
    assert (link.kind, link.status, link.decided_by) == ("parent", "confirmed", world["teacher"])
    assert client.post(url).status_code == 410
    assert SchoolLink.objects.count() == 1
    LinkInvitation.objects.update(accepted_at=None, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(url).status_code == 410
    assert client.get("/link-invitations/nonsense/").status_code == 404


def test_bad_invite_saves_nothing(client, world):
    client.force_login(world["teacher"])
    response = client.post(f"/schools/{world['school'].pk}/links/", {"kind": "ambassador", "email": "x@example.org"})
    assert response.status_code == 400
    assert not LinkInvitation.objects.exists()


def test_company_admin_proposes_an_ambassador_the_school_accepts(client, world):
    employee = UserFactory()
    profile = ProfessionalProfile.objects.create(user=employee, employer=world["company"], job_title="Welder")
    client.force_login(world["company_admin"])
    url = f"/companies/{world['company'].pk}/ambassadors/"
    response = client.post(url, {"action": "propose", "profile": profile.pk, "school": world["school"].pk})
    assert response.status_code == 302
    link = SchoolLink.objects.get()
    assert (link.kind, link.company, link.status) == ("ambassador", world["company"], "pending")

    client.force_login(world["teacher"])
    client.post(f"/schools/{world['school'].pk}/links/{link.pk}/", {"decision": "confirm"})
    link.refresh_from_db()
    assert link.status == "confirmed"


def test_only_the_company_admin_manages_its_ambassadors(client, world):
    outsider_profile = ProfessionalProfile.objects.create(user=UserFactory(), job_title="Cook")
    client.force_login(world["company_admin"])
    url = f"/companies/{world['company'].pk}/ambassadors/"
    response = client.post(url, {"action": "propose", "profile": outsider_profile.pk, "school": world["school"].pk})
    assert response.status_code == 400  # not an employee of this company
    for role in ("professional", "teacher", "moderator", "student"):
        client.force_login(world[role])
        assert client.get(url).status_code == 404
    assert not SchoolLink.objects.exists()
