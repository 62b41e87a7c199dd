import re
import uuid

import pytest
from pytest_django.asserts import assertContains

from backstage.careers.models import IscoGroup, Occupation
from backstage.careers.selectors import fold

pytestmark = pytest.mark.django_db

NURSE = "8d3e8aaa-791b-4c75-a465-f3f827028f50"  # nurse responsible for general care (ISCO 2221)
ANIMATOR = "48c8eccb-4bd0-487e-a187-4953cbbe956e"
ANIMATOR_3D = "52df9d56-efd4-48d0-ad93-59231943fc4c"
LECTURER = "684fd8d5-9b40-4b02-a680-438f0082d923"  # higher education lecturer: 43 narrower occupations
EU_FUNDS_MANAGER = "1c85eee2-a8ca-4750-a889-10a3e6c17b80"  # no French label in ESCO


def get(client, url, lang, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=lang)


def test_sector_list_shows_major_groups_with_their_sub_major_groups(client, imported):
    response = get(client, "/occupations/", "fr")
    assert response.status_code == 200
    html = response.content.decode()
    majors = [major.code for major, _subs in response.context["sectors"]]
    assert majors == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
    subs = {major.code: [s.code for s in subs] for major, subs in response.context["sectors"]}
    assert subs["2"] == ["21", "22", "23", "24", "25", "26"]
    section = html[html.index('id="sector-2"'):html.index('id="sector-3"')]
    assert '<a href="/occupations/sectors/22/">Spécialistes de la santé</a>' in section
    assert sum(s.occupation_count for _m, subs in response.context["sectors"] for s in subs) == 3039


@pytest.mark.parametrize("code", ["123", "2221", "99", "x", "2a", "٢"])
def test_sector_page_is_404_for_codes_that_are_not_sectors(client, imported, code):
    assert get(client, f"/occupations/sectors/{code}/", "en").status_code == 404


def test_sector_page_lists_its_occupations_alphabetically_in_the_page_language(client, imported):
    response = get(client, "/occupations/sectors/22/", "fr")
    assert response.status_code == 200
    expected = sorted(
        (o.label_fr or o.label_en for o in Occupation.objects.filter(isco_group__code__startswith="22")),
        key=lambda label: (fold(label), label),
    )
    page = response.context["page"]
    assert page.paginator.count == len(expected) == 68
    assert [str(o.label) for o in page.object_list] == expected[:50]
    assertContains(response, f'<a href="/occupations/{NURSE}/">infirmier de soins généraux/infirmière de soins'
                             ' généraux</a>', html=True)

    second = get(client, "/occupations/sectors/22/", "fr", page=2)
    assert [str(o.label) for o in second.context["page"].object_list] == expected[50:]
    assertContains(second, "Page 2 sur 2")


def test_major_group_page_lists_all_its_occupations_and_its_sectors(client, imported):
    response = get(client, "/occupations/sectors/2/", "nl")
    assert response.context["page"].paginator.count == Occupation.objects.filter(isco_group__code__startswith="2").count()
    assert len(response.context["page"].object_list) == 50
    assert [c.code for c in response.context["children"]] == ["21", "22", "23", "24", "25", "26"]
    assertContains(response, 'href="?page=2"')


def test_sector_filter_matches_the_label_in_the_page_language_or_english_ignoring_accents(client, imported):
    response = get(client, "/occupations/sectors/74/", "fr", q="ELECTRICIEN")
    labels = [str(o.label) for o in response.context["page"].object_list]
    assert "électricien/électricienne" in labels
    assert all("lectricien" in fold(label) or "electrician" in o.label_en
               for label, o in zip(labels, response.context["page"].object_list))
    english = get(client, "/occupations/sectors/74/", "fr", q="electrician")
    assert "électricien/électricienne" in [str(o.label) for o in english.context["page"].object_list]
    nothing = get(client, "/occupations/sectors/74/", "fr", q="boulanger")
    assert nothing.context["page"].paginator.count == 0


def test_sector_filter_rejects_an_overlong_query(client, imported):
    response = get(client, "/occupations/sectors/74/", "en", q="x" * 101)
    assert response.status_code == 400
    assertContains(response, 'class="errorlist"', status_code=400)


