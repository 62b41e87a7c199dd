import datetime
import random

import pytest
from django.utils import timezone

from backstage.mentoring import scoring
from backstage.mentoring.models import SLOTS, Application, Duo, Programme
from backstage.mentoring.scoring import Person, candidate_scores, score_pair
from backstage.profiles.models import Verification
from tests.mentoring.conftest import make_duo, mentee, mentor

pytestmark = pytest.mark.django_db


def hand_made_pair(mworld):
    t, p = mworld["taxonomy"], mworld["places"]
    branch = mworld["branch"]
    young = mentee(
        branch, languages=("fr", "ar"), place=p["brussels"], slots=("tue_evening", "sat_morning"),
        mode="in_person", occupations=[t["nurse"]], waiting_days=45,
        text="Je veux devenir infirmière dans un hôpital et préparer mes entretiens.",
    )
    old = mentor(
        branch, languages=("fr", "nl"), place=p["vilvoorde"], slots=("tue_evening", "thu_morning"),
        mode="in_person", occupations=[t["specialist_nurse"]],
        text="Infirmière en chef à l'hôpital Saint-Pierre pendant trente ans.",
    )
    return young, old


def test_score_breakdown_of_a_hand_made_pair_in_words(mworld):
    young, old = hand_made_pair(mworld)
    pool = scoring.load_pool(mworld["branch"], today=timezone.localdate())
    assert [p.id for p in pool.mentees] == [young.pk]
    assert [p.id for p in pool.mentors] == [old.pk]
    score, parts = score_pair(pool.mentees[0], pool.mentors[0])
    duo = Duo(score=score, score_parts=parts)
    scoring.explain([duo])
    assert duo.reasons == [
        "same occupation group: Nursing professionals (+400)",
        "2 words of the goals in the mentor's career: hopital, infirmiere (+40)",
        "10 km apart (+84)",
        "both free on Tuesday evening (+60)",
        "both prefer to meet in person (+30)",
        "waiting for 45 days (+45)",
    ]
    assert score == 400 + 40 + 84 + 60 + 30 + 45
    assert candidate_scores(pool.mentees, pool.mentors) == {(young.pk, old.pk): score}


def test_isco_levels_rank_same_occupation_above_unit_minor_submajor_and_major(mworld):
    t = mworld["taxonomy"]

    def career_points(wanted, had):
        a = Person(id=1, languages=frozenset({"fr"}), occupations=frozenset({wanted.pk}),
                   isco=frozenset({wanted.isco_group_id}))
        b = Person(id=2, languages=frozenset({"fr"}), occupations=frozenset({had.pk}), isco=frozenset({had.isco_group_id}))
        return score_pair(a, b)[1][0]

    assert career_points(t["nurse"], t["nurse"])["points"] == 500
    assert career_points(t["nurse"], t["specialist_nurse"]) == {"code": "isco_4", "points": 400, "params": {"group": "2221"}}
    assert career_points(t["nurse"], t["midwife"]) == {"code": "isco_3", "points": 300, "params": {"group": "222"}}
    sector_only = Person(id=3, languages=frozenset({"fr"}), isco=frozenset({"22"}))
    nurse = Person(id=4, languages=frozenset({"fr"}), isco=frozenset({"2221"}))
    assert score_pair(nurse, sector_only)[1][0] == {"code": "isco_2", "points": 200, "params": {"group": "22"}}
    assert score_pair(Person(id=5, languages=frozenset({"fr"}), isco=frozenset({"2"})), nurse)[1][0]["points"] == 100
    unrelated = score_pair(Person(id=6, languages=frozenset({"fr"}), isco=frozenset({"9333"})), nurse)[1]
    assert [part["code"] for part in unrelated] == ["meeting_mode"]


