"""Rows of the authorization matrix (tests/test_authorization_matrix.py) for the internship URLs."""

from tests.internships.helpers import accepted_application, apply, give_kit, make_offer

ROLES = (
    "anonymous", "student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"
)
LOGGED_IN = ROLES[1:]


def logged_in(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in LOGGED_IN}}


def only(roles, ok=200, others=404, anonymous=302):
    return {"anonymous": anonymous, **{role: (ok if role in roles else others) for role in LOGGED_IN}}


def build_internship_objects(world):
    """A published offer of world["company"], a draft one, and an accepted application of world["student"]."""
    offer = make_offer(world["company"], places=3)
    draft = make_offer(world["company"], status="draft", title="Brouillon")
    accepted = accepted_application(world, offer)
    # An application still waiting for the teacher: the company must not see it yet.
    other = make_offer(world["company"], weeks_ahead=5, title="Autre semaine")
    waiting = apply(other, world["student"])
    give_kit(world["other_student"])
    return {"offer": offer, "draft_offer": draft, "accepted": accepted, "waiting": waiting}


MATRIX = {
    "internships:offer_list": ("get", lambda w: "/internships/", logged_in(200)),
    "internships:offer_detail": ("get", lambda w: f"/internships/offers/{w['offer'].pk}/", logged_in(200)),
    # Drafts: only the organisation's admins.
    "internships:offer_edit": ("get", lambda w: f"/internships/offers/{w['draft_offer'].pk}/edit/", only({"company_admin"})),
    # POST without a status: the manager gets the page back with 400.
    "internships:offer_status": (
        "post", lambda w: f"/internships/offers/{w['draft_offer'].pk}/status/", only({"company_admin"}, ok=400)
    ),
    # The student already applied: 400 with the reason; adults are not pupils: 400 too.
    "internships:apply": ("post", lambda w: f"/internships/offers/{w['offer'].pk}/apply/", logged_in(400)),
    "internships:manage": ("get", lambda w: f"/internships/organisations/{w['company'].pk}/", only({"company_admin"})),
    "internships:offer_new": (
        "get", lambda w: f"/internships/organisations/{w['company'].pk}/offers/new/", only({"company_admin"})
    ),
    "internships:school_settings": (
        "get", lambda w: f"/internships/schools/{w['school'].pk}/settings/", only({"teacher"})
    ),
    "internships:kit": ("get", lambda w: "/internships/kit/", only({"student"}, others=403)),
    "internships:kit_preview": ("post", lambda w: "/internships/kit/preview/", only({"student"}, others=403)),
    "internships:kit_pdf": ("get", lambda w: "/internships/kit/cv.pdf", only({"student"}, others=403)),
    "internships:application_list": ("get", lambda w: "/internships/applications/", logged_in(200)),
    # The waiting application: the pupil and their teacher only; the company does not see it before validation.
    "internships:application_detail": (
        "get", lambda w: f"/internships/applications/{w['waiting'].pk}/", only({"student", "teacher"})
    ),
    "internships:application_move": (
        "post", lambda w: f"/internships/applications/{w['waiting'].pk}/move/", only({"student", "teacher"}, ok=400)
    ),
    "internships:application_pdf": (
        "get", lambda w: f"/internships/applications/{w['accepted'].pk}/application.pdf",
        only({"student", "teacher", "company_admin"}),
    ),
    # The tutor ("professional" is not the tutor here) sees accepted applications of offers they tutor only.
    "internships:agreement": (
        "get", lambda w: f"/internships/applications/{w['accepted'].pk}/agreement/",
        only({"student", "teacher", "company_admin"}),
    ),
    "internships:agreement_sign": (
        "post", lambda w: f"/internships/applications/{w['accepted'].pk}/agreement/sign/",
        {**only({"teacher", "company_admin"}, ok=400), "student": 403},
    ),
    "internships:agreement_pdf": (
        "get", lambda w: f"/internships/applications/{w['accepted'].pk}/agreement.pdf",
        only({"student", "teacher", "company_admin"}),
    ),
    "internships:report": (
        "get", lambda w: f"/internships/applications/{w['accepted'].pk}/report/",
        only({"student", "teacher", "company_admin"}),
    ),
    "internships:report_comment": (
        "post", lambda w: f"/internships/applications/{w['accepted'].pk}/report/comment/",
        {**only({"teacher", "company_admin"}, ok=400), "student": 403},
    ),
    "internships:report_pdf": (
        "get", lambda w: f"/internships/applications/{w['accepted'].pk}/report.pdf",
        only({"student", "teacher", "company_admin"}),
    ),
}
