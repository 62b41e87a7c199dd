import pytest

from backstage.core.models import AuditEntry
from backstage.mentoring import services
from backstage.mentoring.models import Application, ApplicationEvent, Duo
from backstage.mentoring.services import MOVES, MentoringError, manual_moves
from backstage.organisations.models import Membership, Role
from backstage.profiles.models import Verification
from tests.mentoring.conftest import make_duo, mentee, mentor

pytestmark = pytest.mark.django_db
S = Application.Status


def test_the_legal_moves_of_each_side():
    assert MOVES["mentee"]["applied"] == {S.SCREENED, S.WITHDRAWN, S.CLOSED}
    assert S.TRAINED not in set().union(*MOVES["mentee"].values())  # mentees are not trained
    assert MOVES["mentor"]["screened"] == {S.TRAINED, S.WITHDRAWN, S.CLOSED}
    assert MOVES["mentor"]["trained"] == {S.WAITING, S.WITHDRAWN, S.CLOSED}
    assert MOVES["mentee"]["closed"] == MOVES["mentee"]["withdrawn"] == set()


@pytest.mark.parametrize("kind, path", [
    ("mentee", ["screened", "waiting"]),
    ("mentor", ["screened", "trained", "waiting"]),
])
def test_coordinator_walks_an_applicant_to_the_pool(mworld, kind, path):
    application = Application.objects.create(
        user=_user(kind), branch=mworld["branch"], kind=kind,
        languages=["fr"],
    )
    for status in path:
        services.application_move(application=application, to_status=status, actor=mworld["coordinator"])
    application.refresh_from_db()
    assert application.status == "waiting" and application.waiting_since is not None
    assert list(ApplicationEvent.objects.filter(application=application).values_list("to_status", flat=True)) == path
    role = Role.MENTOR if kind == "mentor" else Role.MENTEE
    assert Membership.objects.active().filter(user=application.user, organisation=mworld["branch"], role=role).count() == 1
    assert AuditEntry.objects.filter(action="mentoring.status_changed").count() == len(path)


def _user(kind):
    from tests.factories import UserFactory, birth_date_for_age

    return UserFactory(date_of_birth=birth_date_for_age(25 if kind == "mentee" else 60))


@pytest.mark.parametrize("kind, start, target", [
    ("mentee", "applied", "waiting"),
    ("mentee", "applied", "active"),
    ("mentee", "screened", "trained"),
    ("mentor", "applied", "trained"),
    ("mentor", "screened", "waiting"),
    ("mentee", "closed", "waiting"),
    ("mentee", "withdrawn", "screened"),
])
def test_illegal_moves_are_refused(mworld, kind, start, target):
    application = Application.objects.create(user=_user(kind), branch=mworld["branch"], kind=kind, status=start,
                                             languages=["fr"])
    with pytest.raises(MentoringError):
        services.application_move(application=application, to_status=target, actor=mworld["coordinator"])
    application.refresh_from_db()
    assert application.status == start
    assert not ApplicationEvent.objects.exists()


def test_screening_a_mentor_gives_the_membership_and_asks_for_verification_by_the_branch(client, mworld):
    application = Application.objects.create(user=_user("mentor"), branch=mworld["branch"], kind="mentor",
                                             languages=["fr"])
    services.application_move(application=application, to_status="screened", actor=mworld["coordinator"])
    request = Verification.objects.get(user=application.user)
    assert request.status == "requested"
    # The branch's coordinator now finds it in the existing verification queue; the other branch's does not.
    client.force_login(mworld["coordinator"])
    assert client.get(f"/verifications/{request.pk}/").status_code == 200
    client.force_login(mworld["other_coordinator"])
    assert client.get(f"/verifications/{request.pk}/").status_code == 404


def test_status_form_offers_only_legal_manual_moves_and_400s_on_others(client, mworld):
    application = Application.objects.create(user=_user("mentee"), branch=mworld["branch"], kind="mentee",
                                             languages=["fr"])
    assert manual_moves(application) == ["screened", "closed", "withdrawn"]
    client.force_login(mworld["coordinator"])
    path = f"/mentoring/applications/{application.pk}/status/"
    response = client.post(path, {"to_status": "active"})
    assert response.status_code == 400 and "to_status" in response.context["move_form"].errors
    response = client.post(path, {"to_status": "withdrawn", "note": ""})
    assert response.status_code == 400 and "note" in response.context["move_form"].errors
    application.refresh_from_db()
    assert application.status == "applied"
    assert client.post(path, {"to_status": "screened", "note": "good interview"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "screened"
    assert ApplicationEvent.objects.get(to_status="screened").note == "good interview"


def test_a_person_in_a_running_duo_cannot_be_withdrawn_before_the_duo_is_closed(client, mworld):
    branch = mworld["branch"]
    duo = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"))
    client.force_login(mworld["coordinator"])
    response = client.post(f"/mentoring/applications/{duo.mentee_id}/status/", {"to_status": "withdrawn", "note": "moved"})
    assert response.status_code == 409
    assert Application.objects.get(pk=duo.mentee_id).status == "active"


def test_withdrawing_removes_the_proposals_and_ends_the_membership(mworld):
    branch = mworld["branch"]
    young = mentee(branch)
    proposal = Duo.objects.create(branch=branch, mentee=young, mentor=mentor(branch))
    services.application_move(application=young, to_status="withdrawn", actor=mworld["coordinator"], note="found a job")
    assert not Duo.objects.filter(pk=proposal.pk).exists()
    assert not Membership.objects.active().filter(user=young.user, role=Role.MENTEE).exists()


def test_notes_and_filters(client, mworld):
    branch = mworld["branch"]
    young = mentee(branch, status="screened")
    old = mentor(branch, status="trained")
    mentee(mworld["other_branch"], status="screened")
    client.force_login(mworld["coordinator"])
    response = client.post(f"/mentoring/applications/{young.pk}/", {"interview_notes": "x" * 5001})
    assert response.status_code == 400
    assert client.post(f"/mentoring/applications/{young.pk}/", {"interview_notes": "Motivated."}).status_code == 302
    young.refresh_from_db()
    assert young.interview_notes == "Motivated."
    listing = client.get(f"/mentoring/branches/{branch.pk}/applications/", {"status": "screened"})
    assert [a.pk for a in listing.context["applications"]] == [young.pk]
    listing = client.get(f"/mentoring/branches/{branch.pk}/applications/", {"kind": "mentor"})
    assert [a.pk for a in listing.context["applications"]] == [old.pk]
    assert client.get(f"/mentoring/branches/{branch.pk}/applications/", {"status": "nonsense"}).status_code == 400
