import hashlib
import io
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from backstage.accounts.models import ParentalConsent, User
from backstage.accounts.selectors import contact_allowed
from backstage.core.demo import (
    CONSENT_NONE,
    CONSENT_NOT_NEEDED,
    CONSENT_PENDING,
    CONSENT_RECORDED,
    PASSWORD,
    build_plan,
)
from backstage.core.models import AuditEntry
from backstage.organisations.models import Membership, Organisation, Place, SchoolClass

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", "--skip-occupations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    return seed()


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, EmailAddress, Organisation, SchoolClass, Membership, ParentalConsent, AuditEntry)
    }


def roles():
    return Counter(Membership.objects.values_list("role", flat=True))


def test_seed_creates_the_demo_world_with_exact_counts(seeded):
    schools = Organisation.objects.filter(kind="school")
    assert schools.count() == 5
    assert schools.filter(status="approved").count() == 4
    assert list(schools.filter(status="pending").values_list("name", flat=True)) == ["Technisch Instituut Dampoort"]
    assert Organisation.objects.exclude(kind="school").exclude(status="approved").count() == 0
    assert Organisation.objects.filter(kind="company").count() == 6
    assert Organisation.objects.filter(kind="nonprofit").count() == 1
    nonprofit = Organisation.objects.get(kind="nonprofit")
    assert nonprofit.name == "Duo pour l'emploi / Duo voor Werk"
    branches = Organisation.objects.filter(kind="branch")
    assert branches.count() == 2 and set(branches.values_list("parent", flat=True)) == {nonprofit.pk}
    assert Organisation.objects.filter(kind="platform").count() == 1

    assert roles() == {
        "student": 80, "teacher": 9, "counsellor": 1, "company_admin": 6, "professional": 3, "coordinator": 2,
        "moderator": 1,
    }
    # 80 students, 10 school staff, 6 company admins, 2 coordinators, a moderator, 5 professionals (2 independent).
    assert User.objects.count() == 104

    classes = SchoolClass.objects.all()
    assert classes.count() == 8
    assert set(classes.values_list("school_year", flat=True)) == {"2026-2027"}
    assert {c.grade for c in classes} <= {3, 4, 5, 6}
    approved = schools.filter(status="approved")
    assert Counter(classes.values_list("school", flat=True)) == {s.pk: 2 for s in approved}
    for school in schools:
        staff = Membership.objects.filter(organisation=school, role__in=["teacher", "counsellor"])
        assert staff.count() == 2
    for company in Organisation.objects.filter(kind="company"):
        assert Membership.objects.filter(organisation=company, role="company_admin").count() == 1
    for branch in branches:
        assert Membership.objects.filter(organisation=branch, role="coordinator").count() == 1

    students = Membership.objects.filter(role="student").select_related("user", "school_class")
    assert all(m.school_class is not None and m.school_class.school_id == m.organisation_id for m in students)
    assert Counter(m.school_class_id for m in students) == {c.pk: 10 for c in classes}
    ages = Counter(m.user.age for m in students)
    assert min(ages) == 12 and max(ages) == 18 and len(ages) == 7


def test_schools_sit_in_real_imported_places(seeded):
    places = {
        s.name: (s.place.country, s.place.postcode, s.place.name, s.place.region, s.priority_education)
        for s in Organisation.objects.filter(kind="school").select_related("place")
    }
    assert places == {
        "Athénée des Étangs Noirs": ("BE", "1080", "Molenbeek-Saint-Jean", "Brussels-Capital Region", True),
        "Institut technique du Pays Noir": ("BE", "6000", "Charleroi", "Wallonia", True),
        "Atheneum Antwerpen-Noord": ("BE", "2060", "Antwerpen", "Flanders", False),
        "Collège Pleyel": ("FR", "93200", "Saint-Denis", "Île-de-France", True),
        "Technisch Instituut Dampoort": ("BE", "9000", "Gent", "Flanders", False),
    }
    assert Place.objects.count() > 12000


def test_audit_trail_is_the_one_real_use_leaves(seeded):
    assert Counter(AuditEntry.objects.values_list("action", flat=True)) == {
        "organisation.created": 5,  # the five schools, registered by their first teacher
        "organisation.approved": 4,
        "staff.invited": 5,
        "staff.joined": 5,
        "class.created": 8,
        "class.joined": 80,
        "consent.recorded": 9,
        "consent.requested": 5,
    }
    moderator = User.objects.get(memberships__role="moderator")
    assert set(AuditEntry.objects.filter(action="organisation.approved").values_list("actor", flat=True)) == {
        moderator.pk
    }


