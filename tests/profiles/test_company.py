import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from backstage.core.models import AuditEntry
from backstage.organisations.models import Organisation, Role
from backstage.profiles.models import CompanyJob, CompanyPage, CompanyPhoto, SchoolLink
from tests.factories import PlaceFactory, make_member
from tests.profiles.test_gallery import card_names, link, login, make_professional, make_sectors

pytestmark = pytest.mark.django_db

GALLERY = reverse("profiles:gallery")


@pytest.fixture
def media(settings):
    from pathlib import Path

    return Path(settings.MEDIA_ROOT)


def png(name="photo.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def other_company(name="Autre SA") -> Organisation:
    return Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name=name, country="BE", status=Organisation.Status.APPROVED
    )


@pytest.fixture
def filled_page(world):
    """Bâtiself with a page, a job of each kind, an ambassador for the world's school and an employee."""
    groups, electrician, nurse = make_sectors()
    company = world["company"]
    page = CompanyPage.objects.create(company=company, presentation="We build schools and homes.")
    page.sectors.set([groups["7"], groups["74"]])
    page.sites.set([PlaceFactory(postcode="1000", name="Bruxelles", name_fr="Bruxelles", name_nl="Brussel")])
    CompanyJob.objects.create(company=company, kind=CompanyJob.Kind.HARD_TO_FILL, occupation=electrician,
                              text="Wires whole buildings.", why="Few young people train for it.")
    CompanyJob.objects.create(company=company, kind=CompanyJob.Kind.FUTURE, occupation=nurse,
                              text="Cares for workers on site.", why="Ageing workforce.")
    ambassador = make_professional(first_name="Amina", last_name="Ambassadrice", employer=company)
    link(ambassador, world["school"], SchoolLink.Kind.AMBASSADOR, company=company)
    employee = make_professional(first_name="Eric", last_name="Employee", employer=company)
    hidden = make_professional(first_name="Hidden", last_name="Employee", employer=company, verified=False)
    return {"page": page, "electrician": electrician, "nurse": nurse, "ambassador": ambassador,
            "employee": employee, "hidden": hidden, "groups": groups}


# Public page -------------------------------------------------------------------------------------------------------


def test_company_page_shows_presentation_sectors_sites_jobs_ambassadors_and_employees(client, world, filled_page):
    login(client, world["student"])
    response = client.get(reverse("profiles:company_detail", args=[world["company"].pk]))
    assert response.status_code == 200
    text = response.content.decode()
    for expected in ("Bâtiself", "We build schools and homes.", "Major 7", "Sub-major 74", "Bruxelles",
                     "Jobs we find hard to fill", "Wires whole buildings.", "Few young people train for it.",
                     "Jobs of the future", "Ageing workforce.", "Our ambassadors",
                     "Ambassador of Bâtiself for your school"):
        assert expected in text, expected
    assert filled_page["electrician"].get_absolute_url() in text
    assert filled_page["nurse"].get_absolute_url() in text
    # Ambassadors first, then the other employees; an unverified employee never shows.
    assert card_names(response) == ["Amina A.", "Eric E."]
    assert "Hidden" not in text and "Ambassadrice" not in text
    assert "Edit this page" not in text


def test_company_admin_sees_the_edit_link_on_their_page(client, world, filled_page):
    login(client, world["company_admin"])
    text = client.get(reverse("profiles:company_detail", args=[world["company"].pk])).content.decode()
    assert reverse("profiles:company_edit", args=[world["company"].pk]) in text


def test_company_page_needs_login_and_is_404_for_pending_companies_and_schools(client, world):
    pending = Organisation.objects.create(kind=Organisation.Kind.COMPANY, name="Pending", country="BE")
    url = reverse("profiles:company_detail", args=[world["company"].pk])
    assert client.get(url).status_code == 302
    login(client, world["student"])
    assert client.get(url).status_code == 200
    assert client.get(reverse("profiles:company_detail", args=[pending.pk])).status_code == 404
    assert client.get(reverse("profiles:company_detail", args=[world["school"].pk])).status_code == 404


