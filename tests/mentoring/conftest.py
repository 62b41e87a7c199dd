"""A small mentoring world on top of the project's `world`: places with coordinates, an ISCO branch, and helpers
that create mentees and mentors in a given status the way the screening would leave them."""

import datetime

import pytest
from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.mentoring.models import Application, ApplicationEvent, Duo
from backstage.organisations.models import Membership, Organisation, Place, Role
from backstage.profiles.models import Verification
from tests.factories import UserFactory, birth_date_for_age, make_member

ESCO = "http://data.europa.eu/esco/occupation/"


def isco(code, label, parent=None):
    return IscoGroup.objects.create(code=code, level=len(code), parent=parent, label_en=label)


def occupation(uuid_tail, group, label_en, label_fr=""):
    return Occupation.objects.create(
        esco_uri=f"{ESCO}00000000-0000-0000-0000-{uuid_tail:012d}", code=f"{group.code}.{uuid_tail}",
        isco_group=group, label_en=label_en, label_fr=label_fr,
    )


@pytest.fixture
def taxonomy(db):
    g2 = isco("2", "Professionals")
    g22 = isco("22", "Health professionals", g2)
    g222 = isco("222", "Nursing and midwifery professionals", g22)
    g2221 = isco("2221", "Nursing professionals", g222)
    g2222 = isco("2222", "Midwifery professionals", g222)
    g9 = isco("9", "Elementary occupations")
    g93 = isco("93", "Labourers in mining, construction, manufacturing and transport", g9)
    g933 = isco("933", "Transport and storage labourers", g93)
    g9333 = isco("9333", "Freight handlers", g933)
    g4 = isco("4", "Clerical support workers")
    g43 = isco("43", "Numerical and material recording clerks", g4)
    g432 = isco("432", "Material-recording and transport clerks", g43)
    g4321 = isco("4321", "Stock clerks", g432)
    return {
        "2": g2, "22": g22, "222": g222, "2221": g2221, "2222": g2222, "9": g9, "93": g93, "933": g933,
        "9333": g9333, "4": g4, "43": g43, "432": g432, "4321": g4321,
        "nurse": occupation(1, g2221, "nurse responsible for general care", "infirmier/infirmière"),
        "specialist_nurse": occupation(2, g2221, "specialist nurse", "infirmier spécialisé/infirmière spécialisée"),
        "midwife": occupation(3, g2222, "midwife", "sage-femme"),
        "warehouse_worker": occupation(4, g9333, "warehouse worker", "magasinier/magasinière"),
        "stock_clerk": occupation(5, g4321, "stock clerk", "employé de stock/employée de stock"),
    }


def place(postcode, name, lat, lon):
    return Place.objects.get_or_create(
        country="BE", postcode=postcode, name=name, defaults={"latitude": lat, "longitude": lon}
    )[0]


@pytest.fixture
def places(db):
    # Brussels centre and Vilvoorde are 10.4 km apart on these coordinates; Molenbeek is 1.9 km from the centre.
    return {
        "brussels": place("1000", "Bruxelles", 50.8466, 4.3528),
        "molenbeek": place("1080", "Molenbeek-Saint-Jean", 50.8550, 4.3300),
        "vilvoorde": place("1800", "Vilvoorde", 50.9281, 4.4245),
        "antwerpen": place("2000", "Antwerpen", 51.2194, 4.4025),
    }


_users = {"n": 0}


def make_application(branch, kind, *, status=Application.Status.WAITING, age=None, languages=("fr",), place=None,
                     slots=("tue_evening",), mode=Application.MeetingMode.EITHER, occupations=(), sectors=(),
                     text="", max_duos=1, verified=True, waiting_days=10, user=None, **fields):
    """An application as the screening would leave it in `status` (memberships and verification included)."""
    today = timezone.localdate()
    if user is None:
        age = age or (25 if kind == Application.Kind.MENTEE else 58)
        user = UserFactory(date_of_birth=birth_date_for_age(age))
    application = Application.objects.create(
        user=user, branch=branch, kind=kind, status=status, languages=list(languages), place=place,
        availability=list(slots), meeting_mode=mode, max_duos=max_duos,
        waiting_since=today - datetime.timedelta(days=waiting_days) if status == Application.Status.WAITING else None,
        **({"goals": text or "I want to work in a hospital as a nurse"} if kind == Application.Kind.MENTEE
           else {"career_summary": text or "Forty years in hospitals, head nurse of a surgery ward"}),
        **fields,
    )
    if kind == Application.Kind.MENTEE:
        application.wanted_occupations.set(occupations)
        application.wanted_sectors.set(sectors)
    else:
        application.career_occupations.set(occupations)
        application.career_sectors.set(sectors)
    ApplicationEvent.objects.create(application=application, to_status=Application.Status.APPLIED)
    if status != Application.Status.APPLIED:
        ApplicationEvent.objects.create(application=application, from_status="applied", to_status=status)
        role = Role.MENTOR if kind == Application.Kind.MENTOR else Role.MENTEE
        Membership.objects.get_or_create(user=user, organisation=branch, role=role, ended_at=None)
    if kind == Application.Kind.MENTOR and verified:
        Verification.objects.create(
            user=user, status=Verification.Status.VERIFIED, check_type=Verification.CheckType.BE_596_2,
            document_date=today - datetime.timedelta(days=30), expires_on=today + datetime.timedelta(days=700),
        )
    return application


def mentee(branch, **kwargs):
    return make_application(branch, Application.Kind.MENTEE, **kwargs)


def mentor(branch, **kwargs):
    return make_application(branch, Application.Kind.MENTOR, **kwargs)


def make_duo(branch, mentee_app, mentor_app, *, status=Duo.Status.ACTIVE, introduced_days_ago=30, **fields):
    now = timezone.now()
    introduced = now - datetime.timedelta(days=introduced_days_ago)
    values = {"accepted_at": introduced - datetime.timedelta(days=3)}
    if status in (Duo.Status.INTRODUCED, Duo.Status.ACTIVE, Duo.Status.CLOSED):
        day = timezone.localdate(introduced)
        values.update(introduced_at=introduced, first_meeting_on=day, planned_end_on=day + datetime.timedelta(days=182))
    if status == Duo.Status.ACTIVE:
        values["activated_on"] = timezone.localdate(introduced)
    values.update(fields)
    return Duo.objects.create(branch=branch, mentee=mentee_app, mentor=mentor_app, status=status, score=100, **values)


@pytest.fixture
def mworld(world, taxonomy, places):
    """The world plus a second branch of the same nonprofit with its own coordinator, and a nonprofit coordinator."""
    branch = world["branch"]
    other_branch = Organisation.objects.create(
        kind=Organisation.Kind.BRANCH, name="Duo Antwerpen", country="BE", parent=branch.parent,
        status=Organisation.Status.APPROVED,
    )
    return {
        **world,
        "nonprofit": branch.parent,
        "other_branch": other_branch,
        "other_coordinator": make_member(other_branch, Role.COORDINATOR, first_name="Leen", last_name="Aerts"),
        "head_coordinator": make_member(branch.parent, Role.COORDINATOR, first_name="Fred", last_name="Simon"),
        "taxonomy": taxonomy,
        "places": places,
    }
