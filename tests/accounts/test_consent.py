import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from backstage.accounts.models import ParentalConsent
from backstage.accounts.selectors import contact_allowed
from backstage.core.models import AuditEntry
from tests.factories import SchoolClassFactory, SchoolFactory, birth_date_for_age, make_student

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "country, age, needs_consent",
    [("BE", 12, True), ("BE", 13, False), ("FR", 14, True), ("FR", 15, False), ("NL", 15, True), ("NL", 16, False)],
)
def test_contact_features_wait_for_consent_below_the_country_age(world, country, age, needs_consent):
    student = make_student(world["class"], age=age, country=country)
    assert student.below_consent_age is needs_consent
    assert contact_allowed(student) is (not needs_consent)


def test_birthday_today_counts(world):
    student = make_student(world["class"], age=13, country="BE")
    student.date_of_birth = birth_date_for_age(13, days_after_birthday=0)
    assert student.below_consent_age is False
    student.date_of_birth = birth_date_for_age(13, days_after_birthday=0) + datetime.timedelta(days=1)
    assert student.below_consent_age is True


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def _ask(student, email="parent@example.org"):
        client.force_login(student)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/me/consent/", {"parent_email": email})
        assert response.status_code == 302
        link = re.search(r"http://testserver(/consent/[^/\s]+/)", mail.outbox[-1].body).group(1)
        client.logout()
        return link

    return _ask



def test_parent_consents_by_email_link_once(client, world, ask):
    student = make_student(world["class"], age=12, language="fr")
    assert not contact_allowed(student)
    link = ask(student)
    assert mail.outbox[-1].to == ["parent@example.org"]
    assert "consentement" in mail.outbox[-1].subject  # in the student's language

    page = client.get(link)
    assert page.status_code == 200 and student.first_name in page.content.decode()

    missing_box = client.post(link, {"parent_name": "Fatima Bouzid"})
    assert missing_box.status_code == 400
    assert ParentalConsent.objects.get(student=student).status == "pending"

    done = client.post(link, {"parent_name": "Fatima Bouzid", "confirm": "on"})
    assert done.status_code == 200
    consent = ParentalConsent.objects.get(student=student)
    assert (consent.status, consent.method, consent.parent_name) == ("granted", "email_link", "Fatima Bouzid")
    assert contact_allowed(student)

    reused = client.post(link, {"parent_name": "Someone Else", "confirm": "on"})
    assert reused.status_code == 410
    assert "already been used" in reused.content.decode()
    consent.refresh_from_db()
    assert consent.parent_name == "Fatima Bouzid"

    actions = list(AuditEntry.objects.filter(subject=student).values_list("action", flat=True))
    assert actions == ["consent.granted", "consent.requested"]


def test_expired_consent_link_is_refused_and_changes_nothing(client, world, ask):
    student = make_student(world["class"], age=12)
    link = ask(student)
    ParentalConsent.objects.filter(student=student).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(link, {"parent_name": "Fatima", "confirm": "on"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert ParentalConsent.objects.get(student=student).status == "pending"
    assert not contact_allowed(student)


def test_new_request_cancels_the_previous_link(client, world, ask):
    student = make_student(world["class"], age=12)
    first = ask(student, "mum@example.org")
    second = ask(student, "dad@example.org")
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_unknown_consent_link_is_404(client, db):
    assert client.get("/consent/not-a-real-token/").status_code == 404


def test_student_cannot_give_own_address_as_parent(client, world):
    student = make_student(world["class"], age=12)
    client.force_login(student)
    response = client.post("/me/consent/", {"parent_email": student.email.upper()})
    assert response.status_code == 400
    assert not ParentalConsent.objects.filter(student=student).exists()
    assert len(mail.outbox) == 0


def test_parent_withdraws_consent_and_contact_stops(client, world, ask):
    student = make_student(world["class"], age=12)
    link = ask(student)
    client.post(link, {"parent_name": "Fatima", "confirm": "on"})
    assert contact_allowed(student)
    response = client.post(link + "withdraw/")
    assert response.status_code == 200
    assert not contact_allowed(student)
    assert ParentalConsent.objects.get(student=student).withdrawn_at is not None
    assert client.post(link + "withdraw/").status_code == 409


def test_teacher_records_and_withdraws_consent(client, world):
    student = make_student(world["class"], age=12)
    client.force_login(world["teacher"])
    url = f"/classes/{world['class'].pk}/students/{student.pk}/consent/"
    response = client.post(url, {"method": "paper", "parent_name": "M. Yilmaz", "given_on": "2026-09-03"})
    assert response.status_code == 302
    consent = ParentalConsent.objects.get(student=student)
    assert (consent.status, consent.method, consent.recorded_by) == ("granted", "paper", world["teacher"])
    assert contact_allowed(student)
    entry = AuditEntry.objects.get(action="consent.recorded")
    assert (entry.actor, entry.subject, entry.details["method"]) == (world["teacher"], student, "paper")

    again = client.post(url, {"method": "phone", "parent_name": "X", "given_on": "2026-09-04"})
    assert again.status_code == 409
    assert ParentalConsent.objects.filter(student=student).count() == 1

    client.post(url + "withdraw/")
    assert not contact_allowed(student)


@pytest.mark.parametrize(
    "data",
    [
        {"method": "paper", "parent_name": "", "given_on": "2026-09-03"},
        {"method": "email_link", "parent_name": "X", "given_on": "2026-09-03"},
        {"method": "paper", "parent_name": "X", "given_on": "2999-01-01"},
        {"method": "paper", "parent_name": "X", "given_on": "yesterday"},
    ],
)
def test_bad_consent_record_input_saves_nothing(client, world, data):
    student = make_student(world["class"], age=12)
    client.force_login(world["teacher"])
    response = client.post(f"/classes/{world['class'].pk}/students/{student.pk}/consent/", data)
    assert response.status_code == 400
    assert not ParentalConsent.objects.filter(student=student).exists()


def test_teacher_of_another_school_cannot_record_consent(client, world):
    student = make_student(world["class"], age=12)
    client.force_login(world["other_teacher"])
    url = f"/classes/{world['class'].pk}/students/{student.pk}/consent/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"method": "paper", "parent_name": "X", "given_on": "2026-09-03"}).status_code == 404
    # Nor through their own class id with this student's id.
    url = f"/classes/{world['other_class'].pk}/students/{student.pk}/consent/"
    assert client.post(url, {"method": "paper", "parent_name": "X", "given_on": "2026-09-03"}).status_code == 404
    assert not ParentalConsent.objects.filter(student=student).exists()


def test_a_student_of_another_school_is_not_reachable_through_own_class(client, world):
    outsider_class = SchoolClassFactory(school=SchoolFactory())
    outsider = make_student(outsider_class, age=12)
    client.force_login(world["teacher"])
    assert client.get(f"/classes/{world['class'].pk}/students/{outsider.pk}/consent/").status_code == 404