def test_datasheet_in_french_shows_the_french_label_and_the_english_description_as_a_fallback(client, imported):
    response = get(client, f"/occupations/{NURSE}/", "fr")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assertContains(response, '<h1 class="occupation-title">infirmier de soins généraux/infirmière de soins'
                             ' généraux</h1>', html=True)
    nurse = Occupation.objects.get(esco_uri__endswith=NURSE)
    first_sentence = nurse.description_en.split(".")[0]
    assert re.search(r'<div lang="en"><p>' + re.escape(first_sentence), html)
    assertContains(response, '<span class="fallback-note">(uniquement disponible en anglais)</span>', html=True)
    # French synonyms, gendered as ESCO writes them.
    assert all(f'<li class="tag">{label}</li>' in html for label in nurse.alt_labels_fr)


def test_datasheet_in_dutch_shows_the_dutch_description_without_fallback_marker(client, imported):
    response = get(client, f"/occupations/{NURSE}/", "nl")
    nurse = Occupation.objects.get(esco_uri__endswith=NURSE)
    assertContains(response, '<h1 class="occupation-title">algemeen verpleegkundige</h1>', html=True)
    assertContains(response, f"<div><p>{nurse.description_nl.splitlines()[0]}", count=1)
    main = response.content.decode().split('<main id="main"')[1].split("</main>")[0]
    assert "fallback-note" not in main
    assert 'lang="' not in main


def test_datasheet_without_french_label_shows_the_english_one_marked(client, imported):
    response = get(client, f"/occupations/{EU_FUNDS_MANAGER}/", "fr")
    assertContains(response, '<h1 class="occupation-title" lang="en">EU funds manager</h1>', html=True)
    assertContains(response, "(uniquement disponible en anglais)", count=3)  # label, synonyms, description
    assertContains(response, '<ul class="synonyms" lang="en">')


def test_datasheet_shows_the_sector_path_and_the_interest_profile(client, imported):
    response = get(client, f"/occupations/{NURSE}/", "fr")
    html = response.content.decode()
    assert '<a href="/occupations/sectors/2/">' in html
    assert '<a href="/occupations/sectors/22/">Spécialistes de la santé</a>' in html
    assertContains(response, f"<li>{IscoGroup.objects.get(code='2221').label_fr}</li>", html=True)
    meters = re.findall(r'<meter min="1" max="7" value="([0-9.]+)"', html)
    assert meters == ["3.46", "4.71", "1.34", "5.57", "2.38", "4.75"]  # dot decimals even in French
    assert '<strong class="holland-code">SCI</strong>' in html
    assert "29-1141.00" in html


def test_datasheet_links_broader_and_narrower_occupations(client, imported):
    animator = get(client, f"/occupations/{ANIMATOR}/", "en")
    assertContains(animator, f'<a href="/occupations/{ANIMATOR_3D}/">3D animator</a>', html=True)
    child = get(client, f"/occupations/{ANIMATOR_3D}/", "en")
    assertContains(child, f'<a href="/occupations/{ANIMATOR}/">animator</a>', html=True)
    assertContains(child, "takes the scores of the broader occupation")


@pytest.mark.parametrize("esco_id", [str(uuid.uuid4()), "not-an-id", NURSE.upper()])
def test_datasheet_of_an_unknown_occupation_is_404(client, imported, esco_id):
    assert get(client, f"/occupations/{esco_id}/", "en").status_code == 404


def test_pages_use_a_bounded_number_of_queries(client, imported, django_assert_max_num_queries):
    # The occupation with its groups and broader occupation, its narrower occupations, the people doing it.
    with django_assert_max_num_queries(3):
        response = get(client, f"/occupations/{LECTURER}/", "fr")
    assert len(response.context["narrower"]) == 43
    # The sector, its sub-sectors, its occupations.
    with django_assert_max_num_queries(3):
        assert get(client, "/occupations/sectors/2/", "fr").status_code == 200
    # Occupation counts per sector, then the groups.
    with django_assert_max_num_queries(2):
        assert get(client, "/occupations/", "fr").status_code == 200


@pytest.mark.parametrize("url", ["/occupations/", "/occupations/sectors/2/", f"/occupations/{NURSE}/"])
def test_pages_have_no_inline_style_or_script(client, imported, url):
    html = get(client, url, "nl").content.decode()
    assert " style=" not in html and "<style" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
