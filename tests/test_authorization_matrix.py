"""Every URL pattern of the project against every role: a new URL without a row fails this test."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from backstage.accounts.models import ParentalConsent
from backstage.careers.models import IscoGroup, Occupation
from backstage.organisations.models import Organisation

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
    return {"occupation": occupation, "pending": pending, "consent_token": token}


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
}

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
    for name, (method, build, expected) in sorted(MATRIX.items()):
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
