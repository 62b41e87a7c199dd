import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from backstage.organisations.models import Organisation, Role
from tests.factories import SchoolClassFactory, SchoolFactory, make_member, make_student, make_teacher


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_unless_asked():
    # A request in another language leaves it active in the thread; each test starts in the source language.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _isolated_cache():
    # allauth's rate limits and axes live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """One of each role, with an 'outsider' school whose data must never leak."""
    school = SchoolFactory(name="Athénée Molenbeek")
    other_school = SchoolFactory(name="Lycée Saint-Denis")
    school_class = SchoolClassFactory(school=school, name="4B")
    other_class = SchoolClassFactory(school=other_school, name="2nde C")
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="Bâtiself", country="BE", status=Organisation.Status.APPROVED
    )
    nonprofit = Organisation.objects.create(
        kind=Organisation.Kind.NONPROFIT, name="Duo", country="BE", status=Organisation.Status.APPROVED
    )
    branch = Organisation.objects.create(
        kind=Organisation.Kind.BRANCH, name="Duo Brussels", country="BE", parent=nonprofit,
        status=Organisation.Status.APPROVED,
    )
    platform = Organisation.objects.create(
        kind=Organisation.Kind.PLATFORM, name="Backstage", country="BE", status=Organisation.Status.APPROVED
    )
    return {
        "school": school,
        "other_school": other_school,
        "class": school_class,
        "other_class": other_class,
        "student": make_student(school_class, age=15, first_name="Yasmine", last_name="El Amrani"),
        "other_student": make_student(other_class, age=16, country="FR", first_name="Inès", last_name="Diallo"),
        "teacher": make_teacher(school, first_name="Sophie", last_name="Janssens"),
        "other_teacher": make_teacher(other_school, first_name="Marc", last_name="Dupont"),
        "professional": make_member(company, Role.PROFESSIONAL, first_name="Karim", last_name="Benali"),
        "company_admin": make_member(company, Role.COMPANY_ADMIN, first_name="Els", last_name="Peeters"),
        "coordinator": make_member(branch, Role.COORDINATOR, first_name="Nadia", last_name="Haddad"),
        "moderator": make_member(platform, Role.MODERATOR, first_name="Tom", last_name="Willems"),
        "company": company,
        "branch": branch,
    }


# Browser journeys (Playwright driving Debian's Chromium)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _browser_required() -> bool:
    return os.environ.get("BROWSER_TESTS", "").lower() == "required"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        if _browser_required():
            pytest.fail(f"BROWSER_TESTS=required but Chromium is missing at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls made by the tests themselves
    # (fixtures, reading mail.outbox) stay synchronous and are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def phone(browser):
    """A fresh phone-sized context (390 x 844, touch) for one journey."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        # No horizontal scrolling at phone width.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name

    return take
