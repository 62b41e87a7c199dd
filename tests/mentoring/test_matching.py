import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstage.mentoring.matching import assign, greedy_assign, total_score

# Small instances only: the brute force below is exponential, and the machine is shared.
PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MENTEE_NAMES = ["amina", "bilal", "chloe", "dries", "emre", "fatou"]
MENTOR_NAMES = ["jan", "karin", "luc", "marie"]


@st.composite
def instances(draw):
    """Up to 6 mentees x 4 mentors, ids as ints, strings or both, with consistent locks and some forbidden pairs."""
    id_style = draw(st.sampled_from(["int", "str", "mixed"]))

    def ident(i, names):
        if id_style == "int" or (id_style == "mixed" and i % 2):
            return i + 100
        return names[i]

    mentees = [ident(i, MENTEE_NAMES) for i in range(draw(st.integers(1, 6)))]
    mentors = [ident(i, MENTOR_NAMES) for i in range(draw(st.integers(1, 4)))]
    all_pairs = [(m, t) for m in mentees for t in mentors]
    # About two pairs in three allowed; few distinct score values, so that ties and zero scores are common.
    values = draw(st.lists(st.integers(-6, 12), min_size=len(all_pairs), max_size=len(all_pairs)))
    scores = {pair: value for pair, value in zip(all_pairs, values) if value >= 0}
    # Some mentors are missing from capacity: their pairs must never be used.
    capacity = {t: draw(st.integers(0, 3)) for t in mentors if draw(st.integers(0, 5))}

    places = dict(capacity)
    locked = []
    for m in draw(st.lists(st.sampled_from(mentees), unique=True) if mentees else st.just([])):
        open_mentors = [t for t in mentors if places.get(t, 0) > 0]
        if not open_mentors:
            break
        t = draw(st.sampled_from(open_mentors))
        places[t] -= 1
        locked.append((m, t))
    candidates = [pair for pair in all_pairs if pair not in locked]
    forbidden = draw(st.lists(st.sampled_from(candidates), unique=True) if candidates else st.just([]))
    return scores, capacity, locked, forbidden


def brute_force_optimum(scores, capacity, locked, forbidden):
    """(best total score, most mentees matched at that score), by trying every assignment of the free mentees."""
    locked = dict(locked)
    places = dict(capacity)
    for t in locked.values():
        places[t] -= 1
    free = sorted({m for m, _ in scores if m not in locked}, key=str)
    options = {
        m: [(t, s) for (m2, t), s in scores.items() if m2 == m and t in places and (m, t) not in set(forbidden)]
        for m in free
    }

    def best(i):
        if i == len(free):
            return (0, 0)
        result = best(i + 1)  # this mentee stays unmatched
        for t, s in options[free[i]]:
            if places[t] > 0:
                places[t] -= 1
                rest_score, rest_matched = best(i + 1)
                places[t] += 1
                result = max(result, (s + rest_score, 1 + rest_matched))
        return result

    score, matched = best(0)
    return score + sum(scores.get(pair, 0) for pair in locked.items()), matched + len(locked)


def check_feasible(result, scores, capacity, locked, forbidden):
    for mentee, mentor in locked:
        assert result[mentee] == mentor
    for pair in result.items():
        assert pair in scores or pair in locked
        assert pair not in forbidden
        assert pair[1] in capacity
    for mentor, places in capacity.items():
        assert sum(1 for t in result.values() if t == mentor) <= places


@PROPERTY_SETTINGS
@given(instances())
def test_assign_keeps_locks_capacity_and_forbidden_pairs(instance):
    scores, capacity, locked, forbidden = instance

    result = assign(scores, capacity, locked=locked, forbidden=forbidden)

    check_feasible(result, scores, capacity, locked, forbidden)


@PROPERTY_SETTINGS
@given(instances())
def test_assign_total_equals_brute_force_optimum_then_most_matches(instance):
    scores, capacity, locked, forbidden = instance

    result = assign(scores, capacity, locked=locked, forbidden=forbidden)

    assert (total_score(result, scores), len(result)) == brute_force_optimum(scores, capacity, locked, forbidden)


