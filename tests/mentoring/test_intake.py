import pytest
from django.core import mail

from backstage.core.models import AuditEntry
from backstage.mentoring.models import Application, ApplicationEvent, BranchSettings, Programme
from tests.factories import UserFactory, birth_date_for_age

pytestmark = pytest.mark.django_db


def mentee_data(mworld, **overrides):
    t = mworld["taxonomy"]
    data = {
        "action": "apply", "languages": ["fr", "ar"], "postcode": "1080", "locality": "",
        "education_level": "secondary", "work_experience": "Stage en pharmacie",
        "wanted_sectors": [t["22"].pk], "wanted_occupations": [t["nurse"].pk],
        "goals": "Devenir aide-soignante puis infirmière dans un hôpital bruxellois.",
        "availability": ["tue_evening", "sat_morning"], "meeting_mode": "in_person", "constraints": "",
    }
    data.update(overrides)
    return data


def mentor_data(mworld, **overrides):
    t = mworld["taxonomy"]
    data = {
        "action": "apply", "languages": ["fr", "nl"], "postcode": "1000", "locality": "",
        "career_occupations": [t["specialist_nurse"].pk], "career_sectors": [t["22"].pk],
        "career_summary": "Trente ans infirmière en chef, puis formatrice à l'école d'infirmières.",
        "availability": ["tue_evening"], "meeting_mode": "either", "max_duos": "2", "employer": "",
        "employer_name": "Hôpital Saint-Pierre",
    }
    data.update(overrides)
    return data


def url(mworld, kind):
    return f"/mentoring/apply/{mworld['branch'].pk}/{kind}/"


def test_anonymous_is_told_to_create_an_account_first(client, mworld):
    page = client.get(url(mworld, "mentee"))
    assert page.status_code == 200
    assert f"/accounts/signup/?next=%2Fmentoring%2Fapply%2F{mworld['branch'].pk}%2Fmentee%2F" in page.content.decode()
    response = client.post(url(mworld, "mentee"), mentee_data(mworld))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Application.objects.exists()


def test_mentee_applies_and_gets_an_e_mail(client, mworld, django_capture_on_commit_callbacks):
    user = UserFactory(date_of_birth=birth_date_for_age(24))
    client.force_login(user)
    assert client.get(url(mworld, "mentee")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(mworld, "mentee"), mentee_data(mworld))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.user, application.kind, application.status) == (user, "mentee", "applied")
    assert application.place == mworld["places"]["molenbeek"]
    assert application.languages == ["fr", "ar"]
    assert application.availability == ["tue_evening", "sat_morning"]
    assert list(application.wanted_occupations.all()) == [mworld["taxonomy"]["nurse"]]
    assert list(ApplicationEvent.objects.values_list("to_status", flat=True)) == ["applied"]
    assert AuditEntry.objects.filter(action="mentoring.applied", subject=user).count() == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    # A second application to the same branch on the same side is refused.
    again = client.get(url(mworld, "mentee"))
    assert "your application is now: applied" in again.content.decode()
    assert client.post(url(mworld, "mentee"), mentee_data(mworld)).status_code == 409
    assert Application.objects.count() == 1


def test_mentor_applies_with_a_partner_company(client, mworld):
    user = UserFactory(date_of_birth=birth_date_for_age(61))
    client.force_login(user)
    response = client.post(url(mworld, "mentor"), mentor_data(mworld, employer=mworld["company"].pk, employer_name=""))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.kind, application.max_duos, application.employer) == ("mentor", 2, mworld["company"])
    assert list(application.career_sectors.all()) == [mworld["taxonomy"]["22"]]


@pytest.mark.parametrize("overrides, field", [
    ({"languages": []}, "languages"),
    ({"postcode": "9999"}, "postcode"),
    ({"availability": []}, "availability"),
    ({"goals": "a job"}, "goals"),
    ({"wanted_sectors": [], "wanted_occupations": []}, "wanted_sectors"),
    ({"wanted_occupations": ["999999"]}, "wanted_occupations"),
    ({"availability": ["someday"]}, "availability"),
    ({"meeting_mode": "telepathy"}, "meeting_mode"),
    ({"education_level": ""}, "education_level"),
])
def test_bad_mentee_input_is_a_400_next_to_the_field_and_nothing_saved(
    client, mworld, overrides, field, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(24)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(mworld, "mentee"), mentee_data(mworld, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Application.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("overrides, field", [
    ({"max_duos": "6"}, "max_duos"),
    ({"max_duos": "0"}, "max_duos"),
    ({"employer": "not-a-number"}, "employer"),
    ({"career_summary": ""}, "career_summary"),
])
def test_bad_mentor_input_is_a_400(client, mworld, overrides, field):
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(61)))
    data = mentor_data(mworld, **overrides)
    if overrides.get("employer") == "not-a-number":
        data["employer_name"] = ""
    response = client.post(url(mworld, "mentor"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Application.objects.exists()


def test_both_employer_fields_is_an_error(client, mworld):
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(61)))
    response = client.post(url(mworld, "mentor"), mentor_data(mworld, employer=mworld["company"].pk))
    assert response.status_code == 400 and "employer_name" in response.context["form"].errors


@pytest.mark.parametrize("kind, age, message", [
    ("mentee", 17, "Mentees are between 18 and 33 years old, and you are 17."),
    ("mentee", 34, "Mentees are between 18 and 33 years old, and you are 34."),
    ("mentor", 49, "Mentors are 50 or older, and you are 49."),
])
def test_age_rules_are_checked_with_a_clear_message(client, mworld, kind, age, message):
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(age)))
    page = client.get(url(mworld, kind))
    assert page.status_code == 200 and message in page.content.decode()
    data = mentee_data(mworld) if kind == "mentee" else mentor_data(mworld)
    response = client.post(url(mworld, kind), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Application.objects.exists()


def test_branch_municipalities_and_programme_languages_are_enforced(client, mworld):
    settings_ = BranchSettings.objects.create(branch=mworld["branch"])
    settings_.municipalities.set([mworld["places"]["brussels"]])
    Programme.objects.create(nonprofit=mworld["nonprofit"], languages=["fr", "nl"])
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(24)))
    response = client.post(url(mworld, "mentee"), mentee_data(mworld, languages=["ar"]))
    errors = response.context["form"].errors
    assert response.status_code == 400
    assert "does not serve 1080 Molenbeek-Saint-Jean" in errors["postcode"][0]
    assert errors["languages"] == ["The programme works in French, Dutch: you need one of them."]
    assert client.post(url(mworld, "mentee"), mentee_data(mworld, postcode="1000")).status_code == 302
    # Mentors may live outside the municipalities served.
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(61)))
    assert client.post(url(mworld, "mentor"), mentor_data(mworld, postcode="1080")).status_code == 302


def test_occupation_search_shows_matches_without_saving_or_errors(client, mworld):
    client.force_login(UserFactory(date_of_birth=birth_date_for_age(24)))
    response = client.post(url(mworld, "mentee"), {"action": "search", "occupation_q": "infirm"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "nurse responsible for general care" in page and "specialist nurse" in page and "midwife" not in page
    assert 'class="errorlist"' not in page
    assert not Application.objects.exists()


def test_closed_intake_and_unknown_branch_are_404(client, mworld):
    BranchSettings.objects.create(branch=mworld["branch"], intake_open=False)
    assert client.get(url(mworld, "mentee")).status_code == 404
    assert client.get(f"/mentoring/apply/{mworld['school'].pk}/mentee/").status_code == 404
    assert mworld["branch"].name not in client.get("/mentoring/apply/").content.decode()
