import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from backstage.organisations.geo import belgian_locality_name, french_locality_name, places_import
from backstage.organisations.models import Organisation, Place

pytestmark = pytest.mark.django_db

DATA = settings.GEO_DATA_DIR


def load(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def distinct(rows):
    return len({(r["code"], r["localityName"]) for r in rows})


@pytest.fixture
def imported():
    return places_import(data_dir=DATA)


def test_import_loads_every_postcode_locality_once(imported):
    fr, nl, be = load("postcodes_FR.json"), load("postcodes_NL.json"), load("postcodes_BE.json")
    assert Place.objects.filter(country="FR").count() == distinct(fr) == 6051
    assert Place.objects.filter(country="NL").count() == distinct(nl) == 4072
    # Belgium: the 1145 postcode localities, plus the municipality of each postcode when the postcode's
    # locality is a former municipality (1300 Limal also gets 1300 Wavre): 853 more, plus 5 municipalities of
    # four special postcodes that only Statbel lists (1804 Cargovil, 1931 Brucargo, 5352, 7010 SHAPE).
    assert distinct(be) == 1145
    assert Place.objects.filter(country="BE").count() == 1145 + 853 + 5
    statbel_postcodes = {link["postalCode"] for link in load("be_postal_codes.json")}
    assert statbel_postcodes - {r["code"] for r in be} == {"1804", "1931", "5352", "7010"}
    assert set(Place.objects.filter(country="BE").values_list("postcode", flat=True)) == (
        {r["code"] for r in be} | statbel_postcodes
    )
    assert imported == {"BE": 2003, "FR": 6051, "NL": 4072, "created": 12126, "updated": 0, "total": 12126}


def test_every_statbel_municipality_is_a_place_under_each_of_its_postcodes(imported):
    municipalities = {m["id"]: m for m in load("be_municipalities.json")}
    names = {(p.postcode, p.name_fr, p.name_nl) for p in Place.objects.filter(country="BE")}
    for link in load("be_postal_codes.json"):
        municipality = municipalities[link["municipality"]]["name"]
        expected = (link["postalCode"], municipality["fr"].replace("’", "'"), municipality["nl"].replace("’", "'"))
        assert expected in names


def test_rerun_creates_no_duplicates_refreshes_fields_and_keeps_linked_places(imported):
    place = Place.objects.get(country="BE", postcode="1080")
    school = Organisation.objects.create(kind="school", name="Athénée", country="BE", place=place, status="approved")
    Place.objects.filter(pk=place.pk).update(region="", name_nl="")
    before = Place.objects.count()

    again = places_import(data_dir=DATA)

    assert again["created"] == 0 and again["updated"] == again["total"] == before
    assert Place.objects.count() == before
    place.refresh_from_db()
    assert (place.name_nl, place.region) == ("Sint-Jans-Molenbeek", "Brussels-Capital Region")
    school.refresh_from_db()
    assert school.place_id == place.pk


def test_molenbeek_has_its_french_and_dutch_names(imported):
    place = Place.objects.get(country="BE", postcode="1080")
    assert (place.name, place.name_fr, place.name_nl, place.region) == (
        "Molenbeek-Saint-Jean", "Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", "Brussels-Capital Region"
    )
    assert place.local_name("nl") == "Sint-Jans-Molenbeek"
    assert (place.latitude, place.longitude) == (50.8543551, 4.3227779)


def test_belgian_regions_and_shared_postcodes(imported):
    wavre = Place.objects.filter(country="BE", postcode="1300").order_by("name")
    assert [(p.name, p.name_fr, p.name_nl, p.region) for p in wavre] == [
        ("Limal", "Limal", "", "Wallonia"),
        ("Wavre", "Wavre", "Waver", "Wallonia"),
    ]
    ghent = Place.objects.get(country="BE", postcode="9000")
    assert (ghent.name, ghent.name_fr, ghent.name_nl, ghent.region) == ("Gent", "Gand", "Gent", "Flanders")
    charleroi = Place.objects.get(country="BE", postcode="6000")
    assert (charleroi.name, charleroi.region) == ("Charleroi", "Wallonia")
    # Two municipalities share 1040: both are offered.
    assert sorted(Place.objects.filter(country="BE", postcode="1040").values_list("name", flat=True)) == [
        "Bruxelles", "Etterbeek",
    ]


def test_saint_denis_is_in_ile_de_france(imported):
    place = Place.objects.get(country="FR", postcode="93200")
    assert (place.name, place.name_fr, place.region) == ("Saint-Denis", "Saint-Denis", "Île-de-France")
    assert Place.objects.get(country="FR", postcode="75001").region == "Île-de-France"
    assert Place.objects.get(country="FR", postcode="01000").name == "Bourg-en-Bresse"
    assert Place.objects.get(country="FR", postcode="13001").region == "Provence-Alpes-Côte d'Azur"


def test_dutch_province_from_the_state_code(imported):
    place = Place.objects.get(country="NL", postcode="1011")
    assert (place.name, place.name_nl, place.region) == ("Amsterdam", "Amsterdam", "Noord-Holland")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("BOURG EN BRESSE", "Bourg-en-Bresse"),
        ("ST DENIS", "Saint-Denis"),
        ("LES LILAS", "Les Lilas"),
        ("LE BLANC MESNIL", "Le Blanc-Mesnil"),
        ("EPINAY SUR SEINE", "Épinay-sur-Seine"),
        ("BERRE L ETANG", "Berre-l'Étang"),
        ("L HOSPITALET PRES L ANDORRE", "L'Hospitalet-près-l'Andorre"),
        ("L ISLE D ESPAGNAC", "L'Isle-d'Espagnac"),
        ("STE GENEVIEVE DES BOIS", "Sainte-Geneviève-des-Bois"),
        ("MARSEILLE", "Marseille"),
    ],
)
def test_french_locality_names_are_title_cased(raw, expected):
    assert french_locality_name(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Braine-Le-Château", "Braine-le-Château"),
        ("Fontaine-L'evêque", "Fontaine-l'Evêque"),
        ("Niel-Bij-As", "Niel-bij-As"),
        ("Neder-Over-Heembeek", "Neder-Over-Heembeek"),
        ("'s Gravenwezel", "'s-Gravenwezel"),
    ],
)
def test_belgian_locality_particles_are_lower_case(raw, expected):
    assert belgian_locality_name(raw) == expected


def test_command_reports_the_counts():
    out = io.StringIO()
    call_command("import_places", stdout=out)
    assert "Places: 12126 (2003 BE, 6051 FR, 4072 NL); 12126 new, 0 refreshed" in out.getvalue()
