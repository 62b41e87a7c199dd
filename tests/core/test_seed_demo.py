import datetime
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
from django.conf import settings
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
from backstage.profiles.models import (
    CareerStep,
    CompanyJob,
    CompanyPage,
    ProfessionalProfile,
    SchoolLink,
    Verification,
)

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


# ---------------------------------------------------------------------------------------------------------
# The professionals' gallery (backstage/profiles/demo.py): needs the real occupations, so these tests import
# them and seed once for the class, inside a transaction rolled back at the end, with media in a temporary folder.


def test_skip_occupations_on_an_empty_database_skips_the_gallery_cleanly(seeded):
    assert ProfessionalProfile.objects.count() == 0
    assert CompanyPage.objects.count() == CompanyJob.objects.count() == Verification.objects.count() == 0
    assert SchoolLink.objects.count() == CareerStep.objects.count() == 0
    assert "alumna of" not in seeded and "ambassador of" not in seeded


def gallery_digest(gallery) -> str:
    return hashlib.sha256(repr(gallery).encode()).hexdigest()


def test_gallery_plan_is_deterministic_across_runs_and_processes():
    today = timezone.localdate()
    random.seed(3)
    first = build_plan(today).gallery
    random.seed(4)
    assert build_plan(today).gallery == first
    code = (
        "import django; django.setup(); import datetime; from backstage.core.demo import build_plan; "
        "from tests.core.test_seed_demo import gallery_digest; "
        f"print(gallery_digest(build_plan(datetime.date.fromisoformat('{today.isoformat()}')).gallery))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "999", "DJANGO_SETTINGS_MODULE": "backstage.settings", "DEBUG": "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == gallery_digest(first)


def test_gallery_plan_has_consistent_career_steps_for_every_age():
    today = timezone.localdate()
    plan = build_plan(today)
    for pro in plan.gallery.professionals:
        assert 22 <= pro.age <= 64, pro.key
        assert 2 <= len(pro.steps) <= 5, pro.key
        assert {s.kind for s in pro.steps} & {"studies", "job"}, pro.key
        for step in pro.steps:
            assert pro.birth_date.year + 11 <= step.start_year <= today.year, (pro.key, step)
            assert step.end_year is None or step.start_year <= step.end_year <= today.year, (pro.key, step)
        assert any(s.kind == "job" for s in pro.steps), pro.key
        for link in pro.links:
            if link.kind == "alumnus":
                assert pro.birth_date.year + 15 <= link.end_year <= pro.birth_date.year + 19, pro.key


@pytest.fixture(scope="class")
def gallery_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import transaction
    from django.test import override_settings

    from backstage.careers.services import occupations_import

    media = tmp_path_factory.mktemp("media")
    # The same fast hasher as the per-test autouse fixture, which a class-scoped fixture runs before.
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), fast_hashing, transaction.atomic():
        occupations_import(data_dir=settings.REFERENCE_DATA_DIR)
        out = io.StringIO()
        call_command("seed_demo", "--no-search-vectors", stdout=out)
        yield {"output": out.getvalue(), "media": media,
               "plan": build_plan(timezone.localdate())}
        transaction.set_rollback(True)


