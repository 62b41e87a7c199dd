"""Reads for the quiz results: the attempts a user may see, occupations near a profile, people doing them."""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from backstage.careers.models import RIASEC, Occupation
from backstage.careers.selectors import gambling_uris
from backstage.interests.models import QuizAttempt
from backstage.interests.quiz import correlation
from backstage.discovery.search import linked_to, school_with_place, squared_km_from
from backstage.profiles.links import shared_link_phrases
from backstage.profiles.selectors import gallery_profiles, listed_profiles

OCCUPATION_FIELDS = ("esco_uri", "label_en", "label_nl", "label_fr", "isco_group_id", *RIASEC)
RESULTS_SHOWN = 12
# Many ESCO occupations share their unit group's averaged profile; a cap keeps the list from being twelve
# variants of one job.
PER_UNIT_GROUP = 2
PROFESSIONALS_PER_OCCUPATION = 3
PEOPLE_SHOWN = 6  # people doing other close occupations (people_close_to) ...
PEOPLE_OCCUPATIONS = 150  # ... among this many closest occupations ...
PEOPLE_MIN_SIMILARITY = 0.5  # ... as close as this at least


def get_attempt_for_user(user, pk: int) -> QuizAttempt:
    """A quiz attempt is private to its user: anyone else gets a 404, whatever their role."""
    try:
        return QuizAttempt.objects.get(pk=pk, user=user)
    except QuizAttempt.DoesNotExist:
        raise Http404 from None


def unfinished_attempt(user) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(user=user, finished_at__isnull=True).first()


def finished_attempts(user) -> list[QuizAttempt]:
    return list(QuizAttempt.objects.filter(user=user, finished_at__isnull=False).order_by("-finished_at", "-id"))


@dataclass
class Match:
    occupation: Occupation
    similarity: float
    professionals: list

    @property
    def percent(self) -> int:
        return max(0, round(self.similarity * 100))


def occupation_similarities(scores: dict[str, float]) -> list[tuple[float, str, int, int]]:
    """(-similarity, English name, id, unit group id) of every occupation whose RIASEC profile correlates positively
    with `scores`, closest first (one query: the six numbers of every occupation with a profile). Never one in
    gambling: the quiz is for minors (careers.selectors.GAMBLING_OCCUPATIONS)."""
    student = [scores[dim] for dim in RIASEC]
    rows = (Occupation.objects.filter(realistic__isnull=False).exclude(esco_uri__in=gambling_uris())
            .values_list("id", "isco_group_id", "label_en", *RIASEC))
    ranked = []
    for pk, unit, label, *profile in rows:
        similarity = correlation(student, profile)
        # A negative correlation is the opposite of the student's profile: not a match, however few the others.
        if similarity is not None and similarity > 0:
            ranked.append((-similarity, label, pk, unit))
    ranked.sort()
    return ranked


def closest_occupations(scores: dict[str, float], *, limit: int = RESULTS_SHOWN,
                        per_unit_group: int = PER_UNIT_GROUP, ranked=None) -> list[Match]:
    """Occupations ranked by the correlation between their RIASEC profile and `scores`, best first (`ranked`:
    occupation_similarities(scores), if already read). Then one query for the chosen occupations themselves."""
    ranked = occupation_similarities(scores) if ranked is None else ranked
    chosen, per_unit = [], {}
    for negative, _label, pk, unit in ranked:
        if per_unit.get(unit, 0) >= per_unit_group:
            continue
        per_unit[unit] = per_unit.get(unit, 0) + 1
        chosen.append((pk, -negative))
        if len(chosen) == limit:
            break
    occupations = Occupation.objects.only(*OCCUPATION_FIELDS).in_bulk([pk for pk, _similarity in chosen])
    return [Match(occupations[pk], similarity, []) for pk, similarity in chosen]


def people_close_to(ranked, viewer, viewer_schools, *, shown: list[Match], limit: int = PEOPLE_SHOWN,
                    full=None) -> list[dict]:
    """Professionals doing an occupation close to the student's profile other than those of `shown` (whose people are
    listed with them): few occupations have someone on the platform yet, so the closest jobs alone often show nobody.
    One per occupation, the closest occupations first (among the PEOPLE_OCCUPATIONS closest, at least
    PEOPLE_MIN_SIMILARITY), and in each the one linked to the viewer's school, else the nearest, else the most recent
    (as attach_professionals, `full` as there). Cards as attach_professionals makes them, with the occupation's
    `percent`.

    Which occupations someone does is read first from the listing columns (listed_profiles), stopping at the first
    professional of each (a popular job has a thousand), then only the chosen ones are read through the visibility
    rules themselves."""
    shown_ids = {match.occupation.pk for match in shown}
    similarity = {}
    for negative, _label, pk, _unit in ranked:
        if -negative < PEOPLE_MIN_SIMILARITY or len(similarity) >= PEOPLE_OCCUPATIONS:
            break
        if pk not in shown_ids:
            similarity[pk] = -negative
    if not similarity:
        return []
    someone = listed_profiles(viewer, full=full).filter(occupation_id=OuterRef("pk"))
    done = set(Occupation.objects.filter(pk__in=list(similarity)).filter(Exists(someone)).values_list("pk", flat=True))
    chosen = sorted(done, key=lambda pk: (-similarity[pk], pk))[:limit]
    matches = [Match(Occupation(pk=pk), similarity[pk], []) for pk in chosen]
    attach_professionals(matches, viewer, viewer_schools, per_occupation=1, full=full)
    return [{**match.professionals[0], "percent": match.percent} for match in matches if match.professionals]


def attach_professionals(matches: list[Match], viewer, viewer_schools,
                         *, per_occupation: int = PROFESSIONALS_PER_OCCUPATION, full=None) -> None:
    """Public profiles doing each occupation: linked to the viewer's school first, then the nearest to it, then
    the most recently published; ranked per occupation in SQL, so the nearest are found among any number.

    Goes through gallery_profiles(viewer), the one place that decides who a viewer may see (`full`:
    capacity_reached(), if already read for a student).
    """
    by_occupation = {match.occupation.pk: match for match in matches}
    if not by_occupation:
        return
    ordering = [F("linked").desc()]
    profiles = (gallery_profiles(viewer, full=full).filter(occupation_id__in=by_occupation)
                .alias(linked=linked_to(viewer_schools)))
    school = school_with_place(viewer_schools)
    if school is not None:
        profiles = profiles.alias(
            squared_km=squared_km_from("place__", school.place.latitude, school.place.longitude)
        )
        ordering.append(F("squared_km").asc(nulls_last=True))
    ordering += [F("published_at").desc(), F("pk").desc()]
    profiles = profiles.annotate(
        rank_in_occupation=Window(RowNumber(), partition_by=[F("occupation_id")], order_by=ordering)
    ).filter(rank_in_occupation__lte=per_occupation)
    for profile in sorted(profiles, key=lambda profile: profile.rank_in_occupation):
        by_occupation[profile.occupation_id].professionals.append(
            {"profile": profile, "shared_links": shared_link_phrases(profile, viewer_schools)}
        )
