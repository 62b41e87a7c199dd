"""GET /api/v1/occupations/search: the JSON partners and pages use, and its OpenAPI description."""

import pytest
from django.core.cache import cache

from backstage.careers.models import Occupation
from backstage.discovery import indexing

pytestmark = pytest.mark.django_db

URL = "/api/v1/occupations/search"
NURSE = "http://data.europa.eu/esco/occupation/11111111-1111-4111-8111-111111111111"
ELECTRICIAN = "http://data.europa.eu/esco/occupation/22222222-2222-4222-8222-222222222222"


def test_returns_uri_label_and_score_best_first_in_the_requested_language(client, occupations):
    response = client.get(URL, {"q": "infirmière", "lang": "nl"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    hits = response.json()
    assert hits[0] == {"esco_uri": NURSE, "label": "verpleegkundige", "score": hits[0]["score"]}
    assert set().union(*(hit.keys() for hit in hits)) == {"esco_uri", "label", "score"}
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[0] <= 1


def test_language_defaults_to_english_and_french_labels_come_back_whole(client, occupations):
    first = client.get(URL, {"q": "elektricien"}).json()[0]
    assert (first["esco_uri"], first["label"]) == (ELECTRICIAN, "building electrician")
    assert client.get(URL, {"q": "elektricien", "lang": "fr"}).json()[0]["label"] == (
        "électricien du bâtiment/électricienne du bâtiment"
    )
    # 1.0 is first in every ranking by a name holding the words whole in the language typed; a Dutch word
    # typed in English is only first.
    assert client.get(URL, {"q": "elektricien", "lang": "nl"}).json()[0] == {
        "esco_uri": ELECTRICIAN, "label": "elektricien", "score": 1.0,
    }
    assert 0.5 < first["score"] < 1.0


def test_limit_caps_the_list_and_defaults_to_ten(client, occupations):
    unit = occupations["electrician"].isco_group
    for n in range(12):
        Occupation.objects.create(esco_uri=f"http://data.europa.eu/esco/occupation/tech-{n}", code=f"{unit.code}.{n + 2}",
                                  isco_group=unit, label_en=f"maintenance technician {n}",
                                  label_nl=f"onderhoudstechnicus {n}", label_fr=f"technicien de maintenance {n}")
    indexing.rebuild()
    assert len(client.get(URL, {"q": "maintenance technician"}).json()) == 10
    assert len(client.get(URL, {"q": "maintenance technician", "limit": 2}).json()) == 2
    assert len(client.get(URL, {"q": "maintenance technician", "limit": 12}).json()) == 12


@pytest.mark.parametrize("params, where", [
    ({}, "q"),
    ({"q": ""}, "q"),
    ({"q": "  ?! "}, "q"),
    ({"q": "x" * 201}, "q"),
    ({"q": "nurse", "lang": "de"}, "lang"),
    ({"q": "nurse", "limit": 0}, "limit"),
    ({"q": "nurse", "limit": 51}, "limit"),
    ({"q": "nurse", "limit": "ten"}, "limit"),
])
def test_bad_parameters_get_a_422_naming_the_parameter(client, occupations, params, where):
    response = client.get(URL, params)
    assert response.status_code == 422
    details = response.json()["detail"]
    assert [detail["loc"][-1] for detail in details] == [where]
    assert details[0]["msg"]


def test_unknown_words_give_an_empty_list(client, occupations):
    response = client.get(URL, {"q": "zzzqqqxxx"})
    assert response.status_code == 200
    assert response.json() == []


def test_the_endpoint_is_described_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    operation = schema["paths"]["/api/v1/occupations/search"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"q", "lang", "limit"}
    response_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert response_schema["type"] == "array"
    item = schema["components"]["schemas"][response_schema["items"]["$ref"].rsplit("/", 1)[-1]]
    assert set(item["properties"]) == {"esco_uri", "label", "score"}


def test_anonymous_clients_are_rate_limited(client, occupations):
    cache.clear()
    statuses = [client.get(URL, {"q": "nurse"}).status_code for _ in range(121)]
    assert statuses[:120] == [200] * 120
    assert statuses[120] == 429
