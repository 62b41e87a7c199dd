import datetime
import random
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from backstage.interests import explore
from backstage.interests.explore import Card, feed, ranked_profiles, spread
from backstage.interests.models import ExploreImpression
from backstage.interests.services import explore_impressions_purge, explore_impressions_record
from backstage.profiles.models import ProfessionalProfile
from tests.factories import UserFactory
from tests.interests.helpers import GAMBLING_URI, isco_unit, link, make_occupation, make_professional

pytestmark = pytest.mark.django_db

EXPLORE = reverse("interests:explore")
UNITS = ["2221", "2511", "3412", "5120", "6111", "7126", "7411", "8322", "9112"]


def sector_world(pros_per_unit=(("7411", 4), ("2221", 3), ("5120", 1)), occupations_per_unit=3):
    """Professionals crowded in a few sectors and occupations in nine major groups."""
    for unit in UNITS:
        for n in range(occupations_per_unit):
            make_occupation(f"job {unit}-{n}", unit)
    pros = []
    for unit, count in pros_per_unit:
        for n in range(count):
            pros.append(make_professional(first_name=f"P{unit}{n}", sector=isco_unit(unit)))
    return pros


def majors(cards) -> list[str]:
    return [card.major_group for card in cards]


def keys(cards) -> set:
    return {card.key for card in cards}


def no_two_neighbours_alike(groups) -> bool:
    return all(not (a and a == b) for a, b in zip(groups, groups[1:]))


def test_no_two_consecutive_cards_of_the_same_major_group(world):
    sector_world()
    for seed in range(10):
        cards = feed(world["student"], rng=random.Random(seed))
        assert len(cards) == explore.BATCH_SIZE
        assert no_two_neighbours_alike(majors(cards)), (seed, majors(cards))
        # Diverse: a batch of 8 cards covers at least five major groups.
        assert len(set(majors(cards))) >= 5


def test_spread_separates_neighbours_whenever_an_order_exists():
    def cards(groups):
        return [Card("occupation", group, occupation=type("O", (), {"pk": n})()) for n, group in enumerate(groups)]

    assert majors(spread(cards("7777222"))) == list("7272727")
    ordered = majors(spread(cards("7772255"), previous_major="7"))
    assert ordered[0] != "7" and no_two_neighbours_alike(ordered)
    # No perfect order (the first card cannot be a 7): one clash, as few as possible.
    assert majors(spread(cards("77722"), previous_major="7")) == list("27277")
    assert majors(spread(cards("77772"), previous_major="2")) == list("72777")
    # Unknown sectors ("") never clash.
    assert majors(spread(cards(["", "", "7"]))) == ["", "", "7"]


def test_the_first_card_of_a_batch_differs_from_the_last_card_of_the_previous_one(world):
    sector_world()
    student = world["student"]
    for seed in range(6):
        cards = feed(student, rng=random.Random(seed))
        last = ExploreImpression.objects.filter(viewer=student).first()
        if last is not None:
            assert cards[0].major_group != last.major_group
        explore_impressions_record(viewer=student, cards=cards)


def test_nothing_is_shown_twice_in_a_row(world):
    sector_world()
    student = world["student"]
    previous = None
    for seed in range(5):
        cards = feed(student, rng=random.Random(seed))
        if previous is not None:
            assert keys(cards).isdisjoint(keys(previous))
        explore_impressions_record(viewer=student, cards=cards)
        previous = cards


def test_unseen_cards_come_before_recently_seen_ones(world):
    pros = sector_world(pros_per_unit=(("7411", 3), ("2221", 3), ("5120", 4)))
    student = world["student"]
    first = feed(student, rng=random.Random(1))
    explore_impressions_record(viewer=student, cards=first)
    second = feed(student, rng=random.Random(2))
    explore_impressions_record(viewer=student, cards=second)
    # Ten professionals: 5 in the first batch, the other 5 in the second, so the third brings back the first five.
    third = feed(student, rng=random.Random(3))
    shown = lambda cards: {c.profile.pk for c in cards if c.kind == "profile"}  # noqa: E731
    assert shown(first) | shown(second) == {p.pk for p in pros}
    assert shown(third) == shown(first)


