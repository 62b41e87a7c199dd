import re

import pytest
from django.core import mail

from backstage.core.models import AuditEntry
from backstage.organisations.models import Membership, Organisation, SchoolClass, StaffInvitation
from tests.factories import PlaceFactory, UserFactory, birth_date_for_age, make_student

pytestmark = pytest.mark.django_db


def school_data(**overrides):
    data = {
        "name": "Institut Sainte-Marie",
        "country": "BE",
        "postcode": "1080",
        "locality": "",
        "address": "Rue de la Prospérité 14",
        "official_code": "",
        "priority_education": "on",
        "role": "teacher",
    }
    data.update(overrides)
    return data


def test_teacher_registers_school_which_waits_for_a_moderator(client, world):
    PlaceFactory()
    teacher = UserFactory()
    client.force_login(teacher)
    response = client.post("/schools/new/", school_data())
    school = Organisation.objects.get(name="Institut Sainte-Marie")
    assert response.status_code == 302 and response["Location"] == f"/schools/{school.pk}/"
    assert (school.status, school.kind, school.priority_education, school.place.postcode) == (
        "pending", "school", True, "1080"
    )
    assert Membership.objects.get(organisation=school).user == teacher

    # Classes of a pending school cannot be joined yet.
    client.post(f"/schools/{school.pk}/classes/new/", {"name": "1A", "grade": 1, "school_year": "2026-2027"})
    code = SchoolClass.objects.get(school=school).join_code
    student = UserFactory(date_of_birth=birth_date_for_age(13))
    client.force_login(student)
    assert client.post("/join/", {"code": code}).status_code == 400

    client.force_login(world["moderator"])
    assert client.get("/moderation/schools/").context["schools"][0] == school
    assert client.post(f"/moderation/schools/{school.pk}/", {"decision": "approve"}).status_code == 302
    school.refresh_from_db()
    assert school.status == "approved"
    assert AuditEntry.objects.filter(action="organisation.approved", organisation=school).count() == 1

    client.force_login(student)
    assert client.post("/join/", {"code": code}).status_code == 302


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"postcode": "9999"}, "postcode"),
        ({"country": "FR", "postcode": "1080"}, "postcode"),
        ({"name": ""}, "name"),
        ({"role": "student"}, "role"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_school_input_saves_nothing(client, world, overrides, field):
    PlaceFactory()
    client.force_login(UserFactory())
    before = Organisation.objects.count()
    response = client.post("/schools/new/", school_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Organisation.objects.count() == before


def test_ambiguous_postcode_asks_for_the_municipality(client, world):
    PlaceFactory(postcode="1300", name="Wavre", name_fr="Wavre", name_nl="Waver")
    PlaceFactory(postcode="1300", name="Limal", name_fr="Limal", name_nl="Limal")
    client.force_login(UserFactory())
    response = client.post("/schools/new/", school_data(postcode="1300"))
    assert response.status_code == 400
    assert "Limal, Wavre" in response.content.decode()
    assert client.post("/schools/new/", school_data(postcode="1300", locality="waver")).status_code == 302
    assert Organisation.objects.get(name="Institut Sainte-Marie").place.name == "Wavre"


def test_minor_cannot_register_a_school(client, world):
    client.force_login(world["student"])
    assert client.post("/schools/new/", school_data()).status_code == 403


def test_moderator_rejects_with_a_reason(client, world):
    pending = Organisation.objects.create(kind="school", name="Fake", country="BE", status="pending")
    client.force_login(world["moderator"])
    no_reason = client.post(f"/moderation/schools/{pending.pk}/", {"decision": "reject", "note": ""})
    assert no_reason.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "pending"
    client.post(f"/moderation/schools/{pending.pk}/", {"decision": "reject", "note": "Not a school"})
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == ("rejected", "Not a school")
    # Already reviewed: no longer in the queue.
    assert client.get(f"/moderation/schools/{pending.pk}/").status_code == 404


def test_teacher_creates_class_with_a_unique_readable_code(client, world):
    client.force_login(world["teacher"])
    response = client.post(
        f"/schools/{world['school'].pk}/classes/new/", {"name": "5C", "grade": 5, "school_year": "2026-2027"}
    )
    school_class = SchoolClass.objects.get(name="5C")
    assert response["Location"] == f"/classes/{school_class.pk}/"
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", school_class.join_code)
    page = client.get(f"/classes/{school_class.pk}/").content.decode()
    assert school_class.join_code in page
    assert AuditEntry.objects.filter(action="class.created", actor=world["teacher"]).count() == 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "5C", "grade": 9, "school_year": "2026-2027"}, "grade"),
        ({"name": "5C", "grade": 5, "school_year": "2026-2028"}, "school_year"),
        ({"name": "5C", "grade": 5, "school_year": "26-27"}, "school_year"),
        ({"name": "", "grade": 5, "school_year": "2026-2027"}, "name"),
        ({"name": "4b", "grade": 4, "school_year": "2026-2027"}, "name"),  # exists as 4B
    ],
)
def test_bad_class_input_saves_nothing(client, world, data, field):
    client.force_login(world["teacher"])
    before = SchoolClass.objects.count()
    response = client.post(f"/schools/{world['school'].pk}/classes/new/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert SchoolClass.objects.count() == before


def test_teacher_of_another_school_cannot_see_or_change_the_class(client, world):
    client.force_login(world["other_teacher"])
    pk = world["class"].pk
    code = world["class"].join_code
    assert client.get(f"/classes/{pk}/").status_code == 404
    assert client.post(f"/classes/{pk}/reset-code/").status_code == 404
    assert client.get(f"/schools/{world['school'].pk}/").status_code == 404
    assert client.post(
        f"/schools/{world['school'].pk}/classes/new/", {"name": "X", "grade": 1, "school_year": "2026-2027"}
    ).status_code == 404
    world["class"].refresh_from_db()
    assert world["class"].join_code == code


def test_staff_see_students_of_their_class_only(client, world):
    client.force_login(world["teacher"])
    page = client.get(f"/classes/{world['class'].pk}/").content.decode()
    assert "Yasmine El Amrani" in page
    assert "Inès Diallo" not in page


def test_reset_code_invalidates_the_old_one(client, world):
    old = world["class"].join_code
    client.force_login(world["teacher"])
    client.post(f"/classes/{world['class'].pk}/reset-code/")
    world["class"].refresh_from_db()
    assert world["class"].join_code != old
    student = UserFactory(date_of_birth=birth_date_for_age(14))
    client.force_login(student)
    assert client.post("/join/", {"code": old}).status_code == 400
    assert client.post("/join/", {"code": world["class"].join_code}).status_code == 302


def test_student_joins_and_moves_class_within_a_school(client, world):
    other = SchoolClass.objects.create(school=world["school"], name="4C", grade=4, school_year="2026-2027")
    client.force_login(world["student"])
    assert client.post("/join/", {"code": world["class"].join_code}).status_code == 409
    assert client.post("/join/", {"code": other.join_code}).status_code == 302
    memberships = Membership.objects.active().filter(user=world["student"])
    assert [(m.organisation, m.school_class) for m in memberships] == [(world["school"], other)]


def test_bad_join_code_is_refused(client, world):
    student = UserFactory(date_of_birth=birth_date_for_age(14))
    client.force_login(student)
    response = client.post("/join/", {"code": "NOPE"})
    assert response.status_code == 400
    assert "No open class has this code" in response.content.decode()
    assert not Membership.objects.filter(user=student).exists()


def test_teacher_invites_a_colleague_who_joins_once(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/schools/{world['school'].pk}/invite/", {"email": "Colleague@Example.org", "role": "counsellor"}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["colleague@example.org"]
    link = re.search(r"http://testserver(/invitations/[^/\s]+/)", mail.outbox[-1].body).group(1)

    colleague = UserFactory(email="colleague@example.org")
    client.force_login(colleague)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    membership = Membership.objects.get(user=colleague)
    assert (membership.organisation, membership.role) == (world["school"], "counsellor")
    assert "Yasmine El Amrani" in client.get(f"/classes/{world['class'].pk}/").content.decode()

    reused = client.post(link)
    assert reused.status_code == 410
    assert Membership.objects.filter(user=colleague).count() == 1
    assert StaffInvitation.objects.get().accepted_by == colleague


def test_bad_invitation_input(client, world):
    client.force_login(world["teacher"])
    response = client.post(f"/schools/{world['school'].pk}/invite/", {"email": "nope", "role": "teacher"})
    assert response.status_code == 400
    assert not StaffInvitation.objects.exists()
    assert client.get("/invitations/garbage/").status_code == 404


def test_minor_cannot_accept_a_staff_invitation(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/schools/{world['school'].pk}/invite/", {"email": "kid@example.org", "role": "teacher"})
    link = re.search(r"http://testserver(/invitations/[^/\s]+/)", mail.outbox[-1].body).group(1)
    kid = make_student(world["other_class"], age=15, email="kid@example.org")
    client.force_login(kid)
    assert client.post(link).status_code == 409
    assert not Membership.objects.filter(user=kid, role="teacher").exists()


def test_reset_code_with_htmx_returns_only_the_code_card(client, world):
    client.force_login(world["teacher"])
    response = client.post(f"/classes/{world['class'].pk}/reset-code/", headers={"HX-Request": "true"})
    world["class"].refresh_from_db()
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<article id="code-card"') and "<html" not in body
    assert world["class"].join_code in body

    closed = client.post(f"/classes/{world['class'].pk}/joining/", headers={"HX-Request": "true"}).content.decode()
    world["class"].refresh_from_db()
    assert world["class"].joining_open is False
    assert "Joining is closed" in closed and world["class"].join_code not in closed
