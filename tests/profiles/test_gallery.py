import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.organisations.models import Organisation, Place
from backstage.profiles.models import CareerStep, ProfessionalProfile, SchoolLink, Verification
from backstage.profiles.views.gallery import PROFILES_PER_PAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GALLERY = reverse("profiles:gallery")


def make_professional(
    *, first_name="Karim", last_name="Benali", status=ProfessionalProfile.Status.PUBLISHED, verified=True,
    expires_on=None, user=None, published_at=None, **fields,
) -> ProfessionalProfile:
    """A professional profile built directly: the user, the profile and (by default) a verification in force."""
    user = user or UserFactory(first_name=first_name, last_name=last_name)
    fields.setdefault("job_title", "Electrician")
    fields.setdefault("offers", ["questions"])
    if status == ProfessionalProfile.Status.PUBLISHED:
        published_at = published_at or timezone.now()
    profile = ProfessionalProfile.objects.create(user=user, status=status, published_at=published_at, **fields)
    if verified:
        Verification.objects.create(
            user=user, status=Verification.Status.VERIFIED, check_type=Verification.CheckType.BE_596_2,
            expires_on=expires_on or timezone.localdate() + datetime.timedelta(days=365),
            decided_at=timezone.now(),
        )
    return profile


def link(profile, school, kind=SchoolLink.Kind.ALUMNUS, *, end_year=None, company=None,
         status=SchoolLink.Status.CONFIRMED) -> SchoolLink:
    return SchoolLink.objects.create(
        profile=profile, school=school, kind=kind, end_year=end_year, company=company, status=status
    )


def make_sectors():
    """Two ISCO major groups with an occupation each."""
    groups = {}
    for major, sub, minor, unit, label in (
        ("7", "74", "741", "7411", "Electricians"),
        ("2", "22", "222", "2221", "Nurses"),
    ):
        groups[major] = IscoGroup.objects.create(code=major, level=1, label_en=f"Major {major}")
        groups[sub] = IscoGroup.objects.create(code=sub, level=2, parent=groups[major], label_en=f"Sub-major {sub}")
        groups[minor] = IscoGroup.objects.create(code=minor, level=3, parent=groups[sub], label_en=f"Minor {minor}")
        groups[unit] = IscoGroup.objects.create(code=unit, level=4, parent=groups[minor], label_en=label)
    electrician = Occupation.objects.create(
        esco_uri="http://data.europa.eu/esco/occupation/11111111-1111-4111-8111-111111111111", code="7411.1",
        isco_group=groups["7411"], label_en="building electrician", label_fr="électricien du bâtiment",
    )
    nurse = Occupation.objects.create(
        esco_uri="http://data.europa.eu/esco/occupation/22222222-2222-4222-8222-222222222222", code="2221.1",
        isco_group=groups["2221"], label_en="nurse responsible for general care", label_fr="infirmière",
    )
    return groups, electrician, nurse


def login(client, user):
    client.force_login(user)
    return client


