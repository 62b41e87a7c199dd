import re
from pathlib import Path

import pytest

from tests.internships.helpers import make_offer

APPS = Path(__file__).resolve().parents[2] / "backstage"


@pytest.mark.parametrize("app", ["internships", "events"])
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_catalogs_are_complete(app, language):
    text = (APPS / app / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
    entries = text.split("\n\n")[1:]
    empty = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) and not re.search(r'^msgstr(\[\d\])? ""\n"', e, re.M)]
    assert empty == [] and "#, fuzzy" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("language, title", [("fr", "Stages d'observation"), ("nl", "Observatiestages")])
def test_offer_pages_speak_french_and_dutch(client, world, language, title):
    offer = make_offer(world["company"])
    client.force_login(world["student"])
    client.post("/language/", {"language": language})
    assert title in client.get("/internships/").content.decode()
    page = client.get(f"/internships/offers/{offer.pk}/").content.decode()
    assert {"fr": "Écris d&#x27;abord ton CV et ta lettre.", "nl": "Schrijf eerst je cv en je brief."}[language] in page
