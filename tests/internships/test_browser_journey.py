"""Browser journey at phone width: a pupil builds a CV and letter (live preview), applies, the teacher
validates, the company accepts, the agreement is signed (company and school on the platform, the parent on paper),
and the pupil writes the report."""

import pytest
from PIL import Image

from backstage.internships.models import Application, Signature
from tests.factories import PASSWORD
from tests.internships.helpers import make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_pupil_applies_teacher_validates_company_accepts_agreement_signed_report_written(
    live_server, phone, screenshot, world, tmp_path
):
    offer = make_offer(world["company"], title="Électricité : une semaine sur chantier")
    page, base = phone, live_server.url

    log_in(page, base, world["student"])
    page.goto(f"{base}/internships/")
    assert "Électricité : une semaine sur chantier" in page.inner_text("main")
    screenshot(page, "internships-00-offers")
    page.goto(f"{base}/internships/kit/")
    # Six numbered steps; a model letter in the company's language fills the letter box.
    assert page.locator("legend").all_inner_texts() == [
        "1. Who I am", "2. What I like", "3. My school", "4. Languages", "5. Activities", "6. My letter"]
    page.get_by_role("link", name="Français").click()
    assert page.get_by_label("My letter").input_value().startswith("Madame, Monsieur,")
    page.get_by_label("Who I am").fill("J'ai 15 ans, je suis curieuse.")
    page.get_by_label("What I like").fill("Réparer des vélos")
    page.get_by_label("Languages I speak").fill("français, néerlandais, arabe")
    # The preview is an htmx answer: wait for it before reading it.
    with page.expect_response(lambda response: "/kit/preview/" in response.url):
        page.get_by_label("My letter").fill("Madame, Monsieur,\nJe voudrais découvrir le métier d'électricienne.")
    page.locator("#kit-preview").get_by_text("découvrir le métier d'électricienne").wait_for()
    screenshot(page, "internships-01-kit")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your CV and letter are saved.").wait_for()
    page.goto(f"{base}/internships/offers/{offer.pk}/")
    page.get_by_role("button", name="Apply with my CV and letter").click()
    # The letter for this company: the base letter with a paragraph to write in place of the bracketed line (at the
    # end here, as the base letter has no closing paragraph of its own).
    letter = page.get_by_label("My letter for this offer")
    draft = letter.input_value()
    line = "[Write here why you want to do your internship at Bâtiself: what would you like to see and do there?]"
    assert draft == f"Madame, Monsieur,\nJe voudrais découvrir le métier d'électricienne.\n\n{line}"
    tailored = draft.replace(line, "Chez Bâtiself, je voudrais voir comment on pose un tableau électrique.")
    page.get_by_label("My letter for this offer").fill(tailored)
    screenshot(page, "internships-02-letter-for-the-offer")
    page.get_by_role("button", name="Send my application").click()
    page.get_by_text("Your application is on its way.").wait_for()
    assert page.locator("#application-status").inner_text() == "waiting for the teacher"
    screenshot(page, "internships-02-applied")
    application = Application.objects.get()
    # Browsers send CRLF line breaks.
    assert application.letter.replace("\r\n", "\n") == tailored
    assert application.student.internship_kit.letter.replace("\r\n", "\n") == (
        "Madame, Monsieur,\nJe voudrais découvrir le métier d'électricienne.")
    log_out(page)

    log_in(page, base, world["teacher"])
    page.goto(f"{base}/internships/applications/")
    page.get_by_role("link", name="Yasmine El Amrani").click()
    page.get_by_label("Message").fill("Belle lettre, bonne chance !")
    page.get_by_role("button", name="Validate and send to the company").click()
    page.locator("#application-status").get_by_text("sent to the company").wait_for()
    log_out(page)

    log_in(page, base, world["company_admin"])
    page.goto(f"{base}/internships/organisations/{world['company'].pk}/")
    page.get_by_role("link", name="Yasmine El Amrani").click()
    page.get_by_label("Message").fill("Bienvenue lundi à 8 h 30 !")
    page.get_by_role("button", name="Accept").click()
    page.locator("#application-status").get_by_text("accepted").wait_for()
    screenshot(page, "internships-03-accepted")
    page.get_by_role("link", name="Agreement", exact=True).click()
    page.get_by_role("button", name="Sign", exact=True).click()
    page.get_by_text("Signature recorded.").wait_for()
    log_out(page)

    log_in(page, base, world["teacher"])
    page.goto(f"{base}/internships/applications/{application.pk}/agreement/")
    page.get_by_label("For").select_option("school")
    page.get_by_role("button", name="Sign", exact=True).click()
    page.get_by_text("Signature recorded.").wait_for()
    scan = tmp_path / "signed-by-parent.jpg"
    Image.new("RGB", (60, 80), "white").save(scan, "JPEG")
    page.get_by_label("For").select_option("parent")
    page.get_by_label("Name of the signatory").fill("Fatima El Amrani")
    page.get_by_label("Scan of the signed paper").set_input_files(str(scan))
    page.get_by_role("button", name="Sign", exact=True).click()
    page.get_by_text("Signature recorded.").wait_for()
    screenshot(page, "internships-04-agreement")
    assert sorted(Signature.objects.values_list("party", "method")) == [
        ("company", "platform"), ("parent", "paper"), ("school", "platform")]
    log_out(page)

    log_in(page, base, world["student"])
    page.goto(f"{base}/internships/applications/{application.pk}/report/")
    page.get_by_label("The company").fill("Bâtiself construit des écoles.")
    page.get_by_label("The jobs I saw").fill("électricienne, chef de chantier")
    page.get_by_label("An interview with a professional").fill("Karel répare des tableaux électriques.")
    page.get_by_label("What I learned").fill("La sécurité d'abord.")
    page.get_by_label("Would I do this job?").select_option("yes")
    page.get_by_role("button", name="Hand in the report").click()
    page.get_by_text("Report saved.").wait_for()
    screenshot(page, "internships-05-report")
    assert application.__class__.objects.get().report.submitted_at is not None
    assert page.console_errors == []
