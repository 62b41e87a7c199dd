"""Rows of the authorization matrix (tests/test_authorization_matrix.py) for the mentoring URLs."""

from backstage.mentoring.models import Application, Duo
from tests.factories import UserFactory, birth_date_for_age

ROLES = (
    "anonymous", "student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"
)
LOGGED_IN = ROLES[1:]


def everyone(status):
    return {role: status for role in ROLES}


def logged_in(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in LOGGED_IN}}


def only(roles, ok=200, others=404, anonymous=302):
    return {"anonymous": anonymous, **{role: (ok if role in roles else others) for role in LOGGED_IN}}


def build_mentoring_objects(world):
    """A waiting mentee, a mentor and a proposal between them in world["branch"]."""
    branch = world["branch"]
    young = Application.objects.create(
        user=UserFactory(date_of_birth=birth_date_for_age(24)), branch=branch, kind="mentee", status="waiting",
        languages=["fr"], goals="find a job in logistics",
    )
    old = Application.objects.create(
        user=UserFactory(date_of_birth=birth_date_for_age(60)), branch=branch, kind="mentor", status="waiting",
        languages=["fr"], career_summary="logistics manager",
    )
    duo = Duo.objects.create(branch=branch, mentee=young, mentor=old)
    return {"nonprofit": branch.parent, "mentee_application": young, "duo": duo}


MATRIX = {
    "mentoring:home": ("get", lambda w: "/mentoring/", logged_in(200)),
    "mentoring:apply_start": ("get", lambda w: "/mentoring/apply/", everyone(200)),
    # Anonymous: "create your account first"; the others see the form or why they cannot apply (age).
    "mentoring:apply_mentee": ("get", lambda w: f"/mentoring/apply/{w['branch'].pk}/mentee/", everyone(200)),
    "mentoring:apply_mentor": ("get", lambda w: f"/mentoring/apply/{w['branch'].pk}/mentor/", everyone(200)),
    "mentoring:programme": ("get", lambda w: f"/mentoring/programmes/{w['nonprofit'].pk}/", only({"coordinator"})),
    "mentoring:branch": ("get", lambda w: f"/mentoring/branches/{w['branch'].pk}/", only({"coordinator"})),
    "mentoring:branch_settings": (
        "get", lambda w: f"/mentoring/branches/{w['branch'].pk}/settings/", only({"coordinator"})
    ),
    "mentoring:application_list": (
        "get", lambda w: f"/mentoring/branches/{w['branch'].pk}/applications/", only({"coordinator"})
    ),
    "mentoring:matching": ("get", lambda w: f"/mentoring/branches/{w['branch'].pk}/matching/", only({"coordinator"})),
    "mentoring:matching_run": (
        "post", lambda w: f"/mentoring/branches/{w['branch'].pk}/matching/run/", only({"coordinator"}, ok=302)
    ),
    "mentoring:alerts": ("get", lambda w: f"/mentoring/branches/{w['branch'].pk}/alerts/", only({"coordinator"})),
    "mentoring:dashboard": ("get", lambda w: f"/mentoring/branches/{w['branch'].pk}/dashboard/", only({"coordinator"})),
    "mentoring:export_csv": ("get", lambda w: f"/mentoring/branches/{w['branch'].pk}/export.csv", only({"coordinator"})),
    "mentoring:export_xlsx": (
        "get", lambda w: f"/mentoring/branches/{w['branch'].pk}/export.xlsx", only({"coordinator"})
    ),
    "mentoring:application_detail": (
        "get", lambda w: f"/mentoring/applications/{w['mentee_application'].pk}/", only({"coordinator"})
    ),
    # POST without data: the coordinator gets the form back with its errors.
    "mentoring:application_move": (
        "post", lambda w: f"/mentoring/applications/{w['mentee_application'].pk}/status/",
        only({"coordinator"}, ok=400),
    ),
    "mentoring:duo_detail": ("get", lambda w: f"/mentoring/duos/{w['duo'].pk}/", only({"coordinator"})),
    "mentoring:duo_accept": ("post", lambda w: f"/mentoring/duos/{w['duo'].pk}/accept/", only({"coordinator"}, ok=302)),
    "mentoring:duo_reject": ("post", lambda w: f"/mentoring/duos/{w['duo'].pk}/reject/", only({"coordinator"}, ok=302)),
    "mentoring:duo_lock": ("post", lambda w: f"/mentoring/duos/{w['duo'].pk}/lock/", only({"coordinator"}, ok=302)),
    "mentoring:duo_introduce": ("get", lambda w: f"/mentoring/duos/{w['duo'].pk}/introduce/", only({"coordinator"})),
    # Only the duo's mentee and mentor log meetings (none of the matrix roles), once introduced.
    "mentoring:checkin_new": ("get", lambda w: f"/mentoring/duos/{w['duo'].pk}/checkins/new/", only(set())),
    "mentoring:duo_review": ("get", lambda w: f"/mentoring/duos/{w['duo'].pk}/review/", only({"coordinator"})),
    "mentoring:duo_close": ("get", lambda w: f"/mentoring/duos/{w['duo'].pk}/close/", only({"coordinator"})),
    "mentoring:followup_answer": ("get", lambda w: "/mentoring/follow-up/unknown-token/", everyone(404)),
}