def test_company_list_shows_approved_companies_with_a_page(client, world, filled_page):
    Organisation.objects.create(kind=Organisation.Kind.COMPANY, name="Pending Corp", country="BE")
    CompanyPage.objects.create(company=Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="Rejected Corp", country="BE", status=Organisation.Status.REJECTED))
    other_company("No Page Corp")
    login(client, world["teacher"])
    text = client.get(reverse("profiles:company_list")).content.decode()
    assert "Bâtiself" in text
    for absent in ("Pending Corp", "Rejected Corp", "No Page Corp"):
        assert absent not in text


def test_adult_viewer_never_sees_a_students_surname_or_email_on_company_pages(client, world, filled_page):
    student = world["student"]
    for viewer in ("teacher", "professional", "company_admin", "coordinator", "moderator"):
        client.logout()
        login(client, world[viewer])
        urls = [GALLERY, reverse("profiles:company_list"),
                reverse("profiles:company_detail", args=[world["company"].pk])]
        if viewer == "company_admin":
            urls.append(reverse("profiles:company_edit", args=[world["company"].pk]))
        for url in urls:
            text = client.get(url).content.decode()
            assert student.last_name not in text
            assert student.email not in text


# Admin editing -----------------------------------------------------------------------------------------------------


def test_company_admin_edits_presentation_website_and_sectors(client, world):
    groups, _e, _n = make_sectors()
    company = world["company"]
    login(client, world["company_admin"])
    url = reverse("profiles:company_edit", args=[company.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"presentation": "We install solar panels.", "website": "batiself.be",
                                 "sectors": ["7", "74"]})
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.website == "https://batiself.be"
    assert company.page.presentation == "We install solar panels."
    assert sorted(company.page.sectors.values_list("code", flat=True)) == ["7", "74"]


