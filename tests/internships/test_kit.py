"""The CV and letter kit: six numbered steps on one page, model letters in French, Dutch and English."""

import re

import pytest

from backstage.internships.models import Kit
from tests.internships.helpers import give_kit

pytestmark = pytest.mark.django_db

STEPS = ["1. Who I am", "2. What I like", "3. My school", "4. Languages", "5. Activities", "6. My letter"]


def legends(html: str) -> list[str]:
    return re.findall(r"<legend><strong>(.*?)</strong></legend>", html)


@pytest.mark.parametrize("language, steps", [
    ("en", STEPS),
    ("fr", ["1. Qui je suis", "2. Ce que j'aime", "3. Mon école", "4. Langues", "5. Activités", "6. Ma lettre"]),
    ("nl", ["1. Wie ik ben", "2. Wat ik graag doe", "3. Mijn school", "4. Talen", "5. Activiteiten", "6. Mijn brief"]),
])
def test_kit_is_six_numbered_steps_each_with_its_fields(client, world, language, steps):
    client.force_login(world["student"])
    client.post("/language/", {"language": language})
    html = client.get("/internships/kit/").content.decode()
    assert legends(html) == steps
    fieldsets = re.findall(r'<fieldset id="(step-\d)">(.*?)</fieldset>', html, re.S)
    fields = {step: re.findall(r'name="(\w+)"', body) for step, body in fieldsets}
    assert fields == {"step-1": ["who_i_am", "qualities"], "step-2": ["what_i_like"], "step-3": ["school_line"],
                      "step-4": ["languages"], "step-5": ["activities"], "step-6": ["letter"]}
    # The live preview still listens to every step.
    assert html.index('hx-post="/internships/kit/preview/"') < html.index('<fieldset id="step-1">')


@pytest.mark.parametrize("page_language, template, opening, closing", [
    ("fr", "nl", "Geachte mevrouw, geachte heer,\n\nIk heet Yasmine El Amrani en ik ben leerling van Athénée Molenbeek.",
     "Met vriendelijke groeten,\nYasmine El Amrani"),
    ("nl", "fr", "Madame, Monsieur,\n\nJe m'appelle Yasmine El Amrani et je suis élève à Athénée Molenbeek.",
     "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.\nYasmine El Amrani"),
    ("fr", "en", "Dear Sir or Madam,\n\nMy name is Yasmine El Amrani and I am a pupil at Athénée Molenbeek.",
     "Yours faithfully,\nYasmine El Amrani"),
])
def test_model_letter_fills_the_letter_in_its_own_language_without_saving(client, world, page_language, template, opening, closing):
    give_kit(world["student"], letter="Ma lettre à moi.")
    client.force_login(world["student"])
    client.post("/language/", {"language": page_language})
    response = client.get("/internships/kit/", {"template": template})
    assert response.status_code == 200
    letter = response.context["form"]["letter"].value()
    assert letter.startswith(opening) and letter.endswith(closing)
    assert response.context["form"]["who_i_am"].value() == "J'ai 15 ans, curieuse et calme."
    # The preview shows the model too; nothing is saved until the pupil presses Save.
    assert "Yasmine El Amrani" in response.content.decode().split('id="kit-preview"')[1]
    assert Kit.objects.get(student=world["student"]).letter == "Ma lettre à moi."


def test_model_letter_links_and_an_unknown_model_gets_400(client, world):
    client.force_login(world["student"])
    html = client.get("/internships/kit/").content.decode()
    assert re.findall(r'href="/internships/kit/\?template=(\w+)#step-6"[^>]*>([^<]+)</a>', html) == [
        ("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
    response = client.get("/internships/kit/", {"template": "de"})
    assert response.status_code == 400
    assert response.context["chooser"].errors == {
        "template": ["Select a valid choice. de is not one of the available choices."]}
    assert not Kit.objects.exists()


def test_a_saved_model_letter_becomes_the_base_letter(client, world):
    client.force_login(world["student"])
    letter = client.get("/internships/kit/", {"template": "nl"}).context["form"]["letter"].value()
    assert client.post("/internships/kit/", {"who_i_am": "Curieuse", "letter": letter}).status_code == 302
    assert Kit.objects.get(student=world["student"]).letter == letter


def test_kit_letter_longer_than_3000_characters_is_refused(client, world):
    client.force_login(world["student"])
    response = client.post("/internships/kit/", {"letter": "a" * 3001})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "letter": ["Ensure this value has at most 3000 characters (it has 3001)."]}
    assert not Kit.objects.exists()
