import re
from collections import Counter

import pytest
from django.urls import reverse

from backstage.careers.models import RIASEC
from backstage.interests import quiz
from backstage.interests.models import QuizAttempt
from backstage.interests.selectors import closest_occupations
from backstage.interests.services import quiz_answer_save, quiz_attempt_start
from backstage.organisations.models import Place
from backstage.profiles.models import ProfessionalProfile
from tests.interests.helpers import GAMBLING_URI, link, make_occupation, make_professional

QUIZ = reverse("interests:quiz")
START = reverse("interests:quiz_start")

# A hand-made answer set: per type, the seven answers in item order (1 "not at all" .. 5 "yes, a lot").
HAND_MADE = {
    "realistic": [5, 5, 5, 5, 5, 5, 5],  # 28/28 -> 100
    "investigative": [1, 1, 1, 1, 1, 1, 1],  # 0/28 -> 0
    "artistic": [5, 4, 3, 2, 1, 3, 3],  # 4+3+2+1+0+2+2 = 14/28 -> 50
    "social": [4, 4, 4, 4, 4, 4, 4],  # 21/28 -> 75
    "enterprising": [2, 2, 2, 2, 2, 2, 3],  # 6+2 = 8/28 -> 28.6
    "conventional": [3, 3, 3, 3, 3, 3, 5],  # 12+4 = 16/28 -> 57.1
}
HAND_MADE_SCORES = {
    "realistic": 100.0, "investigative": 0.0, "artistic": 50.0, "social": 75.0, "enterprising": 28.6,
    "conventional": 57.1,
}


def hand_made_answers() -> dict[str, int]:
    answers = {}
    for dim, values in HAND_MADE.items():
        keys = [item.key for item in quiz.ITEMS if item.dimension == dim]
        answers.update(zip(keys, values))
    return answers


def answer_in_order(answers: dict[str, int]) -> list[int]:
    return [answers[item.key] for item in quiz.ITEMS]


def finished_attempt(user, answers=None) -> QuizAttempt:
    attempt = quiz_attempt_start(user=user)
    for number, value in enumerate(answer_in_order(answers or hand_made_answers()), start=1):
        attempt = quiz_answer_save(attempt=attempt, number=number, value=value)
    return attempt


def item_url(attempt, number) -> str:
    return reverse("interests:quiz_item", args=[attempt.pk, number])


# The questionnaire ----------------------------------------------------------------------------------------------


def test_the_quiz_has_30_to_48_items_with_5_to_8_per_type_each_in_three_languages():
    assert 30 <= len(quiz.ITEMS) <= 48
    per_type = Counter(item.dimension for item in quiz.ITEMS)
    assert set(per_type) == set(RIASEC)
    assert all(5 <= count <= 8 for count in per_type.values()), per_type
    assert len(set(quiz.ITEM_KEYS)) == len(quiz.ITEMS)
    for item in quiz.ITEMS:
        texts = [item.en, item.fr, item.nl]
        assert all(text.strip() and len(text) <= 90 for text in texts), item
        assert len(set(texts)) == 3, item  # really translated, not copied
    for lang in ("en", "fr", "nl"):
        assert quiz.QUESTION[lang]
        assert len({label for _value, label in quiz.scale_choices(lang)}) == 5


def test_no_two_consecutive_items_measure_the_same_type():
    dims = [item.dimension for item in quiz.ITEMS]
    assert all(a != b for a, b in zip(dims, dims[1:]))


def test_scoring_is_exact_on_a_hand_made_answer_set():
    scores = quiz.score(hand_made_answers())
    assert scores == HAND_MADE_SCORES
    assert quiz.holland_code(scores) == "RSC"


def test_holland_code_breaks_ties_in_riasec_order():
    scores = {dim: 50.0 for dim in RIASEC} | {"conventional": 90.0}
    assert quiz.holland_code(scores) == "CRI"


def test_finishing_stores_the_scores_and_the_code(world):
    attempt = finished_attempt(world["student"])
    attempt.refresh_from_db()
    assert attempt.is_finished
    assert attempt.scores == HAND_MADE_SCORES
    assert attempt.holland_code == "RSC"
    assert attempt.quiz_version == quiz.QUIZ_VERSION