def test_company_page_form_refuses_unit_groups_as_sectors(client, world):
    make_sectors()
    login(client, world["company_admin"])
    response = client.post(reverse("profiles:company_edit", args=[world["company"].pk]),
                           {"presentation": "x", "sectors": ["7411"]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not CompanyPage.objects.filter(company=world["company"]).exists()


def test_company_admin_adds_and_removes_a_site_by_postcode(client, world):
    place = PlaceFactory(postcode="1000", name="Bruxelles")
    company = world["company"]
    login(client, world["company_admin"])
    response = client.post(reverse("profiles:company_site_add", args=[company.pk]),
                           {"country": "BE", "postcode": "1000"})
    assert response.status_code == 302
    assert list(company.page.sites.all()) == [place]

    bad = client.post(reverse("profiles:company_site_add", args=[company.pk]), {"country": "BE", "postcode": "9999"})
    assert bad.status_code == 400
    assert "This postcode does not exist in the chosen country." in bad.content.decode()
    assert company.page.sites.count() == 1

    client.post(reverse("profiles:company_site_remove", args=[company.pk, place.pk]))
    assert company.page.sites.count() == 0


def test_job_is_added_with_an_occupation_found_by_search(client, world):
    _groups, electrician, _nurse = make_sectors()
    company = world["company"]
    login(client, world["company_admin"])
    url = reverse("profiles:company_job_new", args=[company.pk])

    # The search is accent- and case-insensitive and lists the matches as choices.
    found = client.get(url, {"occupation_search": "ELECTRI"})
    assert found.status_code == 200
    assert f'value="{electrician.pk}"' in found.content.decode()
    partial = client.get(url, {"occupation_search": "infirmi"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "nurse responsible for general care" in partial.content.decode()
    assert "<html" not in partial.content.decode()

    # The "Find" button posts back without saving and without complaining about empty fields.
    finding = client.post(url, {"find": "1", "occupation_search": "electri", "kind": "hard_to_fill", "text": "t"})
    assert finding.status_code == 200
    assert "This field is required" not in finding.content.decode()
    assert not CompanyJob.objects.exists()

    response = client.post(url, {"kind": "hard_to_fill", "occupation": electrician.pk,
                                 "text": "Wires buildings.", "why": "Nobody trains for it."})
    assert response.status_code == 302
    job = CompanyJob.objects.get()
    assert (job.company, job.kind, job.occupation, job.text, job.why) == (
        company, "hard_to_fill", electrician, "Wires buildings.", "Nobody trains for it.")


@pytest.mark.parametrize(
    "data, field_message",
    [
        ({"kind": "hard_to_fill", "text": "t", "why": "w"}, "Search for the occupation and choose one."),
        ({"kind": "hard_to_fill", "occupation": "999999", "text": "t", "why": "w"},
         "Choose an occupation from the list."),
        ({"kind": "forever", "occupation": "OCC", "text": "t", "why": "w"}, "Select a valid choice"),
        ({"kind": "future", "occupation": "OCC", "text": "", "why": "w"}, "This field is required."),
        ({"kind": "future", "occupation": "OCC", "text": "t" * 1501, "why": "w"}, "at most 1500 characters"),
    ],
)
def test_bad_job_input_is_400_with_the_message_and_nothing_saved(client, world, data, field_message):
    _groups, electrician, _nurse = make_sectors()
    if data.get("occupation") == "OCC":
        data = {**data, "occupation": electrician.pk}
    login(client, world["company_admin"])
    response = client.post(reverse("profiles:company_job_new", args=[world["company"].pk]), data)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not CompanyJob.objects.exists()
    assert not CompanyPage.objects.exists()


def test_company_admin_edits_and_deletes_a_job(client, world, filled_page):
    company = world["company"]
    job = CompanyJob.objects.get(kind=CompanyJob.Kind.FUTURE)
    login(client, world["company_admin"])
    url = reverse("profiles:company_job_edit", args=[company.pk, job.pk])
    assert filled_page["nurse"].label_en in client.get(url).content.decode()
    response = client.post(url, {"kind": "hard_to_fill", "occupation": job.occupation_id, "text": "New text",
                                 "why": "New why"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.kind, job.text, job.why) == ("hard_to_fill", "New text", "New why")
    client.post(reverse("profiles:company_job_delete", args=[company.pk, job.pk]))
    assert not CompanyJob.objects.filter(pk=job.pk).exists()


def test_company_admin_adds_a_photo_and_deletes_it(client, world, media, django_capture_on_commit_callbacks):
    company = world["company"]
    login(client, world["company_admin"])
    response = client.post(reverse("profiles:company_photo_add", args=[company.pk]),
                           {"image": png(), "caption": "Our workshop"})
    assert response.status_code == 302
    photo = CompanyPhoto.objects.get()
    assert photo.caption == "Our workshop"
    assert photo.image.name.startswith("profiles/company/")
    stored = media / photo.image.name
    assert stored.exists()
    assert photo.image.url in client.get(reverse("profiles:company_detail", args=[company.pk])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("profiles:company_photo_delete", args=[company.pk, photo.pk]))
    assert not CompanyPhoto.objects.exists()
    assert not stored.exists()


def test_a_file_that_is_not_a_photo_is_refused_with_400(client, world, media):
    login(client, world["company_admin"])
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(reverse("profiles:company_photo_add", args=[world["company"].pk]), {"image": fake})
    assert response.status_code == 400
    assert "This file is a PDF document, not a photo in JPEG, PNG or WebP format." in response.content.decode()
    assert not CompanyPhoto.objects.exists()


def _admin_urls(company, job, photo, place):
    return [
        ("get", reverse("profiles:company_edit", args=[company.pk]), {}),
        ("post", reverse("profiles:company_edit", args=[company.pk]), {"presentation": "Hacked", "website": ""}),
        ("post", reverse("profiles:company_site_add", args=[company.pk]), {"country": "BE", "postcode": "1080"}),
        ("post", reverse("profiles:company_site_remove", args=[company.pk, place.pk]), {}),
        ("get", reverse("profiles:company_job_new", args=[company.pk]), {}),
        ("post", reverse("profiles:company_job_new", args=[company.pk]),
         {"kind": "future", "occupation": job.occupation_id, "text": "Hacked", "why": "Hacked"}),
        ("get", reverse("profiles:company_job_edit", args=[company.pk, job.pk]), {}),
        ("post", reverse("profiles:company_job_edit", args=[company.pk, job.pk]),
         {"kind": "future", "occupation": job.occupation_id, "text": "Hacked", "why": "Hacked"}),
        ("post", reverse("profiles:company_job_delete", args=[company.pk, job.pk]), {}),
        ("post", reverse("profiles:company_photo_add", args=[company.pk]), {"image": png()}),
        ("post", reverse("profiles:company_photo_delete", args=[company.pk, photo.pk]), {}),
    ]


@pytest.mark.parametrize("intruder", ["admin_of_another_company", "professional", "teacher", "student", "moderator"])
def test_only_the_companys_admin_may_edit_it_everyone_else_gets_404_and_nothing_changes(
    client, world, filled_page, media, intruder
):
    company = world["company"]
    job = CompanyJob.objects.first()
    photo = CompanyPhoto.objects.create(company=company, image="profiles/company/existing.jpg", caption="Existing")
    place = filled_page["page"].sites.get()
    PlaceFactory()  # 1080 exists, so a site add would succeed if allowed
    if intruder == "admin_of_another_company":
        user = make_member(other_company(), Role.COMPANY_ADMIN)
    else:
        user = world[intruder]
    login(client, user)
    before = (
        list(CompanyJob.objects.values_list("pk", "kind", "text", "why")),
        list(CompanyPhoto.objects.values_list("pk", "caption")),
        list(filled_page["page"].sites.values_list("pk", flat=True)),
        CompanyPage.objects.get().presentation,
    )
    for method, url, data in _admin_urls(company, job, photo, place):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
    after = (
        list(CompanyJob.objects.values_list("pk", "kind", "text", "why")),
        list(CompanyPhoto.objects.values_list("pk", "caption")),
        list(filled_page["page"].sites.values_list("pk", flat=True)),
        CompanyPage.objects.get().presentation,
    )
    assert before == after


def test_admin_cannot_touch_another_companys_job_through_their_own_company_url(client, world, filled_page):
    other = other_company()
    foreign_job = CompanyJob.objects.create(company=other, kind="future", occupation=filled_page["nurse"],
                                            text="Theirs", why="Theirs")
    login(client, world["company_admin"])
    own = world["company"].pk
    assert client.get(reverse("profiles:company_job_edit", args=[own, foreign_job.pk])).status_code == 404
    assert client.post(reverse("profiles:company_job_delete", args=[own, foreign_job.pk])).status_code == 404
    assert CompanyJob.objects.filter(pk=foreign_job.pk).exists()


def test_ended_admin_membership_gives_no_access(client, world):
    world["company_admin"].memberships.update(ended_at=timezone.now())
    login(client, world["company_admin"])
    assert client.get(reverse("profiles:company_edit", args=[world["company"].pk])).status_code == 404


# Premium -----------------------------------------------------------------------------------------------------------


def test_only_a_moderator_sets_the_premium_plan(client, world):
    company = world["company"]
    url = reverse("profiles:company_premium", args=[company.pk])
    today = timezone.localdate()
    data = {"premium_from": today.isoformat(), "premium_until": (today + datetime.timedelta(days=90)).isoformat()}
    for role in ("company_admin", "professional", "teacher", "student", "coordinator"):
        client.logout()
        login(client, world[role])
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    assert not CompanyPage.objects.exists()

    client.logout()
    login(client, world["moderator"])
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    page = CompanyPage.objects.get(company=company)
    assert page.is_premium and page.premium_set_by == world["moderator"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PREMIUM_SET, organisation=company).count() == 1


def test_premium_dates_are_checked(client, world):
    login(client, world["moderator"])
    url = reverse("profiles:company_premium", args=[world["company"].pk])
    response = client.post(url, {"premium_from": "2030-05-01", "premium_until": "2030-04-01"})
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    response = client.post(url, {"premium_from": "2030-05-01"})
    assert response.status_code == 400
    assert "Give both dates, or neither." in response.content.decode()
    assert not CompanyPage.objects.exists()


def _set_premium(company, start, end):
    CompanyPage.objects.update_or_create(company=company, defaults={"premium_from": start, "premium_until": end})


def test_premium_companys_ambassadors_are_featured_first_for_students_of_the_schools_they_serve(client, world):
    company = world["company"]
    now = timezone.now()
    alumnus = make_professional(first_name="Alumnus", last_name="A", published_at=now)
    link(alumnus, world["school"], end_year=2009)
    make_professional(first_name="Newest", last_name="N", published_at=now + datetime.timedelta(minutes=1))
    ambassador = make_professional(first_name="Ambassador", last_name="B", employer=company,
                                   published_at=now - datetime.timedelta(days=60))
    link(ambassador, world["school"], SchoolLink.Kind.AMBASSADOR, company=company)
    today = timezone.localdate()

    # No premium plan: the ambassador is linked to the school like the alumnus, and older.
    login(client, world["student"])
    response = client.get(GALLERY)
    assert card_names(response) == ["Alumnus A.", "Ambassador B.", "Newest N."]
    assert "Featured" not in response.content.decode()

    _set_premium(company, today - datetime.timedelta(days=1), today + datetime.timedelta(days=30))
    response = client.get(GALLERY)
    assert card_names(response) == ["Ambassador B.", "Alumnus A.", "Newest N."]
    assert response.content.decode().count(">Featured<") == 1

    # A student of another school: no feature, plain recency order.
    client.logout()
    login(client, world["other_student"])
    response = client.get(GALLERY)
    assert card_names(response) == ["Newest N.", "Alumnus A.", "Ambassador B."]
    assert "Featured" not in response.content.decode()

    # An expired plan features nobody.
    _set_premium(company, today - datetime.timedelta(days=60), today - datetime.timedelta(days=1))
    client.logout()
    login(client, world["student"])
    assert card_names(client.get(GALLERY)) == ["Alumnus A.", "Ambassador B.", "Newest N."]


def test_adults_see_no_featured_profiles(client, world):
    company = world["company"]
    ambassador = make_professional(first_name="Ambassador", last_name="B", employer=company)
    link(ambassador, world["school"], SchoolLink.Kind.AMBASSADOR, company=company)
    today = timezone.localdate()
    _set_premium(company, today, today)
    login(client, world["teacher"])
    assert "Featured" not in client.get(GALLERY).content.decode()


def test_company_edit_page_has_no_inline_style(client, world, filled_page):
    login(client, world["company_admin"])
    text = client.get(reverse("profiles:company_edit", args=[world["company"].pk])).content.decode()
    assert "style=" not in text
    assert not re.search(r"<script(?![^>]*src=)", text)


def _company_page_queries(client, company):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("profiles:company_detail", args=[company.pk]))
    assert response.status_code == 200
    return len(queries), response


def test_company_page_runs_the_same_number_of_queries_for_2_and_20_people(client, world, filled_page):
    company = world["company"]
    login(client, world["student"])
    few, response = _company_page_queries(client, company)
    assert len(card_names(response)) == 2
    for n in range(9):
        ambassador = make_professional(first_name=f"Amb{n}", last_name="X", employer=company,
                                       place=world["school"].place, sector=filled_page["groups"]["7"])
        link(ambassador, world["school"], SchoolLink.Kind.AMBASSADOR, company=company)
        link(ambassador, world["school"], end_year=2001)
        make_professional(first_name=f"Emp{n}", last_name="Y", employer=company)
    many, response = _company_page_queries(client, company)
    assert len(card_names(response)) == 20
    assert few == many
