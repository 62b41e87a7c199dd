import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.core.models import AuditEntry
from backstage.profiles.models import CareerStep, ProfessionalProfile, Verification
from backstage.profiles.selectors import public_profiles
from backstage.profiles.services import profile_publish_if_ready
from tests.factories import UserFactory, birth_date_for_age

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
PHONE, EMAIL, LINK = "0470 12 34 56", "karim.benali@example.org", "https://karim.example.org/cv"
CONTACTS = {
    "phone": (f"Call me on {PHONE} after work", f"phone number “{PHONE}”"),
    "email": (f"Write to {EMAIL} for advice", f"e-mail address “{EMAIL}”"),
    "link": (f"My CV is at {LINK}", f"link “{LINK}”"),
}


def csp_directives(response) -> dict[str, str]:
    """The Content-Security-Policy header as {directive: sources}; the directives' order is not fixed."""
    parts = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def contact_error(found: str) -> str:
    return (
        f"Remove the contact details from this text: {found}. On Backstage every contact goes through the platform, "
        "where schools see what is said to their students."
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def occupation(code, unit_label, label_en, label_fr, label_nl, uri_suffix):
    major = IscoGroup.objects.get_or_create(code=code[0], defaults={"level": 1, "label_en": f"Major {code[0]}"})[0]
    sub = IscoGroup.objects.get_or_create(
        code=code[:2], defaults={"level": 2, "parent": major, "label_en": f"Sector {code[:2]}"}
    )[0]
    unit = IscoGroup.objects.create(code=code, level=4, parent=sub, label_en=unit_label)
    return Occupation.objects.create(
        esco_uri=f"http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-{uri_suffix:012d}",
        code=f"{code}.1", isco_group=unit, label_en=label_en, label_fr=label_fr, label_nl=label_nl,
    )


@pytest.fixture
def jobs(db):
    return {
        "nurse": occupation("2221", "Nursing professionals", "nurse", "infirmier/infirmière", "verpleegkundige", 1),
        "electrician": occupation(
            "7411", "Building electricians", "building electrician", "électricien/électricienne du bâtiment",
            "elektricien", 2,
        ),
        "midwife": occupation("2222", "Midwives", "midwife", "sage-femme", "verloskundige", 3),
    }


def verify(user):
    return Verification.objects.create(
        user=user, status=Verification.Status.VERIFIED, check_type=Verification.CheckType.BE_596_2,
        expires_on=timezone.localdate() + datetime.timedelta(days=365),
    )


def complete_profile(user, jobs, **fields) -> ProfessionalProfile:
    defaults = {
        "occupation": jobs["nurse"], "job_title": "Emergency nurse", "typical_day": "I take care of people.",
        "offers": ["questions"],
    }
    profile = ProfessionalProfile.objects.create(user=user, **{**defaults, **fields})
    CareerStep.objects.create(
        profile=profile, kind="studies", title="Bachelor in nursing", start_year=2010, end_year=2013
    )
    return profile


def audit_actions(user) -> list[str]:
    return list(AuditEntry.objects.filter(subject=user).order_by("id").values_list("action", flat=True))


JOB = {"occupation": "", "job_title": "Emergency nurse", "employer": "", "employer_name": "", "sector": ""}
STORY = {"typical_day": "I start at 7h30 with the night team.", "training": "Bachelor in nursing.",
         "wish_i_knew": "That science classes matter.", "interests": "Football and cooking."}
STEP = {"kind": "studies", "title": "Bachelor in nursing", "organisation_name": "HE Vinci", "start_year": "2010",
        "end_year": "2013", "description": "Three years, lots of placements."}


def test_whole_flow_from_nothing_to_submitted_then_published_once_verified(client, world, jobs):
    professional = world["professional"]
    client.force_login(professional)
    response = client.get("/me/profile/")
    assert response.status_code == 200
    assert not ProfessionalProfile.objects.filter(user=professional).exists()  # nothing created by looking

    response = client.post(
        "/me/profile/job/", {**JOB, "occupation": jobs["nurse"].pk, "employer": world["company"].pk}
    )
    assert (response.status_code, response["Location"]) == (302, "/me/profile/story/")
    profile = ProfessionalProfile.objects.get(user=professional)
    assert (profile.occupation, profile.job_title, profile.employer, profile.sector_id) == (
        jobs["nurse"], "Emergency nurse", world["company"], "22"
    )

    response = client.post("/me/profile/story/", STORY)
    assert (response.status_code, response["Location"]) == (302, "/me/profile/path/")
    response = client.post("/me/profile/path/", STEP)
    assert (response.status_code, response["Location"]) == (302, "/me/profile/path/")
    response = client.post(
        "/me/profile/path/", {**STEP, "kind": "job", "title": "Nurse", "start_year": "2013", "end_year": ""}
    )
    assert response.status_code == 302
    response = client.get("/me/profile/path/")
    content = response.content.decode()
    assert content.index("Bachelor in nursing") < content.index("since 2013")  # a timeline, oldest first

    response = client.post(
        "/me/profile/practical/", {"languages": ["fr", "ar"], "country": "BE", "postcode": "1080", "locality": ""}
    )
    assert (response.status_code, response["Location"]) == (302, "/me/profile/video/")
    response = client.post("/me/profile/video/", {"video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3s"})
    assert (response.status_code, response["Location"]) == (302, "/me/profile/availability/")
    response = client.post(
        "/me/profile/availability/", {"offers": ["questions", "video_call"], "monthly_capacity": "5"}
    )
    assert (response.status_code, response["Location"]) == (302, "/me/profile/preview/")

    profile.refresh_from_db()
    assert profile.typical_day == STORY["typical_day"]
    assert [s.title for s in profile.steps.all()] == ["Bachelor in nursing", "Nurse"]
    assert (profile.languages, profile.place.name, profile.video_url) == (
        ["fr", "ar"], "Molenbeek-Saint-Jean", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    assert (profile.offers, profile.monthly_capacity, profile.paused) == (["questions", "video_call"], 5, False)

    for url in ("/me/profile/", "/me/profile/job/", "/me/profile/story/", "/me/profile/path/",
                "/me/profile/practical/", "/me/profile/video/", "/me/profile/availability/"):
        assert client.get(url).status_code == 200, url
    response = client.get("/me/profile/preview/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Emergency nurse" in content and STORY["typical_day"] in content and "Bachelor in nursing" in content
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in content
    csp = csp_directives(response)
    assert csp["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"
    assert (csp["frame-ancestors"], csp["default-src"]) == ("'none'", "'self'")
    assert csp_directives(client.get("/me/profile/"))["frame-src"] == "'none'"

    response = client.post("/me/profile/submit/")
    assert (response.status_code, response["Location"]) == (302, "/me/profile/")
    profile.refresh_from_db()
    assert profile.status == "submitted" and profile.submitted_at is not None
    assert audit_actions(professional) == ["profile.submitted"]
    assert not public_profiles().filter(pk=profile.pk).exists()

    verify(professional)
    assert profile_publish_if_ready(profile=profile).status == "published"
    assert profile_publish_if_ready(profile=profile).status == "published"  # idempotent
    assert audit_actions(professional) == ["profile.submitted", "profile.published"]
    assert list(public_profiles()) == [profile]


def test_submission_publishes_at_once_when_the_person_is_verified(client, world, jobs):
    profile = complete_profile(world["professional"], jobs)
    verify(world["professional"])
    client.force_login(world["professional"])
    response = client.post("/me/profile/submit/")
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "published" and profile.published_at is not None
    assert audit_actions(world["professional"]) == ["profile.submitted", "profile.published"]


def test_expired_verification_does_not_publish(world, jobs):
    profile = complete_profile(world["professional"], jobs, status="submitted")
    Verification.objects.create(
        user=world["professional"], status=Verification.Status.VERIFIED,
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert profile_publish_if_ready(profile=profile).status == "submitted"
    assert audit_actions(world["professional"]) == []


def test_publish_if_ready_leaves_drafts_alone(world, jobs):
    profile = complete_profile(world["professional"], jobs)
    verify(world["professional"])
    assert profile_publish_if_ready(profile=profile).status == "draft"


def test_incomplete_profile_cannot_be_submitted(client, world):
    ProfessionalProfile.objects.create(user=world["professional"], job_title="Nurse")
    client.force_login(world["professional"])
    response = client.post("/me/profile/submit/")
    assert response.status_code == 400
    assert (
        "Before you submit, add a typical day, at least one step of your career path, at least one thing you offer "
        "to students (or the pause)."
    ) in response.content.decode()
    assert ProfessionalProfile.objects.get(user=world["professional"]).status == "draft"
    assert audit_actions(world["professional"]) == []


def test_paused_profile_without_offers_can_be_submitted(client, world, jobs):
    complete_profile(world["professional"], jobs, offers=[], paused=True)
    client.force_login(world["professional"])
    assert client.post("/me/profile/submit/").status_code == 302
    assert ProfessionalProfile.objects.get(user=world["professional"]).status == "submitted"


def test_owner_unpublishes_back_to_draft(client, world, jobs):
    profile = complete_profile(world["professional"], jobs, status="published", published_at=timezone.now())
    verify(world["professional"])
    client.force_login(world["professional"])
    response = client.post("/me/profile/unpublish/")
    assert (response.status_code, response["Location"]) == (302, "/me/profile/")
    profile.refresh_from_db()
    assert profile.status == "draft"
    assert audit_actions(world["professional"]) == ["profile.unpublished"]
    assert not public_profiles().exists()
    client.post("/me/profile/unpublish/")
    assert audit_actions(world["professional"]) == ["profile.unpublished"]


def test_editing_a_published_profile_keeps_it_published(client, world, jobs):
    profile = complete_profile(world["professional"], jobs, status="published", published_at=timezone.now())
    client.force_login(world["professional"])
    response = client.post("/me/profile/story/", {**STORY, "typical_day": "Night shifts, mostly."})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.status, profile.typical_day) == ("published", "Night shifts, mostly.")


def test_published_profile_cannot_lose_a_required_part(client, world, jobs):
    profile = complete_profile(world["professional"], jobs, status="published", published_at=timezone.now())
    step = profile.steps.get()
    client.force_login(world["professional"])

    response = client.post("/me/profile/story/", {**STORY, "typical_day": ""})
    assert response.status_code == 400
    assert "needs a typical day" in response.content.decode()
    response = client.post(f"/me/profile/path/{step.pk}/delete/")
    assert response.status_code == 400
    assert "needs at least one step of your career path" in response.content.decode()
    response = client.post("/me/profile/availability/", {"offers": [], "monthly_capacity": "4"})
    assert response.status_code == 400

    profile.refresh_from_db()
    assert (profile.status, profile.typical_day, profile.offers) == (
        "published", "I take care of people.", ["questions"]
    )
    assert profile.steps.count() == 1


def test_texts_are_checked_again_when_a_published_profile_is_edited(client, world, jobs):
    # Saved before the detection knew this form of a phone number (written directly, as an old row would be).
    profile = complete_profile(
        world["professional"], jobs, status="published", published_at=timezone.now(),
        interests=f"Text me: {PHONE}",
    )
    client.force_login(world["professional"])
    response = client.post("/me/profile/availability/", {"offers": ["questions"], "monthly_capacity": "3"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "draft"
    entry = AuditEntry.objects.get(subject=world["professional"])
    assert (entry.action, entry.details["reason"], entry.details["where"]) == (
        "profile.unpublished", "contact details", ["my interests and hobbies"]
    )


# --- who may edit --------------------------------------------------------------------------------------------

ALL_URLS = [
    ("get", "/me/profile/"), ("get", "/me/profile/job/"), ("get", "/me/profile/job/occupations/?q=nu"),
    ("get", "/me/profile/story/"), ("get", "/me/profile/path/"), ("get", "/me/profile/path/1/"),
    ("post", "/me/profile/path/1/delete/"), ("get", "/me/profile/practical/"), ("get", "/me/profile/video/"),
    ("get", "/me/profile/availability/"), ("get", "/me/profile/preview/"), ("post", "/me/profile/submit/"),
    ("post", "/me/profile/unpublish/"), ("post", "/me/profile/story/"), ("post", "/me/profile/job/"),
]


@pytest.mark.parametrize("who", ["student", "minor"])
def test_students_and_minors_get_403_everywhere(client, world, who):
    user = world["student"] if who == "student" else UserFactory(date_of_birth=birth_date_for_age(17))
    client.force_login(user)
    for method, url in ALL_URLS:
        assert getattr(client, method)(url, STORY if method == "post" else {}).status_code == 403, url
    assert not ProfessionalProfile.objects.exists()


def test_anonymous_is_sent_to_the_login_page(client):
    for method, url in ALL_URLS:
        response = getattr(client, method)(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/"), url


@pytest.mark.parametrize("role", ["teacher", "company_admin", "coordinator", "moderator"])
def test_other_adults_can_write_a_profile_too(client, world, role):
    client.force_login(world[role])
    assert client.get("/me/profile/").status_code == 200
    assert client.post("/me/profile/story/", STORY).status_code == 302


def test_another_user_cannot_edit_or_preview_my_profile(client, world, jobs):
    mine = complete_profile(world["professional"], jobs, typical_day="Karim's secret typical day")
    step = mine.steps.get()
    client.force_login(world["company_admin"])

    response = client.get("/me/profile/preview/")
    assert response.status_code == 200
    assert "Karim's secret typical day" not in response.content.decode()
    assert "Bachelor in nursing" not in response.content.decode()
    assert client.get(f"/me/profile/path/{step.pk}/").status_code == 404
    assert client.post(f"/me/profile/path/{step.pk}/", {**STEP, "title": "Hacked"}).status_code == 404
    assert client.post(f"/me/profile/path/{step.pk}/delete/").status_code == 404
    step.refresh_from_db()
    assert step.title == "Bachelor in nursing"
    client.post("/me/profile/story/", {**STORY, "typical_day": "Els's day"})
    mine.refresh_from_db()
    assert mine.typical_day == "Karim's secret typical day"
    assert ProfessionalProfile.objects.get(user=world["company_admin"]).typical_day == "Els's day"


# --- contact details ---------------------------------------------------------------------------------------

TEXT_FIELDS = [
    ("/me/profile/job/", JOB, "job_title"),
    ("/me/profile/job/", JOB, "employer_name"),
    ("/me/profile/story/", STORY, "typical_day"),
    ("/me/profile/story/", STORY, "training"),
    ("/me/profile/story/", STORY, "wish_i_knew"),
    ("/me/profile/story/", STORY, "interests"),
    ("/me/profile/path/", STEP, "title"),
    ("/me/profile/path/", STEP, "organisation_name"),
    ("/me/profile/path/", STEP, "description"),
]


@pytest.mark.parametrize("contact", sorted(CONTACTS))
@pytest.mark.parametrize("url, data, field", TEXT_FIELDS, ids=[f for _u, _d, f in TEXT_FIELDS])
def test_contact_details_are_refused_in_every_text_and_nothing_is_saved(client, world, url, data, field, contact):
    professional = world["professional"]
    profile = ProfessionalProfile.objects.create(
        user=professional, job_title="Before", typical_day="Before", interests="Before"
    )
    client.force_login(professional)
    text, found = CONTACTS[contact]
    response = client.post(url, {**data, field: text})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [contact_error(found)]
    profile.refresh_from_db()
    assert (profile.job_title, profile.typical_day, profile.interests, profile.training) == (
        "Before", "Before", "Before", ""
    )
    assert not CareerStep.objects.exists()


def test_contact_details_are_refused_when_editing_a_career_step(client, world, jobs):
    step = complete_profile(world["professional"], jobs).steps.get()
    client.force_login(world["professional"])
    response = client.post(f"/me/profile/path/{step.pk}/", {**STEP, "description": CONTACTS["email"][0]})
    assert response.status_code == 400
    assert response.context["form"].errors["description"] == [contact_error(CONTACTS["email"][1])]
    step.refresh_from_db()
    assert step.description == ""


def test_contact_details_in_captions_are_refused(client, world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.profiles.test_uploads import MEDIA

    client.force_login(world["professional"])
    captions = f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nCall me on {PHONE}\n".encode()
    response = client.post(
        "/me/profile/video/",
        {"video": SimpleUploadedFile("clip.mp4", (MEDIA / "clip.mp4").read_bytes()),
         "captions": SimpleUploadedFile("s.vtt", captions)},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["captions"] == [contact_error(CONTACTS["phone"][1])]
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


# --- career path -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, field, error",
    [
        ({"start_year": "2015", "end_year": "2010"}, "end_year", "The end year comes after the start year."),
        ({"start_year": "1949"}, "start_year", f"Give a year between 1950 and {THIS_YEAR + 1}."),
        ({"end_year": str(THIS_YEAR + 2)}, "end_year", f"Give a year between 1950 and {THIS_YEAR + 1}."),
        ({"start_year": "twenty"}, "start_year", "Enter a whole number."),
        ({"title": ""}, "title", "This field is required."),
        ({"start_year": ""}, "start_year", "This field is required."),
        ({"kind": "prison"}, "kind", "Select a valid choice. prison is not one of the available choices."),
    ],
    ids=["ends-before-start", "too-early", "too-late", "not-a-number", "no-title", "no-start", "bad-kind"],
)
def test_career_step_validation(client, world, change, field, error):
    client.force_login(world["professional"])
    response = client.post("/me/profile/path/", {**STEP, **change})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert not CareerStep.objects.exists()


@pytest.mark.parametrize(
    "start, end", [("1950", "1950"), (str(THIS_YEAR + 1), ""), ("2020", str(THIS_YEAR + 1))]
)
def test_career_step_limits_that_are_fine(client, world, start, end):
    client.force_login(world["professional"])
    response = client.post("/me/profile/path/", {**STEP, "start_year": start, "end_year": end})
    assert response.status_code == 302
    step = CareerStep.objects.get()
    assert (step.start_year, step.end_year) == (int(start), int(end) if end else None)


def test_career_step_is_edited_and_removed(client, world, jobs):
    profile = complete_profile(world["professional"], jobs)
    step = profile.steps.get()
    client.force_login(world["professional"])
    assert client.get(f"/me/profile/path/{step.pk}/").status_code == 200
    response = client.post(f"/me/profile/path/{step.pk}/", {**STEP, "title": "Master in public health"})
    assert (response.status_code, response["Location"]) == (302, "/me/profile/path/")
    step.refresh_from_db()
    assert (step.title, step.organisation_name, step.start_year, step.end_year) == (
        "Master in public health", "HE Vinci", 2010, 2013
    )
    response = client.post(f"/me/profile/path/{step.pk}/", {**STEP, "end_year": "2001"})
    assert response.status_code == 400
    step.refresh_from_db()
    assert step.end_year == 2013
    assert client.get(f"/me/profile/path/{step.pk}/delete/").status_code == 405
    assert client.post(f"/me/profile/path/{step.pk}/delete/").status_code == 302
    assert not CareerStep.objects.exists()


# --- the other steps ---------------------------------------------------------------------------------------


def test_job_step_keeps_a_chosen_sector_and_refuses_two_employers(client, world, jobs):
    client.force_login(world["professional"])
    response = client.post(
        "/me/profile/job/", {**JOB, "employer": world["company"].pk, "employer_name": "Another company"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["employer_name"] == [
        "Pick your employer in the list or type its name, not both."
    ]
    assert not ProfessionalProfile.objects.exists()
    response = client.post(
        "/me/profile/job/",
        {**JOB, "occupation": jobs["nurse"].pk, "sector": "74", "employer_name": "CHU Saint-Pierre"},
    )
    assert response.status_code == 302
    profile = ProfessionalProfile.objects.get()
    assert (profile.sector_id, profile.employer, profile.employer_name) == ("74", None, "CHU Saint-Pierre")


def test_pending_company_is_not_offered_as_employer(client, world):
    world["company"].status = "pending"
    world["company"].save()
    client.force_login(world["professional"])
    response = client.post("/me/profile/job/", {**JOB, "employer": world["company"].pk})
    assert response.status_code == 400
    assert "employer" in response.context["form"].errors


def test_practical_step_saves_all_or_nothing(client, world):
    client.force_login(world["professional"])
    response = client.post(
        "/me/profile/practical/", {"languages": ["fr"], "country": "BE", "postcode": "9999", "locality": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["postcode"] == ["This postcode does not exist in the chosen country."]
    assert not ProfessionalProfile.objects.exists()
    response = client.post("/me/profile/practical/", {"languages": ["xx"], "country": "BE", "postcode": ""})
    assert response.status_code == 400
    assert not ProfessionalProfile.objects.exists()


@pytest.mark.parametrize("capacity", ["0", "51", ""])
def test_monthly_capacity_is_between_1_and_50(client, world, capacity):
    client.force_login(world["professional"])
    response = client.post("/me/profile/availability/", {"offers": ["questions"], "monthly_capacity": capacity})
    assert response.status_code == 400
    assert not ProfessionalProfile.objects.exists()


def test_vimeo_link_is_shown_with_the_do_not_track_player(client, world, jobs):
    complete_profile(world["professional"], jobs)
    client.force_login(world["professional"])
    assert client.post("/me/profile/video/", {"video_url": "vimeo.com/76979871"}).status_code == 302
    response = client.get("/me/profile/preview/")
    assert 'src="https://player.vimeo.com/video/76979871?dnt=1"' in response.content.decode()


def test_bad_video_link_is_refused(client, world):
    client.force_login(world["professional"])
    response = client.post("/me/profile/video/", {"video_url": "https://evil.example/watch?v=dQw4w9WgXcQ"})
    assert response.status_code == 400
    assert "video_url" in response.context["form"].errors
    assert not ProfessionalProfile.objects.exists()


# --- occupation search -------------------------------------------------------------------------------------


def test_htmx_occupation_search_answers_in_french(client, world, jobs):
    client.force_login(world["professional"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/me/profile/job/occupations/", {"q": "infirm"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'<input type="radio" name="occupation" value="{jobs["nurse"].pk}">' in content
    assert "infirmier/infirmière" in content and "nurse" not in content

    # An English or Dutch word finds the occupation too; the label stays French.
    response = client.get("/me/profile/job/occupations/", {"q": "electric"}, headers={"HX-Request": "true"})
    assert "électricien/électricienne du bâtiment" in response.content.decode()
    response = client.get("/me/profile/job/occupations/", {"q": "verloskund"}, headers={"HX-Request": "true"})
    assert "sage-femme" in response.content.decode()


def test_occupation_search_orders_by_label_and_skips_the_current_choice(client, world, jobs):
    client.force_login(world["professional"])
    for n in range(12):
        occupation(f"22{30 + n}", "Health", f"health worker {n:02d}", "", "", 100 + n)
    response = client.get("/me/profile/job/occupations/", {"q": "health worker", "selected": ""})
    content = response.content.decode()
    assert content.count('name="occupation"') == 10
    assert content.index("health worker 00") < content.index("health worker 09")
    assert "health worker 10" not in content
    nurse = jobs["nurse"]
    response = client.get("/me/profile/job/occupations/", {"q": "nurse", "selected": nurse.pk})
    assert 'name="occupation"' not in response.content.decode()


def test_occupation_search_works_without_javascript(client, world, jobs):
    client.force_login(world["professional"])
    response = client.get("/me/profile/job/", {"q": "midw"})
    content = response.content.decode()
    assert response.status_code == 200
    assert f'<input type="radio" name="occupation" value="{jobs["midwife"].pk}">' in content
    assert 'form="occupation-search"' in content
    response = client.post("/me/profile/job/", {**JOB, "occupation": jobs["midwife"].pk, "job_title": ""})
    assert response.status_code == 302
    assert ProfessionalProfile.objects.get().occupation == jobs["midwife"]
    response = client.get("/me/profile/job/")
    assert f'value="{jobs["midwife"].pk}" checked' in response.content.decode()


def test_short_or_empty_search_returns_nothing(client, world, jobs):
    client.force_login(world["professional"])
    response = client.get("/me/profile/job/occupations/", {"q": "n"})
    assert (response.status_code, 'name="occupation"' in response.content.decode()) == (200, False)