# One item per screen --------------------------------------------------------------------------------------------


def test_one_item_per_screen_with_back_and_resume(client, world):
    client.force_login(world["student"])
    response = client.post(START)
    attempt = QuizAttempt.objects.get(user=world["student"])
    assert response.status_code == 302 and response["Location"] == item_url(attempt, 1)

    page = client.get(item_url(attempt, 1)).content.decode()
    assert quiz.ITEMS[0].en in page and quiz.ITEMS[1].en not in page
    assert f"Question 1 of {len(quiz.ITEMS)}" in page
    assert len(re.findall(r'<button type="submit" name="answer"', page)) == 5

    # Each POST saves its answer and leads to the next item.
    for number, value in ((1, 4), (2, 2), (3, 5)):
        response = client.post(item_url(attempt, number), {"answer": value})
        assert (response.status_code, response["Location"]) == (302, item_url(attempt, number + 1))
    attempt.refresh_from_db()
    assert attempt.answers == {quiz.ITEMS[0].key: 4, quiz.ITEMS[1].key: 2, quiz.ITEMS[2].key: 5}

    # No skipping ahead: item 6 sends back to the first unanswered one.
    assert client.get(item_url(attempt, 6))["Location"] == item_url(attempt, 4)
    assert client.post(item_url(attempt, 6), {"answer": 3})["Location"] == item_url(attempt, 4)

    # Back: item 2 shows the answer given, and changing it goes on to item 3.
    page = client.get(item_url(attempt, 4)).content.decode()
    assert f'href="{item_url(attempt, 3)}"' in page  # the back link
    page = client.get(item_url(attempt, 2)).content.decode()
    assert re.search(r'value="2"\s+class="quiz-answer quiz-answer-2 quiz-answer-current"', page)
    assert client.post(item_url(attempt, 2), {"answer": 1})["Location"] == item_url(attempt, 3)
    attempt.refresh_from_db()
    assert attempt.answers[quiz.ITEMS[1].key] == 1

    # Resume: the quiz page offers to continue at item 4, and "start" resumes the same attempt.
    client.logout()
    client.force_login(world["student"])
    page = client.get(QUIZ).content.decode()
    assert "You have answered 3 of the" in page and f'href="{item_url(attempt, 4)}"' in page
    assert client.post(START)["Location"] == item_url(attempt, 4)
    assert QuizAttempt.objects.filter(user=world["student"]).count() == 1

    # The rest of the items; the last answer leads to the result.
    answers = answer_in_order(hand_made_answers())
    for number in range(4, len(quiz.ITEMS)):
        client.post(item_url(attempt, number), {"answer": answers[number - 1]})
    response = client.post(item_url(attempt, len(quiz.ITEMS)), {"answer": answers[-1]})
    result_url = reverse("interests:quiz_attempt", args=[attempt.pk])
    assert (response.status_code, response["Location"]) == (302, result_url)
    attempt.refresh_from_db()
    assert attempt.is_finished
    # A finished attempt no longer changes: its items lead to the result.
    assert client.post(item_url(attempt, 1), {"answer": 5})["Location"] == result_url
    attempt.refresh_from_db()
    assert attempt.answers[quiz.ITEMS[0].key] == 4


def test_start_again_from_the_first_question_discards_the_unfinished_attempt(client, world):
    client.force_login(world["student"])
    client.post(START)
    first = QuizAttempt.objects.get(user=world["student"])
    client.post(item_url(first, 1), {"answer": 5})
    response = client.post(START, {"fresh": "on"})
    second = QuizAttempt.objects.get(user=world["student"])
    assert second.pk != first.pk and second.answers == {}
    assert response["Location"] == item_url(second, 1)


