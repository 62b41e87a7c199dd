import datetime

import pytest

from backstage.internships.models import Offer
from backstage.organisations.models import Place, Role
from tests.factories import make_member
from tests.internships.helpers import brussels, make_offer, next_monday, occupation, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    # Molenbeek (the world's school) is 1.9 km from Brussels centre; Antwerpen is about 40 km away.
    molenbeek, _ = Place.objects.update_or_create(
        country="BE", postcode="1080", name="Molenbeek-Saint-Jean", defaults={"latitude": 50.8550, "longitude": 4.3300}
    )
    antwerpen = Place.objects.create(country="BE", postcode="2000", name="Antwerpen", latitude=51.2194, longitude=4.4025)
    return {"brussels": brussels(), "molenbeek": molenbeek, "antwerpen": antwerpen}


def titles(response):
    return [offer.title for offer in response.context["offers"]]


def test_search_filters_by_distance_from_school_dates_and_sector(client, world, places):
    nurse = occupation(code="2221.1", label="nurse", isco="2221")
    near = make_offer(world["company"], title="Near", place=places["brussels"], weeks_ahead=2)
    far = make_offer(world["company"], title="Far", place=places["antwerpen"], weeks_ahead=3)
    care = make_offer(world["company"], title="Care", place=places["brussels"], weeks_ahead=6, occupations=[nurse])
    make_offer(world["company"], title="Draft", status="draft")
    client.force_login(world["student"])
    response = client.get("/internships/")
    assert titles(response) == ["Near", "Care", "Far"]
    assert [o.km for o in response.context["offers"]] == [2, 2, 41]
    assert titles(client.get("/internships/", {"distance": "10"})) == ["Near", "Care"]
    assert titles(client.get("/internships/", {"sector": "2"})) == ["Care"]
    after = next_monday(3).isoformat()
    assert titles(client.get("/internships/", {"starts_after": after})) == ["Care", "Far"]
    assert titles(client.get("/internships/", {"ends_before": far.ends_on.isoformat()})) == ["Near", "Far"]
    assert client.get("/internships/", {"starts_after": "not a date"}).status_code == 400
    assert near.pk and care.pk


def test_company_admin_publishes_an_offer_with_a_verified_tutor(client, world, places):
    occupation()
    tutor = verify(make_member(world["company"], Role.PROFESSIONAL, first_name="Karel"))
    unverified = make_member(world["company"], Role.PROFESSIONAL, first_name="Jan")
    client.force_login(world["company_admin"])
    start = next_monday(3)
    data = {
        "title": "Une semaine à l'atelier", "occupation": "electric", "country": "BE", "postcode": "1000",
        "starts_on": start.isoformat(), "ends_on": (start + datetime.timedelta(days=4)).isoformat(),
        "places_total": "2", "min_age": "14", "activities": "Observer l'équipe", "tutor": str(unverified.pk),
    }
    response = client.post(f"/internships/organisations/{world['company'].pk}/offers/new/", data)
    assert response.status_code == 400 and "tutor" in response.context["form"].errors
    assert not Offer.objects.exists()
    response = client.post(f"/internships/organisations/{world['company'].pk}/offers/new/", {**data, "tutor": tutor.pk, "ends_on": (start + datetime.timedelta(days=30)).isoformat()})
    assert response.status_code == 400 and response.context["form"].errors["ends_on"] == ["An observation internship lasts one or two weeks."]
    response = client.post(f"/internships/organisations/{world['company'].pk}/offers/new/", {**data, "tutor": tutor.pk})
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert (offer.status, offer.places_left, offer.place.postcode, [o.label_en for o in offer.occupations.all()]) == (
        "draft", 2, "1000", ["electrician"])
    client.force_login(world["student"])
    assert client.get(f"/internships/offers/{offer.pk}/").status_code == 404
    client.force_login(world["company_admin"])
    assert client.post(f"/internships/offers/{offer.pk}/status/", {"status": "published"}).status_code == 302
    client.force_login(world["student"])
    assert client.get(f"/internships/offers/{offer.pk}/").status_code == 200


def test_offer_text_with_a_phone_number_is_refused(client, world, places):
    offer = make_offer(world["company"])
    client.force_login(world["company_admin"])
    response = client.get(f"/internships/offers/{offer.pk}/edit/")
    data = {**response.context["form"].initial, "tutor": offer.tutor_id, "starts_on": offer.starts_on.isoformat(),
            "ends_on": offer.ends_on.isoformat(), "activities": "Appelle-moi au 0470 12 34 56"}
    data = {k: v for k, v in data.items() if v is not None and k not in ("id", "occupations", "organisation")}
    response = client.post(f"/internships/offers/{offer.pk}/edit/", data)
    assert response.status_code == 400 and "activities" in response.context["form"].errors


def test_places_cannot_drop_below_those_taken(world):
    from backstage.internships import services
    from tests.internships.helpers import accepted_application

    offer = make_offer(world["company"], places=2)
    accepted_application(world, offer)
    fields = {name: getattr(offer, name) for name in ("title", "tutor", "starts_on", "ends_on", "min_age", "activities")}
    with pytest.raises(services.InternshipError, match="1 places are already taken"):
        services.offer_save(offer=offer, organisation=offer.organisation, actor=world["company_admin"], **fields,
                            places_total=0, place=offer.place)
    saved = services.offer_save(offer=offer, organisation=offer.organisation, actor=world["company_admin"], **fields,
                                places_total=4, place=offer.place)
    assert (saved.places_total, saved.places_left) == (4, 3)


def test_datasheet_lists_open_offers_for_the_occupation(client, world):
    offer = make_offer(world["company"], title="Électricien·ne : une semaine")
    make_offer(world["company"], title="Closed one", status="closed")
    client.force_login(world["student"])
    page = client.get(offer.occupations.get().get_absolute_url()).content.decode()
    assert "Électricien·ne : une semaine" in page and "Closed one" not in page