def test_a_small_pool_still_never_repeats_the_previous_batch(world):
    make_occupation("nurse", "2221")
    make_occupation("plumber", "7126")
    make_professional(first_name="Only", sector=isco_unit("7411"))
    student = world["student"]
    first = feed(student, rng=random.Random(1))
    explore_impressions_record(viewer=student, cards=first)
    second = feed(student, rng=random.Random(2))
    assert len(first) == 3 and second == []


def test_the_feed_is_deterministic_for_a_seed(world):
    sector_world()
    first = feed(world["student"], rng=random.Random(42))
    again = feed(world["student"], rng=random.Random(42))
    assert [c.key for c in first] == [c.key for c in again]
    other = {tuple(c.key for c in feed(world["student"], rng=random.Random(seed))) for seed in range(5)}
    assert len(other) > 1


def test_linked_and_available_professionals_come_first(world):
    unit = isco_unit("7411")
    plain = make_professional(first_name="Plain", sector=unit)
    paused = make_professional(first_name="Paused", sector=unit, paused=True)
    nothing_offered = make_professional(first_name="Nothing", sector=unit, offers=[])
    linked_paused = make_professional(first_name="LinkedPaused", sector=unit, paused=True)
    link(linked_paused, world["school"])
    linked = make_professional(first_name="Linked", sector=unit)
    link(linked, world["school"], "parent")
    other_school = make_professional(first_name="OtherSchool", sector=unit, paused=True)
    link(other_school, world["other_school"])
    ranked = list(ranked_profiles(world["student"], rng=random.Random(0), school_ids=[world["school"].pk]))
    names = [p.user.first_name for p in ranked]
    assert names[:3] == ["Linked", "LinkedPaused", "Plain"]
    assert set(names[3:]) == {"Paused", "Nothing", "OtherSchool"}
    assert [p.available for p in ranked[:3]] == [True, False, True]
    assert not any(p.available for p in ranked[3:])
    assert {plain.pk, paused.pk, nothing_offered.pk} <= {p.pk for p in ranked}


def test_a_much_shown_professional_drops_below_one_never_shown(world):
    unit = isco_unit("7411")
    flooded = make_professional(first_name="Flooded", sector=unit, monthly_capacity=4)
    others = [make_professional(first_name=f"Fresh{n}", sector=unit, monthly_capacity=4) for n in range(5)]
    viewers = [UserFactory() for _ in range(6)]
    ExploreImpression.objects.bulk_create(
        ExploreImpression(viewer=viewers[n % 6], profile=flooded, major_group="7") for n in range(12)
    )
    # Old impressions do not count: outside the month, the exposure is forgotten.
    ExploreImpression.objects.bulk_create(
        ExploreImpression(viewer=viewers[0], profile=others[0], major_group="7",
                          shown_at=timezone.now() - datetime.timedelta(days=40))
        for _ in range(50)
    )
    for seed in range(8):
        ranked = list(ranked_profiles(world["student"], rng=random.Random(seed)))
        assert ranked[-1] == flooded, seed
        assert (ranked[-1].recent_impressions, ranked[-1].exposure) == (12, 3.0)
        cards = feed(world["student"], rng=random.Random(seed))
        assert flooded.pk not in {c.profile.pk for c in cards if c.kind == "profile"}


def test_exposure_is_relative_to_the_monthly_capacity(world):
    unit = isco_unit("7411")
    big = make_professional(first_name="Big", sector=unit, monthly_capacity=20)
    small = make_professional(first_name="Small", sector=unit, monthly_capacity=2)
    viewer = UserFactory()
    for profile in (big, small):
        ExploreImpression.objects.bulk_create(
            ExploreImpression(viewer=viewer, profile=profile, major_group="7") for _ in range(4)
        )
    ranked = list(ranked_profiles(world["student"], rng=random.Random(0)))
    assert [(p.user.first_name, p.exposure) for p in ranked] == [("Big", 0.2), ("Small", 2.0)]


def test_only_public_profiles_appear_and_never_the_viewer(world):
    make_occupation("plumber", "7126")
    public = make_professional(first_name="Public", sector=isco_unit("7411"))
    make_professional(first_name="Draft", status=ProfessionalProfile.Status.DRAFT)
    make_professional(first_name="Unverified", verified=False)
    own = make_professional(first_name="Me")
    for viewer, expected in ((world["student"], {public, own}), (own.user, {public})):
        cards = feed(viewer, rng=random.Random(0))
        assert {c.profile for c in cards if c.kind == "profile"} == expected