def test_hard_rules_leave_out_pairs_without_a_common_language_ineligible_or_full(mworld):
    branch, t = mworld["branch"], mworld["taxonomy"]
    ok = mentee(branch, languages=("fr",))
    mentee(branch, languages=("nl",))  # no common language with any mentor below
    mentee(branch, age=34)  # too old for the default programme (18-33)
    mentee(branch, status=Application.Status.SCREENED)  # not waiting yet
    mentee(mworld["other_branch"])  # another branch
    good = mentor(branch, languages=("fr", "en"), occupations=[t["nurse"]])
    mentor(branch, verified=False)  # safeguarding: not verified, not matched
    mentor(branch, age=49)  # too young to mentor
    full = mentor(branch, max_duos=1)
    make_duo(branch, mentee(branch, status=Application.Status.ACTIVE), full)
    expired = mentor(branch)
    Verification.objects.filter(user=expired.user).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    pool = scoring.load_pool(branch, today=timezone.localdate())
    assert [p.id for p in pool.mentees][:1] == [ok.pk]
    assert {p.id for p in pool.mentors} == {good.pk, full.pk}
    assert pool.capacity == {good.pk: 1, full.pk: 0}
    scores = candidate_scores(pool.mentees, pool.mentors)
    assert {pair for pair in scores} == {(ok.pk, good.pk), (ok.pk, full.pk)}


def test_programme_rules_change_eligibility(mworld):
    branch = mworld["branch"]
    Programme.objects.create(nonprofit=mworld["nonprofit"], mentee_min_age=18, mentee_max_age=35, mentor_min_age=45)
    older = mentee(branch, age=34)
    younger_mentor = mentor(branch, age=47)
    pool = scoring.load_pool(branch, today=timezone.localdate())
    assert [p.id for p in pool.mentees] == [older.pk]
    assert [p.id for p in pool.mentors] == [younger_mentor.pk]


def test_blocked_pairs_hook_is_empty_until_a_block_model_exists(mworld):
    assert scoring.blocked_pairs(mworld["branch"]) == set()


def random_people(rng, n, first_id, *, mentees):
    codes = ["2221", "2222", "222", "22", "2", "9333", "93", "4321", "43", "2511", "25"]
    words = ["logistique", "hopital", "infirmiere", "magasin", "comptable", "informatique", "vente", "chantier"]
    people = []
    for i in range(n):
        place_id = rng.randint(1, 6) if rng.random() < 0.8 else None
        people.append(Person(
            id=first_id + i,
            languages=frozenset(rng.sample(["fr", "nl", "en", "ar"], rng.randint(1, 2))),
            place_id=place_id,
            lat=50.80 + place_id * 0.07 if place_id else None,
            lon=4.30 + place_id * 0.05 if place_id else None,
            slots=frozenset(rng.sample(SLOTS, rng.randint(0, 5))),
            mode=rng.choice(Application.MeetingMode.values),
            occupations=frozenset(rng.sample(range(1, 8), rng.randint(0, 2))),
            isco=frozenset(rng.sample(codes, rng.randint(0, 3))),
            words=frozenset(rng.sample(words, rng.randint(0, 3))),
            waiting_days=rng.randint(0, 300) if mentees else 0,
        ))
    return people


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_scores_equal_the_reference_for_every_allowed_pair(seed):
    rng = random.Random(seed)
    mentees = random_people(rng, 70, 1, mentees=True)
    mentors = random_people(rng, 40, 1000, mentees=False)
    forbidden = {(mentees[0].id, mentors[0].id), (mentees[5].id, mentors[7].id)}
    scores = candidate_scores(mentees, mentors, per_mentee=len(mentors), forbidden=forbidden, chunk=16)
    expected = {
        (a.id, b.id): score_pair(a, b)[0]
        for a in mentees for b in mentors
        if scoring.pair_allowed(a, b) and (a.id, b.id) not in forbidden
    }
    assert scores == expected


def test_candidate_graph_keeps_the_best_mentors_of_each_mentee():
    rng = random.Random(7)
    mentees = random_people(rng, 30, 1, mentees=True)
    mentors = random_people(rng, 40, 1000, mentees=False)
    kept = candidate_scores(mentees, mentors, per_mentee=5)
    for a in mentees:
        allowed = sorted((score_pair(a, b)[0] for b in mentors if scoring.pair_allowed(a, b)), reverse=True)
        mine = sorted((s for (m, _), s in kept.items() if m == a.id), reverse=True)
        assert mine == allowed[:5]