@pytest.mark.usefixtures("gallery_demo")
class TestGallery:
    def test_at_least_60_professionals_in_15_sectors_with_real_occupations(self, gallery_demo):
        profiles = ProfessionalProfile.objects.select_related("occupation", "sector", "user", "place")
        assert profiles.count() == len(gallery_demo["plan"].gallery.professionals) == 68
        assert all(p.occupation_id and p.sector.code == p.occupation.isco_group_id[:2] for p in profiles)
        assert all(p.sector.level == 2 and p.place_id and p.job_title for p in profiles)
        assert len({p.sector_id for p in profiles}) >= 15
        assert len({p.occupation_id for p in profiles}) >= 60
        nurse = profiles.get(user__email="youssef.el-ouardi@demo.backstage.example")
        assert nurse.occupation.esco_uri == (
            "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
        )
        assert {p.place.country for p in profiles} == {"BE", "FR", "NL"}
        ages = [p.user.age for p in profiles]
        assert min(ages) == 22 and max(ages) == 64
        spoken = Counter(code for p in profiles for code in p.languages)
        assert {"fr", "nl", "en", "ar", "tr", "pt", "pl", "ln", "ber"} <= spoken.keys()
        assert all(p.monthly_capacity >= 1 for p in profiles)
        assert profiles.filter(status="published").exclude(offers=[]).count() == 58

    def test_every_professional_can_log_in_and_company_employees_are_members(self, gallery_demo):
        users = User.objects.filter(profile__isnull=False)
        assert users.count() == 68
        assert all(u.check_password(PASSWORD) for u in users)
        assert EmailAddress.objects.filter(user__in=users, verified=True, primary=True).count() == 68
        employees = ProfessionalProfile.objects.filter(employer__isnull=False)
        assert employees.count() == 29
        for profile in employees:
            assert Membership.objects.filter(
                user=profile.user_id, organisation=profile.employer_id, role="professional"
            ).exists()
        assert Membership.objects.filter(role="professional").count() == 29
        assert roles()["student"] == 80

    def test_verification_states_decide_who_students_see(self, gallery_demo):
        from backstage.profiles.selectors import public_profiles

        today = timezone.localdate()
        # Mentors of the mentoring demo are verified too; these are the gallery's professionals.
        of_professionals = Verification.objects.filter(user__profile__isnull=False)
        verified = of_professionals.filter(status="verified")
        current, expired = verified.filter(expires_on__gte=today), verified.filter(expires_on__lt=today)
        assert current.count() == 57 and expired.count() == 1
        assert of_professionals.filter(status="requested").count() == 6
        assert of_professionals.count() == 64
        assert ProfessionalProfile.objects.filter(status="draft").count() == 4
        assert ProfessionalProfile.objects.filter(status="submitted").count() == 6
        assert ProfessionalProfile.objects.filter(paused=True, status="published").count() == 5
        expected_type = {"BE": "be_596_2", "FR": "fr_honorabilite", "NL": "nl_vog"}
        for v in verified.select_related("user", "verified_by", "verifier_organisation"):
            assert v.check_type == expected_type[v.user.country]
            assert v.how == "document seen in person" and v.decided_at and v.requested_at < v.decided_at
            if v.verifier_role == "teacher":
                school = v.verifier_organisation
                assert school.kind == "school" and school.status == "approved"
                assert Membership.objects.filter(user=v.verified_by, organisation=school, role="teacher").exists()
                assert SchoolLink.objects.filter(profile__user=v.user, school=school, status="confirmed").exists()
            else:
                assert v.verifier_role == "moderator"
                assert Membership.objects.filter(user=v.verified_by, role="moderator").exists()
        for v in current:
            assert today - datetime.timedelta(days=365) <= v.document_date < today < v.expires_on
        [old] = expired
        assert ProfessionalProfile.objects.get(user=old.user).status == "published"
        public = public_profiles()
        assert public.count() == 57
        assert not public.filter(user=old.user).exists()
        assert public.filter(paused=True).count() == 5
        assert all(p.published_at and p.published_at <= timezone.now() for p in public)
        assert Counter(AuditEntry.objects.filter(
            action__startswith="verification.", subject__profile__isnull=False,
        ).values_list("action", flat=True)) == {"verification.requested": 64, "verification.granted": 58}

    def test_alumni_parents_and_ambassadors_are_confirmed_by_their_school(self, gallery_demo):
        links = SchoolLink.objects.select_related("profile__user", "school", "company", "decided_by")
        assert Counter((link.kind, link.status) for link in links) == {
            ("alumnus", "confirmed"): 15, ("alumnus", "pending"): 2, ("parent", "confirmed"): 10,
            ("ambassador", "confirmed"): 6, ("ambassador", "pending"): 1,
        }
        for link in links:
            if link.status == "pending":
                assert link.decided_by is None
                continue
            assert link.school.status == "approved"
            assert Membership.objects.filter(user=link.decided_by, organisation=link.school, role="teacher").exists()
            if link.kind == "alumnus":
                assert link.end_year and link.start_year < link.end_year < timezone.localdate().year
            elif link.kind == "parent":
                user = link.profile.user
                assert Membership.objects.filter(
                    organisation=link.school, role="student", user__last_name=user.last_name
                ).exists()
            else:
                assert link.company == link.profile.employer and link.company.kind == "company"
        [waiting] = links.filter(kind="ambassador", status="pending")
        assert waiting.school.name == "Technisch Instituut Dampoort"  # the school still waiting for approval

    def test_two_demo_videos_are_in_media_storage_and_one_youtube_link(self, gallery_demo, settings):
        # Each test gets its own MEDIA_ROOT (tests/conftest.py): look where the class's seed put the files.
        settings.MEDIA_ROOT = gallery_demo["media"]
        videos = ProfessionalProfile.objects.exclude(video="").order_by("video_duration")
        assert [(Path(v.video.name).suffix, v.video_duration) for v in videos] == [(".webm", 6.0), (".mp4", 7.0)]
        for profile in videos:
            assert profile.video.storage.exists(profile.video.name)
            assert Path(profile.video.path).is_relative_to(gallery_demo["media"])
            assert 10_000 < profile.video.size < 300_000
            assert profile.status == "published"
        [captioned] = ProfessionalProfile.objects.exclude(captions="")
        assert captioned.video and captioned.captions.read().startswith(b"WEBVTT")
        [talk] = ProfessionalProfile.objects.exclude(video_url="")
        assert talk.video_url.startswith("https://www.youtube.com/watch?v=") and not talk.video
        assert all(not p.photo for p in ProfessionalProfile.objects.all())

    def test_every_demo_company_has_a_page_and_the_hospital_is_premium(self, gallery_demo):
        pages = CompanyPage.objects.select_related("company")
        assert sorted(p.company.name for p in pages) == sorted(
            Organisation.objects.filter(kind="company").values_list("name", flat=True)
        )
        assert all(p.presentation for p in pages)
        [premium] = [p for p in pages if p.is_premium]
        assert premium.company.name == "Hôpital du Canal"
        assert premium.premium_from < timezone.localdate() < premium.premium_until
        assert premium.premium_set_by.memberships.filter(role="moderator").exists()
        assert sorted(premium.sectors.values_list("code", flat=True)) == ["22", "32", "53"]
        assert premium.sites.count() == 3
        jobs = CompanyJob.objects.filter(company=premium.company).select_related("occupation")
        assert Counter(jobs.values_list("kind", flat=True)) == {"hard_to_fill": 2, "future": 2}
        assert all(j.text and j.why for j in jobs)
        assert CompanyJob.objects.count() == 4

    def test_logins_table_lists_the_alumna_and_the_ambassador(self, gallery_demo):
        output = gallery_demo["output"]
        assert "professional, alumna of Athénée des Étangs Noirs" in output
        assert "nisrine.el-hamdaoui@demo.backstage.example" in output
        assert "professional, ambassador of Scheldt Port Logistics" in output
        assert "lotte.wuyts@demo.backstage.example" in output
        alumna = ProfessionalProfile.objects.get(user__email="nisrine.el-hamdaoui@demo.backstage.example")
        assert alumna.school_links.get().kind == "alumnus"
        ambassador = ProfessionalProfile.objects.get(user__email="lotte.wuyts@demo.backstage.example")
        assert ambassador.school_links.get().company.name == "Scheldt Port Logistics"


@pytest.mark.usefixtures("gallery_demo")
class TestDemoSearch:
    def test_a_demo_student_finds_the_demo_nurse_by_a_french_word(self):
        from backstage.discovery import search
        from backstage.organisations.models import Membership, Role

        student = Membership.objects.filter(role=Role.STUDENT).select_related("user").first().user
        results = search.search(student, "infirmière")
        assert results.occupations and results.occupations[0].esco_uri.startswith("http://data.europa.eu/esco/")
        emails = [hit.profile.user.email for hit in results.page.object_list]
        assert "youssef.el-ouardi@demo.backstage.example" in emails