def test_no_occupation_in_gambling_nor_anyone_doing_one_is_suggested(world):
    # The feed is for minors, and shows what they did not ask for.
    croupier = make_occupation("croupier", "4212", esco_uri=GAMBLING_URI)
    plumber = make_occupation("plumber", "7126")
    make_professional(first_name="Joris", occupation=croupier)
    public = make_professional(first_name="Public", occupation=plumber)
    for seed in range(5):
        cards = feed(world["student"], rng=random.Random(seed))
        assert {c.profile for c in cards if c.kind == "profile"} == {public}
        assert {c.occupation for c in cards if c.kind == "occupation"} == {plumber}


def test_explore_page_records_what_it_showed_and_htmx_appends_a_batch(client, world):
    sector_world()
    client.force_login(world["student"])
    response = client.get(EXPLORE)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<article class=\"profile-card") == explore.PROFESSIONALS_PER_BATCH
    assert page.count('class="explore-occupation"') == explore.BATCH_SIZE - explore.PROFESSIONALS_PER_BATCH
    assert 'id="explore-more"' in page and 'hx-get="/explore/"' in page
    assert ExploreImpression.objects.filter(viewer=world["student"]).count() == explore.BATCH_SIZE
    assert " style=" not in page and "<style" not in page

    more = client.get(EXPLORE, HTTP_HX_REQUEST="true")
    fragment = more.content.decode()
    assert more.status_code == 200 and "<html" not in fragment and 'id="explore-more"' in fragment
    assert ExploreImpression.objects.filter(viewer=world["student"]).count() == 2 * explore.BATCH_SIZE
    first_ids = set(re.findall(r'href="(/(?:professionals|occupations)/[^"]+)"', page))
    second_ids = set(re.findall(r'href="(/(?:professionals|occupations)/[^"]+)"', fragment))
    assert first_ids and second_ids and first_ids.isdisjoint(second_ids)


def test_explore_cards_explain_the_shared_link(client, world):
    make_occupation("plumber", "7126")
    alumna = make_professional(first_name="Leila", sector=isco_unit("2221"))
    link(alumna, world["school"], end_year=2009)
    client.force_login(world["student"])
    page = client.get(EXPLORE).content.decode()
    assert "Former student of your school (2009)" in page


def test_explore_needs_an_account(client, world):
    response = client.get(EXPLORE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not ExploreImpression.objects.exists()


def test_explore_uses_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    sector_world(pros_per_unit=(("7411", 10), ("2221", 10)))
    client.force_login(world["student"])
    # Session and user, recent impressions, schools, the highest profile id, profiles with their links,
    # occupations and their sectors, the impressions written (with a savepoint), the navigation's roles, this
    # month's conversations and meeting requests (who is full this month).
    with django_assert_max_num_queries(18):
        assert client.get(EXPLORE).status_code == 200


def test_old_impressions_are_purged_and_recent_ones_kept(world):
    profile = make_professional()
    viewer = world["student"]
    ExploreImpression.objects.create(viewer=viewer, profile=profile,
                                     shown_at=timezone.now() - datetime.timedelta(days=46))
    recent = ExploreImpression.objects.create(viewer=viewer, profile=profile,
                                              shown_at=timezone.now() - datetime.timedelta(days=44))
    assert explore_impressions_purge() == 1
    assert list(ExploreImpression.objects.all()) == [recent]


def test_a_large_platform_ranks_a_random_sample_that_always_holds_the_linked_professionals(world, monkeypatch):
    monkeypatch.setattr(explore, "FULL_SCAN_UP_TO", 5)
    monkeypatch.setattr(explore, "SAMPLE_IDS", 3)
    unit = isco_unit("7411")
    pros = [make_professional(first_name=f"P{n}", sector=unit) for n in range(12)]
    alumna = pros[7]
    link(alumna, world["school"])
    for seed in range(6):
        among = explore.candidate_ids(random.Random(seed), [world["school"].pk])
        assert alumna.pk in among and len(among) <= 4
        ranked = list(ranked_profiles(world["student"], rng=random.Random(seed), school_ids=[world["school"].pk],
                                      among=among))
        assert ranked[0] == alumna and {p.pk for p in ranked} <= set(among)
        cards = feed(world["student"], rng=random.Random(seed))
        assert alumna in [c.profile for c in cards]