def card_names(response) -> list[str]:
    return re.findall(r'class="profile-card-name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


# Access ------------------------------------------------------------------------------------------------------------


def test_other_pages_keep_frames_forbidden(client, world):
    login(client, world["student"])
    assert "frame-src 'none'" in client.get(GALLERY)["Content-Security-Policy"]


def test_anonymous_visitor_is_sent_to_login_for_gallery_and_profile(client, world):
    profile = make_professional()
    for url in (GALLERY, reverse("profiles:profile_detail", args=[profile.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_student_sees_a_published_verified_profile_on_a_card_and_its_page(client, world):
    _groups, electrician, _nurse = make_sectors()
    profile = make_professional(
        first_name="Karim", last_name="Benali", occupation=electrician, employer_name="Sibelga",
        typical_day="I start at seven on a building site.", wish_i_knew="Maths matter.", languages=["fr", "ar"],
        offers=["questions", "video_call"],
    )
    CareerStep.objects.create(profile=profile, kind=CareerStep.Kind.STUDIES, title="CESS technique", start_year=2005,
                              end_year=2009)
    login(client, world["student"])
    response = client.get(GALLERY)
    assert response.status_code == 200
    assert card_names(response) == ["Karim B."]
    body = response.content.decode()
    assert "Benali" not in body
    assert "Sibelga" in body and "Electrician" in body

    page = client.get(reverse("profiles:profile_detail", args=[profile.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Benali" not in text
    for expected in ("I start at seven on a building site.", "Maths matter.", "CESS technique", "2005–2009",
                     "Arabic", "answer written questions", "a video call", "building electrician"):
        assert expected in text
    assert electrician.get_absolute_url() in text


def test_a_card_names_the_occupation_in_the_students_language_when_the_job_title_does_not(client, world):
    _groups, electrician, _nurse = make_sectors()
    electrician.label_nl = "elektricien"
    electrician.save()
    make_professional(first_name="Karim", occupation=electrician, job_title="Technicien de maintenance")
    make_professional(first_name="Lina", occupation=electrician, job_title="Électricienne du bâtiment")
    make_professional(first_name="Omar", occupation=None, job_title="Monteur de lignes")
    login(client, world["student"])

    def hints(lang):
        body = client.get(GALLERY, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        return dict(re.findall(r'class="profile-card-name"><a href="[^"]+">(\w+) [^<]*</a></h3>\s*'
                               r'<p class="profile-job">[^<]*</p>\s*(?:<p class="profile-occupation">([^<]*)</p>)?', body))

    # A Dutch-speaking student reads the French titles with the Dutch name of the job.
    assert hints("nl") == {"Karim": "elektricien", "Lina": "elektricien", "Omar": ""}
    # In French, a title that already holds the job's words needs no second name; one in words of the trade does.
    assert hints("fr") == {"Karim": "électricien du bâtiment", "Lina": "", "Omar": ""}
    # No name in the page's language: nothing rather than another language's.
    electrician.label_nl = ""
    electrician.save()
    assert hints("nl") == {"Karim": "", "Lina": "", "Omar": ""}


@pytest.mark.parametrize(
    "case",
    ["draft", "submitted", "unverified", "verification_expired", "verification_revoked", "inactive_user"],
)
def test_student_never_sees_a_hidden_profile_in_the_list_or_by_id(client, world, case):
    visible = make_professional(first_name="Visible", last_name="Person")
    kwargs = {"first_name": "Hidden", "last_name": "Person"}
    if case == "draft":
        hidden = make_professional(status=ProfessionalProfile.Status.DRAFT, **kwargs)
    elif case == "submitted":
        hidden = make_professional(status=ProfessionalProfile.Status.SUBMITTED, **kwargs)
    elif case == "unverified":
        hidden = make_professional(verified=False, **kwargs)
    elif case == "verification_expired":
        hidden = make_professional(expires_on=timezone.localdate() - datetime.timedelta(days=1), **kwargs)
    elif case == "verification_revoked":
        hidden = make_professional(**kwargs)
        Verification.objects.filter(user=hidden.user).update(status=Verification.Status.REVOKED)
    else:
        hidden = make_professional(**kwargs)
        hidden.user.is_active = False
        hidden.user.save(update_fields=["is_active"])
    # Even a confirmed link with the student's school must not make the profile visible.
    link(hidden, world["school"], end_year=2009)
    login(client, world["student"])

    response = client.get(GALLERY)
    assert card_names(response) == ["Visible P."]
    assert "Hidden" not in response.content.decode()
    assert client.get(reverse("profiles:profile_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("profiles:profile_detail", args=[visible.pk])).status_code == 200


def test_unknown_profile_id_is_404(client, world):
    login(client, world["student"])
    assert client.get(reverse("profiles:profile_detail", args=[999999])).status_code == 404


def test_owner_sees_their_own_draft_profile_with_a_notice(client, world):
    profile = make_professional(user=world["professional"], status=ProfessionalProfile.Status.DRAFT, verified=False)
    login(client, world["professional"])
    response = client.get(reverse("profiles:profile_detail", args=[profile.pk]))
    assert response.status_code == 200
    assert "Only you can see this page" in response.content.decode()
    # Nobody else does.
    client.logout()
    login(client, world["teacher"])
    assert client.get(reverse("profiles:profile_detail", args=[profile.pk])).status_code == 404


# Shared links ------------------------------------------------------------------------------------------------------


def test_former_student_phrase_shows_for_a_student_of_that_school_only(client, world):
    profile = make_professional(first_name="Karim", last_name="Benali")
    link(profile, world["school"], end_year=2009)
    phrase = "Former student of your school (2009)"

    login(client, world["student"])
    assert phrase in client.get(GALLERY).content.decode()
    assert phrase in client.get(reverse("profiles:profile_detail", args=[profile.pk])).content.decode()

    client.logout()
    login(client, world["other_student"])
    response = client.get(GALLERY)
    assert card_names(response) == ["Karim B."]
    assert phrase not in response.content.decode()
    assert phrase not in client.get(reverse("profiles:profile_detail", args=[profile.pk])).content.decode()


def test_pending_link_gives_no_phrase(client, world):
    profile = make_professional()
    link(profile, world["school"], end_year=2009, status=SchoolLink.Status.PENDING)
    login(client, world["student"])
    assert "Former student of your school" not in client.get(GALLERY).content.decode()


def test_professionals_linked_to_the_students_school_come_first(client, world):
    now = timezone.now()
    days = datetime.timedelta(days=1)
    old_alumnus = make_professional(first_name="Alumnus", last_name="Old", published_at=now - 30 * days)
    link(old_alumnus, world["school"], end_year=2001)
    make_professional(first_name="Recent", last_name="Stranger", published_at=now)
    make_professional(first_name="Older", last_name="Stranger", published_at=now - 3 * days)
    other_alumnus = make_professional(first_name="Other", last_name="Alumnus", published_at=now - days)
    link(other_alumnus, world["other_school"], end_year=2010)

    login(client, world["student"])
    assert card_names(client.get(GALLERY)) == ["Alumnus O.", "Recent S.", "Other A.", "Older S."]


# Queries -----------------------------------------------------------------------------------------------------------


def _populate(count, world, company, place, groups):
    for n in range(count):
        profile = make_professional(
            first_name=f"Pro{n}", last_name="Example", employer=company, place=place, sector=groups["7"],
            languages=["fr"], photo=f"profiles/photos/p{n}.jpg" if n % 2 else "",
        )
        link(profile, world["school"], end_year=2000 + n % 20)
        link(profile, world["school"], SchoolLink.Kind.AMBASSADOR, company=company)


def _gallery_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(GALLERY)
    assert response.status_code == 200
    return len(queries), response


def test_gallery_runs_the_same_number_of_queries_for_3_and_30_profiles(client, world):
    groups, _electrician, _nurse = make_sectors()
    company = world["company"]
    place = world["school"].place
    login(client, world["student"])

    _populate(3, world, company, place, groups)
    few, response = _gallery_queries(client)
    assert len(card_names(response)) == 3
    assert "Ambassador of Bâtiself for your school" in response.content.decode()

    _populate(27, world, company, place, groups)
    many, response = _gallery_queries(client)
    assert len(card_names(response)) == PROFILES_PER_PAGE
    assert few == many


def test_gallery_is_paginated_24_per_page(client, world):
    for n in range(PROFILES_PER_PAGE + 2):
        make_professional(first_name=f"Pro{n}", last_name="Example")
    login(client, world["teacher"])
    first = client.get(GALLERY)
    assert len(card_names(first)) == 24
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(GALLERY, {"page": 2})
    assert len(card_names(second)) == 2


# Filters -----------------------------------------------------------------------------------------------------------


def test_filters_by_sector_offer_language_and_school(client, world):
    groups, electrician, nurse = make_sectors()
    # Sector from the occupation when the professional chose none.
    make_professional(first_name="Sparky", last_name="A", occupation=electrician, offers=["questions"],
                      languages=["fr", "nl"])
    carer = make_professional(first_name="Carer", last_name="B", sector=groups["22"], occupation=nurse,
                              offers=["video_call", "class_talk"], languages=["ar"])
    link(carer, world["school"], SchoolLink.Kind.PARENT)
    make_professional(first_name="Paused", last_name="C", occupation=nurse, offers=[], languages=["en"])
    login(client, world["student"])

    assert card_names(client.get(GALLERY, {"sector": "7"})) == ["Sparky A."]
    assert card_names(client.get(GALLERY, {"sector": "2"})) == ["Carer B.", "Paused C."]
    assert card_names(client.get(GALLERY, {"offer": "video_call"})) == ["Carer B."]
    assert card_names(client.get(GALLERY, {"offer": "questions"})) == ["Sparky A."]
    assert card_names(client.get(GALLERY, {"language": "nl"})) == ["Sparky A."]
    assert card_names(client.get(GALLERY, {"language": "ar", "sector": "2"})) == ["Carer B."]
    assert card_names(client.get(GALLERY, {"my_school": "on"})) == ["Carer B."]


def test_invalid_filter_answers_400_with_the_message(client, world):
    make_sectors()
    login(client, world["student"])
    response = client.get(GALLERY, {"sector": "99", "offer": "bribes"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_my_school_filter_is_only_offered_to_students(client, world):
    login(client, world["teacher"])
    assert 'name="my_school"' not in client.get(GALLERY).content.decode()
    client.logout()
    login(client, world["student"])
    assert 'name="my_school"' in client.get(GALLERY).content.decode()


def test_availability_is_said_in_words(client, world):
    paused = make_professional(first_name="Paused", last_name="X", offers=["questions"], paused=True)
    nothing = make_professional(first_name="Nothing", last_name="Y", offers=[])
    open_ = make_professional(first_name="Open", last_name="Z", offers=["workplace", "mentoring"])
    login(client, world["student"])
    for profile in (paused, nothing):
        text = client.get(reverse("profiles:profile_detail", args=[profile.pk])).content.decode()
        assert "Not available now" in text
        assert "Available to:" not in text
    text = client.get(reverse("profiles:profile_detail", args=[open_.pk])).content.decode()
    assert "Available to:" in text
    assert "meet at my workplace" in text and "mentor a young person" in text


# Video -------------------------------------------------------------------------------------------------------------


def test_youtube_link_is_embedded_through_the_privacy_player_with_its_frame_source_allowed(client, world):
    profile = make_professional(video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    login(client, world["student"])
    response = client.get(reverse("profiles:profile_detail", args=[profile.pk]))
    text = response.content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in text
    assert "youtube.com/watch" not in text
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"
    assert policy["script-src"] == "'self'"


def test_uploaded_video_plays_with_captions_and_its_length(client, world):
    profile = make_professional(video_duration=135.0)
    profile.video.save("talk.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
    profile.captions.save("talk.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"), save=False)
    profile.save()
    login(client, world["student"])
    text = client.get(reverse("profiles:profile_detail", args=[profile.pk])).content.decode()
    assert '<video controls preload="none"' in text
    assert f'src="{profile.video.url}"' in text
    assert f'<track kind="captions" src="{profile.captions.url}"' in text
    assert "about 2 min" in text
    assert "<iframe" not in text


# Safeguarding ------------------------------------------------------------------------------------------------------


def test_adult_viewer_never_sees_a_students_surname_or_email(client, world):
    student = world["student"]
    profile = make_professional()
    link(profile, world["school"], end_year=2009)
    for viewer in ("teacher", "professional", "company_admin", "coordinator", "moderator"):
        client.logout()
        login(client, world[viewer])
        for url in (GALLERY, reverse("profiles:profile_detail", args=[profile.pk])):
            text = client.get(url).content.decode()
            assert student.last_name not in text
            assert student.email not in text


def test_adult_viewer_does_not_see_themselves_in_the_gallery(client, world):
    make_professional(user=world["professional"])
    make_professional(first_name="Someone", last_name="Else")
    login(client, world["professional"])
    assert card_names(client.get(GALLERY)) == ["Someone E."]


def test_gallery_has_no_inline_style_or_script(client, world):
    make_professional()
    login(client, world["student"])
    text = client.get(GALLERY).content.decode()
    assert "style=" not in text
    assert "<script>" not in text and "onclick" not in text


def test_school_place_gives_distance_phrase(client, world):
    school_place = world["school"].place
    Place.objects.filter(pk=school_place.pk).update(latitude=50.855, longitude=4.33)
    nearby = Place.objects.create(country="BE", postcode="1000", name="Bruxelles", latitude=50.846, longitude=4.352)
    make_professional(place=nearby)
    login(client, world["student"])
    assert "Works 2 km from your school" in client.get(GALLERY).content.decode()
    assert Organisation.objects.filter(pk=world["school"].pk).exists()
