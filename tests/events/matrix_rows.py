"""Rows of the authorization matrix (tests/test_authorization_matrix.py) for the event URLs."""

from backstage.events import services
from backstage.events.models import Registration
from tests.events.helpers import make_event

ROLES = (
    "anonymous", "student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"
)
LOGGED_IN = ROLES[1:]


def logged_in(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in LOGGED_IN}}


def only(roles, ok=200, others=404, anonymous=302):
    return {"anonymous": anonymous, **{role: (ok if role in roles else others) for role in LOGGED_IN}}


def build_event_objects(world):
    """A forum of world["company"] with world["student"] registered, and a talk reserved for the other school."""
    event = make_event(world["company"], capacity=5)
    registration = services.registration_create(event=event, student=world["student"], school=world["school"])
    make_event(world["company"], school=world["other_school"], title="Class talk")
    return {"event": event, "registration": registration}


MATRIX = {
    "events:event_list": ("get", lambda w: "/events/", logged_in(200)),
    "events:event_detail": ("get", lambda w: f"/events/{w['event'].pk}/", logged_in(200)),
    "events:event_ics": ("get", lambda w: f"/events/{w['event'].pk}/event.ics", logged_in(200)),
    # The student is already registered (400 with the reason); adults do not register themselves (400).
    "events:register": ("post", lambda w: f"/events/{w['event'].pk}/register/", logged_in(400)),
    # Teachers get the form back without a class (400); others have no class to register.
    "events:register_class": (
        "post", lambda w: f"/events/{w['event'].pk}/register-class/",
        {**logged_in(403), "teacher": 400, "other_teacher": 400},
    ),
    "events:event_edit": ("get", lambda w: f"/events/{w['event'].pk}/edit/", only({"company_admin"})),
    "events:attendance": ("get", lambda w: f"/events/{w['event'].pk}/attendance/", only({"company_admin"})),
    # Only pupils who attended give feedback; the event has not taken place.
    "events:feedback": ("get", lambda w: f"/events/{w['event'].pk}/feedback/", logged_in(403)),
    "events:registration_cancel": (
        "post", lambda w: f"/events/registrations/{w['registration'].pk}/cancel/", only({"student", "teacher"}, ok=302)
    ),
    "events:event_new": (
        "get", lambda w: f"/events/organisations/{w['company'].pk}/new/", only({"company_admin"})
    ),
}

__all__ = ["MATRIX", "build_event_objects", "Registration"]