def test_htmx_answer_swaps_in_the_next_item_and_pushes_its_address(client, world):
    client.force_login(world["student"])
    client.post(START)
    attempt = QuizAttempt.objects.get(user=world["student"])
    response = client.post(item_url(attempt, 1), {"answer": 3}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == item_url(attempt, 2)
    assert "<html" not in page and 'id="quiz-card"' in page and quiz.ITEMS[1].en in page


def test_htmx_last_answer_redirects_the_browser_to_the_result(client, world):
    client.force_login(world["student"])
    answers = hand_made_answers()
    attempt = quiz_attempt_start(user=world["student"])
    for number, value in enumerate(answer_in_order(answers)[:-1], start=1):
        attempt = quiz_answer_save(attempt=attempt, number=number, value=value)
    response = client.post(item_url(attempt, len(quiz.ITEMS)), {"answer": 5}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("interests:quiz_attempt", args=[attempt.pk])


@pytest.mark.parametrize("value", ["", "0", "6", "yes"])
def test_an_invalid_answer_is_400_with_a_message_and_nothing_saved(client, world, value):
    client.force_login(world["student"])
    client.post(START)
    attempt = QuizAttempt.objects.get(user=world["student"])
    response = client.post(item_url(attempt, 1), {"answer": value})
    assert response.status_code == 400
    assert 'id="answer-errors"' in response.content.decode()
    assert "Choose one of the answers." in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_item_numbers_outside_the_quiz_are_404(client, world):
    client.force_login(world["student"])
    client.post(START)
    attempt = QuizAttempt.objects.get(user=world["student"])
    assert client.get(item_url(attempt, 0)).status_code == 404
    assert client.get(item_url(attempt, len(quiz.ITEMS) + 1)).status_code == 404


@pytest.mark.parametrize(("lang", "attribute"), [("fr", "fr"), ("nl", "nl"), ("en", "en")])
def test_items_and_answers_are_shown_in_the_page_language(client, world, lang, attribute):
    client.force_login(world["student"])
    client.post(START)
    attempt = QuizAttempt.objects.get(user=world["student"])
    page = client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert getattr(quiz.ITEMS[0], attribute) in page
    assert quiz.QUESTION[lang] in page.replace("&#x27;", "'")
    for _value, label in quiz.scale_choices(lang):
        assert label in page.replace("&#x27;", "'")


def test_quiz_pages_have_no_inline_style_or_script(client, world):
    client.force_login(world["student"])
    client.post(START)
    attempt = QuizAttempt.objects.get(user=world["student"])
    pages = [client.get(QUIZ), client.get(item_url(attempt, 1))]
    finished = finished_attempt(world["teacher"])
    client.force_login(world["teacher"])
    pages.append(client.get(reverse("interests:quiz_attempt", args=[finished.pk])))
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert " style=" not in html and "<style" not in html
        assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


# Privacy and history --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["other_student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"]
)
def test_an_attempt_is_404_for_everyone_but_its_owner(client, world, role):
    finished = finished_attempt(world["student"])
    unfinished = quiz_attempt_start(user=world["student"])
    client.force_login(world[role])
    assert client.get(reverse("interests:quiz_attempt", args=[finished.pk])).status_code == 404
    assert client.get(item_url(unfinished, 1)).status_code == 404
    assert client.post(item_url(unfinished, 1), {"answer": 5}).status_code == 404
    unfinished.refresh_from_db()
    assert unfinished.answers == {}
    # Nor does their quiz page list someone else's results.
    assert "RSC" not in client.get(QUIZ).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    attempt = finished_attempt(world["student"])
    for url in (QUIZ, reverse("interests:quiz_attempt", args=[attempt.pk]), item_url(attempt, 1)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert client.post(START).status_code == 302
    assert QuizAttempt.objects.count() == 1


def test_retaking_keeps_the_history(client, world):
    first = finished_attempt(world["student"])
    social = {item.key: (5 if item.dimension == "social" else 4 if item.dimension == "artistic" else
                         3 if item.dimension == "enterprising" else 1) for item in quiz.ITEMS}
    client.force_login(world["student"])
    response = client.post(START)
    second = QuizAttempt.objects.get(user=world["student"], finished_at__isnull=True)
    assert response["Location"] == item_url(second, 1)
    for number, value in enumerate(answer_in_order(social), start=1):
        client.post(item_url(second, number), {"answer": value})
    second.refresh_from_db()
    assert (first.holland_code, second.holland_code) == ("RSC", "SAE")
    page = client.get(QUIZ).content.decode()
    links = re.findall(r'href="/quiz/(\d+)/"', page)
    assert links == [str(second.pk), str(first.pk)]
    assert "RSC" in page and "SAE" in page
    assert client.get(reverse("interests:quiz_attempt", args=[first.pk])).status_code == 200


# Results ----------------------------------------------------------------------------------------------------------


def onet_scale(scores: dict) -> list[float]:
    return [1 + 6 * scores[dim] / 100 for dim in RIASEC]


def test_an_occupation_with_an_identical_profile_ranks_first(db):
    # Listed in the reverse order of the expected ranking, labels too, so neither id nor label decides.
    make_occupation("a opposite", "5111", [7 - (x - 1) for x in onet_scale(HAND_MADE_SCORES)])
    make_occupation("b artist", "2651", [5, 1, 6, 4, 3, 3])
    make_occupation("c close", "7411", [7, 1, 4, 5.5, 3, 4.5])
    make_occupation("d no profile", "7412")
    twin = make_occupation("e twin", "7126", onet_scale(HAND_MADE_SCORES))
    ranked = closest_occupations(HAND_MADE_SCORES)
    # The opposite profile (correlation -1) and the one without a profile are no match at all.
    assert [match.occupation.label_en for match in ranked] == ["e twin", "c close", "b artist"]
    assert ranked[0].occupation == twin and ranked[0].percent == 100
    assert ranked[0].similarity == pytest.approx(1)
    assert 0 < ranked[2].similarity < ranked[1].similarity < 1


def test_no_occupation_in_gambling_is_suggested(db):
    # The quiz is for minors: the croupier whose profile is the student's own does not come.
    make_occupation("croupier", "4212", onet_scale(HAND_MADE_SCORES), esco_uri=GAMBLING_URI)
    make_occupation("c close", "7411", [7, 1, 4, 5.5, 3, 4.5])
    assert [match.occupation.label_en for match in closest_occupations(HAND_MADE_SCORES)] == ["c close"]


def test_results_keep_at_most_two_occupations_of_one_unit_group(db):
    for n in range(4):
        make_occupation(f"variant {n}", "7126", onet_scale(HAND_MADE_SCORES))
    make_occupation("other", "7411", [7, 1, 4, 5.5, 3, 4.5])
    labels = [match.occupation.label_en for match in closest_occupations(HAND_MADE_SCORES)]
    assert labels == ["variant 0", "variant 1", "other"]


def test_results_show_professionals_linked_to_my_school_first_then_the_nearest(client, world):
    twin = make_occupation("plumber", "7126", onet_scale(HAND_MADE_SCORES))
    school_place = world["school"].place
    school_place.latitude, school_place.longitude = 50.855, 4.327  # Molenbeek
    school_place.save()
    near = Place.objects.create(country="BE", postcode="1000", name="Bruxelles", latitude=50.846, longitude=4.352)
    far = Place.objects.create(country="BE", postcode="8000", name="Brugge", latitude=51.209, longitude=3.225)
    make_professional(first_name="Far", last_name="Away", occupation=twin, place=far)
    make_professional(first_name="Near", last_name="By", occupation=twin, place=near)
    linked = make_professional(first_name="Alumna", last_name="Linked", occupation=twin, place=far)
    link(linked, world["school"])
    make_professional(first_name="Hidden", last_name="Draft", occupation=twin, place=near,
                      status=ProfessionalProfile.Status.DRAFT)
    make_professional(first_name="Hidden", last_name="Unverified", occupation=twin, place=near, verified=False)
    make_professional(first_name="Fourth", last_name="Nowhere", occupation=twin)  # no place: distance unknown

    attempt = finished_attempt(world["student"])
    client.force_login(world["student"])
    response = client.get(reverse("interests:quiz_attempt", args=[attempt.pk]))
    assert response.status_code == 200
    match = response.context["matches"][0]
    assert match.occupation == twin
    assert [card["profile"].user.first_name for card in match.professionals] == ["Alumna", "Near", "Far"]
    assert match.professionals[0]["shared_links"][0] == "Former student of your school (2009)"
    page = response.content.decode()
    assert "Hidden" not in page
    assert 'href="/occupations/' in page and "Your code:" in page and "RSC" in page


def test_results_also_show_people_doing_other_jobs_close_to_the_profile(client, world):
    from tests.factories import birth_date_for_age

    # The third variant is left out of the list of jobs (two per unit group): its people are shown apart.
    variants = [make_occupation(f"variant {n}", "7126", onet_scale(HAND_MADE_SCORES)) for n in range(3)]
    close = make_occupation("close", "7411", [7, 1, 4, 5.5, 3, 4.5])
    opposite = make_occupation("opposite", "5111", [7 - (x - 1) for x in onet_scale(HAND_MADE_SCORES)])
    make_professional(first_name="Listed", occupation=variants[0])
    make_professional(first_name="Other", occupation=variants[2])
    link(make_professional(first_name="Alumna", occupation=variants[2]), world["school"])
    make_professional(first_name="Hidden", last_name="Draft", occupation=variants[2],
                      status=ProfessionalProfile.Status.DRAFT)
    minor = make_professional(first_name="Young", occupation=variants[2])
    minor.user.date_of_birth = birth_date_for_age(17)
    minor.user.save()
    make_professional(first_name="Opposite", occupation=opposite)

    attempt = finished_attempt(world["student"])
    client.force_login(world["student"])
    response = client.get(reverse("interests:quiz_attempt", args=[attempt.pk]))
    labels = [match.occupation.label_en for match in response.context["matches"]]
    assert labels[:2] == ["variant 0", "variant 1"] and "variant 2" not in labels and "close" in labels
    # One per job, the one linked to my school first; none of a job already listed, nor of a job far from my profile.
    people = response.context["people"]
    assert [(card["profile"].user.first_name, card["percent"]) for card in people] == [("Alumna", 100)]
    assert people[0]["shared_links"] == ["Former student of your school (2009)"]
    page = response.content.decode()
    assert "People whose job fits your interests" in page and "100% match" in page
    assert page.count("Listed") == 1
    for hidden in ("Opposite", "Hidden", "Young", "Other"):
        assert hidden not in page
    # With no other close job that someone does, the section is not there.
    variants[2].delete()
    response = client.get(reverse("interests:quiz_attempt", args=[attempt.pk]))
    assert response.context["people"] == [] and "People whose job fits your interests" not in response.content.decode()
    assert close.pk  # (kept: a close job with nobody doing it adds no one)


def test_the_results_page_uses_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for n in range(30):
        occupation = make_occupation(f"job {n}", f"71{n % 10}{n % 3}", [1 + n % 7, 2, 3, 4, 5, 6])
        make_professional(first_name=f"P{n}", occupation=occupation)
    attempt = finished_attempt(world["student"])
    client.force_login(world["student"])
    url = reverse("interests:quiz_attempt", args=[attempt.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_a_flat_profile_explains_instead_of_ranking(client, world):
    flat = {item.key: 3 for item in quiz.ITEMS}
    make_occupation("plumber", "7126", [7, 1, 4, 5.5, 3, 4.5])
    attempt = finished_attempt(world["student"], flat)
    client.force_login(world["student"])
    response = client.get(reverse("interests:quiz_attempt", args=[attempt.pk]))
    assert response.context["flat"] is True and response.context["matches"] == []
    assert "We cannot tell yet" in response.content.decode()


def test_any_logged_in_adult_can_take_the_quiz_too(client, world):
    client.force_login(world["professional"])
    response = client.post(START)
    attempt = QuizAttempt.objects.get(user=world["professional"])
    assert response["Location"] == item_url(attempt, 1)
    attempt = finished_attempt(world["teacher"])
    client.force_login(world["teacher"])
    assert client.get(reverse("interests:quiz_attempt", args=[attempt.pk])).status_code == 200


def test_an_unfinished_attempt_of_an_older_quiz_version_starts_over(world):
    old = QuizAttempt.objects.create(user=world["student"], quiz_version="2020-1", answers={"r1": 5})
    attempt = quiz_attempt_start(user=world["student"])
    assert attempt.pk != old.pk and attempt.answers == {} and attempt.quiz_version == quiz.QUIZ_VERSION
    assert not QuizAttempt.objects.filter(pk=old.pk).exists()
