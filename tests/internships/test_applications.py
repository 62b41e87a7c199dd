import datetime
import itertools
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from backstage.core.models import AuditEntry
from backstage.internships import services
from backstage.internships.models import Agreement, Application, Kit, Offer, SchoolSettings
from backstage.internships.services import TRANSITIONS, InternshipError
from backstage.organisations.models import Organisation, Role
from tests.factories import make_member, make_student
from tests.internships.helpers import apply, give_kit, make_offer, move

S = Application.Status
pytestmark = pytest.mark.django_db


def test_application_waits_for_the_teacher_and_the_company_cannot_see_it(client, world, django_capture_on_commit_callbacks):
    offer = make_offer(world["company"])
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(offer, world["student"])
    assert application.status == S.WAITING_TEACHER and application.sent_at is None
    assert [m.to for m in mail.outbox] == [[world["teacher"].email]]
    client.force_login(world["company_admin"])
    assert client.get(f"/internships/applications/{application.pk}/").status_code == 404
    client.force_login(world["other_teacher"])
    assert client.get(f"/internships/applications/{application.pk}/").status_code == 404
    client.force_login(world["teacher"])
    page = client.get(f"/internships/applications/{application.pk}/")
    assert page.status_code == 200 and "El Amrani" in page.content.decode()


def test_school_that_switched_validation_off_sends_straight_to_the_company(client, world, django_capture_on_commit_callbacks):
    SchoolSettings.objects.create(school=world["school"], teacher_validation=False)
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(make_offer(world["company"]), world["student"])
    assert application.status == S.SENT and application.sent_at is not None
    assert [m.to for m in mail.outbox] == [[world["company_admin"].email]]


def test_teacher_switches_validation_in_school_settings(client, world):
    client.force_login(world["teacher"])
    response = client.post(f"/internships/schools/{world['school'].pk}/settings/", {})
    assert response.status_code == 302
    assert SchoolSettings.objects.get(school=world["school"]).teacher_validation is False
    client.force_login(world["other_teacher"])
    assert client.post(f"/internships/schools/{world['school'].pk}/settings/", {"teacher_validation": "on"}).status_code == 404


def test_full_flow_through_the_views_with_messages(client, world, django_capture_on_commit_callbacks):
    offer = make_offer(world["company"], places=1)
    application = apply(offer, world["student"])
    client.force_login(world["teacher"])
    response = client.post(f"/internships/applications/{application.pk}/move/", {"action": "validate", "message": "Bonne lettre"})
    assert response.status_code == 302
    client.force_login(world["company_admin"])
    page = client.get(f"/internships/applications/{application.pk}/").content.decode()
    # The company reads the name the pupil wrote on the CV they sent, and never their e-mail address.
    assert "Yasmine El Amrani" in page and world["student"].email not in page
    assert "Bonne lettre" not in page  # the teacher's note is for the pupil
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/internships/applications/{application.pk}/move/", {"action": "accept", "message": "Bienvenue lundi à 9 h"})
    assert response.status_code == 302
    application.refresh_from_db()
    offer.refresh_from_db()
    assert (application.status, application.company_message, offer.places_left) == (S.ACCEPTED, "Bienvenue lundi à 9 h", 0)
    assert Agreement.objects.filter(application=application).exists()
    assert [m.to for m in mail.outbox] == [[world["student"].email]]
    assert list(AuditEntry.objects.filter(action="internships.move").order_by("pk").values_list("details__status", flat=True)) == ["sent", "accepted"]


def test_declining_needs_a_message_and_keeps_everything_unchanged(client, world):
    application = apply(make_offer(world["company"]), world["student"])
    move(application, "validate", world["teacher"])
    client.force_login(world["company_admin"])
    response = client.post(f"/internships/applications/{application.pk}/move/", {"action": "decline", "message": " "})
    assert response.status_code == 400
    assert "Say in a few words why" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SENT