@PROPERTY_SETTINGS
@given(instances())
def test_greedy_assign_is_feasible_and_never_beats_assign(instance):
    scores, capacity, locked, forbidden = instance

    greedy = greedy_assign(scores, capacity, locked=locked, forbidden=forbidden)

    check_feasible(greedy, scores, capacity, locked, forbidden)
    exact = assign(scores, capacity, locked=locked, forbidden=forbidden)
    assert total_score(greedy, scores) <= total_score(exact, scores)


@settings(max_examples=60, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_assign_result_does_not_depend_on_input_order(instance, random):
    scores, capacity, locked, forbidden = instance
    first = assign(scores, capacity, locked=locked, forbidden=forbidden)

    score_items, capacity_items = list(scores.items()), list(capacity.items())
    random.shuffle(score_items)
    random.shuffle(capacity_items)
    shuffled = assign(
        dict(score_items),
        dict(capacity_items),
        locked=random.sample(locked, len(locked)),
        forbidden=random.sample(forbidden, len(forbidden)),
    )

    assert list(shuffled.items()) == list(first.items())


def test_assign_beats_greedy_when_the_best_pair_blocks_two_good_ones():
    scores = {("amina", "jan"): 10, ("amina", "karin"): 9, ("bilal", "jan"): 9, ("bilal", "karin"): 0}
    capacity = {"jan": 1, "karin": 1}

    assert greedy_assign(scores, capacity) == {"amina": "jan", "bilal": "karin"}
    assert assign(scores, capacity) == {"amina": "karin", "bilal": "jan"}
    assert total_score(assign(scores, capacity), scores) == 18


def test_assign_fills_a_mentor_with_several_places():
    scores = {(1, 10): 5, (2, 10): 4, (3, 10): 3, (3, 11): 1}

    assert assign(scores, {10: 2, 11: 1}) == {1: 10, 2: 10, 3: 11}


def test_assign_on_empty_input_returns_nothing():
    assert assign({}, {}) == {}
    assert assign({}, {"jan": 2}) == {}
    assert greedy_assign({}, {}) == {}


def test_assign_with_every_capacity_zero_matches_nobody():
    scores = {("amina", "jan"): 7, ("bilal", "karin"): 3}

    assert assign(scores, {"jan": 0, "karin": 0}) == {}


def test_assign_never_uses_a_mentor_missing_from_capacity():
    scores = {("amina", "jan"): 100, ("amina", "karin"): 1}

    assert assign(scores, {"karin": 1}) == {"amina": "karin"}


def test_assign_never_uses_a_forbidden_pair():
    scores = {("amina", "jan"): 100, ("amina", "karin"): 1}

    assert assign(scores, {"jan": 1, "karin": 1}, forbidden=[("amina", "jan")]) == {"amina": "karin"}
    assert assign(scores, {"jan": 1, "karin": 1}, forbidden=iter([("amina", "jan")])) == {"amina": "karin"}


def test_assign_keeps_a_locked_pair_even_against_a_better_one_and_it_uses_capacity():
    scores = {("amina", "jan"): 1, ("bilal", "jan"): 50, ("bilal", "karin"): 2}

    result = assign(scores, {"jan": 1, "karin": 1}, locked=[("amina", "jan")])

    assert result == {"amina": "jan", "bilal": "karin"}


def test_a_locked_pair_outside_scores_is_kept_and_counts_zero():
    scores = {("bilal", "jan"): 4}

    result = assign(scores, {"jan": 2}, locked=[("amina", "jan")])

    assert result == {"amina": "jan", "bilal": "jan"}
    assert total_score(result, scores) == 4


def test_the_same_lock_given_twice_is_accepted():
    assert assign({}, {"jan": 1}, locked=[("amina", "jan"), ("amina", "jan")]) == {"amina": "jan"}


def test_assign_matches_zero_score_pairs_when_places_are_free_but_never_instead_of_points():
    assert assign({("amina", "jan"): 0}, {"jan": 1}) == {"amina": "jan"}
    assert assign({("amina", "jan"): 0, ("bilal", "jan"): 1}, {"jan": 1}) == {"bilal": "jan"}
    # One point is worth more than any number of extra zero-score matches.
    scores = {("amina", "jan"): 1, ("bilal", "jan"): 0, ("chloe", "jan"): 0}
    assert assign(scores, {"jan": 2}) == {"amina": "jan", "bilal": "jan"}
    scores = {("amina", "jan"): 1, ("amina", "karin"): 0, ("bilal", "jan"): 0}
    assert assign(scores, {"jan": 1, "karin": 1}) == {"amina": "jan"}


def test_assign_prefers_more_matches_among_equal_totals():
    # amina-jan alone scores 3; amina-karin + bilal-jan also scores 3 and matches two mentees.
    scores = {("amina", "jan"): 3, ("amina", "karin"): 3, ("bilal", "jan"): 0}

    assert assign(scores, {"jan": 1, "karin": 1}) == {"amina": "karin", "bilal": "jan"}


def test_assign_works_with_string_and_mixed_ids():
    scores = {("m-2", "t-1"): 3, ("m-1", "t-1"): 5, (7, "t-1"): 1, (7, 3): 2, ("m-1", 3): 1}

    result = assign(scores, {"t-1": 1, 3: 2})

    assert result == {7: 3, "m-1": "t-1"}
    assert list(result) == [7, "m-1"]  # keyed in sorted id order: ints first, then strings


def test_assign_is_deterministic_on_ties_across_calls_and_input_order():
    pairs = [((m, t), 5) for m in ("amina", "bilal", "chloe", "dries") for t in ("jan", "karin")]
    capacity = {"jan": 1, "karin": 2}

    first = assign(dict(pairs), capacity)

    assert len(first) == 3
    assert total_score(first, dict(pairs)) == 15
    for _ in range(3):
        assert assign(dict(pairs), capacity) == first
    assert list(assign(dict(reversed(pairs)), dict(reversed(capacity.items()))).items()) == list(first.items())


def test_total_score_sums_the_assigned_pairs():
    scores = {("amina", "jan"): 4, ("bilal", "karin"): 6}

    assert total_score({"amina": "jan", "bilal": "karin", "chloe": "jan"}, scores) == 10
    assert total_score({}, scores) == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"locked": [("amina", "jan"), ("amina", "karin")]}, "mentee 'amina' is locked to two mentors"),
        ({"locked": [("amina", "jan")], "forbidden": [("amina", "jan")]}, "both locked and forbidden"),
        (
            {"locked": [("amina", "karin"), ("bilal", "karin")]},
            "mentor 'karin' has 2 locked mentees but a capacity of 1",
        ),
        ({"locked": [("amina", "luc")]}, "mentor 'luc' has locked mentees but no capacity entry"),
        ({"locked": [("amina", "zero")]}, "mentor 'zero' has 1 locked mentees but a capacity of 0"),
    ],
)
def test_inconsistent_locks_raise_value_error(kwargs, message):
    scores = {("amina", "jan"): 1, ("bilal", "karin"): 1}

    with pytest.raises(ValueError, match=message):
        assign(scores, {"jan": 1, "karin": 1, "zero": 0}, **kwargs)
    with pytest.raises(ValueError, match=message):
        greedy_assign(scores, {"jan": 1, "karin": 1, "zero": 0}, **kwargs)


@pytest.mark.parametrize(
    ("scores", "capacity", "message"),
    [
        ({("amina", "jan"): -1}, {"jan": 1}, "non-negative"),
        ({("amina", "jan"): 1.5}, {"jan": 1}, "integers"),
        ({("amina", "jan"): 2**62}, {"jan": 1}, "too large"),
        ({("amina", "jan"): 1}, {"jan": -1}, "capacity of mentor 'jan'"),
        ({("amina", "jan"): 1}, {"jan": 1.5}, "capacity of mentor 'jan'"),
    ],
)
def test_bad_scores_or_capacities_raise_value_error(scores, capacity, message):
    with pytest.raises(ValueError, match=message):
        assign(scores, capacity)
