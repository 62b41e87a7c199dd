"""Browser journey: a coordinator runs the matching, locks a pair, re-runs, introduces the duo, the
mentor logs a check-in, the coordinator closes the duo with an outcome and sees the dashboard change."""


import pytest
from django.utils import timezone

from backstage.mentoring.models import Duo
from backstage.organisations.models import Organisation, Role
from tests.factories import PASSWORD, make_member
from tests.mentoring.conftest import mentee, mentor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def test_coordinator_matches_introduces_and_closes_a_duo(live_server, phone, screenshot, taxonomy, places):  # noqa: F811
    nonprofit = Organisation.objects.create(kind="nonprofit", name="Duo", country="BE", status="approved")
    branch = Organisation.objects.create(kind="branch", name="Duo Bruxelles", country="BE", parent=nonprofit,
                                         status="approved")
    coordinator = make_member(branch, Role.COORDINATOR, first_name="Nadia", last_name="Haddad")
    t, p = taxonomy, places
    nurse_to_be = mentee(branch, occupations=[t["nurse"]], place=p["brussels"])
    mentee(branch, occupations=[t["warehouse_worker"]], place=p["molenbeek"], text="Magasinier en logistique")
    head_nurse = mentor(branch, occupations=[t["specialist_nurse"]], place=p["brussels"])
    mentor(branch, occupations=[t["stock_clerk"]], place=p["vilvoorde"], text="Chef magasinier, logistique")
    page, base = phone, live_server.url

    log_in(page, base, coordinator)
    page.goto(f"{base}/mentoring/branches/{branch.pk}/matching/")
    page.get_by_role("button", name="Run the matching").click()
    page.get_by_role("heading", name="2 proposals").wait_for()
    nurse_pair = Duo.objects.get(mentee=nurse_to_be)
    card = page.locator(f"#proposal-{nurse_pair.pk}")
    assert "same occupation group: Nursing professionals (+400)" in card.inner_text()
    # Lock and Accept are htmx requests: wait for their answers before moving on.
    with page.expect_response(lambda response: "/lock/" in response.url):
        card.get_by_role("button", name="Lock").click()
    page.get_by_role("button", name="Run again (keeps locked pairs)").click()
    card = page.locator(f"#proposal-{nurse_pair.pk}")  # the same proposal survived the re-run
    assert "locked" in card.inner_text()
    screenshot(page, "mentoring-01-proposals")
    with page.expect_response(lambda response: "/accept/" in response.url):
        card.get_by_role("button", name="Accept").click()

    page.goto(f"{base}/mentoring/branches/{branch.pk}/")
    page.get_by_role("link", name="introduce").click()
    page.get_by_label("First meeting").fill(timezone.localdate().isoformat())
    page.get_by_label("Where or how").fill("Antenne, 10:00")
    page.get_by_role("button", name="Send the introduction").click()
    page.get_by_text("Both received an e-mail with the first meeting.").wait_for()
    page.get_by_role("button", name="Log out").click()

    log_in(page, base, head_nurse.user)
    page.goto(f"{base}/mentoring/")
    page.get_by_role("link", name="Log a meeting").click()
    page.get_by_label("in person").check()
    page.get_by_label("CV").check()
    page.get_by_label("well").check()
    screenshot(page, "mentoring-02-checkin")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Meeting logged. Keep it up!").wait_for()
    assert Duo.objects.get(pk=nurse_pair.pk).status == "active"
    page.get_by_role("button", name="Log out").click()

    log_in(page, base, coordinator)
    page.goto(f"{base}/mentoring/branches/{branch.pk}/dashboard/")
    assert "No answer yet." in page.inner_text("main")  # nothing closed yet
    page.goto(f"{base}/mentoring/duos/{nurse_pair.pk}/close/")
    page.get_by_label("completed").check()
    page.get_by_label("job", exact=True).check()
    page.get_by_label("Contract (for a job)").select_option("permanent")
    page.get_by_role("button", name="Close the duo").click()
    page.get_by_text("Duo closed.").wait_for()
    page.goto(f"{base}/mentoring/branches/{branch.pk}/dashboard/")
    rates = page.locator(".rates section").first.inner_text()
    assert "1 duo" in rates and "100 %" in rates
    screenshot(page, "mentoring-03-dashboard")
    assert page.console_errors == []