def test_the_teacher_cannot_accept_for_the_company(client, world):
    application = apply(make_offer(world["company"]), world["student"])
    move(application, "validate", world["teacher"])
    client.force_login(world["teacher"])
    response = client.post(f"/internships/applications/{application.pk}/move/", {"action": "accept"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == S.SENT


def test_every_illegal_move_is_refused_for_every_party(world):
    offer = make_offer(world["company"], places=5)
    application = apply(offer, world["student"])
    refused = 0
    for frm, to, party in itertools.product(S.values, S.values, ("student", "teacher", "company")):
        if TRANSITIONS.get((frm, to)) == party:
            continue
        Application.objects.filter(pk=application.pk).update(status=frm)
        with pytest.raises(InternshipError):
            services.application_move(application=application, to_status=to, actor=world["teacher"], party=party)
        assert Application.objects.get(pk=application.pk).status == frm
        refused += 1
    assert refused == 6 * 6 * 3 - len(TRANSITIONS)
    assert Offer.objects.get(pk=offer.pk).places_left == 5


def test_no_two_accepted_internships_the_same_week(world):
    first = apply(make_offer(world["company"], title="A"), world["student"])
    second = apply(make_offer(world["company"], title="B"), world["student"])
    for application in (first, second):
        move(application, "validate", world["teacher"])
    move(first, "accept", world["company_admin"])
    with pytest.raises(InternshipError, match="already has an accepted internship that week"):
        move(second, "accept", world["company_admin"])
    assert Application.objects.get(pk=second.pk).status == S.SENT
    assert Offer.objects.get(pk=second.offer_id).places_left == 2


def test_the_last_place_cannot_be_taken_twice_and_withdrawing_frees_it(world):
    offer = make_offer(world["company"], places=1)
    other_student = make_student(world["class"], first_name="Lina")
    first, second = apply(offer, world["student"]), apply(offer, other_student)
    for application in (first, second):
        move(application, "validate", world["teacher"])
    move(first, "accept", world["company_admin"])
    with pytest.raises(InternshipError, match="no place left"):
        move(second, "accept", world["company_admin"])
    assert Offer.objects.get(pk=offer.pk).places_left == 0
    move(first, "withdraw", world["student"])
    move(second, "accept", world["company_admin"])
    assert Offer.objects.get(pk=offer.pk).places_left == 0


def test_reserved_offer_is_hidden_from_and_closed_to_other_schools(client, world):
    world["school"].priority_education = True
    world["school"].save()
    offer = make_offer(world["company"], reserved=True)
    client.force_login(world["other_student"])
    assert client.get(f"/internships/offers/{offer.pk}/").status_code == 404
    assert offer.title not in client.get("/internships/").content.decode()
    problem = services.apply_problem(offer=offer, student=world["other_student"], school=world["other_school"])
    assert problem == "This offer is reserved for pupils of priority-education schools."
    client.force_login(world["student"])
    assert offer.title in client.get("/internships/").content.decode()
    assert apply(offer, world["student"]).status == S.WAITING_TEACHER


def test_pupil_too_young_or_without_letter_cannot_apply(client, world):
    offer = make_offer(world["company"])
    young = make_student(world["class"], age=12, first_name="Sami")
    assert "aged 14 or more" in services.apply_problem(offer=offer, student=young, school=world["school"])
    client.force_login(world["student"])
    response = client.post(f"/internships/offers/{offer.pk}/apply/")
    assert response.status_code == 400 and "Write your CV and letter first." in response.content.decode()
    assert not Application.objects.exists()


def test_company_sees_only_applications_to_its_offers(client, world):
    rival = Organisation.objects.create(kind="company", name="Rival", country="BE", status="approved")
    rival_admin = make_member(rival, Role.COMPANY_ADMIN)
    application = apply(make_offer(world["company"]), world["student"])
    move(application, "validate", world["teacher"])
    client.force_login(rival_admin)
    assert client.get(f"/internships/applications/{application.pk}/").status_code == 404
    assert "El Amrani" not in client.get("/internships/applications/").content.decode()
    client.force_login(world["company_admin"])
    assert "Yasmine El Amrani" in client.get("/internships/applications/").content.decode()


def test_teacher_sees_only_their_pupils_applications(client, world):
    apply(make_offer(world["company"]), world["student"])
    client.force_login(world["other_teacher"])
    assert "El Amrani" not in client.get("/internships/applications/").content.decode()
    client.force_login(world["teacher"])
    assert "Yasmine El Amrani" in client.get("/internships/applications/").content.decode()


def test_reminder_after_a_week_without_movement_once_per_week(world, django_capture_on_commit_callbacks):
    application = apply(make_offer(world["company"]), world["student"])
    later = application.moved_at + datetime.timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=later) == 1
    assert [m.to for m in mail.outbox] == [[world["teacher"].email]]
    assert services.reminders_send(now=later + datetime.timedelta(days=1)) == 0
    assert services.reminders_send(now=later + datetime.timedelta(days=8)) == 1
    moved = move(application, "validate", world["teacher"])
    assert services.reminders_send(now=moved.moved_at + datetime.timedelta(days=6)) == 0
    assert services.reminders_send(now=moved.moved_at + datetime.timedelta(days=7)) == 1


def test_reminder_command_prints_the_count(world):
    from django.core.management import call_command
    from io import StringIO

    application = apply(make_offer(world["company"]), world["student"])
    Application.objects.filter(pk=application.pk).update(moved_at=application.moved_at - datetime.timedelta(days=10))
    out = StringIO()
    call_command("internship_reminders", stdout=out)
    assert out.getvalue().strip() == "1 reminder(s) sent."


# Concurrency: PostgreSQL only, where two requests really run at once (SQLite serialises writers).
def _in_parallel(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (SQLite serialises them)"
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_accepting_the_last_place_at_once_leave_zero_places(world):
    offer = make_offer(world["company"], places=1)
    second_admin = make_member(world["company"], Role.COMPANY_ADMIN)
    other_student = make_student(world["class"], first_name="Lina")
    first, second = apply(offer, world["student"]), apply(offer, other_student)
    for application in (first, second):
        move(application, "validate", world["teacher"])
    for _round in range(1):
        results = _in_parallel(lambda: move(first, "accept", world["company_admin"]),
                               lambda: move(second, "accept", second_admin))
    assert sorted(type(r).__name__ for r in results) == ["Application", "InternshipError"]
    assert Offer.objects.get(pk=offer.pk).places_left == 0
    assert Application.objects.filter(status=S.ACCEPTED).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_companies_accepting_the_same_pupil_the_same_week_at_once(world):
    rival = Organisation.objects.create(kind="company", name="Rival", country="BE", status="approved")
    rival_admin = make_member(rival, Role.COMPANY_ADMIN)
    first = apply(make_offer(world["company"]), world["student"])
    second = apply(make_offer(rival), world["student"])
    for application in (first, second):
        move(application, "validate", world["teacher"])
    results = _in_parallel(lambda: move(first, "accept", world["company_admin"]),
                           lambda: move(second, "accept", rival_admin))
    assert sorted(type(r).__name__ for r in results) == ["Application", "InternshipError"]
    assert Application.objects.filter(student=world["student"], status=S.ACCEPTED).count() == 1


# The letter tailored to one offer

BASE_LETTER = "Madame, Monsieur,\n\nJe voudrais découvrir votre métier.\n\nMerci d'avoir lu ma lettre."
WHY = "[Write here why you want to do your internship at Bâtiself: what would you like to see and do there?]"


def test_apply_page_offers_the_base_letter_with_a_paragraph_to_write_before_the_closing(client, world):
    offer = make_offer(world["company"])
    give_kit(world["student"], letter=BASE_LETTER)
    client.force_login(world["student"])
    response = client.get(f"/internships/offers/{offer.pk}/apply/")
    assert response.status_code == 200
    assert response.context["form"]["letter"].value() == (
        f"Madame, Monsieur,\n\nJe voudrais découvrir votre métier.\n\n{WHY}\n\nMerci d'avoir lu ma lettre."
    )
    # The hint: what the offer says the pupil will see and do.
    assert "Voir le tableau électrique, suivre l&#x27;équipe, poser des questions." in response.content.decode()


def test_application_holds_the_tailored_letter_and_the_kit_keeps_the_base_letter(client, world):
    offer = make_offer(world["company"])
    give_kit(world["student"], letter=BASE_LETTER)
    tailored = ("Madame, Monsieur,\n\nJe voudrais découvrir votre métier.\n\nChez Bâtiself, j'aimerais voir le tableau "
                "électrique et suivre l'équipe sur le chantier.\n\nMerci d'avoir lu ma lettre.")
    client.force_login(world["student"])
    response = client.post(f"/internships/offers/{offer.pk}/apply/", {"letter": tailored})
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/internships/applications/{application.pk}/"
    assert application.letter == tailored
    assert Kit.objects.get(student=world["student"]).letter == BASE_LETTER
    # The next offer starts again from the base letter, not from the letter sent to Bâtiself.
    other = make_offer(world["company"], weeks_ahead=5, title="Autre semaine")
    assert client.get(f"/internships/offers/{other.pk}/apply/").context["form"]["letter"].value() == (
        f"Madame, Monsieur,\n\nJe voudrais découvrir votre métier.\n\n{WHY}\n\nMerci d'avoir lu ma lettre."
    )


@pytest.mark.parametrize("letter, error", [
    ("", "Your letter is empty: write it before you send your application."),
    ("   \n ", "Your letter is empty: write it before you send your application."),
    ("Bonjour, je veux venir.", "Your letter is very short: write a few sentences (at least 80 characters)."),
    ("Je voudrais découvrir votre métier. " * 120,
     "Your letter is too long: keep it under 4000 characters (it has 4319)."),
    (f"{BASE_LETTER}\n\n{WHY}", "Replace the line in square brackets with your own sentences about Bâtiself."),
    # The draft was made on a French page and sent from an English one: the line is still found.
    (f"{BASE_LETTER}\n\n[Écris ici pourquoi tu veux faire ton stage chez Bâtiself : qu'aimerais-tu y voir et y faire ?]",
     "Replace the line in square brackets with your own sentences about Bâtiself."),
    (BASE_LETTER.replace("\n\n", "\n") + " ",
     "Add a few sentences about Bâtiself and this internship: that is what makes a company want to meet you."),
])
def test_bad_letter_gets_400_with_the_message_next_to_the_field_and_no_application(client, world, letter, error):
    offer = make_offer(world["company"])
    give_kit(world["student"], letter=BASE_LETTER)
    client.force_login(world["student"])
    response = client.post(f"/internships/offers/{offer.pk}/apply/", {"letter": letter})
    assert response.status_code == 400
    assert response.context["form"].errors == {"letter": [error]}
    assert 'id="id_letter_error"' in response.content.decode()
    assert not Application.objects.exists()
    assert Kit.objects.get(student=world["student"]).letter == BASE_LETTER
    assert Offer.objects.get(pk=offer.pk).places_left == 2


def test_letter_with_a_phone_number_is_refused(client, world):
    offer = make_offer(world["company"])
    give_kit(world["student"], letter=BASE_LETTER)
    client.force_login(world["student"])
    letter = BASE_LETTER + "\n\nChez Bâtiself je veux voir le chantier. Appelez-moi au 0470 12 34 56."
    response = client.post(f"/internships/offers/{offer.pk}/apply/", {"letter": letter})
    assert response.status_code == 400 and list(response.context["form"].errors) == ["letter"]
    assert not Application.objects.exists()


def test_apply_page_sends_back_to_the_offer_who_cannot_apply(client, world):
    offer = make_offer(world["company"])
    client.force_login(world["student"])  # no kit yet
    assert client.get(f"/internships/offers/{offer.pk}/apply/")["Location"] == f"/internships/offers/{offer.pk}/"
    client.force_login(world["company_admin"])
    assert client.get(f"/internships/offers/{offer.pk}/apply/")["Location"] == f"/internships/offers/{offer.pk}/"
    apply(offer, world["student"])
    client.force_login(world["student"])
    assert client.get(f"/internships/offers/{offer.pk}/apply/")["Location"] == f"/internships/offers/{offer.pk}/"
    response = client.post(f"/internships/offers/{offer.pk}/apply/", {"letter": "x" * 100})
    assert response.status_code == 400 and response.context["problem"] == "You have already applied to this offer."
    assert "See your application" in response.content.decode()
    assert Application.objects.count() == 1
