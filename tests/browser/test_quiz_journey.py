"""A Dutch-speaking student takes the quiz on a 360 px phone, opens an occupation and a professional doing it, then
searches "dessiner" with a typo."""

import re

import pytest

from backstage.interests import quiz
from tests.factories import PASSWORD, SchoolClassFactory, SchoolFactory, make_student
from tests.interests.helpers import link, make_occupation, make_professional

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Realistic and investigative activities liked, social ones not at all, the rest in between.
ANSWERS = {"realistic": 5, "investigative": 4, "artistic": 2, "social": 1, "enterprising": 2, "conventional": 3}


@pytest.fixture
def small_phone(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  locale="nl-BE")
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def test_dutch_speaking_student_takes_the_quiz_on_a_phone_and_meets_a_professional(
    live_server, small_phone, screenshot  # noqa: F811
):
    school = SchoolFactory(name="Atheneum Antwerpen-Noord")
    student = make_student(SchoolClassFactory(school=school), age=14, email="lotte@example.org",
                           first_name="Lotte", language="nl")
    # Same shape as the answers, on O*NET's 1-7 scale: the first result.
    mechanic = make_occupation("motor vehicle mechanic", "7231", [7, 5.5, 2.5, 1, 2.5, 4],
                               label_nl="automecanicien")
    make_occupation("social worker", "2635", [1, 3, 3, 7, 3, 2], label_nl="maatschappelijk werker")
    pro = make_professional(first_name="Wout", last_name="Peeters", job_title="Automecanicien", occupation=mechanic,
                            languages=["nl"])
    link(pro, school, end_year=2012)
    designer = make_occupation("graphic designer", "2166", [2, 3, 7, 3, 4, 3], label_nl="grafisch ontwerper",
                               label_fr="graphiste", alt_labels_fr=["dessinateur/dessinatrice"],
                               alt_labels_nl=["tekenaar"])
    illustrator = make_professional(first_name="Sofie", last_name="Janssens", job_title="Illustratrice",
                                    occupation=designer, languages=["nl", "fr"])
    page, base = small_phone, live_server.url

    page.goto(f"{base}/accounts/login/")
    # The phone asks for Dutch (Accept-Language nl-BE): the whole journey is in Dutch.
    page.locator("main input[name=login]").fill(student.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/quiz/")
    page.locator("form[action='/quiz/start/'] button").click()
    total = len(quiz.ITEMS)

    def wait_for_item(n):
        page.locator(".quiz-progress-text", has_text=re.compile(rf"\b{n}\b.*\b{total}\b")).wait_for()

    for number, item in enumerate(quiz.ITEMS, start=1):
        assert page.locator("#quiz-item-text").text_content() == item.nl
        if number == 1:
            screenshot(page, "interests-quiz-item-nl-360")
        page.locator(f"button.quiz-answer-{ANSWERS[item.dimension]}").click()
        if number < len(quiz.ITEMS):
            wait_for_item(number + 1)
        if number == 3:  # back one item, then on again with the same answer
            page.locator(".quiz-nav a").first.click()
            wait_for_item(3)
            assert page.locator("#quiz-item-text").text_content() == quiz.ITEMS[2].nl
            assert page.url.endswith("/3/")
            page.locator(".quiz-answer-current").click()
            wait_for_item(4)

    page.wait_for_url(re.compile(r"/quiz/\d+/$"))
    assert page.locator(".holland-code").first.text_content() == "RIC"
    screenshot(page, "interests-quiz-result-nl-360")

    page.locator(".quiz-matches a", has_text="automecanicien").first.click()
    page.wait_for_url(f"**{mechanic.get_absolute_url()}")
    assert page.locator("h1").text_content().strip() == "automecanicien"
    screenshot(page, "interests-quiz-occupation-nl-360")
    page.locator(".datasheet-people a", has_text="Wout P.").click()
    page.wait_for_url(f"**/professionals/{pro.pk}/")
    assert "Automecanicien" in page.locator("main").text_content()
    screenshot(page, "interests-quiz-professional-nl-360")

    # "dessiner" (to draw) typed in French with a typo still finds the drawing jobs, named in Dutch, and a
    # professional doing one.
    page.locator("nav a", has_text="Zoeken").first.click()
    page.wait_for_url(f"{base}/search/")
    # A question mark alone is no word to look for: the page says so, in Dutch, in place of the results.
    page.locator("#id_q").fill("?")
    page.locator("#id_q").press("Enter")
    page.locator("#search-results [role=alert]", has_text="Typ minstens één letter of cijfer.").wait_for()
    assert page.console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    page.console_errors.clear()  # the browser's own note of the 400, expected
    screenshot(page, "discovery-search-no-word-nl-360")
    page.locator("#id_q").fill("dessinner")
    page.locator("#id_q").press("Enter")
    page.locator(".occupation-results a", has_text="grafisch ontwerper").first.wait_for()
    page.locator(".search-hit", has_text="Sofie J.").wait_for()
    screenshot(page, "discovery-search-typo-nl-360")
    page.locator(".search-hit a", has_text="Sofie J.").first.click()
    page.wait_for_url(f"**/professionals/{illustrator.pk}/")
    assert page.console_errors == []
