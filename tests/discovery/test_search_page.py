"""The search page: /search/ for logged-in users, a GET form, results with reasons, htmx fragments."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backstage.careers.models import Occupation
from backstage.discovery import indexing
from backstage.organisations.models import Organisation
from backstage.profiles.models import CareerStep, SchoolLink
from tests.discovery.conftest import URI, link, make_profile

pytestmark = pytest.mark.django_db

SEARCH = reverse("discovery:search")


def card_names(response) -> list[str]:
    return re.findall(r'class="profile-card-name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def nurses(world, occupations, places, indexed):
    def build():
        lotte = make_profile(first_name="Lotte", occupation=occupations["nurse"], job_title="Verpleegkundige",
                             place=places["anderlecht"], languages=["nl"])
        link(lotte, world["school"], SchoolLink.Kind.ALUMNUS, end_year=2009)
        make_profile(first_name="Marc", occupation=occupations["nurse"], place=places["gent"], languages=["fr"])
        make_profile(first_name="Zoe", occupation=occupations["baker"], place=places["gent"])

    indexed(build)


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(SEARCH, {"q": "nurse"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_empty_page_shows_the_form_and_no_results(client, world, occupations):
    client.force_login(world["student"])
    response = client.get(SEARCH)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="q"' in body and 'name="distance"' not in body  # the school has no coordinates here
    assert "Type a job, a sector or something you like" in body
    assert f'Not sure what to look for? <a href="{reverse("interests:quiz")}">Take the interest quiz</a>' in body
    assert f'<a href="{reverse("interests:explore")}">let us surprise you</a>' in body


def test_a_search_that_finds_nothing_leads_to_the_quiz_and_the_surprise_feed(client, world, nurses):
    client.force_login(world["student"])
    response = client.get(SEARCH, {"q": "infirmière"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Take the interest quiz" not in response.content.decode()  # found: no need
    response = client.get(SEARCH, {"q": "infirmière", "language": "ar"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert card_names(response) == [] and "Nobody matches yet" in body
    assert f'<a href="{reverse("interests:quiz")}">Take the interest quiz</a>' in body
    response = client.get(SEARCH, {"q": "infirmière", "language": "ar"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert f'<a href="{reverse("interests:quiz")}">Doe de interessequiz</a>' in response.content.decode()



def test_not_knowing_what_to_look_for_leads_to_the_quiz_and_the_professionals_near_the_school(client, world,
                                                                                              nurses):
    # "geen idee" gave the monk and the psychic.
    client.force_login(world["student"])
    for typed, lang in (("Geen idee!", "nl"), ("je sais pas", "fr"), ("I don't know", "en")):
        response = client.get(SEARCH, {"q": typed}, HTTP_ACCEPT_LANGUAGE=lang)
        body = response.content.decode()
        assert response.status_code == 200
        # Said once, above the professionals.
        notes = re.findall(r'<p class="search-note">[^<]*<a href="([^"]+)">[^<]*</a>[^<]*<a href="([^"]+)">', body)
        assert notes == [(reverse("interests:quiz"), reverse("interests:explore"))], typed
        assert body.index('class="search-note"') < body.index('class="card-grid"')
        assert 'class="occupation-results"' not in body
        # As without words: the alumna of the school first.
        assert card_names(response)[0] == "Lotte T.", typed
    # Not a sentence that says more.
    response = client.get(SEARCH, {"q": "ik weet niet of verpleegkundige iets voor mij is"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert 'class="occupation-results"' in response.content.decode()


def test_looking_for_an_internship_leads_to_the_internships(client, world, nurses):
    # "stage" on a Dutch or French page is an internship: it gave the stage manager and the theatre technician.
    client.force_login(world["student"])
    internships = reverse("internships:offer_list")
    for typed, lang, note in (("Ik zoek een stage", "nl", "Bekijk de observatiestages"),
                              ("stage d'observation", "fr", "Découvre les stages d'observation"),
                              ("internship", "en", "See the observation internships")):
        response = client.get(SEARCH, {"q": typed}, HTTP_ACCEPT_LANGUAGE=lang)
        body = response.content.decode()
        assert response.status_code == 200
        assert f'<a href="{internships}">{note}</a>' in body, typed
        assert 'class="occupation-results"' not in body, typed
        assert card_names(response)[0] == "Lotte T.", typed  # as without words
    # Beside other words, the note comes with the search; on an English page "stage" is the theatre's.
    body = client.get(SEARCH, {"q": "stage verpleegkundige"}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'<a href="{internships}">' in body and 'class="occupation-results"' in body
    body = client.get(SEARCH, {"q": "stage"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "See the observation internships" not in body


def test_a_search_whose_words_nothing_holds_says_its_results_are_only_close_in_meaning(client, world, nurses):
    client.force_login(world["student"])
    note = "No job name and no profile has your words."
    response = client.get(SEARCH, {"q": "infirmière"}, HTTP_ACCEPT_LANGUAGE="en")
    assert note not in response.content.decode()
    response = client.get(SEARCH, {"q": "xyzzy qwrtp"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="search-note" role="status">{note} Below is only what comes closest in meaning' in body
    assert f'<a href="{reverse("interests:quiz")}">Take the interest quiz</a>' in body
    response = client.get(SEARCH, {"q": "xyzzy qwrtp"}, HTTP_ACCEPT_LANGUAGE="nl", HTTP_HX_REQUEST="true")
    assert "Geen enkele beroepsnaam en geen enkel profiel bevat je woorden." in response.content.decode()

def test_a_student_finds_occupations_and_professionals_with_reasons(client, world, nurses, occupations):
    client.force_login(world["student"])
    response = client.get(SEARCH, {"q": "infirmière"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert card_names(response) == ["Lotte T.", "Marc T."]
    assert occupations["nurse"].get_absolute_url() in body
    assert "(name of their occupation in French)" in body
    assert "Former student of your school (2009)" in body
    assert "Works 3 km from your school" in body
    assert "Tester" not in body  # last names stay initials, as on the gallery
    assert "2 professionals." in body
    assert f'?q=infirmi%C3%A8re&amp;occupation={occupations["nurse"].esco_id}' in body



def test_the_first_five_occupations_are_shown_and_the_others_folded(client, world, nurses, occupations):
    nurse = occupations["nurse"]
    for number, speciality in enumerate(["kinder", "wijk", "thuis", "nacht", "school", "sport"], start=1):
        Occupation.objects.create(
            esco_uri=URI.format(f"66666666-6666-4666-8666-{number:012d}"), code=f"2221.{number + 1}",
            isco_group=nurse.isco_group, label_en=f"{speciality} nurse", label_nl=f"{speciality}verpleegkundige",
            label_fr=f"infirmier {speciality}",
        )
    indexing.rebuild()
    client.force_login(world["student"])
    response = client.get(SEARCH, {"q": "verpleegkundige"}, HTTP_ACCEPT_LANGUAGE="nl")
    body = response.content.decode()
    shown, folded = body.split('<details class="more-occupations">')
    assert shown.count('class="occupation-name"') == 5
    more = folded.split("</details>")[0].count('class="occupation-name"')
    assert more >= 2 and f"<summary>Nog {more} beroepen</summary>" in folded
    assert nurse.get_absolute_url() in shown  # the best one first
    response = client.get(SEARCH, {"q": "elektricien"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert "more-occupations" not in response.content.decode()  # five or fewer: nothing folded

def test_facets_are_applied_and_shown_open(client, world, nurses):
    client.force_login(world["student"])
    response = client.get(SEARCH, {"q": "verpleegkundige", "distance": "10", "language": "nl"})
    assert response.status_code == 200
    assert card_names(response) == ["Lotte T."]
    body = response.content.decode()
    assert '<details class="search-facets" open>' in body
    assert "3 km from your school" in body and "Speaks Dutch" in body


def test_what_professionals_offer_typed_as_words_becomes_that_filter(client, world, occupations, indexed):
    # A teacher looking for a class talk typed "gastles": it gave the butler and the tiler.
    indexed(lambda: [make_profile(first_name="Talker", occupation=occupations["nurse"], offers=["class_talk"]),
                     make_profile(first_name="Asker", occupation=occupations["nurse"], offers=["questions"])])
    client.force_login(world["teacher"])
    for typed in ("Gastles", "une intervention en classe", "guest speaker"):
        response = client.get(SEARCH, {"q": typed, "language": ""})
        assert response.status_code == 302
        assert response["Location"] == f"{SEARCH}?language=&offer=class_talk", typed
    response = client.get(SEARCH, {"q": "Bezoek aan een bedrijf"})
    assert response["Location"] == f"{SEARCH}?offer=company_visit"
    response = client.get(SEARCH, {"offer": "class_talk"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert card_names(response) == ["Talker T."]
    assert '<option value="class_talk" selected>' in body and '<details class="search-facets" open>' in body
    # Not with other words, nor when a filter of what they offer is chosen already.
    assert client.get(SEARCH, {"q": "gastles verpleegkundige"}).status_code == 200
    assert card_names(client.get(SEARCH, {"q": "gastles", "offer": "questions"})) == []


def test_a_list_longer_than_the_limit_says_more_than_in_the_viewers_language(client, world, nurses, monkeypatch):
    from backstage.discovery import search

    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    client.force_login(world["student"])
    response = client.get(SEARCH, {"q": "", "offer": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "More than 2 professionals" in response.content.decode() and len(card_names(response)) == 2
    response = client.get(SEARCH, {"q": ""}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Plus de 2 professionnels" in response.content.decode()
    monkeypatch.setattr(search, "COUNT_LIMIT", 1000)
    response = client.get(SEARCH, {"q": "", "offer": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert "3 professionals." in response.content.decode()


def test_the_occupation_facet_keeps_only_people_doing_it(client, world, nurses, occupations):
    client.force_login(world["student"])
    response = client.get(SEARCH, {"occupation": occupations["baker"].esco_id})
    assert response.status_code == 200
    assert card_names(response) == ["Zoe T."]
    assert "Only people working as baker" in response.content.decode()


@pytest.mark.parametrize("params, field, message", [
    ({"distance": "7"}, "distance", "Select a valid choice."),
    ({"place": "Atlantis"}, "place", "We do not know this municipality or postcode."),
    ({"occupation": "not-an-id"}, "occupation", "This occupation does not exist."),
    ({"occupation": "99999999-9999-4999-8999-999999999999"}, "occupation", "This occupation does not exist."),
    ({"offer": "money"}, "offer", "Select a valid choice."),
    ({"q": "x" * 101}, "q", "Ensure this value has at most 100 characters"),
    ({"q": " ? "}, "q", "Type at least one letter or digit."),
    ({"q": "\N{SOCCER BALL}"}, "q", "Type at least one letter or digit."),
])
def test_bad_parameters_get_a_400_with_the_message_and_no_results(client, world, nurses, params, field, message):
    client.force_login(world["student"])
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert response.context["results"] is None


def test_a_user_without_a_school_has_no_school_facets(client, world, nurses):
    client.force_login(world["professional"])
    response = client.get(SEARCH, {"q": "nurse", "link": "parent"})
    assert response.status_code == 200
    assert 'name="link"' not in response.content.decode()
    assert "link" not in response.context["form"].cleaned_data


def test_htmx_gets_only_the_results_fragment(client, world, nurses):
    client.force_login(world["student"])
    response = client.get(SEARCH, {"q": "bakker"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="search-results"')
    assert "<html" not in body
    assert card_names(response) == ["Zoe T."]


def test_htmx_gets_the_errors_with_the_results_fragment_and_a_400(client, world, nurses):
    client.force_login(world["student"])
    page = client.get(SEARCH).content.decode()
    assert "data-swap-errors" in page and "js/htmx-form-errors.js" in page  # so that htmx shows a 400
    response = client.get(SEARCH, {"q": "?", "place": "Atlantis"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="search-results"') and "<html" not in body
    assert '<ul class="errorlist" role="alert"><li>Typ minstens één letter of cijfer.</li>' in body
    assert "We kennen deze gemeente of postcode niet." in body
    assert card_names(response) == []


def test_the_page_has_no_inline_script_or_style(client, world, nurses):
    client.force_login(world["student"])
    body = client.get(SEARCH, {"q": "nurse"}).content.decode()
    assert "<script>" not in body and "style=" not in body and "<style" not in body


def test_the_number_of_queries_does_not_grow_with_the_results(client, world, occupations, places, indexed):
    client.force_login(world["student"])
    indexed(lambda: make_profile(first_name="One", occupation=occupations["nurse"], place=places["gent"]))
    client.get(SEARCH, {"q": "nurse"})  # warm the per-process caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(SEARCH, {"q": "nurse"}).status_code == 200

    def more():
        # Everything a card shows, so that a field the page's read leaves out would cost one query per card.
        hospital = Organisation.objects.create(kind=Organisation.Kind.COMPANY, name="UZ Gent")
        sector = occupations["nurse"].isco_group
        for index in range(6):
            profile = make_profile(first_name=f"More{index}", occupation=occupations["nurse"], place=places["gent"],
                                   languages=["nl"], employer=hospital, sector=sector,
                                   typical_day="Rondes op de afdeling, nurse in de nachtdienst")
            link(profile, world["school"], SchoolLink.Kind.PARENT)
            CareerStep.objects.create(profile=profile, kind=CareerStep.Kind.STUDIES, title="Bachelor nurse",
                                      start_year=2010)

    indexed(more)
    client.get(SEARCH, {"q": "nurse"})
    with CaptureQueriesContext(connection) as seven:
        response = client.get(SEARCH, {"q": "nurse"})
    assert len(card_names(response)) == 7
    assert "UZ Gent" in response.content.decode()
    # Found by their own words (the first search's professional is not): their career steps and ambassador links, and
    # on SQLite ranking them once counted; their employer, sector and links with the school (the first one has
    # none). Not one more query per card.
    assert len(seven) <= len(one) + 6
