"""Every URL pattern of the project against every role: a new URL without a row fails this test."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from backstage.accounts.models import ParentalConsent
from backstage.careers.models import IscoGroup, Occupation
from backstage.interests import quiz
from backstage.interests.models import QuizAttempt
from backstage.organisations.models import Organisation
from backstage.profiles.models import (
    CareerStep,
    CompanyJob,
    CompanyPage,
    CompanyPhoto,
    ProfessionalProfile,
    SchoolLink,
    Verification,
)
from tests.factories import PlaceFactory, UserFactory
from tests.events.matrix_rows import MATRIX as EVENT_ROWS
from tests.events.matrix_rows import build_event_objects
from tests.internships.matrix_rows import MATRIX as INTERNSHIP_ROWS
from tests.internships.matrix_rows import build_internship_objects
from tests.mentoring.matrix_rows import MATRIX as MENTORING_ROWS
from tests.mentoring.matrix_rows import build_mentoring_objects
from tests.messaging.matrix_rows import MATRIX as MESSAGING_ROWS
from tests.messaging.matrix_rows import build_messaging_objects

ROLES = (
    "anonymous", "student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"
)
ADULTS = ROLES[2:]
LOGGED_IN = ROLES[1:]


def everyone(status):
    return {role: status for role in ROLES}


def logged_in(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in LOGGED_IN}}


def only(roles, ok=200, others=404, anonymous=302):
    return {"anonymous": anonymous, **{role: (ok if role in roles else others) for role in LOGGED_IN}}


def build_objects(world):
    major = IscoGroup.objects.create(code="2", level=1, label_en="Professionals")
    IscoGroup.objects.create(code="22", level=2, parent=major, label_en="Health professionals")
    unit = IscoGroup.objects.create(code="2221", level=4, label_en="Nursing professionals")
    occupation = Occupation.objects.create(
        esco_uri="http://data.europa.eu/esco/occupation/1a2b3c4d-0000-0000-0000-000000000001",
        code="2221.1", isco_group=unit, label_en="nurse", label_nl="verpleegkundige", label_fr="infirmier/infirmière",
    )
    pending = Organisation.objects.create(kind="school", name="Pending school", country="BE", status="pending")
    token = "matrix-consent-token"
    ParentalConsent.objects.create(
        student=world["student"], parent_email="p@example.org", token_hash=ParentalConsent.hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    alumna = UserFactory(first_name="Leila")
    alumna_profile = ProfessionalProfile.objects.create(user=alumna, job_title="Nurse")
    link = SchoolLink.objects.create(profile=alumna_profile, school=world["school"], kind="alumnus", end_year=2009)
    verification = Verification.objects.create(user=alumna)
    own_profile = ProfessionalProfile.objects.create(user=world["professional"])
    own_link = SchoolLink.objects.create(profile=own_profile, school=world["other_school"], kind="parent")
    step = CareerStep.objects.create(profile=own_profile, kind="job", title="Nurse", start_year=2015)
    published = ProfessionalProfile.objects.create(
        user=UserFactory(first_name="Karim"), job_title="Electrician", status="published",
        published_at=timezone.now(), offers=["questions"],
    )
    Verification.objects.create(
        user=published.user, status="verified", check_type="be_596_2",
        document_date=timezone.localdate(), expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    CompanyPage.objects.create(company=world["company"], presentation="We build schools.")
    job = CompanyJob.objects.create(
        company=world["company"], kind="hard_to_fill", occupation=occupation, text="Care", why="Few graduates"
    )
    site = PlaceFactory()
    CompanyPage.objects.get(company=world["company"]).sites.add(site)
    photo = CompanyPhoto.objects.create(company=world["company"], image="profiles/company/x.jpg")
    finished_quiz = QuizAttempt.objects.create(
        user=world["student"], quiz_version=quiz.QUIZ_VERSION, finished_at=timezone.now(), holland_code="RIA",
        realistic=80, investigative=60, artistic=40, social=20, enterprising=10, conventional=0,
    )
    unfinished_quiz = QuizAttempt.objects.create(user=world["student"], quiz_version=quiz.QUIZ_VERSION)
    return {
        **build_mentoring_objects(world),
        **build_messaging_objects(world),
        **build_internship_objects(world),
        **build_event_objects(world),
        "finished_quiz": finished_quiz, "unfinished_quiz": unfinished_quiz,
        "occupation": occupation, "pending": pending, "consent_token": token, "link": link,
        "verification": verification, "own_link": own_link, "published": published, "job": job, "site": site,
        "photo": photo, "step": step,
    }


# name -> (method, path builder, expected status per role)
MATRIX = {
    "core:home": ("get", lambda w: "/", everyone(200)),
    "core:about_data": ("get", lambda w: "/about/data/", everyone(200)),
    "core:set_language": ("post", lambda w: "/language/", everyone(302)),
    "account_signup": ("get", lambda w: "/accounts/signup/", {**logged_in(302), "anonymous": 200}),
    "account_login": ("get", lambda w: "/accounts/login/", {**logged_in(302), "anonymous": 200}),
    "account_logout": ("get", lambda w: "/accounts/logout/", logged_in(200)),
    "account_inactive": ("get", lambda w: "/accounts/inactive/", everyone(200)),
    "account_reauthenticate": ("get", lambda w: "/accounts/reauthenticate/", logged_in(200)),
    "account_email": ("get", lambda w: "/accounts/email/", logged_in(200)),
    "account_email_verification_sent": ("get", lambda w: "/accounts/confirm-email/", everyone(200)),
    "account_confirm_email": ("get", lambda w: "/accounts/confirm-email/not-a-key/", everyone(200)),
    "account_change_password": ("get", lambda w: "/accounts/password/change/", logged_in(200)),
    "account_set_password": ("get", lambda w: "/accounts/password/set/", logged_in(302)),
    "account_reset_password": ("get", lambda w: "/accounts/password/reset/", everyone(200)),
    "account_reset_password_done": ("get", lambda w: "/accounts/password/reset/done/", everyone(200)),
    "account_reset_password_from_key": ("get", lambda w: "/accounts/password/reset/key/1-bad/", everyone(200)),
    "account_reset_password_from_key_done": ("get", lambda w: "/accounts/password/reset/key/done/", everyone(200)),
    "account_confirm_login_code": ("get", lambda w: "/accounts/login/code/confirm/", everyone(302)),
    "account_request_reauthentication_code": ("get", lambda w: "/accounts/reauthenticate/code/", logged_in(200)),
    "account_confirm_reauthentication_code": (
        "get", lambda w: "/accounts/reauthenticate/code/confirm/", logged_in(302)
    ),
    "mfa_index": ("get", lambda w: "/accounts/2fa/", logged_in(200)),
    "mfa_authenticate": ("get", lambda w: "/accounts/2fa/authenticate/", everyone(302)),
    "mfa_reauthenticate": ("get", lambda w: "/accounts/2fa/reauthenticate/", logged_in(302)),
    "mfa_activate_totp": ("get", lambda w: "/accounts/2fa/totp/activate/", logged_in(302)),  # reauthenticate first
    "mfa_deactivate_totp": ("get", lambda w: "/accounts/2fa/totp/deactivate/", logged_in(404)),
    "mfa_view_recovery_codes": ("get", lambda w: "/accounts/2fa/recovery-codes/", logged_in(404)),
    "mfa_generate_recovery_codes": ("get", lambda w: "/accounts/2fa/recovery-codes/generate/", logged_in(302)),
    "mfa_download_recovery_codes": ("get", lambda w: "/accounts/2fa/recovery-codes/download/", logged_in(404)),
    "accounts:me": ("get", lambda w: "/me/", logged_in(200)),
    "accounts:consent_ask": ("get", lambda w: "/me/consent/", logged_in(302)),
    "accounts:export": ("get", lambda w: "/me/export/", logged_in(200)),
    "accounts:delete": ("get", lambda w: "/me/delete/", logged_in(200)),
    "accounts:consent_respond": ("get", lambda w: f"/consent/{w['consent_token']}/", everyone(200)),
    "accounts:consent_withdraw": ("get", lambda w: f"/consent/{w['consent_token']}/withdraw/", everyone(405)),
    "organisations:my_school": (
        "get", lambda w: "/school/", {**logged_in(200), "teacher": 302, "other_teacher": 302}
    ),
    "organisations:school_new": ("get", lambda w: "/schools/new/", {**logged_in(200), "student": 403}),
    "organisations:school_detail": ("get", lambda w: f"/schools/{w['school'].pk}/", only({"teacher"})),
    "organisations:class_new": ("get", lambda w: f"/schools/{w['school'].pk}/classes/new/", only({"teacher"})),
    "organisations:staff_invite": ("get", lambda w: f"/schools/{w['school'].pk}/invite/", only({"teacher"})),
    "organisations:class_detail": ("get", lambda w: f"/classes/{w['class'].pk}/", only({"teacher"})),
    "organisations:class_print": ("get", lambda w: f"/classes/{w['class'].pk}/print/", only({"teacher"})),
    "organisations:class_reset_code": (
        "post", lambda w: f"/classes/{w['class'].pk}/reset-code/", only({"teacher"}, ok=302)
    ),
    "organisations:class_toggle_joining": (
        "post", lambda w: f"/classes/{w['class'].pk}/joining/", only({"teacher"}, ok=302)
    ),
    "organisations:student_consent": (
        "get", lambda w: f"/classes/{w['class'].pk}/students/{w['student'].pk}/consent/", only({"teacher"})
    ),
    "organisations:student_consent_withdraw": (
        "post", lambda w: f"/classes/{w['class'].pk}/students/{w['student'].pk}/consent/withdraw/",
        only({"teacher"}, ok=302),
    ),
    "organisations:join": ("get", lambda w: "/join/", everyone(200)),
    "organisations:invitation_accept": ("get", lambda w: "/invitations/unknown-token/", logged_in(404)),
    "organisations:moderation_schools": ("get", lambda w: "/moderation/schools/", only({"moderator"}, others=403)),
    "organisations:moderation_school_review": (
        "get", lambda w: f"/moderation/schools/{w['pending'].pk}/", only({"moderator"})
    ),
    "careers:sector_list": ("get", lambda w: "/occupations/", everyone(200)),
    "careers:sector_detail": ("get", lambda w: "/occupations/sectors/2/", everyone(200)),
    "careers:occupation_detail": (
        "get", lambda w: "/occupations/1a2b3c4d-0000-0000-0000-000000000001/", everyone(200)
    ),
    "profiles:my_verification": ("get", lambda w: "/me/verification/", {**logged_in(200), "student": 403}),
    "profiles:my_links": ("get", lambda w: "/me/links/", {**logged_in(200), "student": 403}),
    "profiles:my_link_delete": (
        "post", lambda w: f"/me/links/{w['own_link'].pk}/delete/", only({"professional"}, ok=302)
    ),
    "profiles:verification_list": (
        "get", lambda w: "/verifications/",
        only({"teacher", "other_teacher", "coordinator", "moderator"}, others=403),
    ),
    "profiles:verification_review": (
        "get", lambda w: f"/verifications/{w['verification'].pk}/", only({"teacher", "moderator"})
    ),
    "profiles:verification_revoke": (
        "post", lambda w: f"/verifications/{w['verification'].pk}/revoke/", only({"teacher", "moderator"}, ok=302)
    ),
    "profiles:school_links": ("get", lambda w: f"/schools/{w['school'].pk}/links/", only({"teacher"})),
    "profiles:school_link_decide": (
        "post", lambda w: f"/schools/{w['school'].pk}/links/{w['link'].pk}/", only({"teacher"}, ok=302)
    ),
    "profiles:link_invitation": ("get", lambda w: "/link-invitations/unknown/", logged_in(404)),
    "profiles:company_ambassadors": (
        "get", lambda w: f"/companies/{w['company'].pk}/ambassadors/", only({"company_admin"})
    ),
    "profiles:edit": ("get", lambda w: "/me/profile/", {**logged_in(200), "student": 403}),
    "profiles:edit_job": ("get", lambda w: "/me/profile/job/", {**logged_in(200), "student": 403}),
    "profiles:occupation_search": ("get", lambda w: "/me/profile/job/occupations/?q=nu", {**logged_in(200), "student": 403}),
    "profiles:edit_story": ("get", lambda w: "/me/profile/story/", {**logged_in(200), "student": 403}),
    "profiles:edit_path": ("get", lambda w: "/me/profile/path/", {**logged_in(200), "student": 403}),
    "profiles:edit_practical": ("get", lambda w: "/me/profile/practical/", {**logged_in(200), "student": 403}),
    "profiles:edit_video": ("get", lambda w: "/me/profile/video/", {**logged_in(200), "student": 403}),
    "profiles:edit_availability": ("get", lambda w: "/me/profile/availability/", {**logged_in(200), "student": 403}),
    "profiles:preview": ("get", lambda w: "/me/profile/preview/", {**logged_in(200), "student": 403}),
    "profiles:edit_step": (
        "get", lambda w: f"/me/profile/path/{w['step'].pk}/", {**only({"professional"}), "student": 403}
    ),
    "profiles:delete_step": (
        "post", lambda w: f"/me/profile/path/{w['step'].pk}/delete/",
        {**only({"professional"}, ok=302), "student": 403},
    ),
    "profiles:submit": ("post", lambda w: "/me/profile/submit/", {**logged_in(400), "student": 403}),
    "profiles:unpublish": ("post", lambda w: "/me/profile/unpublish/", {**logged_in(302), "student": 403}),
    "interests:quiz": ("get", lambda w: "/quiz/", logged_in(200)),
    "interests:quiz_start": ("post", lambda w: "/quiz/start/", logged_in(302)),
    "interests:quiz_attempt": ("get", lambda w: f"/quiz/{w['finished_quiz'].pk}/", only({"student"})),
    "interests:quiz_item": ("get", lambda w: f"/quiz/{w['unfinished_quiz'].pk}/1/", only({"student"})),
    "interests:explore": ("get", lambda w: "/explore/", logged_in(200)),
    "discovery:search": ("get", lambda w: "/search/?q=nurse", logged_in(200)),
    # The API: occupation search is public reference data; /api/v1/ itself has no page.
    "api:api-root": ("get", lambda w: "/api/v1/", everyone(404)),
    "api:occupation_search": ("get", lambda w: "/api/v1/occupations/search?q=nurse", everyone(200)),
    "api:openapi-json": ("get", lambda w: "/api/v1/openapi.json", everyone(200)),
    "profiles:gallery": ("get", lambda w: "/professionals/", logged_in(200)),
    "profiles:profile_detail": ("get", lambda w: f"/professionals/{w['published'].pk}/", logged_in(200)),
    "profiles:company_list": ("get", lambda w: "/companies/", logged_in(200)),
    "profiles:company_detail": ("get", lambda w: f"/companies/{w['company'].pk}/", logged_in(200)),
    "profiles:company_edit": ("get", lambda w: f"/companies/{w['company'].pk}/edit/", only({"company_admin"})),
    "profiles:company_site_add": (
        "post", lambda w: f"/companies/{w['company'].pk}/sites/add/", only({"company_admin"}, ok=400)
    ),
    "profiles:company_site_remove": (
        "post", lambda w: f"/companies/{w['company'].pk}/sites/{w['site'].pk}/remove/",
        only({"company_admin"}, ok=302),
    ),
    "profiles:company_job_new": ("get", lambda w: f"/companies/{w['company'].pk}/jobs/new/", only({"company_admin"})),
    "profiles:company_job_edit": (
        "get", lambda w: f"/companies/{w['company'].pk}/jobs/{w['job'].pk}/edit/", only({"company_admin"})
    ),
    "profiles:company_job_delete": (
        "post", lambda w: f"/companies/{w['company'].pk}/jobs/{w['job'].pk}/delete/", only({"company_admin"}, ok=302)
    ),
    "profiles:company_photo_add": (
        "post", lambda w: f"/companies/{w['company'].pk}/photos/add/", only({"company_admin"}, ok=400)
    ),
    "profiles:company_photo_delete": (
        "post", lambda w: f"/companies/{w['company'].pk}/photos/{w['photo'].pk}/delete/",
        only({"company_admin"}, ok=302),
    ),
    "profiles:company_premium": ("get", lambda w: f"/companies/{w['company'].pk}/premium/", only({"moderator"})),
}

MATRIX.update(MENTORING_ROWS)
MATRIX.update(MESSAGING_ROWS)
MATRIX.update(INTERNSHIP_ROWS)
MATRIX.update(EVENT_ROWS)

# The Django admin is for platform staff only (is_staff); no product role holds it.
ADMIN_EXPECTED = everyone(302)


def url_names():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern.url_patterns, f"{namespace}:{ns}" if namespace and ns else ns or namespace)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {pattern.pattern}>"
                names.add(f"{namespace}:{name}" if namespace else name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_pattern_has_a_row():
    names = {n for n in url_names() if not n.startswith("admin:")}
    assert sorted(names - set(MATRIX)) == []
    assert sorted(set(MATRIX) - names) == []


@pytest.mark.django_db
def test_status_for_every_url_and_role(client, world):
    objects = {**world, **build_objects(world)}
    users = {role: objects.get(role) for role in ROLES}
    failures = []
    # Reads first: the POST rows may delete the objects the GET rows look at.
    for name, (method, build, expected) in sorted(MATRIX.items(), key=lambda row: (row[1][0] != "get", row[0])):
        path = build(objects)
        for role in ROLES:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            data = {"language": "en"} if name == "core:set_language" else {}
            response = getattr(client, method)(path, data)
            if response.status_code != expected[role]:
                failures.append(f"{name} {path} as {role}: {response.status_code}, expected {expected[role]}")
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
def test_admin_is_closed_to_every_product_role(client, world):
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world[role])
        for path in ("/admin/", "/admin/accounts/user/", "/admin/organisations/organisation/"):
            response = client.get(path)
            assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/"), (role, path)