def test_rerun_with_if_empty_creates_nothing_and_prints_the_logins(seeded):
    before = table_counts()
    output = seed("--if-empty")
    assert table_counts() == before
    assert "demo data not loaded" in output
    assert "anouk.maes@demo.backstage.example" in output and PASSWORD in output


def test_rerun_without_if_empty_refuses(seeded):
    before = table_counts()
    with pytest.raises(CommandError, match="already has users"):
        seed()
    assert table_counts() == before


def test_if_empty_on_an_empty_database_seeds(db):
    output = seed("--if-empty")
    assert User.objects.count() == 104
    assert "Password for every demo account: demo-backstage-2026" in output


def plan_digest(plan) -> str:
    rows = [
        (p.key, p.first_name, p.last_name, p.email, p.role, p.organisation, p.school_class, p.age, p.consent,
         p.consent_method, p.parent_name, p.parent_email)
        for p in plan.people
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_plan_is_deterministic_across_runs_and_processes(seeded):
    today = timezone.localdate()
    random.seed(1)
    first = build_plan(today)
    random.seed(2)
    assert build_plan(today) == first
    # What was stored is the plan.
    stored = sorted(User.objects.values_list("email", "first_name", "last_name", "date_of_birth"))
    assert stored == sorted((p.email, p.first_name, p.last_name, p.birth_date) for p in first.people)
    # Another interpreter, with another hash seed, plans the same people.
    code = (
        "import django; django.setup(); import datetime; from backstage.core.demo import build_plan; "
        "from tests.core.test_seed_demo import plan_digest; "
        f"print(plan_digest(build_plan(datetime.date.fromisoformat('{today.isoformat()}'))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "DJANGO_SETTINGS_MODULE": "backstage.settings", "DEBUG": "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == plan_digest(first)


def test_students_below_consent_age_wait_for_consent(seeded):
    plan = build_plan(timezone.localdate())
    users = {u.email: u for u in User.objects.prefetch_related("consents")}
    situations = Counter(p.consent for p in plan.by_role("student"))
    assert situations == {CONSENT_NOT_NEEDED: 63, CONSENT_RECORDED: 9, CONSENT_PENDING: 5, CONSENT_NONE: 3}
    for person in plan.by_role("student"):
        user = users[person.email]
        consents = list(user.consents.all())
        if person.consent == CONSENT_NOT_NEEDED:
            assert not user.below_consent_age and consents == [] and contact_allowed(user)
        elif person.consent == CONSENT_NONE:
            assert user.below_consent_age and consents == [] and not contact_allowed(user)
        elif person.consent == CONSENT_PENDING:
            assert user.below_consent_age and not contact_allowed(user)
            assert [(c.status, c.parent_email) for c in consents] == [("pending", person.parent_email)]
            assert consents[0].expires_at > timezone.now()
        else:
            assert user.below_consent_age and contact_allowed(user)
            [consent] = consents
            assert (consent.status, consent.method, consent.parent_name) == (
                "granted", person.consent_method, person.parent_name
            )
            teacher = consent.recorded_by
            school = Membership.objects.get(user=user, role="student").organisation
            assert Membership.objects.filter(user=teacher, organisation=school, role="teacher").exists()


def test_every_demo_user_can_log_in(client, seeded):
    users = list(User.objects.all())
    assert all(u.check_password(PASSWORD) for u in users)
    verified = EmailAddress.objects.filter(verified=True, primary=True)
    assert sorted(verified.values_list("email", flat=True)) == sorted(u.email for u in users)
    assert all(u.email.endswith("@demo.backstage.example") for u in users)
    plan = build_plan(timezone.localdate())
    teacher = next(p for p in plan.people if p.key == "teacher_saint_denis")
    student = next(p for p in plan.people if p.consent == CONSENT_PENDING)
    for person in (teacher, student):
        response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/"
        assert client.session["_auth_user_id"] == str(User.objects.get(email=person.email).pk)
        client.logout()


def test_logins_table_lists_one_login_per_role(seeded):
    plan = build_plan(timezone.localdate())
    for person in plan.people:
        if person.login_label:
            assert person.email in seeded
    for role in ("moderator", "teacher", "counsellor", "company_admin", "coordinator", "professional", "student"):
        assert any(p.login_label for p in plan.by_role(role)), role
    assert seeded.rstrip().endswith("Password for every demo account: demo-backstage-2026")
